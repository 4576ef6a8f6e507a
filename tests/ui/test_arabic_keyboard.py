"""Issue 10 item 2: letter shortcuts work with Arabic as the only keyboard layout.

Bug pinned: with `setxkbmap ara` every letter shortcut (M E A R N J K H S F U P W B [ ], Ctrl+Z …) did
nothing, because the keys type Arabic letters. These tests send the key events the Arabic layout
produces (here without native codes, so the standard Arabic layout table maps them; the Xvfb test
in test_xvfb.py presses physical keys); effects are read from the project file.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication

from annotator.core.keyboard import EVDEV_TO_LATIN, latin_for_arabic, latin_for_native
from annotator.ui.dialogs import ShortcutSheet, key_text

CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier


def arabic_key(widget, letter: str, modifiers=NONE) -> None:
    """Press and release the key that types `letter` on the Arabic layout (as Qt reports it there)."""
    text = "" if modifiers & CTRL else letter
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, ord(letter), modifiers, text))
    QApplication.processEvents()


def test_review_keys_and_undo_with_the_arabic_layout(qtbot, window, db):
    view, state = window.article_view, window.session.state
    view.setFocus()
    proposals = sorted((m for m in state.mentions if m.status == "proposed"), key=lambda m: m.start)
    arabic_key(view, "ى")  # N: next proposal
    arabic_key(view, "ش")  # A: accept it
    first = next(m for m in db.mentions(state.article_id) if m.id == proposals[0].id)
    assert (first.status, first.annotator) == ("accepted", "tester")
    arabic_key(view, "ئ", CTRL)  # Ctrl+Z
    assert next(m for m in db.mentions(state.article_id) if m.id == proposals[0].id).status == "proposed"
    arabic_key(view, "د")  # ]: next actor
    before = window.stance_panel.current_target()
    arabic_key(view, "ج")  # [: previous actor
    arabic_key(view, "د")
    assert window.stance_panel.current_target() == before
    arabic_key(view, "ت")  # J: next article
    assert window.session.state.article_id != state.article_id


def test_arabic_typed_into_a_text_field_stays_text(qtbot, window, db):
    field = window.stance_panel.actor_field
    field.setFocus()
    article = window.session.state.article_id
    for letter in "ىشت":
        arabic_key(field, letter)
    assert field.text() == "ىشت"
    assert window.session.state.article_id == article  # J (ت) did not switch the article
    assert all(m.status != "accepted" or m.origin == "manual" for m in db.mentions(article))


def test_positions_and_the_shortcut_sheet_show_both():
    assert EVDEV_TO_LATIN[57] == "n" and latin_for_native("xcb", 57, 0) == "n"  # xdotool key 57 is N
    assert latin_for_native("windows", 0, 0xDB) == "[" and latin_for_native("cocoa", 0, 0x2D) == "n"
    assert {ch: latin_for_arabic(ch) for ch in "ةثشقى"} == {"ة": "m", "ث": "e", "ش": "a", "ق": "r", "ى": "n"}
    assert key_text(QKeySequence("N")) == "\u2066N\u2069 (\u2068ى\u2069)"
    assert key_text(QKeySequence("Shift+H")) == "\u2066Shift+H\u2069 (\u2068أ\u2069)"
    assert key_text(QKeySequence("Ctrl+=")) == "\u2066Ctrl+=\u2069"  # reads left to right in Arabic too


def test_sheet_lists_the_arabic_letters(qtbot, window):
    from uikit import key

    key(qtbot, window.article_view, Qt.Key.Key_F1)
    sheet = window.findChild(ShortcutSheet)
    texts = [sheet.table.item(i, 1).text() for i in range(sheet.table.rowCount())]
    assert any("E" in t and "ث" in t for t in texts)
    sheet.close()
