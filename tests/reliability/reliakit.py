"""Kit for the reliability tests: drive `crash_child.py`, and check a project file after a crash.

`Ledger` holds what the annotation tables must contain: a snapshot taken before any child ran,
then every change-log entry replayed on it in commit order. Replaying also checks that each entry's
`before` rows are exactly the rows at that point, so an edit that was applied over rows it did not
expect (a lost update) or a change log out of step with the tables is caught.
"""

from __future__ import annotations

import hashlib
import json
import os
import select
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from annotator.storage.project import EDITABLE_TABLES

HERE = Path(__file__).resolve().parent
CHILD = HERE / "crash_child.py"
REPO = HERE.parents[1]

# Tables edits write, with their primary-key columns: the storage's own list, so a table added
# to the change log is checked here too.
KEYS = EDITABLE_TABLES
# Time spent is added outside the change log (`Project.add_time`), so it is never compared.
UNLOGGED = {"article_status": {"seconds"}}


def child_env() -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}


def rows(conn: sqlite3.Connection, table: str) -> dict[tuple, dict]:
    cur = conn.execute(f"SELECT * FROM {table}")
    names = [d[0] for d in cur.description]
    out = {}
    for r in cur.fetchall():
        row = dict(zip(names, r))
        out[tuple(row[k] for k in KEYS[table])] = row
    return out


def same(table: str, expected: dict | None, actual: dict | None) -> bool:
    """Whether `actual` holds every column of `expected` with the same value (time spent aside)."""
    if expected is None or actual is None:
        return expected is actual
    skip = UNLOGGED.get(table, set())
    return all(k in actual and (k in skip or actual[k] == v) for k, v in expected.items())


def added_time_only(table: str, row: dict) -> bool:
    """A status row `Project.add_time` created (not an edit): 'in progress', no reason."""
    return table == "article_status" and row["status"] == "in progress" and row["reason"] == ""


class Ledger:
    """The expected contents of the edit tables; see the module docstring."""

    def __init__(self, conn: sqlite3.Connection):
        self.state = {t: rows(conn, t) for t in KEYS}
        self.seq = conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0]
        self.payloads: dict[str, tuple[int, str]] = {}  # change id -> (seq, payload)

    def catch_up(self, conn: sqlite3.Connection) -> list[str]:
        """Replay the change-log entries committed since the last call; returns the problems found."""
        problems = []
        for seq, cid, payload in conn.execute(
            "SELECT seq, id, payload FROM changes WHERE seq > ? ORDER BY seq", (self.seq,)
        ).fetchall():
            self.seq = seq
            self.payloads[cid] = (seq, payload)
            for c in json.loads(payload)["changes"]:
                table, key = c["table"], tuple(c["key"])
                current = self.state[table].get(key)
                before_ok = same(table, current, c["before"]) if current is not None else (
                    c["before"] is None or added_time_only(table, c["before"]))
                if not before_ok:
                    problems.append(f"change {seq} expected {table} {key} as {c['before']}, it was {current}")
                if c["after"] is None:
                    self.state[table].pop(key, None)
                else:
                    self.state[table][key] = c["after"]
        return problems

    def compare(self, conn: sqlite3.Connection) -> list[str]:
        """Problems where the tables differ from the replayed change log."""
        problems = []
        for table in KEYS:
            actual = rows(conn, table)
            expected = self.state[table]
            for key, row in expected.items():
                if not same(table, row, actual.get(key)):
                    problems.append(f"{table} {key}: expected {row}, found {actual.get(key)}")
            for key in actual.keys() - expected.keys():
                if not added_time_only(table, actual[key]):
                    problems.append(f"{table} {key}: a row no logged edit explains: {actual[key]}")
        return problems


def check_file(path: Path, ledger: Ledger, acks: list[dict]) -> tuple[list[str], int]:
    """Open the file as a new process would after a crash; returns (problems, change-log entries new
    since the previous check that were never acknowledged)."""
    conn = sqlite3.connect(str(path))
    try:
        problems = []
        integrity = conn.execute("PRAGMA integrity_check").fetchall()
        if integrity != [("ok",)]:
            problems.append(f"integrity_check: {integrity}")
        orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
        if orphans:
            problems.append(f"foreign_key_check: {orphans}")
        previous = ledger.seq
        problems += ledger.catch_up(conn)
        problems += ledger.compare(conn)
        new = {cid for cid, (seq, _) in ledger.payloads.items() if seq > previous}
        for ack in acks:
            logged = ledger.payloads.get(ack["id"])
            if logged is None:
                problems.append(f"acknowledged edit {ack} is not in the change log")
            elif logged[0] != ack["seq"] or hashlib.sha256(logged[1].encode()).hexdigest() != ack["sha"]:
                problems.append(f"acknowledged edit {ack['id']} differs in the change log")
        unacked = len(new - {a["id"] for a in acks})
        return problems, unacked
    finally:
        conn.close()


class Lines:
    """Lines from a pipe, with a deadline (select on the raw descriptor)."""

    def __init__(self, stream):
        self.fd = stream.fileno()
        self.buf = b""

    def read(self, timeout: float) -> str | None:
        """The next complete line, or None at the deadline or at end of file."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.fd], [], [], left)[0]:
                return None
            chunk = os.read(self.fd, 65536)
            if not chunk:
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode("utf-8")


def parse(line: str) -> tuple[str, dict]:
    tag, _, body = line.partition(" ")
    return tag, json.loads(body) if body else {}


class ChildServer:
    """`crash_child.py serve`: forks edit runs on request (see crash_child's docstring)."""

    def __init__(self, stderr_path: Path):
        self.stderr = open(stderr_path, "wb")
        self.proc = subprocess.Popen([sys.executable, str(CHILD), "serve"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=self.stderr, env=child_env(), cwd=REPO)
        self.lines = Lines(self.proc.stdout)

    def _ask(self, request: dict) -> None:
        self.proc.stdin.write((json.dumps(request) + "\n").encode())
        self.proc.stdin.flush()

    def _reply(self, key: str) -> dict:
        while True:
            line = self.lines.read(60)
            if line is None:
                raise RuntimeError("the child server stopped answering")
            if line.startswith("{") and key in json.loads(line):
                return json.loads(line)

    def start(self, args: list, env: dict | None = None) -> int:
        self._ask({"op": "run", "args": args, "env": env or {}})
        return self._reply("pid")["pid"]

    def reap(self, pid: int, tail: list[str]) -> dict:
        """Wait for the run `pid` to end; lines it wrote meanwhile are appended to `tail`."""
        self._ask({"op": "wait", "pid": pid})
        while True:
            line = self.lines.read(60)
            if line is None:
                raise RuntimeError("the child server stopped answering")
            if line.startswith("{") and "reaped" in json.loads(line):
                return json.loads(line)
            tail.append(line)

    def close(self) -> None:
        self.proc.stdin.close()
        self.proc.wait(timeout=30)
        self.stderr.close()
