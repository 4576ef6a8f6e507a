"""Every released schema version's frozen project file still opens, upgrades and keeps its data."""

import shutil
import sqlite3
import subprocess
import sys

import pytest

from annotator.core.model import AUTHOR
from annotator.storage import NewerSchemaError, NotAProjectError, Project
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
        # the full-text index was rebuilt (m005) and finds words with their clitics
        assert aid in p.search("تركيا") and aid in p.search("وتركيا")
        assert p.article_raw(aid).decode("utf-8")  # a raw record stored before m005 reads as it was
        # still editable after the upgrade
        p.set_stance(aid, AUTHOR, "USA", "NONE", "frozen")
    backup = path.with_name(f"{path.name}.backup-v{version}")
    assert backup.exists() == (version < SCHEMA_VERSION)



def _newer_project(path):
    """A project whose schema has a step this annotator does not know, in rollback-journal mode."""
    Project.create(path).close()
    c = sqlite3.connect(path)
    c.execute("PRAGMA journal_mode = DELETE")
    c.execute("INSERT INTO _sqlite_migrations(migration_set, name, applied_at) VALUES ('annotator', 'm999_future', '')")
    c.commit()
    c.close()


def _foreign_db(path):
    c = sqlite3.connect(path)
    c.execute("CREATE TABLE moz_places(url TEXT)")
    c.execute("INSERT INTO moz_places VALUES ('https://example.org')")
    c.commit()
    c.close()


@pytest.mark.parametrize("make, error", [(_newer_project, NewerSchemaError), (_foreign_db, NotAProjectError)],
                         ids=["newer-schema", "foreign-sqlite"])
def test_a_refused_file_is_left_byte_for_byte_as_it_was(make, error, tmp_path):
    """Regression: the journal mode was switched to WAL (a header write) before the file was checked."""
    path = tmp_path / "refused.annotator"
    make(path)
    before = path.read_bytes()
    with pytest.raises(error, match=str(path.name)):
        Project.open(path)
    assert path.read_bytes() == before
    assert before[18:20] == b"\x01\x01"  # still a rollback-journal file, not WAL
    assert not path.with_name(path.name + ".backup-v2").exists()


def test_the_cli_refuses_a_newer_project_with_what_to_do(tmp_path):
    path = tmp_path / "newer.annotator"
    _newer_project(path)
    before = path.read_bytes()
    out = subprocess.run([sys.executable, "-m", "annotator", "stats", str(path)], capture_output=True, text=True)
    assert out.returncode != 0
    assert str(path) in out.stderr and "upgrade annotator" in out.stderr and "Traceback" not in out.stderr
    assert path.read_bytes() == before


def test_the_backup_is_the_old_version_untouched(tmp_path):
    frozen = REPO / "tests" / "data" / "schema-v1.annotator"
    path = tmp_path / frozen.name
    shutil.copy(frozen, path)
    Project.open(path).close()
    backup = path.with_name(f"{path.name}.backup-v1")
    c = sqlite3.connect(backup)
    names = [r[0] for r in c.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = 'annotator'")]
    assert names == ["m001_initial"]
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert c.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
    c.close()


def _index_sql(p) -> str:
    return p.conn.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]


def test_a_new_project_indexes_words_split_before_they_are_stored(tmp_path):
    """Issue 13 (m007): a project without articles gets an index with FTS5's `ascii` tokenizer, fed
    text already split as `unicode61` splits it (core.search.index_form)."""
    with Project.create(tmp_path / "new.annotator") as p:
        assert "tokenize='ascii'" in _index_sql(p) and "detail=column" in _index_sql(p)


def test_an_older_project_gets_the_new_index_and_finds_old_and_new_articles(tmp_path):
    """m007 rebuilds the index of a project that holds articles from the stored text (as m005 did)."""
    from annotator.ingest import import_paths

    path = tmp_path / "v5.annotator"
    shutil.copy(REPO / "tests" / "data" / "schema-v5.annotator", path)
    src = tmp_path / "new.txt"
    src.write_text("قال الوزير إن «تركيا»، وأنقرة تحديدا، لن تقبل بذلك في مقهى Café.", encoding="utf-8")
    with Project.open(path) as p:
        assert "tokenize='ascii'" in _index_sql(p)
        found = set(p.search("تركيا"))
        assert p.article_ids()[0] in found and set(p.search("وتركيا")) == found
        (new,) = import_paths(p, [src]).article_ids
        assert set(p.search("تركيا")) == found | {new} and p.search("cafe") == p.search("CAFÉ") == [new]
        assert new in p.search("انقره") and new in p.search("وتركيا")
