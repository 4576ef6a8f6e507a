"""How an article's verbatim input bytes (`articles.raw`) are stored: `articles.raw_codec` says.

The raw record (a JSON line, a CSV row, a whole `.txt` or `.html` file) mostly repeats the
canonical text that is stored beside it, so keeping it as it is doubled the project file. Each
codec is lossless, and `raw_sha256` (of the verbatim bytes) checks every decoding:

- `''`: stored as it is (rows written before schema step m005, and records that no codec shrinks).
- `'text'`: the raw bytes are exactly the UTF-8 of the canonical text (a UTF-8 `.txt` file, a
  `docs` line); nothing is stored.
- `'zlib+text'`: a raw DEFLATE stream compressed with the canonical text's UTF-8 as preset
  dictionary, so what the record shares with the text costs a few bytes (on the 10,000
  SaudiNewsNet JSON lines: 35.2 MB of raw records stored in 2.7 MB). zlib uses the last 32 KB of a
  dictionary; a longer article's record still compresses, less well. Written at zlib level 3
  since issue 13 (level 6 before; any level decodes the same way): two thirds of the time, 6%
  more bytes for the records, 0.25% more for the project file.

Pure functions without SQL: the import's writing process encodes (`storage.prepared.finish`),
`Project.article_raw` decodes.
"""

from __future__ import annotations

import zlib

_LEVEL = 3  # see the docstring: level 6 took half as long again for 6% fewer bytes
_WINDOW = -15  # a raw DEFLATE stream: no zlib header or checksum (raw_sha256 checks the result)


def encode_raw(raw: bytes, text: str, utf8: bytes | None = None) -> tuple[bytes, str]:
    """(stored bytes, codec) for the verbatim record `raw` of an article whose canonical text is `text`.

    `utf8` is the text's UTF-8 when the caller has it (it must be: other bytes give a stream that
    decodes to wrong bytes, which `raw_sha256` then reports as damage).
    """
    if utf8 is None:
        utf8 = text.encode("utf-8", "surrogatepass")
    if raw == utf8:
        return b"", "text"
    comp = zlib.compressobj(_LEVEL, zlib.DEFLATED, _WINDOW, zdict=utf8[-32768:] or b"\0")
    packed = comp.compress(raw) + comp.flush()
    if len(packed) >= len(raw):
        return raw, ""
    return packed, "zlib+text"


def decode_raw(stored: bytes, codec: str, text: str) -> bytes:
    """The verbatim record from what `encode_raw` stored. Raises ValueError for an unknown codec or
    bytes that do not decode (a damaged row)."""
    if codec == "":
        return bytes(stored)
    utf8 = text.encode("utf-8", "surrogatepass")
    if codec == "text":
        return utf8
    if codec == "zlib+text":
        try:
            d = zlib.decompressobj(_WINDOW, zdict=utf8[-32768:] or b"\0")
            out = d.decompress(stored) + d.flush()
        except zlib.error as e:
            raise ValueError(f"the stored raw record does not decompress ({e})") from e
        if not d.eof:
            raise ValueError("the stored raw record is cut short")
        return out
    raise ValueError(f"unknown raw codec {codec!r} (a newer annotator wrote it?)")
