"""Tooltips over mentions in the article view: the actor (both names and code), its status and who
proposed, added, accepted or rejected it.

Project content (actor names, annotator names) is escaped: a tooltip is shown as rich text only so
that nothing in it can be read as markup.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip

from .plain import literal_rich_text


class MentionTips(QObject):
    """An event filter on the view's viewport; `describe(code point)` gives the tip ("" for none)."""

    def __init__(self, view: QTextEdit | QPlainTextEdit, describe: Callable[[int], str]):
        super().__init__(view)
        self._view = view
        self._describe = describe
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        state = getattr(self._view, "state", None)
        if event.type() != QEvent.Type.ToolTip or state is None:
            return False
        u16 = self._view.cursorForPosition(event.pos()).position()
        tip = self._describe(state.utf16.to_codepoint(u16))
        if not tip:
            return False  # perhaps a bidi control's stand-in has a tip
        QToolTip.showText(self._view.viewport().mapToGlobal(event.pos()) + QPoint(0, 16), literal_rich_text(tip), self._view)
        return True
