"""Decoding raw article bytes: BOM, strict UTF-8, then detection restricted to Arabic encodings.

Unrestricted charset detection misreads short Windows-1256 text as cp1006 (Urdu), so detection is
limited to UTF-8, Windows-1256 and ISO-8859-6. Two mojibake shapes are repaired: UTF-8 bytes that
were read as Windows-1256 (`ط§ظ„ط¹ط±ط¨ظٹط©`) and Windows-1256 bytes read as Latin-1 (`ÇáÚÑÈíÉ`).
"""

from __future__ import annotations

import codecs
import re

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
ENCODINGS = {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "windows-1256", "iso-8859-6", "latin-1"}

# UTF-8 Arabic read as cp1256: pairs like ط§ ظ„ (lead bytes D8/D9 -> ط/ظ followed by a letter)
_MOJIBAKE_UTF8_AS_1256 = re.compile("(?:[طظ][\u0600-\u06ff\u0080-\u00ff\u2000-\u203a\u0152-\u02dc]){4,}")
# cp1256 Arabic read as Latin-1: runs of Latin-1 letters in C0-FF
_MOJIBAKE_1256_AS_LATIN1 = re.compile("[\u00c0-\u00ff]{4,}")


class DecodeError(ValueError):
    """Bytes that are not text in a supported encoding (the message says what to do)."""


def detect_bom(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes (without a UTF-16/32 BOM) or many control bytes."""
    sample = data[:65536]
    if not sample or detect_bom(sample):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls / len(sample) > 0.05


def arabic_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f") / len(letters)


def repair_mojibake(text: str) -> tuple[str, str]:
    """Undo a wrong decoding; returns (text, what was repaired or '')."""
    if _MOJIBAKE_UTF8_AS_1256.search(text):
        try:
            fixed = text.encode("cp1256").decode("utf-8")
        except UnicodeError:
            fixed = None
        if fixed is not None and arabic_ratio(fixed) > arabic_ratio(text):
            return fixed, "utf-8 read as cp1256"
    if _MOJIBAKE_1256_AS_LATIN1.search(text) and arabic_ratio(text) < 0.2:
        try:
            fixed = text.encode("latin-1").decode("cp1256")
        except UnicodeError:
            fixed = None
        if fixed is not None and arabic_ratio(fixed) > 0.6:
            return fixed, "cp1256 read as latin-1"
    return text, ""


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode `data`; returns (text, encoding used). Raises DecodeError for binary or undecodable data.

    The text still carries its BOM-free content verbatim; canonicalisation is a separate step.
    """
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (UnicodeError, LookupError) as e:
            raise DecodeError(f"cannot decode as {encoding}: {e}; check --encoding") from e
    bom = detect_bom(data)
    if bom:
        name, n = bom
        codec = {"utf-8-sig": "utf-8"}.get(name, name)
        try:
            return data[n:].decode(codec), name
        except UnicodeError as e:
            raise DecodeError(f"starts with a {name} byte-order mark but is not valid {name}: {e}") from e
    if looks_binary(data):
        raise DecodeError("binary data, not text (NUL or control bytes); import text, JSONL, CSV or HTML files")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["utf_8", "cp1256", "iso8859_6"]).best()
    if best is None:
        raise DecodeError("not UTF-8, Windows-1256 or ISO-8859-6 text; pass --encoding if you know it")
    name = {"utf_8": "utf-8", "cp1256": "cp1256", "iso8859_6": "iso-8859-6"}.get(best.encoding, best.encoding)
    return str(best), name
