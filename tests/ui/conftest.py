"""Shared fixtures for the GUI tests: offscreen Qt, isolated settings, small real projects."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from annotator.storage.project import Project  # noqa: E402
from uikit import build_project  # noqa: E402


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return build_project(tmp_path / "test.annotator")


@pytest.fixture
def settings(tmp_path: Path):
    from annotator.ui.settings import AppSettings

    return AppSettings.at(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot, project_path, settings):
    """The real main window on the test project, annotator 'tester', first article open."""
    from annotator.ui.app import build_main_window

    win = build_main_window(project_path, settings, annotator="tester")
    assert win is not None
    qtbot.addWidget(win)
    with qtbot.waitActive(win):  # single-key shortcuts only reach the active window
        win.activateWindow()
    yield win
    win.close()


@pytest.fixture
def db(project_path):
    """A second connection to the project file, to check what was really written."""
    project = Project.open(project_path)
    yield project
    project.close()
