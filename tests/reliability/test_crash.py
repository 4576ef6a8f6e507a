"""Crash injection: a child editing through the GUI's session is killed with SIGKILL, again and again.

Each run of `crash_child.py` opens the same project (the sample project, growing as runs go on),
performs seeded edits through `AnnotationSession.perform` and the undo stack, and acknowledges
each committed edit on stdout. The test kills it with SIGKILL (RUNS times in all), timed three ways:

- `ack`: right after its k-th acknowledgement (k from 0, so also while it opens the project), plus
  a random delay of up to 4 ms, which lands in the next edit, often in its transaction or commit;
- `stall`: the child's test-only hook sleeps inside a transaction (at a random SQL statement, up
  to COMMIT) and says so; the kill comes up to 2 ms later, so it always lands mid-transaction;
- `timer`: at a random moment in the first 80 ms.

After every kill the file is checked as a fresh process would see it: `PRAGMA integrity_check` is
ok and `foreign_key_check` finds no orphan (evidence without its stance, ...); every acknowledged
edit is in the change log with the payload that was acknowledged; replaying the log from the
snapshot taken before the first run gives exactly the rows in the tables, and each entry's
`before` matches the replayed rows, so no edit is there in part (no rows without their log entry,
no log entry without its rows); at most one edit committed without being acknowledged (the one
the kill interrupted between commit and print); the killed child's presence entry is recognised
as stale. After every GUI_EVERY-th kill and after the last one, the project is also opened in the
real main window (offscreen, `build_main_window`, about 150 ms each, hence not after every kill):
it shows an article with the stances stored for it, counts every article, shows no "open
elsewhere" notice for the killed child, and leaves no presence record behind when closed.

The first DIRECT_RUNS runs are fresh `python crash_child.py run` processes; the others are forked
from a `crash_child.py serve` process that has imported everything once (Python and Qt start-up
would otherwise dominate the test's time). Either way the killed process is the one editing.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest
from PySide6.QtCore import QCoreApplication, QEvent

from annotator.ingest import import_paths
from annotator.storage.presence import Presence, presence_file
from annotator.storage.project import Project
from annotator.ui.app import build_main_window
from reliakit import CHILD, REPO, ChildServer, Ledger, Lines, check_file, child_env, parse

RUNS = 220
DIRECT_RUNS = 3
GUI_EVERY = 4
ANNOTATOR = "crash"
SEED = 20261121


def drive(lines: Lines, pid: int, mode: str, rng: random.Random) -> tuple[list[dict], bool]:
    """Read the child's lines until the moment chosen by `mode`, then SIGKILL it.

    Returns the acknowledgements read so far and whether the kill came while the child held a
    transaction open (it had said `stall`)."""
    acks: list[dict] = []
    stalled = False
    wanted = rng.randint(0, 15)
    kill_at = time.monotonic() + (rng.uniform(0, 0.08) if mode == "timer" else 20)
    while True:
        if mode == "ack" and len(acks) >= wanted:
            time.sleep(rng.uniform(0, 0.004))
            break
        line = lines.read(max(0.0, kill_at - time.monotonic()))
        if line is None:
            break  # the timer ran out (or, failing the test below, the child stopped talking)
        tag, fields = parse(line)
        assert tag != "fail", f"the session refused an edit: {fields}"
        if tag == "ack":
            acks.append(fields)
        elif tag == "stall":
            stalled = True
            time.sleep(rng.uniform(0, 0.002))
            break
    os.kill(pid, signal.SIGKILL)
    return acks, stalled


def stances_stored(path, article_id: str) -> int:
    with sqlite3.connect(str(path)) as conn:
        return conn.execute("SELECT count(*) FROM stances WHERE article_id = ? AND annotator = ?",
                            (article_id, ANNOTATOR)).fetchone()[0]


def open_in_gui(path, settings) -> None:
    """The project opens in the real main window after the crash (see the module docstring)."""
    window = build_main_window(path, settings, annotator=ANNOTATOR, record_time=False)
    assert window is not None, "the project did not open in the GUI"
    try:
        state = window.session.state
        assert state is not None
        assert window.article_list.model.total == 2
        assert len(state.stances) == stances_stored(path, state.article_id)
        assert window.presence_notice.isHidden(), "a killed child still counts as having the project open"
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not presence_file(path).exists()


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_edit(tmp_path, sample_path, settings, qapp):
    path = sample_path
    with sqlite3.connect(str(path)) as conn:
        ledger = Ledger(conn)
    rng = random.Random(SEED)
    tally: Counter = Counter()
    server = ChildServer(tmp_path / "child-stderr.log")
    try:
        for run in range(RUNS):
            mode = "ack" if run < DIRECT_RUNS else rng.choices(["ack", "stall", "timer"], [45, 35, 20])[0]
            env = {"CRASH_CHILD_STALL": f"{rng.uniform(0.01, 0.08):.3f}"} if mode == "stall" else {}
            args = [str(path), run, ANNOTATOR]
            if run < DIRECT_RUNS:
                child = subprocess.Popen([sys.executable, str(CHILD), "run", *map(str, args)],
                                         stdout=subprocess.PIPE, env={**child_env(), **env}, cwd=REPO)
                lines = Lines(child.stdout)
                acks, stalled = drive(lines, child.pid, mode, rng)
                assert child.wait(timeout=30) == -signal.SIGKILL
                while (line := lines.read(1)) is not None:
                    tag, fields = parse(line)
                    acks += [fields] if tag == "ack" else []
                child.stdout.close()
            else:
                pid = server.start(args, env)
                acks, stalled = drive(server.lines, pid, mode, rng)
                tail: list[str] = []
                ended = server.reap(pid, tail)
                assert ended["signal"] == signal.SIGKILL, (ended, (tmp_path / "child-stderr.log").read_text())
                acks += [parse(line)[1] for line in tail if line.startswith("ack ")]
            problems, unacked = check_file(path, ledger, acks)
            assert problems == [], f"run {run} ({mode}): " + "\n".join(problems[:10])
            assert unacked <= 1, f"run {run}: {unacked} edits committed after the last acknowledgement"
            assert Presence(path, "test").others() == [], "a killed child still counts as having the project open"
            if run % GUI_EVERY == 0 or run == RUNS - 1:
                open_in_gui(path, settings)
                tally["opened in the GUI"] += 1
            tally[mode] += 1
            tally["mid-transaction"] += stalled
            tally["acknowledged edits"] += len(acks)
            tally["committed, not yet acknowledged"] += unacked
    finally:
        server.close()
    print(dict(tally))
    assert sum(tally[m] for m in ("ack", "stall", "timer")) == RUNS >= 200
    assert tally["mid-transaction"] >= 50
    assert tally["acknowledged edits"] >= 500
    actions = {row[0] for row in sqlite3.connect(str(path)).execute("SELECT DISTINCT action FROM changes")}
    assert {"add_mention", "set_mention", "delete_mention", "set_stance", "update_stance", "delete_stance",
            "add_evidence", "remove_evidence", "set_status", "set_segment_kind", "set_gold"} <= actions


def test_edits_are_synced_on_commit_and_import_restores_it(tmp_path, sample_path):
    """WAL with synchronous=FULL: a committed (acknowledged) edit survives a power cut, not just a
    killed process. Import relaxes it for speed and must put it back, also when it fails."""
    with Project.open(sample_path) as p:
        assert p.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert p.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        article = tmp_path / "one.txt"
        article.write_text("قالت تركيا إنها لن تقبل.\n", encoding="utf-8")
        assert import_paths(p, [article]).imported == 1
        assert p.conn.execute("PRAGMA synchronous").fetchone()[0] == 2

        def stop(*_):
            raise RuntimeError("stopped")

        other = tmp_path / "two.txt"
        other.write_text("وقالت واشنطن إنها تدعم القرار.\n", encoding="utf-8")
        with pytest.raises(RuntimeError):
            import_paths(p, [other], progress=stop)
        assert p.conn.execute("PRAGMA synchronous").fetchone()[0] == 2
