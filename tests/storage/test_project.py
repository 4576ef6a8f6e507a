import sqlite3

import pytest

from annotator.core.model import AUTHOR, Actor, Alias, ValidationError
from annotator.core.boilerplate import detect_segments
from annotator.storage import ConflictError, NewerSchemaError, NotAProjectError, Project, ProjectError
from annotator.storage.project import ArticleRecord
from annotator.storage.schema import SCHEMA_VERSION

TEXT = "قال 😀 وزير الخارجية التركي إن تركيا لن تدعم وحدات حماية الشعب.\nوأكدت واشنطن موقفها."


def add(p, text=TEXT, title="t"):
    with p.db.atomic():
        return p.add_article(ArticleRecord(text=text, raw=text.encode(), encoding="utf-8", title=title), detect_segments(text))


@pytest.fixture
def p(project):
    project.upsert_actor(Actor("TUR", "تركيا", "Turkey", "state", "#c00", [Alias("تركيا"), Alias("التركي", kind="nisba")]))
    project.upsert_actor(Actor("YPG", "وحدات حماية الشعب", aliases=[Alias("وحدات حماية الشعب")]))
    project.upsert_actor(Actor("USA", "الولايات المتحدة", aliases=[Alias("واشنطن", kind="metonym")]))
    return project


def test_pragmas_and_schema(p):
    assert p.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert p.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert p.setting("schema_version") == SCHEMA_VERSION
    assert len(p.project_id) == 32


def test_duplicate_text_is_skipped(p):
    assert add(p) is not None
    assert add(p, title="other title") is None
    assert p.count_articles() == 1


def test_suggest_is_idempotent_and_spans_are_exact(p):
    aid = add(p)
    n = p.suggest()
    assert n == 4 and p.suggest() == 0
    got = [(m.actor_id, TEXT[m.start:m.end]) for m in p.mentions(aid)]
    # issue 10: the article belongs to the span (التركي, not ال + تركي)
    assert got == [("TUR", "التركي"), ("TUR", "تركيا"), ("YPG", "وحدات حماية الشعب"), ("USA", "واشنطن")]


def test_stance_is_unique_per_holder_target_and_annotator(p):
    aid = add(p)
    s1 = p.set_stance(aid, AUTHOR, "TUR", "FAVOR", "ali")
    s2 = p.set_stance(aid, AUTHOR, "TUR", "AGAINST", "ali")
    assert s1 == s2
    p.set_stance(aid, "TUR", "YPG", "AGAINST", "ali")
    p.set_stance(aid, AUTHOR, "TUR", "NONE", "mona")
    assert len(p.stances(aid)) == 3
    assert [s.label for s in p.stances(aid, "ali")] == ["AGAINST", "AGAINST"]
    with pytest.raises(sqlite3.IntegrityError):
        p.conn.execute(
            "INSERT INTO stances(id, article_id, annotator, holder_id, target_id, label, created_at, updated_at)"
            " VALUES ('x', ?, 'ali', NULL, 'TUR', 'FAVOR', '', '')", (aid,))


def test_validation(p):
    aid = add(p)
    with pytest.raises(ValidationError):
        p.set_stance(aid, "TUR", "TUR", "FAVOR", "ali")
    with pytest.raises(ValidationError):
        p.set_stance(aid, AUTHOR, "TUR", "MAYBE", "ali")
    with pytest.raises(ValidationError):
        p.add_mention(aid, "TUR", 5, 5, "ali")
    with pytest.raises(ValidationError):
        p.add_mention(aid, "TUR", 0, len(TEXT) + 1, "ali")
    with pytest.raises(ValidationError):
        p.add_mention(aid, "NOPE", 0, 3, "ali")


def test_evidence_offsets_after_emoji(p):
    aid = add(p)
    start = TEXT.index("تركيا لن")
    sid = p.set_stance(aid, AUTHOR, "TUR", "AGAINST", "ali")
    p.add_evidence(sid, start, start + len("تركيا لن تدعم"), "ali")
    (st,) = p.stances(aid)
    assert [TEXT[e.start:e.end] for e in st.evidence] == ["تركيا لن تدعم"]


def test_undo_redo_across_restart(tmp_path):
    path = tmp_path / "u.annotator"
    p = Project.create(path)
    p.upsert_actor(Actor("TUR", "تركيا", aliases=[Alias("تركيا")]))
    aid = add(p)
    sid = p.set_stance(aid, AUTHOR, "TUR", "FAVOR", "ali")
    p.add_evidence(sid, 0, 3, "ali")
    p.set_stance(aid, AUTHOR, "TUR", "AGAINST", "ali")
    p.close()
    p = Project.open(path)
    assert p.undo("ali").action == "set_stance"
    assert p.stances(aid)[0].label == "FAVOR"
    p.undo("ali")
    assert p.stances(aid)[0].evidence == []
    p.close()
    p = Project.open(path)
    p.redo("ali")
    assert len(p.stances(aid)[0].evidence) == 1
    assert [c["kind"] for c in p.changes(annotator="ali")] == ["do", "do", "do", "undo", "undo", "redo"]
    # deleting a stance removes its evidence; undo brings both back
    p.delete_stance(sid, "ali")
    assert p.stances(aid) == []
    p.undo("ali")
    assert len(p.stances(aid)[0].evidence) == 1
    p.close()


