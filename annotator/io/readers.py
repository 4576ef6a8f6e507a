"""Readers: turn files into article records, one `Item` per article or per bad record.

Every reader streams: JSONL and CSV are read record by record, so a 200 MB file never sits in
memory as one string. A bad record becomes an `Item` with an error naming file:line and what to do;
it never stops the rest of the file.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import json
import math
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from ..core import strict_json
from ..core.boilerplate import detect_segments
from ..core.fold import Folded, fold
from ..core.text import canonicalize
from ..storage.prepared import ArticleRecord
from .decode import (
    DecodeError, decode_bytes, decode_line, detect_bom, looks_binary, repair_mojibake, utf8_text, utf16_without_bom,
)
from .html_text import declared_charset, extract_text

FORMATS = ("auto", "txt", "jsonl", "csv", "html", "docs")
_EXT = {".txt": "txt", ".text": "txt", ".md": "txt", ".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl",
        ".csv": "csv", ".tsv": "csv", ".html": "html", ".htm": "html", ".xhtml": "html"}
MAX_TEXT_CHARS = 5_000_000  # one article; larger records are refused, not truncated (--max-chars)
MAX_RECORD_BYTES = 32 * 1024 * 1024  # one JSONL line, CSV line or HTML page (more when --max-chars asks)
# Bidi embedding, override and isolate controls: kept in the text, reported on import, shown visibly
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI_ORDER = sorted(BIDI_CONTROLS)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


@dataclass
class ReadOptions:
    encoding: str | None = None
    text_field: str | None = None  # JSONL; default: "text", then "content"
    title_field: str | None = None  # default "title"
    id_field: str | None = None  # default "id"
    text_column: str | None = None  # CSV; default: "text", then "content"
    max_chars: int = MAX_TEXT_CHARS  # one article

    def record_bytes(self) -> int:
        """The longest line (JSONL, CSV) or page (HTML) read: room for `max_chars` as JSON escapes."""
        return max(MAX_RECORD_BYTES, 8 * self.max_chars)

    def file_bytes(self) -> int:
        """The largest text file that can hold one article of `max_chars` (4 bytes a character)."""
        return 4 * self.max_chars + 4


@dataclass
class Item:
    origin: str  # "file" or "file:line"
    record: ArticleRecord | None = None
    segments: list = field(default_factory=list)
    error: str = ""
    docs: dict | None = None  # a line of our own `docs` export, stored with its annotations
    pos: int = 0  # bytes of the file consumed so far (for progress), where the reader knows it
    folded: Folded | None = None  # fold(record.text), computed once for segments, index and matching
    notes: list[str] = field(default_factory=list)  # imported, but worth telling (bidi controls)


def detect_format(path: Path, head: bytes) -> str:
    """The reader for `path`, from its extension, else from its first bytes."""
    fmt = _EXT.get(path.suffix.lower())
    if fmt:
        return fmt
    s = head.lstrip()[:200].lower()
    if s.startswith(b"{") or s.startswith(b"["):
        return "jsonl"
    if b"<html" in s or b"<!doctype html" in s:
        return "html"
    return "txt"


def _storable(value: str) -> str:
    """`value` with NUL and lone surrogates (which SQLite's UTF-8 cannot hold) replaced by U+FFFD."""
    if value.isascii():  # a flag of the string, no scan: ids, URLs, dates
        return value.replace("\x00", "\ufffd")
    return _UNSTORABLE.sub("\ufffd", value)


def _storable_meta(meta: dict) -> dict:
    """`meta` (parsed JSON, or CSV cells) as JSON text would store it, every string `_storable`.

    A flat mapping of clean strings, numbers, booleans and nulls (the usual record: a date, a
    category) comes back as a copy; anything else makes the round trip through JSON text.
    """
    for k, v in meta.items():
        if type(k) is not str or _storable(k) != k:
            break
        if type(v) is str:
            if _storable(v) != v:
                break
        elif not (v is None or type(v) is bool or (type(v) is int and -(1 << 63) <= v < 1 << 63)
                  or (type(v) is float and math.isfinite(v))):
            break  # nested values, huge integers (json.dumps may refuse them): the round trip decides
    else:
        return dict(meta)
    return json.loads(_storable(json.dumps(meta, ensure_ascii=False)))


def too_long(n: int, max_chars: int) -> str:
    return (f"text of {n:,} characters is over the {max_chars:,}-character limit for one article; "
            "split it into several articles, or raise the limit with --max-chars")


def bidi_note(text: str) -> str:
    """The import note for text with bidi embedding/override/isolate controls ('' when none)."""
    # nine `in` tests (memchr speed) cost a third of one character-class scan of the text
    found = [c for c in _BIDI_ORDER if c in text]
    if not found:
        return ""
    n = sum(text.count(c) for c in found)
    names = ", ".join(f"U+{ord(c):04X}" for c in found)
    return (f"{n} bidi control character(s) ({names}) kept in the text; the article view shows each "
            "as a visible symbol, so they cannot reorder what you read")


def _finish(text: str, origin: str, raw: bytes, encoding: str, *, max_chars: int = MAX_TEXT_CHARS,
            **fields) -> Item:
    """Canonicalise, repair mojibake, check and segment one article's text."""
    text, repaired = repair_mojibake(text)
    if repaired:
        encoding = f"{encoding} (repaired: {repaired})"
    text = canonicalize(text)
    if not text or text.isspace():  # as `not text.strip()`, without copying the text
        return Item(origin, error="empty text; nothing to annotate (remove it, or check the text field/column)")
    if len(text) > max_chars:
        return Item(origin, error=too_long(len(text), max_chars))
    for k, v in fields.items():
        if isinstance(v, str):
            fields[k] = _storable(v)
    if fields.get("meta"):
        fields["meta"] = _storable_meta(fields["meta"])
    folded = fold(text)
    segments = detect_segments(text, folded.text)
    if not fields.get("title"):
        head = [s for s in segments if s.kind == "headline"]
        first = head[0] if head else next((s for s in segments if s.kind == "body"), None)
        if first is not None:
            fields["title"] = title_line(text[first.start : first.end])
    rec = ArticleRecord(text=text, raw=raw, encoding=encoding, origin=origin, **fields)
    note = bidi_note(text)
    return Item(origin, rec, segments, notes=[note] if note else [], folded=folded)


def _read_whole(path: Path, limit: int, what: str) -> tuple[bytes | None, str]:
    """(the bytes of the file at `path`, '') or (None, why it is too big). Raises OSError."""
    with open_regular(path) as fh:
        size = os.fstat(fh.fileno()).st_size
        if size <= limit:
            return fh.read(), ""
    return None, (f"file of {size / 1e6:,.1f} MB is over the {limit / 1e6:,.1f} MB limit for {what}; "
                  "split it into one file per article (or one JSONL line per article), or raise --max-chars")
_MARKUP = re.compile(r"<[^>]{0,200}>|^[#=*_>\-\s]+|[#=*_\s]+$")


def title_line(text: str) -> str:
    """A title from the start of a text: its first non-empty line without markup (HTML tags,
    Markdown heading marks and emphasis), at most 300 characters. (It was the whole first
    segment, up to five lines with their markup: issue 10.)"""
    for line in text.split("\n"):
        title = " ".join(_MARKUP.sub("", line).split())
        if title:
            return title[:300]
    return ""


def read_txt(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """One article per file."""
    data, big = _read_whole(path, opts.file_bytes(), f"one article of at most {opts.max_chars:,} characters")
    if big:
        yield Item(str(path), error=big)
        return
    try:
        text, enc = decode_bytes(data, opts.encoding)
    except DecodeError as e:
        yield Item(str(path), error=str(e))
        return
    yield _finish(text, str(path), data, enc, max_chars=opts.max_chars, source=path.parent.name, ext_id=path.stem)


def read_html(path: Path, opts: ReadOptions) -> Iterator[Item]:
    data, big = _read_whole(path, opts.record_bytes(), "one HTML page")
    if big:
        yield Item(str(path), error=big)
        return
    enc = opts.encoding
    if not enc and not detect_bom(data) and (utf8_text(data) is None or data.isascii()):
        # valid non-ASCII UTF-8 is UTF-8 whatever the page claims; a UTF-16 claim without a BOM
        # is ignored, as browsers do
        declared = declared_charset(data)
        if declared and not declared.startswith(("utf-16", "utf16", "utf-32", "utf32")):
            try:
                data.decode(declared)
                enc = declared
            except (UnicodeError, LookupError):
                enc = None
    try:
        html, used = decode_bytes(data, enc)
    except DecodeError as e:
        yield Item(str(path), error=str(e))
        return
    title, text = extract_text(html)
    yield _finish(text, str(path), data, used, max_chars=opts.max_chars, title=title, source=path.parent.name,
                  ext_id=path.stem)


def _file_encoding(fh: BinaryIO, opts: ReadOptions) -> tuple[str, int]:
    """Encoding of a line-oriented file, judged on its first 1 MiB; returns (codec, BOM length)."""
    head = fh.read(1 << 20)
    fh.seek(0)
    if opts.encoding:
        try:
            codecs.lookup(opts.encoding)
        except LookupError as e:
            raise DecodeError(f"unknown encoding {opts.encoding!r}; check --encoding") from e
        return opts.encoding, 0
    bom = detect_bom(head)
    if bom:
        name, n = bom
        return {"utf-8-sig": "utf-8"}.get(name, name), n
    utf16 = utf16_without_bom(head)
    if utf16:
        return utf16, 0
    if looks_binary(head):
        raise DecodeError("binary data, not text (NUL or control bytes); import text, JSONL, CSV or HTML files")
    if utf8_text(head, final=False) is not None:
        return "utf-8", 0
    enc = decode_bytes(head)[1]
    # mixed files are read as UTF-8 with each other line decoded on its own (`decode_line`)
    return ("utf-8" if "mixed" in enc else enc), 0


def _bounded_lines(readline: Callable, limit: int, newline) -> Iterator[tuple[object, int]]:
    """(line, size) for each line; (None, size) for a line over `limit`, which is skipped unread.

    Never holds more than `limit` of one line in memory, whatever the file.
    """
    while True:
        line = readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(newline):
            yield line, len(line)
            continue
        n = len(line)
        while not line.endswith(newline):
            line = readline(1 << 20)
            if not line:
                break
            n += len(line)
        yield None, n


def _over_limit(n: int, limit: int) -> str:
    return (f"line of {n:,} bytes is over the {limit:,}-byte limit for one record; split the article, "
            "or raise the limit with --max-chars")


def _get(obj: dict, names: list[str]) -> tuple[str, object]:
    for n in names:
        if n in obj and obj[n] not in (None, ""):
            return n, obj[n]
    return "", None


def _as_str(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, str):
        return v
    return json.dumps(v, ensure_ascii=False)


def _record_from_mapping(obj: dict, origin: str, raw: bytes, enc: str, opts: ReadOptions, text_names: list[str]) -> Item:
    tkey, text = _get(obj, text_names)
    if text is None:
        keys = ", ".join(list(obj)[:12]) or "none"
        return Item(origin, error=f"no text field ({' or '.join(text_names)}); fields are: {keys}; use --text-field")
    if not isinstance(text, str):
        return Item(origin, error=f"field {tkey!r} is a {type(text).__name__}, not a string; put the article text in a string")
    title = _as_str(obj.get(opts.title_field or "title"))
    ext_id = _as_str(obj.get(opts.id_field or "id"))
    _, published = _get(obj, ["published", "date", "published_at", "date_extracted", "datetime"])
    used = {tkey, opts.title_field or "title", opts.id_field or "id", "source", "url", "author"}
    meta = {k: v for k, v in obj.items() if k not in used}
    return _finish(
        text, origin, raw, enc, max_chars=opts.max_chars, title=canonicalize(title), ext_id=ext_id, source=_as_str(obj.get("source")),
        url=_as_str(obj.get("url")), published=_as_str(published), author=_as_str(obj.get("author")), meta=meta,
    )


def read_jsonl(path: Path, opts: ReadOptions, *, docs: bool = False, lines_only: bool = False) -> Iterator[Item]:
    """JSON Lines, or a .json file holding one object or an array of objects.

    A file whose first line does not parse is tried as one JSON document; if that fails too, it is
    read line by line so that one broken line costs only that line.
    """
    text_names = [opts.text_field] if opts.text_field else ["text", "content"]
    with open_regular(path) as fh:
        try:
            enc, bomlen = _file_encoding(fh, opts)
        except DecodeError as e:
            yield Item(str(path), error=str(e))
            return
        limit = opts.record_bytes()
        if enc.startswith("utf-16") or enc.startswith("utf-32"):
            # not line-safe as bytes: decode as a text stream
            fh.seek(bomlen)
            wrapper = io.TextIOWrapper(fh, encoding=enc, errors="replace", newline="")
            stream: Iterator[tuple[object, int]] = (
                (None if line is None else line.encode("utf-8", "surrogatepass"), n)
                for line, n in _bounded_lines(wrapper.readline, limit, "\n")
            )
            enc_lines = "utf-8"
        else:
            fh.seek(bomlen)
            stream = _bounded_lines(fh.readline, limit, b"\n")
            enc_lines = enc
        if not lines_only and _starts_array(fh, enc, bomlen):
            items = _read_json_document(path, fh, enc, bomlen, opts, text_names, docs, True)
            if items is not None:
                yield from items
                return
            lines_only = True
            fh.seek(bomlen)
        first = True
        pos = 0
        for lineno, (raw, n) in enumerate(stream, 1):
            origin = f"{path}:{lineno}"
            pos += n
            if raw is None:
                yield Item(origin, error=_over_limit(n, limit))
                continue
            if first and lineno == 1 and enc_lines == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            stripped = raw.strip()
            if not stripped:
                continue
            if first and not lines_only and stripped.startswith(b"{") and not _complete_json(stripped):
                # a pretty-printed object, or JSON Lines with a broken first line
                items = _read_json_document(path, fh, enc, bomlen, opts, text_names, docs, False)
                if items is not None:
                    yield from items
                    return
                yield from read_jsonl(path, opts, docs=docs, lines_only=True)
                return
            first = False
            try:
                line, line_enc = decode_line(raw, enc_lines)
            except DecodeError as e:
                yield Item(origin, error=f"{e}; fix the line or pass --encoding")
                continue
            try:
                obj = strict_json.loads(line)
            except (ValueError, RecursionError) as e:
                yield Item(origin, error=f"invalid JSON ({_json_problem(e)}); each line must be one JSON object")
                continue
            if not isinstance(obj, dict):
                yield Item(origin, error=f"a JSON {type(obj).__name__}, not an object; each line must be one object")
                continue
            if strict_json.too_deep(obj):
                yield Item(origin, error=_TOO_DEEP)
                continue
            item = Item(origin, docs=obj) if docs else _record_item(
                obj, origin, raw.rstrip(b"\r\n"), line_enc if line_enc != enc_lines else enc, opts, text_names)
            item.pos = pos
            yield item


_TOO_DEEP = (f"a record nested more than {strict_json.MAX_DEPTH} levels deep (lists or objects inside each other); "
             "flatten it")


_json_problem = strict_json.problem


def _record_item(obj: dict, origin: str, raw: bytes, enc: str, opts: ReadOptions, text_names: list[str]) -> Item:
    """`_record_from_mapping`, with anything it raises on a hostile record made that record's error."""
    try:
        return _record_from_mapping(obj, origin, raw, enc, opts, text_names)
    except (ValueError, TypeError, OverflowError, RecursionError, UnicodeError) as e:
        return Item(origin, error=f"could not be read ({type(e).__name__}: {e}); fix or remove the record")


def _starts_array(fh: BinaryIO, enc: str, bomlen: int) -> bool:
    """True when the file's first non-blank character is `[` (a JSON array, not JSON Lines)."""
    fh.seek(bomlen)
    head = fh.read(4096)
    fh.seek(bomlen)
    return head.decode(enc, "ignore").lstrip().startswith("[")


def _complete_json(b: bytes) -> bool:
    """True when `b` is one whole JSON text (a number JSON cannot carry is that line's error, later)."""
    try:
        strict_json.loads(b)
        return True
    except strict_json.JSONNumberError:
        return True
    except (ValueError, RecursionError):
        return False


MAX_JSON_DOCUMENT_BYTES = MAX_RECORD_BYTES  # a whole-file JSON document is parsed in memory


def _read_json_document(path, fh, enc, bomlen, opts, text_names, docs, array: bool) -> list[Item] | None:
    """Items of a whole-file JSON document, or None when the file is to be read as JSON Lines.

    A file that starts with `[` is an array: too big, or broken before its end (not merely followed
    by more lines), it is refused with the place of the break. A file that starts with an
    incomplete `{` line may be a pretty-printed object or JSON Lines with a broken first line.
    """
    size = os.fstat(fh.fileno()).st_size
    limit = max(MAX_JSON_DOCUMENT_BYTES, opts.record_bytes())
    if size > limit:
        if not array:
            return None
        return [Item(str(path), error=(
            f"a JSON document of {size / 1e6:,.1f} MB is over the {limit / 1e6:,.1f} MB limit for "
            "one document; convert it to JSON Lines, one object per line (e.g. jq -c '.[]' FILE > FILE.jsonl)"))]
    fh.seek(bomlen)
    data = fh.read()
    try:
        text = utf8_text(data) if enc == "utf-8" else data.decode(enc, "surrogatepass")
        if text is None:
            return None
        doc = strict_json.loads(text)
    except strict_json.JSONNumberError as e:
        if not array:
            return None
        return [Item(str(path), error=f"invalid JSON document ({e}); fix it, or convert it to JSON Lines so that "
                                      "a bad record costs only itself")]
    except json.JSONDecodeError as e:
        if not array or e.msg == "Extra data":
            return None
        return [Item(f"{path}:{e.lineno}", error=(
            f"invalid JSON document ({e.msg} at line {e.lineno}, column {e.colno}; the file may be cut off); "
            "fix it, or convert it to JSON Lines so that a broken record costs only itself"))]
    except RecursionError:
        if not array:
            return None
        return [Item(str(path), error="JSON nested too deeply to be articles; each article must be a flat object")]
    except UnicodeDecodeError:
        return None
    return list(_document_items(path, doc, enc, opts, text_names, docs))


def _document_items(path, doc, enc, opts, text_names, docs) -> Iterator[Item]:
    objs = doc if isinstance(doc, list) else [doc]
    for i, obj in enumerate(objs, 1):
        origin = f"{path}[{i}]"
        if not isinstance(obj, dict):
            yield Item(origin, error=f"array element {i} is a {type(obj).__name__}, not an object")
        elif strict_json.too_deep(obj):
            yield Item(origin, error=_TOO_DEEP)
        elif docs:
            yield Item(origin, docs=obj)
        else:
            raw = json.dumps(obj, ensure_ascii=False).encode("utf-8", "surrogatepass")
            yield _record_item(obj, origin, raw, enc, opts, text_names)


class _CsvLines:
    """Decoded physical lines of a CSV file for `csv.reader`, one per line, so its line numbers hold.

    A line over the byte limit is replaced by an empty line and remembered in `too_long`; a line in
    another encoding than the file's is decoded on its own (`decode_line`) and remembered in
    `recoded`, an undecodable one in `bad`.
    """

    def __init__(self, fh: BinaryIO, enc: str, limit: int):
        if enc.startswith("utf-16") or enc.startswith("utf-32"):
            wrapper = io.TextIOWrapper(fh, encoding=enc, errors="replace", newline="")
            self._lines = _bounded_lines(wrapper.readline, limit, "\n")
            self.enc = ""
        else:
            self._lines = _bounded_lines(fh.readline, limit, b"\n")
            self.enc = enc
        self.lineno = 0
        self.too_long: dict[int, int] = {}
        self.recoded: dict[int, str] = {}
        self.bad: dict[int, str] = {}

    def __iter__(self) -> Iterator[str]:
        for line, n in self._lines:
            self.lineno += 1
            if line is None:
                self.too_long[self.lineno] = n
                yield "\n"
            elif not self.enc:
                yield line
            else:
                try:
                    text, used = decode_line(line, self.enc)
                except DecodeError as e:
                    self.bad[self.lineno] = str(e)
                    yield "\n"
                    continue
                if used != self.enc:
                    self.recoded[self.lineno] = used
                yield text


def read_csv(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """CSV or TSV with a header row; one article per row. A broken row costs only that row; a
    header naming a column twice (e.g. two `text` columns) refuses the whole file."""
    with open_regular(path) as fh:
        try:
            enc, bomlen = _file_encoding(fh, opts)
        except DecodeError as e:
            yield Item(str(path), error=str(e))
            return
        fh.seek(bomlen)
        limit = opts.record_bytes()
        lines = _CsvLines(fh, enc, limit)
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        reader = csv.reader(iter(lines), delimiter=delimiter, strict=True)
        csv.field_size_limit(limit)
        try:
            header = next(reader)
        except StopIteration:
            yield Item(str(path), error="empty CSV file")
            return
        except csv.Error as e:
            yield Item(f"{path}:1", error=f"unreadable header ({e}); check the file or pass --encoding")
            return
        if lines.too_long or lines.bad:
            yield Item(f"{path}:1", error="unreadable header (too long or not text); check the file or pass --encoding")
            return
        names = [h.strip().lstrip("\ufeff") for h in header]
        twice = next((n for i, n in enumerate(names) if n and n in names[:i]), None)
        if twice is not None:
            where = " and ".join(str(i + 1) for i, n in enumerate(names) if n == twice)
            yield Item(f"{path}:1", error=f"the column {twice!r} appears more than once (columns {where}), so it is "
                       "not clear which one to read; rename or remove the extra column(s)")
            return
        wanted = [opts.text_column] if opts.text_column else ["text", "content"]
        col = next((names.index(w) for w in wanted if w in names), None)
        if col is None:
            yield Item(f"{path}:1", error=f"no text column ({' or '.join(wanted)}); columns are: {', '.join(names)}; use --text-column")
            return
        row_opts = ReadOptions(encoding=opts.encoding, title_field=opts.title_field, id_field=opts.id_field,
                               max_chars=opts.max_chars)
        while True:
            lineno = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as e:
                if "unexpected end of data" in str(e):
                    yield Item(f"{path}:{lineno}", error=(
                        f"a quoted field opened on line {lineno} is never closed, so lines {lineno}-"
                        f"{reader.line_num} were not read; fix the row's quoting"))
                    break
                yield Item(f"{path}:{lineno}", error=f"unreadable row ({e}); fix the row's quoting")
                continue
            origin = f"{path}:{lineno}"
            span = range(lineno, reader.line_num + 1)
            problem = next((f"line {i}: {_over_limit(lines.too_long[i], limit)}" for i in span if i in lines.too_long),
                           next((f"line {i}: {lines.bad[i]}; fix the line or pass --encoding" for i in span
                                 if i in lines.bad), ""))
            if problem:
                yield Item(origin, error=problem)
                continue
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(names):
                yield Item(origin, error=f"{len(row)} columns where the header has {len(names)}; fix the row's quoting")
                continue
            obj = dict(zip(names, row))
            raw = (delimiter.join(row)).encode("utf-8", "surrogatepass")
            row_enc = next((lines.recoded[i] for i in span if i in lines.recoded), enc)
            yield _record_item(obj, origin, raw, row_enc, row_opts, [names[col]])


READERS: dict[str, Callable[[Path, ReadOptions], Iterator[Item]]] = {
    "txt": read_txt,
    "html": read_html,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "docs": lambda p, o: read_jsonl(p, o, docs=True),
}


SYSTEM_DIRS = ("/proc", "/sys", "/dev")  # never read as articles: process memory, kernel state, devices


def _under(real: str, folders) -> bool:
    return any(real == d or real.startswith(d.rstrip(os.sep) + os.sep) for d in folders)


def system_path(real: str) -> bool:
    """True for a resolved path under /proc, /sys or /dev."""
    return _under(real, SYSTEM_DIRS)


def _refusal(message: str) -> OSError:
    e = OSError(errno.EINVAL, message)
    e.strerror = message
    return e


def _special(mode: int) -> str:
    """Why a file of `mode` is not read ('' for a regular file)."""
    if stat.S_ISREG(mode):
        return ""
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode) or stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a regular file (a pipe, socket or device); not read: import regular files"
    return "not a regular file; import regular files"


def project_file_ids(project_path: Path) -> set[tuple[int, int]]:
    """(device, inode) of the project file and its -wal, -shm and -journal, whatever names they go by.

    Compare an input's `os.stat` with these before opening it: closing any descriptor of the
    project file drops this process's SQLite locks on it.
    """
    ids = set()
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            st = os.stat(f"{project_path}{suffix}")
        except OSError:
            continue
        ids.add((st.st_dev, st.st_ino))
    return ids


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading, when it is a regular file outside /proc, /sys and /dev.

    Checked with stat before opening (a FIFO is never opened, a device never touched) and again on
    the open descriptor (non-blocking, so a FIFO swapped in meanwhile cannot hang the import).
    Raises OSError, whose `strerror` says why and what to do.
    """
    real = os.path.realpath(path)
    if system_path(real):
        raise _refusal(f"{real} is a system file (under /proc, /sys or /dev), not an article; never read")
    why = _special(os.stat(path).st_mode)
    if why:
        raise _refusal(why)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                 | getattr(os, "O_NOCTTY", 0))
    try:
        why = _special(os.fstat(fd).st_mode)
        if why:
            raise _refusal(why)
        try:  # where the descriptor really points (Linux), whatever was swapped in after the check
            real = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            pass
        if system_path(real):
            raise _refusal(f"{real} is a system file (under /proc, /sys or /dev), not an article; never read")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class _Walk:
    """The files to read under the paths named on the command line, and why others are not read.

    Links are followed only when they resolve inside the files and folders named (a link named
    itself does not count as a place named), or everywhere with `follow_links`; nothing under
    /proc, /sys or /dev is ever read; pipes, sockets and devices are reported, never opened; a
    folder is walked once, so folder links cannot loop.
    """

    def __init__(self, paths: list[Path], follow_links: bool):
        self.paths, self.follow_links = paths, follow_links
        self.roots = [os.path.realpath(p) for p in paths if not p.is_symlink() and p.exists()]
        self.walked: set[tuple[int, int]] = set()

    def link_problem(self, p: Path) -> tuple[str, str]:
        """(resolved path, '') for a link that may be followed, else (resolved or '', why not)."""
        try:
            real = os.path.realpath(p, strict=True)
        except OSError as e:
            if e.errno == errno.ELOOP:
                return "", "a symbolic link that loops back on itself; not followed (fix or remove the link)"
            return "", "a symbolic link to nothing (broken link); fix or remove the link"
        if system_path(real):
            return real, f"a symbolic link to {real}, a system file (under /proc, /sys or /dev); never read"
        if not self.follow_links and not _under(real, self.roots):
            return real, (f"a symbolic link to {real}, outside the files and folders named on the command line; "
                          "not read (name the target itself, or pass --follow-links)")
        return real, ""

    def file_problem(self, p: Path) -> str:
        """'' when the file `p` (not a folder) may be read, else why not."""
        if p.is_symlink():
            real, why = self.link_problem(p)
            if why:
                return why
        else:
            real = os.path.realpath(p)
            if system_path(real):
                return f"{real} is a system file (under /proc, /sys or /dev), not an article; never read"
        try:
            mode = os.stat(p).st_mode
        except OSError as e:
            return "no such file or folder" if e.errno == errno.ENOENT else f"cannot read: {e.strerror}"
        if stat.S_ISDIR(mode):
            return "a symbolic link to a folder, not followed (so links cannot loop); import that folder itself"
        return _special(mode)

    def __iter__(self) -> Iterator[tuple[Path, str]]:
        for p in self.paths:
            if p.is_dir() and not (p.is_symlink() and self.link_problem(p)[1]):
                yield from self._folder(p)
            elif p.is_symlink() and p.is_dir():
                yield p, self.link_problem(p)[1]
            else:
                yield p, self.file_problem(p)

    def _enter(self, folder: Path) -> str:
        """'' when `folder` is to be walked now (and remember it), else why not."""
        real = os.path.realpath(folder)
        if system_path(real):
            return f"{real} is a system folder (under /proc, /sys or /dev); never read"
        st = os.stat(folder)
        if (st.st_dev, st.st_ino) in self.walked:
            return f"a folder already read ({real}; a link loop, or two names for one folder); not read again"
        self.walked.add((st.st_dev, st.st_ino))
        return ""

    def _folder(self, top: Path) -> Iterator[tuple[Path, str]]:
        why = self._enter(top)
        if why:
            yield top, why
            return
        errors: list[OSError] = []
        for root, dirs, files in os.walk(top, followlinks=self.follow_links, onerror=errors.append):
            while errors:
                e = errors.pop(0)
                yield Path(e.filename or root), f"cannot read this folder: {e.strerror}"
            keep = []
            for name in sorted(dirs):
                d = Path(root) / name
                if d.is_symlink():
                    why = self.link_problem(d)[1] if self.follow_links else (
                        self.link_problem(d)[1]
                        or "a symbolic link to a folder, not followed (so links cannot loop); import that folder itself")
                    why = why or self._enter(d)
                else:
                    why = self._enter(d)
                if why:
                    yield d, why
                else:
                    keep.append(name)
            dirs[:] = keep
            for name in sorted(files):
                if name.startswith("."):
                    continue
                fp = Path(root) / name
                yield fp, self.file_problem(fp)
        while errors:
            e = errors.pop(0)
            yield Path(e.filename or top), f"cannot read this folder: {e.strerror}"


def iter_files(paths: list[str | os.PathLike], follow_links: bool = False) -> Iterator[tuple[Path, str]]:
    """Files under `paths` (folders recursively): (path, '') for each file to read, (path, why not)
    for each path that is not read (see `_Walk`)."""
    return iter(_Walk([Path(p) for p in paths], follow_links))
