"""`merge`: who did what survives; idempotent; newer edits win; refusals and failures change nothing."""

from __future__ import annotations

import random
import shutil
import sqlite3

import pytest
from teamkit import SCENARIO, dump, first_mention, rows_of, sample_team, three_annotators, tiny_team

import annotator.team.merge as merge_mod
from annotator.core.model import AUTHOR, Label
from annotator.ingest import import_paths
from annotator.storage.project import Project
from annotator.team.assign import assign
from annotator.team.merge import MergeError, decision_id, merge_file


def merge_all(team, files) -> list:
    return [merge_file(team, files[n]) for n in sorted(files)]


def test_merge_keeps_who_did_what_and_twice_changes_nothing(tmp_path):
    team, files, ids = three_annotators(tmp_path)
    proposals_before = [(m.id, m.status, m.annotator) for m in team.mentions(ids[0])]
    reports = merge_all(team, files)
    assert all(r.changed for r in reports) and [r.annotators for r in reports] == [["a"], ["b"], ["c"]]
    for name, path in files.items():
        assert rows_of(team.path, name) == rows_of(path, name)
        with Project.open(path) as p:
            assert [c["id"] for c in team.changes(annotator=name)] == [c["id"] for c in p.changes(annotator=name)]
    # the shared proposal stays a proposal; each decision is its annotator's own row
    assert [(m.id, m.status, m.annotator) for m in team.mentions(ids[0]) if m.annotator == "auto"] == proposals_before
    tur = first_mention(team, ids[0], "TUR")
    decisions = {m.annotator: (m.id, m.status) for m in team.mentions(ids[0]) if m.start == tur.start}
    assert decisions == {"auto": (tur.id, "proposed"), "a": (decision_id(tur.id, "a"), "accepted"),
                         "b": (decision_id(tur.id, "b"), "rejected")}
    labels = {(s.annotator, s.target): s.label for s in team.stances(ids[0])}
    assert labels == {(n, t): lab for n, arts in SCENARIO.items() for t, lab in arts[0].items()}
    assert team.status(ids[1], "c")["seconds"] == 120
    snapshot = dump(team.path)
    again = merge_all(team, files)
    assert not any(r.changed for r in again) and "up to date" in again[0].summary()
    assert dump(team.path) == snapshot


def test_later_edits_win_deletions_follow_and_other_annotators_are_untouched(tmp_path):
    team, files, ids = three_annotators(tmp_path)
    merge_all(team, files)
    others = {n: rows_of(team.path, n) for n in ("b", "c")}
    with Project.open(files["a"]) as p:
        tur = next(s for s in p.stances(ids[0], "a") if s.target == "TUR")
        usa = next(s for s in p.stances(ids[0], "a") if s.target == "USA")
        p.update_stance(tur.id, "a", label="AGAINST", note="changed my mind")
        p.remove_evidence(p.evidence_rows(tur.id)[0]["id"], "a")
        p.delete_stance(usa.id, "a")
        p.add_mention(ids[1], "USA", 0, 5, "a")
        p.set_mention_status(first_mention(p, ids[0], "TUR").id, "rejected", "a")
        p.undo("a")  # takes back the rejection: the decision is 'accepted' again
        p.set_status(ids[1], "a", "flagged", "unclear")
        p.add_time(ids[1], "a", 30)
    report = merge_file(team, files["a"])
    assert report.written["stances deleted"] == 1 and report.written["evidence deleted"] == 2
    assert rows_of(team.path, "a") == rows_of(files["a"], "a")
    assert {n: rows_of(team.path, n) for n in ("b", "c")} == others
    assert {s.target: s.label for s in team.stances(ids[0], "a")} == {"TUR": "AGAINST"}
    assert team.status(ids[1], "a") | {"updated_at": ""} == {
        "status": "flagged", "reason": "unclear", "seconds": 150, "updated_at": ""}
    snapshot = dump(team.path)
    assert not merge_file(team, files["a"]).changed
    assert dump(team.path) == snapshot


def test_an_older_copy_of_a_file_changes_nothing(tmp_path):
    team, files, ids = three_annotators(tmp_path)
    old = tmp_path / "a-old.annotator"
    with Project.open(files["a"]) as p:
        p.backup(old)
        p.set_stance(ids[1], AUTHOR, "TUR", "FAVOR", "a")
        p.delete_stance(next(s.id for s in p.stances(ids[0], "a") if s.target == "USA"), "a")
    merge_file(team, files["a"])
    snapshot = dump(team.path)
    report = merge_file(team, old)
    assert dump(team.path) == snapshot
    assert report.stale and "older" in report.summary()
    assert rows_of(team.path, "a") == rows_of(files["a"], "a")


def test_two_diverged_copies_newer_rows_win_and_nothing_is_deleted(tmp_path):
    team, files, ids = three_annotators(tmp_path)
    merge_all(team, files)
    laptop = tmp_path / "a-laptop.annotator"
    shutil.copy(files["a"], laptop)
    with Project.open(files["a"]) as p:  # first copy: a new label for TUR, USA deleted
        tur = next(s for s in p.stances(ids[0], "a") if s.target == "TUR")
        p.update_stance(tur.id, "a", label="NONE")
        p.delete_stance(next(s.id for s in p.stances(ids[0], "a") if s.target == "USA"), "a")
    with Project.open(laptop) as p:  # second copy, later: a new stance; TUR and USA as before
        p.set_stance(ids[0], "TUR", "USA", "AGAINST", "a")
    merge_file(team, files["a"])
    report = merge_file(team, laptop)
    assert report.diverged and "newer rows won" in report.summary()
    got = {(s.holder, s.target): s.label for s in team.stances(ids[0], "a")}
    assert got == {(AUTHOR, "TUR"): "NONE", ("TUR", "USA"): "AGAINST"}  # the deletion was not undone
    snapshot = dump(team.path)
    merge_file(team, laptop)
    merge_file(team, files["a"])
    assert dump(team.path) == snapshot


