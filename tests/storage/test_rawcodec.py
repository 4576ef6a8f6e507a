"""The raw input record is stored compressed against the canonical text, and read back verbatim."""

import json
import sqlite3

import pytest

from annotator.ingest import import_paths
from annotator.storage.rawcodec import decode_raw, encode_raw

TEXT = "قال وزير الخارجية التركي إن تركيا لن تدعم وحدات حماية الشعب.\nوأكدت واشنطن موقفها. 😀"


@pytest.mark.parametrize("raw", [
    TEXT.encode(),  # a UTF-8 .txt file: nothing stored
    json.dumps({"id": 1, "title": "عنوان", "content": TEXT}, ensure_ascii=False).encode(),
    json.dumps({"content": TEXT}).encode(),  # \\u escapes: shares little with the text
    TEXT.encode("cp1256", "replace"),
    b"",
    bytes(range(256)) * 3,
])
def test_every_codec_gives_back_the_verbatim_bytes(raw):
    stored, codec = encode_raw(raw, TEXT)
    assert decode_raw(stored, codec, TEXT) == raw
    assert len(stored) <= len(raw)


def test_a_record_that_repeats_the_text_costs_a_few_bytes():
    raw = json.dumps({"id": "snn-1", "title": "عنوان", "content": TEXT * 40}, ensure_ascii=False).encode()
    stored, codec = encode_raw(raw, TEXT * 40)
    assert codec == "zlib+text" and len(stored) < len(raw) / 20
    assert encode_raw(TEXT.encode(), TEXT) == (b"", "text")


def test_damage_and_unknown_codecs_are_errors_not_wrong_bytes():
    raw = json.dumps({"content": TEXT}, ensure_ascii=False).encode()
    stored, codec = encode_raw(raw, TEXT)
    with pytest.raises(ValueError):
        decode_raw(stored[: len(stored) // 2], codec, TEXT)
    with pytest.raises(ValueError, match="unknown raw codec"):
        decode_raw(stored, "lz4", TEXT)


def test_an_imported_jsonl_file_is_stored_small_and_read_back_verbatim(project, tmp_path):
    """Issue 13: the project file was 3.1 times the JSONL it came from, the raw records (the JSON
    lines, which repeat the text) as large as the texts themselves."""
    lines = [json.dumps({"id": i, "title": f"خبر {i}", "text": f"{TEXT} رقم {i}\n" * 30}, ensure_ascii=False)
             for i in range(20)]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_paths(project, [src])
    assert report.imported == 20
    for aid, line in zip(report.article_ids, lines):
        assert project.article_raw(aid) == line.encode()
    stored = project.conn.execute("SELECT sum(length(raw)) FROM articles").fetchone()[0]
    assert stored < sum(len(line.encode()) for line in lines) / 10
    # a row whose stored record was damaged is an error, never other bytes
    aid = report.article_ids[0]
    project.conn.execute("UPDATE articles SET raw = zeroblob(40) WHERE id = ?", (aid,))
    with pytest.raises(ValueError):
        project.article_raw(aid)


def test_the_index_records_columns_not_positions(project):
    sql = project.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
    assert "detail=column" in sql
    with pytest.raises(sqlite3.OperationalError):  # phrases of two words need positions: none is ever asked
        project.conn.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH '\"a b\"'").fetchall()
