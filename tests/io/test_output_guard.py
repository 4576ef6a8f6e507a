"""Issue 9, items 2, 11 (init) and 12: the output-path guard, all-or-nothing `init`, and the silent
mistakes of export and the CSV reader, on real files, real SQLite projects and the real CLI."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.core.model import AUTHOR
from annotator.ingest import import_paths
from annotator.io.export import export, parse_split
from annotator.sample import create_sample_project
from annotator.storage.project import ArticleRecord, Project
from annotator.storage.safe_files import UnsafeOutputError, check_output_path, exclusive_temp
from tests.conftest import REPO

LEXICON = REPO / "resources" / "lexicon" / "sample.toml"


def small_project(path: Path, n: int = 3) -> Project:
    p = Project.create(path)
    with p.db.atomic():
        for i in range(n):
            t = f"خبر رقم {i} عن أنقرة."
            p.add_article(ArticleRecord(text=t, raw=t.encode("utf-8"), encoding="utf-8", title=f"t{i}"))
    p.conn.execute("INSERT INTO actors(id, name_ar, name_en, type, color, updated_at)"
                   " VALUES ('TUR', 'تركيا', 'Turkey', 'state', '#c62828', '')")
    p.reload_actors()
    for aid in p.article_ids():
        p.set_stance(aid, AUTHOR, "TUR", "AGAINST", "ali")
        p.set_status(aid, "ali", "done")
    return p


# --------------------------------------------------------------------------- the guard
def test_the_guard_allows_new_and_ordinary_files(tmp_path):
    assert check_output_path(tmp_path / "new.jsonl") == tmp_path / "new.jsonl"
    old = tmp_path / "old.jsonl"
    old.write_text('{"a": 1}\n', encoding="utf-8")
    empty = tmp_path / "empty.annotator.jsonl"
    empty.touch()
    assert check_output_path(old) == old and check_output_path(empty) == empty


@pytest.mark.parametrize("name", ["x.annotator", "x.annotator-wal", "x.annotator-shm", "x.annotator.open",
                                  "x-journal"])
def test_the_guard_refuses_project_names(tmp_path, name):
    target = tmp_path / name
    target.write_text("anything", encoding="utf-8")
    with pytest.raises(UnsafeOutputError, match="companion files"):
        check_output_path(target)


def test_the_guard_refuses_any_sqlite_file_by_content(tmp_path):
    db = tmp_path / "results.jsonl"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE t(x)")
    conn.commit()
    conn.close()
    with pytest.raises(UnsafeOutputError, match="an SQLite database"):
        check_output_path(db)


def test_checking_a_hard_link_to_the_open_project_keeps_its_locks(tmp_path):
    """The content check goes through SQLite, never open()/close(): closing any descriptor of the
    project in this process would drop its locks, and a process closing the file next would then
    delete the -wal the open project still writes into (issue 9, item 1's mechanism)."""
    p = small_project(tmp_path / "p.annotator")
    link = tmp_path / "link.bin"
    os.link(p.path, link)
    p.conn.execute("PRAGMA wal_autocheckpoint = 0")
    p.set_status(p.article_ids()[0], "ali", "flagged")
    with pytest.raises(UnsafeOutputError, match="SQLite"):
        check_output_path(link)  # no protect: found by content, read through SQLite
    code = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT count(*) FROM articles'); c.close()"
    subprocess.run([sys.executable, "-c", code, str(p.path)], check=True)
    assert Path(f"{p.path}-wal").exists(), "another process deleted the WAL the open project writes into"
    p.set_status(p.article_ids()[1], "ali", "flagged")
    p.close()
    with Project.open(tmp_path / "p.annotator") as q:
        assert [q.status(a, "ali")["status"] for a in q.article_ids()[:2]] == ["flagged", "flagged"]


def test_exclusive_temporaries_are_new_files_with_the_umask(tmp_path):
    target = tmp_path / "out.jsonl"
    fd, tmp = exclusive_temp(target)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    assert tmp.parent == tmp_path and tmp.name.startswith(f".out.jsonl.{os.getpid()}-") and tmp.name.endswith(".part")
    assert tmp.stat().st_mode & 0o777 == 0o666 & ~umask and not tmp.is_symlink()


def test_every_split_file_is_checked_before_anything_is_written(tmp_path):
    p = small_project(tmp_path / "p.annotator", n=20)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    (tmp_path / "out.dev.jsonl").symlink_to(victim)
    with pytest.raises(UnsafeOutputError, match="out.dev.jsonl: is a symbolic link"):
        export(p, tmp_path / "out.jsonl", "docs", split="0.5,0.5", split_files=True)
    assert victim.read_text(encoding="utf-8") == "keep"
    assert sorted(x.name for x in tmp_path.iterdir() if not x.name.startswith("p.annotator")) == [
        "out.dev.jsonl", "victim.txt"]


# --------------------------------------------------------------------------- init, all or nothing
@pytest.mark.parametrize("bad", ["lexicon", "guidelines"])
def test_init_with_a_bad_lexicon_or_guidelines_leaves_nothing_and_can_be_retried(tmp_path, capsys, bad):
    """Bug: `init --lexicon bad.toml` left a project without the lexicon, and the retry said
    "already exists"."""
    project = tmp_path / "news.annotator"
    broken = tmp_path / "bad.toml"
    broken.write_text("[[actor]\nid = ", encoding="utf-8")
    args = ["init", str(project), "--lexicon", str(broken if bad == "lexicon" else LEXICON),
            "--guidelines", str(tmp_path / ("missing.md" if bad == "guidelines" else "guide.md"))]
    (tmp_path / "guide.md").write_text("# Guide\n", encoding="utf-8")
    assert main(args) == 2
    assert "Traceback" not in capsys.readouterr().err
    assert sorted(x.name for x in tmp_path.iterdir()) == sorted(["bad.toml", "guide.md"])
    args[3 if bad == "lexicon" else 5] = str(LEXICON if bad == "lexicon" else tmp_path / "guide.md")
    assert main(args) == 0
    with Project.open(project) as p:
        assert p.actors() and p.setting("guidelines") == "# Guide\n" and p.setting("name") == "news"


def test_init_never_replaces_an_existing_file(tmp_path, capsys):
    target = tmp_path / "notes.annotator"
    target.write_text("my notes", encoding="utf-8")
    assert main(["init", str(target)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "my notes"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["notes.annotator"]


def test_a_failed_sample_project_leaves_nothing(tmp_path, monkeypatch):
    import annotator.sample as sample

    def broken(project, paths, **kw):
        raise OSError("disk full")

    monkeypatch.setattr(sample, "import_paths", broken)
    with pytest.raises(OSError, match="disk full"):
        create_sample_project(tmp_path / "s.annotator")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    with Project.open(create_sample_project(tmp_path / "s.annotator")) as p:
        assert p.count_articles() == 2 and p.setting("name") == "sample"


# --------------------------------------------------------------------------- export: silent mistakes
@pytest.mark.parametrize("option, value, listed", [
    ("--status", "bogus", "new, in progress, done, skipped, flagged"),
    ("--status", "Done", "new, in progress, done"),
    ("--annotator", "aly", "ali, gold"),
])
def test_export_refuses_an_unknown_status_or_annotator(tmp_path, capsys, option, value, listed):
    """Bug: `export --status bogus` or a mistyped `--annotator` wrote an empty file with exit 0."""
    small_project(tmp_path / "p.annotator").close()
    out = tmp_path / "out.jsonl"
    assert main(["export", str(tmp_path / "p.annotator"), "-o", str(out), option, value]) == 2
    err = capsys.readouterr().err
    assert repr(value) in err and listed in err
    assert not out.exists()


def test_gold_is_always_a_valid_annotator(tmp_path, capsys):
    small_project(tmp_path / "p.annotator").close()
    out = tmp_path / "gold.jsonl"
    assert main(["export", str(tmp_path / "p.annotator"), "-o", str(out), "--annotator", "gold"]) == 0
    assert out.read_text(encoding="utf-8") == ""
    assert "no article matched annotator 'gold'" in capsys.readouterr().err


@pytest.mark.parametrize("split", ["nan,0,0", "inf,0.1,0.1", "1e308,0,0", "0.8,0.1,-0.1", "0.5,0.6", "8,1,1",
                                   "0.8", "0.8,nan"])
def test_export_refuses_splits_that_are_not_fractions_adding_up_to_1(tmp_path, capsys, split):
    """Bug: `--split nan|inf|1e308` put every article into one split."""
    small_project(tmp_path / "p.annotator").close()
    out = tmp_path / "out.jsonl"
    assert main(["export", str(tmp_path / "p.annotator"), "-o", str(out), "--split", split]) == 2
    assert "add up to 1" in capsys.readouterr().err
    assert not out.exists()
    with pytest.raises(ValueError, match="add up to 1"):
        parse_split(split)


def test_split_fractions_within_rounding_are_accepted():
    assert parse_split("0.7,0.2,0.1") == pytest.approx((0.7, 0.2, 0.1))
    assert parse_split([1 / 3, 1 / 3, 1 / 3]) == pytest.approx((1 / 3,) * 3)


def test_empty_split_files_are_not_written_and_are_reported(tmp_path, capsys):
    """Bug: `--split-files` on a small project wrote empty dev/test files that
    `datasets.load_dataset` cannot load. An empty split gets no file and a warning; an older file
    of that name is removed, so it cannot be taken for this export's split."""
    p = small_project(tmp_path / "p.annotator", n=1)
    p.close()
    out = tmp_path / "out.jsonl"
    stale = tmp_path / "out.test.jsonl"
    stale.write_text('{"id": "old"}\n', encoding="utf-8")
    assert main(["export", str(tmp_path / "p.annotator"), "-o", str(out), "--split", "0.4,0.3,0.3",
                 "--split-files"]) == 0
    cap = capsys.readouterr()
    written = sorted(x.name for x in tmp_path.iterdir() if x.name.startswith("out."))
    assert len(written) == 1 and (tmp_path / written[0]).read_text(encoding="utf-8").count("\n") == 1
    empty = [n for n in ("train", "dev", "test") if f"out.{n}.jsonl" not in written]
    for name in empty:
        assert f"warning: the {name} split has no lines" in cap.err
    assert f"removed the older {stale}" in cap.err and not stale.exists()
    assert f"to {tmp_path / written[0]}" in cap.out


def test_written_split_files_load_with_datasets(tmp_path):
    datasets = pytest.importorskip("datasets")
    from annotator.io.export import docs_features

    p = small_project(tmp_path / "p.annotator", n=2)
    report = export(p, tmp_path / "docs.jsonl", "docs", split="0.5,0.5", seed=1, split_files=True)
    assert report.paths and all("no lines" in w for w in report.warnings)
    files = {path.name.split(".")[1]: str(path) for path in report.paths}
    ds = datasets.load_dataset("json", data_files=files, features=docs_features(), cache_dir=str(tmp_path / "hf"))
    assert sum(ds[name].num_rows for name in files) == 2


# --------------------------------------------------------------------------- CSV
def test_a_csv_with_a_column_named_twice_is_refused(project, tmp_path):
    """Bug: a CSV with two `text` columns silently dropped the first."""
    f = tmp_path / "two.csv"
    f.write_text("title,text,text\nعنوان,النص الأول هنا,النص الثاني هنا\n", encoding="utf-8")
    good = tmp_path / "good.csv"
    good.write_text("title,text\nعنوان,نص سليم هنا\n", encoding="utf-8")
    report = import_paths(project, [f, good])
    assert report.imported == 1
    assert report.skipped == [(f"{f}:1", "the column 'text' appears more than once (columns 2 and 3), so it is not "
                                         "clear which one to read; rename or remove the extra column(s)")]
    assert json.dumps(report.skipped, ensure_ascii=False).count("two.csv") == 1
