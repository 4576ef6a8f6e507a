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

# UTF-8 Arabic read as cp1256: pairs like ط§ ظ„ (lead bytes D8/D9 -> ط/ظ followed by a letter), four
# or more. One pattern per lead letter: a pattern that starts with one literal character is scanned
# for at memchr-like speed, one that starts with a character class ([طظ]) about nine times slower
# (issue 13); a text holds a run when either pattern finds one.
_TRAIL = "[\u0600-\u06ff\u0080-\u00ff\u2000-\u203a\u0152-\u02dc]"
_MOJIBAKE_UTF8_AS_1256 = [re.compile(f"{lead}{_TRAIL}(?:[طظ]{_TRAIL}){{3,}}") for lead in "طظ"]
# cp1256 Arabic read as Latin-1: runs of Latin-1 letters in C0-FF
_MOJIBAKE_1256_AS_LATIN1 = re.compile("[\u00c0-\u00ff][\u00c0-\u00ff]{3,}")
_BELOW_C0 = bytes(range(0xC0))


class DecodeError(ValueError):
    """Bytes that are not text in a supported encoding (the message says what to do)."""


def detect_bom(data: bytes) -> tuple[str, int] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: many control bytes, or NUL bytes in data that is not UTF-8.

    A few stray NUL bytes in otherwise valid UTF-8 text are kept (canonicalisation turns them into
    U+FFFD); UTF-16 without a byte-order mark is recognised by `utf16_without_bom` before this.
    """
    sample = data[:65536]
    if not sample or detect_bom(sample):
        return False
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    if controls / len(sample) > 0.05:
        return True
    return b"\x00" in sample and utf8_text(sample, final=len(sample) == len(data)) is None


def utf8_text(data: bytes, *, final: bool = True) -> str | None:
    """`data` as UTF-8, or None when it is not UTF-8.

    Tolerated, since canonicalisation repairs them: UTF-8-encoded lone surrogates (WTF-8, CESU),
    kept as surrogates until `canonicalize` turns them into U+FFFD; a last character cut off by the
    end of the data (a truncated file), which becomes U+FFFD (`final`), or is dropped when `data` is
    only the head of a longer file.
    """
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        cut = e.start if e.end == len(data) and e.reason == "unexpected end of data" else None
    body = data if cut is None else data[:cut]
    try:
        text = body.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None
    if cut is not None and final:
        text += "\ufffd"
    return text


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for BOM-less UTF-16 text (NUL in every other byte), else None."""
    sample = data[:4096]
    if len(sample) < 8 or len(data) % 2:
        return None
    sample = sample[: len(sample) // 2 * 2]
    for name, zeros in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        other = sample[0::2] if name == "utf-16-le" else sample[1::2]
        # ASCII spaces, digits and newlines have a NUL high byte; Arabic letters have 0x06
        if zeros.count(0) + zeros.count(6) >= 0.9 * len(zeros) and zeros.count(0) >= 0.05 * len(zeros) and other.count(0) < 0.05 * len(other):
            try:
                data.decode(name)
            except UnicodeDecodeError:
                return None
            return name
    return None


def arabic_ratio(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f") / len(letters)


def _has_latin1_letters(text: str) -> bool:
    """Whether `text` has a character in U+00C0-U+00FF: encoding to Latin-1 while dropping every
    other character, then deleting the bytes below C0, takes two C loops; the regex's character
    class scan costs twice as much on Arabic text."""
    return bool(text.encode("latin-1", "ignore").translate(None, _BELOW_C0))


def repair_mojibake(text: str) -> tuple[str, str]:
    """Undo a wrong decoding; returns (text, what was repaired or '')."""
    if any(p.search(text) for p in _MOJIBAKE_UTF8_AS_1256):
        try:
            fixed = text.encode("cp1256").decode("utf-8")
        except UnicodeError:
            fixed = None
        if fixed is not None and arabic_ratio(fixed) > arabic_ratio(text):
            return fixed, "utf-8 read as cp1256"
    if _has_latin1_letters(text) and _MOJIBAKE_1256_AS_LATIN1.search(text) and arabic_ratio(text) < 0.2:
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
            raise DecodeError(f"starts with a {name} byte-order mark but is not valid {name} ({e.reason}); "
                              "the file may be cut off or mislabelled: fix it, or pass --encoding") from e
    utf16 = utf16_without_bom(data)
    if utf16:
        return data.decode(utf16), utf16
    if looks_binary(data):
        raise DecodeError("binary data, not text (NUL or control bytes); import text, JSONL, CSV or HTML files")
    text = utf8_text(data)
    if text is not None:
        return text, "utf-8"
    mixed = _decode_mixed_lines(data)
    if mixed is not None:
        return mixed
    name = _detect_arabic_codepage(data)
    if name is None:
        raise DecodeError("not UTF-8, Windows-1256 or ISO-8859-6 text; pass --encoding if you know it")
    return data.decode(name, "replace"), name


def _detect_arabic_codepage(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["cp1256", "iso8859_6"]).best()
    if best is None:
        return None
    return {"cp1256": "cp1256", "iso8859_6": "iso-8859-6"}.get(best.encoding, best.encoding)


def _decode_mixed_lines(data: bytes) -> tuple[str, str] | None:
    """A file whose lines are partly UTF-8 (with non-ASCII letters) and partly a code page.

    Each UTF-8 line is read as UTF-8, the others in the code page detected on them together;
    None when no line is non-ASCII UTF-8 (then the file is not mixed).
    """
    lines = data.splitlines(keepends=True)
    decoded: list[str | None] = [utf8_text(line) for line in lines]
    if not any(t is not None and not t.isascii() for t in decoded):
        return None
    bad = b"".join(line for line, t in zip(lines, decoded) if t is None)
    name = _detect_arabic_codepage(bad)
    if name is None:
        return None
    text = "".join(t if t is not None else line.decode(name, "replace") for line, t in zip(lines, decoded))
    return text, f"utf-8 + {name} (mixed lines)"


def decode_line(raw: bytes, encoding: str) -> tuple[str, str]:
    """One line of a line-oriented file whose encoding is `encoding`; returns (text, encoding used).

    A line that is not in the file's encoding (a Windows-1256 line in a UTF-8 file) is decoded on
    its own, as `decode_bytes` would decode a file. Raises DecodeError when that fails too.
    """
    if encoding == "utf-8":
        text = utf8_text(raw)
        if text is not None:
            return text, encoding
        return decode_bytes(raw)
    try:
        return raw.decode(encoding), encoding
    except UnicodeDecodeError as e:
        raise DecodeError(f"not valid {encoding} text ({e.reason} at byte {e.start}); fix the line or pass --encoding") from e
