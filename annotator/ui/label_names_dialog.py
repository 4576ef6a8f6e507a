"""Editing the stance labels' Arabic display names (stored in the project; exports keep the codes)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from ..core.model import ValidationError
from ..storage.labels import MAX_NAME
from .session import AnnotationSession

LANGUAGE = "ar"


class LabelNamesDialog(QDialog):
    """One field per label code; OK stores the names and emits `saved`."""

    saved = Signal()

    def __init__(self, session: AnnotationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("labelNamesDialog")
        self.setWindowTitle(self.tr("Arabic names of the labels"))
        self._session = session
        names = session.project.label_names.names(LANGUAGE)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for code, name in names.items():
            field = QLineEdit(name)
            field.setMaxLength(MAX_NAME)
            field.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            self.fields[code] = field
            form.addRow(code, field)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Shown in the Arabic interface; exports keep the codes.")))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        try:
            self._session.project.label_names.set_names(
                LANGUAGE, {code: field.text() for code, field in self.fields.items()})
        except ValidationError as e:
            self.error.setText(str(e))
            return
        super().accept()
        self.saved.emit()
