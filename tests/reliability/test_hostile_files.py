"""Issue 9, item 4: hostile project files. A file someone else prepared is checked before it is read.

A view planted under a table's name (`CREATE VIEW changes AS WITH RECURSIVE ...`) made `merge` spin
forever while holding the team's write lock; a trigger, an extra column or a table without its
CHECK rules were taken as a project. Now `Project.open` and `merge` compare the file's schema with
what its migrations create and refuse anything else, and merge's reads of a file are bounded in
time as a second line of defence.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "team"))
from teamkit import dump, sample_team  # noqa: E402

import annotator.team.merge as merge_mod  # noqa: E402
from annotator.storage.project import NotAProjectError, Project  # noqa: E402
from annotator.storage.schema import KNOWN_MIGRATIONS  # noqa: E402
from annotator.team.assign import assign  # noqa: E402
from annotator.team.merge import MergeError, merge_file  # noqa: E402
from reliakit import REPO, child_env  # noqa: E402

ENDLESS_CHANGES = [
    "DROP TABLE changes",
    "CREATE VIEW changes(seq, id, ts, annotator, article_id, action, kind, ref, payload) AS"
    " WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"
    " SELECT x, 'c' || x, '', 'mona', '', '', 'do', '', '{}' FROM c",
]
DAMAGES = {
    "view under a table's name": (ENDLESS_CHANGES, "'changes' is a view, not a table"),
    "trigger": (["CREATE TRIGGER wipe AFTER INSERT ON stances BEGIN DELETE FROM article_status; END"],
                "unexpected trigger 'wipe'"),
    "extra column": (["ALTER TABLE stances ADD COLUMN extra TEXT"], "table 'stances' has another definition"),
    "table without its CHECK rules": ([
        "DROP TABLE evidence",
        'CREATE TABLE evidence (id TEXT PRIMARY KEY, stance_id TEXT NOT NULL, start INTEGER NOT NULL,'
        ' "end" INTEGER NOT NULL, created_at TEXT NOT NULL)',
        "CREATE INDEX evidence_stance ON evidence(stance_id)",
    ], "table 'evidence' has another definition"),
    "extra view": (["CREATE VIEW v AS SELECT 1"], "unexpected view 'v'"),
}


def damaged(path: Path, statements: list[str]) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")
    for st in statements:
        conn.execute(st)
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.fixture
def team_and_file(tmp_path):
    team = sample_team(tmp_path / "team.annotator")
    files = assign(team, ["mona"], tmp_path / "files", overlap=0.0).files
    return team, files["mona"]


def test_a_view_planted_under_changes_does_not_make_merge_spin(team_and_file, tmp_path):
    """Bug: `annotator merge` read the endless view and never ended, holding the team's write lock."""
    team, mona = team_and_file
    damaged(mona, ENDLESS_CHANGES)
    before = dump(team.path)
    team.close()
    started = time.monotonic()
    try:
        result = subprocess.run([sys.executable, "-m", "annotator", "merge", str(tmp_path / "team.annotator"),
                                 str(mona)], capture_output=True, text=True, env=child_env(), cwd=REPO, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("merge of a file with an endless view ran for more than 60 s")
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"{mona}: not an annotator project" in result.stderr and "'changes' is a view" in result.stderr
    assert time.monotonic() - started < 60
    assert dump(tmp_path / "team.annotator") == before
    stats = subprocess.run([sys.executable, "-m", "annotator", "stats", str(mona)], capture_output=True, text=True,
                           env=child_env(), cwd=REPO, timeout=60)
    assert stats.returncode == 2 and "'changes' is a view, not a table" in stats.stderr, stats.stderr


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_tampered_schema_is_refused_by_open_and_merge_and_the_file_is_left_alone(team_and_file, damage):
    """Bug: a file with a planted trigger, an extra column or a table without its CHECK rules was
    opened (and merged) as a project."""
    team, mona = team_and_file
    statements, message = DAMAGES[damage]
    data = damaged(mona, statements)
    with pytest.raises(NotAProjectError, match=message):
        Project.open(mona)
    before = dump(team.path)
    with pytest.raises(MergeError, match=message):
        merge_file(team, mona)
    assert dump(team.path) == before
    assert mona.read_bytes() == data


def test_every_frozen_schema_version_still_passes_the_check(tmp_path):
    import shutil

    for frozen in sorted((REPO / "tests" / "data").glob("schema-v*.annotator")):
        copy = tmp_path / frozen.name
        shutil.copy(frozen, copy)
        Project.open(copy).close()
        Project.open(copy).close()  # and again, upgraded


def test_a_read_that_does_not_end_is_stopped_and_the_team_lock_released(team_and_file, monkeypatch):
    """The second line of defence: with the schema check bypassed, merge's read of the endless
    view is stopped by its time budget, and the team project is writable again at once."""
    team, mona = team_and_file
    damaged(mona, ENDLESS_CHANGES)
    monkeypatch.setattr(merge_mod, "verify_schema", lambda conn: list(KNOWN_MIGRATIONS))
    monkeypatch.setattr(merge_mod, "READ_BUDGET", 0.5)
    before = dump(team.path)
    started = time.monotonic()
    with pytest.raises(MergeError, match=r"one read took more than 0.5 s and was stopped .*nothing was merged"):
        merge_file(team, mona, owner="mona")
    assert time.monotonic() - started < 20
    assert dump(team.path) == before
    other = sqlite3.connect(team.path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # the write lock is free
    other.rollback()
    other.close()
