"""The canonical article text: the string every offset points into. It never changes after import."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_NEWLINES = re.compile("\r\n|\r|\u2028|\u2029|\x85")


def canonicalize(text: str) -> str:
    """Return the canonical form of decoded article text.

    Steps, in order: drop leading BOMs (all of them: files glued together can carry two, and one
    left behind would be dropped by the next canonicalisation); turn CRLF, CR, U+2028, U+2029 and NEL into LF (Qt shows
    U+2029 as a paragraph break and would otherwise disagree with us about offsets); replace NUL and
    lone surrogates (which SQLite and UTF-8 cannot store) with U+FFFD; NFC once. Nothing else: no
    Arabic folding, no removal of tashkeel, tatweel or bidi controls.
    """
    text = text.lstrip("\ufeff")
    text = _NEWLINES.sub("\n", text)
    text = text.replace("\x00", "\ufffd")
    text = _LONE_SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


def sha256_text(text: str) -> str:
    """Hex SHA-256 of the UTF-8 encoding of `text`."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of raw bytes."""
    return hashlib.sha256(data).hexdigest()


def line_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every line of `text` (without its newline), in order."""
    spans = []
    start = 0
    for m in re.finditer("\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans
