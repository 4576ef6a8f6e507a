"""Issue 9 item 7, terminal injection: escape sequences, CR and bidi overrides in titles, file names,
actor ids, annotator names and the `.open` presence record were printed raw by `search`, `stats`,
import summaries, presence notes and error messages (an OSC 52 title could set the clipboard).
Every CLI command is run as a real subprocess on a project full of such values; nothing raw may
reach stdout or stderr, the escaped forms must, Arabic stays readable, and `--json` stays exact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.model import Actor, Alias
from annotator.core.terminal import for_terminal
from annotator.ingest import import_paths
from annotator.storage.project import Project

OSC52 = "\x1b]52;c;SGVsbG8=\x07"  # sets the terminal's clipboard
CSI = "\x1b[2J\x1b[31m"  # clears the screen, turns red
HOSTILE = f"{OSC52}{CSI}\x9b1m\r\u202e"
RAW = ("\x1b", "\x07", "\x9b", "\r", "\u202e")
ESCAPED = ("\\x1b]52;c;SGVsbG8=\\x07", "\\x1b[2J", "\\u009b1m", "\\u202e")  # (import turns a title's CR into a newline)
ARABIC = "تركيا ترفض"
ANNOTATOR = f"ali{HOSTILE}"
ACTOR = f"TUR{HOSTILE}"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    return subprocess.run([sys.executable, "-m", "annotator", *args], capture_output=True, text=True,
                          encoding="utf-8", cwd=cwd, env=env, timeout=120)


def _assert_safe(result: subprocess.CompletedProcess, *expected: str) -> None:
    for stream in (result.stdout, result.stderr):
        for raw in RAW:
            assert raw not in stream, (raw, stream)
    both = result.stdout + result.stderr
    for text in expected:
        assert text in both, (text, both)


@pytest.fixture
def hostile_project(tmp_path: Path) -> Path:
    """A project whose article title, actor id, annotator name, label note and file names are hostile."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.jsonl").write_text(json.dumps({"title": f"عنوان {HOSTILE}", "text": f"قال المتحدث إن {ARABIC}"},
                                               ensure_ascii=False) + "\n", encoding="utf-8")
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        (aid,) = import_paths(p, [corpus / "a.jsonl"]).article_ids
        p.upsert_actor(Actor(ACTOR, f"تركيا{HOSTILE}", aliases=[Alias("تركيا")]))
        for annotator in (ANNOTATOR, "mona"):
            p.set_stance(aid, "AUTHOR", ACTOR, "AGAINST" if annotator == "mona" else "FAVOR", annotator)
            p.set_status(aid, annotator, "done")
    return path


def test_search_escapes_titles_and_keeps_arabic(hostile_project, tmp_path):
    result = _run("search", str(hostile_project), "تركيا", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _assert_safe(result, *ESCAPED, "عنوان ")


def test_stats_escapes_annotator_and_actor_names(hostile_project, tmp_path):
    result = _run("stats", str(hostile_project), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _assert_safe(result, *ESCAPED, "mona")


def test_stats_json_stays_exact_valid_json(hostile_project, tmp_path):
    result = _run("stats", str(hostile_project), "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _assert_safe(result)
    data = json.loads(result.stdout)
    assert ANNOTATOR in data["stances_by_annotator"]  # the very same name, not an escaped copy
    assert ACTOR in data["stances_by_target"]


def test_actors_list_adjudicate_agreement_and_undo_escape_values(hostile_project, tmp_path):
    for args in (("actors", str(hostile_project), "--list"), ("adjudicate", str(hostile_project)),
                 ("agreement", str(hostile_project))):
        result = _run(*args, cwd=tmp_path)
        assert result.returncode == 0, (args, result.stderr)
        _assert_safe(result, "\\x1b]52;c;SGVsbG8=\\x07")
    result = _run("undo", str(hostile_project), "--annotator", ANNOTATOR, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _assert_safe(result, "undone:")


def test_import_summary_escapes_file_names(tmp_path):
    project = tmp_path / "p.annotator"
    assert _run("init", str(project), cwd=tmp_path).returncode == 0
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"bad{OSC52}\u202e\r.jsonl").write_text("{not json\n", encoding="utf-8")
    (corpus / "good.txt").write_text(f"قال المتحدث إن {ARABIC}", encoding="utf-8")
    result = _run("import", str(project), str(corpus), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _assert_safe(result, "bad\\x1b]52;c;SGVsbG8=\\x07\\u202e\\x0d.jsonl", "imported 1 article(s)")


def test_presence_note_escapes_the_open_record(hostile_project, tmp_path):
    holder = {"id": "x", "pid": 1, "host": f"far{OSC52}", "started": "", "program": "gui",
              "annotator": ANNOTATOR, "since": f"2026-01-01T00:00:00Z{CSI}"}
    Path(f"{hostile_project}.open").write_text(json.dumps({"holders": [holder]}), encoding="utf-8")
    result = _run("suggest", str(hostile_project), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _assert_safe(result, "is also open elsewhere", "the annotation window of ali\\x1b]52", "on far\\x1b]52")


def test_error_messages_escape_paths_and_values(tmp_path):
    result = _run("stats", str(tmp_path / f"missing{OSC52}\u202e\r\n.annotator"), cwd=tmp_path)
    assert result.returncode == 2
    _assert_safe(result, "missing\\x1b]52;c;SGVsbG8=\\x07\\u202e\\x0d\\x0a.annotator")
    assert result.stderr.count("\n") == 1  # the newline in the name forged no second line


def test_for_terminal_escapes_controls_only():
    assert for_terminal(f"{ARABIC}\tb\n") == f"{ARABIC}\\x09b\\x0a"
    assert for_terminal(f"{ARABIC}\tb\n", lines=True) == f"{ARABIC}\tb\n"
    assert for_terminal("\x00\x7f\x85\u061c\u200e\u200f\u202a\u2066\u2069") == (
        "\\x00\\u007f\\u0085\\u061c\\u200e\\u200f\\u202a\\u2066\\u2069")
    assert for_terminal("café Ω 😀 \u200d\u064b") == "café Ω 😀 \u200d\u064b"  # ZWJ and tashkeel stay
