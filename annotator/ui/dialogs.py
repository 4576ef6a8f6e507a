"""Small dialogs: a reason or note prompt, the annotator's name, and the keyboard shortcut sheet."""

from __future__ import annotations

import getpass

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .keys import arabic_key_name


class TextPromptDialog(QDialog):
    """Asks for one line of text (a skip reason, a flag note). Non-blocking: use `open()` and
    connect `textAccepted`."""

    textAccepted = Signal(str)

    def __init__(self, title: str, prompt: str, *, required: bool = False, suggestions: list[str] = (),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("textPrompt")
        self.setWindowTitle(title)
        self._required = required
        self.edit = QLineEdit()
        # the project's usual answers (e.g. skip reasons): a click fills the field, a double click accepts
        self.suggestions = QListWidget()
        self.suggestions.setObjectName("usualReasons")
        for text in suggestions:
            self.suggestions.addItem(QListWidgetItem(text))
        self.suggestions.setVisible(bool(suggestions))
        self.suggestions.itemClicked.connect(lambda item: self.edit.setText(item.text()))
        self.suggestions.itemDoubleClicked.connect(lambda item: (self.edit.setText(item.text()), self.accept()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.edit.textChanged.connect(self._update_ok)
        layout = QVBoxLayout(self)
        label = QLabel(prompt)
        label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        layout.addWidget(self.suggestions)
        layout.addWidget(buttons)
        self._update_ok(self.edit.text())
        self.resize(420, self.sizeHint().height())

    def _update_ok(self, text: str) -> None:
        self._ok.setEnabled(bool(text.strip()) or not self._required)

    def accept(self) -> None:
        text = self.edit.text().strip()
        if self._required and not text:
            return
        super().accept()
        self.textAccepted.emit(text)


def ask_annotator_name(parent: QWidget | None, current: str = "") -> str | None:
    """Ask who is annotating (blocking); None when cancelled."""
    name, ok = QInputDialog.getText(
        parent, QCoreApplication.translate("Dialogs", "Annotator"),
        QCoreApplication.translate("Dialogs", "Your name, recorded with every annotation you make:"),
        QLineEdit.EchoMode.Normal, current or getpass.getuser(),
    )
    name = name.strip()
    return name if ok and name else None


LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"


def key_text(sequence: QKeySequence) -> str:
    """A shortcut as shown to people: "Ctrl+=" reads left to right in the Arabic interface too (an
    isolate), and a letter key also names its letter on the Arabic layout: "N (ى)"."""
    text = LRI + sequence.toString(QKeySequence.SequenceFormat.NativeText) + PDI
    arabic = arabic_key_name(sequence)
    return f"{text} ({FSI}{arabic}{PDI})" if arabic else text


class ShortcutSheet(QDialog):
    """Every command with a keyboard shortcut, read from the actions themselves so it never drifts."""

    def __init__(self, actions: list[QAction], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("shortcutSheet")
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = [(a.text().replace("&", ""), a.shortcuts()) for a in actions if a.shortcuts()]
        table = QTableWidget(len(rows), 2)
        table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Keys")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for i, (text, keys) in enumerate(rows):
            table.setItem(i, 0, QTableWidgetItem(text))
            item = QTableWidgetItem(",  ".join(key_text(k) for k in keys))
            # shortcuts read left to right even in the Arabic interface
            item.setTextAlignment(
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(i, 1, item)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.table = table
        self.resize(560, 640)
