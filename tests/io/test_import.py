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
            assert fold_key(text[m.start:m.end]) == key
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
    assert {("تركيا", "و"), ("تركيا", "ول"), ("YPG", "والـ"), ("واشنطن", "")} <= got
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


def test_interrupted_import_leaves_no_half_article(p, tmp_path, monkeypatch):
    f = tmp_path / "x.jsonl"
    f.write_text("\n".join(json.dumps({"text": f"مقال رقم {i} عن تركيا."}, ensure_ascii=False) for i in range(10)), encoding="utf-8")
    import annotator.storage.project as sp

    calls = {"n": 0}
    real = sp.Project.add_article

    def crash(self, rec, segments=()):
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real(self, rec, segments)

    monkeypatch.setattr(sp.Project, "add_article", crash)
    with pytest.raises(KeyboardInterrupt):
        import_paths(p, [f])
    assert p.count_articles() == 0
    assert p.conn.execute("SELECT count(*) FROM segments").fetchone()[0] == 0
    assert p.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="shared corpus not present")
def test_saudinewsnet_10k(p):
    r = import_paths(p, [CORPUS], options=ReadOptions(text_field="content"))
    assert r.imported == 10000 and not r.skipped
    assert p.count_articles() == 10000
    a = p.article(p.article_ids()[0])
    assert a["ext_id"] == "snn-00001" and a["source"] and a["published"].startswith("2015")
    assert p.search("السعودية", limit=5)
