"""A short session through the real start-up path, then the project reopened from disk."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import AUTHOR
from annotator.storage.project import Project
from annotator.ui.app import build_main_window

from helpers import drag_select, find_span, key, pick_actor, visible_selection

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
