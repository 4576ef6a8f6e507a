"""The fast paths of issue 13 give what the plain definitions give, on any mix of hard characters.

Reading got cheaper by skipping work after a cheap test says it is not needed, and by scanning a
text fewer times. Each test here states the plain definition (a per-character fold, NFC of the
whole text, a regex per line) and checks the fast code against it on random strings of Arabic,
Latin, tashkeel, presentation forms, odd spaces, bidi controls, newlines, digits and mojibake.
The whole reading path against its old implementation, on the 10,000 SaudiNewsNet articles:
bench/read_equivalence.py.
"""

from __future__ import annotations

import re
import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.core import boilerplate
from annotator.core.fold import _FULL_TRANSLATE, _HSPACE, _TRANSLATE, DROPPED, fold
from annotator.core.text import canonicalize, line_spans, nfc

HARD = (
    [chr(c) for c in range(0x0621, 0x064B)] * 2
    + [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640", "\u06d6", "\u06ed", "\u06dd", "\u06e5"]
    + sorted(DROPPED) + sorted(_HSPACE) * 2 + [" "] * 10 + ["\n"] * 4
    + ["\r", "\r\n", "\u2028", "\u2029", "\x85", "\x00", "\ufeff", "\ud800", "\udc00"]
    + [chr(c) for c in range(0x0660, 0x066A)] + [chr(c) for c in range(0x06F0, 0x06FA)]
    + ["أ", "إ", "آ", "ٱ", "ة", "ۀ", "ھ", "ؤ", "ئ", "ی", "ک", "ى", "ي", "ه", "ا"]
    + ["\ufb50", "\ufdf2", "\ufdfa", "\ufdfc", "\ufe70", "\ufe71", "\ufe80", "\ufe8d", "\ufe91", "\ufef7", "\ufefb",
       "\ufefc", "\ufc5e", "\ufefe"]
    + ["ط§ظ„ط¹ط±ط¨ظٹط©", "ظ„", "ÇáÚÑÈíÉ", "\u00c0", "\u00ff", "é"]
    + ["\u0651\u064e", "\u0627\u0653", "\u0648\u0654", "e\u0301", "\u212b", "\uf900", "\u1100\u1161"]
    + ["a", "Z", "5", ".", "؟", "«", "»", "©", "😀", "cookie", "الكوكيز", "جميع الحقوق محفوظة", "تابعونا"]
)
TEXTS = st.lists(st.sampled_from(HARD), max_size=60).map("".join)
NO_SURROGATES = TEXTS.map(lambda t: re.sub("[\ud800-\udfff]", "", t))


def reference_fold(text: str) -> tuple[str, list[int]]:
    """The fold by its definition, one character at a time: (folded text, source index of each
    folded character)."""
    out: list[str] = []
    src: list[int] = []
    for i, ch in enumerate(text):
        if ch in DROPPED:
            continue
        if ch in _HSPACE:
            # white space after white space or a dropped character collapses into a space already there
            if i and text[i - 1] in DROPPED | _HSPACE and out and out[-1] == " ":
                continue
            piece = " "
        elif 0xFB50 <= ord(ch) <= 0xFDFF or 0xFE70 <= ord(ch) <= 0xFEFE:
            piece = unicodedata.normalize("NFKC", ch).translate(_FULL_TRANSLATE)
        else:
            piece = ch.translate(_TRANSLATE)
        if piece:  # a presentation form may fold to nothing (U+FE71: tatweel with fathatan)
            out.append(piece)
            src.extend([i] * len(piece))
    return "".join(out), src


@settings(max_examples=1000, deadline=None)
@given(NO_SURROGATES)
@example("\u064e  \u00a0x\ufef7 \u00a0 \u0661\u064e")  # a space run overlapping a tashkeel run, digits
@example("ﻻ\u00a0x")  # an odd space after a presentation form is not collapsed
@example("\tﹱً\t")  # a presentation form that folds to nothing, then a space collapsed
def test_fold_is_the_per_character_fold(text):
    """Runs found by one scan, odd spaces, rare letters and digits replaced only when found."""
    f = fold(text)
    want, src = reference_fold(text)
    assert f.text == want
    assert [f.source_index(i) for i in range(len(f.text))] == src


@settings(max_examples=500, deadline=None)
@given(TEXTS)
@example("\u0651\u064e\n\u0627\u0653\nok")  # NFC reorders and composes inside lines only
def test_canonicalize_is_the_three_steps_and_nfc_of_the_whole_text(text):
    """The newline/NUL/surrogate steps skipped when none of them occurs; NFC line by line."""
    want = text.lstrip("\ufeff")
    want = re.sub("\r\n|\r|\u2028|\u2029|\x85", "\n", want).replace("\x00", "\ufffd")
    want = unicodedata.normalize("NFC", re.sub("[\ud800-\udfff]", "\ufffd", want))
    assert canonicalize(text) == want
    clean = re.sub("[\ud800-\udfff]", "", text)
    assert nfc(clean) == unicodedata.normalize("NFC", clean)


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_line_spans_are_the_lines(text):
    spans = line_spans(text)
    assert [text[s:e] for s, e in spans] == text.split("\n")
    assert all(e == len(text) or text[e] == "\n" for _, e in spans)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(HARD + [needle[:k] for needles in boilerplate._NEEDLES.values() for needle in needles
                                        for k in range(1, len(needle) + 1)]), max_size=30).map("".join))
def test_a_line_a_floating_rule_matches_holds_one_of_its_needles(line):
    """The whole-text needle test never skips a line the rules not anchored at the start match."""
    for kind, name, pattern in boilerplate._LEXICON:
        if pattern.search(line) and not pattern.pattern.startswith("^"):
            assert any(n in line for n in boilerplate._NEEDLES[name]), name
    if boilerplate._ANY_UNANCHORED.search(line):
        assert boilerplate._anywhere_rules_may_match(line)


def test_every_floating_rule_has_needles():
    floating = {name for _, name, pattern in boilerplate._LEXICON if not pattern.pattern.startswith("^")}
    assert floating == set(boilerplate._NEEDLES)


@settings(max_examples=300, deadline=None)
@given(st.lists(NO_SURROGATES, max_size=8).map("\n".join))
def test_segments_are_those_of_the_per_line_lexicon(text):
    """detect_segments with the needle test and its inlined quick tests gives what the per-line
    lexicon gives: `_lexicon_kind` on every line."""
    text = canonicalize(text)
    got = boilerplate.detect_segments(text)
    real = boilerplate._anywhere_rules_may_match
    boilerplate._anywhere_rules_may_match = lambda folded: True
    try:
        assert boilerplate.detect_segments(text) == got
    finally:
        boilerplate._anywhere_rules_may_match = real
