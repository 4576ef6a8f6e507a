import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.fold import fold, fold_key
from annotator.core.matcher import AliasEntry, AliasMatcher, alias_key

LEXICON = {
    "TUR": ["تركيا", "أنقرة", "التركي", "التركية"],
    "KUR": ["الأكراد"],
    "YPG": ["YPG", "وحدات حماية الشعب الكردية"],
    "SDF": ["قسد"],
    "USA": ["واشنطن", "الولايات المتحدة", "الأمريكي", "الأميركي"],
    "CAR": ["كارتر"],
    "ALI": ["علي"],
    "CAV": ["تشاووش أوغلو", "جاويش أوغلو"],
    "ISIS": ["الدولة الإسلامية"],
    "MIL": ["المتشددين الأكراد"],
}


@pytest.fixture(scope="module")
def matcher():
    return AliasMatcher([AliasEntry(alias_key(s), a, s) for a, ss in LEXICON.items() for s in ss])


def found(matcher, text):
    return [(text[m.start:m.end], m.prefix(text), m.entry.actor_id) for m in matcher.find(text)]


@pytest.mark.parametrize("text, expected", [
    ("وتركيا", [("تركيا", "و", "TUR")]),
    ("لتركيا", [("تركيا", "ل", "TUR")]),
    ("للأكراد", [("لأكراد", "ل", "KUR")]),  # issue 10: the fused article starts the span
    ("وللأكراد", [("لأكراد", "ول", "KUR")]),
    ("والـYPG", [("الـYPG", "و", "YPG")]),
    ('الـ"قسد"', [("قسد", "", "SDF")]),
    ("واشنطن", [("واشنطن", "", "USA")]),
    ("لواشنطن", [("واشنطن", "ل", "USA")]),
    ("كارتر", [("كارتر", "", "CAR")]),
    ("وكارتر", [("كارتر", "و", "CAR")]),
    ("على", []),
    ("علي", [("علي", "", "ALI")]),
    ("مشترك", []),
    ("الأكرادية", []),
    ("تركياتي", []),
    ("بالولايات المتحدة", [("الولايات المتحدة", "ب", "USA")]),  # issue 10: ال belongs to the name
    ("الأمريكي والأميركي", [("الأمريكي", "", "USA"), ("الأميركي", "و", "USA")]),
    ("الدولة الإسلامية", [("الدولة الإسلامية", "", "ISIS")]),
    ("بالمتشددين الأكراد", [("المتشددين الأكراد", "ب", "MIL")]),
    ("جاويش أوغلو وتشاووش أوغلو", [("جاويش أوغلو", "", "CAV"), ("تشاووش أوغلو", "و", "CAV")]),
    ("تـركيا", [("تـركيا", "", "TUR")]),
    ("أَنْقَرَة", [("أَنْقَرَة", "", "TUR")]),
    ("وحدات حماية الشعب الكردية", [("وحدات حماية الشعب الكردية", "", "YPG")]),
])
def test_examples(matcher, text, expected):
    assert found(matcher, text) == expected


def test_presentation_form_ligature_is_widened_to_the_whole_code_point(matcher):
    text = "قال ﻷنقرة"
    (m,) = matcher.find(text)
    assert (m.start, m.end) == (4, 9) and m.entry.actor_id == "TUR"
    assert fold(text[m.start:m.end]).text == "ل" + m.key


def test_longest_alias_wins_and_matches_do_not_overlap():
    m = AliasMatcher([AliasEntry(alias_key("وزير الدفاع الأمريكي"), "CARTER"), AliasEntry(alias_key("الأمريكي"), "USA")])
    text = "قال وزير الدفاع الأمريكي"
    (x,) = m.find(text)
    assert x.entry.actor_id == "CARTER" and text[x.start:x.end] == "وزير الدفاع الأمريكي"


def test_exclusion_and_validity():
    m = AliasMatcher([AliasEntry(alias_key("واشنطن"), "USA"),
                      AliasEntry(alias_key("وزير الدفاع"), "CARTER", valid_from="2015-02-17", valid_to="2017-01-20")])
    text = "واشنطن (رويترز) - قال وزير الدفاع"
    assert [x.entry.actor_id for x in m.find(text, exclude=[(0, 18)])] == ["CARTER"]
    assert [x.entry.actor_id for x in m.find(text, exclude=[(0, 18)], date="2020-01-01")] == []


NOISE = ["\u064e", "\u0651", "\u0640", "\u200c", "\u200d", "😀", " ", "، ", "\n", "2016", "YPG"]
PREFIXES = ["", "و", "ف", "ب", "ل", "ك", "ال", "لل", "وال", "بال", "وب", "ول"]


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(PREFIXES), st.sampled_from(sum(LEXICON.values(), [])),
                          st.sampled_from(NOISE)), max_size=8), st.randoms())
def test_every_match_folds_to_its_key(matcher, parts, rnd: random.Random):
    text = "".join(p + w + n for p, w, n in parts)
    for m in matcher.find(text):
        folded = fold_key(text[m.start:m.end])
        assert folded in (m.key, "ال" + m.key, "ل" + m.key) or (folded.endswith(m.key) and m.prefix_start == m.start)
        assert 0 <= m.prefix_start <= m.start < m.end <= len(text)
