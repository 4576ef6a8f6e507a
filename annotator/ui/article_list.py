"""The article list: a lazily paged table over `Project.article_numbers`, with filters.

The model has a row for every matching article but reads a row's page only when the view first
shows it, and keeps a bounded number of pages, so a project of a million articles opens after one
count and one small read, and scrolling to any row (the last one too) reads one page, with any filter.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, replace
from itertools import chain

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..storage.project import ArticleNumbers
from .actor_search import actor_label
from .plain import literal_rich_text
from .session import AnnotationSession

PAGE_SIZE = 200
CACHED_PAGES = 64
SEARCH_DELAY_MS = 300
STATUS_COLORS = {
    "new": "#bdbdbd",
    "in progress": "#1e88e5",
    "done": "#2e7d32",
    "skipped": "#f9a825",
    "flagged": "#c62828",
}
UNFINISHED = frozenset({"new", "in progress"})
# the roles `ArticleListModel.data` answers; the view asks each visible cell for several more
COMBO_CHARS = 16  # the width of the actor filter, in characters
SHOWN_ROLES = frozenset({Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole,
                         Qt.ItemDataRole.TextAlignmentRole})


@dataclass(frozen=True)
class ArticleFilter:
    status: str | None = None
    actor: str | None = None
    query: str | None = None


@dataclass
class ArticleRow:
    n: int
    id: str
    title: str
    source: str
    status: str
    stances: int


def status_icon(color: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(color))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class ArticleListModel(QAbstractTableModel):
    """Articles matching a filter, in import order, with the current annotator's status.

    Choosing a filter reads the import numbers of the matching articles (`Project.article_numbers`,
    a snapshot): row r is the article numbered numbers[r]. Rows are read a page (`PAGE_SIZE` rows)
    at a time, by number, when first asked for, and the `CACHED_PAGES` pages used last are kept
    (always with the open article's), so any page costs the same one search wherever it is.

    Edits do not move rows: an article whose status no longer matches the filter keeps its row and
    shows its new status (`refresh_article`, and any page read again) until the filter is chosen
    again (`set_filter`), which also shows articles imported meanwhile.
    """

    TITLE, SOURCE, STATUS, STANCES = range(4)

    def __init__(self, session: AnnotationSession, parent=None):
        super().__init__(parent)
        self._session = session
        self._filter = ArticleFilter()
        self._pages: OrderedDict[int, list[ArticleRow]] = OrderedDict()
        self._row_of: dict[str, int] = {}
        self._numbers: ArticleNumbers = ArticleNumbers()
        self._icons = {status: status_icon(color) for status, color in STATUS_COLORS.items()}
        self._headers = [self.tr("Title"), self.tr("Source"), self.tr("Status"), self.tr("Stances")]
        self._status_names = {
            "new": self.tr("new"), "in progress": self.tr("in progress"), "done": self.tr("done"),
            "skipped": self.tr("skipped"), "flagged": self.tr("flagged"),
        }
        self.set_filter(ArticleFilter())

    # ------------------------------------------------------------------ filtering and paging
    @property
    def total(self) -> int:
        """How many articles match the filter (read or not)."""
        return len(self._numbers)

    @property
    def article_filter(self) -> ArticleFilter:
        return self._filter

    def set_filter(self, article_filter: ArticleFilter) -> None:
        self.beginResetModel()
        self._filter = article_filter
        self._pages.clear()
        self._row_of.clear()
        f = article_filter
        self._numbers = self._session.project.article_numbers(
            status=f.status, annotator=self._session.annotator, actor=f.actor, query=f.query)
        self.endResetModel()

    def _read_page(self, page: int) -> list[ArticleRow]:
        numbers = self._numbers[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        rows = self._session.project.articles_numbered(numbers, annotator=self._session.annotator)
        return [ArticleRow(r["n"], r["id"], r["title"], r["source"], r["status"], r["stances"]) for r in rows]

    def _page(self, page: int) -> list[ArticleRow]:
        """The rows of `page`, read now if they are not cached; evicts the page used longest ago."""
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        rows = self._pages[page] = self._read_page(page)
        self._row_of.update((r.id, page * PAGE_SIZE + i) for i, r in enumerate(rows))
        if len(self._pages) > CACHED_PAGES:
            state = self._session.state
            open_row = self._row_of.get(state.article_id, -1) if state is not None else -1
            oldest = next(p for p in self._pages if p != open_row // PAGE_SIZE)
            for r in self._pages.pop(oldest):
                del self._row_of[r.id]
        return rows

    def _row(self, row: int) -> ArticleRow | None:
        if not 0 <= row < self.total:
            return None
        rows = self._page(row // PAGE_SIZE)
        return rows[row % PAGE_SIZE] if row % PAGE_SIZE < len(rows) else None

    def status_name(self, status: str) -> str:
        """The status as shown to the user (translated)."""
        return self._status_names.get(status, status)

    # ------------------------------------------------------------------ lookup
    def article_id(self, row: int) -> str | None:
        article = self._row(row)
        return article.id if article is not None else None

    def row_of(self, article_id: str) -> int:
        """The row showing `article_id` if its page is cached, else -1."""
        return self._row_of.get(article_id, -1)

    def next_unfinished_row(self, after: int) -> int:
        """The first row after `after` that is new or in progress, reading pages as needed, then
        wrapping around to the start; -1 when every matching article is finished."""
        total = self.total
        for row in chain(range(after + 1, total), range(min(after + 1, total))):
            article = self._row(row)
            if article is not None and article.status in UNFINISHED:
                return row
        return -1

    def refresh_article(self, article_id: str) -> None:
        """Show one article's new status and stance count after an edit."""
        row = self.row_of(article_id)
        if row < 0:
            return
        state = self._session.state
        if state is not None and state.article_id == article_id:
            status, stances = state.status["status"], len(state.stances)
        else:
            annotator = self._session.annotator
            status = self._session.project.status(article_id, annotator)["status"]
            stances = len(self._session.project.stances(article_id, annotator))
        rows = self._pages[row // PAGE_SIZE]
        rows[row % PAGE_SIZE] = replace(rows[row % PAGE_SIZE], status=status, stances=stances)
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # ------------------------------------------------------------------ Qt model API
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else 4

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 (Qt API)
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if role not in SHOWN_ROLES or not index.isValid():
            return None
        row, column = self._row(index.row()), index.column()
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                return row.title or row.id
            if column == self.SOURCE:
                return row.source
            if column == self.STATUS:
                return self.status_name(row.status)
            if column == self.STANCES:
                return row.stances
        elif role == Qt.ItemDataRole.DecorationRole and column == self.STATUS:
            return self._icons.get(row.status)
        elif role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return literal_rich_text(f"{row.title}\n{row.id}")
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == self.STANCES:
            # at the start of the cell like the other columns, not floating mid-row (issue 10)
            return int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        return None


class ArticleListPanel(QWidget):
    """The filter bar and the article table; emits `articleSelected(article_id)`."""

    articleSelected = Signal(str)

    def __init__(self, session: AnnotationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("articleList")
        self._session = session
        self.model = ArticleListModel(session, self)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("articleSearch")
        self.search_edit.setPlaceholderText(self.tr("Search titles and text…"))
        self.search_edit.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search_edit.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_edit.returnPressed.connect(self._apply_filter)

        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        self.status_combo.addItem(self.tr("All statuses"), None)
        for status in STATUS_COLORS:
            self.status_combo.addItem(status_icon(STATUS_COLORS[status]), self.model.status_name(status), status)
        self.status_combo.currentIndexChanged.connect(lambda _i: self._apply_filter())

        self.actor_combo = QComboBox()
        self.actor_combo.setObjectName("actorFilter")
        # sized by a few characters, not by the longest actor name (a long one made the list dock,
        # and so the window, wider than the screen)
        self.actor_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.actor_combo.setMinimumContentsLength(COMBO_CHARS)
        self.actor_combo.addItem(self.tr("Any actor"), None)
        for actor in session.project.actors():
            self.actor_combo.addItem(actor_label(actor), actor.id)
        self.actor_combo.currentIndexChanged.connect(lambda _i: self._apply_filter())

        self.table = QTableView()
        self.table.setObjectName("articleTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Fixed widths from the font: sizing columns to their contents would measure every loaded
        # row whenever one changes.
        header.setSectionResizeMode(ArticleListModel.TITLE, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        widths = {
            ArticleListModel.SOURCE: metrics.horizontalAdvance("M" * 8),
            ArticleListModel.STATUS: metrics.horizontalAdvance(self.model.status_name("in progress")) + 36,
            ArticleListModel.STANCES: metrics.horizontalAdvance(self.model.headerData(
                ArticleListModel.STANCES, Qt.Orientation.Horizontal)) + 16,
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._on_row_changed)

        # Said in place of an empty table, so an empty result is not mistaken for a slow one.
        self.empty_label = QLabel()
        self.empty_label.setObjectName("articleListEmpty")
        self.empty_label.setTextFormat(Qt.TextFormat.PlainText)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        filters = QHBoxLayout()
        filters.addWidget(self.status_combo)
        filters.addWidget(self.actor_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search_edit)
        layout.addLayout(filters)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.table, 1)

        session.edited.connect(lambda edit: self.model.refresh_article(edit.article_id))
        session.articleLeft.connect(self.model.refresh_article)  # "in progress" once time was spent
        session.articleOpened.connect(lambda state: self.select_article(state.article_id))

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        query = self.search_edit.text().strip() or None
        self.model.set_filter(ArticleFilter(
            status=self.status_combo.currentData(),
            actor=self.actor_combo.currentData(),
            query=query,
        ))
        if self.model.rowCount():
            self.empty_label.hide()
        else:
            self.empty_label.setText(
                self.tr("No article matches “%1” with these filters.").replace("%1", query) if query
                else self.tr("No article matches these filters."))
            self.empty_label.show()
        state = self._session.state
        if state is not None:
            self.select_article(state.article_id)

    def _on_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article_id = self.model.article_id(current.row()) if current.isValid() else None
        state = self._session.state
        if article_id and (state is None or state.article_id != article_id):
            self.articleSelected.emit(article_id)

    def current_row(self) -> int:
        state = self._session.state
        return self.model.row_of(state.article_id) if state else -1

    def select_article(self, article_id: str) -> None:
        """Highlight the row of `article_id` if it is loaded (without reopening the article)."""
        row = self.model.row_of(article_id)
        if row < 0:
            self.table.clearSelection()
            return
        index = self.model.index(row, 0)
        if self.table.currentIndex().row() != row:
            self.table.setCurrentIndex(index)
        self.table.scrollTo(index)

    def select_row(self, row: int) -> bool:
        """Open the article at `row`."""
        article_id = self.model.article_id(row)
        if article_id is None:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def select_relative(self, step: int) -> bool:
        """Open the next (step 1) or previous (-1) article of the list."""
        row = self.current_row()
        return self.select_row(row + step if row >= 0 else 0)

    def select_next_unfinished(self) -> bool:
        row = self.model.next_unfinished_row(self.current_row())
        return row >= 0 and self.select_row(row)
