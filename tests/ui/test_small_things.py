"""Issue 10 item 7: the smaller things that cost annotators time, each driven in the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.ingest import import_paths
from annotator.storage.project import Project

from uikit import click_at, drag_select, find_span, key

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier

FIVE_LINES = ("قال وزير الخارجية التركي إن أنقرة لن تقبل أي دور للوحدات الكردية في عملية الرقة المقبلة.\n"
              "وأضاف أن تركيا أبلغت واشنطن بموقفها مرارا خلال الأسابيع الماضية دون أن تتلقى ردا واضحا.\n"
              "وتقول الولايات المتحدة إن قوات سوريا الديمقراطية هي الأقدر على طرد التنظيم من المدينة.\n"
              "وتخشى أنقرة أن يؤدي ذلك إلى توسع نفوذ المقاتلين الأكراد على حدودها الجنوبية.\n"
              "ولم يصدر تعليق فوري من واشنطن على هذه التصريحات حتى الآن.")


def test_accept_all_proposals_of_the_selected_actor_is_one_undoable_edit(qtbot, window, db):
    view, state, panel = window.article_view, window.session.state, window.stance_panel
    window.session.open_article(db.article_ids()[1])  # the Reuters sample: many proposals
    state = window.session.state
    actor = max({m.actor_id for m in state.mentions}, key=lambda a: sum(m.actor_id == a for m in state.mentions))
    proposed = [m.id for m in state.mentions if m.actor_id == actor and m.status == "proposed"]
    assert len(proposed) >= 2
    panel.select_target(actor)
    view.setFocus()
    key(qtbot, view, K.Key_A, SHIFT)
    rows = {m.id: m for m in db.mentions(state.article_id)}
    assert all(rows[i].status == "accepted" and rows[i].annotator == "tester" for i in proposed)
    assert [c["action"] for c in db.changes(annotator="tester")] == ["accept_mentions"]
    key(qtbot, view, K.Key_Z, CTRL)
    rows = {m.id: m for m in db.mentions(state.article_id)}
    assert all(rows[i].status == "proposed" for i in proposed)


def test_b_flips_only_the_line_under_the_caret(qtbot, window, db, tmp_path):
    """Regression: on a 358-character .txt article B turned all five lines into navigation."""
    f = tmp_path / "five.txt"
    f.write_text(FIVE_LINES, encoding="utf-8")
    (aid,) = import_paths(window.session.project, [f]).article_ids
    window.refresh()
    window.session.open_article(aid)
    view, state = window.article_view, window.session.state
    assert len([s for s in db.segments(aid) if s["kind"] == "body"]) == 1  # one segment of five lines
    line = state.text.index("وتقول")
    click_at(qtbot, view, line + 3)
    key(qtbot, view, K.Key_B)
    kinds = [(state.text[s["start"]:s["end"]][:5], s["kind"]) for s in db.segments(aid)]
    assert [k for _, k in kinds] == ["body", "nav", "body"]
    assert kinds[1][0] == "وتقول"
    assert [(s["start"], s["end"], s["kind"]) for s in window.session.state.segments] == \
        [(s["start"], s["end"], s["kind"]) for s in db.segments(aid)]
    key(qtbot, view, K.Key_Z, CTRL)
    assert [s["kind"] for s in db.segments(aid)] == ["body"]


def test_a_txt_title_is_its_first_non_empty_line(tmp_path):
    """Regression: a .txt article's title was its first five lines, markup included."""
    f = tmp_path / "t.txt"
    f.write_text("\n\n## **عنوان الخبر** ##\n" + FIVE_LINES, encoding="utf-8")
    with Project.create(tmp_path / "p.annotator") as p:
        (aid,) = import_paths(p, [f]).article_ids
        assert p.article(aid)["title"] == "عنوان الخبر"


def test_evidence_clears_the_selection_and_the_list_updates_at_once(qtbot, window, db):
    view, state, panel = window.article_view, window.session.state, window.stance_panel
    panel.select_target("TUR")
    view.setFocus()
    key(qtbot, view, K.Key_2)
    model = window.article_list.model
    row = model.row_of(state.article_id)
    assert model.data(model.index(row, model.STANCES), Qt.ItemDataRole.DisplayRole) in ("1", 1)
    start, end = find_span(state.text, "لن تقبل")
    drag_select(qtbot, view, start, end)
    key(qtbot, view, K.Key_E)
    assert [(e.start, e.end) for e in db.stances(state.article_id, "tester")[0].evidence] == [(start, end)]
    assert not view.textCursor().hasSelection()


