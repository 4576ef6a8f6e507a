"""The real application under a real X server (Xvfb), driven with xdotool like a user.

`python main.py PROJECT` runs in a subprocess with its own settings folder; xdotool drags the
mouse over the article and presses the annotation keys; after Ctrl+Q the rows are read from the
project file. Skipped when Xvfb or xdotool is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from annotator.storage.project import Project

REPO = Path(__file__).parents[2]
pytestmark = [
    pytest.mark.xvfb,
    pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="needs Xvfb and xdotool"),
]


def free_display() -> str:
    for n in range(90, 140):
        if not Path(f"/tmp/.X11-unix/X{n}").exists() and not Path(f"/tmp/.X{n}-lock").exists():
            return f":{n}"
    pytest.skip("no free X display number")


@contextmanager
def running_xvfb(*options: str) -> Iterator[str]:
    """An Xvfb server on a free display (with extra `options`, e.g. -noreset); yields the display."""
    display = free_display()
    server = subprocess.Popen(["Xvfb", display, *options, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.skip("Xvfb did not start")
            time.sleep(0.1)
        yield display
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def xserver():
    with running_xvfb() as display:
        yield display


class Desktop:
    """xdotool on one display."""

    def __init__(self, display: str):
        self.env = {**os.environ, "DISPLAY": display}

    def run(self, *args: str) -> str:
        out = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=30)
        return out.stdout.strip()

    def window(self, title: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.run("search", "--onlyvisible", "--name", title).split()
            if found:
                return found[-1]
            time.sleep(0.2)
        raise AssertionError(f"no window titled {title!r} appeared")

    def geometry(self, window: str) -> tuple[int, int, int, int]:
        values = dict(line.split("=") for line in self.run("getwindowgeometry", "--shell", window).splitlines())
        return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])

    def keys(self, *keys: str, pause: float = 0.3) -> None:
        for key in keys:
            self.run("key", "--clearmodifiers", key)
            time.sleep(pause)


def start_app(display: str, project_path: Path, tmp_path: Path) -> subprocess.Popen:
    """The real app (`python main.py PROJECT`) on the X server `display`, as annotator "xvfb", with
    its settings and data in `tmp_path`."""
    config = tmp_path / "config"
    (config / "annotator").mkdir(parents=True)
    (config / "annotator" / "annotator.conf").write_text("[annotator]\nname=xvfb\n", encoding="utf-8")
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "XDG_CONFIG_HOME": str(config),
           "XDG_DATA_HOME": str(tmp_path / "data")}
    return subprocess.Popen([sys.executable, str(REPO / "main.py"), str(project_path)], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def test_annotate_with_a_real_mouse_and_keyboard(xserver, project_path, tmp_path):
    app = start_app(xserver, project_path, tmp_path)
    desktop = Desktop(xserver)
    try:
        window = desktop.window("annotator")
        time.sleep(1.5)
        desktop.run("windowfocus", "--sync", window)
        x, y, width, height = desktop.geometry(window)
        # the article text is in the middle column, right-aligned: drag across its third line
        right = x + width - 420 - 40
        line = y + 185
        desktop.run("mousemove", "--sync", str(right), str(line))
        desktop.run("mousedown", "1")
        desktop.run("mousemove", "--sync", str(right - 60), str(line))
        desktop.run("mousemove", "--sync", str(right - 130), str(line))
        desktop.run("mouseup", "1")
        time.sleep(0.5)
        desktop.keys("m")
        desktop.window("Mention of which actor?")
        desktop.run("type", "--delay", "80", "TUR")
        time.sleep(0.4)
        desktop.keys("Return")
        desktop.run("windowfocus", "--sync", window)
        desktop.keys("ctrl+Home", "n", "a", "2", "ctrl+Return", "ctrl+q")
        app.wait(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
        output = app.communicate()[0]
    assert app.returncode == 0, output

    with Project.open(project_path) as project:
        first = project.article_ids()[0]
        text = project.article_text(first)
        manual = [m for m in project.mentions(first) if m.origin == "manual" and m.annotator == "xvfb"]
        assert len(manual) == 1, output
        start, end = manual[0].start, manual[0].end
        print("dragged and tagged:", text[start:end], "prefix:", manual[0].prefix)
        assert manual[0].actor_id == "TUR"
        # snapped to whole words: nothing of a word is left outside the span but a known clitic prefix
        assert end == len(text) or not text[end].isalnum()
        assert text[start - len(manual[0].prefix) - 1] in " \n"
        accepted = [m for m in project.mentions(first) if m.status == "accepted" and m.origin == "auto"]
        assert len(accepted) == 1
        stances = project.stances(first, "xvfb")
        assert [(s.target, s.label) for s in stances] == [(accepted[0].actor_id, "AGAINST")]
        status = project.status(first, "xvfb")
        assert status["status"] == "done" and status["seconds"] > 0
