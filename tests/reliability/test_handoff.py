"""Handing a project file back after a crash (issue 9, item 13).

Annotators send their work back by copying `P.annotator`. In WAL mode the newest edits live in
`P-wal` until a checkpoint; a window that crashed left them there, and the copied file alone lost
them. The window now checkpoints (TRUNCATE) when it closes, after a pause in editing and when it
opens a file whose -wal still held edits; `annotator pack P -o FILE` and File -> "Save a copy to
send…" write one self-contained file.

Every copy of `P` here is made by `cp` in another process, as a user would: opening the project
file in this process while a connection is open would drop that connection's locks.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from annotator.core.model import AUTHOR
from annotator.storage.project import Project
from annotator.ui.app import build_main_window
from annotator.ui.commands import SetStanceCommand
from annotator.ui.session import CHECKPOINT_AFTER_MS
from reliakit import REPO, child_env


def copy_alone(path: Path, folder: Path) -> Path:
    """`cp P folder/` in another process: the project file alone, as annotators hand it back."""
    folder.mkdir(exist_ok=True)
    subprocess.run(["cp", str(path), str(folder)], check=True)
    return folder / path.name


def stances(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT annotator, label FROM stances ORDER BY annotator, label").fetchall()
    finally:
        conn.close()


def wal_size(path: Path) -> int:
    try:
        return path.with_name(path.name + "-wal").stat().st_size
    except FileNotFoundError:
        return 0


def edit(window, label: str) -> None:
    session = window.session
    aid = session.state.article_id
    assert session.perform(lambda: SetStanceCommand(session, aid, AUTHOR, "TUR", label))


@pytest.fixture
def other_reader(sample_path):
    """Another program with the project open: closing the window is then not the last close, so
    SQLite itself would not checkpoint."""
    conn = sqlite3.connect(sample_path)
    conn.execute("SELECT count(*) FROM articles").fetchone()
    yield conn
    conn.close()


def test_closing_the_window_checkpoints_so_the_file_alone_holds_every_edit(qtbot, sample_path, settings,
                                                                           other_reader, tmp_path):
    """Regression: after the window closed (another program still having the project open), the
    edits were only in P-wal; the copied P.annotator lacked them."""
    window = build_main_window(sample_path, settings, annotator="ali", record_time=False)
    qtbot.addWidget(window)
    edit(window, "AGAINST")
    assert wal_size(sample_path) > 0
    window.close()
    assert wal_size(sample_path) == 0
    assert stances(copy_alone(sample_path, tmp_path / "sent")) == [("ali", "AGAINST")]


def pause_passes(timer) -> None:
    """The single-shot pause timer runs out. Fired by hand, not by waiting: the wait itself is Qt's
    (`interval` and `isActive` are checked), and a Qt event loop that was quit once in this process
    (tests/ui/test_end_to_end.py runs the real `app.exec()`) no longer delivers timer events."""
    assert timer.isActive()
    timer.stop()
    timer.timeout.emit()


def test_a_pause_in_editing_checkpoints_so_a_crash_loses_nothing_of_the_file_alone(qtbot, sample_path, settings,
                                                                                     tmp_path):
    """Regression: a window that crashed after editing left the edits in P-wal only."""
    assert CHECKPOINT_AFTER_MS == 30_000
    window = build_main_window(sample_path, settings, annotator="ali", record_time=False)
    qtbot.addWidget(window)
    try:
        timer = window.session.checkpoint_timer
        assert timer.interval() == CHECKPOINT_AFTER_MS and timer.isSingleShot() and not timer.isActive()
        edit(window, "FAVOR")
        assert timer.isActive() and wal_size(sample_path) > 0
        pause_passes(timer)
        # the window is still open (as if it were about to crash): the file alone must hold the edit
        assert wal_size(sample_path) == 0 and not timer.isActive()
        assert stances(copy_alone(sample_path, tmp_path / "sent")) == [("ali", "FAVOR")]
        edit(window, "AGAINST")  # the next edit starts the wait again
        assert timer.isActive()
    finally:
        window.close()


def test_the_pause_checkpoint_tries_again_when_another_program_was_reading(qtbot, sample_path, settings, tmp_path):
    """A checkpoint never waits (the window must not freeze): when another program holds an older
    snapshot it does what it can, and the session tries again after the next pause."""
    window = build_main_window(sample_path, settings, annotator="ali", record_time=False)
    qtbot.addWidget(window)
    reader = sqlite3.connect(sample_path, isolation_level=None)
    try:
        timer = window.session.checkpoint_timer
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM articles").fetchone()  # a snapshot from before the edit
        edit(window, "FAVOR")
        pause_passes(timer)  # the checkpoint meets the reader: it is tried again later
        assert wal_size(sample_path) > 0 and timer.isActive()
        reader.execute("COMMIT")
        pause_passes(timer)
        assert wal_size(sample_path) == 0 and not timer.isActive()
        assert stances(copy_alone(sample_path, tmp_path / "sent")) == [("ali", "FAVOR")]
    finally:
        reader.close()
        window.close()


CRASHER = """
import os, signal, sys
from annotator.storage.project import Project
p = Project.open(sys.argv[1])
p.set_setting("edited_before_the_crash", 1)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_opening_after_a_crash_checkpoints_the_recovered_edits(tmp_path, sample_path):
    """Regression: opening a file whose -wal held a crashed program's edits left them in the -wal, so
    the file copied while it was open (or after a second crash) still lacked them."""
    out = subprocess.run([sys.executable, "-c", CRASHER, str(sample_path)], env=child_env(), cwd=REPO)
    assert out.returncode == -signal.SIGKILL
    assert wal_size(sample_path) > 0
    with Project.open(sample_path) as p:
        assert p.setting("edited_before_the_crash") == 1
        assert wal_size(sample_path) == 0
        copy = copy_alone(sample_path, tmp_path / "sent")
    conn = sqlite3.connect(copy)
    assert conn.execute("SELECT value FROM settings WHERE key = 'edited_before_the_crash'").fetchone() == ("1",)
    conn.close()


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True,
                          env=child_env(), cwd=REPO, timeout=120)


