"""Readers: turn files into article records, one `Item` per article or per bad record.

Every reader streams: JSONL and CSV are read record by record, so a 200 MB file never sits in
memory as one string. A bad record becomes an `Item` with an error naming file:line and what to do;
it never stops the rest of the file.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from ..core.boilerplate import detect_segments
from ..core.text import canonicalize
from ..storage.project import ArticleRecord
from .decode import DecodeError, decode_bytes, detect_bom, looks_binary, repair_mojibake
from .html_text import declared_charset, extract_text

FORMATS = ("auto", "txt", "jsonl", "csv", "html", "docs")
_EXT = {".txt": "txt", ".text": "txt", ".md": "txt", ".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl",
        ".csv": "csv", ".tsv": "csv", ".html": "html", ".htm": "html", ".xhtml": "html"}
MAX_TEXT_CHARS = 5_000_000  # one article; larger records are refused, not truncated
MAX_RECORD_BYTES = 64 * 1024 * 1024


@dataclass
class ReadOptions:
    encoding: str | None = None
    text_field: str | None = None  # JSONL; default: "text", then "content"
    title_field: str | None = None  # default "title"
    id_field: str | None = None  # default "id"
    text_column: str | None = None  # CSV; default: "text", then "content"


@dataclass
class Item:
    origin: str  # "file" or "file:line"
    record: ArticleRecord | None = None
    segments: list = field(default_factory=list)
    error: str = ""
    docs: dict | None = None  # a line of our own `docs` export, stored with its annotations
    pos: int = 0  # bytes of the file consumed so far (for progress), where the reader knows it


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


def _finish(text: str, origin: str, raw: bytes, encoding: str, **fields) -> Item:
    """Canonicalise, repair mojibake, check and segment one article's text."""
    text, repaired = repair_mojibake(text)
    if repaired:
        encoding = f"{encoding} (repaired: {repaired})"
    text = canonicalize(text)
    if not text.strip():
        return Item(origin, error="empty text; nothing to annotate")
    if len(text) > MAX_TEXT_CHARS:
        return Item(origin, error=f"text of {len(text):,} characters is over the {MAX_TEXT_CHARS:,} limit; split it")
    segments = detect_segments(text)
    if not fields.get("title"):
        head = [s for s in segments if s.kind == "headline"]
        first = head[0] if head else next((s for s in segments if s.kind == "body"), None)
        if first is not None:
            fields["title"] = text[first.start : first.end][:300]
    rec = ArticleRecord(text=text, raw=raw, encoding=encoding, origin=origin, **fields)
    return Item(origin, rec, segments)


