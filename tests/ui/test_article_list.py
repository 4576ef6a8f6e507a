"""The article list pages lazily through the project and filters by status, actor and text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.core.model import AUTHOR
from annotator.storage.project import Project
from annotator.ui.article_list import PAGE_SIZE, ArticleFilter, ArticleListModel
from annotator.ui.session import AnnotationSession

from uikit import ACTORS, add_article

N_ARTICLES = 2 * PAGE_SIZE + 50


@pytest.fixture
def many(tmp_path, qapp):
    project = Project.create(tmp_path / "many.annotator")
    for actor in ACTORS:
        project.upsert_actor(actor)
    for i in range(N_ARTICLES):
        place = "أنقرة" if i % 10 == 0 else "دمشق"
        add_article(project, f"خبر رقم {i}\nقال مسؤول في {place} إن الوضع هادئ في اليوم {i}.", f"خبر {i}")
    project.suggest()
    session = AnnotationSession(project, "tester", record_time=False)
    yield session
    session.close()


def count_reads(project, monkeypatch) -> list[list[int]]:
    """The numbers of every page the project is asked for from now on."""
    reads = []
    articles_numbered = project.articles_numbered
    monkeypatch.setattr(project, "articles_numbered",
                        lambda numbers, **kw: reads.append(list(numbers)) or articles_numbered(numbers, **kw))
    return reads


def test_rows_are_read_a_page_at_a_time(many, monkeypatch):
    reads = count_reads(many.project, monkeypatch)
    model = ArticleListModel(many)
    assert model.total == model.rowCount() == N_ARTICLES
    assert reads == []
    assert model.index(0, ArticleListModel.TITLE).data() == "خبر 0"
    assert model.index(0, ArticleListModel.STATUS).data() == "new"
    assert model.index(0, ArticleListModel.STATUS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert reads == [list(range(1, PAGE_SIZE + 1))]
    last = N_ARTICLES - 1
    assert model.index(last, ArticleListModel.TITLE).data() == f"خبر {last}"
    assert len(reads) == 2 and reads[-1] == list(range(2 * PAGE_SIZE + 1, N_ARTICLES + 1))
    assert model.row_of(model.article_id(last)) == last and len(reads) == 2  # the middle page is never read
    assert model.article_id(N_ARTICLES) is None and model.article_id(-1) is None


def test_a_far_jump_in_a_filtered_list_reads_one_page(many, monkeypatch):
    ids = many.project.article_ids()
    for aid in ids[1::3]:
        many.project.set_status(aid, "tester", "done")
    model = ArticleListModel(many)
    model.set_filter(ArticleFilter(status="new"))
    reads = count_reads(many.project, monkeypatch)
    expected = [r["id"] for r in many.project.list_articles(status="new", annotator="tester", limit=10_000)]
    assert model.total == len(expected) == N_ARTICLES - len(ids[1::3])
    assert model.article_id(model.total - 1) == expected[-1] and len(reads) == 1
    assert model.article_id(7) == expected[7] and len(reads) == 2
    assert all_ids(model) == expected and len(reads) == 2


def all_ids(model):
    return [model.article_id(i) for i in range(model.rowCount())]


def test_pages_after_gaps_and_with_a_filter_match_the_project(many, monkeypatch):
    monkeypatch.setattr("annotator.ui.article_list.CACHED_PAGES", 2)
    with many.project.db.atomic():
        many.project.conn.execute("DELETE FROM articles WHERE n IN (3, 250, 260)")
    model = ArticleListModel(many)
    expected = [r["id"] for r in many.project.list_articles(limit=10_000)]
    assert model.total == N_ARTICLES - 3 and all_ids(model) == expected
    assert [model.article_id(i) for i in (N_ARTICLES - 4, 0, PAGE_SIZE + 1)] == [
        expected[N_ARTICLES - 4], expected[0], expected[PAGE_SIZE + 1]]
    model.set_filter(ArticleFilter(actor="TUR"))
    assert all_ids(model) == [r["id"] for r in many.project.list_articles(actor="TUR", limit=10_000)]


def test_the_open_articles_page_stays_cached(many, monkeypatch):
    monkeypatch.setattr("annotator.ui.article_list.CACHED_PAGES", 1)
    model = ArticleListModel(many)
    many.open_article(model.article_id(5))
    model.article_id(PAGE_SIZE)
    assert model.row_of(many.state.article_id) == 5
    many.commit(many.project.edit_set_stance(many.state.article_id, AUTHOR, "TUR", "FAVOR", "tester"))
    model.refresh_article(many.state.article_id)
    assert model.index(5, ArticleListModel.STANCES).data() == 1


def test_filters_by_actor_status_and_text(many):
    model = ArticleListModel(many)
    model.set_filter(ArticleFilter(actor="TUR"))
    assert model.total == N_ARTICLES // 10
    aid = model.article_id(0)
    many.project.set_status(aid, "tester", "done")
    model.set_filter(ArticleFilter(status="done"))
    assert model.total == 1 and model.article_id(0) == aid
    model.set_filter(ArticleFilter(query="رقم 17"))
    assert [model.article_id(i) for i in range(model.rowCount())] == [
        r["id"] for r in many.project.list_articles(query="رقم 17", limit=1000)]
    assert model.total >= 1


def test_next_unfinished_fetches_and_wraps(many):
    model = ArticleListModel(many)
    ids = many.project.article_ids()
    for aid in ids[: PAGE_SIZE + 5]:
        many.project.set_status(aid, "tester", "done")
    model.set_filter(ArticleFilter())
    row = model.next_unfinished_row(0)
    assert row == PAGE_SIZE + 5 and model.article_id(row) == ids[PAGE_SIZE + 5]
    for aid in ids[PAGE_SIZE + 5:]:
        many.project.set_status(aid, "tester", "skipped")
    many.project.set_status(ids[3], "tester", "in progress")
    model.set_filter(ArticleFilter())
    assert model.next_unfinished_row(10) == 3


def test_panel_filters_and_selects(qtbot, many):
    from annotator.ui.article_list import ArticleListPanel

    panel = ArticleListPanel(many)
    qtbot.addWidget(panel)
    opened = []
    panel.articleSelected.connect(opened.append)
    panel.actor_combo.setCurrentIndex(panel.actor_combo.findData("TUR"))
    assert panel.model.total == N_ARTICLES // 10
    panel.search_edit.setText("رقم 20")
    qtbot.waitUntil(lambda: panel.model.article_filter.query == "رقم 20")
    assert panel.model.article_filter.actor == "TUR"
    assert panel.select_row(0)
    QApplication.processEvents()
    assert opened == [panel.model.article_id(0)]


def test_an_empty_filter_result(many):
    model = ArticleListModel(many)
    for article_filter in (ArticleFilter(status="done"), ArticleFilter(query="كلمةلاتوجد"),
                           ArticleFilter(status="new", actor="NOBODY")):
        model.set_filter(article_filter)
        assert model.total == model.rowCount() == 0
        assert model.article_id(0) is None and model.next_unfinished_row(-1) == -1


def test_changing_the_filter_while_scrolled_far(many, monkeypatch):
    monkeypatch.setattr("annotator.ui.article_list.CACHED_PAGES", 2)
    ids = many.project.article_ids()
    for aid in ids[::4]:
        many.project.set_status(aid, "tester", "skipped")
    model = ArticleListModel(many)
    model.set_filter(ArticleFilter(status="new"))
    assert model.article_id(model.total - 1) == ids[-1]
    for article_filter in (ArticleFilter(status="skipped"), ArticleFilter(status="new", query="رقم"),
                           ArticleFilter(actor="TUR"), ArticleFilter()):
        model.set_filter(article_filter)
        expected = [r["id"] for r in many.project.list_articles(
            status=article_filter.status, annotator="tester", actor=article_filter.actor, query=article_filter.query,
            limit=10_000)]
        assert model.total == len(expected) and model.article_id(model.total - 1) == expected[-1]
        assert all_ids(model) == expected


def test_rows_stay_in_place_when_a_status_changes_until_the_filter_is_chosen_again(many, monkeypatch):
    monkeypatch.setattr("annotator.ui.article_list.CACHED_PAGES", 1)
    model = ArticleListModel(many)
    model.set_filter(ArticleFilter(status="new"))
    before = all_ids(model)
    aid = model.article_id(5)
    many.open_article(aid)
    many.commit(many.project.edit_set_status(aid, "tester", "done"))
    model.refresh_article(aid)
    assert model.index(5, ArticleListModel.STATUS).data() == "done"
    assert model.article_id(N_ARTICLES - 1) == before[-1]  # another page read: row 5's page is kept (open)
    many.open_article(before[-1])
    model.article_id(PAGE_SIZE)  # row 5's page is dropped, and read again below
    assert model.row_of(aid) == -1
    assert model.article_id(5) == aid and model.index(5, ArticleListModel.STATUS).data() == "done"
    assert model.total == N_ARTICLES and all_ids(model) == before
    model.set_filter(ArticleFilter(status="new"))
    assert model.total == N_ARTICLES - 1 and all_ids(model) == before[:5] + before[6:]


def test_an_empty_search_result_says_so(qtbot, many):
    """Bug (issue 10, item 6): a search that found nothing showed an empty list and no message."""
    from annotator.ui.article_list import ArticleListPanel

    panel = ArticleListPanel(many)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.empty_label.isHidden()
    panel.search_edit.setText("<b>كلمةلاتوجد</b>")
    qtbot.waitUntil(lambda: panel.model.article_filter.query == "<b>كلمةلاتوجد</b>")
    assert panel.empty_label.isVisible()
    assert panel.empty_label.text() == "No article matches “<b>كلمةلاتوجد</b>” with these filters."
    assert panel.empty_label.textFormat() == Qt.TextFormat.PlainText
    panel.search_edit.setText("بأنقرة")  # with a proclitic: finds أنقرة
    qtbot.waitUntil(lambda: panel.model.article_filter.query == "بأنقرة")
    assert panel.model.total == N_ARTICLES // 10 and panel.empty_label.isHidden()
