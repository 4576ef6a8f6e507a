"""Two programs on one project file at once: no lost update, no "database is locked".

- Two `crash_child.py` processes edit the sample project at the same moment through their own
  `AnnotationSession`s, as two annotators and as one annotator in two windows. Neither raises, no
  edit fails with "database is locked", and replaying the change log from the start gives the
  tables exactly, each entry's `before` matching the rows it replaced: no edit overwrote a row it
  had not seen. With one annotator in two windows the sessions do run into each other's changes,
  and say so.
- In this process, a real main window meets rows another connection changed: the stale edit is
  refused (ConflictError or a vanished row), the user is told, the article is reloaded, and the
  other program's rows stay as they were; Refresh (F5) shows what the other program did.
- The real main window edits while `annotator import` (the CLI, a subprocess) writes its batches:
  every edit is committed, the import finishes, and after Refresh the list shows every article.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.model import AUTHOR
from annotator.resources import resource
from annotator.storage.project import Project
from annotator.ui.app import build_main_window
from annotator.ui.commands import DeleteStanceCommand, RemoveEvidenceCommand, SetStanceCommand, SetStatusCommand
from reliakit import CHILD, REPO, Ledger, Lines, check_file, child_env, parse

EDITS = 400
CHANGED_ELSEWHERE = "changed in another window or program"


@pytest.fixture
def window(qtbot, sample_path, settings):
    win = build_main_window(sample_path, settings, annotator="tester", record_time=False)
    assert win is not None
    qtbot.addWidget(win)
    yield win
    win.close()


def run_together(path: Path, annotators: list[str]) -> list[list[tuple[str, dict]]]:
    """Start one editing child per annotator, let them all begin at once, return each one's lines."""
    children = [
        subprocess.Popen([sys.executable, str(CHILD), "run", str(path), str(seed), name, str(EDITS)],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env={**child_env(), "CRASH_CHILD_WAIT": "1", "CRASH_CHILD_PAUSE": "0.004"}, cwd=REPO)
        for seed, name in enumerate(annotators, start=7)
    ]
    readers = [Lines(c.stdout) for c in children]
    for reader in readers:
        assert reader.read(60).startswith("ready ")
    for child in children:
        child.stdin.write(b"go\n")
        child.stdin.flush()
    out = []
    for child, reader in zip(children, readers):
        lines = []
        while (line := reader.read(120)) is not None:
            lines.append(parse(line))
        stderr = child.stderr.read().decode()
        assert child.wait(timeout=120) == 0, stderr  # no exception escaped
        assert "Traceback" not in stderr, stderr
        out.append(lines)
        child.stdin.close()
        child.stdout.close()
        child.stderr.close()
    return out


@pytest.mark.slow
@pytest.mark.parametrize("annotators", [["ali", "mona"], ["ali", "ali"]], ids=["two annotators", "one annotator twice"])
def test_two_processes_editing_at_once_lose_no_update(sample_path, annotators):
    with sqlite3.connect(str(sample_path)) as conn:
        ledger = Ledger(conn)
    outputs = run_together(sample_path, annotators)
    acks = [fields for lines in outputs for tag, fields in lines if tag == "ack"]
    failures = [fields["message"] for lines in outputs for tag, fields in lines if tag == "fail"]
    assert all(lines[-1][0] == "done" and lines[-1][1]["edits"] == EDITS for lines in outputs)
    assert not [m for m in failures if "locked" in m], failures
    problems, unacked = check_file(sample_path, ledger, acks)
    assert problems == [], "\n".join(problems[:10])
    assert unacked == 0
    # the two really edited at the same time: their commits interleave in the change log
    seqs = [[f["seq"] for tag, f in lines if tag == "ack"] for lines in outputs]
    assert max(min(s) for s in seqs) < min(max(s) for s in seqs)
    if annotators[0] == annotators[1]:
        assert any(CHANGED_ELSEWHERE in m for m in failures)
    assert all(CHANGED_ELSEWHERE in m for m in failures), failures


