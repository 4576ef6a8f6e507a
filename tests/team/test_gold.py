"""The gold layer: disagreements, set/clear through the edit funnel (logged, undoable), accepting
agreed items, export of the gold layer, adjudication progress in `stats`, the m002 upgrade."""

from __future__ import annotations

import io
import json
import shutil

import pytest
from teamkit import REPO, first_mention, three_annotators

from annotator.core.model import AUTHOR, ValidationError
from annotator.io.docs_import import _check_shape
from annotator.io.export import DOCS_SHAPE, export, write_docs, write_pairs
from annotator.storage.project import ConflictError, Project
from annotator.team.adjudicate import accept_agreed, disagreements, gold_status
from annotator.team.merge import merge_file


@pytest.fixture
def merged(tmp_path):
    team, files, ids = three_annotators(tmp_path)
    for name in sorted(files):
        merge_file(team, files[name])
    yield team, ids
    team.close()


def test_disagreements_list_each_annotators_label_and_evidence(merged):
    team, ids = merged
    items = team.disagreements(ids[0])
    assert [(i.holder, i.target, i.labels) for i in items] == [
        (AUTHOR, "TUR", {"a": "FAVOR", "b": "FAVOR", "c": "AGAINST"}),
        (AUTHOR, "USA", {"a": "AGAINST", "b": "FAVOR", "c": "NONE"}),
    ]
    usa = items[1].judgements
    assert usa["c"].implicit and not usa["a"].implicit and usa["a"].stance_id
    m = first_mention(team, ids[0], "USA")
    assert usa["a"].evidence == ((m.start, m.end),)
    assert team.disagreements(ids[1]) == []  # YPG: all AGAINST; TUR: NONE, NONE and a recorded NONE
    assert [i.agreed_label for i in team.stance_items(ids[1])] == ["NONE", "AGAINST"]
    assert [(i.article_id, i.target) for i in disagreements(team)] == [(ids[0], "TUR"), (ids[0], "USA")]


def test_set_gold_is_logged_undoable_and_takes_defaults_from_the_coders(merged):
    team, ids = merged
    aid = ids[0]
    gid = team.set_gold(aid, AUTHOR, "TUR", "FAVOR", "lead", note="the quote is the outlet's")
    gold = team.gold_stances(aid)[0]
    tur = first_mention(team, aid, "TUR")
    assert gold["id"] == gid and gold["label"] == "FAVOR" and gold["adjudicator"] == "lead"
    assert gold["evidence"] == [(tur.start, tur.end)]  # a's and b's evidence (the same span)
    assert sorted((s["annotator"], s["label"], bool(s["stance_id"])) for s in gold["sources"]) == [
        ("a", "FAVOR", True), ("b", "FAVOR", True), ("c", "AGAINST", True)]
    assert team.changes(annotator="lead")[-1]["action"] == "set_gold"
    assert team.disagreements(aid)[0].gold["id"] == gid
    # a changed label brings the evidence of the coders who gave it; unchanged fields stay
    team.set_gold(aid, AUTHOR, "TUR", "AGAINST", "lead", intensity=2)
    gold = team.gold_stances(aid)[0]
    assert (gold["label"], gold["intensity"], gold["note"]) == ("AGAINST", 2, "the quote is the outlet's")
    assert team.undo("lead").action == "set_gold"
    assert team.gold_stances(aid)[0]["label"] == "FAVOR"
    team.undo("lead")
    assert team.gold_stances(aid) == []
    assert team.conn.execute("SELECT count(*) FROM gold_evidence").fetchone()[0] == 0
    team.redo("lead")
    assert team.gold_stances(aid)[0]["evidence"] == [(tur.start, tur.end)]
    team.clear_gold(aid, AUTHOR, "TUR", "lead")
    assert team.gold_stances(aid) == [] and team.undo("lead").action == "clear_gold"
    assert team.gold_stances(aid)[0]["id"] == gid


def test_set_gold_explicit_evidence_and_refusals(merged):
    team, ids = merged
    aid = ids[0]
    team.set_gold(aid, AUTHOR, "USA", "AGAINST", "lead", evidence=[(0, 4), (10, 12)], explicit=True)
    g = team.gold_stances(aid)[0]
    assert g["evidence"] == [(0, 4), (10, 12)] and g["explicit"] is True
    stale = team.edit_set_gold(aid, AUTHOR, "USA", "NONE", "lead")
    team.set_gold(aid, AUTHOR, "USA", "FAVOR", "lead2")
    with pytest.raises(ConflictError):
        team.apply(stale, "lead")
    with pytest.raises(ValidationError, match="label"):
        team.set_gold(aid, AUTHOR, "USA", "MAYBE", "lead")
    with pytest.raises(ValidationError, match="itself"):
        team.set_gold(aid, "USA", "USA", "FAVOR", "lead")
    with pytest.raises(ValidationError, match="span"):
        team.set_gold(aid, AUTHOR, "TUR", "FAVOR", "lead", evidence=[(5, 5)])
    with pytest.raises(KeyError):
        team.clear_gold(aid, AUTHOR, "YPG", "lead")


