"""The article, read-only and right-to-left, with its annotations highlighted.

Rules kept here (research notes section D):
* the text is set with setPlainText, never as HTML, and never changed: no RLM/LRM is inserted;
  only bidi embedding/override/isolate controls are shown as visible symbols (`visible_text`);
* every paragraph is laid out right-to-left and right-aligned through the document's default
  QTextOption, whatever its first strong character (a line starting with "YPG" or "2016");
* positions cross the Qt boundary only through the article's `Utf16Map`: Qt counts UTF-16 units;
* highlights are ExtraSelections, built only for the paragraphs in view and built again whenever
  the view scrolls, is resized or changes its font, so an article with thousands of annotations
  opens as fast as a short one (Qt lays out the paragraph of every selection it is given and
  shapes its text again to find where the selection is).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (QAction, QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QTextCharFormat, QTextCursor,
                           QTextOption)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QWidget

from ..core.matcher import AliasMatcher
from ..core.model import CONTENT_KINDS
from .article_state import ArticleState
from .highlights import Highlight, HighlightLayer, HighlightLayers
from .selection import SnapOptions, SnappedSpan, snap_selection
from .visible_text import BidiControlTips, visible_text

OUTLINE_COLOR = "#ff8f00"


class ArticleView(QPlainTextEdit):
    """Shows one `ArticleState`; reports selections in code points, snapped to words."""

    clickedAt = Signal(int)  # a click without selection, at this code point
    selectionSnapped = Signal()  # a mouse selection was snapped to words

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("articleView")
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setCenterOnScroll(False)
        self.document().setUndoRedoEnabled(False)
        self.document().setDocumentMargin(12)
        self._apply_rtl_option()
        self._state: ArticleState | None = None
        self._layers = HighlightLayers()  # the annotations' layers, as given by set_highlights
        self._shown = HighlightLayers()  # ... with the suggested evidence: what is drawn
        self._suggested: tuple[int, int, QTextCharFormat] | None = None  # code points
        self._suggested16: Highlight | None = None  # ... placed in the text shown
        self._given: list[Highlight] | None = []  # the highlights Qt has as selections (None: unknown)
        self._focus: list[tuple[int, int]] = []  # outlined spans, code points
        self._focus16: list[tuple[int, int]] = []  # ... and UTF-16
        self._highlighting = False  # _apply_visible_highlights is running
        self._rehighlight = False  # ... and the view scrolled meanwhile: run it again
        self._snap = SnapOptions()
        self._matcher: AliasMatcher | None = None
        self._boilerplate_hidden = False
        self._context_actions: list[QAction | None] = []
        self.verticalScrollBar().valueChanged.connect(self._apply_visible_highlights)
        self._bidi_tips = BidiControlTips(self, lambda: self._state.text if self._state else "",
                                          lambda u16: self._state.utf16.to_codepoint(u16) if self._state else 0)

    def _apply_rtl_option(self) -> None:
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        option.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)

    # ------------------------------------------------------------------ content
    @property
    def state(self) -> ArticleState | None:
        return self._state

    def show_article(self, state: ArticleState, layers: HighlightLayers) -> None:
        """Replace the text (and scroll to the top) and its highlights."""
        self._state = state
        # none while the text is replaced (it scrolls to the top)
        self._layers = self._shown = HighlightLayers()
        self._given = None  # Qt's selections now point into the new text
        self._suggested16 = None  # placed again in the new text by set_highlights
        self._focus = self._focus16 = []
        self.setPlainText(visible_text(state.text))  # bidi controls shown, same offsets
        self._apply_rtl_option()
        if self._boilerplate_hidden:
            self._update_block_visibility()
        self.set_highlights(layers)

    def set_highlights(self, layers: HighlightLayers) -> None:
        self._layers = layers
        self._merge_suggestion()

    def set_suggested_evidence(self, span: tuple[int, int] | None, fmt: QTextCharFormat | None = None) -> None:
        """Draw code-point `span` of the open article with `fmt` (a suggestion's evidence), or nothing.

        The span may arrive before the article it belongs to is shown (the suggestion strip hears
        of a new article first): it is kept in code points and placed again by `show_article`;
        a span outside the text is clipped to it.
        """
        self._suggested = (span[0], span[1], fmt) if span is not None and fmt is not None else None
        self._merge_suggestion()

    def _merge_suggestion(self) -> None:
        layers = dict(self._layers.layers)
        before, self._suggested16 = self._suggested16, None
        if self._suggested is not None and self._state is not None:
            start, end, fmt = self._suggested
            n, to16 = len(self._state.text), self._state.utf16.to_utf16
            start, end = max(0, min(start, n)), max(0, min(end, n))
            if end > start:
                self._suggested16 = Highlight(to16(start), to16(end), fmt)
                layers["suggestion"] = HighlightLayer([self._suggested16])
        self._shown = HighlightLayers(layers)
        self._apply_visible_highlights()
        if self._suggested16 != before:  # the dotted line under the text is painted by paintEvent
            self.viewport().update()

    def set_focus_spans(self, spans: list[tuple[int, int]]) -> None:
        """Outline these code-point spans (the selected annotation)."""
        if self._state is None or spans == self._focus:
            return
        to16 = self._state.utf16.to_utf16
        self._focus = list(spans)
        self._focus16 = [(to16(s), to16(e)) for s, e in spans]
        self.viewport().update()

    def set_snap_options(self, options: SnapOptions) -> None:
        self._snap = options

    def set_matcher(self, matcher: AliasMatcher | None) -> None:
        self._matcher = matcher

    def set_context_actions(self, actions: list[QAction | None]) -> None:
        """Actions offered first in the context menu (None: a separator)."""
        self._context_actions = actions

    # ------------------------------------------------------------------ boilerplate
    def set_boilerplate_hidden(self, hidden: bool) -> None:
        """Fold away (or show again) the lines that are entirely boilerplate."""
        self._boilerplate_hidden = hidden
        self._update_block_visibility()

    def _update_block_visibility(self) -> None:
        if self._state is None:
            return
        doc = self.document()
        hidden16 = [
            (self._state.utf16.to_utf16(s["start"]), self._state.utf16.to_utf16(s["end"]))
            for s in self._state.segments
            if s["kind"] not in CONTENT_KINDS
        ]
        block = doc.begin()
        while block.isValid():
            start, end = block.position(), block.position() + block.length() - 1
            inside = self._boilerplate_hidden and end > start and any(s <= start and end <= e for s, e in hidden16)
            block.setVisible(not inside)
            block = block.next()
        doc.markContentsDirty(0, doc.characterCount())
        self.viewport().update()
        self._apply_visible_highlights()

    # ------------------------------------------------------------------ selection
    def cursor_position(self) -> int:
        """The caret position in code points."""
        if self._state is None:
            return 0
        return self._state.utf16.to_codepoint(self.textCursor().position())

    def selected_span(self) -> tuple[int, int] | None:
        """The raw selection in code points (None when nothing is selected)."""
        cursor = self.textCursor()
        if self._state is None or not cursor.hasSelection():
            return None
        to_cp = self._state.utf16.to_codepoint
        return to_cp(cursor.selectionStart()), to_cp(cursor.selectionEnd())

    def snapped_selection(self) -> SnappedSpan | None:
        """The selection snapped as the toggles say; the visible selection is updated to match."""
        span = self.selected_span()
        if span is None or self._state is None:
            return None
        snapped = snap_selection(self._state.text, span[0], span[1], self._snap, self._matcher)
        if snapped is not None and (snapped.start, snapped.end) != span:
            self.select_span(snapped.start, snapped.end, scroll=False)
        return snapped

    def select_span(self, start: int, end: int, *, scroll: bool = True) -> None:
        """Select code points [start, end)."""
        if self._state is None:
            return
        to16 = self._state.utf16.to_utf16
        cursor = QTextCursor(self.document())
        cursor.setPosition(to16(start))
        cursor.setPosition(to16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if scroll:
            self.ensureCursorVisible()

    def clear_selection(self) -> None:
        """Drop the selection, leaving the caret at its end."""
        cursor = self.textCursor()
        if cursor.hasSelection():
            cursor.clearSelection()
            self.setTextCursor(cursor)

    def move_caret(self, pos: int) -> None:
        if self._state is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._state.utf16.to_utf16(pos))
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt API)
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self._state is None:
            return
        if self.textCursor().hasSelection():
            if self.snapped_selection() is not None:
                self.selectionSnapped.emit()
        else:
            self.clickedAt.emit(self.cursor_position())

    def contextMenuEvent(self, event) -> None:  # noqa: N802 (Qt API)
        menu = QMenu(self)
        for action in self._context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        standard = self.createStandardContextMenu(event.pos())
        menu.addSeparator()
        for action in standard.actions():
            menu.addAction(action)
        menu.exec(event.globalPos())
        standard.deleteLater()

    # ------------------------------------------------------------------ painting
    def _visible_range16(self) -> tuple[int, int]:
        """UTF-16 range of the paragraphs in view.

        Walking their blocks lays them out, as painting them would. Each block's QTextLayout is
        asked to keep the text it shapes for that (QTextLayout::setCacheEnabled; it would free it
        at the end of the layout and shape it again for the selections and the painting that
        follow, which keep it anyway): 8% fewer instructions per article switch (callgrind).
        cursorForPosition, to find the last block, would shape its line once more.
        """
        block = self.firstVisibleBlock()
        if not block.isValid():
            return 0, 0
        top = end = block.position()
        y = self.blockBoundingGeometry(block).translated(self.contentOffset()).top()
        height = self.viewport().height()
        while block.isValid() and y <= height:
            block.layout().setCacheEnabled(True)
            y += self.blockBoundingRect(block).height()
            end = block.position() + block.length()
            block = block.next()
        return top, end

    def _apply_visible_highlights(self) -> None:
        """Give Qt the selections of the highlights in view, unless it has them already (Qt would
        repaint the lines of selections that share a start with another).

        Laying out a paragraph (for the range, or inside setExtraSelections for a highlight that
        starts above the view) can correct the estimated height of the text above the view, so the
        scroll bar moves and calls this again. Qt's setExtraSelections is not reentrant (the inner
        call frees the selections the outer one is reading), so that call only asks for one more
        pass once the current one is done.
        """
        if self._state is None:
            return
        if self._highlighting:
            self._rehighlight = True
            return
        self._highlighting = True
        try:
            self._rehighlight = True
            while self._rehighlight:
                self._rehighlight = False
                highlights = self._shown.overlapping(*self._visible_range16())
                if highlights != self._given:
                    self._given = highlights
                    self.setExtraSelections(self._selections(highlights))
        finally:
            self._highlighting = False

    def _selections(self, highlights: list[Highlight]) -> list[QTextEdit.ExtraSelection]:
        doc = self.document()
        selections = []
        # Inside an edit block a QTextCursor does not lay out its paragraph to remember its x
        # position, which would otherwise cost most of the time here.
        guard = QTextCursor(doc)
        guard.beginEditBlock()
        try:
            for h in highlights:
                cursor = QTextCursor(doc)
                cursor.setPosition(h.start)
                cursor.setPosition(h.end, QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = h.format
                selections.append(selection)
        finally:
            guard.endEditBlock()
        return selections

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self._apply_visible_highlights()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt API)
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a zoom: other paragraphs are in view
            self._apply_visible_highlights()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt API)
        super().paintEvent(event)
        suggested = self._suggested16
        if not self._focus16 and suggested is None:
            return
        first, last = self._visible_range16()
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        # the suggested evidence: Qt's dotted underline runs along the baseline, where Arabic letters
        # join and hide it, so a bolder dotted line is drawn under the line as well
        if suggested is not None and suggested.end >= first and suggested.start <= last:
            pen = QPen(suggested.format.underlineColor(), 2, Qt.PenStyle.DotLine)
            pen.setCapStyle(Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            for rect in self._span_rects(suggested.start, suggested.end):
                painter.drawLine(rect.bottomLeft() + QPointF(0, -1.5), rect.bottomRight() + QPointF(0, -1.5))
        painter.setPen(QPen(QColor(OUTLINE_COLOR), 2))
        for start, end in self._focus16:
            if end < first or start > last:
                continue
            for rect in self._span_rects(start, end):
                painter.drawRoundedRect(rect.adjusted(-2, 1, 2, -1), 4, 4)
        painter.end()

    def _span_rects(self, start: int, end: int) -> list[QRectF]:
        """Viewport rectangles covering UTF-16 [start, end), one per visual line (visible only)."""
        rects = []
        offset = self.contentOffset()
        height = self.viewport().height()
        block = self.document().findBlock(start)
        while block.isValid() and block.position() < end:
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            if block.isVisible() and geometry.bottom() >= 0:
                layout = block.layout()
                base = block.position()
                a, b = max(start, base) - base, min(end, base + block.length() - 1) - base
                for i in range(layout.lineCount()):
                    line = layout.lineAt(i)
                    lo, hi = max(a, line.textStart()), min(b, line.textStart() + line.textLength())
                    if lo >= hi:
                        continue
                    x1, x2 = line.cursorToX(lo)[0], line.cursorToX(hi)[0]
                    rects.append(QRectF(min(x1, x2), line.y(), abs(x2 - x1), line.height()).translated(
                        geometry.topLeft() + layout.position()))
            block = block.next()
        return rects