def test_pack_writes_one_self_contained_file_while_edits_are_only_in_the_wal(tmp_path, sample_path):
    with Project.open(sample_path) as p:  # a live connection: its edits stay in the -wal
        aid = next(iter(p.iter_articles()))["id"]
        p.set_stance(aid, AUTHOR, "TUR", "AGAINST", "ali")
        assert wal_size(sample_path) > 0
        target = tmp_path / "out" / "ali-sent.annotator"
        target.parent.mkdir()
        out = run_cli("pack", str(sample_path), "-o", str(target))
        assert out.returncode == 0, out.stderr
        assert str(target) in out.stdout
        p.set_stance(aid, AUTHOR, "USA", "FAVOR", "ali")  # the project goes on as before
    assert stances(sample_path) == [("ali", "AGAINST"), ("ali", "FAVOR")]
    assert sorted(f.name for f in target.parent.iterdir()) == ["ali-sent.annotator"]  # no -wal, no temporary
    header = sqlite3.connect(target).execute("PRAGMA journal_mode").fetchone()
    assert header == ("delete",)  # a rollback-journal file: it never needs a -wal beside it
    assert stances(target) == [("ali", "AGAINST")]
    moved = copy_alone(target, tmp_path / "elsewhere")
    out = run_cli("stats", str(moved))
    assert out.returncode == 0 and "AGAINST 1" in out.stdout, out.stderr


@pytest.mark.parametrize("kind", ["existing", "empty", "project", "wal-name", "hardlink", "symlink", "dangling",
                                  "fifo", "folder", "device", "no-folder"])
def test_pack_refuses_every_output_it_could_destroy(tmp_path, sample_path, kind):
    """`pack` writes only a new file: never onto the project, a companion file, a device, a FIFO, a
    folder, a link or an existing file; it says why and exits non-zero, and nothing changes."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    target = {
        "existing": victim,
        "empty": tmp_path / "empty.annotator",
        "project": sample_path,
        "wal-name": sample_path.with_name(sample_path.name + "-wal"),
        "hardlink": tmp_path / "hard.annotator",
        "symlink": tmp_path / "link.annotator",
        "dangling": tmp_path / "dangling.annotator",
        "fifo": tmp_path / "fifo.annotator",
        "folder": tmp_path,
        "device": Path("/dev/null"),
        "no-folder": tmp_path / "missing" / "x.annotator",
    }[kind]
    if kind == "empty":
        target.touch()
    elif kind == "hardlink":
        os.link(sample_path, target)
    elif kind == "symlink":
        target.symlink_to(victim)
    elif kind == "dangling":
        target.symlink_to(tmp_path / "nowhere.annotator")
    elif kind == "fifo":
        os.mkfifo(target)
    before = {f.name: (f.lstat().st_mode, f.lstat().st_size) for f in tmp_path.iterdir()}
    project_bytes = sample_path.read_bytes()
    out = run_cli("pack", str(sample_path), "-o", str(target))
    assert out.returncode != 0
    assert "Traceback" not in out.stderr and str(target) in out.stderr
    assert {f.name: (f.lstat().st_mode, f.lstat().st_size) for f in tmp_path.iterdir()} == before
    assert sample_path.read_bytes() == project_bytes
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert not (tmp_path / "nowhere.annotator").exists()


def test_save_a_copy_to_send_from_the_window(qtbot, sample_path, settings, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window = build_main_window(sample_path, settings, annotator="ali", record_time=False)
    qtbot.addWidget(window)
    try:
        edit(window, "AGAINST")
        action = next(a for a in window.project_menu.menu.actions() if a.text() == "Save a &copy to send…")
        target = tmp_path / "ali-sent.annotator"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
        action.trigger()
        box = window.findChild(QMessageBox, "reportBox")
        assert box is not None and str(target) in box.text() and box.icon() == QMessageBox.Icon.Information
        box.close()
        assert stances(target) == [("ali", "AGAINST")]
        # the slot itself, with a path: an existing file is refused and left alone
        before = target.read_bytes()
        window.project_menu.save_copy(str(target))
        boxes = [b for b in window.findChildren(QMessageBox, "reportBox") if b.isVisible()]
        assert boxes and "already exists" in boxes[-1].text() and boxes[-1].icon() == QMessageBox.Icon.Warning
        assert target.read_bytes() == before
    finally:
        window.close()
