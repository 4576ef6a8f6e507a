"""Issue 9, item 11 (assign part): a round is handed out all or nothing, even under SIGKILL.

Bug: SIGKILL during `annotator assign` left complete-looking annotator files for a round the team
project never recorded, and the rerun was refused ("already exists"). `assign_child.py` runs the
real `assign` and kills itself at a chosen point (after the k-th file is written, right after the
round's commit, after the k-th file is moved into place); other runs of `annotator assign` are
killed by the test at random moments. After every kill: a file under its final name exists only
for a round the team project recorded; then `annotator assign` run again succeeds, leaves every
annotator's file in place with exactly their recorded share, no temporaries, one round, and each
file merges as its owner's.
"""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "team"))
from teamkit import sample_team  # noqa: E402

from annotator.storage.project import Project  # noqa: E402
from annotator.team.merge import merge_file  # noqa: E402
from reliakit import REPO, child_env  # noqa: E402

CHILD = Path(__file__).resolve().parent / "assign_child.py"
NAMES = ["ali", "mona", "omar"]
ASSIGN = ["--annotators", ",".join(NAMES), "--overlap", "0.5", "--seed", "1"]


def team_state(team: Path) -> tuple[set[int], object]:
    conn = sqlite3.connect(f"{team.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rounds = {r[0] for r in conn.execute("SELECT DISTINCT round FROM assignments")}
        pending = conn.execute("SELECT value FROM settings WHERE key = 'assign_pending'").fetchone()
        return rounds, (pending[0] if pending else None)
    finally:
        conn.close()


def check_after_kill(team: Path, out: Path) -> None:
    rounds, _ = team_state(team)
    finals = sorted(p.name for p in out.glob("*.annotator")) if out.exists() else []
    if not rounds:
        assert finals == [], f"files {finals} for a round the team project never recorded"
    for name in finals:  # a file under its final name is complete and belongs to the recorded round
        with Project.open(out / name) as p:
            assert p.setting("team_round") in rounds and p.setting("handout")


def check_rerun(tmp_path: Path, team: Path, out: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "annotator", "assign", str(team), *ASSIGN, "--out", str(out)],
                            capture_output=True, text=True, env=child_env(), cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"{n}.annotator" for n in NAMES]  # no temporaries left
    rounds, pending = team_state(team)
    assert rounds == {1} and pending in (None, "null")
    with Project.open(team) as p:
        for name in NAMES:
            with Project.open(out / f"{name}.annotator") as f:
                assert f.article_ids() == [r["article_id"] for r in p.assignments(name)]
            assert merge_file(p, out / f"{name}.annotator").annotators == [name]


POINTS = [("file", 1), ("file", 3), ("commit", 0), ("move", 1), ("move", 2)]


@pytest.mark.parametrize("point, n", POINTS, ids=[f"{p}-{n}" for p, n in POINTS])
def test_a_kill_at_each_step_of_assign_leaves_all_or_nothing_and_a_rerun_works(tmp_path, point, n):
    sample_team(tmp_path / "team.annotator").close()
    team, out = tmp_path / "team.annotator", tmp_path / "out"
    child = subprocess.run([sys.executable, str(CHILD), str(team), str(out), point, str(n)],
                           capture_output=True, text=True, env=child_env(), cwd=REPO, timeout=120)
    assert child.returncode == -signal.SIGKILL, (child.stdout, child.stderr)
    rounds, pending = team_state(team)
    assert bool(rounds) == (point != "file") and bool(pending) == (point != "file")
    check_after_kill(team, out)
    check_rerun(tmp_path, team, out)


def test_assign_killed_at_random_moments(tmp_path):
    rng = random.Random(20261127)
    for run in range(4):
        sample_team(tmp_path / f"team{run}.annotator").close()
        team, out = tmp_path / f"team{run}.annotator", tmp_path / f"out{run}"
        proc = subprocess.Popen([sys.executable, "-m", "annotator", "assign", str(team), *ASSIGN, "--out", str(out)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=child_env(), cwd=REPO)
        deadline = time.monotonic() + 30
        while not (out.exists() and any(out.iterdir())) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.001)  # the kill lands while files are being written, committed or moved
        time.sleep(rng.uniform(0, 0.05))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        check_after_kill(team, out)
        check_rerun(tmp_path, team, out)
