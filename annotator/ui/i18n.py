"""User-interface languages: English (the source strings) and Arabic.

Translations live in Qt Linguist files, `resources/translations/annotator_<lang>.ts`, kept up to date
with `pyside6-lupdate` and edited with Qt Linguist or by hand. They are read directly at start-up
by `TsTranslator`, so no compiled `.qm` has to be kept in step with its source.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from ..resources import resource

LANGUAGES = {"en": "English", "ar": "العربية"}
RTL_LANGUAGES = frozenset({"ar"})


def translation_file(language: str) -> Path:
    return resource("translations", f"annotator_{language}.ts")


class TsTranslator(QTranslator):
    """A QTranslator over the finished messages of a Qt Linguist `.ts` file.

    Lookup is by (context, source) and then by source alone: PySide's `self.tr()` uses the class of
    the object at run time as context, which differs from what lupdate records for a method
    inherited from a base class.
    """

    def __init__(self, messages: dict[tuple[str, str], str], parent=None):
        super().__init__(parent)
        self._messages = messages
        self._by_source = {source: text for (_, source), text in messages.items()}

    @classmethod
    def from_ts(cls, path: str | Path, parent=None) -> "TsTranslator":
        """Read a `.ts` file; unfinished, obsolete and empty translations are left out."""
        messages: dict[tuple[str, str], str] = {}
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
                    continue
                text = translation.text or ""
                if text:
                    messages[(name, message.findtext("source", ""))] = text
        return cls(messages, parent)

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: N802 (Qt API)
        text = self._messages.get((context, source_text)) or self._by_source.get(source_text)
        # None (a null QString) lets Qt fall back to the next translator or the source text;
        # an empty string would replace the text with nothing.
        return text

    def isEmpty(self) -> bool:  # noqa: N802 (Qt API)
        return not self._messages


class LanguageInstaller:
    """Installs the translators of one language on the application and sets its layout direction."""

    def __init__(self, app: QApplication):
        self._app = app
        self._installed: list[QTranslator] = []

    def install(self, language: str) -> None:
        """Switch the application to `language` ('en' or 'ar'); unknown codes fall back to English."""
        for translator in self._installed:
            self._app.removeTranslator(translator)
        self._installed = []
        if language not in LANGUAGES:
            language = "en"
        if language != "en":
            path = translation_file(language)
            if path.exists():
                self._add(TsTranslator.from_ts(path, self._app))
            qt_translator = QTranslator(self._app)
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if qt_translator.load(QLocale(language), "qtbase", "_", qt_dir):
                self._add(qt_translator)
        self._app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if language in RTL_LANGUAGES else Qt.LayoutDirection.LeftToRight
        )

    def _add(self, translator: QTranslator) -> None:
        self._app.installTranslator(translator)
        self._installed.append(translator)
