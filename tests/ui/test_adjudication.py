"""Adjudicating an article in the GUI: the coders' labels side by side, gold stances through the
session's edit funnel (undoable), exported as the `gold` annotator."""

from __future__ import annotations

import json
import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import AUTHOR
from annotator.io.export import export
from annotator.sample import create_sample_project
from annotator.storage.project import Project
from annotator.ui.adjudication import DISAGREEMENT_COLOR, DISAGREEMENT_ROLE, AdjudicationDialog
from annotator.ui.app import build_main_window
from uikit import key

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def team(tmp_path):
    """The sample project with two coders, ali and mona: they disagree on AUTHOR -> TUR (FAVOR vs
    AGAINST, with evidence) and agree on AUTHOR -> USA (FAVOR); both marked the article done."""
    path = create_sample_project(tmp_path / "team.annotator")
    with Project.open(path) as project:
        aid = project.conn.execute("SELECT id FROM articles ORDER BY rowid LIMIT 1").fetchone()[0]
        text = project.article_text(aid)
        start = text.index("تركيا")
        for name, label in (("ali", "FAVOR"), ("mona", "AGAINST")):
            stance = project.set_stance(aid, AUTHOR, "TUR", label, annotator=name)
            project.add_evidence(stance, start, start + len("تركيا"), name)
            project.set_stance(aid, AUTHOR, "USA", "FAVOR", annotator=name)
            project.set_status(aid, name, "done")
    return path, aid


@pytest.fixture
def adjudication(qtbot, team, settings):
    """The main window on the team project (annotator 'lead') and its Adjudicate dialog."""
    path, aid = team
    win = build_main_window(path, settings, annotator="lead", record_time=False)
    qtbot.addWidget(win)
    with qtbot.waitActive(win):
        win.activateWindow()
    if win.session.state.article_id != aid:
        win.session.open_article(aid)
    action = next(a for a in win.annotation_actions.navigate_actions if a.shortcut().toString() == "Ctrl+J")
    assert action in win.menuBar().actions()[3].menu().actions()  # the Article menu
    action.trigger()
    dialog = win.findChild(AdjudicationDialog)
    assert dialog is not None and dialog.isVisible()
    with qtbot.waitActive(dialog):
        dialog.activateWindow()
    yield win, dialog, path, aid
    win.close()


def gold_rows(path) -> list[tuple]:
    """The gold stances in the file, read with a separate connection."""
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT coalesce(holder_id, 'AUTHOR'), target_id, label, adjudicator FROM gold_stances ORDER BY target_id"
        ).fetchall()


def test_disagreement_rows_are_highlighted_with_every_coders_label(adjudication):
    _win, dialog, _path, _aid = adjudication
    table = dialog.table
    assert [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())][2:] == ["ali", "mona", "Gold"]
    tur, usa = dialog.row_of(AUTHOR, "TUR"), dialog.row_of(AUTHOR, "USA")
    assert tur >= 0 and usa >= 0
    assert table.item(tur, 0).data(DISAGREEMENT_ROLE) is True
    assert table.item(tur, 2).background().color() == DISAGREEMENT_COLOR
    assert table.item(usa, 0).data(DISAGREEMENT_ROLE) is False
    assert table.item(usa, 2).background().color() != DISAGREEMENT_COLOR
    assert [table.item(tur, c).text() for c in (2, 3)] == ["FAVOR", "AGAINST"]
    assert "تركيا" in table.item(tur, 2).toolTip()  # the coder's evidence text
    assert table.item(tur, 0).text().startswith("Author") and table.item(tur, 1).text() == "تركيا"
    assert dialog.gold_combo(tur).currentData() is None


def test_gold_choice_is_stored_undone_redone_and_exported(adjudication, tmp_path):
    win, dialog, path, aid = adjudication
    combo = dialog.gold_combo(dialog.row_of(AUTHOR, "TUR"))
    combo.setCurrentIndex(combo.findData("AGAINST"))
    QApplication.processEvents()
    assert gold_rows(path) == [("AUTHOR", "TUR", "AGAINST", "lead")]
    assert dialog.gold_combo(dialog.row_of(AUTHOR, "TUR")).currentData() == "AGAINST"

    key(None, dialog.table, K.Key_Z, CTRL)
    assert gold_rows(path) == []
    assert dialog.gold_combo(dialog.row_of(AUTHOR, "TUR")).currentData() is None
    key(None, dialog.table, K.Key_Z, CTRL_SHIFT)
    assert gold_rows(path) == [("AUTHOR", "TUR", "AGAINST", "lead")]
    assert dialog.gold_combo(dialog.row_of(AUTHOR, "TUR")).currentData() == "AGAINST"

    out = tmp_path / "gold.jsonl"
    export(win.session.project, out, "pairs", annotator="gold")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    tur = [l for l in lines if l["article_id"] == aid and l["holder_id"] in (AUTHOR, "") and l["target_id"] == "TUR"]
    assert [(l["annotator"], l["label"]) for l in tur] == [("gold", "AGAINST")]
    assert [e["text"] for e in tur[0]["evidence"]] == ["تركيا"]  # mona's evidence, who gave AGAINST


def test_accept_all_agreed_and_clear(adjudication):
    _win, dialog, path, _aid = adjudication
    assert dialog.accept_button.isEnabled()
    dialog.accept_button.click()
    QApplication.processEvents()
    assert gold_rows(path) == [("AUTHOR", "USA", "FAVOR", "lead")]  # the disagreement stays open
    assert not dialog.accept_button.isEnabled()
    usa = dialog.row_of(AUTHOR, "USA")
    assert dialog.gold_combo(usa).currentData() == "FAVOR"

    dialog.table.selectRow(usa)
    assert dialog.clear_button.isEnabled()
    dialog.clear_button.click()
    QApplication.processEvents()
    assert gold_rows(path) == []
    key(None, dialog.table, K.Key_Z, CTRL)  # undo the clear
    assert gold_rows(path) == [("AUTHOR", "USA", "FAVOR", "lead")]
    key(None, dialog.table, K.Key_Z, CTRL)  # undo the accept: one step
    assert gold_rows(path) == []
