"""Issue 13: the fast matcher (anchor scan, regex only at candidate starts, spans mapped without
re-folding) proposes exactly what the matcher before it did (tests/core/reference_matcher.py).

Random lexicons of alias surfaces (with and without proclitics, validity periods, keys that are
prefixes of others, keys with outer white space, Latin and one-letter keys) and random texts built
from those surfaces behind proclitic chains (و ف ب ل ك ال لل), with tashkeel, tatweel, joiners,
presentation forms (ﻷ), punctuation, Latin, digits and doubled spaces between and inside them;
random `exclude` ranges and dates. Both scans ("anchors", "regex") must equal the reference, and
`proposals` must equal the reference's matches as with_proposals stored them before.
bench/match_profile.py --check does the same over the 10,000 SaudiNewsNet articles.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reference_matcher import ReferenceMatcher

from annotator.core.anchors import AnchorScan, choose_anchors
from annotator.core.matcher import AliasEntry, AliasMatcher, alias_key

SURFACES = [
    "تركيا", "تركي", "التركية", "أنقرة", "الأكراد", "الولايات المتحدة", "المتحدة", "واشنطن", "كارتر", "علي",
    "بوتين", "قسد", "لبنان", "فرنسا", "بغداد", "الأمريكي", "أمريكي", "وزير الدفاع", "الدفاع", "الدولة الإسلامية",
    "تشاووش أوغلو", "ظريف", "YPG", "U.S.", "US", "X", "ب", "ال تركيا", "_id", "غزة",
]
PREFIXES = ["", "و", "ف", "ب", "ل", "ك", "ال", "لل", "وال", "بال", "فبال", "ولل", "وب", "كال"]
NOISE = ["", " ", "  ", "\u00a0", "\n", "، ", ".", "(", ")", "«", "»", "\"", "-", "_", "abc", "2016", "٣",
         "\u064e", "\u0651", "\u0640", "\u200c", "\u200d", "\ufefb", "\ufef7", "\ufe8d", "😀", "ال", "ي", "ا"]
INSIDE = ["\u064e", "\u0650", "\u0640", "\u200c", "\u0640\u0640", " ", "\u00a0"]
DATES = ["", "2014-06-01", "2016-03-01", "2021-01-01"]
PERIODS = [("", ""), ("2015-01-01", "2017-12-31"), ("", "2015-01-01"), ("2018-01-01", "")]


@st.composite
def lexicons(draw):
    picks = draw(st.lists(st.tuples(st.sampled_from(SURFACES), st.booleans(), st.sampled_from(PERIODS)),
                          min_size=1, max_size=10))
    return [AliasEntry(alias_key(s, pre), f"A{i % 4}", f"al{i}", pre, *period)
            for i, (s, pre, period) in enumerate(picks)]


@st.composite
def texts(draw):
    parts = []
    for _ in range(draw(st.integers(0, 8))):
        word = draw(st.sampled_from(SURFACES))
        if draw(st.booleans()):
            i = draw(st.integers(0, len(word)))
            word = word[:i] + draw(st.sampled_from(INSIDE)) + word[i:]
        marks = draw(st.sampled_from(["", "\u064e", "\u0651\u064f", "\u0640"]))  # after the last letter
        parts.append(draw(st.sampled_from(PREFIXES)) + word + marks + draw(st.sampled_from(NOISE)))
    return "".join(parts)


@st.composite
def ranges(draw, length: int):
    out = []
    for _ in range(draw(st.integers(0, 2))):
        a = draw(st.integers(0, max(length, 0)))
        b = draw(st.integers(a, max(length, a)))
        out.append((a, b))
    return out


def assert_same(entries, text, exclude, date):
    ref = ReferenceMatcher(entries)
    expected = ref.find(text, exclude=exclude, date=date)
    for scan in ("anchors", "regex"):
        m = AliasMatcher(entries, scan=scan)
        assert m.find(text, exclude=exclude, date=date) == expected, scan
        assert m.proposals(text, exclude=exclude, date=date) == [
            (x.entry.actor_id, x.start, x.end, x.prefix(text), x.entry.alias_id) for x in expected], scan


@settings(max_examples=600, deadline=None)
@given(lexicons(), texts(), st.sampled_from(DATES), st.data())
@example([AliasEntry(alias_key("الدفاع"), "USA"), AliasEntry(alias_key("وزير الدفاع"), "CARTER",
                                                             valid_from="2015-02-17", valid_to="2017-01-20")],
         "قال وزير الدفاع", "2020-01-01", None)
def test_fast_matcher_equals_reference(entries, text, date, data):
    exclude = data.draw(ranges(len(text))) if data is not None else []
    assert_same(entries, text, exclude, date)


def test_a_match_invalid_on_the_date_still_hides_the_shorter_alias_inside_it():
    """The regex takes the longest alias (وزير الدفاع) even when no entry of it is valid on the
    date; the old finditer then went on after it, so الدفاع inside it was never proposed. Running
    the regex only at candidate starts must keep that (a scan that just looked up each key would
    propose الدفاع)."""
    entries = [AliasEntry(alias_key("الدفاع"), "MOD"),
               AliasEntry(alias_key("وزير الدفاع"), "CARTER", valid_from="2015-02-17", valid_to="2017-01-20")]
    for scan in ("anchors", "regex"):
        m = AliasMatcher(entries, scan=scan)
        assert [x.entry.actor_id for x in m.find("قال وزير الدفاع", date="2016-01-01")] == ["CARTER"]
        assert m.find("قال وزير الدفاع", date="2020-01-01") == []
    assert_same(entries, "قال وزير الدفاع", [], "2020-01-01")


@pytest.mark.parametrize("text", [
    "وتركيا والتركي", "ال تركيا", "وال تركيا", "بالولايات المتحدة والمتحدة", "تركياتي تركي_",
    "تركيا\u064e قال", "لتركيا\u0651\u064f،", "فبالتركي", "بالـتركيا", "ﻷنقرة", "وللمتحدة",
    "يوزير الدفاع", "وزير الدفاع",  # a key inside another that cannot match (a letter before it)
])
def test_overlapping_keys_outer_white_space_trailing_tashkeel_and_ligatures(text):
    surfaces = ("تركي", "تركيا", "ال تركيا", "المتحدة", "الولايات المتحدة", "أنقرة", "وزير الدفاع", "الدفاع")
    assert_same([AliasEntry(alias_key(s), "A", s) for s in surfaces], text, [], "")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([alias_key(s) for s in SURFACES]), min_size=1, max_size=12, unique=True),
       texts())
@example([alias_key("تركي"), alias_key("تركيا")], "تركيا والتركي")  # same anchor, one inside the other
@example([alias_key("وزير الدفاع"), alias_key("الدفاع")], "يوزير الدفاع")  # one key's anchor inside another
def test_anchor_scan_finds_every_key_occurrence_not_followed_by_a_word_character(keys, text):
    scan = AnchorScan(choose_anchors(keys))
    expected = {(i, k) for k in keys for i in range(len(text)) if text.startswith(k, i)
                and not (i + len(k) < len(text) and (text[i + len(k)].isalnum() or text[i + len(k)] == "_"))}
    assert set(scan.occurrences(text)) == expected


def test_every_key_has_an_anchor_inside_it():
    keys = [alias_key(s) for s in SURFACES] + ["a", "ظظ", "1 2"]
    anchors = choose_anchors(keys)
    assert set(anchors) == set(keys)
    assert all(k[j] == ch for k, (ch, j) in anchors.items())


def test_sample_lexicon_scans_anchors_and_a_lexicon_of_common_words_the_regex(tmp_path):
    """Which scan `auto` picks decides the import's speed (issue 13: the sample lexicon's proposals
    over 10,000 articles went from ~1.1 s to ~0.3 s CPU); a lexicon of common short words, whose
    anchors would be everywhere, keeps the plain regex scan."""
    from annotator.sample import load_actors
    from annotator.storage.project import Project

    p = Project.create(tmp_path / "p.annotator")
    load_actors(p, "resources/lexicon/sample.toml")
    assert p.matcher().scan == "anchors"
    p.close()
    rnd = random.Random(13)
    letters = "اليمهونترعبد"
    common = {"".join(rnd.choice(letters) for _ in range(rnd.randint(3, 5))) for _ in range(400)}
    assert AliasMatcher([AliasEntry(k, "A") for k in common]).scan == "regex"


def test_unknown_scan_is_refused():
    with pytest.raises(ValueError, match="scan must be"):
        AliasMatcher([AliasEntry("تركيا", "TUR")], scan="fast")


@pytest.mark.parametrize("scan", ["anchors", "regex"])
def test_a_very_long_alias_builds_and_matches(scan):
    """Bug: building the matcher recursed once per letter of an alias, so a 900-letter alias (a
    lexicon or project file someone else prepared) raised RecursionError."""
    long = "ب" * 3000
    m = AliasMatcher([AliasEntry(long, "LONG"), AliasEntry(alias_key("تركيا"), "TUR")], scan=scan)
    assert [(x.entry.actor_id, x.start, x.end) for x in m.find("تركيا و" + long)] == [("TUR", 0, 5), ("LONG", 7, 3007)]


def test_the_prefix_table_is_every_chain_the_regex_accepts():
    """The candidate starts (`_PREFIXES`, `_MAX_PREFIX`) and the article lengths (`_ARTICLE`) are
    tables of what `_PREFIX` accepts: they must not drift apart from it."""
    import itertools

    from annotator.core.matcher import _ARTICLE, _MAX_PREFIX, _PREFIX_RE, _PREFIXES, article_length

    letters = "وفلبكا"
    accepted = {"".join(t) for n in range(7) for t in itertools.product(letters, repeat=n)
                if _PREFIX_RE.fullmatch("".join(t))}
    assert accepted == _PREFIXES and max(map(len, accepted)) == _MAX_PREFIX
    assert all(_ARTICLE[p] == article_length(p) for p in accepted)
