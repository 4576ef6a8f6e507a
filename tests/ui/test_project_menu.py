"""The File menu: import, export, new and recent projects, switching annotator."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from annotator.storage.project import Project
from annotator.ui import dialogs as dialogs_module
from annotator.ui import project_menu
from annotator.ui.app import AppController


def menu_action(window, text: str):
    return next(a for a in window.project_menu.menu.actions() if a.text() == text)


def report_text(window) -> str:
    box = window.findChild(QMessageBox, "reportBox")
    assert box is not None
    text = box.text()
    box.close()
    return text


def test_import_files_shows_the_report_and_lists_them(qtbot, window, tmp_path, monkeypatch):
    article = tmp_path / "new.txt"
    article.write_text("عنوان جديد\nقالت أنقرة إنها سترد على أي هجوم في الشمال السوري بحزم.\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(article)], ""))
    before = window.article_list.model.total
    menu_action(window, "&Import articles…").trigger()
    assert "imported 1 article" in report_text(window)
    assert window.article_list.model.total == before + 1
    assert f"/ {before + 1}" in window.status.progress_label.text()


def test_export_writes_the_chosen_format(qtbot, window, tmp_path, monkeypatch):
    window.stance_panel.select_target("TUR")
    window.stance_panel.apply_label("AGAINST")
    out = tmp_path / "out.jsonl"
    chosen = project_menu.EXPORT_FORMATS["pairs"]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), chosen))
    menu_action(window, "&Export annotations…").trigger()
    assert "pairs" in report_text(window)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert any(r["target_id"] == "TUR" and r["label"] == "AGAINST" for r in rows if r.get("origin") == "annotated")


def test_new_project_replaces_the_window_and_is_remembered(qtbot, window, settings, tmp_path, monkeypatch):
    controller = window.findChild(AppController)
    path = tmp_path / "fresh.annotator"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    menu_action(window, "&New project…").trigger()
    QApplication.processEvents()
    new = controller.window
    qtbot.addWidget(new)
    assert new is not window and new.session.project.path == path
    assert settings.recent_projects[:2] == [str(path.resolve()), str(window.session.project.path.resolve())]
    assert new.session.state is None and new.article_list.model.total == 0
    assert Project.open(path).count_articles() == 0
    # the previous project is one click away in the recent menu
    recent = new.project_menu.recent_menu.actions()
    assert [a.text() for a in recent][1] == str(window.session.project.path.resolve())
    recent[1].trigger()
    QApplication.processEvents()
    qtbot.addWidget(controller.window)
    assert controller.window.session.state is not None
    controller.window.close()


def test_switch_annotator(qtbot, window, settings, monkeypatch):
    controller = window.findChild(AppController)
    monkeypatch.setattr(dialogs_module.QInputDialog, "getText", lambda *a, **k: ("basma", True))
    menu_action(window, "Switch &annotator…").trigger()
    QApplication.processEvents()
    qtbot.addWidget(controller.window)
    assert controller.window.session.annotator == "basma" and settings.annotator == "basma"
    controller.window.close()
