"""Code-point <-> UTF-16 offset conversion, for the Qt boundary only.

Stored offsets are Python code points, end-exclusive. Qt counts UTF-16 code units, in which every
character outside the Basic Multilingual Plane (most emoji) takes two units.
"""

from __future__ import annotations

import re
from bisect import bisect_left


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Map:
    """Converts positions in one string between code points and UTF-16 units.

    Only the positions of astral characters are kept, so building the map for a 200,000-character
    article without emoji costs one scan and no memory.
    """

    __slots__ = ("_astral", "length", "length16")

    def __init__(self, text: str) -> None:
        # code-point indices of characters that take two UTF-16 units
        if text.isascii() or max(text, default="\0") < "\U00010000":
            self._astral: list[int] = []
        else:
            self._astral = [m.start() for m in _ASTRAL.finditer(text)]
        self.length = len(text)
        self.length16 = self.length + len(self._astral)

    def to_utf16(self, cp: int) -> int:
        """UTF-16 position of code-point position `cp` (0 <= cp <= len)."""
        if not self._astral:
            return cp
        return cp + bisect_left(self._astral, cp)

    def to_codepoint(self, u16: int) -> int:
        """Code-point position of UTF-16 position `u16`.

        A position inside a surrogate pair (between its two units) maps to the start of that
        character, so a selection can never split an emoji.
        """
        if not self._astral:
            return u16
        lo, hi = 0, len(self._astral)
        # find the number k of astral characters strictly before the answer
        while lo < hi:
            mid = (lo + hi) // 2
            # UTF-16 start of astral char number `mid`
            if self._astral[mid] + mid < u16:
                lo = mid + 1
            else:
                hi = mid
        k = lo
        cp = u16 - k
        if k and self._astral[k - 1] + (k - 1) + 1 == u16:
            # u16 points at the low surrogate of astral char k-1
            return self._astral[k - 1]
        return cp


def utf16_len(text: str) -> int:
    """Number of UTF-16 code units of `text`."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
