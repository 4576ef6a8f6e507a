from hypothesis import given
from hypothesis import strategies as st

from annotator.core.offsets import Utf16Map, utf16_len
from annotator.core.text import canonicalize

TEXTS = st.lists(st.sampled_from(list("ابتثكلمن ًٌ\nYPG19") + ["😀", "𝕏", "👍🏽", "\u200d"]), max_size=60).map("".join)


@given(TEXTS)
def test_utf16_conversion_matches_python_encoding(text):
    m = Utf16Map(text)
    assert m.length16 == utf16_len(text) == len(text.encode("utf-16-le")) // 2
    for i in range(len(text) + 1):
        u = len(text[:i].encode("utf-16-le")) // 2
        assert m.to_utf16(i) == u
        assert m.to_codepoint(u) == i


def test_position_inside_surrogate_pair_maps_to_the_emoji_start():
    m = Utf16Map("a😀b")
    assert m.to_codepoint(2) == 1  # between the two UTF-16 units of the emoji


def test_canonicalize():
    assert canonicalize("\ufeffa\r\nb\rc\u2029d") == "a\nb\nc\nd"
    assert canonicalize("ا\u0654") == "أ"  # NFC composes a decomposed hamza
    assert canonicalize("x\x00y\ud800") == "x\ufffdy\ufffd"
    t = "قال 😀 ﻷنقرة\u200d"
    assert canonicalize(canonicalize(t)) == canonicalize(t)
