"""How annotations look in the article: text formats in layers, found quickly by position.

Channels never compete (research notes D.3): boilerplate is grey text; stance evidence is a
background in the colour of the stance's label; a mention is its actor's colour with an underline,
solid once accepted and dashed while only proposed; the selected annotation is outlined by
`ArticleView`. Layers are painted broadest first, so a mention inside evidence keeps both.

All positions here are UTF-16 (Qt's); they are converted from code points once per article.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat

from ..core.model import CONTENT_KINDS
from .session import AnnotationSession, ArticleState

BOILERPLATE_COLOR = "#9e9e9e"
EVIDENCE_ALPHA = 70
SELECTED_EVIDENCE_ALPHA = 140


@dataclass(frozen=True)
class Highlight:
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

    def __init__(self, layers: list[HighlightLayer] | None = None):
        self.layers = layers or []

    def overlapping(self, lo: int, hi: int) -> list[Highlight]:
        return [h for layer in self.layers for h in layer.overlapping(lo, hi)]

    def __len__(self) -> int:
        return sum(len(layer) for layer in self.layers)


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


def build_highlights(
    session: AnnotationSession, state: ArticleState, formats: FormatCache, *, selected_stance: str | None = None
) -> HighlightLayers:
    """The highlight layers of `state`, in one pass over its segments, stances and mentions."""
    to16 = state.utf16.to_utf16
    boilerplate = [
        Highlight(to16(s["start"]), to16(s["end"]), formats.boilerplate())
        for s in state.segments
        if s["kind"] not in CONTENT_KINDS and s["end"] > s["start"]
    ]
    evidence = []
    for stance in state.stances:
        label = session.label(stance.label)
        color = label.color if label else BOILERPLATE_COLOR
        fmt = formats.evidence(color, stance.id == selected_stance)
        evidence += [Highlight(to16(span.start), to16(span.end), fmt) for span in stance.evidence]
    colors: dict[str, str] = {}
    mentions = []
    for m in state.visible_mentions():
        if m.actor_id not in colors:
            colors[m.actor_id] = session.actor(m.actor_id).color
        fmt = formats.mention(colors[m.actor_id], m.status == "proposed")
        mentions.append(Highlight(to16(m.start), to16(m.end), fmt))
    return HighlightLayers([HighlightLayer(boilerplate), HighlightLayer(evidence), HighlightLayer(mentions)])
