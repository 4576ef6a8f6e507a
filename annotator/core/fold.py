"""Arabic folding for matching and search, with a map back to original code-point positions.

Folding is *never* applied to stored text. It produces a second string in which spelling noise is
removed (tashkeel, tatweel, invisible controls), presentation forms are expanded (NFKC) and letter
variants are unified 1:1 (أ إ آ ٱ -> ا, ة -> ه, ؤ -> و, ئ -> ي, ی -> ي, ک -> ك, Arabic-Indic digits
-> ASCII digits). Runs of horizontal white space collapse to one space. ى is deliberately *not*
folded to ي: the preposition على must not match the name علي.

The folded string is built in segments so that long texts fold at `str.replace` speed; only the
positions of dropped or expanded characters need bookkeeping.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field

# Characters removed from the folded string.
_COMBINING = (
    [chr(c) for c in range(0x064B, 0x0660)]  # harakat, tanwin, shadda, sukun, maddah/hamza marks
    + ["\u0670"]  # superscript alef
    + [chr(c) for c in range(0x06D6, 0x06DD)]  # Quranic annotation marks
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + [chr(c) for c in range(0x06E7, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
COMBINING_MARKS = frozenset(_COMBINING)
_INVISIBLE = [
    "\u0640",  # tatweel
    "\u200b", "\u200c", "\u200d",  # ZWSP, ZWNJ, ZWJ
    "\u200e", "\u200f", "\u061c",  # LRM, RLM, ALM
    "\u00ad",  # soft hyphen
    "\ufeff",  # BOM / ZWNBSP
    "\u2060",  # word joiner
] + [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
DROPPED = frozenset(_COMBINING + _INVISIBLE)

_ONE_TO_ONE = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ة": "ه", "ۀ": "ه", "ھ": "ه",
    "ؤ": "و",
    "ئ": "ي", "ی": "ي",
    "ک": "ك",
    "\u00a0": " ", "\t": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ", "\u2002": " ",
    "\u2003": " ", "\u200a": " ",
}
for _i in range(10):
    _ONE_TO_ONE[chr(0x0660 + _i)] = str(_i)
    _ONE_TO_ONE[chr(0x06F0 + _i)] = str(_i)

_TRANSLATE = {ord(k): v for k, v in _ONE_TO_ONE.items()}
_DROP_TRANSLATE = {ord(c): None for c in DROPPED}
_FULL_TRANSLATE = {**_TRANSLATE, **_DROP_TRANSLATE}
# The 1:1 replacements as str.replace pairs (much faster than str.translate on non-ASCII text):
# the common letters always (a pass each), the rare letters, the digits and the spaces other than
# U+0020 only those that occur (`_RARE_PAIRS`, found by the scan `fold` makes anyway).
_COMMON_LETTERS = "أإآةؤئ"
_LETTER_PAIRS = [(k, _ONE_TO_ONE[k]) for k in _COMMON_LETTERS]
_RARE_LETTERS = "".join(k for k, v in _ONE_TO_ONE.items() if v.isalpha() and k not in _COMMON_LETTERS)
_DIGIT_ASCII = {k: v for k, v in _ONE_TO_ONE.items() if v.isdigit()}
_INDIC_DIGITS = "\u0660-\u0669\u06f0-\u06f9"

_PRESENTATION = "\ufb50-\ufdff\ufe70-\ufefe"
_HSPACE_CLASS = " \t\u00a0\u2009\u202f\u3000\u2002\u2003\u200a"


def _char_class(chars) -> str:
    """The inside of a regex character class for `chars`, as ranges (fast to test)."""
    codes = sorted(map(ord, chars))
    out, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(re.escape(chr(codes[i])) + ("-" + re.escape(chr(codes[j])) if j > i else ""))
        i = j + 1
    return "".join(out)


_DROPPED_CLASS = _char_class(DROPPED)
# A "special" character is one whose folded length may not be exactly 1: dropped characters,
# presentation forms (which may expand), and white space that follows white space or a dropped
# character (it collapses into the space already emitted, if there is one). `fold` decides
# character by character inside runs that hold every special character:
# - `_RUNS`, on the text: a run starts at a dropped or presentation character, at a white-space
#   character other than U+0020, or at a rare letter or an Arabic-Indic digit of the 1:1 table
#   (the last three are found in the same scan so that they are replaced only when they occur),
#   and goes on over dropped and presentation characters and U+0020. So a white space after white
#   space or after a dropped character is in a run, except U+0020 after U+0020 (see `_SPACES`).
#   The scan stops only at those rare characters; U+0020, a sixth of Arabic text, does not start
#   a run (issue 13: the old pattern started at any white space, then looked ahead, and took three
#   times as long). One leading character class, no alternation: with `|` at the top the regex
#   engine tries the pattern at every position, five times slower.
# - `_SPACES`, on the text after the 1:1 replacements, where every white-space character is a
#   space: runs of two or more spaces, found with `str.find` (C speed; they are rare).
_OTHER_SPACES = _HSPACE_CLASS.replace(" ", "")
_RUNS = re.compile(
    "[" + _RARE_LETTERS + _INDIC_DIGITS + _OTHER_SPACES + _DROPPED_CLASS + _PRESENTATION + "][ " + _DROPPED_CLASS
    + _PRESENTATION + "]*"
)
# Replaced only when they occur; each starts a run of `_RUNS`, so the runs' first characters say.
_RARE_PAIRS = {c: _ONE_TO_ONE[c] for c in _RARE_LETTERS + "".join(_DIGIT_ASCII) + _OTHER_SPACES}
_NOT_SPECIAL = frozenset(_RARE_LETTERS) | frozenset(_DIGIT_ASCII)  # they start runs all the same
_SPACES = re.compile("  +")
_HSPACE = frozenset(_HSPACE_CLASS)
_DROPPED_OR_HSPACE = DROPPED | _HSPACE


def _one_to_one(text: str, rare) -> str:
    """`text` with the 1:1 letter replacements, and those of the `rare` characters (digits, odd
    spaces) that it holds, applied (same length). (str.translate would look up every character.)"""
    for a, b in _LETTER_PAIRS:
        text = text.replace(a, b)
    for c in rare:
        text = text.replace(c, _RARE_PAIRS[c])
    return text


def _fold_char(ch: str) -> str:
    """Fold one original character; may return '' (dropped) or several characters."""
    if ch in DROPPED:
        return ""
    o = ord(ch)
    if 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFE:
        expanded = unicodedata.normalize("NFKC", ch)
        return expanded.translate(_FULL_TRANSLATE)
    return ch.translate(_TRANSLATE)


@dataclass(frozen=True)
class Folded:
    """A folded string with a map from folded positions back to original positions.

    `seg_fold[k]`/`seg_src[k]` start segment k. Segment kinds: a 1:1 run (`seg_expand[k] == 0`)
    or one original character expanded to several folded ones (`seg_expand[k] == 1`).
    """

    text: str
    original: str
    seg_fold: list[int] = field(repr=False)
    seg_src: list[int] = field(repr=False)
    seg_expand: list[int] = field(repr=False)

    def source_index(self, f: int) -> int:
        """Original index of folded character `f` (0 <= f < len(text))."""
        k = bisect_right(self.seg_fold, f) - 1
        if self.seg_expand[k]:
            return self.seg_src[k]
        return self.seg_src[k] + (f - self.seg_fold[k])

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map folded [start, end) to original [s, e), widened over trailing combining marks.

        A span that begins inside an expanded presentation form starts at that code point.
        """
        if end <= start:
            s = self.source_index(start) if start < len(self.text) else len(self.original)
            return s, s
        s = self.source_index(start)
        e = self.source_index(end - 1) + 1
        orig = self.original
        while e < len(orig) and orig[e] in COMBINING_MARKS:
            e += 1
        return s, e


