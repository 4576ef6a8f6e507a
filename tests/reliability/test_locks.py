"""Reopening a project inside one process keeps SQLite's locks (issue 9, item 1).

POSIX locks belong to a process and a file: closing *any* descriptor of the project file drops
every lock the process holds on it. `Project.open` used to read the file's header with Python's
`open()`/`close()` while another connection to the file was open in the same process (the window
switching language or annotator, or the API opening a project twice). The next program to open
and close the file (even `annotator stats`) then believed it was the last one, checkpointed and
deleted `P-wal`/`P-shm` under the live connection: the window said "All changes saved", nobody
else saw the edits, and they were gone when it closed (or the next write failed with "disk I/O
error").

Each test here writes through a connection that lived through such a reopen, lets another process
open and close the file, writes again, and checks with a fresh connection that every write is in
the file; the -wal must still exist while the connection is open.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from annotator.core.model import AUTHOR
from annotator.storage.project import Project
from annotator.ui.app import AppController, build_main_window
from annotator.ui import dialogs as dialogs_module
from reliakit import REPO, child_env


def other_program_reads(path: Path) -> None:
    """`annotator stats P` in another process: opens and closes the project file."""
    out = subprocess.run([sys.executable, "-m", "annotator", "stats", str(path)], capture_output=True, text=True,
                         env=child_env(), cwd=REPO, timeout=120)
    assert out.returncode == 0, out.stderr


def settings_in_file(path: Path, keys: list[str]) -> dict:
    """The settings `keys` as a fresh connection (a third program) sees them."""
    conn = sqlite3.connect(path)
    try:
        marks = ",".join("?" * len(keys))
        return dict(conn.execute(f"SELECT key, value FROM settings WHERE key IN ({marks})", keys).fetchall())
    finally:
        conn.close()


def wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def test_reopening_in_one_process_keeps_the_locks_bug_wal_deleted_under_a_live_connection(tmp_path):
    """Regression: `q = Project.open(p); first.close()`, another process reads the file, and the
    -wal was deleted under `q` (its next write: "disk I/O error", or lost)."""
    path = tmp_path / "p.annotator"
    Project.create(path).close()
    first = Project.open(path)
    first.set_setting("w1", 1)
    second = Project.open(path)  # the reopen: a second connection while the first is open
    first.close()
    other_program_reads(path)
    assert wal(path).exists(), "another program deleted the -wal of a live connection"
    second.set_setting("w2", 2)
    third = Project.open(path)  # and again, the other way round: open and close beside `second`
    third.set_setting("w3", 3)
    third.close()
    other_program_reads(path)
    assert wal(path).exists(), "another program deleted the -wal of a live connection"
    second.set_setting("w4", 4)
    assert settings_in_file(path, ["w1", "w2", "w3", "w4"]) == {"w1": "1", "w2": "2", "w3": "3", "w4": "4"}
    second.close()
    assert settings_in_file(path, ["w1", "w2", "w3", "w4"]) == {"w1": "1", "w2": "2", "w3": "3", "w4": "4"}


def test_a_refused_file_does_not_drop_the_locks_of_an_open_project(tmp_path):
    """The header check now done by SQLite: a junk file is still refused with "not an SQLite file",
    left unchanged (no -wal/-shm created beside it), and the open project keeps its locks."""
    path = tmp_path / "p.annotator"
    junk = tmp_path / "junk.annotator"
    junk.write_bytes(b"hello, not sqlite at all" * 10)
    Project.create(path).close()
    with Project.open(path) as p:
        p.set_setting("before", 1)
        try:
            Project.open(junk)
        except Exception as e:
            assert "not an SQLite file" in str(e) and str(junk) in str(e)
        else:
            raise AssertionError("a junk file was opened as a project")
        other_program_reads(path)
        p.set_setting("after", 2)
        assert settings_in_file(path, ["before", "after"]) == {"before": "1", "after": "2"}
    assert junk.read_bytes() == b"hello, not sqlite at all" * 10
    assert sorted(f.name for f in tmp_path.iterdir()) == ["junk.annotator", "p.annotator"]


def test_importing_a_folder_that_holds_the_project_keeps_the_locks(tmp_path):
    """Regression: the import read the first bytes of every file, the project file and its -wal/-shm
    among them, before noticing it was the project, and dropped the importer's locks."""
    from annotator.ingest import import_paths

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("تركيا تحذر من عملية الرقة\nقال الوزير إن تركيا لن تقبل.\n", encoding="utf-8")
    path = folder / "p.annotator"
    Project.create(path).close()
    os.link(path, tmp_path / "hardlink.annotator")
    with Project.open(path) as p:
        p.set_setting("before", 1)
        report = import_paths(p, [str(folder), str(tmp_path / "hardlink.annotator")], suggest=False)
        assert report.imported == 1
        skipped = " ".join(why for _origin, why in report.skipped)
        assert "project file itself" in skipped
        other_program_reads(path)
        assert wal(path).exists()
        p.set_setting("after", 2)
        assert settings_in_file(path, ["before", "after"]) == {"before": "1", "after": "2"}