def test_undo_refuses_to_overwrite_another_change(p):
    aid = add(p)
    sid = p.set_stance(aid, AUTHOR, "TUR", "FAVOR", "ali")
    edit = p.edit_update_stance(sid, label="AGAINST")
    p.apply(edit, "ali")
    p.update_stance(sid, "ali", note="changed elsewhere")
    with pytest.raises(ConflictError):
        p.apply(edit.inverse(), "ali", kind="undo")
    assert p.stances(aid)[0].label == "AGAINST"


def test_status_filter_search_and_time(p):
    a1 = add(p)
    a2 = add(p, "نص آخر عن الرقّة والأكراد.", title="الرقة")
    p.set_status(a1, "ali", "done")
    p.set_status(a2, "ali", "skipped", "not about the conflict")
    p.add_time(a2, "ali", 12.5)
    assert [r["id"] for r in p.list_articles(annotator="ali", status="done")] == [a1]
    assert p.status(a2, "ali")["reason"] == "not about the conflict"
    assert p.status(a2, "ali")["seconds"] == 12.5
    assert p.search("الرقة") == [a2]  # shadda ignored
    assert p.search("اكراد") == [a2]  # clitics and hamza ignored
    assert p.search("تركيا") == [a1]
    assert p.search("أكرا") == []  # whole words only ...
    assert p.search("أكرا", prefix=True) == [a2]  # ... unless asked
    assert p.count_filtered(query="الرقه") == 1
    assert p.count_filtered(query="الرق") == 1  # the list filter matches as you type


def test_list_pages_by_offset(p):
    ids = [add(p, f"نص رقم {i} عن تركيا.", title=f"خبر {i}") for i in range(5)]
    assert [r["id"] for r in p.list_articles(limit=2)] == ids[:2]
    assert [r["id"] for r in p.list_articles(offset=2, limit=2)] == ids[2:4]
    p.set_status(ids[3], "ali", "done")
    assert [r["id"] for r in p.list_articles(annotator="ali", status="new", offset=1)] == [ids[1], ids[2], ids[4]]


def test_segment_flip_is_an_undoable_edit(p):
    aid = add(p)
    seg = p.segments(aid)[0]
    p.set_segment_kind(seg["id"], "nav", "ali")
    assert p.segments(aid)[0]["kind"] == "nav" and p.segments(aid)[0]["method"] == "manual"
    p.undo("ali")
    assert p.segments(aid)[0]["kind"] == seg["kind"]


def test_not_a_project_and_newer_schema(tmp_path):
    junk = tmp_path / "junk.annotator"
    junk.write_bytes(b"hello, not sqlite")
    with pytest.raises(NotAProjectError):
        Project.open(junk)
    other = tmp_path / "other.db"
    c = sqlite3.connect(other)
    c.execute("CREATE TABLE x(y)")
    c.commit()
    c.close()
    with pytest.raises(NotAProjectError):
        Project.open(other)
    with pytest.raises(ProjectError):
        Project.open(tmp_path / "missing.annotator")
    path = tmp_path / "new.annotator"
    Project.create(path).close()
    c = sqlite3.connect(path)
    c.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) VALUES ('annotator', 'm999_future', '')")
    c.commit()
    c.close()
    with pytest.raises(NewerSchemaError, match="newer version"):
        Project.open(path)


def test_interrupted_article_write_leaves_nothing(p):
    text = "مقال لن يكتمل."
    with pytest.raises(RuntimeError):
        with p.db.atomic():
            p.add_article(ArticleRecord(text=text, raw=b"x", encoding="utf-8"), detect_segments(text))
            raise RuntimeError("crash")
    assert p.count_articles() == 0
    assert p.conn.execute("SELECT count(*) FROM segments").fetchone()[0] == 0


