"""Issue 11: "Next" can follow the queue. A checkable action in the Article menu makes the
next-article key (J) open the queue's next article (`annotator queue` for this annotator) instead
of the list's next row; the choice is remembered."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annotator import assist
from annotator.ui.actions import QUEUE_POOL


def _article_menu_actions(window):
    (menu,) = [a.menu() for a in window.menuBar().actions() if a.menu() and a.menu().title() == "A&rticle"]
    return menu.actions()


def test_next_follows_the_queue_when_checked_and_the_list_when_not(window, db, settings):
    session, follow = window.session, window.annotation_actions.follow_queue
    assert follow in _article_menu_actions(window) and follow.isCheckable() and not follow.isChecked()
    first = session.state.article_id
    ids = [window.article_list.model.article_id(r) for r in range(3)]
    assert ids[0] == first
    # the list's next article is done for this annotator: the queue never offers it, J without the queue does
    db.set_status(ids[1], "tester", "done")
    QTest.keyClick(window, Qt.Key.Key_J)
    assert session.state.article_id == ids[1]
    QTest.keyClick(window, Qt.Key.Key_K)
    assert session.state.article_id == first

    follow.trigger()
    assert follow.isChecked() and settings.follow_queue
    (expected,) = [p for p in assist.queue(db, "tester", 2, pool=QUEUE_POOL) if p["article_id"] != first][:1]
    assert expected["article_id"] == ids[2]  # the only open article besides the one shown
    QTest.keyClick(window, Qt.Key.Key_J)
    assert session.state.article_id == ids[2]
    assert window.article_list.table.currentIndex().row() == 2  # the list shows where we are
    assert window.status.currentMessage() == f"From the queue: {expected['reason']}"
    QTest.keyClick(window, Qt.Key.Key_J)  # back to the first (not done, not opened from the queue yet)
    assert session.state.article_id == first
    QTest.keyClick(window, Qt.Key.Key_J)  # both opened from the queue already: no ping-pong between them
    assert session.state.article_id == first
    assert window.status.currentMessage() == "The queue has no other article for you."

    follow.trigger()
    assert not settings.follow_queue
    QTest.keyClick(window, Qt.Key.Key_J)
    assert session.state.article_id == ids[1]  # the list's next row again


def test_the_follow_queue_choice_is_remembered(qtbot, project_path, settings):
    from annotator.ui.app import build_main_window

    settings.follow_queue = True
    win = build_main_window(project_path, settings, annotator="tester")
    qtbot.addWidget(win)
    try:
        assert win.annotation_actions.follow_queue.isChecked()
    finally:
        win.close()
