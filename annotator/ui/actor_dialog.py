"""The dialog for a new actor, or for correcting one: names, short code, type, colour and aliases.

For a new actor the code is suggested from the names (until typed over) and the colour is the
palette colour that stands farthest from the lexicon's. Non-blocking: open it with `open()` and
connect `actorAccepted(Actor, list of new alias surfaces)`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.actors import pick_color, suggest_code
from ..core.model import ACTOR_TYPES, Actor, Alias
from .actor_search import color_swatch


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)


class ActorDialog(QDialog):
    """New actor (`actor` None) or correction of `actor`; see the module docstring."""

    actorAccepted = Signal(object, object)  # Actor, list[str] of alias surfaces to add

    def __init__(self, actors: list[Actor], *, name: str = "", actor: Actor | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("actorDialog")
        self._editing = actor
        self._taken = [a.id for a in actors]
        self._code_typed = False
        self.setWindowTitle(self.tr("Edit actor") if actor else self.tr("New actor"))
        self.name_ar = QLineEdit()
        self.name_ar.setObjectName("actorNameAr")
        self.name_ar.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.name_en = QLineEdit()
        self.name_en.setObjectName("actorNameEn")
        self.name_en.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.code = QLineEdit()
        self.code.setObjectName("actorCode")
        self.code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.type_combo = QComboBox()
        for t in ACTOR_TYPES:
            self.type_combo.addItem(t, t)
        self.color_button = QPushButton()
        self.color_button.setObjectName("actorColor")
        self.color_button.clicked.connect(self._choose_color)
        self.aliases = QPlainTextEdit()
        self.aliases.setObjectName("actorAliases")
        self.aliases.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.aliases.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #c62828;")
        self.error.setWordWrap(True)

        if actor is not None:
            self.name_ar.setText(actor.name_ar)
            self.name_en.setText(actor.name_en)
            self.code.setText(actor.id)
            self.code.setReadOnly(True)
            self.type_combo.setCurrentIndex(max(0, self.type_combo.findData(actor.type)))
            self._color = actor.color
            known = QLabel(" · ".join(a.surface for a in actor.aliases))
            known.setTextFormat(Qt.TextFormat.PlainText)
            known.setWordWrap(True)
        else:
            name = " ".join(name.split())
            (self.name_ar if _is_arabic(name) or not name else self.name_en).setText(name)
            self.aliases.setPlainText(name)
            self.type_combo.setCurrentIndex(self.type_combo.findData("other"))
            self._color = pick_color(a.color for a in actors)
            self.code.textEdited.connect(self._on_code_typed)
            self.name_ar.textChanged.connect(self._suggest_code)
            self.name_en.textChanged.connect(self._suggest_code)
            self._suggest_code()
            known = None
        self._show_color()

        form = QFormLayout()
        form.addRow(self.tr("Arabic name"), self.name_ar)
        form.addRow(self.tr("English name"), self.name_en)
        form.addRow(self.tr("Short code"), self.code)
        form.addRow(self.tr("Type"), self.type_combo)
        form.addRow(self.tr("Colour"), self.color_button)
        if known is not None:
            form.addRow(self.tr("Aliases"), known)
        form.addRow(self.tr("New aliases, one per line") if actor else self.tr("Aliases, one per line"),
                    self.aliases)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, self.sizeHint().height())

    def _on_code_typed(self, _text: str) -> None:
        self._code_typed = True

    def _suggest_code(self) -> None:
        if not self._code_typed:
            self.code.setText(suggest_code(self.name_en.text(), self.name_ar.text(), self._taken))

    def _show_color(self) -> None:
        self.color_button.setIcon(color_swatch(self._color, 16))
        self.color_button.setText(self._color)

    def _choose_color(self) -> None:
        color = QColorDialog.getColor(QColor(self._color), self, self.tr("Colour"))
        if color.isValid():
            self._color = color.name()
            self._show_color()

    def color(self) -> str:
        return self._color

    def alias_lines(self) -> list[str]:
        return [" ".join(line.split()) for line in self.aliases.toPlainText().splitlines() if line.strip()]

    def accept(self) -> None:
        name_ar, code = self.name_ar.text().strip(), self.code.text().strip()
        if not name_ar:
            self.error.setText(self.tr("Give the actor's Arabic name."))
            return
        if not self._editing and (not code or code in self._taken):
            self.error.setText(self.tr("Choose a short code that no other actor has."))
            return
        actor = Actor(code, name_ar, self.name_en.text().strip(), self.type_combo.currentData(), self._color,
                      [Alias(surface) for surface in self.alias_lines()] if not self._editing else [])
        super().accept()
        self.actorAccepted.emit(actor, self.alias_lines())
