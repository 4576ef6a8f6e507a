"""Display-only substitution that makes bidi embedding, override and isolate controls visible.

An article may carry U+202A–U+202E (LRE, RLE, PDF, LRO, RLO) or U+2066–U+2069 (LRI, RLI, FSI, PDI):
left in the view they would silently reorder what the annotator reads (a right-to-left override
can make "ABC" display as "CBA"). The stored canonical text keeps them (offsets point into it);
only the text handed to the widget has each replaced by one visible symbol of the same UTF-16
length (a BMP character), so every code-point and UTF-16 offset, highlight and selection stays
exact. Hovering a symbol shows which control it stands for.

LRM, RLM and ALM (U+200E, U+200F, U+061C) are left alone: they are common and legitimate in Arabic
text, reorder nothing by themselves (they only set the direction of neighbouring neutrals) and
showing them would clutter ordinary articles.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtWidgets import QPlainTextEdit, QToolTip

# control -> (visible stand-in, name). The stand-ins are neutral symbols that are not mirrored in
# right-to-left text, so each points the same way wherever it stands.
CONTROLS: dict[str, tuple[str, str]] = {
    "\u202a": ("\u25b7", "LEFT-TO-RIGHT EMBEDDING (U+202A)"),
    "\u202b": ("\u25c1", "RIGHT-TO-LEFT EMBEDDING (U+202B)"),
    "\u202c": ("\u25c7", "POP DIRECTIONAL FORMATTING (U+202C)"),
    "\u202d": ("\u25b6", "LEFT-TO-RIGHT OVERRIDE (U+202D)"),
    "\u202e": ("\u25c0", "RIGHT-TO-LEFT OVERRIDE (U+202E)"),
    "\u2066": ("\u25b9", "LEFT-TO-RIGHT ISOLATE (U+2066)"),
    "\u2067": ("\u25c3", "RIGHT-TO-LEFT ISOLATE (U+2067)"),
    "\u2068": ("\u25c8", "FIRST STRONG ISOLATE (U+2068)"),
    "\u2069": ("\u25c6", "POP DIRECTIONAL ISOLATE (U+2069)"),
}
_TABLE = {ord(c): sym for c, (sym, _) in CONTROLS.items()}


def visible_text(text: str) -> str:
    """`text` with every bidi embedding/override/isolate control replaced by its visible symbol.

    Same length in code points and in UTF-16 units, position for position.
    """
    return text.translate(_TABLE)


def control_at(stored: str, pos: int) -> str:
    """The description of the bidi control at code point `pos` of the stored text, or ''."""
    if 0 <= pos < len(stored) and stored[pos] in CONTROLS:
        sym, name = CONTROLS[stored[pos]]
        return f"{sym} stands for an invisible {name} in the article text; it is shown so it cannot reorder what you read"
    return ""


class BidiControlTips(QObject):
    """Tooltips over the stand-in symbols of an article view (an event filter on its viewport).

    `stored` returns the stored text and `to_codepoint` maps a UTF-16 position to a code point.
    """

    def __init__(self, view: QPlainTextEdit, stored, to_codepoint):
        super().__init__(view)
        self._view = view
        self._stored = stored
        self._to_cp = to_codepoint
        view.viewport().installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.ToolTip:
            return False
        text = self._stored()
        cursor = self._view.cursorForPosition(event.pos())
        u16 = cursor.position()
        tip = ""
        for candidate in (u16, u16 - 1):  # the symbol before or after the hit point
            if candidate >= 0 and text:
                tip = control_at(text, self._to_cp(candidate))
                if tip:
                    break
        if tip:
            QToolTip.showText(self._view.viewport().mapToGlobal(event.pos()) + QPoint(0, 16), tip, self._view)
        else:
            QToolTip.hideText()
        return bool(tip)
