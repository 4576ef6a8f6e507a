"""Export: golden lines, spans, stable shapes, splits, NONE rows, atomic files, `datasets` loading."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

import annotator.io.export as export_mod
import annotator.storage.project as project_mod
from annotator.core.boilerplate import detect_segments
from annotator.core.model import AUTHOR, Actor, Alias, Segment
from annotator.core.text import canonicalize
from annotator.io.export import (
    DOCS_OPTIONAL,
    DOCS_SHAPE,
    PAIRS_SHAPE,
    docs_features,
    export,
    json_schema,
    pairs_features,
    split_of,
    write_docs,
    write_doccano,
    write_label_studio,
    write_pairs,
)
from annotator.resources import resource
from annotator.storage.project import ArticleRecord, Project

GOLDEN_TEXT = "😀 تُرْكِيَا تهدد الـYPG\u200d في 2016\nقال مسؤول في NATO إن واشنطن تدعم YPG."


@pytest.fixture
def frozen(monkeypatch):
    """Deterministic ids and timestamps for rows made through the Project API."""
    counter = iter(range(1, 10_000))
    monkeypatch.setattr(project_mod, "new_id", lambda: f"id{next(counter):03d}")
    monkeypatch.setattr(project_mod, "new_ids", lambda n: [f"id{next(counter):03d}" for _ in range(n)])
    monkeypatch.setattr(project_mod, "now", lambda: "2024-05-01T12:00:00.000Z")


def add(p: Project, text: str, segments=(), **kw) -> str:
    with p.db.atomic():
        return p.add_article(ArticleRecord(text=text, raw=text.encode("utf-8"), encoding="utf-8", **kw), segments)


def actors(p: Project) -> None:
    p.upsert_actor(Actor("TUR", "تركيا", "Turkey", "state", "#c62828",
                         aliases=[Alias("تركيا", id="al-tur"), Alias("أنقرة", id="al-ank")]))
    p.upsert_actor(Actor("YPG", "وحدات حماية الشعب", "YPG", "armed group", "#2e7d32",
                         aliases=[Alias("YPG", kind="abbreviation", proclitics=False, id="al-ypg")]))
    p.upsert_actor(Actor("USA", "الولايات المتحدة", "United States", "state",
                         aliases=[Alias("الولايات المتحدة", id="al-usa"), Alias("واشنطن", id="al-was")]))


def golden_project(tmp_path: Path) -> tuple[Project, str]:
    p = Project.create(tmp_path / "golden.annotator")
    actors(p)
    t = GOLDEN_TEXT
    nl = t.index("\n")
    aid = add(p, t, [Segment(0, nl, "headline", "rule:headline"), Segment(nl + 1, len(t), "body", "manual")],
              title="عنوان", source="rt_ar", url="https://example.org/1", published="2016-11-08",
              meta={"b": 1, "a": "ع"}, origin="in.jsonl:1")
    tur = t.index("تُرْكِيَا")
    ypg = t.index("YPG")
    was = t.index("واشنطن")
    p.add_mention(aid, "TUR", tur, tur + len("تُرْكِيَا"), "ann")
    p.add_mention(aid, "YPG", ypg, ypg + 3, "auto", origin="auto", status="proposed", prefix="الـ", alias_id="al-ypg")
    m = p.add_mention(aid, "USA", was, was + len("واشنطن"), "ann")
    p.set_mention_status(m, "rejected", "ann")
    s1 = p.set_stance(aid, AUTHOR, "YPG", "AGAINST", "ann", intensity=2, explicit=True, note="تهديد")
    ev = t.index("تهدد")
    p.add_evidence(s1, ev, ypg + 3, "ann")
    p.set_stance(aid, "TUR", "YPG", "AGAINST", "ann")
    p.set_status(aid, "ann", "done")
    return p, aid


# The golden lines below were checked by hand: the emoji is one code point, so تُرْكِيَا (with its
# tashkeel) is [2, 11), YPG is [20, 23) and the ZWJ after it is character 23. <ZWJ> stands for U+200D.
GOLDEN_DOCS = r"""{"id":"b46becc3d8d4f45a183a","ext_id":"","source":"rt_ar","url":"https://example.org/1","title":"عنوان","published":"2016-11-08","author":"","imported_from":"in.jsonl:1","meta_json":"{\"a\": \"ع\", \"b\": 1}","text":"😀 تُرْكِيَا تهدد الـYPG<ZWJ> في 2016\nقال مسؤول في NATO إن واشنطن تدعم YPG.","text_sha256":"b46becc3d8d4f45a183acea863329c4437eaa36e68b5c5c754b97833f9f43248","segments":[{"start":0,"end":32,"kind":"headline","method":"rule:headline"},{"start":33,"end":70,"kind":"body","method":"manual"}],"actors":[{"id":"TUR","name_ar":"تركيا","name_en":"Turkey","type":"state","color":"#c62828"},{"id":"USA","name_ar":"الولايات المتحدة","name_en":"United States","type":"state","color":"#1565c0"},{"id":"YPG","name_ar":"وحدات حماية الشعب","name_en":"YPG","type":"armed group","color":"#2e7d32"}],"mentions":[{"id":"id004","actor_id":"TUR","actor_name_ar":"تركيا","actor_name_en":"Turkey","start":2,"end":11,"text":"تُرْكِيَا","prefix":"","origin":"manual","status":"accepted","annotator":"ann","alias_id":"","created_at":"2024-05-01T12:00:00.000Z","updated_at":"2024-05-01T12:00:00.000Z"},{"id":"id006","actor_id":"YPG","actor_name_ar":"وحدات حماية الشعب","actor_name_en":"YPG","start":20,"end":23,"text":"YPG","prefix":"الـ","origin":"auto","status":"proposed","annotator":"auto","alias_id":"al-ypg","created_at":"2024-05-01T12:00:00.000Z","updated_at":"2024-05-01T12:00:00.000Z"},{"id":"id008","actor_id":"USA","actor_name_ar":"الولايات المتحدة","actor_name_en":"United States","start":54,"end":60,"text":"واشنطن","prefix":"","origin":"manual","status":"rejected","annotator":"ann","alias_id":"","created_at":"2024-05-01T12:00:00.000Z","updated_at":"2024-05-01T12:00:00.000Z"}],"stances":[{"id":"id011","holder_id":"AUTHOR","holder_name":"AUTHOR","target_id":"YPG","target_name":"وحدات حماية الشعب","label":"AGAINST","intensity":2,"explicit":1,"note":"تهديد","annotator":"ann","evidence":[{"start":12,"end":23,"text":"تهدد الـYPG"}],"created_at":"2024-05-01T12:00:00.000Z","updated_at":"2024-05-01T12:00:00.000Z"},{"id":"id015","holder_id":"TUR","holder_name":"تركيا","target_id":"YPG","target_name":"وحدات حماية الشعب","label":"AGAINST","intensity":-1,"explicit":-1,"note":"","annotator":"ann","evidence":[],"created_at":"2024-05-01T12:00:00.000Z","updated_at":"2024-05-01T12:00:00.000Z"}],"suggestions":[],"status":[{"annotator":"ann","status":"done","reason":"","seconds":0.0,"updated_at":"2024-05-01T12:00:00.000Z"}],"split":""}
""".replace("<ZWJ>", "\u200d")

_GT = r"😀 تُرْكِيَا تهدد الـYPG<ZWJ> في 2016\nقال مسؤول في NATO إن واشنطن تدعم YPG."
GOLDEN_PAIRS = (r"""{"id":"b46becc3d8d4f45a183a#AUTHOR#YPG#ann","article_id":"b46becc3d8d4f45a183a","stance_id":"id011","origin":"annotated","annotator":"ann","holder_id":"AUTHOR","holder":"AUTHOR","target_id":"YPG","target":"وحدات حماية الشعب","label":"AGAINST","intensity":2,"explicit":1,"text":"<T>","context_start":0,"evidence":[{"start":12,"end":23,"text":"تهدد الـYPG"}],"split":""}
{"id":"b46becc3d8d4f45a183a#TUR#YPG#ann","article_id":"b46becc3d8d4f45a183a","stance_id":"id015","origin":"annotated","annotator":"ann","holder_id":"TUR","holder":"تركيا","target_id":"YPG","target":"وحدات حماية الشعب","label":"AGAINST","intensity":-1,"explicit":-1,"text":"<T>","context_start":0,"evidence":[],"split":""}
{"id":"b46becc3d8d4f45a183a#AUTHOR#TUR#ann","article_id":"b46becc3d8d4f45a183a","stance_id":"","origin":"implicit_none","annotator":"ann","holder_id":"AUTHOR","holder":"AUTHOR","target_id":"TUR","target":"تركيا","label":"NONE","intensity":-1,"explicit":-1,"text":"<T>","context_start":0,"evidence":[],"split":""}
""").replace("<T>", _GT).replace("<ZWJ>", "\u200d")


def test_golden_docs_line(tmp_path, frozen):
    p, _ = golden_project(tmp_path)
    out = io.StringIO()
    assert write_docs(p, out) == 1
    assert out.getvalue() == GOLDEN_DOCS


def test_golden_pairs_lines(tmp_path, frozen):
    p, _ = golden_project(tmp_path)
    out = io.StringIO()
    assert write_pairs(p, out) == 3
    assert out.getvalue() == GOLDEN_PAIRS


def test_pairs_window_keeps_evidence_and_cuts_at_lines(tmp_path, frozen):
    p, aid = golden_project(tmp_path)
    out = io.StringIO()
    write_pairs(p, out, window=12)
    lines = [json.loads(x) for x in out.getvalue().splitlines()]
    author_ypg = lines[0]
    assert author_ypg["text"] == "تهدد الـYPG\u200d"
    assert author_ypg["context_start"] == 12
    assert author_ypg["evidence"] == [{"start": 0, "end": 11, "text": "تهدد الـYPG"}]
    # no evidence: the window is around the target's first mention
    assert "YPG" in lines[1]["text"] and lines[2]["text"].strip().startswith("تُرْكِيَا")
    # a window wider than a line but narrower than the text stops at a line break
    out = io.StringIO()
    write_pairs(p, out, window=45)
    first = json.loads(out.getvalue().splitlines()[0])
    assert first["context_start"] == 0 and first["text"] == GOLDEN_TEXT.split("\n")[0]


# --------------------------------------------------------------------------- a richer project
EXTRA_TEXTS = [
    "😀😀 واشنطن (رويترز) - قالت أنقرة إن الـYPG منظمة إرهابية، وردّت واشنطن بأن 2017 سيكون حاسماً.",
    "بيان: تُرْكِيَا\u200d و YPG و NATO في 3 جولات 🤝 مع الولايات المتحدة.\n\nسطر ثانٍ عن أنقرة.",
    "نص بلا أي ممثل معروف 1234.",
]


def rich_project(path: Path) -> Project:
    """The two sample articles and a few synthetic ones, with every kind of annotation."""
    p = Project.create(path)
    actors(p)
    for name in ("reuters-carter-raqqa.txt", "rt-dunford-akar-raqqa.txt"):
        text = canonicalize(resource("samples", name).read_text(encoding="utf-8"))
        add(p, text, detect_segments(text), title=name, source=name.split("-")[0], origin=f"samples/{name}",
            meta={"file": name, "n": 1, "tags": ["a", "ب"]})
    for i, text in enumerate(EXTRA_TEXTS):
        add(p, text, detect_segments(text), ext_id=f"x{i}", author="مراسل", published=f"2017-0{i + 1}-01")
    p.suggest()
    ids = p.article_ids()
    for aid in ids[:4]:
        ms = p.mentions(aid)
        if ms:
            p.set_mention_status(ms[0].id, "accepted", "ann")
        if len(ms) >= 2:
            p.set_mention_status(ms[-1].id, "rejected", "ann")
    a0, a1, a2, a3 = ids[:4]
    s = p.set_stance(a0, AUTHOR, "TUR", "FAVOR", "ann", intensity=1, explicit=False, note="ملاحظة")
    t0 = p.article_text(a0)
    k = t0.index("تركيا")
    p.add_evidence(s, k, k + 5, "ann")
    p.add_evidence(s, 70, 120, "ann")
    p.set_stance(a0, "USA", "TUR", "AGAINST", "ann", intensity=3)
    p.set_stance(a0, AUTHOR, "USA", "NONE", "bob")
    p.set_status(a0, "ann", "done")
    p.set_status(a0, "bob", "in progress")
    p.add_time(a0, "bob", 12.5)
    p.set_stance(a1, AUTHOR, "USA", "AGAINST", "bob", explicit=True)
    p.set_status(a1, "bob", "done")
    t2 = p.article_text(a2)
    s2 = p.set_stance(a2, "TUR", "YPG", "AGAINST", "ann", intensity=2, explicit=True)
    e = t2.index("منظمة إرهابية")
    p.add_evidence(s2, e, e + len("منظمة إرهابية"), "ann")
    p.set_status(a2, "ann", "done")
    p.set_status(a3, "ann", "flagged", "نص مكرر")
    p.add_mention(a3, "USA", p.article_text(a3).index("الولايات"), p.article_text(a3).index("الولايات") + 16, "ann")
    return p


def conforms(value, shape) -> bool:
    if isinstance(shape, dict):
        return (isinstance(value, dict) and list(value) == list(shape)
                and all(conforms(value[k], s) for k, s in shape.items()))
    if isinstance(shape, list):
        return isinstance(value, list) and all(conforms(v, shape[0]) for v in value)
    return type(value) is shape


def export_lines(p: Project, writer, **kw) -> list[dict]:
    out = io.StringIO()
    writer(p, out, **kw)
    text = out.getvalue()
    assert not text.startswith("\ufeff") and "\r" not in text
    return [json.loads(line) for line in text.split("\n") if line]


def test_every_span_is_its_text_and_every_line_has_one_shape(tmp_path):
    p = rich_project(tmp_path / "p.annotator")
    docs = export_lines(p, write_docs)
    assert len(docs) == p.count_articles()
    for d in docs:
        assert conforms(d, DOCS_SHAPE), d["id"]
        text = d["text"]
        assert text == p.article_text(d["id"])
        for seg in d["segments"]:
            assert 0 <= seg["start"] <= seg["end"] <= len(text)
        for m in d["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
        for s in d["stances"]:
            for e in s["evidence"]:
                assert text[e["start"] : e["end"]] == e["text"]
        assert {a["id"] for a in d["actors"]} >= {m["actor_id"] for m in d["mentions"]}
    assert any(m["status"] == "rejected" for d in docs for m in d["mentions"])
    for window in (None, 60):
        pairs = export_lines(p, write_pairs, window=window)
        assert pairs
        for line in pairs:
            assert conforms(line, PAIRS_SHAPE), line["id"]
            article = p.article_text(line["article_id"])
            start = line["context_start"]
            assert article[start : start + len(line["text"])] == line["text"]
            for e in line["evidence"]:
                assert line["text"][e["start"] : e["end"]] == e["text"]
        assert len({line["id"] for line in pairs}) == len(pairs)


def test_filters_by_status_and_annotator(tmp_path):
    p = rich_project(tmp_path / "p.annotator")
    a0, a1, a2, a3 = p.article_ids()[:4]
    assert [d["id"] for d in export_lines(p, write_docs, status="done")] == [a0, a1, a2]
    assert [d["id"] for d in export_lines(p, write_docs, status="done", annotator="ann")] == [a0, a2]
    assert [d["id"] for d in export_lines(p, write_docs, status="flagged", annotator="ann")] == [a3]
    new = [d["id"] for d in export_lines(p, write_docs, status="new")]
    assert a0 not in new and a3 not in new and len(new) == p.count_articles() - 4
    ann = export_lines(p, write_docs, annotator="ann")
    assert all(s["annotator"] == "ann" for d in ann for s in d["stances"])
    assert all(s["annotator"] == "ann" for d in ann for s in d["status"])
    assert all(m["status"] != "rejected" for d in ann for m in d["mentions"])
    assert any(m["annotator"] == "auto" for d in ann for m in d["mentions"])


def test_none_rows_for_mentioned_unlabelled_actors_in_done_articles(tmp_path):
    p = rich_project(tmp_path / "p.annotator")
    pairs = export_lines(p, write_pairs)
    by_article: dict[str, list[dict]] = {}
    for line in pairs:
        by_article.setdefault(line["article_id"], []).append(line)
    for aid in p.article_ids():
        stances = p.stances(aid)
        done = {a for a in ("ann", "bob") if p.status(aid, a)["status"] == "done"}
        mentioned = {m.actor_id for m in p.mentions(aid, include_rejected=False)}
        for ann in ("ann", "bob"):
            labelled = {s.target for s in stances if s.annotator == ann and s.holder == AUTHOR}
            expected = sorted(mentioned - labelled) if ann in done else []
            got = [x["target_id"] for x in by_article.get(aid, [])
                   if x["origin"] == "implicit_none" and x["annotator"] == ann]
            assert got == expected, (aid, ann)
        annotated = [x for x in by_article.get(aid, []) if x["origin"] == "annotated"]
        assert len(annotated) == len(stances)
    nones = [x for x in pairs if x["origin"] == "implicit_none"]
    assert nones and all(x["label"] == "NONE" and x["holder_id"] == AUTHOR and x["stance_id"] == "" for x in nones)
    # an actor whose only mention was rejected gets no NONE row
    a2 = p.article_ids()[2]
    assert [(m.actor_id, m.status) for m in p.mentions(a2)] == [("TUR", "accepted"), ("USA", "rejected")]
    assert [x["target_id"] for x in nones if x["article_id"] == a2] == ["TUR"]
    # only the chosen annotator's rows
    assert {x["annotator"] for x in export_lines(p, write_pairs, annotator="bob")} == {"bob"}


def many_articles(path: Path, texts: list[str]) -> Project:
    p = Project.create(path)
    actors(p)
    with p.db.atomic():
        for t in texts:
            p.add_article(ArticleRecord(text=t, raw=t.encode("utf-8"), encoding="utf-8"))
    p.suggest()
    for aid in p.article_ids():
        p.set_status(aid, "ann", "done")
    return p


def test_split_is_by_article_deterministic_and_near_the_ratios(tmp_path):
    texts = [f"الخبر رقم {i}: قالت تركيا إن YPG تهدد أمنها." for i in range(200)]
    p = many_articles(tmp_path / "a.annotator", texts)
    lines = export_lines(p, write_pairs, split="0.8,0.1,0.1", seed=7)
    assert len(lines) == 400
    splits: dict[str, set[str]] = {}
    for line in lines:
        splits.setdefault(line["article_id"], set()).add(line["split"])
    assert all(len(s) == 1 for s in splits.values())
    counts = {name: sum(1 for s in splits.values() if s == {name}) for name in ("train", "dev", "test")}
    assert 140 <= counts["train"] <= 180 and 8 <= counts["dev"] <= 35 and 8 <= counts["test"] <= 35
    assert export_lines(p, write_pairs, split="0.8,0.1,0.1", seed=7) == lines
    other = export_lines(p, write_pairs, split="0.8,0.1,0.1", seed=8)
    assert [x["split"] for x in other] != [x["split"] for x in lines]
    # the split depends on seed and article id only, not on import order or on the other articles
    q = many_articles(tmp_path / "b.annotator", list(reversed(texts[:50])))
    for d in export_lines(q, write_docs, split="0.8,0.1,0.1", seed=7):
        assert {d["split"]} == splits[d["id"]]
        assert d["split"] == split_of(d["id"], (0.8, 0.1, 0.1), 7)
    with pytest.raises(ValueError, match="split"):
        export_lines(p, write_docs, split="0.8,x")


def test_split_files_hold_the_same_lines(tmp_path):
    texts = [f"خبر {i} عن أنقرة و YPG." for i in range(30)]
    p = many_articles(tmp_path / "p.annotator", texts)
    out = tmp_path / "out" / "pairs.jsonl"
    report = export(p, out, "pairs", split="0.6,0.2,0.2", seed=1, split_files=True)
    names = sorted(x.name for x in out.parent.iterdir())
    assert names == ["pairs.dev.jsonl", "pairs.test.jsonl", "pairs.train.jsonl"]
    assert report.articles == 30 and report.lines == 60 and sum(report.splits.values()) == 60
    assert report.summary().startswith("wrote 60 pairs line(s) from 30 article(s) to ")
    assert report.summary().endswith(f"(train {report.splits['train']}, dev {report.splits['dev']}, "
                                      f"test {report.splits['test']})")
    together = export_lines(p, write_pairs, split="0.6,0.2,0.2", seed=1)
    seen = []
    for name in ("train", "dev", "test"):
        lines = [json.loads(x) for x in (out.parent / f"pairs.{name}.jsonl").read_text(encoding="utf-8").splitlines()]
        assert all(x["split"] == name for x in lines)
        seen += lines
    assert sorted(seen, key=lambda x: x["id"]) == sorted(together, key=lambda x: x["id"])
    with pytest.raises(ValueError, match="split_files"):
        export(p, tmp_path / "x.jsonl", "pairs", split_files=True)


def test_export_file_is_utf8_without_bom(tmp_path):
    p = rich_project(tmp_path / "p.annotator")
    out = tmp_path / "docs.jsonl"
    report = export(p, out, "docs")
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r" not in raw
    assert raw.decode("utf-8") == "".join(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n"
                                          for d in export_lines(p, write_docs))
    assert report.paths == [out] and report.articles == report.lines == p.count_articles()
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(x.name for x in tmp_path.iterdir() if not x.name.startswith("p.annotator")) == ["docs.jsonl"]


def _leftovers(directory: Path) -> list[str]:
    return sorted(x.name for x in directory.iterdir() if not x.name.startswith("p.annotator"))


@pytest.mark.parametrize("split_files", [False, True])
def test_interrupted_export_leaves_nothing(tmp_path, monkeypatch, split_files):
    p = rich_project(tmp_path / "p.annotator")
    out = tmp_path / "pairs.jsonl"
    out.write_text("old\n", encoding="utf-8")
    real = export_mod._iter_articles

    def failing(*args):
        for i, row in enumerate(real(*args)):
            if i == 2:
                raise OSError("disk full")
            yield row

    monkeypatch.setattr(export_mod, "_iter_articles", failing)
    with pytest.raises(OSError, match="disk full"):
        export(p, out, "pairs", split="0.5,0.5", split_files=split_files)
    assert out.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == ["pairs.jsonl"]


def test_a_failed_rename_leaves_no_temporary_file(tmp_path, monkeypatch):
    p = rich_project(tmp_path / "p.annotator")
    real = os.replace
    done = []

    def flaky(src, dst):
        if done:
            raise OSError("rename failed")
        real(src, dst)
        done.append(Path(dst).name)

    monkeypatch.setattr(export_mod.os, "replace", flaky)
    with pytest.raises(OSError, match="rename failed"):
        export(p, tmp_path / "pairs.jsonl", "pairs", split="0.5,0.5", seed=1, split_files=True)
    assert _leftovers(tmp_path) == done == ["pairs.train.jsonl"]


def test_progress_reports_and_can_cancel(tmp_path):
    p = rich_project(tmp_path / "p.annotator")
    seen = []
    export(p, tmp_path / "a.jsonl", "docs", progress=lambda done, total: seen.append((done, total)))
    n = p.count_articles()
    assert seen == [(i, n) for i in range(1, n + 1)]

    def cancel(done, total):
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export(p, tmp_path / "b.json", "label-studio", progress=cancel)
    assert _leftovers(tmp_path) == ["a.jsonl"]


def test_doccano_lines(tmp_path):
    p = rich_project(tmp_path / "p.annotator")
    lines = export_lines(p, write_doccano)
    assert len(lines) == p.count_articles()
    for line in lines:
        assert list(line) == ["id", "text", "label", "cats", "evidence", "annotators"]
        kept = p.mentions(line["id"], include_rejected=False)
        assert line["label"] == [[m.start, m.end, m.actor_id] for m in kept]
    a0 = p.article_ids()[0]
    assert lines[0]["cats"] == sorted({"AUTHOR->TUR:FAVOR", "USA->TUR:AGAINST", "AUTHOR->USA:NONE"})
    assert lines[0]["id"] == a0
    assert all(line["split"] in ("train", "dev") for line in export_lines(p, write_doccano, split="0.5,0.5"))


def test_label_studio_tasks(tmp_path):
    p = rich_project(tmp_path / "p.annotator")
    out = tmp_path / "ls.json"
    export(p, out, "label-studio")
    stream = io.StringIO()
    assert write_label_studio(p, stream) == p.count_articles()
    assert stream.getvalue() == out.read_text(encoding="utf-8")
    tasks = json.loads(stream.getvalue())
    assert len(tasks) == p.count_articles()
    first = tasks[0]
    assert first["data"]["annotators"] == "ann,bob"
    mention_regions = [[r for r in a["result"] if r["from_name"] == "label"] for a in first["annotations"]]
    assert mention_regions[0] == mention_regions[1] and mention_regions[0]
    for task in tasks:
        text = task["data"]["text"]
        for ann in task["annotations"]:
            for r in ann["result"]:
                v = r["value"]
                if r["type"] != "textarea":
                    assert text[v["start"] : v["end"]] == v["text"]
                assert r["from_name"] in ("label", "stance", "holder", "target", "intensity", "explicit", "note",
                                          "no_evidence")
    stances = [(r["value"]["labels"], r["value"]["text"]) for r in first["annotations"][0]["result"]
               if r["from_name"] == "stance"]
    t0 = first["data"]["text"]
    assert sorted(stances) == sorted([(["FAVOR"], "تركيا"), (["FAVOR"], t0[70:120]), (["AGAINST"], stances[2][1])])
    anchor = [r["value"]["choices"] for r in first["annotations"][0]["result"] if r["from_name"] == "no_evidence"]
    assert anchor == [["no evidence"]]  # USA->TUR has no evidence: one anchor region, not read back as evidence
    assert out.with_name("ls.label_config.xml").is_file()
    empty = tmp_path / "empty.json"
    export(p, empty, "label-studio", status="skipped")
    assert empty.read_text(encoding="utf-8") == "[]\n"


def test_bad_options(tmp_path):
    p = rich_project(tmp_path / "p.annotator")
    with pytest.raises(ValueError, match="format"):
        export(p, tmp_path / "x", "csv")
    with pytest.raises(ValueError, match="window"):
        export(p, tmp_path / "x", "docs", window=100)
    with pytest.raises(ValueError, match="window"):
        export(p, tmp_path / "x", "pairs", window=0)
    assert _leftovers(tmp_path) == []


def test_schemas_match_the_shapes_and_accept_every_line(tmp_path):
    for name, shape, optional in (("docs", DOCS_SHAPE, DOCS_OPTIONAL), ("pairs", PAIRS_SHAPE, ())):
        on_disk = json.loads(resource("schemas", f"{name}.schema.json").read_text(encoding="utf-8"))
        assert on_disk == json_schema(shape, f"annotator {name} line", optional)
    jsonschema = pytest.importorskip("jsonschema")
    p = rich_project(tmp_path / "p.annotator")
    for name, writer in (("docs", write_docs), ("pairs", write_pairs)):
        schema = json.loads(resource("schemas", f"{name}.schema.json").read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema)
        lines = export_lines(p, writer, split="0.5,0.5")
        for line in lines:
            validator.validate(line)
        broken = dict(lines[0], split=None)
        assert not validator.is_valid(broken)


def test_datasets_loads_pairs_and_docs_with_the_documented_features(tmp_path):
    datasets = pytest.importorskip("datasets")
    p = rich_project(tmp_path / "p.annotator")
    # many lines with empty lists first, then filled ones: Arrow must not guess the types
    more = [f"سطر {i} بلا ممثلين." for i in range(50)]
    with p.db.atomic():
        for t in more:
            p.add_article(ArticleRecord(text=t, raw=t.encode("utf-8"), encoding="utf-8"))
    for fmt, features in (("pairs", pairs_features()), ("docs", docs_features())):
        path = tmp_path / f"{fmt}.jsonl"
        report = export(p, path, fmt, split="0.8,0.1,0.1")
        ds = datasets.load_dataset("json", data_files=str(path), features=features, split="train",
                                   cache_dir=str(tmp_path / "hf-cache"))
        assert ds.num_rows == report.lines
        assert ds.features == features
        first = json.loads(path.read_text(encoding="utf-8").split("\n")[0])
        assert ds[0] == first


def test_the_features_in_docs_datasets_md_are_the_helpers():
    pytest.importorskip("datasets")
    doc = (Path(__file__).resolve().parents[2] / "docs" / "datasets.md").read_text(encoding="utf-8")
    blocks = [b.split("\n", 1)[1] for b in doc.split("```")[1::2] if b.startswith("python\n")]
    (code,) = [b for b in blocks if "PAIRS_FEATURES = Features(" in b]
    namespace: dict = {}
    exec(code, namespace)
    assert namespace["PAIRS_FEATURES"] == pairs_features()
    assert namespace["DOCS_FEATURES"] == docs_features()


def test_suggestion_rows_a_prepared_project_file_holds_are_left_out_with_a_warning(tmp_path):
    """The docs export reads stored suggestions (issue 11, on by default): a row whose probabilities are
    no JSON object of numbers, whose margin is text or whose evidence lies past the text is left out
    with a warning; the good row and every other line are written, and nothing raises."""
    p = rich_project(tmp_path / "p.annotator")
    aid = p.article_ids()[0]
    n = len(p.article_text(aid))
    # targets no one has a stance on (the export lists suggestions only for those)
    rows = [("good", "A1", '{"FAVOR": 0.7, "NONE": 0.3}', 0.4, 0, 5),
            ("probs", "A2", '[1, 2]', 0.4, None, None), ("nan", "A3", '{"FAVOR": NaN}', 0.4, None, None),
            ("margin", "A4", '{"FAVOR": 1}', "much", None, None), ("past", "A5", '{"FAVOR": 1}', 0.1, n, n + 9)]
    with p.db.atomic():
        p.conn.executemany(
            "INSERT INTO stance_suggestions(id, article_id, holder_id, target_id, model_id, label, probabilities,"
            " margin, evidence_start, evidence_end, status, created_at, updated_at)"
            " VALUES (?, ?, NULL, ?, 'm', 'FAVOR', ?, ?, ?, ?, 'open', '', '')", [(i, aid, *r) for i, *r in rows])
    out = tmp_path / "docs.jsonl"
    report = export(p, out, "docs")
    lines = {d["id"]: d for d in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    (good,) = lines[aid]["suggestions"]
    assert good["id"] == "good" and good["evidence"][0]["text"] == p.article_text(aid)[0:5]
    assert good["probabilities"] == [{"label": "FAVOR", "probability": 0.7}, {"label": "NONE", "probability": 0.3}]
    assert len(lines) == p.count_articles()
    assert any("4 stance suggestion(s) that do not fit" in w for w in report.warnings)
