"""Label Studio and doccano both ways (issue #12): round trips, golden strings, UTF-16 offsets."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from annotator.core.model import AUTHOR, Actor
from annotator.io.doccano import read_doccano
from annotator.io.export import export, label_config_path
from annotator.io.interop import import_foreign
from annotator.io.labelstudio import read_label_studio
from annotator.storage.project import Project

from tests.io.test_export import actors, add, frozen, rich_project  # noqa: F401  (frozen is a fixture)

EMOJI_TEXT = ("أنقرة 😀 تقول " + "ا" * 120 + " 🚀 و ✈️ نص " + "ب" * 19 + " 🇹🇷🔥 الانتقادات تتصاعد في المنطقة كلها")
WORD = "الانتقادات"


def mentions_of(p: Project, aid: str) -> set:
    return {(m.actor_id, m.start, m.end) for m in p.mentions(aid, include_rejected=False)}


def stances_of(p: Project, aid: str, full: bool = True) -> set:
    return {
        (s.annotator, s.holder, s.target, s.label, s.intensity, s.explicit, s.note,
         tuple(sorted((e.start, e.end) for e in s.evidence))) if full
        else (s.holder, s.target, s.label, tuple(sorted((e.start, e.end) for e in s.evidence)))
        for s in p.stances(aid)
    }


def fresh(path: Path) -> Project:
    p = Project.create(path)
    actors(p)
    return p


def test_label_studio_export_round_trips_mentions_stances_and_evidence(tmp_path):
    """Our label-studio export imported into an empty project gives back every mention (not
    rejected), every stance with its annotator, label, intensity, explicit, note and evidence."""
    src = rich_project(tmp_path / "src.annotator")
    export(src, tmp_path / "ls.json", "label-studio")
    dst = fresh(tmp_path / "dst.annotator")
    report = import_foreign(dst, [tmp_path / "ls.json"], read_label_studio, suggest=False)
    assert report.imported == src.count_articles() and not report.skipped
    assert dst.article_ids() == src.article_ids()
    for aid in src.article_ids():
        assert mentions_of(dst, aid) == mentions_of(src, aid)
        assert stances_of(dst, aid) == stances_of(src, aid)
    # importing the same file again adds nothing: the articles are there with these annotations
    again = import_foreign(dst, [tmp_path / "ls.json"], read_label_studio, suggest=False)
    assert again.imported == 0 and again.duplicates == src.count_articles()
    assert sum(len(dst.mentions(a)) for a in dst.article_ids()) == sum(
        len(mentions_of(src, a)) for a in src.article_ids())


def test_doccano_export_round_trips_for_one_annotator(tmp_path):
    src = rich_project(tmp_path / "src.annotator")
    for offsets in ("codepoints", "utf16"):
        out = tmp_path / f"d-{offsets}.jsonl"
        export(src, out, "doccano", annotator="ann", offsets=offsets, doccano_type="intent")
        dst = fresh(tmp_path / f"dst-{offsets}.annotator")
        report = import_foreign(dst, [out], lambda path, o=offsets: read_doccano(path, o), suggest=False)
        assert not report.skipped
        for aid in dst.article_ids():
            kept = {m for m in mentions_of(src, aid)}
            assert mentions_of(dst, aid) == kept
            want = {s for s in stances_of(src, aid, full=False)
                    if any(t.annotator == "ann" and t.holder == s[0] and t.target == s[1] for t in src.stances(aid))}
            assert stances_of(dst, aid, full=False) == want
            assert {s.annotator for s in dst.stances(aid)} <= {"ann"}


def emoji_project(tmp_path: Path) -> tuple[Project, str]:
    p = fresh(tmp_path / "emoji.annotator")
    aid = add(p, EMOJI_TEXT)
    k = EMOJI_TEXT.index(WORD)
    p.add_mention(aid, "TUR", 0, 5, "ann")
    p.add_mention(aid, "YPG", k, k + len(WORD), "ann")
    return p, aid


def test_emoji_word_is_168_178_in_code_points_and_173_183_in_utf16(tmp_path):
    """doccano's UTF-16 bug: `الانتقادات` after 🇹🇷🔥 is 168-178 in code points, 173-183 in UTF-16
    units; --offsets utf16 writes and reads the latter, and both land on the word."""
    k = EMOJI_TEXT.index(WORD)
    assert (k, k + len(WORD)) == (168, 178)
    p, aid = emoji_project(tmp_path)
    out = tmp_path / "u.jsonl"
    report = export(p, out, "doccano", offsets="utf16")
    line = json.loads(out.read_text(encoding="utf-8"))
    assert line["label"] == [[0, 5, "TUR"], [173, 183, "YPG"]]
    assert not report.warnings
    cp = export(p, tmp_path / "c.jsonl", "doccano")
    assert json.loads((tmp_path / "c.jsonl").read_text(encoding="utf-8"))["label"][1] == [168, 178, "YPG"]
    assert "outside the BMP" in cp.summary()
    for offsets, name in (("utf16", "u.jsonl"), ("codepoints", "c.jsonl")):
        dst = fresh(tmp_path / f"in-{offsets}.annotator")
        import_foreign(dst, [tmp_path / name], lambda path, o=offsets: read_doccano(path, o), suggest=False)
        assert mentions_of(dst, aid) == {("TUR", 0, 5), ("YPG", 168, 178)}
        assert dst.article_text(aid)[168:178] == WORD


def test_doccano_page_span_read_as_code_points_warns_and_names_utf16(tmp_path):
    """A span drawn in doccano's page after emoji (173-183, UTF-16) read with the default
    --offsets codepoints: the summary says the spans fit words as UTF-16 units."""
    f = tmp_path / "page.jsonl"
    f.write_text(json.dumps({"id": 1, "text": EMOJI_TEXT, "label": [[173, 183, "YPG"]]}, ensure_ascii=False) + "\n",
                 encoding="utf-8")
    p = fresh(tmp_path / "p.annotator")
    report = import_foreign(p, [f], read_doccano, suggest=False)
    assert "import again with --offsets utf16" in report.summary()
    p2 = fresh(tmp_path / "p2.annotator")
    report = import_foreign(p2, [f], lambda path: read_doccano(path, "utf16"), suggest=False)
    (aid,) = p2.article_ids()
    assert mentions_of(p2, aid) == {("YPG", 168, 178)} and "import again" not in report.summary()


def test_label_studio_golden_task_and_config(tmp_path, frozen):
    p = fresh(tmp_path / "g.annotator")
    text = "قالت تركيا إن واشنطن تدعم الإرهاب."
    aid = add(p, text)
    p.add_mention(aid, "TUR", 5, 10, "ann")
    p.add_mention(aid, "USA", 14, 20, "ann")
    s = p.set_stance(aid, AUTHOR, "USA", "AGAINST", "ann", intensity=2, explicit=True, note="n")
    p.add_evidence(s, 21, 33, "ann")
    p.set_stance(aid, "TUR", "USA", "AGAINST", "ann")
    out = tmp_path / "g.json"
    export(p, out, "label-studio")
    ids = [m.id for m in p.mentions(aid)]
    sids = [x.id for x in p.stances(aid)]

    def region(rid, name, kind, s, e, key, vals):
        return (f'{{"id":"{rid}","from_name":"{name}","to_name":"text","type":"{kind}","value":{{"start":{s},'
                f'"end":{e},"text":"{text[s:e]}","{key}":[{",".join(json.dumps(v) for v in vals)}]}}}}')

    result = ",".join([
        region(ids[0], "label", "labels", 5, 10, "labels", ["TUR"]),
        region(ids[1], "label", "labels", 14, 20, "labels", ["USA"]),
        region(f"{sids[0]}-0", "stance", "labels", 21, 33, "labels", ["AGAINST"]),
        region(f"{sids[0]}-0", "holder", "choices", 21, 33, "choices", ["AUTHOR"]),
        region(f"{sids[0]}-0", "target", "choices", 21, 33, "choices", ["USA"]),
        region(f"{sids[0]}-0", "intensity", "choices", 21, 33, "choices", ["2"]),
        region(f"{sids[0]}-0", "explicit", "choices", 21, 33, "choices", ["explicit"]),
        (f'{{"id":"{sids[0]}-0","from_name":"note","to_name":"text","type":"textarea",'
         '"value":{"start":21,"end":33,"text":["n"]}}'),
        region(f"{sids[1]}-0", "stance", "labels", 14, 20, "labels", ["AGAINST"]),
        region(f"{sids[1]}-0", "holder", "choices", 14, 20, "choices", ["TUR"]),
        region(f"{sids[1]}-0", "target", "choices", 14, 20, "choices", ["USA"]),
        region(f"{sids[1]}-0", "no_evidence", "choices", 14, 20, "choices", ["no evidence"]),
    ])
    want = (
        f'[\n{{"data":{{"text":"{text}","article_id":"{aid}","title":"","annotators":"ann"}},'
        f'"annotations":[{{"result":[{result}]}}]}}\n]\n')
    assert out.read_text(encoding="utf-8") == want
    config = label_config_path(out).read_text(encoding="utf-8")
    assert label_config_path(out) == tmp_path / "g.label_config.xml"
    root = ET.fromstring(config)
    labels = {e.get("value"): e.get("background") for e in root.find("Labels[@name='label']")}
    assert labels == {"TUR": "#c62828", "USA": "#1565c0"}  # the codes in the export, with our colours
    assert [e.get("value") for e in root.find("Labels[@name='stance']")] == ["FAVOR", "AGAINST", "NONE"]
    holder = root.find(".//Choices[@name='holder']")
    assert holder.get("perRegion") == "true" and [c.get("value") for c in holder] == ["AUTHOR", "TUR", "USA"]
    assert root.find(".//TextArea[@name='note']").get("perRegion") == "true"
    assert '<Text name="text" value="$text" />' in config


def test_label_config_escapes_hostile_codes(tmp_path):
    p = Project.create(tmp_path / "h.annotator")
    p.upsert_actor(Actor('X"/><Evil a="', "x", "x", "other"))
    aid = add(p, "نص فيه x هنا")
    p.add_mention(aid, 'X"/><Evil a="', 6, 7, "ann")
    export(p, tmp_path / "h.json", "label-studio")
    root = ET.fromstring(label_config_path(tmp_path / "h.json").read_text(encoding="utf-8"))
    assert [e.get("value") for e in root.find("Labels[@name='label']")] == ['X"/><Evil a="']
    assert root.find(".//Evil") is None


def write_json(path: Path, obj) -> Path:
    path.write_text(json.dumps(obj, ensure_ascii=False), encoding="utf-8")
    return path


def test_label_studio_json_min_and_completed_by_names(tmp_path):
    """JSON_MIN (flat, one object per annotation) and JSON with `completed_by` as an id or a user
    object: the names are kept; label values are matched to actor codes by code or name."""
    text = "أنقرة تهاجم YPG في الشمال"
    f_min = write_json(tmp_path / "min.json", [{
        "id": 7, "text": text, "annotator": "mona@example.org", "annotation_id": 3,
        "label": [{"start": 0, "end": 5, "text": "أنقرة", "labels": ["Turkey"]},
                  {"start": 12, "end": 15, "text": "YPG", "labels": ["YPG"]}],
    }])
    p = fresh(tmp_path / "p.annotator")
    report = import_foreign(p, [f_min], read_label_studio, suggest=False)
    (aid,) = p.article_ids()
    assert report.imported == 1 and mentions_of(p, aid) == {("TUR", 0, 5), ("YPG", 12, 15)}
    assert {m.annotator for m in p.mentions(aid)} == {"mona@example.org"}
    text2 = "قالت واشنطن شيئا"
    f_full = write_json(tmp_path / "full.json", [{"id": 1, "data": {"text": text2}, "annotations": [
        {"completed_by": {"id": 4, "email": "ali@example.org"}, "result": [
            {"id": "a", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 5, "end": 11, "text": "واشنطن", "labels": ["USA"]}}]},
        {"completed_by": 9, "result": [
            {"id": "b", "from_name": "label", "to_name": "text", "type": "labels",
             "value": {"start": 5, "end": 11, "text": "واشنطن", "labels": ["USA"]}},
            {"id": "c", "from_name": "stance", "to_name": "text", "type": "labels",
             "value": {"start": 5, "end": 11, "text": "واشنطن", "labels": ["NONE"]}},
            {"id": "c", "from_name": "target", "to_name": "text", "type": "choices",
             "value": {"start": 5, "end": 11, "text": "واشنطن", "choices": ["USA"]}}]},
        {"was_cancelled": True, "completed_by": 5, "result": []}]}])
    import_foreign(p, [f_full], read_label_studio, suggest=False)
    aid2 = next(a for a in p.article_ids() if a != aid)
    assert [(m.annotator, m.actor_id) for m in p.mentions(aid2)] == [("ali@example.org", "USA")]
    (st,) = p.stances(aid2)
    assert (st.annotator, st.holder, st.target, st.label, [(e.start, e.end) for e in st.evidence]) == (
        "label-studio-user-9", AUTHOR, "USA", "NONE", [(5, 11)])


def test_unknown_labels_listed_or_created(tmp_path):
    text = "حزب العمال الكردستاني و تركيا"
    f = write_json(tmp_path / "t.json", [{"data": {"body": text}, "annotations": [{"result": [
        {"id": "1", "from_name": "ner", "to_name": "text", "type": "labels",
         "value": {"start": 0, "end": 21, "text": text[0:21], "labels": ["PKK"]}},
        {"id": "2", "from_name": "ner", "to_name": "text", "type": "labels",
         "value": {"start": 24, "end": 29, "text": "تركيا", "labels": ["TUR"]}}]}]}])
    p = fresh(tmp_path / "p.annotator")
    no_text = import_foreign(p, [f], read_label_studio, suggest=False)
    assert no_text.imported == 0 and "--text-field" in no_text.summary()
    report = import_foreign(p, [f], lambda path: read_label_studio(path, "body"), suggest=False)
    (aid,) = p.article_ids()
    assert mentions_of(p, aid) == {("TUR", 24, 29)}
    assert "'PKK' (1)" in report.summary() and "--create-actors" in report.summary()
    p2 = fresh(tmp_path / "p2.annotator")
    report = import_foreign(p2, [f], lambda path: read_label_studio(path, "body"), create_actors=True, suggest=False)
    assert mentions_of(p2, aid) == {("PKK", 0, 21), ("TUR", 24, 29)}
    assert p2.actor("PKK").name_ar == "PKK" and "created 1 actor(s): PKK" in report.summary()


def test_spans_are_moved_onto_the_canonical_text_or_refused(tmp_path):
    """A CRLF text shrinks on canonicalisation: spans after it move back one character per CRLF;
    a span whose stored text is not the text at its offsets is refused and reported."""
    text = "سطر\r\nتركيا\r\nو YPG"
    f = write_json(tmp_path / "t.json", [{"data": {"text": text}, "annotations": [{"result": [
        {"id": "1", "from_name": "label", "type": "labels",
         "value": {"start": 5, "end": 10, "text": "تركيا", "labels": ["TUR"]}},
        {"id": "2", "from_name": "label", "type": "labels",
         "value": {"start": 14, "end": 17, "text": "YPG", "labels": ["YPG"]}},
        {"id": "3", "from_name": "label", "type": "labels",
         "value": {"start": 0, "end": 3, "text": "نص", "labels": ["USA"]}},
        {"id": "4", "from_name": "label", "type": "labels",
         "value": {"start": 4, "end": 10, "text": "\nتركيا", "labels": ["USA"]}}]}]}])
    p = fresh(tmp_path / "p.annotator")
    report = import_foreign(p, [f], read_label_studio, suggest=False)
    (aid,) = p.article_ids()
    canon = p.article_text(aid)
    assert canon == "سطر\nتركيا\nو YPG"
    assert mentions_of(p, aid) == {("TUR", 4, 9), ("YPG", 12, 15)}
    assert canon[4:9] == "تركيا" and canon[12:15] == "YPG"
    summary = report.summary()
    assert "says it holds 'نص' but the text there is 'سطر'" in summary
    assert "does not survive canonicalisation" in summary


def test_bad_records_cost_only_themselves(tmp_path):
    f = tmp_path / "d.jsonl"
    f.write_text("\n".join([
        json.dumps({"text": "تركيا", "label": [[0, 5, "TUR"]]}, ensure_ascii=False),
        "{not json",
        json.dumps({"text": "YPG هنا", "label": [[0, 99, "YPG"]]}),
        json.dumps({"text": "x", "label": "oops"}),
        json.dumps(["a list"]),
        json.dumps({"text": "واشنطن تتكلم", "entities": [{"start_offset": 0, "end_offset": 6, "label": "USA"}],
                    "cats": ["AUTHOR->USA:NONE", "positive"]}, ensure_ascii=False),
    ]) + "\n", encoding="utf-8")
    p = fresh(tmp_path / "p.annotator")
    report = import_foreign(p, [f], read_doccano, suggest=False)
    assert report.imported == 3
    reasons = dict(report.skipped)
    assert reasons[f"{f}:2"].startswith("not JSON") and "not a list of [start, end, label]" in reasons[f"{f}:4"]
    assert "not an object" in reasons[f"{f}:5"]
    assert "span [0, 99) is not inside the text" in report.summary()
    assert "category 'positive' is not a stance" in report.summary()
    usa = next(a for a in p.article_ids() if p.article_text(a).startswith("واشنطن"))
    assert [(s.holder, s.target, s.label, s.annotator) for s in p.stances(usa)] == [(AUTHOR, "USA", "NONE", "doccano")]


def test_doccano_export_columns_and_overlap_warning(tmp_path):
    p = fresh(tmp_path / "p.annotator")
    aid = add(p, "الولايات المتحدة و تركيا")
    p.add_mention(aid, "USA", 0, 16, "ann")
    p.add_mention(aid, "TUR", 9, 16, "ann")  # overlaps USA
    s = p.set_stance(aid, AUTHOR, "TUR", "FAVOR", "ann")
    p.add_evidence(s, 19, 24, "ann")
    seq = export(p, tmp_path / "s.jsonl", "doccano")
    assert (tmp_path / "s.jsonl").read_text(encoding="utf-8") == (
        f'{{"id":"{aid}","text":"الولايات المتحدة و تركيا","label":[[0,16,"USA"],[9,16,"TUR"]],'
        '"cats":["AUTHOR->TUR:FAVOR"],"evidence":[[19,24,"AUTHOR->TUR:FAVOR"]],"annotators":"ann"}\n')
    assert "1 span(s) in 1 article(s) overlap another" in seq.summary() and "Allow overlapping" in seq.summary()
    intent = export(p, tmp_path / "i.jsonl", "doccano", doccano_type="intent")
    assert "intent detection and slot filling projects have no" in intent.summary()
    assert list(json.loads((tmp_path / "i.jsonl").read_text(encoding="utf-8"))) == [
        "id", "text", "entities", "cats", "evidence", "annotators"]
    with pytest.raises(ValueError, match="doccano"):
        export(p, tmp_path / "x.jsonl", "docs", offsets="utf16")


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True, timeout=120)


def test_cli_import_label_studio_and_doccano(tmp_path):
    src = rich_project(tmp_path / "src.annotator")
    src.close()
    assert run_cli("export", str(tmp_path / "src.annotator"), "-o", str(tmp_path / "ls.json"),
                   "--format", "label-studio").returncode == 0
    assert run_cli("export", str(tmp_path / "src.annotator"), "-o", str(tmp_path / "d.jsonl"), "--format", "doccano",
                   "--offsets", "utf16", "--doccano-type", "intent").returncode == 0
    fresh(tmp_path / "dst.annotator").close()
    r = run_cli("import", str(tmp_path / "dst.annotator"), str(tmp_path / "ls.json"), "--format", "label-studio",
                "--no-suggest")
    assert r.returncode == 0, r.stderr
    assert "imported 5 article(s)" in r.stdout and "stance(s) with 3 evidence span(s) imported" in r.stdout
    r = run_cli("import", str(tmp_path / "dst.annotator"), str(tmp_path / "d.jsonl"), "--format", "doccano",
                "--offsets", "utf16", "--no-suggest")
    assert r.returncode == 0 and "5 duplicate(s)" in r.stdout
    bad = tmp_path / "bad.json"
    bad.write_text("[{", encoding="utf-8")
    r = run_cli("import", str(tmp_path / "dst.annotator"), str(bad), "--format", "label-studio")
    assert r.returncode == 1 and f"{bad}:1: not JSON" in r.stdout and "Traceback" not in r.stderr
    r = run_cli("import", str(tmp_path / "dst.annotator"), str(bad), "--offsets", "utf16")
    assert r.returncode == 2 and "--offsets and --create-actors are for" in r.stderr


REAL = Path(__file__).resolve().parent.parent / "data" / "interop"


def test_real_tool_exports_land_on_the_stored_characters(tmp_path):
    """Files exported by the real Label Studio 1.23.2 (JSON, JSON_MIN) and doccano 1.8.4 (intent
    detection in code points, sequence labeling in UTF-16 units; written by scripts/interop_check.py
    from a text with emoji), imported through the CLI into empty projects: every span is on the
    characters the tool stored, with the actors created from the labels."""
    from annotator.core.offsets import Utf16Map

    def imported(name: str, *opts: str) -> Project:
        path = tmp_path / f"{name}.annotator"
        Project.create(path).close()
        r = run_cli("import", str(path), str(REAL / name), "--create-actors", "--no-suggest", *opts)
        assert r.returncode == 0 and "record(s) not imported" in r.stdout, r.stderr
        return Project.open(path)

    (task,) = json.loads((REAL / "label-studio-1.23.2.json").read_text(encoding="utf-8"))
    text = task["data"]["text"]
    regions = [r for a in task["annotations"] for r in a["result"]]
    want = {(r["value"]["labels"][0], r["value"]["start"], r["value"]["end"]) for r in regions if r["from_name"] == "label"}
    evidence = {(r["value"]["start"], r["value"]["end"]) for r in regions if r["from_name"] == "stance"} - {
        (r["value"]["start"], r["value"]["end"]) for r in regions if r["from_name"] == "no_evidence"}
    assert any(any(ord(c) > 0xFFFF for c in text[:s]) for _, s, _ in want)  # spans after emoji are in it
    for name in ("label-studio-1.23.2.json", "label-studio-1.23.2.min.json"):
        p = imported(name, "--format", "label-studio")
        (aid,) = p.article_ids()
        assert p.article_text(aid) == text
        assert mentions_of(p, aid) == want
        assert {(e.start, e.end) for s in p.stances(aid) for e in s.evidence} == evidence
        for r in regions:
            if r["type"] == "labels":
                assert text[r["value"]["start"]:r["value"]["end"]] == r["value"]["text"]
        if name.endswith(".min.json"):
            continue
        assert {s.annotator for s in p.stances(aid)} == {"ann", "bob"}
        assert {(s.holder, s.target, s.label, s.intensity, s.explicit, s.note) for s in p.stances(aid)} == {
            (AUTHOR, "TUR", "AGAINST", 2, True, "ملاحظة"), ("TUR", "USA", "FAVOR", None, None, ""),
            (AUTHOR, "USA", "NONE", None, False, "")}
        p.close()
    for name, offsets, column in (("doccano-1.8.4-intent-codepoints.jsonl", "codepoints", "entities"),
                                  ("doccano-1.8.4-sequence-utf16.jsonl", "utf16", "label")):
        line = json.loads((REAL / name).read_text(encoding="utf-8"))
        conv = Utf16Map(line["text"]).to_codepoint if offsets == "utf16" else (lambda x: x)
        p = imported(name, "--format", "doccano", "--offsets", offsets)
        (aid,) = p.article_ids()
        got = mentions_of(p, aid)
        assert got == {(label, conv(s), conv(e)) for s, e, label in line[column]}
        k = line["text"].index(WORD)
        assert ("TUR", k, k + len(WORD)) in got
        assert {(s.holder, s.target, s.label) for s in p.stances(aid)} == {
            (AUTHOR, "TUR", "AGAINST"), ("TUR", "USA", "FAVOR")}
        p.close()


def test_hostile_names_reach_neither_the_terminal_nor_the_actor_list(tmp_path):
    """Labels, holders and annotator names with terminal escapes: the summary shows them as
    literals, --create-actors does not create such an actor, annotator names lose the controls."""
    esc = "\x1b]0;owned\x07\x1b[31m"
    text = "تركيا هنا"
    f = write_json(tmp_path / "h.json", [{"data": {"text": text}, "annotations": [{"completed_by": f"eve{esc}", "result": [
        {"id": "1", "from_name": "label", "type": "labels",
         "value": {"start": 0, "end": 5, "text": "تركيا", "labels": [f"X{esc}"]}},
        {"id": "2", "from_name": "label", "type": "labels",
         "value": {"start": 0, "end": 5, "text": "تركيا", "labels": ["TUR"]}},
        {"id": "3", "from_name": "stance", "type": "labels",
         "value": {"start": 0, "end": 5, "text": "تركيا", "labels": [f"BAD{esc}"]}},
        {"id": "3", "from_name": "target", "type": "choices",
         "value": {"start": 0, "end": 5, "text": "تركيا", "choices": ["TUR"]}}]}]}])
    p = fresh(tmp_path / "p.annotator")
    report = import_foreign(p, [f], read_label_studio, create_actors=True, suggest=False)
    summary = report.summary()
    assert "\x1b" not in summary and "\x07" not in summary
    assert "\\x1b" in summary  # shown as a literal: the user sees what the file holds
    assert {a.id for a in p.actors()} == {"TUR", "YPG", "USA"}
    (aid,) = p.article_ids()
    assert [(m.actor_id, m.annotator) for m in p.mentions(aid)] == [("TUR", "eve]0;owned[31m")]


def test_import_annotations_refuses_bad_options(tmp_path):
    from annotator.api import import_annotations

    p = fresh(tmp_path / "p.annotator")
    with pytest.raises(ValueError, match="--offsets is for doccano"):
        import_annotations(p, [], "label-studio", offsets="utf16")
    with pytest.raises(ValueError, match="use one of codepoints, utf16"):
        import_annotations(p, [], "doccano", offsets="bytes")
    with pytest.raises(ValueError, match="unknown annotation format"):
        import_annotations(p, [], "brat")
    report = import_annotations(p, [tmp_path / "missing.json"], "label-studio")
    assert report.imported == 0 and "no such file" in report.summary()