def _special_runs(text: str) -> tuple[list[tuple[int, int]], str]:
    """([start, end) of runs holding every special character, sorted by start (they may overlap);
    `text` after the 1:1 replacements)."""
    runs = [m.span() for m in _RUNS.finditer(text)]
    # every rare letter, Arabic-Indic digit and odd space starts a run (in the first class of
    # `_RUNS`, not the second)
    mapped = _one_to_one(text, {text[a] for a, _ in runs}.intersection(_RARE_PAIRS))
    i = mapped.find("  ")  # str.find: a third of the time of the regex scan for the same
    if i >= 0:
        spaces = []
        while i >= 0:
            e = _SPACES.match(mapped, i).end()
            spaces.append((i, e))
            i = mapped.find("  ", e)
        runs = sorted(runs + spaces)
    return runs, mapped


def fold(text: str) -> Folded:
    """Fold `text` for matching, keeping a position map. Never fails on any `str` input."""
    seg_fold: list[int] = [0]
    seg_src: list[int] = [0]
    seg_expand: list[int] = [0]
    parts: list[str] = []
    runs, mapped = _special_runs(text)
    fpos = 0
    last = 0
    last_out = ""  # the last character of the folded text so far
    hspace, dropped_or_hspace, dropped, plain = _HSPACE, _DROPPED_OR_HSPACE, DROPPED, _NOT_SPECIAL
    done = 0  # where the runs seen so far end: a run of spaces may overlap a run before it
    for a, b in runs:
        if a < done:
            a = done
            if a >= b:
                continue
        done = b
        if b - a == 1 and text[a] in dropped:
            # most runs: one tashkeel mark; what the loop below does for it, without the loop
            if a > last:
                run = mapped[last:a]
                parts.append(run)
                fpos += a - last
                last_out = run[-1]
            last = b
            seg_fold.append(fpos)
            seg_src.append(b)
            seg_expand.append(0)
            continue
        prev = text[a - 1] if a else ""
        for i in range(a, b):
            ch = text[i]
            if (ch in hspace and prev not in dropped_or_hspace) or ch in plain:
                prev = ch
                continue
            prev = ch
            if i > last:
                run = mapped[last:i]
                parts.append(run)
                fpos += i - last
                last_out = run[-1]
            if ch in dropped or (ch in hspace and last_out == " "):
                out = ""
            elif ch in hspace:
                out = " "
            else:
                out = _fold_char(ch)
            if out:
                # an expansion (or a replacement of a presentation form by one letter)
                seg_fold.append(fpos)
                seg_src.append(i)
                seg_expand.append(1)
                parts.append(out)
                fpos += len(out)
                last_out = out[-1]
            last = i + 1
            # the next 1:1 run starts at `last`
            seg_fold.append(fpos)
            seg_src.append(last)
            seg_expand.append(0)
    if last < len(text):
        parts.append(mapped[last:])
    return Folded("".join(parts), text, seg_fold, seg_src, seg_expand)


def fold_key(text: str) -> str:
    """The folded form of `text` with surrounding white space removed (alias keys, queries)."""
    return fold(text).text.strip()
