"""The window's stance suggestions: a dashed chip for the selected actor, accept and reject as undoable
edits, blind mode, and the model status in the status bar."""

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtTest import QTest

from annotator.core import stance_model as sm
from annotator.core.model import AUTHOR
from annotator.storage.suggestions import BLIND_SETTING
from annotator.ui.stance_panel import ID_ROLE


def _store_model(project):
    """A small trained model, stored as ready, with suggestions for every article."""
    from tests.core.test_stance_model import LABELS, _dataset

    contexts, labels = _dataset(n_articles=30)
    model, report = sm.learn(contexts, labels, LABELS)
    assert report["ready"]
    model_id = project.models.save(model, "")
    project.suggestions.write(model_id, model)
    return model_id


def _select_suggested_target(window):
    aid = window.session.state.article_id
    sugs = [s for s in window.session.project.suggestions.for_article(aid, status="open") if s["holder"] == AUTHOR]
    assert sugs, "the open article has no suggestion for the author's voice"
    window.stance_panel.select_target(sugs[0]["target"])
    return aid, sugs[0]


def test_the_chip_shows_the_selected_actors_suggestion_and_accept_is_undoable(window, qtbot, db):
    _store_model(window.session.project)
    window.model_status.refresh()
    assert window.model_status.text().startswith("Suggestions on: macro-F1")
    window.session.reload()
    aid, sug = _select_suggested_target(window)
    strip = window.suggestion_strip
    assert strip.isVisible() and strip.suggestion["id"] == sug["id"]
    assert re.fullmatch(r"(FAVOR|AGAINST|NONE) [01]\.\d\d", strip.chip.text())
    assert strip.chip.textFormat() == Qt.TextFormat.PlainText
    QTest.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    (st,) = [s for s in db.stances(aid, "tester") if s.target == sug["target"]]
    assert st.label == sug["label"] and db.suggestions.get(sug["id"])["status"] == "accepted"
    assert not strip.isVisible()  # nothing left to accept for this item: no accept-all
    window.session.undo_stack.undo()
    assert [s for s in db.stances(aid, "tester") if s.target == sug["target"]] == []
    assert db.suggestions.get(sug["id"])["status"] == "open"


def test_reject_hides_the_chip_and_is_logged(window, db):
    _store_model(window.session.project)
    window.session.reload()
    aid, sug = _select_suggested_target(window)
    window.suggestion_strip.reject()
    assert db.suggestions.get(sug["id"])["status"] == "rejected"
    assert db.changes(article_id=aid, annotator="tester")[-1]["action"] == "reject_suggestion"
    assert not window.suggestion_strip.isVisible()


def test_blind_mode_hides_suggestions_until_the_person_has_labelled(window):
    project = window.session.project
    _store_model(project)
    project.set_setting(BLIND_SETTING, True)
    window.session.reload()
    aid, sug = _select_suggested_target(window)
    assert not window.suggestion_strip.isVisible()
    assert _dotted(window.article_view) == []  # nor dotted in the text
    window.stance_panel.apply_label("NONE")
    assert window.suggestion_strip.isVisible() and window.suggestion_strip.suggestion["id"] == sug["id"]


def test_label_edits_retrain_in_a_background_process_and_the_window_keeps_working(window, qtbot, db):
    retrainer = window.retrainer
    retrainer.every = 2
    aid = window.session.state.article_id
    targets = sorted({m.actor_id for m in db.mentions(aid)})[:3]
    assert len(targets) == 3
    window.stance_panel.select_target(targets[0])
    window.stance_panel.apply_label("FAVOR")
    assert not retrainer.running
    # waitForFinished rather than waitSignal: after an earlier test called QApplication.quit(), no
    # event loop delivers QProcess's finished signal; waitForFinished emits it synchronously
    results = []
    retrainer.finished.connect(results.append)
    window.stance_panel.select_target(targets[1])
    window.stance_panel.apply_label("AGAINST")
    assert retrainer.running and window.model_status.text() == "Suggestions: training…"
    # the window is not blocked: an edit while the model trains commits at once
    window.stance_panel.select_target(targets[2])
    window.stance_panel.apply_label("NONE")
    assert {s.target: s.label for s in db.stances(aid, "tester")}[targets[2]] == "NONE"
    retrainer.start()  # on demand while running: queued, not a second process
    assert retrainer.queued
    assert retrainer.process.waitForFinished(180_000)
    assert results == [True]
    assert retrainer.running and not retrainer.queued  # the queued run started right after
    assert retrainer.process.waitForFinished(180_000) and not retrainer.running
    assert window.model_status.text() == "Suggestions: no model"  # three labels train nothing


