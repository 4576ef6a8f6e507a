"""A short session through the real start-up path, then the project reopened from disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import AUTHOR
from annotator.storage.project import Project
from annotator.ui.app import build_main_window

from uikit import drag_select, find_span, key, pick_actor, visible_selection

K = Qt.Key


def test_session_survives_closing_and_reopening(qtbot, project_path, settings):
    window = build_main_window(project_path, settings, annotator="amal")
    qtbot.addWidget(window)
    view, state = window.article_view, window.session.state
    aid = state.article_id
    start, end = find_span(state.text, "الكردية")
    drag_select(qtbot, view, start, end)
    assert visible_selection(view) == "الكردية"
    key(qtbot, view, K.Key_M)
    pick_actor(qtbot, window, "YPG")
    window.stance_panel.select_target("TUR")
    key(qtbot, view, K.Key_1)
    ev_start, ev_end = find_span(state.text, "لن تقبل")
    drag_select(qtbot, view, ev_start, ev_end)
    key(qtbot, view, K.Key_E)
    window.annotation_actions.zoom(2)
    window.close()
    QApplication.processEvents()

    # the file holds everything, read without any GUI
    with Project.open(project_path) as project:
        [stance] = project.stances(aid, "amal")
        assert (stance.holder, stance.target, stance.label) == (AUTHOR, "TUR", "FAVOR")
        assert [(e.start, e.end) for e in stance.evidence] == [(ev_start, ev_end)]
        assert any((m.start, m.end, m.actor_id) == (start, end, "YPG") for m in project.mentions(aid))
        assert project.status(aid, "amal")["seconds"] > 0

    # a new window on the same settings: same annotator, same project, same font size, annotations shown
    again = build_main_window(settings.last_project, settings)
    qtbot.addWidget(again)
    assert again.session.annotator == "amal"
    assert str(again.session.project.path) == str(project_path.resolve())
    assert again.article_view.font().pointSize() == settings.font_size
    again.session.open_article(aid)
    panel = again.stance_panel
    panel.select_target("TUR")
    assert panel.current_stance().label == "FAVOR"
    assert [(e.start, e.end) for e in panel.current_stance().evidence] == [(ev_start, ev_end)]
    assert "amal" in again.status.annotator_label.text()
    again.close()


def test_run_gui_opens_the_last_project(qtbot, project_path, settings, monkeypatch):
    """run_gui's choice of project: the last one, else the sample project created on first run."""
    from annotator.ui import app as app_module

    settings.remember_project(project_path)
    assert app_module.default_project_path(settings) == project_path.resolve()
    created = []
    fresh = type(settings).at(project_path.parent / "fresh.ini")

    def fake_sample(path):
        created.append(path)
        Project.create(path).close()
        return path

    import annotator.sample

    monkeypatch.setattr(annotator.sample, "create_sample_project", fake_sample)
    monkeypatch.setattr("platformdirs.user_data_dir", lambda name: str(project_path.parent / "data"))
    path = app_module.default_project_path(fresh)
    assert created == [path] and path.exists() and path.parent == project_path.parent / "data"


@pytest.fixture
def user_settings(tmp_path):
    """Redirect the user's QSettings (what run_gui uses) to a temporary folder."""
    folder = tmp_path / "config"
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    yield folder
    # Qt's default on Linux
    default = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, default)


def test_run_gui_shows_the_project_and_returns_when_closed(qtbot, project_path, user_settings):
    """The real entry point, with the user settings redirected to a temporary folder."""
    from PySide6.QtCore import QTimer

    from annotator.ui.app import run_gui
    from annotator.ui.main_window import MainWindow

    seen = []

    def look_and_close():
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen.extend((w.session.annotator, w.session.state is not None) for w in windows)
        for w in windows:
            w.close()
        QApplication.quit()

    QTimer.singleShot(300, look_and_close)
    assert run_gui(str(project_path), annotator="rana") == 0
    assert seen == [("rana", True)]
    assert (user_settings / "annotator" / "annotator.conf").exists()
    with Project.open(project_path) as project:
        assert project.status(project.article_ids()[0], "rana")["seconds"] > 0


def test_run_gui_reports_a_file_that_is_not_a_project(qtbot, tmp_path, user_settings, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from annotator.ui.app import run_gui

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    not_a_project = tmp_path / "notes.txt"
    not_a_project.write_text("hello", encoding="utf-8")
    assert run_gui(str(not_a_project), annotator="rana") == 1
    assert shown and "not an annotator project" in shown[0]
