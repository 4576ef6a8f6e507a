"""Annotating with the real widgets: select with mouse and keys, tag, set stances, undo, navigate.

Every test checks the rows in the project file through a second connection, with offsets in code
points equal to the text the user saw selected, after emoji that make Qt's positions differ.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import AUTHOR
from annotator.ui.dialogs import TextPromptDialog

from uikit import click_at, drag_select, find_span, key, pick_actor, type_text, visible_selection

K = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


def test_mouse_drag_after_emoji_tags_the_words_seen(qtbot, window, db):
    view, state = window.article_view, window.session.state
    assert "😀" in state.text[: state.text.index("دور")]
    # drag from inside "دور" to inside "لوحدات": snapping widens to the whole words
    start = state.text.index("دور") + 1
    end = state.text.index("لوحدات") + 3
    drag_select(qtbot, view, start, end)
    seen = visible_selection(view)
    assert seen == "دور لوحدات"
    key(qtbot, view, K.Key_M)
    pick_actor(qtbot, window, "YPG")
    rows = [m for m in db.mentions(state.article_id) if m.origin == "manual"]
    assert len(rows) == 1
    assert state.text[rows[0].start:rows[0].end] == seen
    assert rows[0].actor_id == "YPG" and rows[0].status == "accepted" and rows[0].annotator == "tester"


def test_snapping_splits_a_known_clitic_prefix(qtbot, window, db):
    view, state = window.article_view, window.session.state
    start, end = find_span(state.text, "واشنطن")
    # select "أن واشنطن" with an emoji pair right after it; the lexicon knows واشنطن, no prefix split
    drag_select(qtbot, view, start + 2, end - 1)
    assert visible_selection(view) == "واشنطن"
    key(qtbot, view, K.Key_M)
    pick_actor(qtbot, window, "USA")
    # the suggestion already covers the span: tagging it re-assigns and accepts that mention
    mention = next(m for m in db.mentions(state.article_id) if (m.start, m.end) == (start, end))
    assert mention.actor_id == "USA" and mention.status == "accepted"


def test_keyboard_selection_tags_exactly_what_is_selected(qtbot, window, db):
    view, state = window.article_view, window.session.state
    window.annotation_actions.snap_words.setChecked(False)  # exact selection, as typed
    start, end = find_span(state.text, "قوات سوريا الديمقراطية")
    click_at(qtbot, view, start)
    view.setFocus()
    for _ in range(end - start):
        key(qtbot, view, K.Key_Left, SHIFT)  # in right-to-left text, Left moves forward
    seen = visible_selection(view)
    assert seen == "قوات سوريا الديمقراطية"
    key(qtbot, view, K.Key_M)
    pick_actor(qtbot, window, "SDF")
    mention = next(m for m in db.mentions(state.article_id) if (m.start, m.end) == (start, end))
    assert state.text[mention.start:mention.end] == seen and mention.status == "accepted"


def test_stance_keys_undo_and_redo(qtbot, window, db):
    view, state, panel = window.article_view, window.session.state, window.stance_panel
    aid = state.article_id
    panel.select_target("TUR")
    view.setFocus()
    key(qtbot, view, K.Key_2)
    [stance] = db.stances(aid, "tester")
    assert (stance.holder, stance.target, stance.label) == (AUTHOR, "TUR", "AGAINST")
    key(qtbot, view, K.Key_1)
    assert [s.label for s in db.stances(aid, "tester")] == ["FAVOR"]
    key(qtbot, view, K.Key_Z, CTRL)
    assert [s.label for s in db.stances(aid, "tester")] == ["AGAINST"]
    key(qtbot, view, K.Key_Z, CTRL)
    assert db.stances(aid, "tester") == []
    key(qtbot, view, K.Key_Z, CTRL | SHIFT)
    assert [s.label for s in db.stances(aid, "tester")] == ["AGAINST"]
    kinds = [c["kind"] for c in db.changes(annotator="tester")]
    assert kinds == ["do", "do", "undo", "undo", "redo"]


def test_quoted_stance_with_evidence_and_note(qtbot, window, db):
    view, state, panel = window.article_view, window.session.state, window.stance_panel
    aid = state.article_id
    # Turkey (holder) is AGAINST the YPG (target): make Turkey the holder, select the YPG, press 2
    panel.select_target("TUR")
    key(qtbot, view, K.Key_H)
    panel.select_target("YPG")
    key(qtbot, view, K.Key_2)
    [stance] = db.stances(aid, "tester")
    assert (stance.holder, stance.target, stance.label) == ("TUR", "YPG", "AGAINST")
    # evidence: the clause after the emoji
    start, end = find_span(state.text, "لن تقبل أي دور")
    drag_select(qtbot, view, start, end)
    key(qtbot, view, K.Key_E)
    [stance] = db.stances(aid, "tester")
    assert [(e.start, e.end) for e in stance.evidence] == [(start, end)]
    assert visible_selection(view) == ""  # issue 10: cleared, so the evidence colour shows
    panel.note_edit.setFocus()
    qtbot.keyClicks(panel.note_edit, "explicit refusal")
    key(qtbot, panel.note_edit, K.Key_Return)
    assert db.stances(aid, "tester")[0].note == "explicit refusal"
    # back to the author as holder
    view.setFocus()
    key(qtbot, view, K.Key_H, SHIFT)
    assert panel.holder_combo.currentData() == AUTHOR


def test_evidence_needs_a_stance(qtbot, window, db):
    view, state = window.article_view, window.session.state
    window.stance_panel.select_target("SDF")
    start, end = find_span(state.text, "تدعم")
    drag_select(qtbot, view, start, end)
    with qtbot.waitSignal(window.annotation_actions.message):
        key(qtbot, view, K.Key_E)
    assert db.stances(state.article_id, "tester") == []


def test_review_proposals_with_single_keys(qtbot, window, db):
    view, state = window.article_view, window.session.state
    aid = state.article_id
    proposed = sorted((m for m in state.mentions if m.status == "proposed"), key=lambda m: m.start)
    click_at(qtbot, view, 0)
    key(qtbot, view, K.Key_N)
    assert view.cursor_position() == proposed[0].start
    key(qtbot, view, K.Key_A)  # accept, then the caret moves to the next proposal
    assert view.cursor_position() == proposed[1].start
    key(qtbot, view, K.Key_R)
    statuses = {m.id: m.status for m in db.mentions(aid)}
    assert statuses[proposed[0].id] == "accepted"
    assert statuses[proposed[1].id] == "rejected"
    key(qtbot, view, K.Key_Z, CTRL)
    assert {m.id: m.status for m in db.mentions(aid)}[proposed[1].id] == "proposed"


def test_click_on_mention_then_delete(qtbot, window, db):
    view, state = window.article_view, window.session.state
    mention = next(m for m in state.mentions if state.text[m.start:m.end] == "YPG")
    click_at(qtbot, view, mention.start + 1)
    assert window.stance_panel.current_target() == "YPG"
    view.setFocus()
    key(qtbot, view, K.Key_Delete)
    assert mention.id not in {m.id for m in db.mentions(state.article_id)}
    key(qtbot, view, K.Key_Z, CTRL)
    assert mention.id in {m.id for m in db.mentions(state.article_id)}


def test_flip_segment_between_boilerplate_and_body(qtbot, window, db):
    view, state = window.article_view, window.session.state
    pos = state.text.index("المصدر")
    before = state.segment_at(pos)
    assert before["kind"] not in ("body", "headline")
    click_at(qtbot, view, pos + 2)
    key(qtbot, view, K.Key_B)
    after = next(s for s in db.segments(state.article_id) if s["id"] == before["id"])
    assert after["kind"] == "body" and after["method"] == "manual"
    key(qtbot, view, K.Key_B)
    assert next(s for s in db.segments(state.article_id) if s["id"] == before["id"])["kind"] == "nav"


def test_hide_boilerplate_folds_lines(qtbot, window):
    view, state = window.article_view, window.session.state
    key(qtbot, view, K.Key_B, CTRL)
    pos = view.state.utf16.to_utf16(state.text.index("المصدر"))
    assert not view.document().findBlock(pos).isVisible()
    body = view.state.utf16.to_utf16(state.text.index("قال وزير"))
    assert view.document().findBlock(body).isVisible()
    assert window.settings.hide_boilerplate
    key(qtbot, view, K.Key_B, CTRL)
    assert view.document().findBlock(pos).isVisible()


def test_navigation_status_and_time(qtbot, window, db):
    view, session = window.article_view, window.session
    ids = [a["id"] for a in db.list_articles()]
    assert session.state.article_id == ids[0]
    key(qtbot, view, K.Key_J)
    assert session.state.article_id == ids[1]
    key(qtbot, view, K.Key_K)
    assert session.state.article_id == ids[0]
    key(qtbot, view, K.Key_PageDown, CTRL)
    assert session.state.article_id == ids[1]
    key(qtbot, view, K.Key_Return, CTRL)  # done, then the next unfinished article
    assert db.status(ids[1], "tester")["status"] == "done"
    assert db.status(ids[0], "tester")["seconds"] > 0  # time recorded on each switch
    assert session.state.article_id == ids[2]
    key(qtbot, window.article_view, K.Key_S)
    dialog = window.findChild(TextPromptDialog)
    qtbot.keyClicks(dialog.edit, "not about actors")
    key(qtbot, dialog.edit, K.Key_Return)
    assert db.status(ids[2], "tester") | {"seconds": 0} == {
        **db.status(ids[2], "tester"), "status": "skipped", "reason": "not about actors", "seconds": 0}
    key(qtbot, window.article_view, K.Key_F)
    dialog = [d for d in window.findChildren(TextPromptDialog) if d.isVisible()][0]
    qtbot.keyClicks(dialog.edit, "garbled text")
    key(qtbot, dialog.edit, K.Key_Return)
    flagged = [i for i in ids if db.status(i, "tester")["status"] == "flagged"]
    assert len(flagged) == 1 and db.status(flagged[0], "tester")["reason"] == "garbled text"
    # undo the flag: the session goes back to that article and restores its status, keeping time
    key(qtbot, window.article_view, K.Key_Z, CTRL)
    assert session.state.article_id == flagged[0]
    assert db.status(flagged[0], "tester")["status"] != "flagged"
    assert "Done: 1" in window.status.progress_label.text()


def test_undo_of_done_after_time_was_recorded(qtbot, window, db):
    """Regression: recording time on leaving an article changed its status row, so undoing
    'mark done' afterwards failed its conflict check."""
    view, session = window.article_view, window.session
    first = session.state.article_id
    key(qtbot, view, K.Key_Return, CTRL)  # done; moves on and records time on `first`
    assert session.state.article_id != first
    assert db.status(first, "tester")["seconds"] > 0
    failures = []
    session.failed.connect(failures.append)
    key(qtbot, window.article_view, K.Key_Z, CTRL)
    assert failures == []
    assert session.state.article_id == first
    status = db.status(first, "tester")
    assert status["status"] == "new" and status["seconds"] > 0


def test_font_size_keys_are_remembered(qtbot, window):
    view = window.article_view
    size = window.settings.font_size
    key(qtbot, view, K.Key_Equal, CTRL)
    assert window.settings.font_size == size + 1 and view.font().pointSize() == size + 1
    key(qtbot, view, K.Key_Minus, CTRL)
    key(qtbot, view, K.Key_Minus, CTRL)
    assert window.settings.font_size == size - 1


def test_add_lexicon_actor_with_type_ahead(qtbot, window, db):
    panel, state = window.stance_panel, window.session.state
    assert "CARTER" not in state.actor_ids()
    panel.actor_field.setFocus()
    type_text(panel.actor_field, "كارتر")
    key(qtbot, panel.actor_field, K.Key_Return)
    assert panel.current_target() == "CARTER"
    window.article_view.setFocus()
    key(qtbot, window.article_view, K.Key_3)
    [stance] = db.stances(state.article_id, "tester")
    assert (stance.target, stance.label) == ("CARTER", "NONE")


def test_shortcut_sheet_lists_the_keys(qtbot, window):
    from annotator.ui.dialogs import ShortcutSheet

    key(qtbot, window.article_view, K.Key_F1)
    sheet = window.findChild(ShortcutSheet)
    assert sheet is not None and sheet.isVisible()
    plain = {0x2066: None, 0x2068: None, 0x2069: None}  # the isolates around key names
    rows = {sheet.table.item(i, 0).text(): sheet.table.item(i, 1).text().translate(plain)
            for i in range(sheet.table.rowCount())}
    assert rows["Mark selection as mention…"] == "M (ة)"  # and the letter on the Arabic layout
    assert any("FAVOR" in text and keys == "1" for text, keys in rows.items())
    assert rows["Refresh from the project file"] == "F5"  # window actions outside the annotation set too
    assert len(rows) == sheet.table.rowCount()  # each command once
    sheet.close()
    QApplication.processEvents()


def test_an_undo_that_conflicts_changes_nothing_and_says_so(qtbot, window, db):
    view, session = window.article_view, window.session
    aid = session.state.article_id
    window.stance_panel.select_target("TUR")
    key(qtbot, view, K.Key_2)
    [stance] = db.stances(aid, "tester")
    db.update_stance(stance.id, "tester", note="changed elsewhere")  # another connection edits the row
    key(qtbot, view, K.Key_Z, CTRL)
    assert [s.note for s in db.stances(aid, "tester")] == ["changed elsewhere"]
    assert "Not saved" in window.status.currentMessage()
    assert session.undo_stack.count() == 0  # the command that cannot be undone is dropped


def test_label_keys_that_clash_with_commands_are_reported(qtbot, tmp_path, settings):
    from annotator.core.model import Label
    from annotator.storage.project import Project
    from annotator.ui.app import build_main_window

    from uikit import build_project

    path = build_project(tmp_path / "clash.annotator")
    with Project.open(path) as project:
        project.set_labels([Label("PRO", "M", "#2e7d32"), Label("CON", "2", "#c62828")])
    window = build_main_window(path, settings, annotator="tester")
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.activateWindow()
    assert window.annotation_actions.label_conflicts == ["M"]
    assert "M" in window.status.currentMessage()
    window.stance_panel.select_target("TUR")
    key(qtbot, window.article_view, K.Key_2)
    assert [s.label for s in window.session.project.stances(window.session.state.article_id, "tester")] == ["CON"]
    window.close()


def test_guidelines_are_rendered_markdown(window):
    text = window.guidelines.toPlainText()
    assert "Guidelines" in text and "#" not in text and "**" not in text
    assert window.guidelines_dock.windowTitle() == "Guidelines"


def test_an_edit_that_changes_nothing_is_neither_logged_nor_undoable(qtbot, window, db):
    from annotator.core.commands import Edit, RowChange
    from annotator.ui.commands import EditCommand

    view, session = window.article_view, window.session
    aid = session.state.article_id
    window.stance_panel.select_target("TUR")
    key(qtbot, view, K.Key_2)
    [stance] = db.stances(aid, "tester")
    row = db.conn.execute("SELECT * FROM stances WHERE id = ?", (stance.id,))
    row = dict(zip([d[0] for d in row.description], row.fetchone()))
    # what an update to the values the stance already has gives within one millisecond
    noop = Edit("update_stance", aid, (RowChange("stances", (stance.id,), row, dict(row)),))
    logged = db.conn.execute("SELECT count(*) FROM changes").fetchone()[0]
    depth = session.undo_stack.count()
    assert session.perform(lambda: EditCommand(session, noop, "Edit stance")) is False
    assert session.undo_stack.count() == depth
    assert db.conn.execute("SELECT count(*) FROM changes").fetchone()[0] == logged
    key(qtbot, view, K.Key_Z, CTRL)  # undo still takes back the stance itself
    assert db.stances(aid, "tester") == []
