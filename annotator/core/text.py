"""The canonical article text: the string every offset points into. It never changes after import."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_NEWLINES = re.compile("\r\n|\r|\u2028|\u2029|\x85")
# Any character the steps before NFC change. One character class of them all is one scan of the text
# (a table look-up a character); most texts have none, and the three steps are skipped.
_CHANGED_BEFORE_NFC = re.compile("[\x00\r\x85\u2028\u2029\ud800-\udfff]")


def canonicalize(text: str) -> str:
    """Return the canonical form of decoded article text.

    Steps, in order: drop leading BOMs (all of them: files glued together can carry two, and one
    left behind would be dropped by the next canonicalisation); turn CRLF, CR, U+2028, U+2029 and NEL into LF (Qt shows
    U+2029 as a paragraph break and would otherwise disagree with us about offsets); replace NUL and
    lone surrogates (which SQLite and UTF-8 cannot store) with U+FFFD; NFC once. Nothing else: no
    Arabic folding, no removal of tashkeel, tatweel or bidi controls.
    """
    text = text.lstrip("\ufeff")
    if _CHANGED_BEFORE_NFC.search(text):
        text = _NEWLINES.sub("\n", text)
        text = text.replace("\x00", "\ufffd")
        text = _LONE_SURROGATE.sub("\ufffd", text)
    return nfc(text)


def nfc(text: str) -> str:
    """`unicodedata.normalize("NFC", text)`, normalising only the lines that need it.

    Most texts are NFC already, and `is_normalized` says so four times faster than `normalize`
    does its work. Otherwise the text is normalised line by line: a line break is a starter that
    composes with nothing and is never reordered, so NFC changes nothing across it; lines that are
    NFC are kept as they are, and the full (slow) normalisation runs on the few that are not.
    """
    if unicodedata.is_normalized("NFC", text):
        return text
    if "\n" not in text:
        return unicodedata.normalize("NFC", text)
    return "\n".join(line if unicodedata.is_normalized("NFC", line) else unicodedata.normalize("NFC", line)
                     for line in text.split("\n"))


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
    for line in text.split("\n"):
        end = start + len(line)
        spans.append((start, end))
        start = end + 1
    return spans
