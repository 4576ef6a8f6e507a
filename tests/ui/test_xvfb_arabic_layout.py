"""Issue 10 item 2 in a real X server: Arabic as the only keyboard layout, keys pressed by keycode.

Xvfb runs with -noreset (it drops the keymap when its last client leaves), `setxkbmap ara` makes
Arabic the only layout, and xdotool presses physical keys by their evdev keycode (57 is N, 38 is A,
52 is Z, 24 is Q). Bug pinned: every letter shortcut did nothing with this layout. The effect of
each key is read from the project file.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest

from annotator.storage.project import Project
from test_xvfb import Desktop, running_xvfb, start_app

pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(not all(shutil.which(t) for t in ("Xvfb", "xdotool", "setxkbmap")),
                       reason="needs Xvfb, xdotool and setxkbmap"),
]


@pytest.fixture
def arabic_xserver():
    # -noreset: Xvfb drops the keymap set by setxkbmap when its last client disconnects
    with running_xvfb("-noreset") as display:
        env = {**os.environ, "DISPLAY": display}
        if subprocess.run(["setxkbmap", "ara"], env=env, capture_output=True).returncode != 0:
            pytest.skip("setxkbmap ara failed (no xkb data)")
        query = subprocess.run(["setxkbmap", "-query"], env=env, capture_output=True, text=True).stdout
        assert "layout:     ara" in query
        yield display


def test_letter_shortcuts_follow_the_physical_key_with_the_arabic_layout(arabic_xserver, project_path, tmp_path):
    with Project.open(project_path) as project:
        first = project.article_ids()[0]
        proposals = sorted((m for m in project.mentions(first) if m.status == "proposed"), key=lambda m: m.start)
    app = start_app(arabic_xserver, project_path, tmp_path)
    desktop = Desktop(arabic_xserver)
    try:
        window = desktop.window("annotator")
        time.sleep(1.5)
        desktop.run("windowfocus", "--sync", window)
        desktop.keys("ctrl+Home", "57", "38")  # N: first proposal, A: accept it
        desktop.keys("57", "38")  # and the second
        desktop.keys("ctrl+52")  # Ctrl+Z: undo the second acceptance
        time.sleep(0.5)
        with Project.open(project_path) as project:
            status = {m.id: m.status for m in project.mentions(first)}
        desktop.keys("ctrl+24")  # Ctrl+Q
        app.wait(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
        output = app.communicate()[0]
    assert app.returncode == 0, output
    assert status[proposals[0].id] == "accepted", output
    assert status[proposals[1].id] == "proposed", output
    with Project.open(project_path) as project:
        kinds = [(c["action"], c["kind"]) for c in project.changes(annotator="xvfb")]
    assert kinds == [("set_mention", "do"), ("set_mention", "do"), ("set_mention", "undo")]