def read_txt(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """One article per file."""
    data = path.read_bytes()
    try:
        text, enc = decode_bytes(data, opts.encoding)
    except DecodeError as e:
        yield Item(str(path), error=str(e))
        return
    yield _finish(text, str(path), data, enc, source=path.parent.name, ext_id=path.stem)


def read_html(path: Path, opts: ReadOptions) -> Iterator[Item]:
    data = path.read_bytes()
    enc = opts.encoding
    if not enc and not detect_bom(data):
        declared = declared_charset(data)
        if declared:
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
    yield _finish(text, str(path), data, used, title=title, source=path.parent.name, ext_id=path.stem)


def _file_encoding(fh: BinaryIO, opts: ReadOptions) -> tuple[str, int]:
    """Encoding of a line-oriented file, judged on its first 1 MiB; returns (codec, BOM length)."""
    head = fh.read(1 << 20)
    fh.seek(0)
    if opts.encoding:
        return opts.encoding, 0
    bom = detect_bom(head)
    if bom:
        name, n = bom
        return {"utf-8-sig": "utf-8"}.get(name, name), n
    if looks_binary(head):
        raise DecodeError("binary data, not text (NUL or control bytes)")
    try:
        head.decode("utf-8")
        return "utf-8", 0
    except UnicodeDecodeError as e:
        if e.start >= len(head) - 4:  # a character cut by the 1 MiB boundary
            return "utf-8", 0
    return decode_bytes(head)[1], 0


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
        return Item(origin, error=f"field {tkey!r} is a {type(text).__name__}, not a string")
    title = _as_str(obj.get(opts.title_field or "title"))
    ext_id = _as_str(obj.get(opts.id_field or "id"))
    _, published = _get(obj, ["published", "date", "published_at", "date_extracted", "datetime"])
    used = {tkey, opts.title_field or "title", opts.id_field or "id", "source", "url", "author"}
    meta = {k: v for k, v in obj.items() if k not in used}
    return _finish(
        text, origin, raw, enc, title=canonicalize(title), ext_id=ext_id, source=_as_str(obj.get("source")),
        url=_as_str(obj.get("url")), published=_as_str(published), author=_as_str(obj.get("author")), meta=meta,
    )


def read_jsonl(path: Path, opts: ReadOptions, *, docs: bool = False, lines_only: bool = False) -> Iterator[Item]:
    """JSON Lines, or a .json file holding one object or an array of objects.

    A file whose first line does not parse is tried as one JSON document; if that fails too, it is
    read line by line so that one broken line costs only that line.
    """
    text_names = [opts.text_field] if opts.text_field else ["text", "content"]
    with open(path, "rb") as fh:
        try:
            enc, bomlen = _file_encoding(fh, opts)
        except DecodeError as e:
            yield Item(str(path), error=str(e))
            return
        if enc.startswith("utf-16") or enc.startswith("utf-32"):
            # not line-safe as bytes: decode as a text stream
            stream: Iterator[bytes] = (
                line.encode("utf-8") for line in io.TextIOWrapper(fh, encoding=enc, newline="")
            )
            enc_lines = "utf-8"
        else:
            fh.seek(bomlen)
            stream = iter(fh)
            enc_lines = enc
        first = True
        pos = 0
        for lineno, raw in enumerate(stream, 1):
            origin = f"{path}:{lineno}"
            pos += len(raw)
            if len(raw) > MAX_RECORD_BYTES:
                yield Item(origin, error=f"line of {len(raw):,} bytes is over the {MAX_RECORD_BYTES:,}-byte limit")
                continue
            if first and lineno == 1 and enc_lines == "utf-8" and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            stripped = raw.strip()
            if not stripped:
                continue
            if first and not lines_only and (
                stripped.startswith(b"[") or (stripped.startswith(b"{") and not _complete_json(stripped))
            ):
                # a whole-file JSON document (array or pretty-printed object)
                items = _read_json_document(path, fh, enc, bomlen, opts, text_names, docs)
                if items is not None:
                    yield from items
                    return
                yield from read_jsonl(path, opts, docs=docs, lines_only=True)
                return
            first = False
            try:
                line = raw.decode(enc_lines)
            except UnicodeDecodeError as e:
                yield Item(origin, error=f"not valid {enc_lines} text ({e.reason} at byte {e.start}); fix the line or pass --encoding")
                continue
            try:
                obj = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as e:
                msg = e.msg if isinstance(e, json.JSONDecodeError) else "nested too deeply"
                yield Item(origin, error=f"invalid JSON ({msg}); each line must be one JSON object")
                continue
            if not isinstance(obj, dict):
                yield Item(origin, error=f"a JSON {type(obj).__name__}, not an object; each line must be one object")
                continue
            item = Item(origin, docs=obj) if docs else _record_from_mapping(
                obj, origin, raw.rstrip(b"\r\n"), enc, opts, text_names)
            item.pos = pos
            yield item


def _complete_json(b: bytes) -> bool:
    try:
        json.loads(b)
        return True
    except (ValueError, RecursionError):
        return False


MAX_JSON_DOCUMENT_BYTES = 256 * 1024 * 1024


def _read_json_document(path, fh, enc, bomlen, opts, text_names, docs) -> list[Item] | None:
    """Items of a whole-file JSON document, or None when the file is not one valid document."""
    if os.fstat(fh.fileno()).st_size > MAX_JSON_DOCUMENT_BYTES:
        return [Item(str(path), error="a JSON document over 256 MB; convert it to JSON Lines (one object per line)")]
    fh.seek(bomlen)
    data = fh.read()
    try:
        doc = json.loads(data.decode(enc))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        return None
    return list(_document_items(path, doc, enc, opts, text_names, docs))


def _document_items(path, doc, enc, opts, text_names, docs) -> Iterator[Item]:
    objs = doc if isinstance(doc, list) else [doc]
    for i, obj in enumerate(objs, 1):
        origin = f"{path}[{i}]"
        if not isinstance(obj, dict):
            yield Item(origin, error=f"array element {i} is a {type(obj).__name__}, not an object")
        elif docs:
            yield Item(origin, docs=obj)
        else:
            raw = json.dumps(obj, ensure_ascii=False).encode("utf-8")
            yield _record_from_mapping(obj, origin, raw, enc, opts, text_names)


def read_csv(path: Path, opts: ReadOptions) -> Iterator[Item]:
    """CSV or TSV with a header row; one article per row."""
    with open(path, "rb") as fh:
        try:
            enc, bomlen = _file_encoding(fh, opts)
        except DecodeError as e:
            yield Item(str(path), error=str(e))
            return
        fh.seek(bomlen)
        text = io.TextIOWrapper(fh, encoding=enc, errors="strict", newline="")
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        reader = csv.reader(text, delimiter=delimiter)
        csv.field_size_limit(MAX_RECORD_BYTES)
        try:
            header = next(reader)
        except StopIteration:
            yield Item(str(path), error="empty CSV file")
            return
        except (UnicodeDecodeError, csv.Error) as e:
            yield Item(f"{path}:1", error=f"unreadable header ({e}); check the file or pass --encoding")
            return
        names = [h.strip().lstrip("\ufeff") for h in header]
        wanted = [opts.text_column] if opts.text_column else ["text", "content"]
        col = next((names.index(w) for w in wanted if w in names), None)
        if col is None:
            yield Item(f"{path}:1", error=f"no text column ({' or '.join(wanted)}); columns are: {', '.join(names)}; use --text-column")
            return
        while True:
            lineno = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except (UnicodeDecodeError, csv.Error) as e:
                yield Item(f"{path}:{lineno}", error=f"unreadable row ({e})")
                break
            origin = f"{path}:{lineno}"
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(names):
                yield Item(origin, error=f"{len(row)} columns where the header has {len(names)}; fix the row's quoting")
                continue
            obj = dict(zip(names, row))
            raw = (delimiter.join(row)).encode("utf-8")
            yield _record_from_mapping(obj, origin, raw, enc, ReadOptions(
                encoding=opts.encoding, title_field=opts.title_field, id_field=opts.id_field), [names[col]])


READERS: dict[str, Callable[[Path, ReadOptions], Iterator[Item]]] = {
    "txt": read_txt,
    "html": read_html,
    "jsonl": read_jsonl,
    "csv": read_csv,
    "docs": lambda p, o: read_jsonl(p, o, docs=True),
}


def iter_files(paths: list[str | os.PathLike]) -> Iterator[tuple[Path, str]]:
    """Files under `paths` (folders recursively, symlinked folders not followed, so no loops).

    Yields (path, '') for each file, or (path, error) for a path that cannot be read.
    """
    for p in map(Path, paths):
        if p.is_dir():
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs.sort()
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    fp = Path(root) / name
                    if fp.is_file():
                        yield fp, ""
        elif p.is_file():
            yield p, ""
        elif p.exists():
            yield p, "not a regular file"
        else:
            yield p, "no such file or folder"