def test_accept_agreed_stores_unanimous_items_once(merged):
    team, ids = merged
    assert accept_agreed(team, "lead") == 2  # T: YPG AGAINST, TUR NONE
    assert accept_agreed(team, "lead") == 0
    assert {(g["target"], g["label"]) for g in team.gold_stances(ids[1])} == {("YPG", "AGAINST"), ("TUR", "NONE")}
    assert gold_status(team, ids[1]) == "done" and gold_status(team, ids[0]) == "in progress"
    with pytest.raises(ValueError):
        accept_agreed(team, "lead", min_coders=0)


def test_export_with_the_gold_layer_carries_the_gold_label(merged, tmp_path):
    team, ids = merged
    buf = io.StringIO()
    assert write_docs(team, buf, annotator="gold") == 0  # no gold layer yet
    accept_agreed(team, "lead")
    team.set_gold(ids[0], AUTHOR, "TUR", "AGAINST", "lead")
    buf = io.StringIO()
    write_docs(team, buf, annotator="gold")
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    for line in lines:
        _check_shape(line, DOCS_SHAPE, "gold docs line")
    by_id = {x["id"]: x for x in lines}
    assert [(s["target_id"], s["label"], s["annotator"]) for s in by_id[ids[0]]["stances"]] == [("TUR", "AGAINST", "gold")]
    assert by_id[ids[0]]["status"][0]["status"] == "in progress"  # USA is still open
    assert by_id[ids[1]]["status"][0] | {"updated_at": ""} == {
        "annotator": "gold", "status": "done", "reason": "", "seconds": 0.0, "updated_at": ""}
    report = export(team, tmp_path / "gold.jsonl", "pairs", annotator="gold", status="done")
    pairs = [json.loads(x) for x in (tmp_path / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert report.articles == 1 and {p["article_id"] for p in pairs} == {ids[1]}
    annotated = {(p["target_id"], p["label"]) for p in pairs if p["origin"] == "annotated"}
    assert annotated == {("YPG", "AGAINST"), ("TUR", "NONE")}
    assert all(p["label"] == "NONE" and p["annotator"] == "gold" for p in pairs if p["origin"] == "implicit_none")
    team.set_gold(ids[0], AUTHOR, "USA", "FAVOR", "lead")
    buf = io.StringIO()
    write_pairs(team, buf, annotator="gold", status="done")
    got = {(p["article_id"], p["target_id"], p["label"]) for p in map(json.loads, buf.getvalue().splitlines())
           if p["origin"] == "annotated"}
    assert (ids[0], "TUR", "AGAINST") in got and (ids[0], "USA", "FAVOR") in got


def test_stats_show_adjudication_progress_and_throughput(merged):
    team, ids = merged
    team.set_gold(ids[0], AUTHOR, "TUR", "FAVOR", "lead")
    s = team.stats()
    assert s["adjudication"] == {"articles": 2, "items": 4, "disagreements": 2, "adjudicated": 1, "remaining": 1,
                                 "gold_stances": 1}
    a = s["throughput"]["a"]
    # a: 2 articles done, 60 + 120 seconds recorded, 3 stances
    assert (a["done"], a["stances"], a["seconds"]) == (2, 3, 180.0)
    assert (a["seconds_per_article"], a["seconds_per_stance"], a["done_per_hour"]) == (90.0, 60.0, 40.0)
    assert a["edits"] == len(team.changes(annotator="a")) and a["first_edit"] <= a["last_edit"]
    assert s["throughput"]["lead"]["edits"] == 1 and s["throughput"]["lead"]["done_per_hour"] is None


def test_a_frozen_first_schema_file_gets_the_team_tables(tmp_path):
    path = tmp_path / "v1.annotator"
    shutil.copy(REPO / "tests" / "data" / "schema-v1.annotator", path)
    with Project.open(path) as p:
        assert p.assignments() == []
        aid = p.article_ids()[0]
        assert [i.target for i in p.stance_items(aid)] == ["TUR", "TUR"]  # AUTHOR and USA toward TUR
        p.set_gold(aid, AUTHOR, "TUR", "FAVOR", "lead")
        assert p.gold_stances(aid)[0]["sources"] == [
            {"stance_id": p.stances(aid, "frozen")[0].id, "annotator": "frozen", "label": "FAVOR"}]
    assert (tmp_path / "v1.annotator.backup-v1").exists()
