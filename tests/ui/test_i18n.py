"""The Arabic interface: a complete translation, right-to-left layout, article text untouched."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication

from annotator.ui.app import AppController, build_main_window
from annotator.ui.i18n import TsTranslator, translation_file
from annotator.ui.main_window import MainWindow

UI_SOURCES = sorted(str(p) for p in (Path(__file__).parents[2] / "annotator" / "ui").glob("*.py"))


def lupdate() -> str | None:
    candidate = Path(sys.executable).parent / "pyside6-lupdate"
    return str(candidate) if candidate.exists() else shutil.which("pyside6-lupdate")


@pytest.mark.skipif(lupdate() is None, reason="pyside6-lupdate is not installed")
def test_every_interface_string_has_an_arabic_translation(tmp_path):
    ts = tmp_path / "annotator_ar.ts"
    shutil.copy(translation_file("ar"), ts)
    out = subprocess.run([lupdate(), *UI_SOURCES, "-ts", str(ts), "-no-obsolete"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "0 new" in out.stdout, "new strings in the source: run pyside6-lupdate and translate them"
    untranslated = [
        m.findtext("source") for m in ET.parse(ts).getroot().iter("message")
        if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        or not (m.find("translation").text or "").strip()
    ]
    assert untranslated == []


def test_translator_falls_back_to_the_source_alone():
    translator = TsTranslator({("Base", "Undo"): "تراجع"})
    assert translator.translate("Base", "Undo") == "تراجع"
    assert translator.translate("Subclass", "Undo") == "تراجع"  # PySide's tr() uses the runtime class
    assert translator.translate("Base", "Unknown") is None  # None, not "": Qt then keeps the source
    assert not translator.isEmpty()


def test_arabic_window_is_right_to_left_and_translated(qtbot, project_path, settings):
    settings.language = "ar"
    window = build_main_window(project_path, settings, annotator="tester")
    qtbot.addWidget(window)
    controller = window.findChild(AppController)
    try:
        assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
        titles = [a.text() for a in window.menuBar().actions()]
        assert "&ملف" in titles and "&File" not in titles
        assert QCoreApplication.translate("Commands", "add evidence") == "إضافة دليل"
        assert window.status.saved_label.text() == "حُفظت كل التغييرات"
        # the article text is exactly the stored text: no bidi marks added, Latin and digits intact
        view, state = window.article_view, window.session.state
        assert view.toPlainText() == state.text
        assert "YPG" in view.toPlainText() and "2016" in view.toPlainText()
        option = view.document().defaultTextOption()
        assert option.textDirection() == Qt.LayoutDirection.RightToLeft
        # the article list sits where Arabic lines start: on the right
        assert window.dockWidgetArea(window.list_dock) == Qt.DockWidgetArea.RightDockWidgetArea
    finally:
        controller.restore_language("en")
        window.close()


def test_switching_language_from_the_menu_rebuilds_the_window(qtbot, window, settings):
    controller = window.findChild(AppController)
    arabic = next(a for a in window.project_menu.language_menu.actions() if a.text() == "العربية")
    arabic.trigger()
    QApplication.processEvents()
    new = controller.window
    assert isinstance(new, MainWindow) and new is not window
    qtbot.addWidget(new)
    try:
        assert settings.language == "ar"
        assert new.layoutDirection() == Qt.LayoutDirection.RightToLeft
        assert new.session.annotator == "tester"
        assert not window.isVisible()
        english = next(a for a in new.project_menu.language_menu.actions() if a.text() == "English")
        english.trigger()
        QApplication.processEvents()
        assert controller.window.layoutDirection() == Qt.LayoutDirection.LeftToRight
        qtbot.addWidget(controller.window)
    finally:
        controller.restore_language("en")
        controller.window.close()