def test_full_text_filter_pages_in_import_order_with_other_filters(p):
    from annotator.sample import load_actors
    from tests.conftest import REPO

    load_actors(p, REPO / "resources" / "lexicon" / "sample.toml")
    ids = [add(p, f"نص رقم {i} عن {'تركيا' if i % 2 else 'الرقة'}.", title=f"خبر {i}") for i in range(9)]
    p.suggest()
    turkey = ids[1::2]
    assert [r["id"] for r in p.list_articles(query="تركيا")] == turkey
    assert p.count_filtered(query="تركيا") == 4
    assert [r["id"] for r in p.list_articles(query="تركيا", offset=3)] == turkey[3:]
    p.set_status(turkey[1], "ali", "done")
    p.set_status(ids[0], "ali", "done")
    assert [r["id"] for r in p.list_articles(query="تركيا", annotator="ali", status="done")] == [turkey[1]]
    assert p.count_filtered(query="تركيا", annotator="ali", status="done") == 1
    assert p.count_filtered(query="تركيا", annotator="ali", status="new") == 3
    assert [r["id"] for r in p.list_articles(actor="TUR")] == turkey
    assert p.count_filtered(query="نص", actor="TUR") == 4
    assert p.list_articles(query="...") == p.list_articles()  # no words: no text filter


def test_search_ranks_the_most_recent_matches_when_there_are_many(p, monkeypatch):
    old = [add(p, f"تركيا تركيا تركيا تركيا في الخبر القديم رقم {i}.") for i in range(3)]
    new = [add(p, f"خبر جديد رقم {i} يذكر تركيا مرة.") for i in range(3)]
    assert set(p.search("تركيا")) == set(old + new)
    assert p.search("تركيا", limit=1)[0] in old  # best: the most mentions
    monkeypatch.setattr(type(p), "RANKED", 3)
    assert set(p.search("تركيا")) == set(new)


def test_restore_annotations_keeps_ids_and_timestamps_and_logs_nothing(p):
    from annotator.core.model import Mention, Span, Stance

    aid = add(p)
    start = TEXT.index("تركيا")
    mention = Mention(aid, "TUR", start, start + 5, "", "manual", "accepted", "mona", "", "m1", "2020-01-01T00:00:00Z",
                      "2020-01-02T00:00:00Z")
    stances = [
        Stance(aid, AUTHOR, "TUR", "FAVOR", "mona", 2, False, "n", [Span(start, start + 5)], "s1",
               "2020-01-01T00:00:00Z", "2020-01-03T00:00:00Z"),
        Stance(aid, "USA", "TUR", "AGAINST", "mona", None, None, "", [], "s2", "2020-01-01T00:00:00Z",
               "2020-01-01T00:00:00Z"),
    ]
    status = {"annotator": "omar", "status": "done", "reason": "", "seconds": 7, "updated_at": "2020-01-04T00:00:00Z"}
    with p.db.atomic():
        p.restore_annotations(aid, mentions=[mention], stances=stances, statuses=[status])
    assert p.mentions(aid) == [mention]
    assert p.stances(aid, "mona") == stances
    assert p.conn.execute("SELECT created_at FROM evidence").fetchall() == [("2020-01-03T00:00:00Z",)]
    assert p.status(aid, "omar") == {"status": "done", "reason": "", "seconds": 7.0,
                                     "updated_at": "2020-01-04T00:00:00Z"}
    assert p.annotators() == ["mona", "omar"]
    assert p.changes() == []
    with pytest.raises(sqlite3.IntegrityError):  # the ids are kept, so a second restore collides
        with p.db.atomic():
            p.restore_annotations(aid, mentions=[mention])


def test_restore_annotations_refuses_rows_of_another_article(p):
    from annotator.core.model import Stance

    aid = add(p)
    with pytest.raises(ValidationError, match=r"stance s9 belongs to article other, not " + aid):
        p.restore_annotations(aid, stances=[Stance("other", AUTHOR, "TUR", "FAVOR", "mona", id="s9")])
    assert p.stances(aid) == [] and p.annotators() == []


def test_search_with_proclitics_finds_the_bare_word_and_its_other_forms(p):
    """Bug (issue 10, item 6): in the list filter and `annotator search`, وتركيا found 2 of the 3
    articles with تركيا and بتركيا found none."""
    bare = add(p, "قالت تركيا إنها لن تقبل.", title="a")
    wa = add(p, "وتركيا لن تقبل بذلك.", title="b")
    li = add(p, "رسالة لتركيا من واشنطن.", title="c")
    other = add(p, "وكان الوزير في الرياض.", title="d")
    an = add(p, "قال الوزير إن الاتفاق قائم.", title="e")
    for query in ("تركيا", "وتركيا", "بتركيا", "لتركيا", "فبتركيا"):
        assert sorted(p.search(query)) == sorted([bare, wa, li]), query
        assert p.count_filtered(query=query) == 3, query
        assert set(p.article_numbers(query=query)) == {1, 2, 3}, query
    # كان is looked up with its proclitics (وكان), never as ك + ان: too little would remain bare
    assert p.search("كان") == [other]
    assert p.search("وكان") == [other]
    assert an not in p.search("كان")
