"""Stance suggestions on real articles: learning from labels a held-out rule gave, storage of models and
suggestions, accepting (undoable, logged) and rejecting, the CLI and the queue.

Real articles come from the SaudiNewsNet sample by path (skipped when it is absent); no corpus text
is copied into the repository.
"""

import json
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator import assist
from annotator.core.features import TARGET, sentence_spans
from annotator.core.fold import fold
from annotator.core.model import AUTHOR
from annotator.ingest import import_paths
from annotator.io.readers import ReadOptions
from annotator.sample import load_actors
from annotator.storage import Project

CORPUS = Path("/work/shared/corpora/saudinewsnet/saudinewsnet_10k.jsonl")
pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason="SaudiNewsNet sample not present")

LEXICON = """
[[actor]]
id = "KSA"
name_ar = "السعودية"
aliases = ["السعودية", "المملكة", "الرياض", { surface = "السعودي", kind = "nisba" }]
[[actor]]
id = "IRN"
name_ar = "إيران"
aliases = ["إيران", "طهران", { surface = "الإيراني", kind = "nisba" }, { surface = "الإيرانية", kind = "nisba" }]
[[actor]]
id = "YEM"
name_ar = "اليمن"
aliases = ["اليمن", "صنعاء", "عدن", { surface = "اليمني", kind = "nisba" }, { surface = "اليمنية", kind = "nisba" }]
[[actor]]
id = "HOUTHI"
name_ar = "الحوثيون"
aliases = ["الحوثيين", "الحوثيون", "الحوثي", "الحوثية"]
[[actor]]
id = "USA"
name_ar = "الولايات المتحدة"
aliases = ["الولايات المتحدة", "أمريكا", "واشنطن", { surface = "الأمريكي", kind = "nisba" }, { surface = "الأمريكية", kind = "nisba" }]
[[actor]]
id = "SYR"
name_ar = "سوريا"
aliases = ["سوريا", "سورية", "دمشق", "الأسد", { surface = "السوري", kind = "nisba" }]
[[actor]]
id = "EGY"
name_ar = "مصر"
aliases = ["مصر", "القاهرة", { surface = "المصري", kind = "nisba" }, { surface = "المصرية", kind = "nisba" }]
[[actor]]
id = "UN"
name_ar = "الأمم المتحدة"
aliases = ["الأمم المتحدة", "مجلس الأمن"]
"""

# the held-out rule: cue words in the target's sentence (the model is never told them)
AGAINST_CUES = {fold(w).text for w in ("الإرهاب", "الإرهابية", "الاعتداء", "هجوم", "العدوان", "الانقلاب", "قصف")}
FAVOR_CUES = {fold(w).text for w in ("دعم", "التعاون", "تعزيز", "التنمية", "الشراكة", "اتفاقية", "استقبل")}


def _rule(text: str, sentences, start: int) -> str:
    for s, e in sentences:
        if s <= start < e:
            words = set(fold(text[s:e]).text.split())
            if words & AGAINST_CUES:
                return "AGAINST"
            if words & FAVOR_CUES:
                return "FAVOR"
            return "NONE"
    return "NONE"


def _label_by_rule(p: Project, aid: str, annotator: str) -> int:
    text = p.article_text(aid)
    sentences = sentence_spans(text)
    first = {}
    for m in p.mentions(aid, include_rejected=False):
        first.setdefault(m.actor_id, m.start)
    for target, start in first.items():
        label = _rule(text, sentences, start)
        if label != "NONE":  # NONE comes from the article being done (the implicit NONE rule)
            p.set_stance(aid, AUTHOR, target, label, annotator)
    p.set_status(aid, annotator, "done")
    return len(first)


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """A project of real articles that mention two or more lexicon actors: 300 labelled by the rule as
    annotator 'rule' and marked done, the rest left for suggestions; learned once, with suggestions."""
    d = tmp_path_factory.mktemp("real")
    lex = d / "lex.toml"
    lex.write_text(LEXICON, encoding="utf-8")
    src = d / "articles.jsonl"
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:3000]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = d / "real.annotator"
    with Project.create(path) as p:
        load_actors(p, lex)
        import_paths(p, [src], options=ReadOptions(text_field="content"))
        ids = [a for a in p.article_ids() if len({m.actor_id for m in p.mentions(a)}) >= 2]
        assert len(ids) >= 400, "too few real articles mention the lexicon's actors"
        labelled, unlabelled = ids[:300], ids[300:]
        with p.db.atomic():
            for aid in labelled:
                _label_by_rule(p, aid, "rule")
        report = assist.learn(p, "rule")
        assist.suggest_stances(p, unlabelled)
    return path, labelled, unlabelled, report


