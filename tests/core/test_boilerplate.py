from annotator.core.boilerplate import detect_segments
from annotator.core.text import canonicalize
from tests.conftest import REPO


def segments_of(name):
    text = canonicalize((REPO / "resources" / "samples" / name).read_text(encoding="utf-8"))
    return text, [(s.kind, text[s.start:s.end]) for s in detect_segments(text)]


def test_rt_sample():
    text, segs = segments_of("rt-dunford-akar-raqqa.txt")
    kinds = [k for k, _ in segs]
    assert kinds == ["nav", "headline", "social", "body", "credit", "byline", "cookie"]
    body = dict(segs)["body"]
    assert body.startswith("على خلفية إعلان") and body.endswith("يتحول إلى جهة متعاونة معه\".")
    assert dict(segs)["headline"].startswith("رئيسا أركان الولايات المتحدة")
    assert dict(segs)["byline"] == "رفعت سليمان"


def test_reuters_sample():
    text, segs = segments_of("reuters-carter-raqqa.txt")
    assert [k for k, _ in segs] == ["headline", "related", "body", "related"]
    body = segs[2][1]
    assert body.startswith("قال وزير الدفاع الأمريكي") and body.endswith("منذ ثلاثة عقود")
    assert "طاجيكستان" not in body and "طاجيكستان" in segs[3][1]


def test_every_line_is_covered_once_and_text_is_untouched():
    for name in ("rt-dunford-akar-raqqa.txt", "reuters-carter-raqqa.txt"):
        text = canonicalize((REPO / "resources" / "samples" / name).read_text(encoding="utf-8"))
        segs = detect_segments(text)
        covered = "".join(text[s.start:s.end] for s in segs)
        assert covered.replace("\n", "") == text.replace("\n", "")
        assert all(a.end <= b.start for a, b in zip(segs, segs[1:]))


def test_dateline_is_its_own_segment():
    text = "واشنطن (رويترز) - قال وزير الدفاع إن الولايات المتحدة ستواصل الحديث.\nوأضاف أن الحديث مستمر."
    segs = detect_segments(text)
    assert segs[0].kind == "dateline" and text[segs[0].start:segs[0].end] == "واشنطن (رويترز) - "
    assert segs[1].kind == "body"


def test_empty_and_blank():
    assert detect_segments("") == []
    assert detect_segments("\n\n  \n") == []


def test_a_given_folded_text_gives_the_same_segments():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from annotator.core.fold import fold

    pieces = ["\n", "\n\n", " ", "\u200b", "\u00a0 ", "\ufefb", "ً", "تابعونا على تويتر", "© 2016", "اقرأ أيضا",
              "مباشر", "واشنطن (رويترز) - ", "قال الوزير إن الاجتماع انتهى.", "عنوان قصير", "رفعت سليمان"]

    @settings(max_examples=300)
    @given(st.lists(st.sampled_from(pieces), max_size=30).map("".join))
    def check(text):
        assert detect_segments(text, fold(text).text) == detect_segments(text)

    check()


def test_a_folded_text_with_other_lines_is_refused():
    import pytest

    with pytest.raises(ValueError):
        detect_segments("one\ntwo", "one")