def _dotted(view):
    """(UTF-16 start, end, underline colour) of the view's dotted-underline selections."""
    return [(s.cursor.selectionStart(), s.cursor.selectionEnd(), s.format.underlineColor().name())
            for s in view.extraSelections()
            if s.format.underlineStyle() == QTextCharFormat.UnderlineStyle.DotLine]


def test_the_suggested_evidence_is_dotted_in_the_text_after_an_emoji_and_goes_with_the_suggestion(window, tmp_path):
    """Issue 11: the suggested evidence dotted in the text, at its UTF-16 range (an emoji before it
    and two inside), in the suggested label's colour; gone for another actor, on reject, on accept."""
    project = window.session.project
    _store_model(project)
    window.session.reload()
    state, view = window.session.state, window.article_view
    assert state.text.index("😀") < 118  # the emoji article is open
    by_target = {s["target"]: s for s in project.suggestions.for_article(state.article_id, status="open")
                 if s["holder"] == AUTHOR}
    isis, sdf = by_target["ISIS"], by_target["SDF"]
    assert isis["evidence"] == [118, 196] and sdf["evidence"] == [31, 117]
    window.stance_panel.select_target("ISIS")
    color = window.session.label(isis["label"]).color
    assert _dotted(view) == [(119, 199, QColor(color).name())]  # one emoji before, two inside
    window.resize(1200, 700)
    window.grab().save(str(tmp_path / "suggested-evidence.png"))
    window.stance_panel.select_target("SDF")  # another actor: its own sentence (before the emoji)
    assert _dotted(view) == [(31, 118, QColor(window.session.label(sdf["label"]).color).name())]
    window.suggestion_strip.reject()
    assert _dotted(view) == []
    window.stance_panel.select_target("ISIS")
    assert _dotted(view) == [(119, 199, QColor(color).name())]
    window.suggestion_strip.accept()
    assert _dotted(view) == []
    window.session.undo_stack.undo()  # the suggestion is open again, and dotted again
    assert _dotted(view) == [(119, 199, QColor(color).name())]
    # real evidence and mentions are never dotted
    assert all(s.format.underlineStyle() != QTextCharFormat.UnderlineStyle.DotLine
               for s in view.extraSelections() if (s.cursor.selectionStart(), s.cursor.selectionEnd()) != (119, 199))


def test_retraining_starts_after_an_idle_pause_with_new_labels_only(window, db):
    """Issue 11: retraining on idle. Every edit restarts the idle timer; when it fires, a run starts
    only if labels were added since the last run, never a second process beside a running one."""
    retrainer = window.retrainer
    assert retrainer.idle_timer.isSingleShot() and retrainer.idle_timer.interval() == 5 * 60_000
    aid = window.session.state.article_id
    targets = sorted({m.actor_id for m in db.mentions(aid)})[:2]
    retrainer.idle_timer.timeout.emit()  # idle with nothing new: nothing to learn
    assert not retrainer.running
    window.stance_panel.select_target(targets[0])
    window.stance_panel.apply_label("FAVOR")  # one label: below `every`, no run yet
    assert retrainer.idle_timer.isActive() and not retrainer.running and retrainer.pending == 1
    retrainer.idle_timer.timeout.emit()
    assert retrainer.running and retrainer.pending == 0
    process = retrainer.process
    retrainer.idle_timer.stop()
    window.stance_panel.select_target(targets[1])
    window.stance_panel.apply_label("AGAINST")
    assert retrainer.idle_timer.isActive()  # the edit restarted the idle count
    retrainer.idle_timer.timeout.emit()  # idle again while training: queued behind it, not a second run
    assert retrainer.process is process and retrainer.queued
    retrainer.stop()
    assert not retrainer.running and not retrainer.idle_timer.isActive()