@pytest.fixture()
def project(real, tmp_path):
    path = tmp_path / "p.annotator"
    with Project.open(real[0]) as src:
        src.backup(path)
    with Project.open(path) as p:
        yield p, real[1], real[2]


def test_the_learner_beats_the_majority_baseline_on_a_held_out_rule(real, project):
    p, labelled, _ = project
    report = real[3]
    assert report["n_articles"] == len(labelled) and report["n_items"] >= 500
    assert set(report["labels"]) == {"FAVOR", "AGAINST", "NONE"} and min(report["labels"].values()) >= 20
    assert report["macro_f1"] > report["majority_macro_f1"] + 0.15
    assert report["ready"] is True and report["model_id"]
    # the same items with labels shuffled across items fall to chance, and the gate stays shut
    contexts, labels, scored = p.suggestions.training_data("rule")
    random.Random(0).shuffle(labels)
    from annotator.core.stance_model import evaluate

    shuffled = evaluate([c.text for c in contexts], labels, [c.article_id for c in contexts],
                        ["FAVOR", "AGAINST", "NONE"], learning_curve=False)
    assert shuffled["macro_f1"] < 0.45 and shuffled["macro_f1"] < report["macro_f1"] - 0.15
    assert shuffled["macro_f1"] < max(shuffled["majority_macro_f1"], shuffled["chance_macro_f1"]) + 0.10


def test_models_are_plain_data_in_the_project_file(real, project):
    p, _, _ = project
    row = p.conn.execute("SELECT coef, vocabulary, labels, settings FROM stance_models WHERE id = ?",
                         (real[3]["model_id"],)).fetchone()
    assert isinstance(row[0], bytes) and not row[0].startswith(b"\x80")  # not a pickle stream
    assert json.loads(row[2]) == ["FAVOR", "AGAINST", "NONE"] and "char" in json.loads(row[1])
    model = p.models.load(real[3]["model_id"])
    assert model.labels == ["FAVOR", "AGAINST", "NONE"]


def test_a_tampered_model_row_is_refused_with_a_clear_message(real, project):
    p, _, _ = project
    p.conn.execute("UPDATE stance_models SET coef = x'00' WHERE id = ?", (real[3]["model_id"],))
    from annotator.core.stance_model import ModelFormatError

    with pytest.raises(ModelFormatError, match="coef"):
        p.models.load(real[3]["model_id"])


def test_suggestions_fill_unlabelled_items_only_and_accepting_is_an_undoable_logged_edit(project):
    p, labelled, unlabelled = project
    assert p.conn.execute("SELECT count(*) FROM stance_suggestions").fetchone()[0] > 0
    assist.suggest_stances(p, labelled[:30])
    # no suggestion for an item that has a human stance
    human = {(r[0], r[1] or AUTHOR, r[2]) for r in p.conn.execute("SELECT article_id, holder_id, target_id FROM stances")}
    sugs = [s for a in unlabelled[:50] + labelled[:30] for s in p.suggestions.for_article(a)]
    assert sugs and not [s for s in sugs if (s["article_id"], s["holder"], s["target"]) in human]
    aid = next(a for a in unlabelled if p.suggestions.for_article(a))
    sug = p.suggestions.for_article(aid)[0]
    assert abs(sum(sug["probabilities"].values()) - 1) < 1e-3 and sug["label"] in sug["probabilities"]
    if sug["evidence"]:
        s, e = sug["evidence"]
        assert 0 <= s < e <= len(p.article_text(aid))
    stance_id = p.suggestions.accept(sug["id"], "mona")
    (st,) = [s for s in p.stances(aid, "mona")]
    assert st.id == stance_id and st.label == sug["label"] and (st.holder, st.target) == (sug["holder"], sug["target"])
    assert p.suggestions.get(sug["id"])["status"] == "accepted"
    log = p.changes(article_id=aid, annotator="mona")[-1]
    payload = p.conn.execute("SELECT payload FROM changes WHERE id = ?", (log["id"],)).fetchone()[0]
    assert log["action"] == "accept_suggestion" and sug["id"] in payload and sug["model_id"] in payload
    # re-suggesting keeps the decided row, so the undo still applies
    assist.suggest_stances(p, [aid])
    p.undo("mona")
    assert p.stances(aid, "mona") == [] and p.suggestions.get(sug["id"])["status"] == "open"
    p.redo("mona")
    assert [s.label for s in p.stances(aid, "mona")] == [sug["label"]]


