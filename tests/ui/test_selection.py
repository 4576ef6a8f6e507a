"""Snapping selections to words (plain Python, no Qt)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.matcher import AliasEntry, AliasMatcher, alias_key
from annotator.ui.selection import SnapOptions, snap_selection

MATCHER = AliasMatcher([AliasEntry(alias_key(s), a) for s, a in [
    ("تركيا", "TUR"), ("واشنطن", "USA"), ("الولايات المتحدة", "USA")]])
TEXT = "قال إن الولايات المتحدة وتركيا، واشنطن 😀 وَتُرْكِيَا"
WORDS = SnapOptions()
WITH_PREFIX = SnapOptions(include_prefix=True)
EXACT = SnapOptions(to_words=False)


def snapped(a: int, b: int, options: SnapOptions) -> tuple[str, str]:
    s = snap_selection(TEXT, a, b, options, MATCHER)
    return TEXT[s.start:s.end], s.prefix


def test_part_of_a_name_becomes_the_name_without_its_clitics():
    i = TEXT.index("وتركيا")
    assert snapped(i + 2, i + 4, WORDS) == ("تركيا", "و")
    assert snapped(i + 2, i + 4, WITH_PREFIX) == ("وتركيا", "")
    assert snapped(i + 2, i + 4, EXACT) == ("رك", "وت")


def test_article_stays_in_the_span_like_suggestions_do():
    """Issue 10: the article ال belongs to the name; only the clitics before it are the prefix."""
    i = TEXT.index("الولايات")
    assert snapped(i + 4, i + 12, WORDS) == ("الولايات المتحدة", "")


def test_a_name_starting_with_a_clitic_letter_keeps_it():
    i = TEXT.index("واشنطن")
    assert snapped(i + 1, i + 3, WORDS) == ("واشنطن", "")


def test_diacritics_stay_with_their_letters_and_punctuation_is_left_out():
    i = TEXT.index("وَتُرْكِيَا")
    assert snapped(i + 4, i + 5, WORDS) == ("تُرْكِيَا", "وَ")
    # a selection ending on a letter whose mark follows takes the mark along
    assert snapped(i + 2, i + 5, EXACT) == ("تُرْ", "وَ")
    j = TEXT.index("وتركيا،")
    assert snapped(j, j + 7, WITH_PREFIX) == ("وتركيا", "")


def test_white_space_only_is_no_selection():
    i = TEXT.index(" 😀")
    assert snap_selection(TEXT, i, i + 1, WORDS, MATCHER) is None
    assert snap_selection(TEXT, 5, 5, WORDS, MATCHER) is None


ARABIC = st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهوية") + ["\u064e", "\u0651", "\u0640", " ", "\n", "😀", "A", "7", "،"])


@settings(max_examples=300, deadline=None)
@given(st.text(ARABIC, min_size=1, max_size=40), st.data())
def test_snapped_spans_never_split_a_letter_from_its_marks(text, data):
    a = data.draw(st.integers(0, len(text)))
    b = data.draw(st.integers(0, len(text)))
    for options in (WORDS, WITH_PREFIX, EXACT):
        s = snap_selection(text, a, b, options, MATCHER)
        if s is None:
            assert not text[min(a, b):max(a, b)].strip()
            continue
        assert 0 <= s.start < s.end <= len(text)
        # a span starts on a mark only when the mark has no letter (it follows white space)
        assert unicodedata.category(text[s.start]) != "Mn" or s.start == 0 or text[s.start - 1].isspace()
        assert s.end == len(text) or unicodedata.category(text[s.end]) != "Mn"
        assert not text[s.start].isspace() and not text[s.end - 1].isspace()
        assert text[s.start - len(s.prefix):s.start] == s.prefix
