"""Issue 9, item 3 (window part): a window opening a handed-out file works as the file's owner.

Bug: the window used the annotator name remembered on the computer, so the lead (or anyone) who
opened mona's file recorded edits under their own name, which `merge` (taking only the owner's
rows) then ignores. Now the owner is used, and when the remembered or chosen name differs the
window asks first (once per file and name).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "team"))
from teamkit import sample_team  # noqa: E402

from annotator.core.model import AUTHOR  # noqa: E402
from annotator.team.assign import assign  # noqa: E402
from annotator.ui.app import AppController, build_main_window  # noqa: E402


@pytest.fixture
def monas_file(tmp_path):
    team = sample_team(tmp_path / "team.annotator")
    path = assign(team, ["mona"], tmp_path / "files", overlap=0.0).files["mona"]
    team.close()
    return path


@pytest.fixture
def answers(monkeypatch):
    """Patch the question box: answer with `answers.reply`, record what was asked."""

    class Answers:
        reply = QMessageBox.StandardButton.Yes
        asked: list[tuple[str, Qt.TextFormat]] = []

    def exec_(box):
        Answers.asked.append((box.text(), box.textFormat()))
        return Answers.reply

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return Answers


def open_window(qtbot, path, settings, annotator=None):
    window = build_main_window(path, settings, annotator, record_time=False)
    if window is not None:
        qtbot.addWidget(window)
    return window


def test_the_window_works_as_the_owner_after_asking(qtbot, monas_file, settings, answers):
    settings.annotator = "lead"
    window = open_window(qtbot, monas_file, settings)
    assert window.session.annotator == "mona"
    ((text, fmt),) = answers.asked
    assert "handed out to mona" in text and "working as lead" in text and fmt == Qt.TextFormat.PlainText
    assert settings.annotator == "lead"  # the computer's name is not replaced by the file's owner
    session = window.session
    aid = session.project.article_ids()[0]
    session.project.set_stance(aid, AUTHOR, "TUR", "FAVOR", session.annotator)
    assert [s.annotator for s in session.project.stances(aid)] == ["mona"]
    controller = window.findChild(AppController)
    controller._switch_language("en")  # reopening for the language asks nothing more
    assert controller.window.session.annotator == "mona" and len(answers.asked) == 1
    controller.window.close()


def test_choosing_the_other_name_is_asked_once_and_cancel_opens_nothing(qtbot, monas_file, settings, answers):
    settings.annotator = "lead"
    answers.reply = QMessageBox.StandardButton.No
    window = open_window(qtbot, monas_file, settings)
    assert window.session.annotator == "lead"
    controller = window.findChild(AppController)
    controller._switch_language("en")
    assert controller.window.session.annotator == "lead" and len(answers.asked) == 1
    controller.window.close()
    answers.reply = QMessageBox.StandardButton.Cancel
    assert open_window(qtbot, monas_file, settings, annotator="omar") is None
    assert len(answers.asked) == 2


def test_without_a_remembered_name_the_owner_is_used_without_a_question(qtbot, monas_file, settings, answers,
                                                                        monkeypatch):
    asked_name = []
    monkeypatch.setattr("annotator.ui.app.ask_annotator_name", lambda parent: asked_name.append(1))
    window = open_window(qtbot, monas_file, settings)
    assert window is not None and window.session.annotator == "mona"
    assert answers.asked == [] and asked_name == []
    window.close()
