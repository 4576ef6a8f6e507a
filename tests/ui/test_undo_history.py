"""Issue 10 item 3: the window's undo reaches back into the change log.

Bug pinned: after reopening a project (or switching language or annotator) Edit → Undo was greyed
and Ctrl+Z did nothing; only `annotator undo` worked. The window now fills its undo stack from the
same change-log stacks `Project.undo/redo` use, and names each edit ("Undo stance TUR AGAINST").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import AUTHOR
from annotator.storage.project import Project
from annotator.ui.app import AppController, build_main_window

from uikit import key

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _open(qtbot, project_path, settings, annotator="tester"):
    win = build_main_window(project_path, settings, annotator=annotator)
    assert win is not None
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.activateWindow()
    return win


def test_undo_after_restart_names_the_edit_and_undoes_it(qtbot, project_path, settings):
    """Regression: after a restart Edit → Undo was greyed although the change log held the edit."""
    win = _open(qtbot, project_path, settings)
    aid = win.session.state.article_id
    win.stance_panel.select_target("TUR")
    win.article_view.setFocus()
    key(qtbot, win.article_view, K.Key_2)
    assert win.annotation_actions.undo.text() == "Undo stance TUR AGAINST"
    win.close()

    win = _open(qtbot, project_path, settings)
    undo = win.annotation_actions.undo
    assert undo.isEnabled()
    assert undo.text() == "Undo stance TUR AGAINST"
    win.article_view.setFocus()
    key(qtbot, win.article_view, K.Key_Z, CTRL)
    with Project.open(project_path) as db:
        assert db.stances(aid, "tester") == []
        assert [c["kind"] for c in db.changes(annotator="tester")] == ["do", "undo"]
    assert not undo.isEnabled()
    win.close()

    # the undone edit can be redone after another restart
    win = _open(qtbot, project_path, settings)
    assert win.annotation_actions.redo.text() == "Redo stance TUR AGAINST"
    win.article_view.setFocus()
    key(qtbot, win.article_view, K.Key_Z, CTRL | SHIFT)
    with Project.open(project_path) as db:
        [stance] = db.stances(aid, "tester")
        assert (stance.holder, stance.target, stance.label) == (AUTHOR, "TUR", "AGAINST")
        assert [c["kind"] for c in db.changes(annotator="tester")] == ["do", "undo", "redo"]
    win.close()


def test_window_history_matches_the_command_line_stacks(qtbot, project_path, settings):
    """Edits, an undo, then a restart: the window's stack is the one `annotator undo` would use."""
    with Project.open(project_path) as db:
        aid = db.article_ids()[0]
        db.set_stance(aid, AUTHOR, "TUR", "AGAINST", "tester")
        db.set_stance(aid, AUTHOR, "USA", "FAVOR", "tester")
        db.set_stance(aid, "TUR", "YPG", "AGAINST", "tester")
        db.undo("tester")
    win = _open(qtbot, project_path, settings)
    stack = win.session.undo_stack
    assert [stack.text(i) for i in range(stack.count())] == [
        "stance TUR AGAINST", "stance USA FAVOR", "stance TUR → YPG AGAINST"]
    assert stack.index() == 2
    win.article_view.setFocus()
    key(qtbot, win.article_view, K.Key_Z, CTRL)
    key(qtbot, win.article_view, K.Key_Z, CTRL)
    with Project.open(project_path) as db:
        assert db.stances(aid, "tester") == []
        assert db.undo("tester") is None  # the window and the command line agree: nothing left
    win.close()


def test_switching_language_or_annotator_keeps_the_history(qtbot, window, settings):
    """Regression: switching language or annotator wiped the window's undo history."""
    controller = window.findChild(AppController)
    window.stance_panel.select_target("TUR")
    window.article_view.setFocus()
    key(qtbot, window.article_view, K.Key_2)
    arabic = next(a for a in window.project_menu.language_menu.actions() if a.text() == "العربية")
    arabic.trigger()
    QApplication.processEvents()
    new = controller.window
    qtbot.addWidget(new)
    try:
        assert new is not window
        assert new.annotation_actions.undo.isEnabled()
        assert "TUR" in new.annotation_actions.undo.text()
        # another annotator has their own history; back to tester, the edit is still undoable
        controller._reopen("other")
        other = controller.window
        qtbot.addWidget(other)
        assert not other.annotation_actions.undo.isEnabled()
        controller._reopen("tester")
        back = controller.window
        qtbot.addWidget(back)
        assert back.annotation_actions.undo.isEnabled()
        back.annotation_actions.undo.trigger()
        with Project.open(back.session.project.path) as db:
            assert db.stances(back.session.state.article_id, "tester") == []
    finally:
        controller.restore_language("en")
        controller.window.close()
