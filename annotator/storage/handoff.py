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
from pathlib import Path

from .safe_files import UnsafeOutputError, check_output_path, companions, new_file

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


def pack(conn: sqlite3.Connection, project_path: Path, target: str | os.PathLike) -> Path:
    """Write a consistent, self-contained copy of the project (no -wal needed) to the new file `target`.

    `VACUUM INTO` a temporary file made by `safe_files.new_file`, which links it to `target` and so
    never replaces a file, even one that appeared meanwhile. Raises UnsafeOutputError (a ValueError)
    for a target `check_output_path` refuses (the project or a companion file, a device, a FIFO, a
    folder, a link, a project or SQLite file) or that exists, ValueError when its folder does not
    exist, and OSError or sqlite3.Error when the copy cannot be written; then `target` is not created.
    """
    target = Path(target)
    if (os.path.isfile(target) and not os.path.islink(target)
            and not any(os.path.exists(c) and os.path.samefile(target, c) for c in companions(project_path))):
        raise UnsafeOutputError(f"{target}: already exists (nothing is ever overwritten); choose a new file name")
    target = check_output_path(target, protect=[project_path])
    folder = Path(os.path.abspath(target)).parent
    if not folder.is_dir():  # new_file would create it: a mistyped folder should not appear
        raise ValueError(f"{target}: the folder {folder} does not exist")
    with new_file(target) as tmp:
        # a read-only project's connection refuses writes (query_only); VACUUM INTO writes only the copy
        query_only = conn.execute("PRAGMA query_only").fetchone()[0]
        conn.execute("PRAGMA query_only = OFF")
        try:
            conn.execute("VACUUM INTO ?", (str(tmp),))
        finally:
            conn.execute(f"PRAGMA query_only = {int(query_only)}")
    return target
