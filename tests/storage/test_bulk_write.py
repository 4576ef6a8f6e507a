"""The import's bulk writes (issue 13): packed articles from the worker, the index buffer, ids,
checkpoints beside the writer."""

import json
import sqlite3
import uuid
from dataclasses import replace

import pytest

from annotator.core.model import new_ids
from annotator.ingest import import_paths
from annotator.io.readers import ReadOptions, read_jsonl
from annotator.storage.prepared import PreparedArticle, finish, from_wire, prepare_article, to_wire
from annotator.storage.project import Project

TEXT = "قال الوزير إن تركيا، وأنقرة تحديدا، لن تقبل 😀 بذلك.\nوأضاف أن للأكراد دورا."


def _prepared(tmp_path, text=TEXT, pack=False) -> PreparedArticle:
    src = tmp_path / "a.jsonl"
    src.write_text(f'{{"title": "عنوان تركيا", "text": {json.dumps(text)}, "topic": "سياسة"}}\n',
                   encoding="utf-8")
    (item,) = list(read_jsonl(src, ReadOptions()))
    return prepare_article(item.record, item.segments, folded=item.folded, pack=pack)


def _stored(p: Project, aid: str):
    a = p.article(aid)
    return (a["text"], a["title"], a["meta"], a["text_sha256"], p.article_raw(aid),
            p.conn.execute("SELECT typeof(text) FROM articles WHERE id = ?", (aid,)).fetchone()[0],
            [(s["start"], s["end"], s["kind"]) for s in p.segments(aid)])


def test_a_packed_article_is_stored_exactly_as_the_prepared_one(tmp_path):
    """The worker sends text and index text as UTF-8 bytes and the raw record as it is (the writer
    encodes it, indexes the title and writes the metadata as JSON: `finish`), all as a flat tuple;
    what is stored (text as TEXT, not BLOB), searched and exported must not differ."""
    prepared = _prepared(tmp_path)
    pk = from_wire(to_wire(_prepared(tmp_path, pack=True)))
    assert isinstance(pk.record.text, bytes) and isinstance(pk.index_text, bytes)
    assert pk.raw_codec is None and pk.index_title == pk.meta_json == ""
    assert pk.record.raw == prepared.record.raw and pk.record.meta == prepared.record.meta == {"topic": "سياسة"}
    done = finish(pk)
    assert (done.text_sha256, done.raw_sha256, done.raw_stored, done.raw_codec, done.index_title) == (
        prepared.text_sha256, prepared.raw_sha256, prepared.raw_stored, prepared.raw_codec, prepared.index_title)
    assert done.meta_json == '{"topic": "سياسة"}'
    assert finish(prepared) is prepared
    assert from_wire(to_wire(prepared)) == prepared
    stored = []
    for i, article in enumerate((prepared, pk)):
        with Project.create(tmp_path / f"p{i}.annotator") as p:
            p.conn.execute("BEGIN")
            (aid,) = p.add_articles([article])
            p.conn.execute("COMMIT")
            stored.append(_stored(p, aid))
            assert p.search("تركيا") == [aid] and p.search("انقره") == [aid] and p.search("الاكراد") == [aid]
    assert stored[0] == stored[1]
    assert stored[0][5] == "text" and stored[0][0] == TEXT


def test_a_text_that_cannot_be_utf8_fails_as_it_did_before_it_was_packed(tmp_path):
    # the readers replace lone surrogates; a caller of the storage API may not
    bad = replace(_prepared(tmp_path).record, text="نص \ud800 مكسور")
    for pack in (False, True):
        with pytest.raises(UnicodeEncodeError):
            prepare_article(bad, pack=pack)


def test_every_import_sets_the_index_buffer(tmp_path):
    """A file someone else prepared may carry any FTS5 setting; the import sets its own buffer size
    (a 1 MB buffer flushed and merged the index many times per batch)."""
    with Project.create(tmp_path / "p.annotator") as p:
        p.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', 1)")
        src = tmp_path / "a.txt"
        src.write_text(TEXT, encoding="utf-8")
        assert import_paths(p, [src]).imported == 1
        value = p.conn.execute("SELECT v FROM articles_fts_config WHERE k = 'hashsize'").fetchone()
        assert value == (Project.INDEX_BUFFER_BYTES,)


def test_new_ids_are_distinct_random_uuid4s():
    ids = new_ids(2000)
    assert len(set(ids)) == 2000
    for i in ids:
        u = uuid.UUID(i)
        assert u.hex == i and u.version == 4 and u.variant == uuid.RFC_4122
    assert new_ids(0) == []


def test_the_sqlite_in_use_takes_the_index_buffer_setting():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(a, content='')")
    conn.execute("INSERT INTO f(f, rank) VALUES ('hashsize', 1024)")
    assert ("hashsize", 1024) in conn.execute("SELECT * FROM f_config").fetchall()
