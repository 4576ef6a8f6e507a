"""Highlights of a long article: Qt gets the selections of the paragraphs in view only, and they
are kept current whatever brings other paragraphs into view (scrolling, resizing, zooming);
what is painted is what every highlight at once would paint."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QFont, QTextCharFormat
from PySide6.QtWidgets import QApplication

from annotator.core.offsets import Utf16Map
from annotator.ui.article_state import ArticleState
from annotator.ui.article_view import ArticleView
from annotator.ui.highlights import FormatCache, Highlight, HighlightLayer, HighlightLayers

WORDS = "قال وزير الخارجية إن تركيا لن تقبل أي دور لوحدات حماية الشعب".split()


def long_article() -> str:
    """About 60,000 characters in paragraphs of 3 to 60 words, with emoji (two UTF-16 units)."""
    paragraphs = []
    for i in range(700):
        n = 3 + (i * 37) % 58
        words = [WORDS[(i + j) % len(WORDS)] for j in range(n)]
        if i % 5 == 0:
            words.insert(n // 2, "😀")
        paragraphs.append(" ".join(words) + ".")
    return "\n".join(paragraphs)


def layers_for(text: str) -> HighlightLayers:
    """A mention on every 9th word, evidence every 1,500 characters with a mention at its start,
    and long spans over many paragraphs (which start far above what is in view), in UTF-16
    positions."""
    utf16, formats = Utf16Map(text), FormatCache()
    to16 = utf16.to_utf16
    mentions, evidence, spans = [], [], []
    start = 0
    for k, word in enumerate(text.replace("\n", " ").split(" ")):
        if k % 9 == 0:
            mentions.append(Highlight(to16(start), to16(start + len(word)), formats.mention("#c62828", k % 2 == 0)))
        start += len(word) + 1
    for k in range(0, len(text) - 200, 1500):
        evidence.append(Highlight(to16(k + 20), to16(k + 140), formats.evidence("#1565c0", k % 3000 == 0)))
        mentions.append(Highlight(to16(k + 20), to16(k + 26), formats.mention("#2e7d32", False)))  # same start
    for k in range(0, len(text) - 9000, 7000):
        spans.append(Highlight(to16(k + 3), to16(k + 8500), formats.boilerplate()))
    return HighlightLayers({"boilerplate": HighlightLayer(spans), "evidence": HighlightLayer(evidence),
                            "mentions": HighlightLayer(mentions)})


class CountingView(ArticleView):
    """An ArticleView that records how deeply its calls of setExtraSelections were nested."""

    def __init__(self):
        super().__init__()
        self.depth = self.deepest = 0

    def setExtraSelections(self, selections) -> None:  # noqa: N802 (Qt API)
        self.depth += 1
        self.deepest = max(self.deepest, self.depth)
        try:
            super().setExtraSelections(selections)
        finally:
            self.depth -= 1


def shown_view(qtbot) -> tuple[CountingView, HighlightLayers]:
    text = long_article()
    state = ArticleState("a", "", "", "", text, Utf16Map(text), "tester", [], [], [], {})
    layers = layers_for(text)
    view = CountingView()
    qtbot.addWidget(view)
    view.resize(700, 500)
    view.show()
    qtbot.waitExposed(view)
    view.show_article(state, layers)
    QApplication.processEvents()
    return view, layers


def spans(selections) -> list[tuple[int, int]]:
    return [(s.cursor.anchor(), s.cursor.position()) for s in selections]


def expected(view: ArticleView, layers: HighlightLayers) -> list[tuple[int, int]]:
    """The highlights overlapping the paragraphs in view, found independently of the view's code."""
    top = view.cursorForPosition(QPoint(view.viewport().width() // 2, 0)).block().position()
    bottom = view.cursorForPosition(QPoint(view.viewport().width() // 2, view.viewport().height())).block()
    end = bottom.position() + bottom.length()
    return [(h.start, h.end) for h in layers.overlapping(top, end)]


def assert_in_view(view: ArticleView, layers: HighlightLayers) -> None:
    QApplication.processEvents()
    assert spans(view.extraSelections()) == expected(view, layers)


def test_scrolling_keeps_the_highlights_of_what_is_in_view_and_never_nests_qt_calls(qtbot):
    """Regression: laying out a paragraph inside setExtraSelections moved the scroll bar, whose
    handler called setExtraSelections again, which freed the selections the outer call was still
    reading (a crash when scrolling a long article)."""
    view, layers = shown_view(qtbot)
    assert_in_view(view, layers)
    assert 0 < len(view.extraSelections()) < len(layers) // 10
    bar = view.verticalScrollBar()
    for k in (1, 2, 3, 5, 7, 8, 4, 0, 6):
        bar.setValue(bar.maximum() * k // 8)
        assert_in_view(view, layers)
    for _ in range(5):
        bar.triggerAction(bar.SliderAction.SliderPageStepSub)
        assert_in_view(view, layers)
    view.move_caret(40_000)
    assert_in_view(view, layers)
    assert view.deepest == 1


def test_resizing_and_zooming_bring_the_highlights_of_the_new_paragraphs(qtbot):
    view, layers = shown_view(qtbot)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    view.resize(400, 900)
    assert_in_view(view, layers)
    view.resize(900, 400)
    assert_in_view(view, layers)
    font = QFont(view.font())
    font.setPointSize(6)  # more paragraphs in view, without scrolling
    view.setFont(font)
    assert_in_view(view, layers)
    font.setPointSize(20)
    view.setFont(font)
    assert_in_view(view, layers)
    assert view.deepest == 1


def test_what_is_painted_is_what_every_highlight_would_paint(qtbot):
    view, layers = shown_view(qtbot)
    bar = view.verticalScrollBar()
    block = view.document().begin()
    while block.isValid():  # lay out everything first, so giving every highlight scrolls nothing
        view.blockBoundingRect(block)
        block = block.next()
    for k in (0, 3, 6):
        bar.setValue(bar.maximum() * k // 8)
        QApplication.processEvents()
        value, own = bar.value(), view.viewport().grab().toImage()
        shown = view.extraSelections()
        view.setExtraSelections(view._selections(layers.overlapping(0, view.document().characterCount())))
        QApplication.processEvents()
        assert bar.value() == value
        assert view.viewport().grab().toImage() == own
        view.setExtraSelections(shown)


def test_a_new_article_shows_its_own_highlights_only(qtbot):
    view, layers = shown_view(qtbot)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    QApplication.processEvents()
    text = "سطر أول.\nسطر ثان فيه تركيا."
    fmt = QTextCharFormat()
    short = HighlightLayers({"mentions": HighlightLayer([Highlight(len(text) - 6, len(text) - 1, fmt)])})
    view.show_article(ArticleState("b", "", "", "", text, Utf16Map(text), "tester", [], [], [], {}), short)
    assert spans(view.extraSelections()) == [(len(text) - 6, len(text) - 1)]
    assert view.deepest == 1


class PaintCount(QObject):
    def __init__(self, widget):
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt API)
        self.count += event.type() == QEvent.Type.Paint
        return False


def test_the_same_highlights_again_repaint_nothing(qtbot):
    """An edit that changes no highlight in view (a stance whose evidence is further down) leaves
    the article alone; giving Qt the same selections again repainted the lines of every two
    selections that start at the same letter."""
    view, layers = shown_view(qtbot)
    paints = PaintCount(view.viewport())
    view.set_highlights(HighlightLayers(dict(layers.layers)))
    QApplication.processEvents()
    assert paints.count == 0


def test_suggested_evidence_given_before_its_article_is_placed_in_that_article(qtbot):
    """The suggestion strip hears of a new article before the view shows it: the suggested span
    (code points) is placed with the new article's UTF-16 map (an emoji before it), clipped to its
    text, drawn before the mentions (their underline wins inside them) and dropped when cleared."""
    from annotator.ui.highlights import suggested_evidence_format

    view, _layers = shown_view(qtbot)
    text = "😀 سطر أول.\nسطر ثان فيه تركيا."
    fmt = suggested_evidence_format("#c62828")
    n16 = len(text) + 1  # UTF-16, as highlights are
    short = HighlightLayers({"mentions": HighlightLayer([Highlight(n16 - 5, n16, QTextCharFormat())])})
    view.set_suggested_evidence((2, 10_000), fmt)  # before show_article, past the end of the new text
    view.show_article(ArticleState("b", "", "", "", text, Utf16Map(text), "tester", [], [], [], {}), short)
    assert [(s.cursor.anchor(), s.cursor.position(), s.format.underlineStyle()) for s in view.extraSelections()] == [
        (3, n16, QTextCharFormat.UnderlineStyle.DotLine), (n16 - 5, n16, QTextCharFormat.UnderlineStyle.NoUnderline)]
    view.set_suggested_evidence(None)
    assert spans(view.extraSelections()) == [(n16 - 5, n16)]
