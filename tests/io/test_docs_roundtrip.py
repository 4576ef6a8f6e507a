"""docs export -> import into a new project -> export gives the same bytes; bad lines are refused."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path

import pytest

from annotator.core.boilerplate import detect_segments
from annotator.core.model import AUTHOR, Actor, Alias
from annotator.core.text import canonicalize
from annotator.io.docs_import import read_docs, store_docs_record
from annotator.io.export import export, write_docs
from annotator.resources import resource
from annotator.storage.project import ArticleRecord, Project

TEXTS = [
    "😀 تُرْكِيَا تهدد الـYPG\u200d في 2016\nقال مسؤول في NATO إن واشنطن تدعم YPG.",
    "بيان: أنقرة و YPG و NATO في 3 جولات 🤝 مع الولايات المتحدة.\n\nسطر ثانٍ عن تركيا.",
    "نص بلا أي ممثل معروف 1234.",
]


def build(path: Path) -> Project:
    """A project with the two sample articles and every kind of row a docs line carries."""
    p = Project.create(path)
    p.upsert_actor(Actor("TUR", "تركيا", "Turkey", "state", "#c62828", [Alias("تركيا"), Alias("أنقرة")]))
    p.upsert_actor(Actor("YPG", "وحدات حماية الشعب", "YPG", "armed group", "#2e7d32",
                         [Alias("YPG", kind="abbreviation", proclitics=False)]))
    p.upsert_actor(Actor("USA", "الولايات المتحدة", "", "state", aliases=[Alias("الولايات المتحدة"), Alias("واشنطن")]))
    texts = [canonicalize(resource("samples", n).read_text(encoding="utf-8"))
             for n in ("reuters-carter-raqqa.txt", "rt-dunford-akar-raqqa.txt")] + TEXTS
    with p.db.atomic():
        for i, t in enumerate(texts):
            p.add_article(
                ArticleRecord(text=t, raw=t.encode("utf-8"), encoding="utf-8", ext_id=f"e{i}", source="rt_ar",
                              url=f"https://example.org/{i}", title=t.split("\n")[0][:30], published="2016-11-08",
                              author="مراسل", meta={"i": i, "k": ["ب", None]}, origin=f"in.jsonl:{i + 1}"),
                detect_segments(t),
            )
    p.suggest()
    ids = p.article_ids()
    for aid in ids:
        ms = p.mentions(aid)
        if len(ms) >= 2:
            p.set_mention_status(ms[0].id, "accepted", "ann")
            p.set_mention_status(ms[-1].id, "rejected", "bob")
    a0, a1, a2 = ids[0], ids[1], ids[2]
    t0 = p.article_text(a0)
    s = p.set_stance(a0, AUTHOR, "TUR", "FAVOR", "ann", intensity=1, explicit=False, note="سطر\nثانٍ")
    p.add_evidence(s, t0.index("تركيا"), t0.index("تركيا") + 5, "ann")
    p.add_evidence(s, 100, 140, "ann")
    p.set_stance(a0, "USA", "TUR", "AGAINST", "bob", intensity=3, explicit=True)
    p.set_status(a0, "ann", "done")
    p.add_time(a0, "ann", 33.25)
    p.set_status(a1, "bob", "skipped", "ليس خبراً")
    t2 = p.article_text(a2)
    p.add_mention(a2, "YPG", t2.index("YPG"), t2.index("YPG") + 3, "ann", prefix="الـ")
    p.set_stance(a2, "TUR", "YPG", "AGAINST", "ann")
    p.add_time(a2, "bob", 4.0)
    return p


def docs_text(p: Project) -> str:
    out = io.StringIO()
    write_docs(p, out)
    return out.getvalue()


def import_docs(p: Project, text: str) -> list[str | None]:
    ids = []
    for line_no, obj in read_docs(io.StringIO(text), "docs.jsonl"):
        assert not isinstance(obj, Exception), obj
        with p.db.atomic():
            ids.append(store_docs_record(p, obj))
    return ids


def test_export_import_export_is_byte_identical(tmp_path):
    src = build(tmp_path / "src.annotator")
    first = docs_text(src)
    dst = Project.create(tmp_path / "dst.annotator")
    assert import_docs(dst, first) == src.article_ids()
    assert docs_text(dst) == first
    assert dst.stats()["stances_by_label"] == src.stats()["stances_by_label"]
    assert dst.changes() == []  # imports are not edits
    # a second import of the same file changes nothing
    assert import_docs(dst, first) == [None] * src.count_articles()
    assert docs_text(dst) == first


def test_round_trip_through_files_with_a_split(tmp_path):
    src = build(tmp_path / "src.annotator")
    a = tmp_path / "a.jsonl"
    export(src, a, "docs", split="0.5,0.5", seed=3)
    dst = Project.create(tmp_path / "dst.annotator")
    with open(a, encoding="utf-8") as fh:
        import_docs(dst, fh.read())
    b = tmp_path / "b.jsonl"
    export(dst, b, "docs", split="0.5,0.5", seed=3)
    assert a.read_bytes() == b.read_bytes()


def test_imported_rows_work_with_the_project_api(tmp_path):
    src = build(tmp_path / "src.annotator")
    dst = Project.create(tmp_path / "dst.annotator")
    import_docs(dst, docs_text(src))
    a0 = dst.article_ids()[0]
    assert [(s.holder, s.target, s.label, s.intensity, s.explicit) for s in dst.stances(a0)] == [
        (s.holder, s.target, s.label, s.intensity, s.explicit) for s in src.stances(a0)
    ]
    assert dst.status(a0, "ann")["seconds"] == 33.25
    assert dst.segments(a0)[0]["kind"] == src.segments(a0)[0]["kind"]
    assert dst.article(a0)["meta"] == {"i": 0, "k": ["ب", None]}
    assert dst.search("الرقة")  # the full-text index was filled
    stance = dst.stances(a0)[0]
    dst.update_stance(stance.id, "ann", label="AGAINST")
    assert dst.undo("ann") is not None and dst.stances(a0)[0].label == "FAVOR"


def test_existing_actors_are_kept(tmp_path):
    src = build(tmp_path / "src.annotator")
    dst = Project.create(tmp_path / "dst.annotator")
    dst.upsert_actor(Actor("TUR", "الجمهورية التركية", "Republic of Türkiye", "state"))
    import_docs(dst, docs_text(src))
    assert dst.actor("TUR").name_ar == "الجمهورية التركية"
    assert dst.actor("USA").name_ar == "الولايات المتحدة"


def first_line(tmp_path: Path) -> dict:
    src = build(tmp_path / "src.annotator")
    return json.loads(docs_text(src).split("\n")[0])


def _refused(p: Project, obj: dict, message: str) -> None:
    before = p.count_articles()
    with pytest.raises(ValueError, match=message):
        with p.db.atomic():
            store_docs_record(p, obj)
    assert p.count_articles() == before
    assert p.conn.execute("SELECT count(*) FROM mentions").fetchone()[0] == 0


SUGGESTION = {"id": "s1", "holder_id": AUTHOR, "target_id": "TUR", "label": "FAVOR",
              "probabilities": [{"label": "FAVOR", "probability": 0.6}, {"label": "NONE", "probability": 0.4}],
              "margin": 0.2, "evidence": [], "model_id": "m1"}


def test_docs_suggestions_are_accepted_and_not_restored(tmp_path):
    """A docs line carries `suggestions` (issue 11): a well-formed list imports without error and is
    ignored (the model is not in the file); a line without the key (--no-suggestions) imports too."""
    obj = first_line(tmp_path)
    assert obj["suggestions"] == []
    dst = Project.create(tmp_path / "dst.annotator")
    with dst.db.atomic():
        assert store_docs_record(dst, dict(obj, suggestions=[SUGGESTION])) == obj["id"]
    assert dst.conn.execute("SELECT count(*) FROM stance_suggestions").fetchone()[0] == 0
    assert json.loads(docs_text(dst).split("\n")[0]) == obj
    other = Project.create(tmp_path / "other.annotator")
    with other.db.atomic():
        assert store_docs_record(other, {k: v for k, v in obj.items() if k != "suggestions"}) == obj["id"]


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda d: d["mentions"][0].update(start=d["mentions"][0]["start"] + 1), r"mentions\[0\]: text"),
        (lambda d: d["mentions"][0].update(end=10**6), r"mentions\[0\]: span"),
        (lambda d: d["stances"][0]["evidence"][0].update(text="x"), r"stances\[0\]: evidence\[0\]"),
        (lambda d: d["segments"][0].update(kind="footer"), "unknown kind"),
        (lambda d: d.update(text=d["text"] + "!"), "text_sha256"),
        (lambda d: d.update(id="0" * 20), "id does not match"),
        (lambda d: d.pop("split"), r"missing keys \['split'\]"),
        (lambda d: d.update(extra=1), r"unknown keys \['extra'\]"),
        (lambda d: d["stances"][0].update(intensity=None), r"stances\[0\]\.intensity: expected an integer"),
        (lambda d: d["stances"][0].update(label="MAYBE"), "label 'MAYBE'"),
        (lambda d: d["stances"][0].update(intensity=7), "intensity 7"),
        (lambda d: d.update(actors=[]), "neither in the line's actors nor in the project"),
        (lambda d: d["status"][0].update(status="finished"), "unknown status"),
        (lambda d: d.update(meta_json="[1]"), "not a JSON object"),
        (lambda d: d["mentions"].append(copy.deepcopy(d["mentions"][0])), "id already used"),
        (lambda d: d.update(suggestions={}), r"docs record\.suggestions: expected a list"),
        (lambda d: d.update(suggestions=[{"id": "s1"}]), r"suggestions\[0\]: missing keys"),
        (lambda d: d.update(suggestions=[dict(SUGGESTION, margin=float("nan"))]), r"suggestions\[0\]\.margin"),
    ],
)
def test_bad_records_are_refused_with_a_clear_message(tmp_path, damage, message):
    obj = first_line(tmp_path)
    damage(obj)
    _refused(Project.create(tmp_path / "dst.annotator"), obj, message)


def test_read_docs_reports_bad_lines_and_goes_on(tmp_path):
    obj = first_line(tmp_path)
    good = json.dumps(obj, ensure_ascii=False)
    text = "\ufeff" + good + "\n\n{not json\n[1, 2]\n" + good + "\n"
    items = list(read_docs(io.StringIO(text), "in.jsonl"))
    assert [n for n, _ in items] == [1, 3, 4, 5]
    assert items[0][1] == obj and items[3][1] == obj
    assert isinstance(items[1][1], ValueError) and str(items[1][1]).startswith("in.jsonl:3: not JSON")
    assert str(items[2][1]) == "in.jsonl:4: a JSON list, not an object"
