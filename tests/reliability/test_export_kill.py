"""A crash during export never leaves a partial output file.

`annotator export` (the CLI, a subprocess) is killed with SIGKILL while it is writing: the moment
its temporary file has content. The output path then still holds the previous file (or nothing),
never part of a new one, also for `--split-files`. What a SIGKILL cannot clean up at once is the
hidden temporary file (`.OUT.PID-RANDOM.part` beside the output); it is never the output itself, and
the next export to that output removes it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from annotator.core.model import AUTHOR
from annotator.core.text import canonicalize
from annotator.resources import resource
from annotator.storage.project import ArticleRecord, Project
from reliakit import REPO, child_env

ARTICLES = 3000


def big_project(path: Path) -> Path:
    sentences = [line for f in sorted(resource("samples").glob("*.txt"))
                 for line in f.read_text(encoding="utf-8").splitlines() if len(line) > 40]
    with Project.create(path) as p:
        p.conn.execute("INSERT INTO actors(id, name_ar, name_en, type, color, updated_at)"
                       " VALUES ('TUR', 'تركيا', 'Turkey', 'state', '#c62828', '')")
        p.reload_actors()
        with p.db.atomic():
            for i in range(ARTICLES):
                text = canonicalize("\n".join(sentences[(i + k) % len(sentences)] for k in range(8)) + f"\n{i}")
                p.add_article(ArticleRecord(text=text, raw=text.encode(), encoding="utf-8", title=f"خبر {i}"))
        for aid in p.article_ids()[:50]:
            p.set_stance(aid, AUTHOR, "TUR", "AGAINST", "ali")
            p.set_status(aid, "ali", "done")
    return path


def kill_while_writing(project: Path, out: Path, *args: str) -> int:
    """Start an export and SIGKILL it once its temporary file has content; returns how many
    temporary files it left."""
    before = set(out.parent.iterdir())
    proc = subprocess.Popen([sys.executable, "-m", "annotator", "export", str(project), "-o", str(out), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=child_env(), cwd=REPO)
    deadline = time.monotonic() + 120
    while not any(p.name.endswith(".part") and p.stat().st_size > 0
                  for p in set(out.parent.iterdir()) - before if p.exists()):
        assert proc.poll() is None, "the export ended before it could be killed: " + proc.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.002)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    proc.stderr.close()
    left = [p for p in set(out.parent.iterdir()) - before]
    assert all(p.name.startswith(".") and p.name.endswith(".part") for p in left), left
    return len(left)


@pytest.mark.slow
def test_sigkill_during_export_leaves_the_previous_output(tmp_path):
    project = big_project(tmp_path / "big.annotator")
    out = tmp_path / "out" / "docs.jsonl"
    out.parent.mkdir()
    out.write_text("previous export\n", encoding="utf-8")
    for _ in range(3):
        assert kill_while_writing(project, out, "--format", "docs") == 1
        assert out.read_text(encoding="utf-8") == "previous export\n"
    assert kill_while_writing(project, out, "--format", "label-studio") == 1
    assert out.read_text(encoding="utf-8") == "previous export\n"

    split = tmp_path / "split" / "docs.jsonl"
    split.parent.mkdir()
    assert kill_while_writing(project, split, "--format", "docs", "--split", "0.8,0.1,0.1", "--split-files") == 3
    assert all(p.name.endswith(".part") for p in split.parent.iterdir())

    # after the crashes, a complete export replaces the previous file in one piece
    done = subprocess.run([sys.executable, "-m", "annotator", "export", str(project), "-o", str(out),
                           "--format", "docs"], capture_output=True, text=True, env=child_env(), cwd=REPO)
    assert done.returncode == 0, done.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == ARTICLES
    assert all(json.loads(line)["text"] for line in lines)
    assert sorted(p.name for p in out.parent.iterdir()) == ["docs.jsonl"]  # the killed runs' parts swept


def test_an_export_removes_only_the_temporaries_of_dead_exports(tmp_path):
    from annotator.io.export import export

    with Project.create(tmp_path / "p.annotator") as p:
        out = tmp_path / "docs.jsonl"
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True).stdout.strip()
        abandoned = tmp_path / f".docs.jsonl.{dead}-0a1b2c3d4e5f.part"
        running = tmp_path / f".docs.jsonl.{os.getpid()}-0a1b2c3d4e5f.part"  # alive: this process
        other = tmp_path / f".other.jsonl.{dead}-0a1b2c3d4e5f.part"  # another output's
        for f in (abandoned, running, other):
            f.write_text("partial", encoding="utf-8")
        export(p, out, "docs")
    assert not abandoned.exists()
    assert running.exists() and other.exists() and out.exists()
