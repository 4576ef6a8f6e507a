"""Driving the real widgets like a user: mouse drags and keys on the article view."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.ui.actor_search import ActorPickerDialog
from annotator.ui.article_view import ArticleView


def caret_point(view: ArticleView, pos: int) -> QPoint:
    """Viewport point of the caret before code point `pos` (scrolled into view first)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.state.utf16.to_utf16(pos))
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    QApplication.processEvents()
    return view.cursorRect(cursor).center()


def drag_select(qtbot, view: ArticleView, start: int, end: int) -> None:
    """Press at code point `start`, drag to `end`, release (as a user selecting with the mouse)."""
    a = caret_point(view, start)
    b = caret_point(view, end)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    qtbot.mouseMove(viewport, QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    qtbot.mouseMove(viewport, b)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


def click_at(qtbot, view: ArticleView, pos: int) -> None:
    point = caret_point(view, pos)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def visible_selection(view: ArticleView) -> str:
    """The selected text as the user sees it, in code points (never U+2029)."""
    span = view.selected_span()
    return view.state.text[span[0]:span[1]] if span else ""


def key(qtbot, widget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifiers)
    QApplication.processEvents()


def type_text(widget, text: str) -> None:
    """Type `text` (any script: QTest.keyClicks only knows ASCII keys) into `widget`."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
    QApplication.processEvents()


def pick_actor(qtbot, window, query: str) -> None:
    """Type `query` into the open actor picker and press Enter."""
    dialog = window.findChild(ActorPickerDialog)
    assert dialog is not None and dialog.isVisible(), "the actor picker did not open"
    type_text(dialog.filter_edit, query)
    QTest.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    QApplication.processEvents()


def find_span(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)
