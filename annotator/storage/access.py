"""Whether this process may write a project file, and how to read one it may not write.

SQLite in WAL mode writes beside the project: `P-wal` and `P-shm` are created when a connection
opens it. So a project is writable only when the file is, and the folder is (or both companion
files exist and are writable). A project that is not writable (`chmod 444`, a shared read-only
folder, a CD) is opened read-only instead of failing with "unable to open database file":

- `mode=ro` reads the file and its -wal; in a writable folder SQLite creates the -shm it needs;
- in a read-only folder without a -shm, `mode=ro` cannot work; then, when no -wal holds edits,
  `immutable=1` reads the file alone (no locks: correct as long as nobody writes it meanwhile,
  which nobody without write permission can). When a -wal does hold edits it cannot be read
  without a -shm; the project is refused with what to do, never shown without those edits.

Only `os.access` and `stat` are used here: the project file is never opened with Python (that
would drop this process's SQLite locks on it, see `Project.open`).
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

WHAT_TO_DO = ("give yourself write permission on the file and its folder (chmod u+w), or copy the project "
              "to a folder you can write to")


def write_problem(path: Path) -> str:
    """Why this process may not write the existing project at `path`, or "" when it may."""
    if not os.access(path, os.W_OK):
        return "no write permission on the file"
    folder = Path(os.path.abspath(path)).parent
    if os.access(folder, os.W_OK | os.X_OK):
        return ""
    if all(os.access(f"{path}{extra}", os.W_OK) for extra in ("-wal", "-shm")):
        return ""
    return f"no write permission on its folder {folder}, where SQLite keeps the project's -wal and -shm files"


def create_problem(path: Path) -> str:
    """Why this process may not create a project at `path`, or "" when it may."""
    folder = Path(os.path.abspath(path)).parent
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        return f"no write permission on the folder {folder}"
    return ""


def wal_has_content(path: Path) -> bool:
    """Whether the project at `path` has a non-empty -wal beside it (stat only: never opened)."""
    try:
        return Path(f"{path}-wal").stat().st_size > 0
    except OSError:
        return False


def connect_read_only(path: Path, factory: type[sqlite3.Connection]) -> sqlite3.Connection:
    """A read-only connection to the project at `path` (see the module docstring for how).

    Raises PermissionError when the file cannot be read, or when its -wal holds edits that cannot
    be read in a read-only folder; sqlite3.DatabaseError for a file that is not a database.
    """
    if not os.access(path, os.R_OK):
        raise PermissionError(f"{path}: no permission to read the file; ask its owner to share it (chmod a+r)")
    uri = Path(os.path.abspath(path)).as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False,
                           factory=factory)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as e:
        conn.close()
        if wal_has_content(path):
            raise PermissionError(
                f"{path}: read-only, and its -wal file holds edits that were never written into the project "
                f"(the program that wrote them crashed or is still running); they cannot be read in a folder "
                f"without write permission ({e}). Copy {path.name} and {path.name}-wal together to a folder you "
                "can write to and open the copy there"
            ) from e
    except BaseException:
        conn.close()
        raise
    return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False,
                           factory=factory)
