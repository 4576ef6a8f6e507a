"""The two storage methods the GUI added: time-aware status edits and status counts."""

from __future__ import annotations

import pytest

from annotator.storage.project import ConflictError, Project

from uikit import add_article


@pytest.fixture
def project(tmp_path):
    project = Project.create(tmp_path / "p.annotator")
    yield project
    project.close()


def test_recorded_time_never_makes_a_status_edit_conflict(project):
    aid = add_article(project, "نص قصير", "t")
    done = project.edit_set_status(aid, "amal", "done")
    project.add_time(aid, "amal", 3)  # recorded after the edit was built
    project.apply(project.with_current_time(done), "amal")
    project.add_time(aid, "amal", 2)
    project.apply(project.with_current_time(done.inverse()), "amal", kind="undo")
    status = project.status(aid, "amal")
    assert status["status"] == "new" and status["seconds"] == 5  # undo keeps the time spent
    project.apply(project.with_current_time(done), "amal", kind="redo")
    assert project.status(aid, "amal") | {"updated_at": ""} == {
        "status": "done", "reason": "", "seconds": 5, "updated_at": ""}


def test_without_rebasing_the_same_undo_conflicts(project):
    aid = add_article(project, "نص قصير", "t")
    project.add_time(aid, "amal", 1)
    done = project.edit_set_status(aid, "amal", "done")
    project.apply(done, "amal")
    project.add_time(aid, "amal", 2)
    with pytest.raises(ConflictError):
        project.apply(done.inverse(), "amal", kind="undo")
    project.apply(project.with_current_time(done.inverse()), "amal", kind="undo")


def test_a_real_conflict_is_still_reported(project):
    aid = add_article(project, "نص قصير", "t")
    done = project.edit_set_status(aid, "amal", "done")
    project.apply(project.with_current_time(done), "amal")
    project.set_status(aid, "amal", "flagged", "broken")
    with pytest.raises(ConflictError):
        project.apply(project.with_current_time(done.inverse()), "amal", kind="undo")


def test_status_counts(project):
    ids = [add_article(project, f"نص رقم {i}", "t") for i in range(4)]
    project.set_status(ids[0], "amal", "done")
    project.set_status(ids[1], "amal", "done")
    project.set_status(ids[2], "amal", "skipped", "off topic")
    project.set_status(ids[3], "basma", "done")
    assert project.status_counts("amal") == {"done": 2, "skipped": 1}
    assert project.status_counts("nobody") == {}
