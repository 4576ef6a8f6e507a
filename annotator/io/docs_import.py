"""Read an exported `docs` JSONL file back into a project, keeping every id.

Export -> import into a new project -> export gives the same bytes (but for stance suggestions,
which are not restored: see `store_docs_record`): articles (their ids derive from
the text), segments, the actors used, mentions, stances with evidence and statuses all come back
as they were. Not carried by the file, so set anew on import: segment and evidence row ids, the
article's `imported_at`, `raw` (the text as UTF-8) and an evidence row's `created_at` (the
stance's `updated_at`). These are imports, not edits: `Project.add_article` and
`Project.restore_annotations` write the rows, and nothing is logged.
"""

from __future__ import annotations

import math
import sqlite3
from typing import Iterator, TextIO

from ..core import strict_json
from ..core.model import (
    ARTICLE_STATUSES,
    AUTHOR,
    MENTION_STATUSES,
    SEGMENT_KINDS,
    Actor,
    Mention,
    Segment,
    Span,
    Stance,
)
from ..core.text import canonicalize, sha256_text
from ..storage.project import ArticleRecord, Project, article_id_for
from .export import DOCS_OPTIONAL, DOCS_SHAPE


def read_docs(stream: TextIO, source_name: str) -> Iterator[tuple[int, dict | Exception]]:
    """(line number, object) for every non-blank line; a ValueError in place of a line that is no object.

    Blank lines are skipped and a BOM before the first line is ignored.
    """
    for line_no, line in enumerate(stream, 1):
        if line_no == 1:
            line = line.lstrip("\ufeff")
        if not line.strip():
            continue
        try:
            obj = strict_json.loads(line)
        except _JSON_ERRORS as e:
            yield line_no, ValueError(f"{source_name}:{line_no}: not JSON ({_json_problem(e)})")
            continue
        if not isinstance(obj, dict):
            yield line_no, ValueError(f"{source_name}:{line_no}: a JSON {type(obj).__name__}, not an object")
            continue
        yield line_no, obj


_JSON_ERRORS = (ValueError, RecursionError)


_json_problem = strict_json.problem


def _check_shape(value, shape, where: str) -> None:
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            raise ValueError(f"{where}: expected an object")
        missing = [k for k in shape if k not in value]
        extra = [k for k in value if k not in shape]
        if missing or extra:
            raise ValueError(f"{where}: missing keys {missing}, unknown keys {extra}")
        for k, sub in shape.items():
            _check_shape(value[k], sub, f"{where}.{k}")
    elif isinstance(shape, list):
        if not isinstance(value, list):
            raise ValueError(f"{where}: expected a list")
        for i, item in enumerate(value):
            _check_shape(item, shape[0], f"{where}[{i}]")
    elif shape is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{where}: expected a number, got {value!r}")
        if isinstance(value, int) and not -2**63 <= value < 2**63:
            raise ValueError(f"{where}: the number {str(value)[:20]}... is out of range")
        if not math.isfinite(value):
            raise ValueError(f"{where}: {value!r} is not a finite number; JSON cannot carry it")
    elif isinstance(value, bool) or not isinstance(value, shape):
        raise ValueError(f"{where}: expected {'a string' if shape is str else 'an integer'}, got {value!r}")


def _check_span(text: str, span: dict, where: str, *, empty_ok: bool = False) -> None:
    s, e = span["start"], span["end"]
    if not (0 <= s <= e <= len(text)) or (s == e and not empty_ok):
        raise ValueError(f"{where}: span [{s}, {e}) is not inside the text of {len(text)} characters")
    if "text" in span and text[s:e] != span["text"]:
        raise ValueError(f"{where}: text {span['text']!r} differs from the article's text[{s}:{e}] = {text[s:e]!r}")