def test_a_failed_run_keeps_its_labels_new_so_idle_retries(window, db, monkeypatch):
    """A training process that fails (here: exits with 3) does not swallow the labels it was started
    for: the next idle pause starts another run."""
    from annotator.ui import suggestion_strip

    monkeypatch.setattr(suggestion_strip, "_CHILD", "raise SystemExit(3)")
    retrainer = window.retrainer
    results = []
    retrainer.finished.connect(results.append)
    window.stance_panel.select_target(sorted({m.actor_id for m in db.mentions(window.session.state.article_id)})[0])
    window.stance_panel.apply_label("FAVOR")
    retrainer.idle_timer.timeout.emit()
    assert retrainer.running and retrainer.pending == 0
    assert retrainer.process.waitForFinished(60_000)
    assert results == [False] and not retrainer.running and retrainer.pending == 1
    retrainer.idle_timer.timeout.emit()
    assert retrainer.running
    retrainer.stop()


def test_evidence_spans_a_prepared_project_file_holds_are_never_drawn_or_raise(window, db):
    """A project file from elsewhere: evidence with no end, text, a float, past the end of the
    article, or backwards. The chip still shows; nothing is dotted and nothing raises."""
    project = window.session.project
    _store_model(project)
    aid = window.session.state.article_id
    n = len(window.session.state.text)
    for start, end in ((5, None), ("x", "y"), (1.5, 9), (5, n + 1), (10, 3)):
        # the CHECK constraint refuses some of these; a prepared file need not have it
        db.conn.execute("PRAGMA ignore_check_constraints = ON")
        db.conn.execute("UPDATE stance_suggestions SET evidence_start = ?, evidence_end = ? WHERE article_id = ?"
                        " AND holder_id IS NULL AND target_id = 'ISIS'", (start, end, aid))
        db.conn.commit()
        window.session.reload()
        window.stance_panel.select_target("SDF")
        window.stance_panel.select_target("ISIS")
        assert window.suggestion_strip.suggestion["evidence"] == [start, end]
        assert window.suggestion_strip.isVisible() and window.suggestion_strip.suggestion["target"] == "ISIS"
        assert _dotted(window.article_view) == [] and window.suggestion_strip.evidence.full_text == ""


def test_an_item_the_annotator_labelled_shows_no_suggestion_outside_blind_mode(window, db):
    """Issue 11: the chip is for unlabelled items. Regression: it stayed after the annotator labelled
    the item by hand, and Ctrl+Shift+A then replaced their label with the model's."""
    _store_model(window.session.project)
    window.session.reload()
    aid, sug = _select_suggested_target(window)
    strip = window.suggestion_strip
    assert strip.isVisible() and _dotted(window.article_view)
    other = next(l for l in ("FAVOR", "AGAINST", "NONE") if l != sug["label"])
    window.stance_panel.apply_label(other)
    assert not strip.isVisible() and _dotted(window.article_view) == []
    QTest.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    (st,) = [s for s in db.stances(aid, "tester") if s.target == sug["target"]]
    assert st.label == other and db.suggestions.get(sug["id"])["status"] == "open"
    window.session.undo_stack.undo()  # unlabelled again: the suggestion is back
    assert strip.isVisible() and strip.suggestion["id"] == sug["id"]


def test_blind_mode_is_switched_in_the_annotate_menu_and_stored_in_the_project(window, db):
    """Issue 11: "a project setting hides suggestions until the person has labelled". Before, nothing
    in the window or the CLI could set it."""
    _store_model(window.session.project)
    window.session.reload()
    aid, sug = _select_suggested_target(window)
    action = window.blind_action
    menu_actions = [a for m in window.menuBar().actions() if m.menu() for a in m.menu().actions()]
    assert action in menu_actions and action.isCheckable() and not action.isChecked()
    action.trigger()
    assert db.setting(BLIND_SETTING) is True and not window.suggestion_strip.isVisible()
    window.stance_panel.apply_label(sug["label"])  # labelled: now it shows, to compare
    assert window.suggestion_strip.isVisible()
    action.trigger()
    assert db.setting(BLIND_SETTING) is False and not window.suggestion_strip.isVisible()