def test_a_stale_edit_is_refused_reported_and_the_article_reloaded(window):
    session = window.session
    aid = session.state.article_id
    failures: list[str] = []
    session.failed.connect(failures.append)
    other = Project.open(session.project.path)  # another window or program on the same file
    try:
        assert session.perform(lambda: SetStanceCommand(session, aid, AUTHOR, "TUR", "FAVOR"))
        stance_id = session.state.stances[0].id
        other.update_stance(stance_id, "tester", label="AGAINST")

        # undo would put back FAVOR over the other program's AGAINST: refused, reported, reloaded
        session.undo_stack.undo()
        assert failures and CHANGED_ELSEWHERE in failures[-1]
        assert CHANGED_ELSEWHERE in window.status.currentMessage()
        assert [s.label for s in session.state.stances] == ["AGAINST"]
        assert [s.label for s in other.stances(aid, "tester")] == ["AGAINST"]

        # an edit built from rows the other program changes before it is committed
        def raced():
            command = SetStanceCommand(session, aid, AUTHOR, "TUR", "NONE")
            other.update_stance(stance_id, "tester", note="ملاحظة من النافذة الأخرى")
            return command

        assert not session.perform(raced)
        stored = other.stances(aid, "tester")[0]
        assert (stored.label, stored.note) == ("AGAINST", "ملاحظة من النافذة الأخرى")
        assert session.state.stances[0].note == "ملاحظة من النافذة الأخرى"

        # evidence added elsewhere and removed here: committed, and the window reads the article
        # again instead of failing on evidence it never had (inside Qt's undo stack, a Python
        # exception would crash the process)
        evidence_id = other.add_evidence(stance_id, 0, 5, "tester")
        assert session.state.stances[0].evidence == []
        assert session.perform(lambda: RemoveEvidenceCommand(session, evidence_id))
        assert other.evidence_rows(stance_id) == [] and session.state.stances[0].evidence == []

        # a row deleted elsewhere: the edit is refused and the stance disappears from the window
        other.delete_stance(stance_id, "tester")
        n = len(failures)
        assert not session.perform(lambda: DeleteStanceCommand(session, stance_id))
        assert len(failures) == n + 1 and CHANGED_ELSEWHERE in failures[-1]
        assert session.state.stances == []

        # Refresh (F5) shows what the other program did meanwhile
        other.set_stance(aid, AUTHOR, "USA", "FAVOR", "tester")
        assert session.state.stances == []
        window.refresh_action.trigger()
        assert [(s.target, s.label) for s in session.state.stances] == [("USA", "FAVOR")]

        # both create the same stance (one per holder and target): the second is refused
        def created_meanwhile():
            command = SetStanceCommand(session, aid, AUTHOR, "TUR", "NONE")
            other.set_stance(aid, AUTHOR, "TUR", "AGAINST", "tester")
            return command

        n = len(failures)
        assert not session.perform(created_meanwhile)
        assert len(failures) == n + 1 and CHANGED_ELSEWHERE in failures[-1]
        assert sorted((s.target, s.label) for s in session.state.stances) == [("TUR", "AGAINST"), ("USA", "FAVOR")]
    finally:
        other.close()


def write_articles(path: Path, n: int) -> Path:
    """`n` distinct articles made of the sample articles' sentences (so the lexicon finds actors)."""
    sentences = [line for f in sorted(resource("samples").glob("*.txt"))
                 for line in f.read_text(encoding="utf-8").splitlines() if len(line) > 40]
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            body = "\n".join(sentences[(i + k) % len(sentences)] for k in range(6))
            fh.write(json.dumps({"id": f"a{i}", "title": f"خبر رقم {i}", "content": f"{body}\nرقم {i}"},
                                ensure_ascii=False) + "\n")
    return path


@pytest.mark.slow
def test_gui_edits_while_the_cli_imports(tmp_path, window):
    session = window.session
    articles = write_articles(tmp_path / "articles.jsonl", 1200)
    before = session.project.count_articles()
    failures: list[str] = []
    session.failed.connect(failures.append)
    importer = subprocess.Popen(
        [sys.executable, "-m", "annotator", "import", str(session.project.path), str(articles)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=child_env(), cwd=REPO,
    )
    aid = session.state.article_id
    labels = ["FAVOR", "AGAINST", "NONE"]
    committed = []
    during_import = i = 0
    while importer.poll() is None or i < 20:
        during_import += importer.poll() is None
        label = labels[i % 3]
        if i % 5 == 4:
            assert session.perform(lambda: SetStatusCommand(session, aid, "in progress" if i % 2 else "flagged",
                                                            "" if i % 2 else "check"))
        else:
            assert session.perform(lambda: SetStanceCommand(session, aid, AUTHOR, "TUR", label)), failures
            committed.append(label)
        QApplication.processEvents()
        time.sleep(0.02)
        i += 1
    out, err = importer.communicate(timeout=120)
    assert importer.returncode == 0, err
    assert during_import >= 10, "the import ended before the window could edit beside it"
    assert "imported 1200 article(s)" in out
    assert "is also open elsewhere (the annotation window of tester" in err  # the CLI's note
    assert failures == []
    with Project.open(session.project.path) as check:
        assert check.count_articles() == before + 1200
        assert [s.label for s in check.stances(aid, "tester")] == [committed[-1]]
        ours = [c for c in check.changes(annotator="tester") if c["action"] == "set_stance"]
        assert len(ours) == len(committed)
    window.refresh_action.trigger()
    assert window.article_list.model.total == before + 1200
    assert re.sub(r"\D", "", window.status.progress_label.text()).endswith(str(before + 1200))
