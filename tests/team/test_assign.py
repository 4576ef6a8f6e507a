"""`assign`: deterministic shares with overlap; annotator files hold their share with ids unchanged."""

from __future__ import annotations

from collections import Counter

import pytest
from teamkit import dump, sample_team, settings

from annotator.storage.project import Project, ProjectError
from annotator.team.assign import assign, plan_assignment


def test_plan_is_deterministic_balanced_and_overlaps_as_asked():
    ids = [f"a{i:03d}" for i in range(100)]
    plan = plan_assignment(ids, ["ali", "mona", "omar"], overlap=0.2, seed=5)
    assert plan_assignment(ids, ["ali", "mona", "omar"], overlap=0.2, seed=5) == plan
    assert plan_assignment(ids, ["ali", "mona", "omar"], overlap=0.2, seed=6) != plan
    given = Counter(a for share in plan.shares.values() for a in share)
    assert set(given) == set(ids)
    assert len(plan.overlap) == 20
    assert all(given[a] == (2 if a in plan.overlap else 1) for a in ids)
    loads = [len(s) for s in plan.shares.values()]
    assert sum(loads) == 120 and max(loads) - min(loads) <= 1
    for share in plan.shares.values():
        assert share == sorted(share)  # import order kept


def test_plan_with_three_annotators_per_shared_article_and_a_limit():
    ids = [f"a{i:03d}" for i in range(50)]
    plan = plan_assignment(ids, ["a", "b", "c", "d"], overlap=0.5, per_overlap=3, seed=1, limit=20)
    given = Counter(a for share in plan.shares.values() for a in share)
    assert len(given) == 20 and len(plan.overlap) == 10
    assert sorted(given.values()) == [1] * 10 + [3] * 10


@pytest.mark.parametrize("kwargs, message", [
    ({"overlap": 1.5}, "between 0 and 1"),
    ({"overlap": 0.2, "per_overlap": 4}, "2 to 3 annotators"),
    ({"overlap": 0.2, "limit": 0}, "positive"),
])
def test_plan_refuses_bad_options(kwargs, message):
    with pytest.raises(ValueError, match=message):
        plan_assignment(["x", "y"], ["a", "b", "c"], **kwargs)


@pytest.mark.parametrize("names", [["a", "a"], ["a", "auto"], ["gold"], ["a/b"], [""], [".hidden"]])
def test_plan_refuses_bad_names(names):
    with pytest.raises(ValueError):
        plan_assignment(["x"], names, overlap=0)


def test_assign_writes_one_file_per_annotator(tmp_path):
    team = sample_team(tmp_path / "team.annotator", corpus_articles=60)
    report = assign(team, ["ali", "mona", "omar"], tmp_path / "out", overlap=0.25, seed=3)
    assert report.round == 1 and report.articles == team.count_articles() == 62
    assert report.overlap == round(0.25 * 62)
    team_settings = settings(team.path)
    rows = team.assignments()
    assert len(rows) == 62 + report.overlap
    for name, path in report.files.items():
        with Project.open(path) as p:
            share = [r["article_id"] for r in team.assignments(name)]
            assert p.article_ids() == share and len(share) == report.shares[name]
            assert p.project_id == team.project_id
            assert p.labels() == team.labels() and p.guidelines == team.guidelines
            assert settings(path)["annotator"] == name and team_settings.get("annotator") is None
            assert [(a.id, [al.id for al in a.aliases]) for a in p.actors()] == \
                [(a.id, [al.id for al in a.aliases]) for a in team.actors()]
            for aid in share:
                assert p.article(aid)["text"] == team.article(aid)["text"]
                assert p.article_raw(aid) == team.article_raw(aid)
                assert p.segments(aid) == team.segments(aid)
                assert [m.id for m in p.mentions(aid)] == [m.id for m in team.mentions(aid)]
            assert [(r["article_id"], r["overlap"]) for r in p.assignments()] == \
                [(r["article_id"], r["overlap"]) for r in team.assignments(name)]
            assert p.search("تركيا")  # the full-text index came along
    overlap_ids = {r["article_id"] for r in rows if r["overlap"]}
    assert len(overlap_ids) == report.overlap
    assert all(sum(r["article_id"] == a for r in rows) == 2 for a in overlap_ids)


def test_assign_is_deterministic_for_a_seed(tmp_path):
    shares = []
    for run in ("one", "two"):
        team = sample_team(tmp_path / run / "team.annotator", corpus_articles=30)
        assign(team, ["a", "b", "c"], tmp_path / run / "out", overlap=0.3, seed=11)
        shares.append([(r["article_id"], r["annotator"], r["overlap"]) for r in team.assignments()])
        team.close()
    assert shares[0] == shares[1]


def test_later_rounds_hand_out_only_new_articles(tmp_path):
    team = sample_team(tmp_path / "team.annotator", corpus_articles=20)
    first = assign(team, ["a", "b"], tmp_path / "r1", overlap=0.5, seed=1, limit=10)
    second = assign(team, ["a", "b"], tmp_path / "r2", overlap=0.0, seed=1)
    assert (first.round, second.round, first.articles + second.articles) == (1, 2, 22)
    assert {r["round"] for r in team.assignments()} == {1, 2}
    with pytest.raises(ValueError, match="no articles"):
        assign(team, ["a", "b"], tmp_path / "r3", overlap=0.0)


def test_an_existing_file_stops_assign_before_anything_is_written(tmp_path):
    team = sample_team(tmp_path / "team.annotator")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "mona.annotator").write_text("mine")
    before = dump(team.path)
    with pytest.raises(ProjectError, match="mona.annotator: already exists"):
        assign(team, ["ali", "mona"], tmp_path / "out", overlap=0.5)
    assert dump(team.path) == before
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["mona.annotator"]


def test_a_failure_part_way_removes_the_files_and_leaves_the_team_unchanged(tmp_path, monkeypatch):
    import annotator.team.assign as assign_mod

    team = sample_team(tmp_path / "team.annotator")
    before = dump(team.path)
    real = assign_mod._write_file
    calls = []

    def failing(*args):
        calls.append(1)
        if len(calls) == 2:
            raise OSError("disk full")
        real(*args)

    monkeypatch.setattr(assign_mod, "_write_file", failing)
    with pytest.raises(OSError, match="disk full"):
        assign(team, ["ali", "mona"], tmp_path / "out", overlap=0.5)
    assert dump(team.path) == before
    assert list((tmp_path / "out").iterdir()) == []


def test_assign_refuses_an_annotators_file(tmp_path):
    team = sample_team(tmp_path / "team.annotator")
    report = assign(team, ["ali"], tmp_path / "out", overlap=0.0)
    with Project.open(report.files["ali"]) as p, pytest.raises(ProjectError, match="ali's file"):
        assign(p, ["x"], tmp_path / "again", overlap=0.0)