def test_the_status_bar_shows_the_cross_validated_figure_also_while_suggestions_are_off(window):
    """Issue 11: the status-bar item shows the model's state and its cross-validated macro-F1; with a
    model that does not qualify it said only "Suggestions off: label about N more"."""
    from tests.core.test_stance_model import LABELS, _dataset

    contexts, labels = _dataset(n_articles=30)
    random_labels = labels[:]
    __import__("random").Random(5).shuffle(random_labels)
    model, report = sm.learn(contexts, random_labels, LABELS)
    assert not report["ready"]
    model.report = {**report, "more_labels_needed": 40}
    window.session.project.models.save(model, "")
    window.model_status.refresh()
    assert window.model_status.text() == f"Suggestions off: macro-F1 {report['macro_f1']:.2f}; label about 40 more"
    assert window.model_status.toolTip() == report["reason"]


def test_the_stance_panel_shows_each_unlabelled_items_suggestion_in_its_actor_row(window, db):
    """Issue 11: "the stance panel shows each unlabelled item's suggestion ... with its probability".
    Before, only the selected actor's suggestion was shown (in the strip); the actor rows said "—"."""
    project = window.session.project
    _store_model(project)
    window.session.reload()
    aid = window.session.state.article_id
    panel = window.stance_panel
    sugs = {s["target"]: s for s in project.suggestions.for_article(aid, status="open") if s["holder"] == AUTHOR}
    assert len(sugs) >= 2

    def row(target):  # the tree is built again when a stance row is added: look the row up each time
        return next(panel.tree.topLevelItem(i) for i in range(panel.tree.topLevelItemCount())
                    if panel.tree.topLevelItem(i).data(0, ID_ROLE) == target)

    for target, sug in sugs.items():
        assert row(target).text(1) == f"{sug['label']} {sug['probabilities'][sug['label']]:.2f}" and row(target).font(1).italic()
    first, second = sorted(sugs)[:2]
    panel.select_target(first)
    panel.apply_label("NONE")  # a stance replaces the suggestion in its row, upright; the others stay
    assert row(first).text(1) == "NONE" and not row(first).font(1).italic()
    assert row(second).font(1).italic()
    panel.select_target(second)
    window.suggestion_strip.reject()
    assert row(second).text(1) == "—" and not row(second).font(1).italic()
    window.session.undo_stack.undo()  # the rejection undone: suggested again
    assert row(second).font(1).italic()
    window.blind_action.trigger()  # blind mode: no suggestion in any row
    assert not any(row(t).font(1).italic() for t in sugs)
    window.blind_action.trigger()


def test_a_long_arabic_evidence_sentence_is_shortened_at_its_end_not_clipped(window):
    """Regression: the strip's evidence label clipped a long Arabic sentence at both ends (its first
    words and the "…" were outside the label); now it is elided to the label's width, from the start."""
    _store_model(window.session.project)
    window.session.reload()
    window.resize(900, 700)
    label = window.suggestion_strip.evidence
    sentence = "وتأتي تصريحات كارتر التي أدلى بها خلال مؤتمر صحفي بعد أيام من قول تركيا " * 4
    label.set_full_text(sentence)
    label.resize(300, label.height())
    shown = label.text()
    # Qt keeps the cut letter's joining form with a ZWJ before the "…"
    assert shown != sentence and shown.endswith("…") and sentence.startswith(shown[:-1].rstrip("\u200d"))
    assert label.fontMetrics().horizontalAdvance(shown) <= label.width()
    assert label.textFormat() == Qt.TextFormat.PlainText


def test_probabilities_a_prepared_project_file_holds_show_as_zero_and_raise_nothing(window, db):
    """A project file from elsewhere with probabilities that are not JSON, not an object, or text: the
    window opened the article with an exception from json.loads (strip and stance panel)."""
    _store_model(window.session.project)
    aid = window.session.state.article_id
    for bad in ("not json", "[1, 2]", '{"FAVOR": "high", "AGAINST": "high", "NONE": "high"}', '{"FAVOR": true}'):
        db.conn.execute("UPDATE stance_suggestions SET probabilities = ? WHERE article_id = ?", (bad, aid))
        db.conn.commit()
        window.session.reload()
        aid, sug = _select_suggested_target(window)
        assert isinstance(sug["probabilities"], dict)
        assert window.suggestion_strip.isVisible() and window.suggestion_strip.chip.text().endswith(" 0.00")
