"""Issue 10 item 1: actors made in an annotator's window reach the team project in a merge; the same
code created in two files is merged when identical and reported when not."""

from __future__ import annotations

from teamkit import three_annotators

from annotator.core.model import AUTHOR, Actor, Alias
from annotator.storage.project import Project
from annotator.team.merge import merge_file


def _create(path, annotator, actor, article_id):
    with Project.open(path) as p:
        p.apply(p.actors_store.edit_add_actor(actor, propose_in=article_id), annotator)
        p.set_stance(article_id, AUTHOR, actor.id, "AGAINST", annotator)


def test_actor_created_in_a_window_reaches_the_team_with_its_stances(tmp_path):
    team, files, ids = three_annotators(tmp_path)
    rus = Actor("RUS", "روسيا", "Russia", "state", "#0067a5", [Alias("روسيا"), Alias("موسكو")])
    _create(files["a"], "a", rus, ids[0])
    _create(files["b"], "b", Actor("RUS", "روسيا", "Russia", "state", "#0067a5", [Alias("روسيا")]), ids[0])
    _create(files["c"], "c", Actor("RUS", "روسيا الاتحادية", "Russian Federation", "state", "#875692"), ids[0])
    first = merge_file(team, files["a"])
    assert team.actor("RUS").name_en == "Russia"
    assert [al.surface for al in team.actor("RUS").aliases] == ["روسيا", "موسكو"]
    assert [s.label for s in team.stances(ids[0], "a") if s.target == "RUS"] == ["AGAINST"]
    assert "add_actor" in [c["action"] for c in team.changes(annotator="a")]
    assert first.actor_conflicts == []
    second = merge_file(team, files["b"])  # the same actor created again: merged, nothing to report
    assert second.actor_conflicts == [] and "RUS" not in second.summary()
    assert [s.label for s in team.stances(ids[0], "b") if s.target == "RUS"] == ["AGAINST"]
    third = merge_file(team, files["c"])  # the same code for another name: reported, team's kept
    assert third.actor_conflicts == ["RUS"] and "RUS" in third.summary()
    assert team.actor("RUS").name_en == "Russia"
    assert [s.label for s in team.stances(ids[0], "c") if s.target == "RUS"] == ["AGAINST"]
