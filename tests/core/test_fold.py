from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.fold import fold, fold_key

ARABIC = [chr(c) for c in range(0x0621, 0x064B)]
TASHKEEL = [chr(c) for c in range(0x064B, 0x0653)] + ["\u0670"]
PRESENTATION = ["\ufef7", "\ufefb", "\ufe8d", "\ufeb3", "\ufdf2", "\ufb50", "\ufe91"]
EXTRA = ["\u0640", "\u200c", "\u200d", "\u200e", "\u200f", "\u202b", "\u202c", " ", "  ", "\n", "\t", "\u00a0",
         "Y", "P", "G", "a", "z", "1", "٣", "😀", "👍🏽", "ى", "ي", "ة", "أ", "إ", "آ", "ٱ", "ؤ", "ئ", "ی", "ک"]
CHARS = st.sampled_from(ARABIC + TASHKEEL + PRESENTATION + EXTRA)
TEXTS = st.lists(CHARS, max_size=80).map("".join)


def test_examples():
    assert fold("أَنْقَرَة").text == "انقره"
    assert fold("والـYPG").text == "والYPG"
    assert fold("ﻷنقرة").text == "لانقره"
    assert fold("على").text == "على"  # ى is not ي: the preposition must not become the name علي
    assert fold("a \u00a0 b").text == "a b"
    assert fold("٢٠١٦").text == "2016"
    assert fold_key("  الرقّة ") == "الرقه"


def test_map_examples():
    f = fold("وللأكراد")
    assert f.source_span(3, 8) == (3, 8)
    f = fold("أَنْقَرَة")
    assert f.source_span(0, 5) == (0, 9)  # widened over the final fatha
    f = fold("ﻷنقرة")
    assert f.source_span(1, 6) == (0, 5)  # starts inside the ligature: the whole code point


@settings(max_examples=400)
@given(TEXTS)
def test_source_index_is_monotonic_and_in_range(text):
    f = fold(text)
    idx = [f.source_index(i) for i in range(len(f.text))]
    assert all(0 <= i < len(text) for i in idx)
    assert idx == sorted(idx)


@settings(max_examples=400)
@given(TEXTS, st.data())
def test_span_maps_back_to_text_that_folds_to_it(text, data):
    f = fold(text)
    if not f.text:
        return
    s = data.draw(st.integers(0, len(f.text) - 1))
    e = data.draw(st.integers(s + 1, len(f.text)))
    ss, ee = f.source_span(s, e)
    assert 0 <= ss < ee <= len(text)
    refolded = fold(text[ss:ee]).text
    assert f.text[s:e] in refolded
    if not any(c in text for c in PRESENTATION) and not any(c.isspace() for c in text):
        assert refolded == f.text[s:e]


@given(TEXTS)
def test_fold_is_idempotent(text):
    once = fold(text).text
    assert fold(once).text == once
