"""Which Latin key a physical key is, whatever the keyboard layout.

Shortcuts are named by Latin letters (M, E, Ctrl+Z, [ ...). With Arabic as the only layout the same
keys send Arabic letters, so the window maps a key back to its Latin key: by the key's position
(the X11 evdev keycode, the Windows virtual key, the macOS virtual key code), or, when the
platform gives none, by the letter the standard Arabic (101) layout puts on that key.
"""

from __future__ import annotations

# X11 evdev keycodes (Linux scan code + 8) of the US-QWERTY rows, from their first key
_EVDEV_ROWS = ((10, "1234567890-="), (24, "qwertyuiop[]"), (38, "asdfghjkl;'"), (52, "zxcvbnm,./"))
EVDEV_TO_LATIN: dict[int, str] = {first + i: ch for first, row in _EVDEV_ROWS for i, ch in enumerate(row)}
EVDEV_TO_LATIN.update({49: "`", 51: "\\"})

# Windows virtual keys: letters and digits are their ASCII codes on every layout; OEM keys by position
WINDOWS_VK_TO_LATIN: dict[int, str] = {**{0x41 + i: chr(0x61 + i) for i in range(26)},
                                       **{0x30 + i: str(i) for i in range(10)},
                                       0xBA: ";", 0xBB: "=", 0xBC: ",", 0xBD: "-", 0xBE: ".", 0xBF: "/", 0xC0: "`",
                                       0xDB: "[", 0xDC: "\\", 0xDD: "]", 0xDE: "'"}

# macOS virtual key codes (kVK_ANSI_*), which name positions
MAC_VK_TO_LATIN: dict[int, str] = {
    0x00: "a", 0x01: "s", 0x02: "d", 0x03: "f", 0x04: "h", 0x05: "g", 0x06: "z", 0x07: "x", 0x08: "c", 0x09: "v",
    0x0B: "b", 0x0C: "q", 0x0D: "w", 0x0E: "e", 0x0F: "r", 0x10: "y", 0x11: "t", 0x12: "1", 0x13: "2", 0x14: "3",
    0x15: "4", 0x16: "6", 0x17: "5", 0x18: "=", 0x19: "9", 0x1A: "7", 0x1B: "-", 0x1C: "8", 0x1D: "0", 0x1E: "]",
    0x1F: "o", 0x20: "u", 0x21: "[", 0x22: "i", 0x23: "p", 0x25: "l", 0x26: "j", 0x27: "'", 0x28: "k", 0x29: ";",
    0x2A: "\\", 0x2B: ",", 0x2C: "/", 0x2D: "n", 0x2E: "m", 0x2F: ".", 0x32: "`",
}

# the standard Arabic (101) layout: the letter each Latin key types, unshifted and with Shift
ARABIC_LAYOUT = {
    "`": "ذ", "q": "ض", "w": "ص", "e": "ث", "r": "ق", "t": "ف", "y": "غ", "u": "ع", "i": "ه", "o": "خ", "p": "ح",
    "[": "ج", "]": "د", "a": "ش", "s": "س", "d": "ي", "f": "ب", "g": "ل", "h": "ا", "j": "ت", "k": "ن", "l": "م",
    ";": "ك", "'": "ط", "z": "ئ", "x": "ء", "c": "ؤ", "v": "ر", "b": "ﻻ", "n": "ى", "m": "ة", ",": "و", ".": "ز",
    "/": "ظ",
}
ARABIC_LAYOUT_SHIFTED = {
    "t": "ﻹ", "y": "إ", "g": "ﻷ", "h": "أ", "j": "ـ", "k": "،", "b": "ﻵ", "n": "آ", "/": "؟",
}
_ARABIC_TO_LATIN = {ar: latin for latin, ar in ARABIC_LAYOUT.items()}
_ARABIC_TO_LATIN.update({ar: latin for latin, ar in ARABIC_LAYOUT_SHIFTED.items()})
_ARABIC_TO_LATIN["لا"] = "b"


def latin_for_arabic(text: str) -> str:
    """The Latin key that types `text` on the standard Arabic layout ("ى" -> "n"); "" if none."""
    return _ARABIC_TO_LATIN.get(text, "")


def latin_for_native(platform: str, scan_code: int, virtual_key: int) -> str:
    """The Latin key at the position of a key event's native codes on `platform` (Qt's platform
    name: "xcb", "windows", "cocoa"); "" when the platform or the key is unknown."""
    if platform == "xcb":
        return EVDEV_TO_LATIN.get(scan_code, "")
    if platform == "windows":
        return WINDOWS_VK_TO_LATIN.get(virtual_key, "")
    if platform == "cocoa":
        return MAC_VK_TO_LATIN.get(virtual_key, "")
    return ""
