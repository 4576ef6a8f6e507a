import json

import pytest

from annotator.core.fold import fold_key
from annotator.ingest import import_paths
from annotator.io.readers import ReadOptions
from annotator.sample import load_actors
from tests.conftest import CORPUS, REPO

ARTICLE = ("قال وزير الدفاع الأمريكي آشتون كارتر إن الولايات المتحدة تواصل الحديث مع تركيا بشأن الرقة.\n"
           "وأضاف أن للأكراد دورا في العملية.")


@pytest.fixture
def p(project):
    load_actors(project, REPO / "resources" / "lexicon" / "sample.toml")
    return project


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1256", "iso-8859-6"])
def test_encodings(p, tmp_path, encoding):
    text = ARTICLE if encoding != "iso-8859-6" else ARTICLE.replace("آ", "ا")
    f = tmp_path / f"a-{encoding}.txt"
    f.write_bytes(text.encode(encoding))
    r = import_paths(p, [f])
    assert r.imported == 1, r.summary()
    (aid,) = r.article_ids
    assert p.article_text(aid) == text
    assert p.article_raw(aid) == f.read_bytes()
    assert p.article(aid)["encoding"].replace("_", "-").startswith(encoding.split("-sig")[0][:5])


def test_crlf_and_mojibake_repair(p, tmp_path):
    f = tmp_path / "moji.txt"
    f.write_text(ARTICLE.replace("\n", "\r\n").encode("utf-8").decode("cp1256"), encoding="utf-8")
    r = import_paths(p, [f])
    assert p.article_text(r.article_ids[0]) == ARTICLE
    assert "repaired" in p.article(r.article_ids[0])["encoding"]


def test_samples_import_with_boilerplate_marked(p):
    r = import_paths(p, sorted((REPO / "resources" / "samples").glob("*.txt")))
    assert r.imported == 2 and not r.skipped
    for aid in r.article_ids:
        kinds = {s["kind"] for s in p.segments(aid)}
        assert {"body", "headline"} <= kinds
        assert kinds & {"nav", "related", "cookie", "social", "credit", "byline"}
        text = p.article_text(aid)
        for m in p.mentions(aid):
            assert m.status == "proposed"
            key = next(al.key for a in p.actors() for al in a.aliases if al.id == m.alias_id)
            assert fold_key(text[m.start:m.end]) in (key, "ال" + key, "ل" + key)  # issue 10: with the article
            seg = next(s for s in p.segments(aid) if s["start"] <= m.start < s["end"])
            assert seg["kind"] in ("body", "headline")
    again = import_paths(p, sorted((REPO / "resources" / "samples").glob("*.txt")))
    assert again.imported == 0 and again.duplicates == 2


def test_clitic_suggestions_and_non_matches(p, tmp_path):
    text = "قالت وتركيا ولتركيا إن للأكراد والـYPG دورا، على أن المشتركين لا علاقة لهم.\nواشنطن ترد."
    f = tmp_path / "c.txt"
    f.write_text(text, encoding="utf-8")
    (aid,) = import_paths(p, [f]).article_ids
    got = {(text[m.start:m.end], m.prefix) for m in p.mentions(aid)}
    assert {("تركيا", "و"), ("تركيا", "ول"), ("الـYPG", "و"), ("واشنطن", "")} <= got
    assert not any("على" in s or "مشترك" in s for s, _ in got)


