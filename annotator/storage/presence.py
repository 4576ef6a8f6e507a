"""Who else has a project open: a small JSON file beside the project, `PROJECT.open`.

SQLite already keeps two processes on one project file safe (WAL, one writer at a time, every
edit checked against the rows it expects). This record only lets a program *tell the user* that
the project is also open elsewhere: the GUI shows a notice, a writing CLI command prints a line.

Each open window or running command adds one entry (pid, host, process start time, program,
annotator, since) and removes it when it closes. A process that was killed cannot remove its
entry, so every read drops the entries of processes on this host that no longer run (a pid that is
gone, a zombie, or a pid now used by a process that started at another time). Entries from other
hosts (a project on a shared folder) cannot be checked and are kept. The file is read and written
under an exclusive `flock`, and replaced atomically through an exclusively created temporary
file (`.PROJECT.open.PID-RANDOM.part`), so a crash while writing never leaves half a record and a
link planted at the record's or the temporary's name is never followed; a record that cannot be read counts as empty. It is advisory: when the folder is not
writable, nothing is recorded and nobody is reported.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import socket
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from .safe_files import exclusive_temp

SUFFIX = ".open"


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _proc_stat(pid: int) -> tuple[str, str] | None:
    """(state, start time in clock ticks since boot) of a process from /proc, or None when there
    is no such process or no /proc."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read().decode("ascii", "replace")
    except OSError:
        return None
    fields = stat[stat.rfind(")") + 2:].split()  # the command name may contain spaces and parentheses
    return fields[0], fields[19]


def _process_start(pid: int) -> str:
    stat = _proc_stat(pid)
    return stat[1] if stat else ""


def process_alive(pid: int, started: str = "") -> bool:
    """Whether process `pid` of this host still runs: False when it is gone, a zombie, or (with
    `started`, its start time from /proc) a pid now used by a process that started at another time."""
    if Path("/proc/self/stat").exists():
        stat = _proc_stat(pid)
        return stat is not None and stat[0] not in ("Z", "X") and started in ("", stat[1])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        pass
    return True


@dataclass(frozen=True)
class Holder:
    """One program that has the project open."""

    id: str  # one per open window or command: a process may hold the project twice
    pid: int
    host: str
    started: str  # the process's start time from /proc ("" where there is no /proc)
    program: str  # "gui" or the CLI command, e.g. "import"
    annotator: str
    since: str  # ISO 8601, UTC

    def is_here(self) -> bool:
        return self.host == socket.gethostname()

    def is_alive(self) -> bool:
        """False when the process is on this host and no longer runs (killed, exited, zombie)."""
        return not self.is_here() or process_alive(self.pid, self.started)

    @classmethod
    def from_dict(cls, d: dict) -> "Holder":
        return cls(str(d["id"]), int(d["pid"]), str(d["host"]), str(d.get("started", "")), str(d.get("program", "")),
                   str(d.get("annotator", "")), str(d.get("since", "")))


def presence_file(project_path: str | os.PathLike) -> Path:
    path = Path(project_path)
    return path.with_name(path.name + SUFFIX)


class Presence:
    """This process's entry in the project's presence record.

    `enter()` adds it and returns the others; `others()` reads them again; `leave()` removes it.
    """

    def __init__(self, project_path: str | os.PathLike, program: str, annotator: str = ""):
        self.file = presence_file(project_path)
        pid = os.getpid()
        self.me = Holder(secrets.token_hex(8), pid, socket.gethostname(), _process_start(pid), program, annotator, _now())
        self.entered = False

    def enter(self) -> list[Holder]:
        """Record that this process has the project open; returns the other live holders."""
        try:
            holders = self._update(add=True)
        except OSError:
            return []
        self.entered = True
        return [h for h in holders if h.id != self.me.id]

    def others(self) -> list[Holder]:
        """The other programs that have the project open now (stale entries ignored)."""
        try:
            with open(self.file, encoding="utf-8") as fh:
                holders = _parse(fh.read())
        except OSError:
            return []
        return [h for h in holders if h.id != self.me.id and h.is_alive()]

    def leave(self) -> None:
        """Remove this process's entry (and the file, when nobody else is left)."""
        if not self.entered:
            return
        self.entered = False
        try:
            self._update(add=False)
        except OSError:
            pass

    def __enter__(self) -> "Presence":
        self.enter()
        return self

    def __exit__(self, *exc) -> None:
        self.leave()

    def _update(self, *, add: bool) -> list[Holder]:
        """Rewrite the record under its lock: live entries, minus ours, plus ours when `add`."""
        while True:
            # O_NOFOLLOW: a link planted at the record's name is an error (nothing recorded), not followed
            fd = os.open(self.file, os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_NOFOLLOW, 0o666)
            with open(fd, "a+", encoding="utf-8") as fh:
                fcntl.flock(fh, fcntl.LOCK_EX)
                try:
                    same = os.fstat(fh.fileno()).st_ino == os.stat(self.file).st_ino
                except FileNotFoundError:
                    same = False
                if not same:  # replaced or removed while we waited for the lock: lock the new one
                    continue
                fh.seek(0)
                holders = [h for h in _parse(fh.read()) if h.id != self.me.id and h.is_alive()]
                if add:
                    holders.append(self.me)
                if holders:
                    fd, tmp = exclusive_temp(self.file)  # O_EXCL: never through a link planted at its name
                    try:
                        with open(fd, "w", encoding="utf-8") as out:
                            out.write(json.dumps({"holders": [asdict(h) for h in holders]}, ensure_ascii=False))
                        os.replace(tmp, self.file)
                    except BaseException:
                        tmp.unlink(missing_ok=True)
                        raise
                else:
                    self.file.unlink(missing_ok=True)
                return holders


def _parse(text: str) -> list[Holder]:
    try:
        return [Holder.from_dict(d) for d in json.loads(text)["holders"]]
    except (ValueError, KeyError, TypeError):
        return []