def test_a_rejected_suggestion_is_not_suggested_again(project):
    p, _, unlabelled = project
    aid = next(a for a in unlabelled if p.suggestions.for_article(a))
    sug = p.suggestions.for_article(aid)[0]
    p.suggestions.reject(sug["id"], "mona")
    assert p.changes(article_id=aid, annotator="mona")[-1]["action"] == "reject_suggestion"
    assist.suggest_stances(p, [aid])
    again = [s for s in p.suggestions.for_article(aid) if (s["holder"], s["target"]) == (sug["holder"], sug["target"])]
    assert [s["status"] for s in again] == ["rejected"]


def test_accepted_suggestions_train_but_are_not_scored(project):
    """Accepting suggestions must not flatter the reported figure: an accepted, unchanged suggestion
    is a training item but not a test item."""
    p, _, unlabelled = project
    n = 0
    for aid in unlabelled[:40]:
        for s in p.suggestions.for_article(aid, status="open"):
            p.suggestions.accept(s["id"], "rule")
            n += 1
        p.set_status(aid, "rule", "done")
    contexts, labels, scored = p.suggestions.training_data("rule")
    assert n > 0 and scored.count(False) >= n


def test_no_qualifying_model_writes_no_suggestions(tmp_path):
    path = tmp_path / "empty.annotator"
    with Project.create(path) as p:
        report = assist.learn(p)
        assert report["model_id"] is None and report["ready"] is False
        out = assist.suggest_stances(p)
        assert out["written"] == 0 and "learn" in out["reason"]


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True)


