"""Snapping a selection in article text to whole words (plain Python, no Qt).

Highlights must never split a word's shaping (a diacritic styled alone, half a lam-alef ligature),
and a mention should be stored the way suggestions store them: the name without its proclitics,
which are kept as the mention's `prefix`. Three behaviours, chosen with two toggles:

* exact: the selection as made, only trimmed of surrounding white space and widened so combining
  marks stay with their base letter;
* whole words (default): widened to the words it touches (pyarabic's tokenizer, code points), with a
  clitic prefix split off when the lexicon recognises the rest as a name (وتركيا -> تركيا + و;
  the article stays with the name: بالولايات المتحدة -> الولايات المتحدة + ب);
* whole words with prefix: the same, keeping the prefix inside the span.

A name the lexicon does not know keeps its first letters: و in واشنطن is not a clitic, and only the
lexicon can tell.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from pyarabic.araby import tokenize_with_location

from ..core.matcher import AliasMatcher

_JOINERS = frozenset("\u200c\u200d")


@dataclass(frozen=True)
class SnapOptions:
    to_words: bool = True
    include_prefix: bool = False


@dataclass(frozen=True)
class SnappedSpan:
    """A code-point span [start, end) and the part of its first word before `start`."""

    start: int
    end: int
    prefix: str = ""


def _is_mark(ch: str) -> bool:
    return ch in _JOINERS or unicodedata.category(ch) in ("Mn", "Me")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or _is_mark(ch)


def _whole_clusters(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened so no combining mark is separated from the character it sits on."""
    while start > 0 and _is_mark(text[start]) and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and _is_mark(text[end]):
        end += 1
    return start, end


def _words_touching(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Word spans overlapping [start, end), tokenizing only the stretch between white space."""
    lo = start
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    words = [(lo + t["start"], lo + t["end"]) for t in tokenize_with_location(text[lo:hi])]
    return [(s, e) for s, e in words if s < end and start < e]


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and _is_word_char(text[pos - 1]):
        pos -= 1
    return pos


def _after_known_prefix(text: str, start: int, end: int, matcher: AliasMatcher) -> int:
    """`start` moved past a proclitic chain when the lexicon matches a name right after it."""
    for match in matcher.find(text[start:end]):
        if match.prefix_start == 0 and match.start > 0:
            return start + match.start
        break
    return start


def snap_selection(
    text: str, start: int, end: int, options: SnapOptions = SnapOptions(), matcher: AliasMatcher | None = None
) -> SnappedSpan | None:
    """The span to annotate for a selection of code points [start, end) of `text`.

    Returns None when the selection holds nothing but white space.
    """
    start, end = sorted((max(0, min(start, len(text))), max(0, min(end, len(text)))))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    start, end = _whole_clusters(text, start, end)
    if options.to_words:
        words = _words_touching(text, start, end)
        if words:
            start, end = _whole_clusters(text, words[0][0], words[-1][1])
            if not options.include_prefix and matcher:
                start = _after_known_prefix(text, start, end, matcher)
    return SnappedSpan(start, end, text[_word_start(text, start):start])
