"""Long sessions: thousands of edits in one process, and the PySide6 None-refcount regression."""

from __future__ import annotations

import os
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument

from uikit import key

EDITS = 10_000
# Resident memory may grow this much between the first 1,000 edits and the end: the undo stack is
# bounded (UNDO_LIMIT) and nothing else should keep per-edit state.
RSS_GROWTH_LIMIT_MB = 40


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_none_refcount_does_not_fall_on_void_calls(qapp):
    """Regression: PySide6 6.12.0 on Python 3.11 dropped a reference to None on every void Qt call
    and crashed after a few thousand; the project pins PySide6 < 6.12 on Python < 3.12."""
    document = QTextDocument("نص قصير للاختبار " * 20)
    cursor = QTextCursor(document)
    before = sys.getrefcount(None)
    for i in range(20_000):
        cursor.setPosition(i % 100)
    assert sys.getrefcount(None) >= before


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="needs /proc to measure memory")
def test_ten_thousand_edits_without_growth(qtbot, window, db):
    session, view = window.session, window.article_view
    # The test measures the GUI, not the disk: skip the fsync of every commit (WAL keeps it safe).
    session.project.conn.execute("PRAGMA synchronous = NORMAL")
    window.stance_panel.select_target("TUR")
    view.setFocus()
    failures = []
    session.failed.connect(failures.append)
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3]
    baseline = None
    for i in range(EDITS):
        if i % 10 == 9:
            key(qtbot, view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        else:
            key(qtbot, view, keys[i % 3])
        if i == 1000:
            baseline = rss_mb()
    assert failures == []
    grown = rss_mb() - baseline
    assert grown < RSS_GROWTH_LIMIT_MB, f"resident memory grew {grown:.1f} MB over {EDITS - 1000} edits"
    assert session.undo_stack.count() <= 1000
    [stance] = db.stances(session.state.article_id, "tester")
    assert stance.label in {"FAVOR", "AGAINST", "NONE"}
    assert len(db.changes(annotator="tester")) >= EDITS * 0.8
