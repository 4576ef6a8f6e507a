"""Finding lexicon actors by typing: a type-ahead completer and the mention actor picker.

Matching is the project's `find_actors` (id, names and aliases, ignoring tashkeel and hamza
forms), not Qt's prefix matching, so typing ترکیا or تركيا or "Turk" all find Turkey.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPixmap, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model import Actor
from .session import AnnotationSession

ACTOR_ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_LIMIT = 30


def actor_label(actor: Actor) -> str:
    """How an actor is named in lists: Arabic name, English name, id."""
    names = [actor.name_ar]
    if actor.name_en and actor.name_en != actor.name_ar:
        names.append(actor.name_en)
    return " — ".join(names) + f"  [{actor.id}]"


def color_swatch(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


CREATE_ROLE = Qt.ItemDataRole.UserRole + 2


class ActorLineEdit(QLineEdit):
    """A line edit that offers lexicon actors as you type; emits `actorChosen(actor_id)`.

    The last offer is always "Create actor «name»…" (`createRequested(name)`), and Enter on a name
    no actor has asks for it too: an unknown name is never silently ignored.
    """

    actorChosen = Signal(str)
    createRequested = Signal(str)

    def __init__(self, session: AnnotationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self._session = session
        self._model = QStandardItemModel(self)
        completer = QCompleter(self._model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.activated[QModelIndex].connect(self._on_activated)
        self.setCompleter(completer)
        self.setClearButtonEnabled(True)
        self.textEdited.connect(self._update_matches)
        self.returnPressed.connect(self._choose_first)

    def _update_matches(self, text: str) -> None:
        self._model.clear()
        name = " ".join(text.split())
        for actor in self._session.project.find_actors(name, limit=SEARCH_LIMIT) if name else []:
            item = QStandardItem(color_swatch(actor.color), actor_label(actor))
            item.setData(actor.id, ACTOR_ID_ROLE)
            self._model.appendRow(item)
        if name:
            item = QStandardItem(self.tr("Create actor «{name}»…").format(name=name))
            item.setData(name, CREATE_ROLE)
            self._model.appendRow(item)
        if self._model.rowCount():
            self.completer().complete()

    def _on_activated(self, index: QModelIndex) -> None:
        actor_id = index.data(ACTOR_ID_ROLE)
        if actor_id:
            self._finish(actor_id)
        elif index.data(CREATE_ROLE):
            self._create(index.data(CREATE_ROLE))

    def _choose_first(self) -> None:
        popup = self.completer().popup()
        index = popup.currentIndex() if popup.isVisible() else QModelIndex()
        if not index.isValid() and self._model.rowCount():
            index = self._model.index(0, 0)
        if index.isValid():
            self._on_activated(index)
        elif self.text().strip():
            self._create(" ".join(self.text().split()))

    def _create(self, name: str) -> None:
        self.completer().popup().hide()
        self.clear()
        self._model.clear()
        self.createRequested.emit(name)

    def _finish(self, actor_id: str) -> None:
        self.completer().popup().hide()
        self.clear()
        self._model.clear()
        self.actorChosen.emit(actor_id)


class ActorPickerDialog(QDialog):
    """Asks which actor a span mentions: type to filter, arrows to choose, Enter to accept.

    Non-blocking: open it with `open()` and connect `actorChosen`.
    """

    actorChosen = Signal(str)
    createRequested = Signal(str)  # "New actor…": make an actor of the span (or of the typed name)

    def __init__(self, session: AnnotationSession, span_text: str, *, title: str, suggested: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("actorPicker")
        self.setWindowTitle(title)
        self._session = session
        self._suggested = suggested
        self.span_label = QLabel(f"«{span_text}»")
        self.span_label.setTextFormat(Qt.TextFormat.PlainText)
        self.span_label.setWordWrap(True)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Type a name (Arabic or English) to filter"))
        self.filter_edit.setClearButtonEnabled(True)
        self.actor_list = QListWidget()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._span_text = span_text
        self.new_button = buttons.addButton(self.tr("New actor…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.new_button.setObjectName("newActorButton")
        self.new_button.clicked.connect(self._create)
        layout = QVBoxLayout(self)
        layout.addWidget(self.span_label)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.actor_list)
        layout.addWidget(buttons)
        self.filter_edit.textChanged.connect(self._refill)
        self.actor_list.itemDoubleClicked.connect(lambda _item: self.accept())
        self.filter_edit.installEventFilter(self)
        self._refill("")
        self.resize(420, 380)

    def _refill(self, text: str) -> None:
        self.actor_list.clear()
        actors = self._session.project.find_actors(text, limit=200)
        if not text and self._suggested:
            actors.sort(key=lambda a: a.id != self._suggested)
        for actor in actors:
            item = QListWidgetItem(color_swatch(actor.color), actor_label(actor))
            item.setData(ACTOR_ID_ROLE, actor.id)
            self.actor_list.addItem(item)
        if self.actor_list.count():
            self.actor_list.setCurrentRow(0)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        # Up/Down in the filter field move through the list, so the hands stay on the keyboard.
        if watched is self.filter_edit and isinstance(event, QKeyEvent) and event.type() == QKeyEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                step = -1 if event.key() == Qt.Key.Key_Up else 1
                row = max(0, min(self.actor_list.count() - 1, self.actor_list.currentRow() + step))
                self.actor_list.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def chosen_actor(self) -> str | None:
        item = self.actor_list.currentItem()
        return item.data(ACTOR_ID_ROLE) if item else None

    def _create(self) -> None:
        name = " ".join(self.filter_edit.text().split()) if self.actor_list.count() == 0 else ""
        self.done(QDialog.DialogCode.Rejected)
        self.createRequested.emit(name or self._span_text)

    def accept(self) -> None:
        actor_id = self.chosen_actor()
        if actor_id is None:
            if self.filter_edit.text().strip():  # a name no actor has: offer to create it
                self._create()
            return
        super().accept()
        self.actorChosen.emit(actor_id)