def _validate(project: Project, obj: dict) -> None:
    """Raise ValueError, naming the field, unless `obj` is a consistent `docs` line for `project`."""
    # `suggestions` (absent after `export --no-suggestions`) is checked but never restored: it is the
    # output of a model the file does not carry (see `store_docs_record`)
    absent = [k for k in DOCS_OPTIONAL if k not in obj]
    _check_shape(obj, {k: v for k, v in DOCS_SHAPE.items() if k not in absent}, "docs record")
    aid, text = obj["id"], obj["text"]
    where = f"article {aid}"
    if canonicalize(text) != text:
        raise ValueError(f"{where}: text is not canonical (BOM, CR line breaks, NUL or not NFC)")
    if sha256_text(text) != obj["text_sha256"]:
        raise ValueError(f"{where}: text_sha256 does not match the text (was the text edited?)")
    if article_id_for(obj["text_sha256"]) != aid:
        raise ValueError(f"{where}: id does not match the text (expected {article_id_for(obj['text_sha256'])})")
    try:
        meta = strict_json.loads(obj["meta_json"])
    except _JSON_ERRORS as e:
        raise ValueError(f"{where}: meta_json is not valid JSON ({_json_problem(e)})") from None
    if not isinstance(meta, dict):
        raise ValueError(f"{where}: meta_json is not a JSON object")
    if strict_json.too_deep(meta):
        raise ValueError(f"{where}: meta_json nests more than {strict_json.MAX_DEPTH} levels deep; flatten it")
    for i, seg in enumerate(obj["segments"]):
        _check_span(text, seg, f"{where}: segments[{i}]", empty_ok=True)
        if seg["kind"] not in SEGMENT_KINDS:
            raise ValueError(f"{where}: segments[{i}]: unknown kind {seg['kind']!r}")
    known = {a.id for a in project.actors()} | {a["id"] for a in obj["actors"]}
    for a in obj["actors"]:
        if a["id"] in ("", AUTHOR):
            raise ValueError(f"{where}: {a['id']!r} cannot be an actor id")
    for i, m in enumerate(obj["mentions"]):
        w = f"{where}: mentions[{i}]"
        _check_span(text, m, w)
        if m["actor_id"] not in known:
            raise ValueError(f"{w}: actor {m['actor_id']!r} is neither in the line's actors nor in the project")
        if m["status"] not in MENTION_STATUSES:
            raise ValueError(f"{w}: unknown status {m['status']!r}")
        if m["origin"] not in ("auto", "manual"):
            raise ValueError(f"{w}: origin {m['origin']!r} is neither 'auto' nor 'manual'")
    labels = {l.name for l in project.labels()}
    pairs = set()
    for i, s in enumerate(obj["stances"]):
        w = f"{where}: stances[{i}]"
        for role in ("holder_id", "target_id"):
            if s[role] not in known and not (role == "holder_id" and s[role] == AUTHOR):
                raise ValueError(f"{w}: {role} {s[role]!r} is neither in the line's actors nor in the project")
        if s["holder_id"] == s["target_id"]:
            raise ValueError(f"{w}: holder and target are the same actor")
        if s["label"] not in labels:
            raise ValueError(f"{w}: label {s['label']!r} is not in the project's label set; add it first")
        if s["intensity"] not in (-1, 1, 2, 3):
            raise ValueError(f"{w}: intensity {s['intensity']} is not -1, 1, 2 or 3")
        if s["explicit"] not in (-1, 0, 1):
            raise ValueError(f"{w}: explicit {s['explicit']} is not -1, 0 or 1")
        if not s["annotator"].strip():
            raise ValueError(f"{w}: no annotator")
        key = (s["annotator"], s["holder_id"], s["target_id"])
        if key in pairs:
            raise ValueError(f"{w}: a second stance of {key[0]} from {key[1]} toward {key[2]}")
        pairs.add(key)
        for j, ev in enumerate(s["evidence"]):
            _check_span(text, ev, f"{w}: evidence[{j}]")
    seen = set()
    for i, st in enumerate(obj["status"]):
        w = f"{where}: status[{i}]"
        if st["status"] not in ARTICLE_STATUSES:
            raise ValueError(f"{w}: unknown status {st['status']!r}")
        if not st["annotator"].strip() or st["annotator"] in seen:
            raise ValueError(f"{w}: annotator {st['annotator']!r} is empty or listed twice")
        seen.add(st["annotator"])


def store_docs_record(project: Project, obj: dict) -> str | None:
    """Store one `docs` line; returns the article id, or None when the same text is already stored.

    The line's `suggestions` are checked like every other key and then ignored: they are a model's
    output and the model is not in the file (a project that has it is the one the file came from,
    which already holds these articles); run `annotator learn` and `suggest-stances` in the new
    project. So a round trip gives the same bytes except `suggestions`, which come back as [].

    Call inside `with project.db.atomic():`, which undoes a partial write. Raises ValueError for a
    line that does not fit: wrong keys or types, a span that is not the text it claims, an unknown
    actor, label, status or kind, an id already used. Actors already in the project are kept as
    they are; the line's copy is used only for actors the project lacks.
    """
    _validate(project, obj)
    text = obj["text"]
    rec = ArticleRecord(
        text=text, raw=text.encode("utf-8"), encoding="utf-8", ext_id=obj["ext_id"], source=obj["source"],
        url=obj["url"], title=obj["title"], published=obj["published"], author=obj["author"],
        meta=strict_json.loads(obj["meta_json"]), origin=obj["imported_from"],
    )
    segments = [Segment(s["start"], s["end"], s["kind"], s["method"]) for s in obj["segments"]]
    try:
        aid = project.add_article(rec, segments)
        if aid is None:
            return None
        existing = {a.id for a in project.actors()}
        for a in obj["actors"]:
            if a["id"] not in existing:
                project.upsert_actor(Actor(a["id"], a["name_ar"], a["name_en"], a["type"], a["color"]))
        project.restore_annotations(
            aid,
            mentions=[
                Mention(aid, m["actor_id"], m["start"], m["end"], m["prefix"], m["origin"], m["status"],
                        m["annotator"], m["alias_id"], m["id"], m["created_at"], m["updated_at"])
                for m in obj["mentions"]
            ],
            stances=[
                Stance(aid, s["holder_id"], s["target_id"], s["label"], s["annotator"],
                       None if s["intensity"] == -1 else s["intensity"],
                       None if s["explicit"] == -1 else bool(s["explicit"]), s["note"],
                       [Span(e["start"], e["end"]) for e in s["evidence"]], s["id"], s["created_at"], s["updated_at"])
                for s in obj["stances"]
            ],
            statuses=obj["status"],
        )
    except sqlite3.IntegrityError as e:
        raise ValueError(f"article {obj['id']}: cannot be stored ({e}); is an id already used?") from e
    return aid
