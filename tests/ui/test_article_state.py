"""ArticleState.apply keeps the in-memory state equal to what the project file holds."""

from __future__ import annotations

import random

from annotator.core.model import AUTHOR
from annotator.core.offsets import Utf16Map
from annotator.storage.project import Project
from annotator.ui.article_state import ArticleState


def load(project: Project, aid: str, annotator: str) -> ArticleState:
    text = project.article_text(aid)
    return ArticleState(aid, "", "", "", text, Utf16Map(text), annotator, project.segments(aid),
                        project.mentions(aid), project.stances(aid, annotator), project.status(aid, annotator))


def comparable(state: ArticleState) -> tuple:
    return (state.segments, state.mentions, state.stances,
            {k: v for k, v in state.status.items() if k != "updated_at"})


def test_random_edits_and_undos_match_a_fresh_load(project_path):
    rng = random.Random(7)
    with Project.open(project_path) as project:
        aid = project.article_ids()[0]
        state = load(project, aid, "tester")
        text = project.article_text(aid)
        actors = [a.id for a in project.actors()]
        labels = [l.name for l in project.labels()]
        done = []
        for step in range(300):
            choice = rng.random()
            fresh = load(project, aid, "tester")
            if done and choice < 0.25:
                edit = project.with_current_time(done.pop().inverse())
            elif choice < 0.45:
                start = rng.randrange(0, len(text) - 5)
                edit = project.edit_add_mention(aid, rng.choice(actors), start, start + rng.randint(1, 5), "tester")
            elif choice < 0.55 and fresh.mentions:
                m = rng.choice(fresh.mentions)
                edit = project.edit_set_mention(m.id, "tester", status=rng.choice(["accepted", "rejected", "proposed"]))
            elif choice < 0.6 and fresh.mentions:
                edit = project.edit_delete_mention(rng.choice(fresh.mentions).id)
            elif choice < 0.75:
                holder = rng.choice([AUTHOR, *actors[:2]])
                target = rng.choice([a for a in actors if a != holder])
                edit = project.edit_set_stance(aid, holder, target, rng.choice(labels), "tester")
            elif choice < 0.85 and fresh.stances:
                start = rng.randrange(0, len(text) - 9)
                edit = project.edit_add_evidence(rng.choice(fresh.stances).id, start, start + 8)
            elif choice < 0.9 and fresh.stances:
                edit = project.edit_update_stance(rng.choice(fresh.stances).id, note=f"note {step}")
            elif choice < 0.95:
                edit = project.edit_set_status(aid, "tester", rng.choice(["done", "skipped", "in progress"]), "r")
                project.add_time(aid, "tester", 1.5)  # time recorded after the edit was built
                edit = project.with_current_time(edit)
            else:
                segment = rng.choice(fresh.segments)
                edit = project.edit_set_segment_kind(segment["id"], rng.choice(["body", "nav", "related"]))
            project.apply(edit, "tester")
            done.append(edit)
            state.apply(edit)
            assert comparable(state) == comparable(load(project, aid, "tester")), f"step {step}: {edit.action}"
        assert len(state.actor_ids()) == len(set(state.actor_ids()))