def test_cli_learn_suggest_and_queue(real, tmp_path):
    path = tmp_path / "cli.annotator"
    with Project.open(real[0]) as src:
        src.backup(path)
    out = _cli("learn", path, "--annotator", "rule", "--json")
    assert out.returncode == 0, out.stderr
    rep = json.loads(out.stdout)
    for key in ("ready", "n_items", "n_articles", "labels", "macro_f1", "majority_macro_f1", "per_label",
                "confusion", "ece", "learning_curve"):
        assert key in rep
    assert rep["ready"] is True
    out = _cli("suggest-stances", path, "--article", real[2][0])
    assert out.returncode == 0 and "suggestion(s) for 1 article(s)" in out.stdout
    out = _cli("suggest-stances", path)
    assert out.returncode == 0, out.stderr
    out = _cli("queue", path, "--annotator", "rule", "-n", "10", "--json")
    assert out.returncode == 0, out.stderr
    picks = json.loads(out.stdout)
    assert len(picks) == 10 and len({p["article_id"] for p in picks}) == 10
    assert not {p["article_id"] for p in picks} & set(real[1])  # done articles are not queued
    assert {p["kind"] for p in picks} >= {"random"} and all(p["reason"] for p in picks)
    out = _cli("queue", path, "-n", "3")
    assert out.returncode == 0 and len(out.stdout.strip().splitlines()) == 3
    out = _cli("export", path, "-o", tmp_path / "s.jsonl", "--suggestions")
    assert out.returncode == 0, out.stderr
    assert any(json.loads(l)["suggestions"] for l in (tmp_path / "s.jsonl").read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize("args, message", [
    (["learn", "{p}", "--annotator", "nobody"], "no annotator 'nobody'"),
    (["suggest-stances", "{p}", "--article", "nope"], "nope"),
    (["queue", "{p}", "-n", "0"], "at least 1"),
], ids=["unknown-annotator", "unknown-article", "zero-n"])
def test_cli_bad_input_gets_a_clear_message_and_no_traceback(tmp_path, args, message):
    path = tmp_path / "bad.annotator"
    Project.create(path).close()
    out = _cli(*[a.replace("{p}", str(path)) for a in args])
    assert out.returncode != 0 and message in out.stderr and "Traceback" not in out.stderr


def test_learn_and_suggest_stances_without_labels_say_what_to_do(tmp_path):
    path = tmp_path / "nomodel.annotator"
    Project.create(path).close()
    out = _cli("learn", path)
    assert out.returncode == 1 and "labelled items: 0" in out.stdout and "no model: needs labelled items" in out.stdout
    out = _cli("suggest-stances", path)
    assert out.returncode == 1 and "annotator learn" in out.stdout


def test_a_v2_project_upgrades_with_empty_suggestion_tables(tmp_path):
    import shutil

    from tests.conftest import REPO

    path = tmp_path / "v2.annotator"
    shutil.copy(REPO / "tests" / "data" / "schema-v2.annotator", path)
    with Project.open(path) as p:
        assert p.models.latest_row() is None
        assert p.conn.execute("SELECT count(*) FROM stance_suggestions").fetchone()[0] == 0
    c = sqlite3.connect(path)
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    c.close()


def _jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def test_docs_export_carries_open_suggestions_by_default_apart_from_the_stances(project, tmp_path):
    """Issue 11: the docs export carries `suggestions` per article without an option (they were only in
    with `export --suggestions`); `--no-suggestions` leaves the key out; only open suggestions for items
    no one has a stance on are listed, never in `stances`; pairs get `suggested_label` only with
    `--suggestions`; the file imports, and the suggestions are not restored. Through the real CLI."""
    p, labelled, unlabelled = project
    aid = next(a for a in unlabelled if len(p.suggestions.for_article(a)) >= 3)
    accepted, labelled_by_hand, *still_open = p.suggestions.for_article(aid)
    p.suggestions.accept(accepted["id"], "mona")
    p.set_stance(aid, labelled_by_hand["holder"], labelled_by_hand["target"], "NONE", "omar")
    path = p.path

    docs = tmp_path / "docs.jsonl"
    out = _cli("export", path, "-o", docs, "--format", "docs")
    assert out.returncode == 0, out.stderr
    lines = {d["id"]: d for d in _jsonl(docs)}
    assert all(isinstance(d["suggestions"], list) for d in lines.values())
    line = lines[aid]
    assert [s["id"] for s in line["suggestions"]] == [s["id"] for s in still_open]
    assert sorted(s["label"] for s in line["stances"]) == sorted([accepted["label"], "NONE"])
    assert not {s["id"] for s in line["stances"]} & {s["id"] for s in line["suggestions"]}
    for s, stored in zip(line["suggestions"], still_open):
        assert list(s) == ["id", "holder_id", "target_id", "label", "probabilities", "margin", "evidence", "model_id"]
        assert (s["holder_id"], s["target_id"], s["label"], s["model_id"]) == (
            stored["holder"], stored["target"], stored["label"], stored["model_id"])
        assert {q["label"]: q["probability"] for q in s["probabilities"]} == stored["probabilities"]
        assert abs(sum(q["probability"] for q in s["probabilities"]) - 1) < 1e-3
        for ev in s["evidence"]:
            assert line["text"][ev["start"]:ev["end"]] == ev["text"]
    assert all(lines[a]["suggestions"] == [] for a in labelled)  # every item there has a human label
    jsonschema = pytest.importorskip("jsonschema")
    from annotator.resources import resource

    validator = jsonschema.Draft202012Validator(json.loads(resource("schemas", "docs.schema.json").read_text("utf-8")))
    for d in (line, lines[labelled[0]]):
        validator.validate(d)

    # --suggestions changes nothing in docs; --no-suggestions leaves the key out
    same = tmp_path / "same.jsonl"
    assert _cli("export", path, "-o", same, "--suggestions").returncode == 0
    assert same.read_bytes() == docs.read_bytes()
    bare = tmp_path / "bare.jsonl"
    assert _cli("export", path, "-o", bare, "--no-suggestions").returncode == 0
    bare_lines = _jsonl(bare)
    assert bare_lines and all("suggestions" not in d for d in bare_lines)
    assert bare_lines == [{k: v for k, v in d.items() if k != "suggestions"} for d in lines.values()]
    validator.validate(bare_lines[0])

    # pairs: the suggested label only on request, as its own field
    pairs, with_s = tmp_path / "pairs.jsonl", tmp_path / "pairs-s.jsonl"
    assert _cli("export", path, "-o", pairs, "--format", "pairs").returncode == 0
    assert all("suggested_label" not in r for r in _jsonl(pairs))
    assert _cli("export", path, "-o", with_s, "--format", "pairs", "--suggestions").returncode == 0
    rows = _jsonl(with_s)
    (mine,) = [r for r in rows if r["article_id"] == aid and r["annotator"] == "mona"]
    assert (mine["suggested_label"], mine["suggestion_id"], mine["label"]) == (
        accepted["label"], accepted["id"], accepted["label"])
    assert all(r["label"] for r in rows)

    for args, message in ((["--format", "doccano", "--suggestions"], "docs and pairs"),
                          (["--format", "label-studio", "--no-suggestions"], "docs and pairs")):
        out = _cli("export", path, "-o", tmp_path / "x.jsonl", *args)
        assert out.returncode == 2 and message in out.stderr and "Traceback" not in out.stderr, out.stderr
    assert not (tmp_path / "x.jsonl").exists()

    # the docs file imports into a new project; the suggestions are checked, not restored
    again = tmp_path / "again.annotator"
    assert _cli("init", again).returncode == 0
    out = _cli("import", again, docs, "--format", "docs")
    assert out.returncode == 0, out.stderr
    with Project.open(again) as q:
        assert q.count_articles() == len(lines)
        assert q.conn.execute("SELECT count(*) FROM stance_suggestions").fetchone()[0] == 0
    back = tmp_path / "back.jsonl"
    assert _cli("export", again, "-o", back).returncode == 0
    assert _jsonl(back) == [dict(d, suggestions=[]) for d in lines.values()]