def test_merging_a_file_open_in_this_process_keeps_its_locks(tmp_path):
    """Regression: merge read the header of the annotator's file with Python's open()/close(),
    dropping the locks of a connection to that file open in the same process."""
    from annotator.team.assign import assign
    from annotator.team.merge import merge_file
    from annotator.sample import create_sample_project

    team_path = create_sample_project(tmp_path / "team.annotator")
    with Project.open(team_path) as team:
        assign(team, ["ali"], tmp_path / "out", overlap=0)
    ali_path = tmp_path / "out" / "ali.annotator"
    with Project.open(team_path) as team, Project.open(ali_path) as ali:
        aid = next(iter(ali.iter_articles()))["id"]
        ali.set_stance(aid, AUTHOR, "TUR", "AGAINST", "ali")
        merge_file(team, ali_path)
        other_program_reads(ali_path)
        assert wal(ali_path).exists()
        ali.set_setting("after", 2)
        assert settings_in_file(ali_path, ["after"]) == {"after": "2"}


def _stance_labels(path: Path, annotator: str) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT label FROM stances WHERE annotator = ? ORDER BY label", (annotator,))]
    finally:
        conn.close()


def _edit_in_window(window, label: str) -> None:
    from annotator.ui.commands import SetStanceCommand

    session = window.session
    aid = session.state.article_id
    assert session.perform(lambda: SetStanceCommand(session, aid, AUTHOR, "TUR", label))


def test_window_language_switch_keeps_the_locks(qtbot, sample_path, settings):
    """Regression: after switching the interface language (the window reopens the project), another
    program running `annotator stats` deleted the -wal; the window's edits then vanished."""
    window = build_main_window(sample_path, settings, annotator="tester", record_time=False)
    qtbot.addWidget(window)
    controller = window.findChild(AppController)
    try:
        _edit_in_window(window, "FAVOR")
        arabic = next(a for a in window.project_menu.language_menu.actions() if a.text() == "العربية")
        arabic.trigger()
        QApplication.processEvents()
        new = controller.window
        assert new is not window
        qtbot.addWidget(new)
        other_program_reads(sample_path)
        assert wal(sample_path).exists(), "another program deleted the -wal under the open window"
        _edit_in_window(new, "AGAINST")
        assert _stance_labels(sample_path, "tester") == ["AGAINST"]
    finally:
        controller.restore_language("en")
        controller.window.close()
    assert _stance_labels(sample_path, "tester") == ["AGAINST"]


def test_window_annotator_switch_keeps_the_locks(qtbot, sample_path, settings, monkeypatch):
    """Regression: the same after switching the annotator (File -> Switch annotator)."""
    window = build_main_window(sample_path, settings, annotator="tester", record_time=False)
    qtbot.addWidget(window)
    controller = window.findChild(AppController)
    _edit_in_window(window, "FAVOR")
    monkeypatch.setattr(dialogs_module.QInputDialog, "getText", lambda *a, **k: ("basma", True))
    next(a for a in window.project_menu.menu.actions() if a.text() == "Switch &annotator…").trigger()
    QApplication.processEvents()
    new = controller.window
    qtbot.addWidget(new)
    try:
        assert new is not window and new.session.annotator == "basma"
        other_program_reads(sample_path)
        assert wal(sample_path).exists(), "another program deleted the -wal under the open window"
        _edit_in_window(new, "NONE")
        _edit_in_window(new, "AGAINST")
        assert _stance_labels(sample_path, "basma") == ["AGAINST"]
        other_program_reads(sample_path)
        new.session.undo_stack.undo()
        assert _stance_labels(sample_path, "basma") == ["NONE"]
    finally:
        new.close()
    assert _stance_labels(sample_path, "tester") == ["FAVOR"]
    assert _stance_labels(sample_path, "basma") == ["NONE"]
