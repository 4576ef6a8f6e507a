"""'The project is open elsewhere': the presence record, the GUI notice, the CLI note, stale entries."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from annotator.cli import main
from annotator.storage.presence import Holder, Presence, presence_file
from annotator.ui.app import build_main_window
from reliakit import REPO, Lines, child_env

HOLDER = """
import sys
from annotator.storage.presence import Presence
p = Presence(sys.argv[1], sys.argv[2], sys.argv[3])
print(len(p.enter()), flush=True)
sys.stdin.readline()
p.leave()
"""


def hold(path, program: str, annotator: str = "") -> subprocess.Popen:
    """Another process that has the project open until its stdin closes."""
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), program, annotator], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, env=child_env(), cwd=REPO)
    assert Lines(proc.stdout).read(60) is not None  # it has entered
    return proc


def test_two_processes_see_each_other_and_a_killed_one_is_ignored(sample_path):
    me = Presence(sample_path, "gui", "ali")
    assert me.enter() == []
    other = hold(sample_path, "import")
    try:
        [seen] = me.others()
        assert (seen.pid, seen.program, seen.is_here()) == (other.pid, "import", True)
        os.kill(other.pid, signal.SIGKILL)
        other.wait(timeout=30)
        assert me.others() == []  # its entry is still in the file, but the process is gone
        assert any(h["pid"] == other.pid for h in json.loads(presence_file(sample_path).read_text())["holders"])
        again = Presence(sample_path, "import")
        assert again.enter() == [me.me]  # entering drops the stale entry
        holders = json.loads(presence_file(sample_path).read_text())["holders"]
        assert sorted(h["pid"] for h in holders) == [os.getpid(), os.getpid()]
        again.leave()
    finally:
        other.stdin.close()
        other.wait(timeout=30)
    me.leave()
    assert not presence_file(sample_path).exists()


def test_a_reused_pid_a_zombie_and_a_broken_record_count_as_gone(tmp_path, sample_path):
    mine = Presence(sample_path, "gui").me
    assert mine.is_alive()
    assert not Holder("x", os.getpid(), mine.host, "1", "gui", "", mine.since).is_alive()  # another start time
    zombie = subprocess.Popen(["true"])
    while not open(f"/proc/{zombie.pid}/stat").read().split(") ")[1].startswith("Z"):
        time.sleep(0.01)  # exited, not yet reaped
    assert not Holder("z", zombie.pid, mine.host, "", "gui", "", mine.since).is_alive()
    zombie.wait()
    elsewhere = Holder("y", 1, "another-host", "", "gui", "mona", mine.since)
    assert elsewhere.is_alive()  # cannot be checked from here: kept
    presence_file(sample_path).write_text('{"holders": [{"pid": ', encoding="utf-8")  # half written
    p = Presence(sample_path, "gui")
    assert p.others() == [] and p.enter() == []
    assert len(json.loads(presence_file(sample_path).read_text())["holders"]) == 1
    p.leave()


def test_the_window_says_the_project_is_open_elsewhere_and_releases_it_on_close(qtbot, sample_path, settings):
    other = hold(sample_path, "gui", "mona")
    window = build_main_window(sample_path, settings, annotator="ali", record_time=False)
    qtbot.addWidget(window)
    try:
        notice = window.presence_notice
        assert notice.isVisible()
        text = notice.label.text()
        assert "also open elsewhere" in text and "annotation window of mona" in text and "F5" in text
        other.stdin.close()
        other.wait(timeout=30)
        window.refresh_action.trigger()
        assert not notice.isVisible()
        [me] = json.loads(presence_file(sample_path).read_text())["holders"]
        assert (me["program"], me["annotator"], me["pid"]) == ("gui", "ali", os.getpid())
    finally:
        window.close()
    assert not presence_file(sample_path).exists()


def test_writing_commands_note_other_holders_on_stderr(sample_path, capsys):
    window = Presence(sample_path, "gui", "ali")
    window.enter()
    try:
        assert main(["suggest", str(sample_path)]) == 0
        err = capsys.readouterr().err
        assert err.count("\n") == 1
        assert "annotator suggest: note:" in err and "also open elsewhere (the annotation window of ali" in err
        assert main(["stats", str(sample_path)]) == 0  # reading: no note
        assert capsys.readouterr().err == ""
        assert window.others() == []  # the command left the record when it ended
    finally:
        window.leave()
    assert main(["suggest", str(sample_path)]) == 0
    assert capsys.readouterr().err == ""
