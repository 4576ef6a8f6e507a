"""`Project.article_numbers` and `count_filtered` give exactly what the plain filter query
(`list_articles`) lists, for every combination of filters, with and without gaps in the numbers."""

from __future__ import annotations

import itertools

import pytest

from annotator.core.model import Actor, Alias
from annotator.core.search import index_text
from annotator.core.boilerplate import detect_segments
from annotator.storage.project import ArticleNumbers, ArticleRecord

STATUSES = [None, "new", "in progress", "done", "skipped", "flagged"]
ACTORS = [None, "TUR", "YPG", "NOBODY"]
QUERIES = [None, "تركيا", "رقم", "...", "لاتوجدكلمةكهذه"]
N = 40


def add(p, text, title):
    with p.db.atomic():
        return p.add_article(ArticleRecord(text=text, raw=text.encode(), encoding="utf-8", title=title),
                             detect_segments(text))


def delete_article(p, aid):
    """Delete an article as a whole: its row (and, by cascade, its annotations) and its index entry."""
    n, title, text = p.conn.execute("SELECT n, title, text FROM articles WHERE id = ?", (aid,)).fetchone()
    with p.db.atomic():
        p.conn.execute("INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)",
                       (n, index_text(title), index_text(text)))
        p.conn.execute("DELETE FROM articles WHERE id = ?", (aid,))


@pytest.fixture
def p(project):
    """N articles: every 3rd about Turkey, every 4th about the YPG; statuses of two annotators, with
    a 'new' row that carries time, and a rejected mention that does not count for the actor filter."""
    project.upsert_actor(Actor("TUR", "تركيا", aliases=[Alias("تركيا")]))
    project.upsert_actor(Actor("YPG", "وحدات حماية الشعب", aliases=[Alias("وحدات حماية الشعب")]))
    ids = []
    for i in range(N):
        words = ["تركيا"] * (i % 3 == 0) + ["وحدات حماية الشعب"] * (i % 4 == 0)
        ids.append(add(project, f"خبر رقم {i} عن {' و'.join(words) or 'الطقس'}.", f"عنوان {i}"))
    project.suggest()
    for i, aid in enumerate(ids):
        if i % 5:
            project.set_status(aid, "ali", STATUSES[1 + i % 5])
        if i % 7 == 0:
            project.set_status(aid, "mona", "done")
    project.add_time(ids[2], "ali", 5.0)
    project.set_status(ids[2], "ali", "new")  # a status row that still says 'new'
    project.set_mention_status(project.mentions(ids[3])[0].id, "rejected", "ali")  # Turkey only in ids[3]
    project.ids = ids
    return project


def expected(p, **filters):
    return [r["n"] for r in p.list_articles(limit=10**6, **filters)]


def check_every_filter(p):
    for status, actor, query, annotator in itertools.product(STATUSES, ACTORS, QUERIES, ["ali", "mona", None]):
        filters = {"status": status, "actor": actor, "query": query, "annotator": annotator}
        want = expected(p, **filters)
        numbers = p.article_numbers(**filters)
        assert (list(numbers), len(numbers)) == (want, len(want)), filters
        assert p.count_filtered(**filters) == len(want), filters


def test_every_filter_matches_the_plain_query(p):
    assert len(expected(p, status="done", annotator="ali")) == 7
    assert 1 in expected(p, actor="TUR") and 4 not in expected(p, actor="TUR")  # n 4 is ids[3]
    assert 4 in expected(p, query="تركيا")
    assert 3 in expected(p, status="new", annotator="ali")  # ids[2]: a 'new' row
    check_every_filter(p)


def test_every_filter_matches_the_plain_query_with_gaps_in_the_numbers(p):
    for i in (0, 7, 8, N - 1):  # the first, two in a row, the last
        delete_article(p, p.ids[i])
    assert expected(p)[:3] == [2, 3, 4] and expected(p)[-1] == N - 1
    check_every_filter(p)


def test_no_articles(project):
    assert len(project.article_numbers()) == 0 and list(project.article_numbers(status="new", annotator="x")) == []
    assert project.count_filtered(status="new", annotator="x") == 0


def test_articles_numbered_reads_the_summaries_of_any_numbers(p):
    want = p.list_articles(annotator="ali", limit=10**6)
    assert p.articles_numbered([r["n"] for r in want], annotator="ali") == want
    assert p.articles_numbered([30, 2, 999, 5], annotator="ali") == [want[1], want[4], want[29]]
    assert p.articles_numbered([]) == []


def test_the_numbers_are_a_snapshot(p):
    numbers = p.article_numbers(status="new", annotator="ali")
    before = list(numbers)
    p.set_status(p.ids[0], "ali", "done")
    assert list(numbers) == before and before[0] == 1
    assert list(p.article_numbers(status="new", annotator="ali")) == before[1:]


@pytest.mark.parametrize("first, last, left_out", [
    (1, 10, []), (1, 10, [1]), (1, 10, [10]), (1, 10, [3, 4, 5, 9]), (5, 9, [5, 6, 7, 8, 9]), (3, 3, []),
    (4, 12, [1, 2, 4, 12, 13]), (5, 4, []),
])
def test_a_span_is_the_numbers_it_stands_for(first, last, left_out):
    want = [n for n in range(first, last + 1) if n not in left_out]
    span = ArticleNumbers.span(first, last, left_out)
    assert len(span) == len(want)
    assert [span[i] for i in range(len(want))] == want
    assert [span[-i] for i in range(1, len(want) + 1)] == [want[-i] for i in range(1, len(want) + 1)]
    assert span[2:5] == want[2:5] and span[len(want) - 1 : len(want) + 9] == want[-1:]
    with pytest.raises(IndexError, match=f"row {len(want)} of {len(want)}"):
        span[len(want)]
    with pytest.raises(IndexError):
        span[-len(want) - 1]


def test_an_array_of_numbers():
    numbers = ArticleNumbers([2, 5, 9])
    assert len(numbers) == 3 and numbers[1] == 5 and numbers[-1] == 9 and numbers[1:] == [5, 9]
    with pytest.raises(IndexError, match="row 3 of 3"):
        numbers[3]
