"""How annotations look in the article: text formats in layers, found quickly by position.

Channels never compete (research notes D.3): boilerplate is grey text; stance evidence is a
background in the colour of the stance's label; a mention is its actor's colour with an underline,
solid once accepted and dashed while only proposed; a model's suggested evidence (not a label yet)
is a dotted underline in the suggested label's colour, with no background; the selected annotation
is outlined by `ArticleView`. Layers are painted broadest first, so a mention inside evidence keeps
both, and a mention inside suggested evidence keeps its own underline.

All positions here are UTF-16 (Qt's); they are converted from code points once per article.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from PySide6.QtGui import QColor, QTextCharFormat

from ..core.model import CONTENT_KINDS
from .article_state import ArticleState
from .session import AnnotationSession

BOILERPLATE_COLOR = "#9e9e9e"
EVIDENCE_ALPHA = 70
SELECTED_EVIDENCE_ALPHA = 140


class Highlight(NamedTuple):  # a tuple: an article's thousands are made quickly
    start: int  # UTF-16, end-exclusive
    end: int
    format: QTextCharFormat


class HighlightLayer:
    """Highlights of one kind, sorted by start, answering 'which overlap [lo, hi)?' by bisection."""

    def __init__(self, highlights: list[Highlight]):
        self._items = sorted(highlights, key=lambda h: h.start)
        self._starts = [h.start for h in self._items]
        self._longest = max((h.end - h.start for h in self._items), default=0)

    def __len__(self) -> int:
        return len(self._items)

    def overlapping(self, lo: int, hi: int) -> list[Highlight]:
        first = bisect_left(self._starts, lo - self._longest)
        last = bisect_left(self._starts, hi)
        return [h for h in self._items[first:last] if h.end > lo]


class HighlightLayers:
    """All highlights of an article, in painting order (broader spans first)."""

    ORDER = ("boilerplate", "evidence", "suggestion", "mentions")

    def __init__(self, layers: dict[str, HighlightLayer] | None = None):
        self.layers = layers or {}

    def overlapping(self, lo: int, hi: int) -> list[Highlight]:
        return [h for name in self.ORDER if name in self.layers for h in self.layers[name].overlapping(lo, hi)]

    def __len__(self) -> int:
        return sum(len(layer) for layer in self.layers.values())


class FormatCache:
    """One QTextCharFormat per look, shared by every highlight that has that look."""

    def __init__(self):
        self._formats: dict[tuple, QTextCharFormat] = {}

    def boilerplate(self) -> QTextCharFormat:
        key = ("boilerplate",)
        if key not in self._formats:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(BOILERPLATE_COLOR))
            self._formats[key] = fmt
        return self._formats[key]

    def evidence(self, color: str, selected: bool) -> QTextCharFormat:
        key = ("evidence", color, selected)
        if key not in self._formats:
            background = QColor(color)
            background.setAlpha(SELECTED_EVIDENCE_ALPHA if selected else EVIDENCE_ALPHA)
            fmt = QTextCharFormat()
            fmt.setBackground(background)
            self._formats[key] = fmt
        return self._formats[key]

    def mention(self, color: str, proposed: bool) -> QTextCharFormat:
        key = ("mention", color, proposed)
        if key not in self._formats:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(color).darker(115))
            fmt.setUnderlineColor(QColor(color))
            fmt.setUnderlineStyle(
                QTextCharFormat.UnderlineStyle.DashUnderline if proposed
                else QTextCharFormat.UnderlineStyle.SingleUnderline
            )
            self._formats[key] = fmt
        return self._formats[key]


def suggested_evidence_format(color: str) -> QTextCharFormat:
    """The look of a suggestion's evidence span: a dotted underline, nothing else (so real evidence
    under it keeps its background, and a mention's own underline wins inside the mention)."""
    fmt = QTextCharFormat()
    fmt.setUnderlineColor(QColor(color))
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    return fmt


class HighlightBuilder:
    """Builds an article's highlight layers, and after an edit only the layers it touched."""

    # which tables each layer is drawn from
    SOURCES = {"boilerplate": {"segments"}, "evidence": {"stances", "evidence"}, "mentions": {"mentions"}}

    def __init__(self, session: AnnotationSession):
        self._session = session
        self._formats = FormatCache()

    def build(self, state: ArticleState, selected_stance: str | None) -> HighlightLayers:
        return self.update(HighlightLayers(), state, None, selected_stance)

    def update(self, layers: HighlightLayers, state: ArticleState, tables: frozenset[str] | None,
               selected_stance: str | None) -> HighlightLayers:
        """`layers` with the layers drawn from `tables` (all when None) built again from `state`."""
        build = {"boilerplate": self._boilerplate, "evidence": lambda s: self._evidence(s, selected_stance),
                 "mentions": self._mentions}
        new = dict(layers.layers)
        for name, sources in self.SOURCES.items():
            if tables is None or sources & tables or name not in new:
                new[name] = build[name](state)
        return HighlightLayers(new)

    def _boilerplate(self, state: ArticleState) -> HighlightLayer:
        to16, fmt = state.utf16.to_utf16, self._formats.boilerplate()
        return HighlightLayer([
            Highlight(to16(s["start"]), to16(s["end"]), fmt)
            for s in state.segments
            if s["kind"] not in CONTENT_KINDS and s["end"] > s["start"]
        ])

    def _evidence(self, state: ArticleState, selected_stance: str | None) -> HighlightLayer:
        to16 = state.utf16.to_utf16
        highlights = []
        for stance in state.stances:
            label = self._session.label(stance.label)
            fmt = self._formats.evidence(label.color if label else BOILERPLATE_COLOR, stance.id == selected_stance)
            highlights += [Highlight(to16(span.start), to16(span.end), fmt) for span in stance.evidence]
        return HighlightLayer(highlights)

    def _mentions(self, state: ArticleState) -> HighlightLayer:
        to16 = state.utf16.to_utf16
        formats: dict[tuple[str, str], QTextCharFormat] = {}
        highlights = []
        for m in state.mentions:
            if m.status == "rejected":
                continue
            key = (m.actor_id, m.status)
            if key not in formats:
                formats[key] = self._formats.mention(self._session.actor(m.actor_id).color, m.status == "proposed")
            highlights.append(Highlight(to16(m.start), to16(m.end), formats[key]))
        return HighlightLayer(highlights)
