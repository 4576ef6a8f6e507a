"""Adjudication of the open article: every coder's label per stance item, and the gold stance.

One row per item (holder, target), one column per coder (an annotator who marked the article
done) with their label and, as tooltip, the text of their evidence, and a gold column whose combo
box sets or clears the item's gold stance. Rows where the coders disagree are highlighted. Every
change goes through the session's edit funnel (`AnnotationSession.perform`), so it is logged under
the current annotator as adjudicator and undone with Ctrl+Z like any other edit. Article text is
only ever shown as plain text (escaped in tooltips).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.commands import Edit
from ..core.model import AUTHOR
from ..team.gold import Item
from .commands import AcceptAgreedCommand, ClearGoldCommand, SetGoldCommand
from .plain import literal_rich_text
from .session import AnnotationSession

DISAGREEMENT_COLOR = QColor("#ffe0b2")  # a light orange behind the rows the coders disagree on
FIRST_CODER_COLUMN = 2  # after holder and target
KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # (holder, target) on the row's first cell
DISAGREEMENT_ROLE = Qt.ItemDataRole.UserRole + 2  # True on every cell of a disagreement row
SNIPPET_CHARS = 120


class AdjudicationDialog(QDialog):
    """The coders' labels of one article's stance items, and the gold label to choose for each."""

    def __init__(self, session: AnnotationSession, article_id: str, parent: QWidget | None = None,
                 undo_actions: tuple[QAction, ...] = ()):
        super().__init__(parent)
        self.setObjectName("adjudicationDialog")
        self.setWindowTitle(self.tr("Adjudicate"))
        self._session = session
        self.article_id = article_id
        self._text = session.project.article_text(article_id)
        self._items: list[Item] = []
        self._coders: list[str] = []
        self._updating = False
        self.addActions(list(undo_actions))  # Ctrl+Z / Ctrl+Shift+Z work while the dialog has the keys

        title = QLabel(session.project.article(article_id)["title"])
        title.setTextFormat(Qt.TextFormat.PlainText)
        title.setWordWrap(True)
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        self.info = QLabel()
        self.info.setObjectName("adjudicationInfo")
        self.info.setTextFormat(Qt.TextFormat.PlainText)
        self.info.setWordWrap(True)

        self.table = QTableWidget()
        self.table.setObjectName("adjudicationTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.accept_button = QPushButton(self.tr("Accept all agreed"))
        self.accept_button.setObjectName("acceptAgreedButton")
        self.accept_button.setToolTip(self.tr("Store the label all coders agree on as gold, for every item without one"))
        self.accept_button.clicked.connect(self.accept_agreed)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setObjectName("clearGoldButton")
        self.clear_button.setToolTip(self.tr("Remove the gold stance of the selected item"))
        self.clear_button.clicked.connect(self.clear_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.accept_button)
        row.addWidget(self.clear_button)
        row.addStretch(1)
        row.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.info)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)

        session.edited.connect(self._on_edited)
        self.refresh()
        self.resize(900, 420)

    # ------------------------------------------------------------------ reading
    def _name(self, actor_id: str) -> str:
        if actor_id == AUTHOR:
            return self.tr("Author (the article's own voice)")
        try:
            actor = self._session.actor(actor_id)
        except KeyError:
            return actor_id
        return actor.name_ar or actor.name_en or actor_id

    def _evidence_text(self, spans) -> str:
        parts = []
        for start, end in spans:
            snippet = self._text[start:end]
            if len(snippet) > SNIPPET_CHARS:
                snippet = snippet[:SNIPPET_CHARS] + "…"
            parts.append(snippet)
        return "\n".join(parts)

    def row_of(self, holder: str, target: str) -> int:
        """The table row of the item (holder, target), or -1."""
        return next((r for r, i in enumerate(self._items) if i.key == (holder, target)), -1)

    def gold_combo(self, row: int) -> QComboBox:
        return self.table.cellWidget(row, FIRST_CODER_COLUMN + len(self._coders))

    def _agreed_open(self) -> list[tuple[str, str, str]]:
        if len(self._coders) < 2:
            return []
        return [(i.holder, i.target, i.agreed_label) for i in self._items
                if i.gold is None and i.judgements and i.agreed_label is not None]

    # ------------------------------------------------------------------ showing
    def refresh(self) -> None:
        """Read the article's items again and show them (the selected row stays selected)."""
        project = self._session.project
        selected = self.selected_key()
        self._coders = project.coders(self.article_id)
        self._items = project.stance_items(self.article_id)
        labels = [l.name for l in project.labels()]
        disagreements = sum(i.disagreement for i in self._items)
        open_items = sum(i.gold is None for i in self._items)
        if self._coders:
            self.info.setText(self.tr("Coders: {coders}. Items: {n}, disagreements: {d}, without gold: {o}.").format(
                coders=", ".join(self._coders), n=len(self._items), d=disagreements, o=open_items))
        else:
            self.info.setText(self.tr("No annotator has marked this article done yet."))

        self._updating = True
        try:
            self.table.clearContents()
            self.table.setColumnCount(FIRST_CODER_COLUMN + len(self._coders) + 1)
            self.table.setHorizontalHeaderLabels([self.tr("Holder"), self.tr("Target"), *self._coders, self.tr("Gold")])
            self.table.setRowCount(len(self._items))
            for row, item in enumerate(self._items):
                self._fill_row(row, item, labels)
        finally:
            self._updating = False
        header = self.table.horizontalHeader()
        for column in range(self.table.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column < FIRST_CODER_COLUMN
                                        else QHeaderView.ResizeMode.ResizeToContents)
        if selected is not None and (row := self.row_of(*selected)) >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def _fill_row(self, row: int, item: Item, labels: list[str]) -> None:
        background = QBrush(DISAGREEMENT_COLOR) if item.disagreement else QBrush()
        # holder and target in columns of their own: two Arabic names joined by an arrow would be
        # reordered by the bidi algorithm in a left-to-right interface
        holder = QTableWidgetItem(self._name(item.holder))
        holder.setData(KEY_ROLE, item.key)
        holder.setToolTip(literal_rich_text(item.holder))
        target = QTableWidgetItem(self._name(item.target))
        target.setToolTip(literal_rich_text(item.target))
        cells = [holder, target]
        for coder in self._coders:
            judgement = item.judgements.get(coder)
            cell = QTableWidgetItem(judgement.label if judgement else "")
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if judgement is not None and judgement.implicit:
                font = cell.font()
                font.setItalic(True)
                cell.setFont(font)
                cell.setToolTip(self.tr("No stance recorded (counts as NONE)"))
            elif judgement is not None:
                evidence = self._evidence_text(judgement.evidence)
                cell.setToolTip(literal_rich_text(evidence) if evidence else self.tr("No evidence"))
            cells.append(cell)
        for column, cell in enumerate(cells):
            cell.setBackground(background)
            cell.setData(DISAGREEMENT_ROLE, item.disagreement)
            self.table.setItem(row, column, cell)
        gold_cell = QTableWidgetItem()
        gold_cell.setBackground(background)
        gold_cell.setData(DISAGREEMENT_ROLE, item.disagreement)
        self.table.setItem(row, len(cells), gold_cell)

        combo = QComboBox()
        combo.setObjectName("goldCombo")
        combo.addItem(self.tr("— no gold —"), None)
        gold = item.gold["label"] if item.gold else None
        for label in labels + ([gold] if gold and gold not in labels else []):
            combo.addItem(label, label)
        combo.setCurrentIndex(max(combo.findData(gold), 0) if gold else 0)
        if item.gold:
            combo.setToolTip(literal_rich_text(self.tr("Adjudicated by {name}").format(name=item.gold["adjudicator"])))
        combo.currentIndexChanged.connect(lambda _i, key=item.key, c=combo: self._on_gold_chosen(key, c))
        self.table.setCellWidget(row, len(cells), combo)

    def selected_key(self) -> tuple[str, str] | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self._items):
            return None
        return self._items[rows[0].row()].key

    def _update_buttons(self) -> None:
        self.accept_button.setEnabled(bool(self._agreed_open()))
        key = self.selected_key()
        row = self.row_of(*key) if key else -1
        self.clear_button.setEnabled(row >= 0 and self._items[row].gold is not None)

    def _on_edited(self, edit: Edit) -> None:
        if edit.article_id == self.article_id:
            self.refresh()

    # ------------------------------------------------------------------ editing
    def _on_gold_chosen(self, key: tuple[str, str], combo: QComboBox) -> None:
        if self._updating:
            return
        label = combo.currentData()
        row = self.row_of(*key)
        gold = self._items[row].gold if row >= 0 else None
        if label == (gold["label"] if gold else None):
            return
        session, holder, target = self._session, *key
        if label is None:
            done = session.perform(lambda: ClearGoldCommand(session, self.article_id, holder, target))
        else:
            done = session.perform(lambda: SetGoldCommand(session, self.article_id, holder, target, label))
        if not done:
            self.refresh()  # show the gold label as stored again

    def accept_agreed(self) -> None:
        items = self._agreed_open()
        if items:
            session = self._session
            session.perform(lambda: AcceptAgreedCommand(session, self.article_id, items))

    def clear_selected(self) -> None:
        key = self.selected_key()
        row = self.row_of(*key) if key else -1
        if row < 0 or self._items[row].gold is None:
            return
        session, (holder, target) = self._session, key
        session.perform(lambda: ClearGoldCommand(session, self.article_id, holder, target))
