"""Stance suggestions in team work: `assign` hands out the team's model and open suggestions (none in
blind mode); `merge` brings back only the owner's decisions, never the file's own models."""

from __future__ import annotations

import sqlite3

from teamkit import dump, sample_team

from annotator.assist import current_model
from annotator.core import stance_model as sm
from annotator.storage.project import Project
from annotator.storage.suggestions import BLIND_SETTING
from annotator.team.assign import assign
from annotator.team.merge import merge_file
from tests.core.test_stance_model import LABELS, _dataset


def _trained():
    contexts, labels = _dataset(n_articles=30)
    model, report = sm.learn(contexts, labels, LABELS)
    assert report["ready"]
    model.report = report
    return model


def _team(tmp_path, *, blind=False):
    """A team project with a stored ready model and its open suggestions for both sample articles,
    handed out to ali and mona (one article each)."""
    team = sample_team(tmp_path / "team.annotator")
    model = _trained()
    model_id = team.models.save(model, "")
    assert team.suggestions.write(model_id, model) > 0
    if blind:
        team.set_setting(BLIND_SETTING, True)
    files = assign(team, ["ali", "mona"], tmp_path / "out", overlap=0).files
    return team, files, model_id


def _raw(path, sql, params=()):
    """Edit a returned file with plain SQLite, as anyone could."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(sql, params)
    finally:
        conn.close()


def _team_row(team, suggestion_id):
    return team.conn.execute("SELECT status, decided_by, stance_id, label FROM stance_suggestions WHERE id = ?",
                             (suggestion_id,)).fetchone()


def test_a_handout_carries_the_newest_ready_model_and_the_open_suggestions_of_its_articles(tmp_path):
    team, files, model_id = _team(tmp_path)
    for name, path in files.items():
        with Project.open(path) as p:
            (aid,) = p.article_ids()
            assert current_model(p)[0] == model_id  # the model, as plain data, loads in the annotator's file
            assert p.models.load(model_id).to_record() == team.models.load(model_id).to_record()
            theirs = p.suggestions.for_article(aid)
            assert theirs and theirs == team.suggestions.for_article(aid, status="open")
            assert p.conn.execute("SELECT count(*) FROM stance_suggestions WHERE article_id <> ?",
                                  (aid,)).fetchone()[0] == 0
            assert p.setting(BLIND_SETTING) is False


def test_blind_mode_hands_out_the_model_but_no_suggestion(tmp_path):
    team, files, model_id = _team(tmp_path, blind=True)
    for path in files.values():
        with Project.open(path) as p:
            assert p.setting(BLIND_SETTING) is True
            assert current_model(p)[0] == model_id
            assert p.conn.execute("SELECT count(*) FROM stance_suggestions").fetchone()[0] == 0


def test_accepted_and_rejected_decisions_come_back_under_the_owner_and_a_second_merge_changes_nothing(tmp_path):
    team, files, model_id = _team(tmp_path)
    with Project.open(files["ali"]) as p:
        (aid,) = p.article_ids()
        first, second = p.suggestions.for_article(aid)[:2]
        stance_id = p.suggestions.accept(first["id"], "ali")
        p.suggestions.reject(second["id"], "ali")
        p.models.save(_trained(), "ali")  # a model trained in the annotator's window
    report = merge_file(team, files["ali"])
    assert report.written["suggestions decided"] == 2 and report.models_ignored == 1
    assert "1 stance model(s) trained in this file ignored" in report.summary()
    assert _team_row(team, first["id"]) == ("accepted", "ali", stance_id, first["label"])
    assert _team_row(team, second["id"])[:3] == ("rejected", "ali", "")
    assert team.stances(aid, "ali")[0].id == stance_id  # the accepted suggestion's stance came too
    assert [r[0] for r in team.conn.execute("SELECT id FROM stance_models")] == [model_id]
    snapshot = dump(team.path)
    again = merge_file(team, files["ali"])
    assert not again.changed and dump(team.path) == snapshot


def test_a_decision_replaces_the_teams_newer_open_suggestion_for_the_same_item(tmp_path):
    team, files, model_id = _team(tmp_path)
    with Project.open(files["ali"]) as p:
        (aid,) = p.article_ids()
        first = p.suggestions.for_article(aid)[0]
        p.suggestions.reject(first["id"], "ali")
    team.suggestions.write(model_id, team.models.load(model_id))  # suggest-stances again: new ids for open rows
    assert _team_row(team, first["id"]) is None
    merge_file(team, files["ali"])
    (row,) = [s for s in team.suggestions.for_article(aid)
              if (s["holder"], s["target"]) == (first["holder"], first["target"])]
    assert (row["id"], row["status"], row["decided_by"]) == (first["id"], "rejected", "ali")


def test_a_forged_decided_by_is_ignored(tmp_path):
    """ali's file claims a decision by mona: merge takes only the verified owner's decisions."""
    team, files, _ = _team(tmp_path)
    with Project.open(files["ali"]) as p:
        (aid,) = p.article_ids()
        forged, honest = p.suggestions.for_article(aid)[:2]
        p.suggestions.reject(honest["id"], "ali")
    _raw(files["ali"], "UPDATE stance_suggestions SET status = 'accepted', decided_by = 'mona' WHERE id = ?",
         (forged["id"],))
    report = merge_file(team, files["ali"])
    assert report.ignored.get("mona") == 1
    assert _team_row(team, forged["id"])[:2] == ("open", "")
    assert _team_row(team, honest["id"])[:2] == ("rejected", "ali")


def test_decisions_with_a_span_outside_the_text_or_an_unknown_model_are_skipped_and_counted(tmp_path):
    team, files, _ = _team(tmp_path)
    with Project.open(files["ali"]) as p:
        (aid,) = p.article_ids()
        length = len(p.article_text(aid))
        outside, foreign, good = p.suggestions.for_article(aid)[:3]
        for s in (outside, foreign, good):
            p.suggestions.reject(s["id"], "ali")
    _raw(files["ali"], "UPDATE stance_suggestions SET evidence_start = ?, evidence_end = ? WHERE id = ?",
         (length - 1, length + 40, outside["id"]))
    _raw(files["ali"], "UPDATE stance_suggestions SET model_id = 'not-the-teams' WHERE id = ?", (foreign["id"],))
    report = merge_file(team, files["ali"])
    assert report.outside["suggestion evidence"] == 1
    assert report.suggestions_ignored == {"a model the team lacks": 1}
    assert "suggestion evidence" in report.summary() and "a model the team lacks" in report.summary()
    assert _team_row(team, outside["id"])[0] == "open" and _team_row(team, foreign["id"])[0] == "open"
    assert _team_row(team, good["id"])[:2] == ("rejected", "ali")


def test_a_decision_undone_in_the_annotators_file_is_reopened_in_the_team_project(tmp_path):
    """Accepted, merged, undone, merged again: the team's suggestion must not stay 'accepted' with a
    stance that the second merge deleted."""
    team, files, _ = _team(tmp_path)
    with Project.open(files["ali"]) as p:
        (aid,) = p.article_ids()
        first = p.suggestions.for_article(aid)[0]
        p.suggestions.accept(first["id"], "ali")
    merge_file(team, files["ali"])
    assert _team_row(team, first["id"])[:2] == ("accepted", "ali")
    with Project.open(files["ali"]) as p:
        p.undo("ali")
    report = merge_file(team, files["ali"])
    assert report.written["suggestions reopened"] == 1 and team.stances(aid, "ali") == []
    assert _team_row(team, first["id"])[:3] == ("open", "", "")
    snapshot = dump(team.path)
    assert not merge_file(team, files["ali"]).changed and dump(team.path) == snapshot


def test_on_a_shared_article_the_first_merged_decision_stays_and_the_other_is_reported(tmp_path):
    team = sample_team(tmp_path / "team.annotator")
    model = _trained()
    team.suggestions.write(team.models.save(model, ""), model)
    files = assign(team, ["ali", "mona"], tmp_path / "out", overlap=1).files
    aid = team.article_ids()[0]
    sug = team.suggestions.for_article(aid)[0]
    with Project.open(files["ali"]) as p:
        p.suggestions.reject(sug["id"], "ali")
    with Project.open(files["mona"]) as p:
        stance_id = p.suggestions.accept(sug["id"], "mona")
    merge_file(team, files["ali"])
    report = merge_file(team, files["mona"])
    assert report.suggestions_ignored == {"an item another annotator decided in the team project": 1}
    assert _team_row(team, sug["id"])[:2] == ("rejected", "ali")
    assert [s.id for s in team.stances(aid, "mona")] == [stance_id]  # mona's stance itself is merged
