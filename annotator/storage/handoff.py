"""Handing a project file to someone else: checkpoints that empty the -wal, and one-file copies.

A project in WAL mode keeps its newest edits in `P-wal` until a checkpoint copies them into `P`.
Annotators hand their file back by copying it; after a crash, `P` alone lacks every edit since
the last checkpoint. So the window checkpoints (TRUNCATE: the -wal is emptied) when it closes,
after a pause in editing, and after opening a file whose -wal still held edits; and `pack` writes
one self-contained file (`VACUUM INTO`) that holds everything, whatever state the -wal is in.

Nothing here opens the project file with Python: closing a descriptor of it would drop this
process's SQLite locks on it (see `Project.open`).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
from pathlib import Path

# the files beside a project that belong to it: writing a copy onto one of them would destroy it
COMPANIONS = ("-wal", "-shm", "-journal", ".open")


class PackError(ValueError):
    """A copy that cannot be written where asked; nothing was written."""


def checkpoint(conn: sqlite3.Connection) -> bool:
    """Copy the -wal into the project file and empty the -wal, without waiting for anyone.

    Returns True when the -wal is now empty. Returns False, having done what it could, when another
    connection is writing or still reading an older state (it is tried once, not waited for: a
    window must not freeze), inside an open transaction, on a closed connection, or when the file
    cannot be written.
    """
    try:
        if conn.in_transaction:
            return False
        timeout = conn.execute("PRAGMA busy_timeout").fetchone()[0]
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout)}")
    except sqlite3.Error:  # also a closed connection
        return False
    return busy == 0


def check_new_output(target: Path, project_path: Path) -> None:
    """Raise PackError unless `target` is a name where nothing exists yet, in an existing folder.

    Refuses an existing file (never overwritten), the project itself or one of its companion files
    (-wal, -shm, -journal, .open, even when absent now), a device, a FIFO, a folder and any symbolic
    link, dangling or not.
    """
    own = Path(os.path.abspath(project_path))
    absolute = Path(os.path.abspath(target))
    if absolute == own or any(absolute == own.with_name(own.name + extra) for extra in COMPANIONS):
        raise PackError(f"{target}: is the project file or one of its companion files; choose another name")
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        pass
    else:
        raise PackError(f"{target}: {_kind(mode)} already exists there (nothing is ever overwritten);"
                        " choose a new file name")
    if not absolute.parent.is_dir():
        raise PackError(f"{target}: the folder {absolute.parent} does not exist")


def _kind(mode: int) -> str:
    """What a file of `mode` is, for a message."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return "a pipe or socket"
    return "a file"


def pack(conn: sqlite3.Connection, project_path: Path, target: str | os.PathLike) -> Path:
    """Write a consistent, self-contained copy of the project (no -wal needed) to the new file `target`.

    Uses `VACUUM INTO` a temporary file created exclusively in the target's folder, then links it
    to `target`, which fails rather than replace anything that appeared there meanwhile. Raises
    PackError for a refused target (see `check_new_output`) and OSError or sqlite3.Error when the
    copy cannot be written; the temporary is removed then, and `target` is not created.
    """
    target = Path(target)
    check_new_output(target, project_path)
    folder = Path(os.path.abspath(target)).parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    tmp = Path(tmp_name)
    try:
        umask = os.umask(0o22)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)
        os.close(fd)
        fd = -1
        # a read-only project's connection refuses writes (query_only); VACUUM INTO writes only the copy
        query_only = conn.execute("PRAGMA query_only").fetchone()[0]
        conn.execute("PRAGMA query_only = OFF")
        try:
            conn.execute("VACUUM INTO ?", (str(tmp),))
        finally:
            conn.execute(f"PRAGMA query_only = {int(query_only)}")
        try:
            os.link(tmp, target)
        except FileExistsError:
            raise PackError(f"{target}: appeared while the copy was written; nothing was overwritten") from None
        except OSError:  # a file system without hard links: rename, after looking once more
            check_new_output(target, project_path)
            os.rename(tmp, target)
    finally:
        if fd >= 0:
            os.close(fd)
        tmp.unlink(missing_ok=True)
    return target