def test_the_list_shows_in_progress_when_leaving_an_article(qtbot, window, db):
    """Regression: an article left after reading showed "new" in the list until a restart, although
    its time (and status "in progress") was saved."""
    model, first = window.article_list.model, window.session.state.article_id
    status = lambda: model.data(model.index(model.row_of(first), model.STATUS), Qt.ItemDataRole.DisplayRole)
    assert status() == "new"
    window.article_view.setFocus()
    qtbot.wait(20)
    key(qtbot, window.article_view, K.Key_J)
    assert db.status(first, "tester")["status"] == "in progress"
    assert status() == "in progress"


def test_intensity_and_explicitness_are_set_in_the_stance_panel(qtbot, window, db):
    """Regression: the window never set intensity or explicit, so every export wrote -1."""
    view, state, panel = window.article_view, window.session.state, window.stance_panel
    panel.select_target("TUR")
    view.setFocus()
    key(qtbot, view, K.Key_2)
    [stance] = db.stances(state.article_id, "tester")
    panel.select_stance(stance.id)
    assert panel.intensity_combo.isEnabled() and panel.intensity_combo.currentData() is None
    panel.intensity_combo.setCurrentIndex(panel.intensity_combo.findData(3))
    panel.intensity_combo.activated.emit(panel.intensity_combo.currentIndex())
    panel.explicit_combo.setCurrentIndex(panel.explicit_combo.findData(False))
    panel.explicit_combo.activated.emit(panel.explicit_combo.currentIndex())
    [stance] = db.stances(state.article_id, "tester")
    assert (stance.intensity, stance.explicit) == (3, False)
    view.setFocus()
    key(qtbot, view, K.Key_Z, CTRL)
    [stance] = db.stances(state.article_id, "tester")
    assert (stance.intensity, stance.explicit) == (3, None)
    panel.select_stance(stance.id)
    assert panel.explicit_combo.currentData() is None and panel.intensity_combo.currentData() == 3


def test_reopening_lands_on_the_article_you_were_on(qtbot, project_path, settings):
    from annotator.ui.app import build_main_window

    win = build_main_window(project_path, settings, annotator="tester")
    qtbot.addWidget(win)
    first = win.session.state.article_id
    with Project.open(project_path) as db:
        third = db.article_ids()[2]
    win.session.open_article(third)
    win.close()
    win = build_main_window(project_path, settings, annotator="tester")
    qtbot.addWidget(win)
    assert win.session.state.article_id == third != first
    win.close()


def test_the_skip_dialog_offers_the_projects_usual_reasons(qtbot, window, db):
    from annotator.ui.dialogs import TextPromptDialog

    ids = db.article_ids()
    db.set_status(ids[1], "other", "skipped", "not about actors")
    db.set_status(ids[2], "other", "skipped", "not about actors")
    db.set_status(ids[2], "third", "skipped", "duplicate")
    window.article_view.setFocus()
    key(qtbot, window.article_view, K.Key_S)
    dialog = window.findChild(TextPromptDialog)
    reasons = [dialog.suggestions.item(i).text() for i in range(dialog.suggestions.count())]
    assert reasons == ["not about actors", "duplicate"]
    qtbot.mouseClick(dialog.suggestions.viewport(), Qt.MouseButton.LeftButton,
                     pos=dialog.suggestions.visualItemRect(dialog.suggestions.item(1)).center())
    assert dialog.edit.text() == "duplicate"
    key(qtbot, dialog.edit, K.Key_Return)
    assert db.status(ids[0], "tester")["reason"] == "duplicate"


def test_hovering_a_mention_names_its_actor_status_and_who(qtbot, window, db):
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    from annotator.core.model import Actor, Alias
    from uikit import caret_point

    view, state = window.article_view, window.session.state
    m = next(m for m in state.mentions if m.actor_id == "TUR" and m.status == "proposed")
    db.upsert_actor(Actor("TUR", "تركيا", "Turkey <b>bold</b>", "state", "#c62828", [Alias("تركيا")]))
    window.session.project.reload_actors()
    view.setFocus()
    point = caret_point(view, m.start + 1)
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, point,
                                                       view.viewport().mapToGlobal(point)))
    tip = QToolTip.text()
    assert "تركيا" in tip and "Turkey &lt;b&gt;bold&lt;/b&gt;" in tip and "[TUR]" in tip
    assert "proposed by the lexicon" in tip
    key(qtbot, view, K.Key_A)  # accept it
    point = caret_point(view, m.start + 1)
    QApplication.sendEvent(view.viewport(), QHelpEvent(QEvent.Type.ToolTip, point,
                                                       view.viewport().mapToGlobal(point)))
    assert "accepted by tester" in QToolTip.text()
    QToolTip.hideText()
