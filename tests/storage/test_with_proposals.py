"""with_proposals (issue 13: it now takes `AliasMatcher.proposals` tuples instead of Match objects
and keeps the article when nothing is proposed): boilerplate and datelines are skipped, the
article's date picks among dated aliases, and the tuples are what the pre-issue-13 matcher gave."""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path

from annotator.core.fold import fold
from annotator.core.matcher import AliasEntry, AliasMatcher, alias_key
from annotator.core.model import Segment
from annotator.storage.project import ArticleRecord, prepare_article, with_proposals

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "core"))
from reference_matcher import ReferenceMatcher  # noqa: E402

ENTRIES = [
    AliasEntry(alias_key("واشنطن"), "USA", "us1"),
    AliasEntry(alias_key("تركيا"), "TUR", "tr1"),
    AliasEntry(alias_key("وزير الدفاع"), "CARTER", "c1", valid_from="2015-02-17", valid_to="2017-01-20"),
]
TEXT = "واشنطن (رويترز) - قال وزير الدفاع إن لتركيا\u064e وواشنطن مصالح."
DATELINE = TEXT.index("-") + 1


def prepared(text: str = TEXT, published: str = "2016-10-30"):
    rec = ArticleRecord(text=text, raw=text.encode(), encoding="utf-8", published=published)
    segs = [Segment(0, DATELINE, "dateline", "rule"), Segment(DATELINE, len(text), "body", "rule")]
    return prepare_article(rec, segs)


def test_proposals_skip_the_dateline_follow_the_date_and_equal_the_reference():
    matcher = AliasMatcher(ENTRIES)
    for published in ("2016-10-30", "2020-01-01", ""):
        p = prepared(published=published)
        got = with_proposals(p, fold(TEXT), matcher).mentions
        ref = ReferenceMatcher(ENTRIES).find(TEXT, exclude=[(0, DATELINE)], date=published)
        assert got == tuple((m.entry.actor_id, m.start, m.end, m.prefix(TEXT), m.entry.alias_id) for m in ref)
        assert [a for a, *_ in got] == (["CARTER", "TUR", "USA"] if published != "2020-01-01" else ["TUR", "USA"])
    tur = next(m for m in got if m[0] == "TUR")
    assert TEXT[tur[1]:tur[2]] == "تركيا\u064e" and tur[3] == "ل"


def test_an_article_without_proposals_is_returned_as_it_is_and_one_with_keeps_every_other_field():
    matcher = AliasMatcher(ENTRIES)
    empty = prepared("لا شيء هنا.")
    assert with_proposals(empty, fold(empty.record.text), matcher) is empty
    p = prepared()
    q = with_proposals(p, fold(TEXT), matcher)
    assert q.mentions and all(getattr(q, f.name) == getattr(p, f.name) for f in fields(p) if f.name != "mentions")
