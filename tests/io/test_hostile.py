"""Hostile input: every file of `hostile.py` is imported correctly or refused with a message naming
the file (and line) and saying what to do; the project stays consistent; memory stays bounded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.api import AUTHOR
from annotator.core.text import canonicalize, sha256_text
from annotator.ingest import import_paths
from annotator.io import export as export_mod
from annotator.io.readers import ReadOptions
from annotator.sample import load_actors
from annotator.storage import Project
from tests.conftest import REPO
from tests.io import hostile
from tests.io.hostile import ARTICLE, BIDI, HTML_LIKE, INJECTION, SECOND, text_for

FIRST_LINE = ARTICLE.split("\n")[0]

# origin (relative to the corpus folder) -> (canonical text, how the encoding is recorded)
IMPORTED = {
    "cp1256.txt": (text_for("cp1256.txt"), "cp1256"),
    "iso-8859-6.txt": (text_for("iso-8859-6.txt"), "iso-8859-6"),
    "utf16le-no-bom.txt": (text_for("utf16le-no-bom.txt"), "utf-16-le"),
    "utf32be-bom.txt": (text_for("utf32be-bom.txt"), "utf-32-be"),
    "mixed-utf8-cp1256.txt": (text_for("mixed-utf8-cp1256.txt"), "utf-8 + cp1256 (mixed lines)"),
    "mojibake-utf8-as-cp1256.txt": (text_for("mojibake-utf8-as-cp1256.txt"), "utf-8 (repaired: utf-8 read as cp1256)"),
    "mojibake-cp1256-as-latin1.txt": (text_for("mojibake-cp1256-as-latin1.txt"),
                                      "utf-8 (repaired: cp1256 read as latin-1)"),
    "nul-bytes.txt": (text_for("nul-bytes.txt").replace("الحديث", "الحد\ufffdيث"), "utf-8"),
    "lone-surrogate-wtf8.txt": (text_for("lone-surrogate-wtf8.txt").replace("تركيا", "تركيا\ufffd"), "utf-8"),
    "truncated-utf8.txt": (text_for("truncated-utf8.txt") + "\ufffd", "utf-8"),
    "bidi-controls.txt": (BIDI, "utf-8"),
    "html-looking.txt": (HTML_LIKE, "utf-8"),
    "emoji-and-ligatures.txt": ("ﻷنقرة 😀👍🏽 قال\u0640\u0640 وزير\u200d الدفاع\u064e", "utf-8"),
    "sub/nested.txt": (text_for("sub/nested.txt", SECOND), "utf-8"),
    "link-inside.txt": (text_for("link-inside.txt", SECOND), "utf-8"),
    "deep-nesting.jsonl:2": (text_for("deep-nesting.jsonl", SECOND), "utf-8"),
    "truncated-last-line.jsonl:1": (text_for("truncated-last-line.jsonl"), "utf-8"),
    "lone-surrogates.jsonl:1": ("نص عن \ufffd تركيا", "utf-8"),
    "nul.jsonl:2": ("ن\ufffdص عن تركيا", "utf-8"),
    "mixed-encodings.jsonl:1": (text_for("mixed-encodings.jsonl"), "utf-8"),
    "mixed-encodings.jsonl:2": (text_for("mixed-encodings.jsonl", SECOND), "cp1256"),
    "utf16-bom.jsonl:1": (text_for("utf16-bom.jsonl"), "utf-16-le"),
    "bidi.jsonl:1": (text_for("bidi.jsonl", BIDI), "utf-8"),
    "html-looking.jsonl:1": (text_for("html-looking.jsonl", HTML_LIKE), "utf-8"),
    "bad-numbers.jsonl:2": (text_for("bad-numbers.jsonl:2", SECOND), "utf-8"),
    "bad-numbers.jsonl:6": (text_for("bad-numbers.jsonl:6", SECOND), "utf-8"),
    "big-int-first.json:2": (text_for("big-int-first.json:2", SECOND), "utf-8"),
    **{f"csv-injection.csv:{i + 2}": (cell, "utf-8") for i, cell in enumerate(INJECTION)},
    "broken-quoting.csv:2": (text_for("broken-quoting.csv"), "utf-8"),
    "broken-quoting.csv:5": (text_for("broken-quoting.csv", SECOND), "utf-8"),
    "wrong-columns.tsv:2": (text_for("wrong-columns.tsv", SECOND), "utf-8"),
    "mixed-encodings.csv:2": (text_for("mixed-encodings.csv", SECOND), "utf-8"),
    "mixed-encodings.csv:3": (text_for("mixed-encodings.csv", FIRST_LINE), "cp1256"),
    "nul-cell.csv:2": (text_for("nul-cell.csv", SECOND).replace("الرقة", "الر\ufffdقة"), "utf-8"),
    "huge-cell.tsv:3": (text_for("huge-cell.tsv", SECOND), "utf-8"),
    "scripts-iframes.html": (FIRST_LINE + "\n\n" + ARTICLE.split("\n")[1], "utf-8"),
    "unclosed-head.html": (FIRST_LINE + "\n\n" + text_for("unclosed-head.html", ARTICLE.split("\n")[1]), "utf-8"),
    "meta-utf16-lie.html": (text_for("meta-utf16-lie.html", SECOND), "utf-8"),
    "meta-cp1256-but-utf8.html": (text_for("meta-cp1256-but-utf8.html", SECOND), "utf-8"),
    "cp1256.html": (text_for("cp1256.html", SECOND), "windows-1256"),
    "deep-divs.html": (text_for("deep-divs.html", SECOND), "utf-8"),
    "truncated.html": (text_for("truncated.html", SECOND), "utf-8"),
}

LIMIT = "--max-chars"
# origin -> words the message must contain: what is wrong, and what to do
SKIPPED = {
    "empty-0-bytes.txt": ["empty text", "remove it"],
    "whitespace-only.txt": ["empty text", "remove it"],
    "bom-only.txt": ["empty text", "remove it"],
    "binary-random.txt": ["binary data", "import text, JSONL, CSV or HTML"],
    "png-named-txt.txt": ["binary data", "import text, JSONL, CSV or HTML"],
    "huge-line.txt": ["6,000,000 characters", "5,000,000-character limit", "split it", LIMIT],
    "deep-nesting.jsonl:1": ["nested too deeply", "one JSON object"],
    "deep-nesting.json": ["nested too deeply", "flat object"],
    "truncated-array.json:6": ["invalid JSON document", "line 6", "cut off", "convert it to JSON Lines"],
    "truncated-last-line.jsonl:2": ["Unterminated string", "one JSON object"],
    "nul.jsonl:1": ["Invalid control character", "one JSON object"],
    "not-objects.jsonl:1": ["a JSON list, not an object", "each line must be one object"],
    "not-objects.jsonl:2": ["not an object", "each line must be one object"],
    "not-objects.jsonl:3": ["a JSON str, not an object", "each line must be one object"],
    "not-objects.jsonl:4": ["field 'text' is a int", "put the article text in a string"],
    "not-objects.jsonl:5": ["no text field", "fields are: title", "--text-field"],
    "not-objects.jsonl:6": ["empty text", "check the text field"],
    "binary.jsonl": ["binary data", "import text, JSONL, CSV or HTML"],
    # regression (issue 9, item 10): a 5,000-digit integer ended the read of the file, no line named
    "bad-numbers.jsonl:1": ["integer of 5,000 digits", "4,300-digit limit", "write it as a string"],
    "big-int-first.json:1": ["integer of 5,000 digits", "write it as a string"],
    # regression (issue 9, item 9): NaN, Infinity and 1e999 were imported and written into every export
    "bad-numbers.jsonl:3": ["Infinity is not a JSON number", "finite number"],
    "bad-numbers.jsonl:4": ["NaN is not a JSON number", "finite number"],
    "bad-numbers.jsonl:5": ["-1e999 is too large for a 64-bit float", "smaller number"],
    "big-array.json": ["MB is over the 40.0 MB limit", "convert it to JSON Lines", "jq -c"],
    "broken-quoting.csv:4": ["',' expected", "fix the row's quoting"],
    "broken-quoting.csv:6": ["never closed", "lines 6-7 were not read", "fix the row's quoting"],
    "wrong-columns.tsv:3": ["3 columns where the header has 2", "fix the row's quoting"],
    "wrong-columns.tsv:4": ["1 columns where the header has 2", "fix the row's quoting"],
    "no-text-column.csv:1": ["no text column", "columns are: id, body", "--text-column"],
    "huge-cell.tsv:2": ["34,603,008 characters", "split it", LIMIT],
    "header-only.csv": None,  # a header and no rows: nothing to import and nothing wrong
    "only-script.html": ["empty text", "remove it"],
    "self-loop.txt": ["loops back on itself", "not followed", "fix or remove the link"],
    "broken-link.txt": ["broken link", "fix or remove the link"],
    "named-pipe.txt": ["not a regular file", "pipe", "import regular files"],
    "sub/up-loop": ["symbolic link to a folder", "not followed", "import that folder itself"],
    # regression (issue 9, item 5): links out of the folder named were read (/etc/shadow, /proc/self/environ)
    "link-outside.txt": ["a symbolic link to ", "outside-of-corpus/secret.txt, outside the files and folders named "
                         "on the command line", "--follow-links"],
    "sub/link-outside-folder": ["outside-of-corpus, outside the files and folders named", "--follow-links"],
    "link-proc-environ.txt": ["a symbolic link to /proc/", "/environ, a system file", "never read"],
    "link-dev-zero.txt": ["a symbolic link to /dev/zero, a system file", "never read"],
    ".hidden-target.txt": None,  # a hidden file is not walked; the link to it is read
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The hostile folder imported (once) into a real project with the sample lexicon."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "in"
    hostile.build(folder)
    project = Project.create(root / "hostile.annotator")
    load_actors(project, REPO / "resources" / "lexicon" / "sample.toml")
    report = import_paths(project, [folder])
    yield folder, project, report
    project.close()


def _by_origin(project, folder: Path) -> dict[str, dict]:
    return {a["origin"].removeprefix(f"{folder}/"): a for a in map(project.article, project.article_ids())}


def test_the_corpus_has_at_least_30_distinct_bad_files(corpus):
    folder, _, _ = corpus
    files = {o.split(":")[0] for o in [*IMPORTED, *SKIPPED]}
    assert len(files) >= 30
    on_disk = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_symlink() or not p.is_dir()}
    assert files == on_disk


def test_counts_add_up(corpus):
    _, project, report = corpus
    assert report.imported == len(IMPORTED) == project.count_articles(), report.summary(200)
    assert report.duplicates == 0
    expected_skips = {o for o, words in SKIPPED.items() if words}
    assert len(report.skipped) == len(expected_skips), report.summary(200)


@pytest.mark.parametrize("origin", sorted(IMPORTED))
def test_imported_with_the_right_text(corpus, origin):
    folder, project, _ = corpus
    text, encoding = IMPORTED[origin]
    art = _by_origin(project, folder)[origin]
    assert art["text"] == text
    assert art["encoding"] == encoding
    assert art["text_sha256"] == sha256_text(text)


@pytest.mark.parametrize("origin", sorted(SKIPPED))
def test_refused_with_a_message_naming_the_file_and_what_to_do(corpus, origin):
    folder, project, report = corpus
    reasons = dict(report.skipped)
    words = SKIPPED[origin]
    where = str(folder / origin.split(":")[0]) + (":" + origin.split(":")[1] if ":" in origin else "")
    if words is None:
        assert not any(o.startswith(str(folder / origin)) for o in reasons)
        return
    assert where in reasons, report.summary(200)
    for w in words:
        assert w in reasons[where]
    assert f"skipped {where}: {reasons[where]}" in report.summary(200)
    assert not any(a["origin"] == where for a in map(project.article, project.article_ids()))


def test_the_project_is_consistent_afterwards(corpus):
    _, project, _ = corpus
    c = project.conn
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert c.execute("PRAGMA foreign_key_check").fetchall() == []
    n_articles = project.count_articles()
    assert c.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == n_articles
    assert c.execute("SELECT count(*) FROM articles WHERE n NOT IN (SELECT rowid FROM articles_fts)").fetchone()[0] == 0
    assert c.execute("SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM segments)").fetchone()[0] == 0
    for aid in project.article_ids():
        text = project.article_text(aid)
        assert canonicalize(text) == text and "\x00" not in text
        text.encode("utf-8")  # no lone surrogate reached the file
        segs = project.segments(aid)
        assert segs[0]["start"] == 0 and segs[-1]["end"] == len(text)
        assert all(a["end"] == b["start"] for a, b in zip(segs, segs[1:]))
        for m in project.mentions(aid):
            assert 0 <= m.start < m.end <= len(text)


def test_surrogates_and_nul_in_other_fields_are_stored_as_replacement_characters(corpus):
    folder, project, _ = corpus
    art = _by_origin(project, folder)["lone-surrogates.jsonl:1"]
    assert (art["ext_id"], art["title"]) == ("s\ufffd", "عنوان\ufffd")
    meta = art["meta"] if isinstance(art["meta"], dict) else json.loads(art["meta"])
    assert meta == {"extra": {"k\ufffd": "v\ufffd"}}


def test_bidi_controls_are_kept_and_reported(corpus):
    folder, _, report = corpus
    notes = dict(report.notes)
    assert set(notes) == {str(folder / "bidi-controls.txt"), f"{folder / 'bidi.jsonl'}:1"}
    note = notes[str(folder / "bidi-controls.txt")]
    assert note.startswith("14 bidi control character(s) (U+202A, U+202B, U+202C, U+202D, U+202E, U+2066,")
    assert f"note {folder / 'bidi-controls.txt'}: 14 bidi" in report.summary()


def test_csv_injection_cells_stay_plain_text_in_every_export(corpus, tmp_path):
    """Formula-looking cells are article text, stored and exported verbatim as JSON strings; no
    export writes a spreadsheet format (where they could run), which this test pins down."""
    folder, project, _ = corpus
    by_origin = _by_origin(project, folder)
    for i, cell in enumerate(INJECTION):
        art = by_origin[f"csv-injection.csv:{i + 2}"]
        assert (art["text"], art["title"]) == (cell, cell)
        project.set_stance(art["id"], AUTHOR, "TUR", "NONE", annotator="tester")  # so `pairs` has rows
    assert not {"csv", "tsv", "xlsx", "ods"} & set(export_mod.FORMATS)
    for fmt in export_mod.FORMATS:
        out = tmp_path / f"out.{fmt}.jsonl"
        export_mod.export(project, out, fmt)
        content = out.read_text(encoding="utf-8")
        for cell in INJECTION:
            assert json.dumps(cell, ensure_ascii=False) in content, fmt


def test_html_is_reduced_to_its_text_and_nothing_active_survives(corpus):
    folder, project, _ = corpus
    art = _by_origin(project, folder)["scripts-iframes.html"]
    assert art["title"] == "عنوان الصفحة"
    for bad in ("evil", "alert", "fetch", "script", "iframe", "نص الإطار", "بديل", "http"):
        assert bad not in art["text"]


def test_max_chars_refuses_or_admits_a_long_article(project, tmp_path):
    f = tmp_path / "long.txt"
    f.write_text("قال " * 50, encoding="utf-8")  # 200 characters
    r = import_paths(project, [f], options=ReadOptions(max_chars=150))
    assert r.imported == 0 and "200 characters is over the 150-character limit" in r.skipped[0][1]
    assert project.count_articles() == 0
    r = import_paths(project, [f], options=ReadOptions(max_chars=250))
    assert r.imported == 1 and len(project.article_text(r.article_ids[0])) == 200


def test_a_broken_docs_line_costs_only_itself(project, tmp_path):
    f = tmp_path / "d.jsonl"
    f.write_text('{"text": "نص"}\n[1]\n', encoding="utf-8")
    r = import_paths(project, [f], fmt="docs")
    reasons = dict(r.skipped)
    assert set(reasons) == {f"{f}:1", f"{f}:2"} and r.imported == 0
    assert "not an object" in reasons[f"{f}:2"]
    assert project.count_articles() == 0


# Peak memory of the CLI process (VmHWM: ru_maxrss would include the pytest process it was forked
# from) and of the worker process it starts (ru_maxrss of the children: an upper bound, as it may
# include the CLI process at the moment it forked).
_MEASURE = """
import re, resource, sys
from pathlib import Path
from annotator.cli import main
rc = main(sys.argv[1:])
sys.stdout.flush()
hwm = re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)
print("MAXRSS_KB", hwm, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(rc)
"""
# Bound on the peak memory of the importing process and of its worker: Python with SQLite and the
# package take about 60-90 MB; the reader holds at most one record (the 40 MB line limit) and its
# decoded text. 350 MB is far below the 200 MB file read whole and decoded (over 600 MB).
MAX_RSS_MB = 350


@pytest.mark.slow
def test_200_mb_files_are_refused_or_streamed_in_bounded_memory(tmp_path):
    folder = tmp_path / "huge"
    hostile.build_huge(folder)
    project = tmp_path / "p.annotator"
    Project.create(project).close()
    env = dict(os.environ, PYTHONPATH=str(REPO))
    run = subprocess.run([sys.executable, "-c", _MEASURE, "import", str(project), str(folder), "--no-suggest"],
                         capture_output=True, text=True, env=env, timeout=600)
    assert run.returncode == 0, run.stderr
    rss = [int(x) // 1024 for x in run.stderr.split("MAXRSS_KB")[1].split()]
    assert max(rss) < MAX_RSS_MB, rss
    out = run.stdout
    assert f"imported {hostile.HUGE_JSONL_RECORDS} article(s)" in out
    huge_line = hostile.HUGE_JSONL_RECORDS // 2 + 1
    assert (f"skipped {folder / 'huge-line.jsonl'}:{huge_line}: line of {hostile.HUGE_LINE_BYTES:,} bytes is over the "
            "40,000,000-byte limit for one record; split the article, or raise the limit with --max-chars") in out
    size = (folder / "huge-200mb.txt").stat().st_size
    assert (f"skipped {folder / 'huge-200mb.txt'}: file of {size / 1e6:.1f} MB is over the 20.0 MB limit for one article of at "
            "most 5,000,000 characters; split it into one file per article") in out
    with Project.open(project) as p:
        assert p.count_articles() == hostile.HUGE_JSONL_RECORDS
        assert p.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert max(len(p.article_text(a)) for a in p.article_ids()) < 100


def _docs_lines(project, tmp_path) -> list[dict]:
    out = tmp_path / "docs.jsonl"
    export_mod.export(project, out, "docs")
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_a_docs_line_with_deep_meta_json_or_non_finite_numbers_costs_only_itself(sample_project, tmp_path):
    """Regression (issue 9, items 8 and 9): a `meta_json` nested 100,000 deep aborted the whole docs
    import with RecursionError; `"seconds": Infinity` (NaN, 1e999) was imported and then written
    into every export; a 401-digit integer there ended the import with OverflowError. Each is now
    its line's error, and the other lines are imported."""
    first, second = _docs_lines(sample_project, tmp_path)
    deep = dict(first, meta_json="[" * 100_000 + "]" * 100_000)
    status = {"annotator": "ali", "status": "done", "reason": "", "seconds": 1.5, "updated_at": "2026-01-01"}
    line = json.dumps(dict(second, status=[status]), ensure_ascii=False)
    bad = [line.replace('"seconds": 1.5', f'"seconds": {n}') for n in ("Infinity", "NaN", "1e999", "1" + "0" * 400)]
    f = tmp_path / "in.jsonl"
    f.write_text("\n".join([json.dumps(deep, ensure_ascii=False), *bad, line, json.dumps(first, ensure_ascii=False)])
                 + "\n", encoding="utf-8")
    target = Project.create(tmp_path / "target.annotator")
    try:
        r = import_paths(target, [f], fmt="docs", suggest=False)
        reasons = dict(r.skipped)
        assert r.imported == 2 and set(reasons) == {f"{f}:{i}" for i in (1, 2, 3, 4, 5)}, r.summary()
        assert "meta_json is not valid JSON (nested too deeply)" in reasons[f"{f}:1"]
        assert "Infinity is not a JSON number" in reasons[f"{f}:2"]
        assert "NaN is not a JSON number" in reasons[f"{f}:3"]
        assert "1e999 is too large for a 64-bit float" in reasons[f"{f}:4"]
        # an integer too large for a float gave an OverflowError traceback that ended the import
        assert "status[0].seconds: the number 10000000000000000000... is out of range" in reasons[f"{f}:5"]
        assert target.stats()["seconds"] == {"ali": 1.5}
    finally:
        target.close()


def test_time_spent_must_be_a_finite_number(project):
    """Regression (issue 9, item 9): add_time stored NaN and Infinity, which every export then wrote."""
    project.add_article(*_one_article())
    aid = project.article_ids()[0]
    for bad in (float("inf"), float("nan")):
        with pytest.raises(ValueError, match="not a time spent"):
            project.add_time(aid, "ali", bad)
    assert project.stats()["seconds"] == {}


def _one_article():
    from annotator.storage.project import ArticleRecord

    text = SECOND
    return ArticleRecord(text=text, raw=text.encode("utf-8"), encoding="utf-8"), []


def test_no_json_output_carries_nan_or_infinity(sample_project, tmp_path):
    """Regression (issue 9, item 9): Infinity stored in a project (a file prepared elsewhere, or
    imported before numbers were checked) was written as `Infinity` into `stats --json` and every
    export, which no JSON reader loads. Now each refuses with a message naming where it is."""
    aid = sample_project.article_ids()[0]
    sample_project.add_time(aid, "ali", 5.0)
    sample_project.conn.execute("UPDATE article_status SET seconds = 1e999 WHERE annotator = 'ali'")
    path = str(sample_project.path)
    env = dict(os.environ, PYTHONPATH=str(REPO))
    run = subprocess.run([sys.executable, "-m", "annotator", "stats", path, "--json"], capture_output=True,
                         text=True, env=env)
    assert run.returncode == 2 and run.stdout == "" and "Traceback" not in run.stderr
    assert "annotator stats: seconds.ali is inf, which JSON cannot carry" in run.stderr
    for fmt in export_mod.FORMATS:
        out = tmp_path / f"out-{fmt}.jsonl"
        run = subprocess.run([sys.executable, "-m", "annotator", "export", path, "-o", str(out), "--format", fmt],
                             capture_output=True, text=True, env=env)
        if fmt == "docs":  # the only format that carries time spent
            assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
            assert f"article {aid}: status[0].seconds is inf, which JSON cannot carry" in run.stderr
            assert not out.exists()
        else:
            assert run.returncode == 0 and "Infinity" not in out.read_text(encoding="utf-8")
    sample_project.conn.execute("UPDATE article_status SET seconds = 1.0")
    sample_project.conn.execute("UPDATE articles SET meta = '{\"x\": Infinity}' WHERE id = ?", (aid,))
    run = subprocess.run([sys.executable, "-m", "annotator", "export", path, "-o", str(tmp_path / "m.jsonl")],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 2 and f"article {aid}: its metadata holds a number JSON cannot carry" in run.stderr


def _link_corpus(tmp_path: Path) -> tuple[Path, Path]:
    """A corpus folder with links out of it, into /proc and /dev, and back up into itself."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(text_for("secret", SECOND), encoding="utf-8")
    (outside / "other.txt").write_text(text_for("other", SECOND), encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(text_for("a", SECOND), encoding="utf-8")
    os.symlink(outside / "secret.txt", corpus / "out.txt")
    os.symlink(outside, corpus / "outdir")
    os.symlink("/proc/self/environ", corpus / "env.txt")
    os.symlink("/dev/zero", corpus / "zero.txt")
    os.symlink("..", corpus / "sub" / "loop")
    return corpus, outside


def test_follow_links_reads_links_out_of_the_corpus_but_never_proc_sys_dev_and_never_loops(project, tmp_path):
    """Regression (issue 9, item 5): with --follow-links, links are read wherever they point, except
    /proc, /sys and /dev; a folder link back up is read once, not forever."""
    corpus, outside = _link_corpus(tmp_path)
    r = import_paths(project, [corpus], follow_links=True, suggest=False)
    reasons = dict(r.skipped)
    origins = {project.article(a)["origin"] for a in project.article_ids()}
    assert origins == {str(corpus / "a.txt"), str(corpus / "out.txt"), str(corpus / "outdir" / "other.txt")}
    assert r.duplicates == 1  # outdir/secret.txt is out.txt's text
    assert "/environ, a system file (under /proc, /sys or /dev); never read" in reasons[str(corpus / "env.txt")]
    assert "a symbolic link to /dev/zero, a system file" in reasons[str(corpus / "zero.txt")]
    assert f"a folder already read ({corpus}; a link loop" in reasons[str(corpus / "sub" / "loop")]
    assert len(reasons) == 3, r.summary()


def test_a_link_named_on_the_command_line_is_read_only_when_it_points_into_what_was_named(project, tmp_path):
    """Regression (issue 9, item 5): `annotator import P corpus/*` names each link itself; a link
    named does not make its target a place named, so `corpus/*` cannot reach /etc/shadow."""
    corpus, outside = _link_corpus(tmp_path)
    r = import_paths(project, sorted(corpus.iterdir()), suggest=False)
    reasons = dict(r.skipped)
    assert r.imported == 1 and project.article(r.article_ids[0])["origin"] == str(corpus / "a.txt")
    assert "outside the files and folders named on the command line" in reasons[str(corpus / "out.txt")]
    assert "outside the files and folders named on the command line" in reasons[str(corpus / "outdir")]
    assert "never read" in reasons[str(corpus / "env.txt")] and "never read" in reasons[str(corpus / "zero.txt")]
    r = import_paths(project, [corpus / "out.txt", outside], suggest=False)
    assert (r.imported, r.duplicates, r.skipped) == (2, 1, [])  # the link points into a folder named
    for named in ("/proc/self/environ", "/dev/zero", "/sys/kernel"):
        r = import_paths(project, [named], follow_links=True, suggest=False)
        assert r.imported == 0 and "never read" in r.skipped[0][1], named


def test_the_project_file_and_its_wal_and_shm_in_the_folder_imported_are_never_opened(project, tmp_path):
    """Regression: importing the folder that holds the project opened the project file (closing
    any descriptor of it drops this process's SQLite locks) and read its -wal and -shm as text."""
    (tmp_path / "a.txt").write_text(SECOND, encoding="utf-8")
    project.set_setting("x", 1)  # a write, so that -wal and -shm exist
    os.link(project.path, tmp_path / "hard-link-to-the-project.txt")
    r = import_paths(project, [tmp_path], suggest=False)
    reasons = dict(r.skipped)
    names = {"test.annotator", "test.annotator-wal", "test.annotator-shm", "hard-link-to-the-project.txt"}
    assert {Path(o).name for o in reasons} == names, r.summary()
    assert all(why == "this is the project file itself (or its -wal/-shm); not read" for why in reasons.values())
    assert r.imported == 1


@pytest.mark.parametrize("parallel", [False, True])
def test_a_record_nested_900_deep_costs_only_itself_also_in_the_worker_process(project, tmp_path, parallel):
    """Regression: a JSONL line nested 900 levels deep parses (json allows about 990), but pickling
    it to send from the import worker raised RecursionError, killing the worker and ending the whole
    import ("the import worker process stopped"). Records deeper than 100 levels are refused."""
    f = tmp_path / "nested.jsonl"
    f.write_bytes(b'{"text": "x", "m": ' + b"[" * 900 + b"]" * 900 + b"}\n"
                  + b'{"text": "y", "m": {"a": ' + b"[" * 98 + b"]" * 98 + b"}}\n"
                  + json.dumps({"text": SECOND}, ensure_ascii=False).encode("utf-8") + b"\n")
    docs = tmp_path / "nested-docs.jsonl"
    docs.write_bytes(b'{"id": "x", "extra": ' + b"[" * 900 + b"]" * 900 + b"}\n")
    r = import_paths(project, [f, docs], parallel=parallel, suggest=False)
    reasons = dict(r.skipped)
    assert r.imported == 2 and set(reasons) == {f"{f}:1", f"{docs}:1"}, r.summary()
    assert reasons[f"{f}:1"] == ("a record nested more than 100 levels deep (lists or objects inside each other); "
                                 "flatten it")
