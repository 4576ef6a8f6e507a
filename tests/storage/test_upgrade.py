"""Every released schema version's frozen project file still opens, upgrades and keeps its data."""

import shutil

import pytest

from annotator.core.model import AUTHOR
from annotator.storage import Project
from annotator.storage.schema import SCHEMA_VERSION
from tests.conftest import REPO

FROZEN = sorted((REPO / "tests" / "data").glob("schema-v*.annotator"))


def test_there_is_a_frozen_file_for_every_schema_version():
    versions = {int(f.stem.split("-v")[1]) for f in FROZEN}
    assert versions == set(range(1, SCHEMA_VERSION + 1))


@pytest.mark.parametrize("frozen", FROZEN, ids=lambda f: f.name)
def test_frozen_project_opens_upgrades_and_keeps_annotations(frozen, tmp_path):
    path = tmp_path / frozen.name
    shutil.copy(frozen, path)
    version = int(frozen.stem.split("-v")[1])
    with Project.open(path) as p:
        assert p.setting("schema_version") == SCHEMA_VERSION
        assert p.count_articles() == 2
        aid = p.article_ids()[0]
        stances = {(s.holder, s.target): s for s in p.stances(aid, "frozen")}
        assert stances[("AUTHOR", "TUR")].label == "FAVOR" and stances[("AUTHOR", "TUR")].note == "frozen fixture"
        assert stances[("USA", "TUR")].label == "AGAINST"
        text = p.article_text(aid)
        (ev,) = stances[("AUTHOR", "TUR")].evidence
        assert (ev.start, ev.end) in {(m.start, m.end) for m in p.mentions(aid) if m.status == "accepted"}
        assert p.status(aid, "frozen")["status"] == "done"
        assert p.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # still editable after the upgrade
        p.set_stance(aid, AUTHOR, "USA", "NONE", "frozen")
    backup = path.with_name(f"{path.name}.backup-v{version}")
    assert backup.exists() == (version < SCHEMA_VERSION)

