"""A bulk write into a project (an import): settings for its duration, and the copy of the write-ahead
log into the project file done beside it.

SQLite copies the log into the file (a checkpoint) in the writing connection, at the commit that
makes the log longer than 1,000 pages: on an import that is a fifth of the time of its commits,
spent while articles wait. During a bulk write a second connection, in a thread of its own, copies
what each commit wrote (a passive checkpoint: it never blocks the writer nor waits for it) while
the writer goes on; the writer's own checkpoints are off until the end.

SQLite starts the log again from its beginning only when a write transaction begins with every frame
of it copied, which never happens while a writer commits faster than a copy done beside it ends:
the log grew to the size of everything the import wrote (100 MB for 35 MB of JSON Lines, a second
copy of a whole large project). So once the log holds `RESTART_BYTES`, the writer waits for the
copy under way to end and copies the rest itself (a batch's worth), and its next transaction
starts the log again.
"""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .project import Project


RESTART_BYTES = 64 << 20


class Checkpointer:
    """Passive checkpoints of the project at `path` in a thread, one after each `committed()`. The
    thread and its connection start at the first commit: the import forks its worker process
    before, which it can only do while this process runs no other thread."""

    def __init__(self, path: Path):
        self.path = path
        self.conn: sqlite3.Connection | None = None
        self._wake = threading.Event()
        self._idle = threading.Event()  # set while no checkpoint is under way
        self._idle.set()
        self._stop = False
        self._thread: threading.Thread | None = None
        self.log_frames = 0  # frames in the log at the last checkpoint

    def committed(self) -> None:
        if self._thread is None:
            # SQLite keeps the locks of all its connections to one file in a process together:
            # this connection closing never drops the writer's.
            self.conn = sqlite3.connect(str(self.path), isolation_level=None, check_same_thread=False)
            self._thread = threading.Thread(target=self._run, name="checkpoint", daemon=True)
            self._thread.start()
        self._idle.clear()
        self._wake.set()

    def wait(self) -> None:
        """Until no checkpoint is under way."""
        self._idle.wait()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stop:
                return
            try:
                self.log_frames = self._checkpoint()
            except sqlite3.Error:  # busy, or the disk: the writer's next checkpoint copies it
                pass
            finally:
                if not self._wake.is_set():
                    self._idle.set()

    def _checkpoint(self) -> int:
        """A passive checkpoint; the frames in the log."""
        return self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]  # type: ignore[union-attr]

    def close(self) -> None:
        """Stop (after the checkpoint under way, if any); what the last commits wrote is copied by the
        writer's next automatic checkpoint, or when the project is closed."""
        if self._thread is None:
            return
        self._stop = True
        self._wake.set()
        self._thread.join()
        self.conn.close()


class BulkWrite:
    """The settings of a bulk write on `project`'s connection, and its checkpointer; a context manager
    (`Project.bulk_write()`).

    Meanwhile: commits do not wait for the disk (`synchronous = NORMAL`: a crash of the machine
    may lose the last batches, never damage the file), the full-text index has a large buffer
    (`Project.tune_index_for_import`), and checkpoints are made beside the writer (call
    `committed()` after each commit)."""

    def __init__(self, project: Project):
        self.project, self.conn = project, project.conn
        self.checkpointer: Checkpointer | None = None

    def __enter__(self) -> "BulkWrite":
        conn = self.conn
        self.autocheckpoint = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
        self.frame_bytes = conn.execute("PRAGMA page_size").fetchone()[0] + 24  # a log frame: page + header
        conn.execute("PRAGMA synchronous = NORMAL")
        self.project.tune_index_for_import()
        self.checkpointer = Checkpointer(self.project.path)
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        return self

    def committed(self) -> None:
        """After each commit of the bulk write: a checkpoint beside the writer, or, once the log holds
        `RESTART_BYTES`, the end of it in the writer, so that its next transaction starts the log again."""
        cp = self.checkpointer
        if cp is None:
            return
        if cp.log_frames * self.frame_bytes < RESTART_BYTES:
            cp.committed()
            return
        cp.wait()
        cp.log_frames = 0
        try:
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:  # busy (another program reads an old snapshot): tried again later
            pass

    def __exit__(self, *exc) -> None:
        try:
            if self.checkpointer is not None:
                self.checkpointer.close()
        finally:
            self.conn.execute(f"PRAGMA wal_autocheckpoint = {int(self.autocheckpoint)}")
            self.conn.execute("PRAGMA synchronous = FULL")