def test_broken_inputs_are_reported_and_good_ones_imported(p, tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_text("   \n\n", encoding="utf-8")
    lines = [json.dumps({"id": "1", "content": "نص أول عن تركيا."}, ensure_ascii=False),
             "{not json",
             json.dumps({"id": "3", "title": "لا نص"}, ensure_ascii=False),
             json.dumps([1, 2]),
             json.dumps({"id": "5", "content": "نص خامس 😀 مع \u200d و\u202eعكس\u202c وﻷنقرة."}, ensure_ascii=False),
             '{"id": "6", "content": "مقطوع']
    (d / "t.jsonl").write_text("\n".join(lines), encoding="utf-8")
    (d / "bad.csv").write_text('id,text\n1,"نص في جدول عن أنقرة"\n2,"a","b"\n3\n', encoding="utf-8")
    (d / "page.html").write_text(
        "<html><head><title>عنوان</title><script>document.write('x')</script><style>p{}</style></head>"
        "<body><nav>الرئيسية</nav><p>قال كارتر إن واشنطن تدعم.</p><iframe src='http://x'></iframe></body></html>",
        encoding="utf-8")
    r = import_paths(p, [d], options=ReadOptions())
    assert r.imported == 5, r.summary()  # good.txt, 2 jsonl lines, 1 csv row, the html page
    reasons = dict(r.skipped)
    assert "binary" in reasons[str(d / "binary.txt")]
    assert "empty" in reasons[str(d / "empty.txt")]
    assert "invalid JSON" in reasons[f"{d / 't.jsonl'}:2"]
    assert "no text field" in reasons[f"{d / 't.jsonl'}:3"]
    assert "not an object" in reasons[f"{d / 't.jsonl'}:4"]
    assert "invalid JSON" in reasons[f"{d / 't.jsonl'}:6"]
    assert "columns" in reasons[f"{d / 'bad.csv'}:3"]
    html = [a for a in r.article_ids if p.article(a)["title"] == "عنوان"]
    assert html and "document.write" not in p.article_text(html[0]) and "الرئيسية" not in p.article_text(html[0])
    emoji = next(a for a in r.article_ids if p.article(a)["ext_id"] == "5")
    assert "\u202e" in p.article_text(emoji)  # kept verbatim, never silently changed
    assert f"skipped {d / 'binary.txt'}: binary" in r.summary()


def test_jsonl_field_options_and_json_array(p, tmp_path):
    f = tmp_path / "a.json"
    f.write_text(json.dumps([{"key": "k1", "body": "نص عن تركيا.", "head": "عنوان"}], ensure_ascii=False), encoding="utf-8")
    r = import_paths(p, [f], options=ReadOptions(text_field="body", title_field="head", id_field="key"))
    a = p.article(r.article_ids[0])
    assert (a["ext_id"], a["title"], a["text"]) == ("k1", "عنوان", "نص عن تركيا.")


def _jsonl(tmp_path, n, name="x.jsonl"):
    f = tmp_path / name
    f.write_text("\n".join(json.dumps({"id": str(i), "text": f"مقال رقم {i} عن تركيا.\nقال كارتر إن واشنطن تدعم."},
                                      ensure_ascii=False) for i in range(n)), encoding="utf-8")
    return f


def test_interrupted_import_leaves_no_half_article(p, tmp_path, monkeypatch):
    f = _jsonl(tmp_path, 10)
    import annotator.ingest as ingest
    import annotator.storage.project as sp

    monkeypatch.setattr(ingest, "BATCH", 4)
    calls = {"n": 0}
    real = sp.Project.add_articles

    def crash(self, articles):
        calls["n"] += 1
        ids = real(self, articles)  # every row of the batch is written ...
        if calls["n"] == 2:
            raise KeyboardInterrupt  # ... and the interrupt comes before the commit
        return ids

    monkeypatch.setattr(sp.Project, "add_articles", crash)
    with pytest.raises(KeyboardInterrupt):
        import_paths(p, [f])
    assert not p.conn.in_transaction
    assert p.count_articles() == 4  # the first batch, complete
    assert p.conn.execute("SELECT count(DISTINCT article_id) FROM segments").fetchone()[0] == 4
    assert p.conn.execute("SELECT count(DISTINCT article_id) FROM mentions").fetchone()[0] == 4
    assert p.conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'تركيا'").fetchone()[0] == 4


def test_a_record_failing_in_the_database_costs_only_itself(p, tmp_path, monkeypatch):
    f = _jsonl(tmp_path, 6)
    import sqlite3

    import annotator.storage.project as sp

    real = sp.Project.add_articles

    def refuse_three(self, articles):
        if any(a.record.ext_id == "3" for a in articles):
            real(self, articles)  # half written, then it fails: the batch must roll back
            raise sqlite3.IntegrityError("refused")
        return real(self, articles)

    monkeypatch.setattr(sp.Project, "add_articles", refuse_three)
    r = import_paths(p, [f])
    assert r.imported == 5 and r.skipped == [(f"{f}:4", "refused")]
    assert sorted(p.article(a)["ext_id"] for a in r.article_ids) == ["0", "1", "2", "4", "5"]
    assert p.count_articles() == 5
    assert p.conn.execute("SELECT count(DISTINCT article_id) FROM segments").fetchone()[0] == 5


def test_duplicates_within_one_batch_and_across_imports(p, tmp_path):
    f = tmp_path / "d.jsonl"
    f.write_text("\n".join(json.dumps({"text": t}, ensure_ascii=False) for t in ["نص أول.", "نص ثان.", "نص أول."]),
                 encoding="utf-8")
    r = import_paths(p, [f])
    assert (r.imported, r.duplicates) == (2, 1)
    r = import_paths(p, [f])
    assert (r.imported, r.duplicates) == (0, 3)
    assert [a["n"] for a in p.list_articles()] == [1, 2]


def _snapshot(project):
    rows = []
    for aid in project.article_ids():
        a = project.article(aid)
        rows.append((aid, a["n"], a["title"], a["origin"], a["meta"],
                     [(s["start"], s["end"], s["kind"], s["method"]) for s in project.segments(aid)],
                     [(m.actor_id, m.start, m.end, m.prefix, bool(m.alias_id), m.status) for m in project.mentions(aid)]))
    return rows


def test_worker_processes_give_the_same_project_and_report(tmp_path):
    from annotator.storage import Project

    d = tmp_path / "in"
    d.mkdir()
    _jsonl(d, 30, "a.jsonl")
    (d / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "c.jsonl").write_text('{"text": "نص عن أنقرة."}\n{broken\n', encoding="utf-8")
    (d / "e.txt").write_bytes(b"")
    results = []
    for parallel in (False, True):
        with Project.create(tmp_path / f"w{parallel}.annotator") as proj:
            load_actors(proj, REPO / "resources" / "lexicon" / "sample.toml")
            r = import_paths(proj, [d, tmp_path / "missing.txt"], parallel=parallel)
            results.append(((r.imported, r.duplicates, r.suggested, r.skipped), _snapshot(proj)))
    assert results[0] == results[1]
    (imported, _, suggested, skipped), _ = results[0]
    assert imported == 32 and suggested > 60 and len(skipped) == 3


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
def test_saudinewsnet_10k(p):
    r = import_paths(p, [CORPUS], options=ReadOptions(text_field="content"))
    assert r.imported == 10000 and not r.skipped
    assert p.count_articles() == 10000
    a = p.article(p.article_ids()[0])
    assert a["ext_id"] == "snn-00001" and a["source"] and a["published"].startswith("2015")
    assert p.search("السعودية", limit=5)


def test_a_json_line_with_a_raw_control_character_is_reported_once_clearly(project, tmp_path):
    """Bug: the message read "Invalid control character at at column 25" (json's message ends in "at")."""
    src = tmp_path / "c.jsonl"
    src.write_bytes('{"text": "نص\x1b[2J"}\n{"text": "نص سليم"}\n'.encode())
    report = import_paths(project, [src])
    assert report.imported == 1
    (origin, reason), = report.skipped
    assert origin == f"{src}:1" and "Invalid control character at column 13" in reason and "at at" not in reason


def test_the_writer_writes_what_it_holds_when_the_worker_has_nothing_new(p, tmp_path, monkeypatch):
    """Issue 13: the writer waited for a full batch while the worker was still starting, then the worker
    waited for it; now an "idle" moment writes the pending articles into the open batch (committed
    together, so the full-text index writes its segment once per batch)."""
    import sqlite3

    import annotator.ingest as ingest
    from annotator.io.readers import read_jsonl
    from annotator.storage.prepared import prepare_article

    monkeypatch.setattr(ingest, "IDLE_BATCH", 3)
    monkeypatch.setattr(ingest, "BATCH", 5)
    report = ingest.ImportReport()
    writer = ingest._Writer(p, report, suggest=False)
    items = [it for it in read_jsonl(_jsonl(tmp_path, 7), ReadOptions()) if not it.error]
    other = sqlite3.connect(p.path)
    committed = lambda: other.execute("SELECT count(*) FROM articles").fetchone()[0]  # noqa: E731
    for it in items[:2]:
        writer.article(prepare_article(it.record, it.segments, folded=it.folded), [])
    writer.idle()
    assert p.count_articles() == 0  # two are not worth an executemany
    writer.article(prepare_article(items[2].record, items[2].segments, folded=items[2].folded), [])
    writer.idle()
    assert p.count_articles() == 3 and committed() == 0 and report.imported == 0  # written, not committed
    for it in items[3:5]:
        writer.article(prepare_article(it.record, it.segments, folded=it.folded), [])
    assert committed() == 5 and report.imported == 5  # the batch is full: committed
    for it in items[5:]:
        writer.article(prepare_article(it.record, it.segments, folded=it.folded), [])
    writer.close()
    assert committed() == 7 and report.imported == 7 and len(set(report.article_ids)) == 7
    other.close()


def test_a_bad_article_in_a_batch_written_in_parts_costs_only_itself(p, tmp_path, monkeypatch):
    """The batch's earlier parts are rolled back with the bad article and written again one by one."""
    from dataclasses import replace

    import annotator.ingest as ingest
    from annotator.io.readers import read_jsonl
    from annotator.storage.prepared import prepare_article

    monkeypatch.setattr(ingest, "IDLE_BATCH", 2)
    report = ingest.ImportReport()
    writer = ingest._Writer(p, report, suggest=False)
    prepared = [prepare_article(it.record, it.segments, folded=it.folded)
                for it in read_jsonl(_jsonl(tmp_path, 5), ReadOptions()) if not it.error]
    bad = replace(prepared[3], mentions=(("NO-SUCH-ACTOR", 0, 2, "", ""),))  # a foreign key the batch refuses
    for a in prepared[:2]:
        writer.article(a, [])
    writer.idle()
    assert p.count_articles() == 2
    for a in (prepared[2], bad, prepared[4]):
        writer.article(a, [])
    writer.close()
    assert report.imported == 4 and len(report.skipped) == 1 and p.count_articles() == 4
