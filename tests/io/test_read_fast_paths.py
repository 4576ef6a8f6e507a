"""The fast paths of issue 13 in reading a record give what the plain definitions give.

Mojibake repair behind cheap pre-tests, the bidi note from nine `in` tests, `_storable` and the
meta mapping without a JSON round trip, the raw codec with the text's UTF-8 passed in: each
against its plain definition on random strings (tests/core/test_fast_paths.py has the core).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from annotator.io.decode import repair_mojibake
from annotator.io.readers import BIDI_CONTROLS, _storable, _storable_meta, bidi_note
from annotator.storage.rawcodec import decode_raw, encode_raw

# repair_mojibake as it was before issue 13, in the verbatim copy of the old reading code
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from read_equivalence import repair_mojibake as reference_repair  # noqa: E402

MOJIBAKE = ["ط§ظ„ط¹ط±ط¨ظٹط©", "ظˆظ„ظٹظ‚", "ط§", "ظ„", "ط", "ظ", "ط¹ط±", "ظٹط©", "ÇáÚÑÈíÉ", "Ç", "á", "ÚÑÈ", "\u00c0", "\u00ff", "é",
            "\u00bf", "\u2030", "\u0152", "\u02dc", "\u06af"]
PIECES = (MOJIBAKE * 3 + [chr(c) for c in range(0x0621, 0x064B)] + sorted(BIDI_CONTROLS)
          + ["\x00", "\ud800", "\udfff", " ", "\n", "a", "Z", "1", "\u064e", "\u00a0", "😀", "\u200f", "\u061c"])
TEXTS = st.lists(st.sampled_from(PIECES), max_size=50).map("".join)


@settings(max_examples=1000, deadline=None)
@given(TEXTS)
@example("ظˆظ„ظٹظ‚")  # وليق: every pair led by ظ (U+0641-U+064A have lead byte D9)
@example("ط§ظ„ط¹ط±ط¨ظٹط©")  # not repaired (the Arabic share does not grow), before as now
def test_repair_mojibake_is_the_two_searches(text):
    """Two literal-led patterns (ط, ظ) and a Latin-1 pre-test instead of class-led searches."""
    assert repair_mojibake(text) == reference_repair(text)


def test_the_mojibake_shapes_are_still_repaired():
    text = "قال وزير الخارجية"
    assert repair_mojibake(text.encode("utf-8").decode("cp1256")) == (text, "utf-8 read as cp1256")
    assert repair_mojibake("ÇáÚÑÈíÉ") == ("العربية", "cp1256 read as latin-1")


@settings(max_examples=500, deadline=None)
@given(TEXTS)
def test_bidi_note_counts_and_names_the_controls(text):
    found = sorted({c for c in text if c in BIDI_CONTROLS})
    note = bidi_note(text)
    if not found:
        assert note == ""
    else:
        assert note.startswith(f"{sum(text.count(c) for c in found)} bidi control character(s) (")
        assert ", ".join(f"U+{ord(c):04X}" for c in found) in note


@settings(max_examples=500, deadline=None)
@given(TEXTS | st.text(alphabet=st.characters(max_codepoint=127), max_size=20))
def test_storable_replaces_nul_and_surrogates(value):
    assert _storable(value) == re.sub("[\x00\ud800-\udfff]", "\ufffd", value)


VALUES = st.one_of(TEXTS, st.integers(), st.integers(min_value=2 ** 62, max_value=2 ** 70), st.booleans(), st.none(),
                   st.floats(allow_nan=False), st.lists(TEXTS, max_size=2), st.dictionaries(TEXTS, TEXTS, max_size=2))


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(TEXTS, VALUES, max_size=4))
def test_meta_is_what_the_json_round_trip_gave(meta):
    """A flat mapping of clean values is copied; the rest goes through JSON text, as before."""
    try:
        want = json.loads(_storable(json.dumps(meta, ensure_ascii=False)))
    except ValueError as e:
        want = type(e)
    try:
        got = _storable_meta(meta)
    except ValueError as e:
        got = type(e)
    assert got == want


@settings(max_examples=300, deadline=None)
@given(TEXTS.map(lambda t: re.sub("[\ud800-\udfff]", "", t)), st.binary(max_size=40))
def test_the_raw_codec_with_the_text_utf8_passed_in_reads_back_verbatim(text, extra):
    utf8 = text.encode("utf-8")
    for raw in (utf8, json.dumps({"content": text}, ensure_ascii=False).encode() + extra, extra):
        stored, codec = encode_raw(raw, text, utf8)
        assert (stored, codec) == encode_raw(raw, text)
        assert decode_raw(stored, codec, text) == raw
