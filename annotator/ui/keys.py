"""Shortcuts that follow the physical key whatever the keyboard layout (Arabic as the only layout).

Qt matches shortcuts by the character a key types, so with the Arabic layout M types ة and no
shortcut fires. `LayoutShortcuts` watches key presses no shortcut took: when a key typed a letter
of another script, it finds the Latin key at the same position (`core.keyboard`: the native scan
code or virtual key, else the standard Arabic layout) and carries out the action with that
shortcut in the active window. Plain letters typed into a text field stay text; with Ctrl or Alt
the field first gets the Latin key (Ctrl+Z undoes typing there), then the window's actions.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QProxyStyle,
    QStyle,
    QStyleOptionMenuItem,
    QTextEdit,
)

from ..core.keyboard import ARABIC_LAYOUT, ARABIC_LAYOUT_SHIFTED, latin_for_arabic, latin_for_native

_COMMAND_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | \
    Qt.KeyboardModifier.MetaModifier
_LATIN_KEYS = {ch: Qt.Key(ord(ch.upper())) for ch in "abcdefghijklmnopqrstuvwxyz0123456789`-=[]\\;',./"}


def _is_latin_key(key: int) -> bool:
    return 0x20 <= key < 0x7f or key >= Qt.Key.Key_Escape  # ASCII keys, or function/navigation keys


def latin_key(event: QKeyEvent) -> Qt.Key | None:
    """The Latin key at the position of `event`'s key when it typed another script; else None."""
    if _is_latin_key(event.key()):
        return None
    latin = latin_for_native(QGuiApplication.platformName(), event.nativeScanCode(), event.nativeVirtualKey())
    if not latin:
        text = event.text() if event.text() and event.text().isprintable() else chr(event.key())
        latin = latin_for_arabic(text)
    return _LATIN_KEYS.get(latin)


def _takes_text(widget) -> bool:
    if isinstance(widget, (QLineEdit, QAbstractSpinBox)):
        return True
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        return not widget.isReadOnly()
    return isinstance(widget, QComboBox) and widget.isEditable()


def arabic_key_name(sequence: QKeySequence) -> str:
    """The Arabic-layout letter of a one-letter shortcut ("N" -> "ى", "Shift+N" -> "آ"); "" if none."""
    if sequence.count() != 1:
        return ""
    combo = sequence[0]
    key = combo.key()
    if not 0x20 < key < 0x7f:
        return ""
    ch = chr(key).lower()
    if combo.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
        return ARABIC_LAYOUT_SHIFTED.get(ch, "")
    return ARABIC_LAYOUT.get(ch, "")


class LayoutShortcuts(QObject):
    """An application event filter; see the module docstring. Lives as long as its parent window."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        focus = QApplication.focusWidget()
        if focus is not None and watched is not focus:
            return False  # seen (and left alone) already where it was first delivered
        key = latin_key(event)
        if key is None:
            return False
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if focus is not None and _takes_text(focus):
            if not modifiers & _COMMAND_MODIFIERS:
                return False  # typing Arabic
            latin = QKeyEvent(QEvent.Type.KeyPress, key, modifiers, "")
            QApplication.sendEvent(focus, latin)
            if latin.isAccepted():
                return True
        return self._trigger(QKeySequence(QKeyCombination(modifiers, key)))

    @staticmethod
    def _trigger(sequence: QKeySequence) -> bool:
        window = QApplication.activeWindow()
        if window is None:
            return False
        focus = QApplication.focusWidget()
        for action in [*window.actions(), *window.findChildren(QAction)]:
            context = action.shortcutContext()
            if context in (Qt.ShortcutContext.WidgetShortcut, Qt.ShortcutContext.WidgetWithChildrenShortcut):
                owner = action.parent()
                if focus is None or not (focus is owner or (context == Qt.ShortcutContext.WidgetWithChildrenShortcut
                                                            and owner.isAncestorOf(focus))):
                    continue
            if action.isEnabled() and any(s.matches(sequence) == QKeySequence.SequenceMatch.ExactMatch
                                          for s in action.shortcuts()):
                action.trigger()
                return True
        return False


LRI, PDI = "\u2066", "\u2069"


def isolated_menu_text(text: str) -> str:
    """A menu item's text ("Larger text\\tCtrl+=") with its shortcut isolated left to right, so a
    right-to-left menu shows "Ctrl+=", not "=+Ctrl", and "]" is not mirrored into "["."""
    if "\t" not in text:
        return text
    head, keys = text.split("\t", 1)
    return f"{head}\t{LRI}{keys}{PDI}" if keys and not keys.startswith(LRI) else text


class IsolatedShortcutsStyle(QProxyStyle):
    """A style for menus that draws each item's shortcut as an isolated left-to-right run."""

    def drawControl(self, element, option, painter, widget=None) -> None:  # noqa: N802 (Qt API)
        if element == QStyle.ControlElement.CE_MenuItem and isinstance(option, QStyleOptionMenuItem) \
                and "\t" in option.text:
            option = QStyleOptionMenuItem(option)
            option.text = isolated_menu_text(option.text)
        super().drawControl(element, option, painter, widget)
