"""Issue 10 item 1: new actors, aliases, corrections and merges from the window, undoable.

Bug pinned: typing a name no actor has (روسيا) in the actor box did nothing, with no message, and no
menu offered to create it; annotators had to leave for the command line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.storage.project import Project
from annotator.ui.actor_dialog import ActorDialog
from annotator.ui.actor_search import ActorPickerDialog

from uikit import drag_select, find_span, key, type_text

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def _dialog(window) -> ActorDialog:
    QApplication.processEvents()
    dialog = window.findChild(ActorDialog)
    assert dialog is not None and dialog.isVisible(), "the new-actor dialog did not open"
    return dialog


def test_unknown_name_in_the_actor_box_creates_an_actor_undoably(qtbot, window, db):
    panel, state = window.stance_panel, window.session.state
    panel.actor_field.setFocus()
    type_text(panel.actor_field, "الرقة")
    key(qtbot, panel.actor_field, K.Key_Return)
    dialog = _dialog(window)
    assert dialog.name_ar.text() == "الرقة" and dialog.alias_lines() == ["الرقة"]
    type_text(dialog.name_en, "Raqqa")
    assert dialog.code.text() == "RAQ"
    used = {a.color for a in db.actors()}
    assert dialog.color() not in used
    dialog.accept()
    QApplication.processEvents()
    db.reload_actors()
    raq = db.actor("RAQ")
    assert (raq.name_ar, raq.name_en, [a.surface for a in raq.aliases]) == ("الرقة", "Raqqa", ["الرقة"])
    assert db.changes(annotator="tester")[-1]["action"] == "add_actor"
    # its mentions are proposed in the open article at once
    here = [state.text[m.start:m.end] for m in db.mentions(state.article_id) if m.actor_id == "RAQ"]
    assert len(here) == 2 and all(t.endswith("رقة") for t in here)
    assert panel.current_target() == "RAQ"
    assert window.annotation_actions.undo.text() == "Undo new actor RAQ"

    # proposed in the whole project on request, with progress; one undoable edit
    others = [a for a in db.article_ids() if a != state.article_id]
    window.lexicon_actions.propose_everywhere.trigger()
    qtbot.waitUntil(lambda: window.lexicon_actions._progress is None, timeout=10000)
    found = {a: [m.status for m in db.mentions(a) if m.actor_id == "RAQ"] for a in others}
    assert sum(map(len, found.values())) >= 2 and {s for v in found.values() for s in v} == {"proposed"}
    assert window.annotation_actions.undo.text().startswith("Undo ") and "proposals of RAQ" in \
        window.annotation_actions.undo.text()
    window.article_view.setFocus()
    key(qtbot, window.article_view, K.Key_Z, CTRL)  # the proposals
    assert all(m.actor_id != "RAQ" for a in others for m in db.mentions(a))
    key(qtbot, window.article_view, K.Key_Z, CTRL)  # the actor, with its proposals here
    db.reload_actors()
    assert "RAQ" not in {a.id for a in db.actors()}
    assert all(m.actor_id != "RAQ" for m in db.mentions(state.article_id))


def test_new_actor_from_a_selection_accepts_its_mention(qtbot, window, db):
    view, state = window.article_view, window.session.state
    start, end = find_span(state.text, "وزير الخارجية")
    drag_select(qtbot, view, start, end)
    key(qtbot, view, K.Key_M)
    picker = window.findChild(ActorPickerDialog)
    assert picker is not None and picker.isVisible()
    picker.new_button.click()
    dialog = _dialog(window)
    assert dialog.alias_lines() == ["وزير الخارجية"]
    dialog.code.clear()
    type_text(dialog.code, "TURFM")
    dialog.accept()
    QApplication.processEvents()
    [mention] = [m for m in db.mentions(state.article_id) if m.actor_id == "TURFM"]
    assert (mention.start, mention.end, mention.status, mention.annotator) == (start, end, "accepted", "tester")


def test_alias_edit_and_merge_from_the_actors_menu(qtbot, window, db):
    view, state, panel = window.article_view, window.session.state, window.stance_panel
    actions = window.lexicon_actions
    start, end = find_span(state.text, "الكردية")
    drag_select(qtbot, view, start, end)
    key(qtbot, view, K.Key_L, CTRL | SHIFT)
    picker = window.findChild(ActorPickerDialog)
    type_text(picker.filter_edit, "YPG")
    key(qtbot, picker.filter_edit, K.Key_Return)
    db.reload_actors()
    assert "الكردية" in [a.surface for a in db.actor("YPG").aliases]

    panel.select_target("CARTER") if "CARTER" in state.actor_ids() else panel.select_target("SDF")
    target = panel.current_target()
    actions.edit_actor.trigger()
    dialog = _dialog(window)
    assert dialog.code.isReadOnly() and dialog.code.text() == target
    dialog.name_en.setText("Edited name")
    type_text(dialog.aliases, "اسم آخر")
    dialog.accept()
    QApplication.processEvents()
    db.reload_actors()
    assert db.actor(target).name_en == "Edited name"
    assert "اسم آخر" in [a.surface for a in db.actor(target).aliases]

    panel.select_target("YPG")
    actions.merge_actor.trigger()
    picker = window.findChild(ActorPickerDialog)
    type_text(picker.filter_edit, "SDF")
    key(qtbot, picker.filter_edit, K.Key_Return)
    db.reload_actors()
    assert "YPG" not in {a.id for a in db.actors()}
    assert "YPG" not in {m.actor_id for m in db.mentions(state.article_id)}
    window.annotation_actions.undo.trigger()
    db.reload_actors()
    assert "YPG" in {a.id for a in db.actors()}
    assert "YPG" in {m.actor_id for m in db.mentions(state.article_id)}