def test_decisions_of_two_annotators_on_one_proposal_are_both_kept(tmp_path):
    team = tiny_team(tmp_path / "team.annotator")
    files = assign(team, ["a", "b"], tmp_path / "files", overlap=1.0).files
    aid = team.article_ids()[0]
    proposal = first_mention(team, aid, "TUR")
    for name, status in (("a", "accepted"), ("b", "rejected")):
        with Project.open(files[name]) as p:
            p.set_mention_status(proposal.id, status, name)
        merge_file(team, files[name])
    got = sorted((m.id, m.annotator, m.status) for m in team.mentions(aid) if m.start == proposal.start)
    assert got == sorted([(proposal.id, "auto", "proposed"), (decision_id(proposal.id, "a"), "a", "accepted"),
                          (decision_id(proposal.id, "b"), "b", "rejected")])


def test_articles_only_in_the_annotators_file_are_added(tmp_path):
    team, files, ids = three_annotators(tmp_path)
    extra = tmp_path / "extra.txt"
    extra.write_text("خبر إضافي عن أنقرة وواشنطن أضافه المشارك بنفسه.", encoding="utf-8")
    with Project.open(files["c"]) as p:
        new_id = import_paths(p, [extra]).article_ids[0]
        p.set_stance(new_id, AUTHOR, "TUR", "NONE", "c")
        segments = p.segments(new_id)
    report = merge_file(team, files["c"])
    assert report.articles_added == 1
    assert team.segments(new_id) == segments and new_id in team.search("أنقرة")
    assert [s.label for s in team.stances(new_id, "c")] == ["NONE"]


def _refused(team, path, message):
    before = dump(team.path)
    with pytest.raises(MergeError, match=message) as e:
        merge_file(team, path)
    assert str(path) in str(e.value) or str(team.path) in str(e.value)
    assert dump(team.path) == before


def test_files_of_another_project_are_refused(tmp_path):
    team, files, _ = three_annotators(tmp_path)
    other = sample_team(tmp_path / "other" / "team.annotator")
    stranger = assign(other, ["a"], tmp_path / "other" / "files", overlap=0.0).files["a"]
    _refused(team, stranger, "belongs to another project")
    _refused(team, other.path, "belongs to another project")


def test_a_file_with_a_newer_schema_is_refused_and_left_alone(tmp_path):
    team, files, _ = three_annotators(tmp_path)
    conn = sqlite3.connect(files["b"])
    conn.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) VALUES ('annotator', 'm999_future', '')")
    conn.commit()
    conn.close()
    file_before = dump(files["b"])
    _refused(team, files["b"], r"newer version of annotator \(schema step m999_future\)")
    assert dump(files["b"]) == file_before


def test_other_unmergeable_files_are_refused(tmp_path):
    team, files, _ = three_annotators(tmp_path)
    junk = tmp_path / "junk.annotator"
    junk.write_text("not a database")
    _refused(team, junk, "not an annotator project")
    _refused(team, tmp_path / "missing.annotator", "no such project file")
    plain = tmp_path / "plain.db"
    sqlite3.connect(plain).execute("CREATE TABLE x(y)").connection.commit()
    _refused(team, plain, "not an annotator project")
    _refused(team, team.path, "is the team project itself")
    team.set_labels([Label("FAVOR"), Label("AGAINST")])
    _refused(team, files["c"], "label.*NONE")
    with Project.open(files["b"]) as b:
        with pytest.raises(MergeError, match="b's annotator file"):
            merge_file(b, files["a"])


def test_an_error_part_way_leaves_the_team_project_as_it_was(tmp_path, monkeypatch):
    team, files, _ = three_annotators(tmp_path)
    merge_file(team, files["a"])
    with Project.open(files["a"]) as p:
        aid = p.article_ids()[1]
        p.set_stance(aid, AUTHOR, "USA", "FAVOR", "a")
    before = dump(team.path)
    real = merge_mod.merge_annotator_article
    calls = []

    def crash_on_the_second_article(*args):
        calls.append(1)
        real(*args)
        if len(calls) == 2:
            raise RuntimeError("power cut")

    monkeypatch.setattr(merge_mod, "merge_annotator_article", crash_on_the_second_article)
    with pytest.raises(RuntimeError, match="power cut"):
        merge_file(team, files["a"])
    assert dump(team.path) == before
    monkeypatch.undo()
    merge_file(team, files["a"])
    assert rows_of(team.path, "a") == rows_of(files["a"], "a")


def test_merge_at_corpus_scale(tmp_path):
    team = sample_team(tmp_path / "team.annotator", corpus_articles=300)
    report = assign(team, ["a", "b", "c"], tmp_path / "files", overlap=0.2, seed=2)
    rng = random.Random(4)
    targets = [a.id for a in team.actors()][:6]
    for name, path in report.files.items():
        with Project.open(path) as p:
            for aid in p.article_ids():
                if rng.random() < 0.5:
                    p.set_stance(aid, AUTHOR, rng.choice(targets), rng.choice(["FAVOR", "AGAINST", "NONE"]), name)
                    p.set_status(aid, name, "done")
    merged = [merge_file(team, report.files[n]) for n in sorted(report.files)]
    assert sum(r.changes_added for r in merged) > 100
    for name, path in report.files.items():
        assert rows_of(team.path, name) == rows_of(path, name)
    snapshot = dump(team.path)
    for name in sorted(report.files):
        merge_file(team, report.files[name])
    assert dump(team.path) == snapshot
