"""Export a project as training data: `docs` and `pairs` JSONL, doccano JSONL, Label Studio JSON.

Writers stream one article at a time (constant memory) and take any text stream; `export` writes a
file through a temporary file in the same directory that replaces the target only when everything
was written, so an interrupted export leaves neither a half file nor a temporary file behind.

Every line has the same keys and JSON types (`DOCS_SHAPE`, `PAIRS_SHAPE`): missing strings are
"", missing numbers -1, lists are lists of objects. Offsets are Python code points into the line's
`text`, end-exclusive, so `text[start:end] == span["text"]` for every span. No Qt in here.
"""

from __future__ import annotations

import hashlib
import glob
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Sequence, TextIO

from ..core import strict_json
from ..core.model import ARTICLE_STATUSES, AUTHOR
from ..storage.presence import process_alive
from ..storage.safe_files import check_output_path, exclusive_temp
from ..team.gold import GOLD
from . import doccano, export_suggestions, labelstudio

FORMATS = ("docs", "pairs", "doccano", "label-studio")
SPLIT_NAMES = ("train", "dev", "test")
SPLIT_TOLERANCE = 1e-6
NONE_LABEL = "NONE"

Progress = Callable[[int, int], Any]

# --------------------------------------------------------------------------- line shapes
# One definition of every line's keys and JSON types, in output order. `docs_features`,
# `pairs_features`, the JSON Schemas in resources/schemas/ and the docs importer all derive from it.
_SPAN = {"start": int, "end": int, "text": str}

DOCS_SHAPE: dict = {
    "id": str,
    "ext_id": str,
    "source": str,
    "url": str,
    "title": str,
    "published": str,
    "author": str,
    "imported_from": str,
    "meta_json": str,
    "text": str,
    "text_sha256": str,
    "segments": [{"start": int, "end": int, "kind": str, "method": str}],
    "actors": [{"id": str, "name_ar": str, "name_en": str, "type": str, "color": str}],
    "mentions": [
        {
            "id": str, "actor_id": str, "actor_name_ar": str, "actor_name_en": str, "start": int, "end": int,
            "text": str, "prefix": str, "origin": str, "status": str, "annotator": str, "alias_id": str,
            "created_at": str, "updated_at": str,
        }
    ],
    "stances": [
        {
            "id": str, "holder_id": str, "holder_name": str, "target_id": str, "target_name": str, "label": str,
            "intensity": int, "explicit": int, "note": str, "annotator": str, "evidence": [_SPAN],
            "created_at": str, "updated_at": str,
        }
    ],
    # the model's open suggestions for items no one has a stance on, apart from the human `stances`;
    # left out of the line with `suggestions=False` (`--no-suggestions`), the only key that may be
    "suggestions": [
        {
            "id": str, "holder_id": str, "target_id": str, "label": str,
            "probabilities": [{"label": str, "probability": float}], "margin": float, "evidence": [_SPAN],
            "model_id": str,
        }
    ],
    "status": [{"annotator": str, "status": str, "reason": str, "seconds": float, "updated_at": str}],
    "split": str,
}
DOCS_OPTIONAL = ("suggestions",)

PAIRS_SHAPE: dict = {
    "id": str,
    "article_id": str,
    "stance_id": str,
    "origin": str,
    "annotator": str,
    "holder_id": str,
    "holder": str,
    "target_id": str,
    "target": str,
    "label": str,
    "intensity": int,
    "explicit": int,
    "text": str,
    "context_start": int,
    "evidence": [_SPAN],
    "split": str,
}


def _feature(t):
    from datasets import List, Value

    if isinstance(t, dict):
        return {k: _feature(v) for k, v in t.items()}
    if isinstance(t, list):
        return List(_feature(t[0]))
    return Value({str: "string", int: "int64", float: "float64"}[t])


def docs_features(suggestions: bool = True):
    """The `datasets.Features` of a `docs` file (imports `datasets`, which must be installed);
    `suggestions=False` for a file exported with `--no-suggestions`."""
    from datasets import Features

    return Features(_feature({k: v for k, v in DOCS_SHAPE.items() if suggestions or k != "suggestions"}))


def pairs_features():
    """The `datasets.Features` of a `pairs` file (imports `datasets`, which must be installed)."""
    from datasets import Features

    return Features(_feature(PAIRS_SHAPE))


def json_schema(shape: dict, title: str, optional: Sequence[str] = ()) -> dict:
    """A JSON Schema (draft 2020-12) that accepts exactly the lines of `shape`, where the top-level
    keys `optional` may be absent."""

    def node(t, top: bool = False) -> dict:
        if isinstance(t, dict):
            return {
                "type": "object",
                "properties": {k: node(v) for k, v in t.items()},
                "required": [k for k in t if not (top and k in optional)],
                "additionalProperties": False,
            }
        if isinstance(t, list):
            return {"type": "array", "items": node(t[0])}
        return {"type": {str: "string", int: "integer", float: "number"}[t]}

    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": title, **node(shape, True)}


# --------------------------------------------------------------------------- splits
def parse_split(split: str | Sequence[float]) -> tuple[float, ...]:
    """Ratios for train/dev(/test) from "0.8,0.1,0.1" or a sequence.

    Raises ValueError unless there are two or three finite, non-negative numbers adding up to 1
    (within SPLIT_TOLERANCE): "nan", "inf" or "1e308" once put every article in one split."""
    usage = f"split {split!r}: give two or three fractions (train, dev, test) that add up to 1, e.g. 0.8,0.1,0.1"
    try:
        parts = [float(x) for x in (split.split(",") if isinstance(split, str) else split)]
    except (TypeError, ValueError) as e:
        raise ValueError(usage) from e
    if len(parts) not in (2, 3) or not all(math.isfinite(p) and p >= 0 for p in parts):
        raise ValueError(usage)
    total = math.fsum(parts)
    if abs(total - 1) > SPLIT_TOLERANCE:
        raise ValueError(f"{usage} (these add up to {total:g})")
    return tuple(p / total for p in parts)


def split_of(article_id: str, ratios: Sequence[float], seed: int = 0) -> str:
    """The split ("train", "dev", "test") of an article: a hash of seed and id, not of order."""
    digest = hashlib.sha256(f"{seed}\x00{article_id}".encode("utf-8")).digest()
    u = int.from_bytes(digest[:8], "big") / 2**64
    acc = 0.0
    for name, r in zip(SPLIT_NAMES, ratios):
        acc += r
        if u < acc:
            return name
    return SPLIT_NAMES[len(ratios) - 1]


# --------------------------------------------------------------------------- reading the project
_ARTICLE_KEYS = ("id", "ext_id", "source", "url", "title", "published", "author", "origin", "meta", "text",
                 "text_sha256")
_BATCH = 500


def _selection(status: str | None, annotator: str | None) -> tuple[str, list]:
    """SQL selecting the exported articles' import numbers `a.n` (to append `ORDER BY a.n` to), and
    its parameters: with the gold layer, those with a gold stance (their gold status is checked
    after loading), else those with `status` for `annotator` (or anyone). A status other than "new"
    and the gold layer are read from their own tables, so exporting the done articles of a million
    never visits the other articles."""
    if annotator == GOLD:
        return "SELECT DISTINCT a.n FROM gold_stances g CROSS JOIN articles a ON a.id = g.article_id WHERE 1", []
    who, params = ("", []) if annotator is None else (" AND s.annotator = ?", [annotator])
    if status == "new":
        return ("SELECT a.n FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_status s"
                f" WHERE s.article_id = a.id{who} AND s.status <> 'new')", params)
    if status:
        return (f"SELECT DISTINCT a.n FROM article_status s CROSS JOIN articles a ON a.id = s.article_id"
                f" WHERE s.status = ?{who}", [status, *params])
    return "SELECT a.n FROM articles a WHERE 1", []


def check_filters(project, status: str | None, annotator: str | None) -> None:
    """Raise ValueError for a status that does not exist or an annotator the project does not know
    (a typo once exported an empty file), naming the valid ones; "gold" is always valid."""
    if status is not None and status not in ARTICLE_STATUSES:
        raise ValueError(f"unknown status {status!r}; use one of: {', '.join(ARTICLE_STATUSES)}")
    if annotator is None or annotator == GOLD or annotator in project.annotators():
        return
    if project.conn.execute("SELECT 1 FROM article_status WHERE annotator = ? UNION ALL"
                            " SELECT 1 FROM stances WHERE annotator = ? LIMIT 1", (annotator, annotator)).fetchone():
        return
    known = ", ".join([*project.annotators(), GOLD])
    raise ValueError(f"{project.path} has no annotator {annotator!r}; use one of: {known}")


def _count_articles(project, status: str | None, annotator: str | None) -> int:
    sql, params = _selection(status, annotator)
    return project.conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]


def _iter_articles(project, status: str | None, annotator: str | None,
                   suggestions: bool = False) -> Iterator[tuple[dict, "_Page"]]:
    """(article row, its page's child rows) in import order: pages of up to `_BATCH` articles from
    one selection cursor (one pass over the selection: a query per page would scan it again for
    every page), each page's articles and child rows read with one query per table (`suggestions`:
    also the open stance suggestions, table "suggestions")."""
    sql, params = _selection(status, annotator)
    selected = project.conn.execute(f"{sql} ORDER BY a.n", params)
    while True:
        ns = [n for (n,) in selected.fetchmany(_BATCH)]
        if not ns:
            return
        marks = ", ".join("?" * len(ns))
        rows = [dict(zip(_ARTICLE_KEYS, r)) for r in project.conn.execute(
            f"SELECT {', '.join(_ARTICLE_KEYS)} FROM articles WHERE n IN ({marks}) ORDER BY n", ns)]
        page = _Page(project.conn, [r["id"] for r in rows], annotator)
        if suggestions:
            page._tables["suggestions"] = project.suggestions.open_unlabelled([r["id"] for r in rows])
        for row in rows:
            yield row, page


class _Page:
    """The segments, mentions, stances, evidence and statuses of a page of articles, read with one
    query per table for the whole page (one per article costs a B-tree descent and a statement
    each: most of an export's time in a large project), grouped by article in the order the
    export writes them."""

    def __init__(self, conn, ids: list[str], annotator: str | None):
        marks = ", ".join("?" * len(ids))
        where = f"article_id IN ({marks})"
        mine, who = ("", []) if annotator is None else (" AND annotator = ?", [annotator])
        rejected = "" if annotator is None else " AND status <> 'rejected'"
        self._tables = {
            "segments": self._grouped(conn, 'SELECT article_id, start, "end", kind, method FROM segments'
                                      f' WHERE {where} ORDER BY article_id, start, "end", kind, method', ids),
            "mentions": self._grouped(conn, 'SELECT article_id, id, actor_id, start, "end", prefix, origin, status,'
                                      " annotator, alias_id, created_at, updated_at FROM mentions"
                                      f' WHERE {where}{rejected} ORDER BY article_id, start, "end", id', ids),
            "stances": self._grouped(conn, "SELECT article_id, id, holder_id, target_id, label, intensity, explicit,"
                                     " note, annotator, created_at, updated_at FROM stances"
                                     f" WHERE {where}{mine} ORDER BY article_id, created_at, id", [*ids, *who]),
            "evidence": self._grouped(conn, 'SELECT t.article_id, e.stance_id, e.start, e."end" FROM evidence e'
                                      f" JOIN stances t ON t.id = e.stance_id WHERE t.{where}"
                                      ' ORDER BY t.article_id, e.start, e."end", e.id', ids),
            "status": self._grouped(conn, "SELECT article_id, annotator, status, reason, seconds, updated_at"
                                    f" FROM article_status WHERE {where}{mine} ORDER BY article_id, annotator",
                                    [*ids, *who]),
        }

    @staticmethod
    def _grouped(conn, sql: str, params: list) -> dict[str, list[tuple]]:
        groups: dict[str, list[tuple]] = {}
        for r in conn.execute(sql, params):
            groups.setdefault(r[0], []).append(r[1:])
        return groups

    def rows(self, table: str, article_id: str) -> list[tuple]:
        return self._tables[table].get(article_id, [])


@dataclass
class _Article:
    row: dict
    segments: list[dict]
    mentions: list[dict]
    stances: list[dict]
    status: list[dict]
    actors: dict[str, dict]
    suggestions: list[dict] | None = None  # docs: the open stance suggestions (None: not exported)

    @property
    def text(self) -> str:
        return self.row["text"]

    def name(self, actor_id: str) -> str:
        if actor_id == AUTHOR:
            return AUTHOR
        a = self.actors[actor_id]
        return a["name_ar"] or a["name_en"] or actor_id


def _all_actors(conn) -> dict[str, dict]:
    """Every actor row by id (read once per export)."""
    keys = ("id", "name_ar", "name_en", "type", "color")
    return {r[0]: dict(zip(keys, r)) for r in conn.execute(f"SELECT {', '.join(keys)} FROM actors")}


def _load(row: dict, page: _Page, actors: dict[str, dict]) -> _Article:
    """Everything of one article an export needs, from its page (read for the export's annotator,
    see `write_docs`); `actors` is `_all_actors`."""
    aid, text = row["id"], row["text"]
    segments = [{"start": s, "end": e, "kind": k, "method": m} for s, e, k, m in page.rows("segments", aid)]
    mentions = [
        {
            "id": r[0], "actor_id": r[1], "start": r[2], "end": r[3], "text": text[r[2] : r[3]], "prefix": r[4],
            "origin": r[5], "status": r[6], "annotator": r[7], "alias_id": r[8], "created_at": r[9],
            "updated_at": r[10],
        }
        for r in page.rows("mentions", aid)
    ]
    spans: dict[str, list[dict]] = {}
    for sid, s, e in page.rows("evidence", aid):
        spans.setdefault(sid, []).append({"start": s, "end": e, "text": text[s:e]})
    stances = [
        {
            "id": r[0], "holder_id": AUTHOR if r[1] is None else r[1], "target_id": r[2], "label": r[3],
            "intensity": -1 if r[4] is None else r[4], "explicit": -1 if r[5] is None else r[5], "note": r[6],
            "annotator": r[7], "evidence": spans.get(r[0], []), "created_at": r[8], "updated_at": r[9],
        }
        for r in page.rows("stances", aid)
    ]
    status = [
        {"annotator": r[0], "status": r[1], "reason": r[2], "seconds": float(r[3]), "updated_at": r[4]}
        for r in page.rows("status", aid)
    ]
    return _Article(row, segments, mentions, stances, status, _actors(actors, mentions, stances))


def _actors(actors: dict[str, dict], mentions: list[dict], stances: list[dict]) -> dict[str, dict]:
    """The rows of the actors the mentions and stances refer to, by id, in id order."""
    ids = {m["actor_id"] for m in mentions} | {s["target_id"] for s in stances}
    ids |= {s["holder_id"] for s in stances if s["holder_id"] != AUTHOR}
    return {i: actors[i] for i in sorted(ids)}


def _load_gold(project, row: dict, page: _Page, actors: dict[str, dict]) -> _Article:
    """An article with its gold layer as the stances of annotator "gold" (see `write_docs`)."""
    from ..team.adjudicate import gold_status

    art = _load(row, page, actors)
    text = row["text"]
    gold = project.gold_stances(row["id"])
    art.stances = [
        {
            "id": g["id"], "holder_id": g["holder"], "target_id": g["target"], "label": g["label"],
            "intensity": -1 if g["intensity"] is None else g["intensity"],
            "explicit": -1 if g["explicit"] is None else int(g["explicit"]), "note": g["note"], "annotator": GOLD,
            "evidence": [{"start": s, "end": e, "text": text[s:e]} for s, e in g["evidence"]],
            "created_at": g["created_at"], "updated_at": g["updated_at"],
        }
        for g in gold
    ]
    art.status = [{"annotator": GOLD, "status": gold_status(project, row["id"]), "reason": "", "seconds": 0.0,
                   "updated_at": max((g["updated_at"] for g in gold), default="")}]
    art.actors = _actors(actors, art.mentions, art.stances)
    return art


# --------------------------------------------------------------------------- line builders
def _docs_lines(art: _Article, split: str, window: int | None) -> list[dict]:
    r = art.row
    try:
        meta = strict_json.dumps(json.loads(r["meta"] or "{}"), ensure_ascii=False, sort_keys=True)
    except strict_json.JSONNumberError as e:
        raise ValueError(f"article {r['id']}: its metadata holds a number JSON cannot carry ({e}); nothing was "
                         "written (the project was imported before such numbers were refused: import the article "
                         "again from a corrected file)") from None
    mentions = [
        {
            "id": m["id"], "actor_id": m["actor_id"], "actor_name_ar": art.actors[m["actor_id"]]["name_ar"],
            "actor_name_en": art.actors[m["actor_id"]]["name_en"], "start": m["start"], "end": m["end"],
            "text": m["text"], "prefix": m["prefix"], "origin": m["origin"], "status": m["status"],
            "annotator": m["annotator"], "alias_id": m["alias_id"], "created_at": m["created_at"],
            "updated_at": m["updated_at"],
        }
        for m in art.mentions
    ]
    stances = [
        {
            "id": s["id"], "holder_id": s["holder_id"], "holder_name": art.name(s["holder_id"]),
            "target_id": s["target_id"], "target_name": art.name(s["target_id"]), "label": s["label"],
            "intensity": s["intensity"], "explicit": s["explicit"], "note": s["note"], "annotator": s["annotator"],
            "evidence": s["evidence"], "created_at": s["created_at"], "updated_at": s["updated_at"],
        }
        for s in art.stances
    ]
    return [{
        "id": r["id"], "ext_id": r["ext_id"], "source": r["source"], "url": r["url"], "title": r["title"],
        "published": r["published"], "author": r["author"], "imported_from": r["origin"], "meta_json": meta,
        "text": r["text"], "text_sha256": r["text_sha256"], "segments": art.segments,
        "actors": list(art.actors.values()), "mentions": mentions, "stances": stances,
        **({} if art.suggestions is None else {"suggestions": art.suggestions}), "status": art.status,
        "split": split,
    }]


def _window(text: str, anchor: tuple[int, int] | None, size: int) -> tuple[int, int]:
    """[start, end) of about `size` characters around `anchor`, cut at line breaks where possible.

    The anchor (all evidence, or the first mention) is always inside, even when longer than `size`.
    """
    n = len(text)
    if size >= n:
        return 0, n
    a, b = anchor or (0, 0)
    if b - a >= size:
        return a, b
    ws = max(0, a - (size - (b - a)) // 2)
    we = min(n, ws + size)
    ws = max(0, we - size)
    if ws > 0 and text[ws - 1] != "\n":
        nl = text.find("\n", ws, a)
        if nl != -1:
            ws = nl + 1
    if we < n and text[we] != "\n":
        nl = text.rfind("\n", b, we)
        if nl != -1:
            we = nl
    return ws, we


def _pair(art: _Article, *, holder: str, target: str, annotator: str, label: str, intensity: int,
          explicit: int, evidence: list[dict], stance_id: str, origin: str, split: str,
          window: int | None) -> dict:
    text = art.text
    ws, we = 0, len(text)
    if window is not None:
        if evidence:
            anchor = (min(e["start"] for e in evidence), max(e["end"] for e in evidence))
        else:
            first = next((m for m in art.mentions if m["actor_id"] == target and m["status"] != "rejected"), None)
            anchor = (first["start"], first["end"]) if first else None
        ws, we = _window(text, anchor, window)
    return {
        "id": f"{art.row['id']}#{holder}#{target}#{annotator}", "article_id": art.row["id"], "stance_id": stance_id,
        "origin": origin, "annotator": annotator, "holder_id": holder, "holder": art.name(holder),
        "target_id": target, "target": art.name(target), "label": label, "intensity": intensity,
        "explicit": explicit, "text": text[ws:we], "context_start": ws,
        "evidence": [{"start": e["start"] - ws, "end": e["end"] - ws, "text": e["text"]} for e in evidence],
        "split": split,
    }


def _pairs_lines(art: _Article, split: str, window: int | None) -> list[dict]:
    lines = [
        _pair(art, holder=s["holder_id"], target=s["target_id"], annotator=s["annotator"], label=s["label"],
              intensity=s["intensity"], explicit=s["explicit"], evidence=s["evidence"], stance_id=s["id"],
              origin="annotated", split=split, window=window)
        for s in art.stances
    ]
    mentioned = sorted({m["actor_id"] for m in art.mentions if m["status"] != "rejected"})
    for st in art.status:
        if st["status"] != "done":
            continue
        ann = st["annotator"]
        labelled = {s["target_id"] for s in art.stances if s["annotator"] == ann and s["holder_id"] == AUTHOR}
        for target in mentioned:
            if target not in labelled:
                lines.append(_pair(art, holder=AUTHOR, target=target, annotator=ann, label=NONE_LABEL, intensity=-1,
                                   explicit=-1, evidence=[], stance_id="", origin="implicit_none", split=split,
                                   window=window))
    return lines


_BUILDERS = {"docs": _docs_lines, "pairs": _pairs_lines}


def _builder(fmt: str, offsets: str | None, doccano_type: str | None, state: dict) -> Callable:
    """The line builder of `fmt`; doccano and Label Studio note in `state` what the summary and the
    labelling config need (overlaps, astral texts, the actor codes used)."""
    if fmt != "doccano" and (offsets or doccano_type):
        raise ValueError("offsets and the doccano project type are options of the doccano format only")
    if fmt == "doccano":
        offsets, doccano_type = offsets or "codepoints", doccano_type or "sequence"
        if offsets not in doccano.OFFSETS or doccano_type not in doccano.PROJECT_TYPES:
            raise ValueError(f"doccano: offsets are one of {', '.join(doccano.OFFSETS)} and the project type one of"
                             f" {', '.join(doccano.PROJECT_TYPES)}")
        return lambda art, split, window: doccano.doccano_lines(art, split, offsets=offsets,
                                                                project_type=doccano_type, stats=state)
    if fmt == "label-studio":
        seen = state.setdefault("actors", set())
        return lambda art, split, window: labelstudio.label_studio_lines(art, split, seen)
    if fmt not in _BUILDERS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return _BUILDERS[fmt]


def _lines(
    fmt: str, project, *, status: str | None, annotator: str | None, split: str | Sequence[float] | None,
    seed: int, window: int | None, progress: Progress | None, offsets: str | None = None,
    doccano_type: str | None = None, state: dict | None = None, suggestions: bool | None = None,
) -> Iterator[tuple[str, list[dict]]]:
    """(split name or "", the article's line objects) for every exported article, in import order.

    `suggestions`: None, the format's default (docs lines carry them, pairs lines do not); True or
    False to add or leave them out (docs and pairs only, else ValueError)."""
    if suggestions is not None and fmt not in ("docs", "pairs"):
        raise ValueError("stance suggestions are exported (or left out) in the docs and pairs formats only")
    state = {} if state is None else state
    build = _builder(fmt, offsets, doccano_type, state)
    docs_suggestions = fmt == "docs" and suggestions is not False
    pairs_suggestions = fmt == "pairs" and suggestions is True
    if window is not None and (fmt != "pairs" or window <= 0):
        raise ValueError("window is a positive number of characters, and only for the pairs format")
    ratios = parse_split(split) if split else None
    check_filters(project, status, annotator)
    total = _count_articles(project, status, annotator) if progress else 0
    actors = _all_actors(project.conn)
    for done, (row, page) in enumerate(_iter_articles(project, status, annotator, docs_suggestions), 1):
        art = _load_gold(project, row, page, actors) if annotator == GOLD else _load(row, page, actors)
        if annotator != GOLD or not status or art.status[0]["status"] == status:
            name = split_of(row["id"], ratios, seed) if ratios else ""
            if docs_suggestions:
                art.suggestions = export_suggestions.docs_objects(page.rows("suggestions", row["id"]), art.text, state)
            lines = build(art, name, window)
            if pairs_suggestions:
                lines = export_suggestions.add_to_pairs(project, row["id"], lines)
            yield name, lines
        if progress:
            progress(done, total)


# --------------------------------------------------------------------------- sinks and writers
_UNSAFE = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _dumps(obj: dict) -> str:
    """One JSON object on one line; line-breaking characters other than LF are escaped too."""
    try:
        s = strict_json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    except strict_json.JSONNumberError as e:
        aid = obj.get("id") or obj.get("article_id") or (obj.get("data") or {}).get("id", "")
        raise ValueError(f"article {aid}: {e}; nothing was written (a number stored before such numbers were "
                         "refused on import or merge)") from None
    for ch, esc in _UNSAFE.items():
        if ch in s:
            s = s.replace(ch, esc)
    return s


class _Sink:
    """Writes line objects to a stream: JSON Lines, or (label-studio) one JSON array."""

    def __init__(self, stream: TextIO, array: bool):
        self.stream, self.array, self.count = stream, array, 0

    def write(self, obj: dict) -> None:
        if self.array:
            self.stream.write(("[\n" if self.count == 0 else ",\n") + _dumps(obj))
        else:
            self.stream.write(_dumps(obj) + "\n")
        self.count += 1

    def close(self) -> None:
        if self.array:
            self.stream.write("[]\n" if self.count == 0 else "\n]\n")


def _write(fmt: str, project, stream: TextIO, **opts) -> int:
    """Write the lines of `fmt` to `stream`; returns how many."""
    sink = _Sink(stream, fmt == "label-studio")
    for _, lines in _lines(fmt, project, **opts):
        for line in lines:
            sink.write(line)
    sink.close()
    return sink.count


def write_docs(project, stream: TextIO, *, status: str | None = None, annotator: str | None = None,
               split: str | Sequence[float] | None = None, seed: int = 0, progress: Progress | None = None,
               suggestions: bool = True) -> int:
    """Write one `docs` line per article (DOCS_SHAPE) to `stream`; returns the number of lines.

    Each line carries `suggestions`: the open stance suggestions for items no one has a stance on
    (`suggestions=False` leaves the key out); they are never mixed into `stances`.

    With `annotator`: only that annotator's stances and status, and the mentions that are not
    rejected (whoever accepted or proposed them). `annotator="gold"` exports the gold layer: the
    articles with a gold stance, their gold stances as stances of annotator "gold", and one status
    of "gold", 'done' when every stance item of the article is adjudicated, else 'in progress'.
    Without: every stance, status and mention, rejected ones included, so `docs_import` can
    restore the project. `status` keeps articles
    with that status (for `annotator`, or for anyone). Raises ValueError for a bad `split`; an
    exception from `progress` stops the export.
    """
    return _write("docs", project, stream, status=status, annotator=annotator, split=split, seed=seed,
                  window=None, progress=progress, suggestions=suggestions)


def write_pairs(project, stream: TextIO, *, status: str | None = None, annotator: str | None = None,
                split: str | Sequence[float] | None = None, seed: int = 0, window: int | None = None,
                progress: Progress | None = None) -> int:
    """Write one `pairs` line (PAIRS_SHAPE) per (article, holder, target, annotator) stance.

    `origin` is "annotated" for recorded stances, "implicit_none" for the NONE rows added for every
    actor mentioned (not rejected) in an article the annotator marked done without an AUTHOR stance
    toward it. `text` is the article text, or with `window` about that many characters around the
    evidence (else the target's first mention), cut at line breaks where possible; `context_start`
    is where it begins in the article and evidence offsets are relative to it. Raises ValueError
    for a bad `split` or `window`.
    """
    return _write("pairs", project, stream, status=status, annotator=annotator, split=split, seed=seed,
                  window=window, progress=progress)


def write_doccano(project, stream: TextIO, *, status: str | None = None, annotator: str | None = None,
                  split: str | Sequence[float] | None = None, seed: int = 0, offsets: str = "codepoints",
                  project_type: str = "sequence", progress: Progress | None = None) -> int:
    """Write doccano 1.8.4's JSONL import, one line per article (see `io.doccano`).

    `project_type` "sequence" puts the spans in `label` (sequence labeling), "intent" in `entities`
    (intent detection and slot filling, which also keeps `cats`). `offsets` "utf16" writes UTF-16
    units, which doccano's page draws right after emoji. Rejected mentions are left out. Raises
    ValueError for an unknown `offsets` or `project_type`.
    """
    return _write("doccano", project, stream, status=status, annotator=annotator, split=split, seed=seed,
                  window=None, progress=progress, offsets=offsets, doccano_type=project_type)


def write_label_studio(project, stream: TextIO, *, status: str | None = None, annotator: str | None = None,
                       split: str | Sequence[float] | None = None, seed: int = 0,
                       progress: Progress | None = None) -> int:
    """Write Label Studio's task import: a JSON array of {"data": {"text", ...}, "annotations": [...]}.

    One annotation per annotator (named, in order, in data["annotators"]): the mentions that are not
    rejected as regions of the `label` control and the annotator's stances as regions of the
    `stance` control with per-region holder, target, intensity, explicit and note
    (`io.labelstudio`); `label_studio_config` is the matching labelling config. Offsets are Python
    code points, which is what Label Studio's Text tag expects (`text[start:end]`). Returns the
    number of tasks.
    """
    return _write("label-studio", project, stream, status=status, annotator=annotator, split=split, seed=seed,
                  window=None, progress=progress)


def label_studio_config(project, actor_ids: Iterable[str] | None = None) -> str:
    """The Label Studio labelling config for tasks of `project` using `actor_ids` (default: every
    actor): a `<Labels>` value with its colour for each, the project's stance labels, and the
    per-region holder/target/intensity/explicit/note controls."""
    actors = {a.id: a.color for a in project.actors()}
    ids = sorted(actors if actor_ids is None else set(actor_ids))
    return labelstudio.label_config([(i, actors.get(i, "#888888")) for i in ids],
                                    [(label.name, label.color) for label in project.labels()])


def label_config_path(out_path: str | Path) -> Path:
    """NAME.label_config.xml beside the Label Studio export NAME.json."""
    out = Path(out_path)
    stem = out.with_suffix("") if out.suffix else out
    return stem.with_name(f"{stem.name}.label_config.xml")


# --------------------------------------------------------------------------- files
@dataclass
class ExportReport:
    fmt: str
    paths: list[Path]
    articles: int
    lines: int
    splits: dict[str, int]  # lines per split name ("" when not split)
    warnings: list[str] = field(default_factory=list)  # empty export or splits, removed older split files, doccano notes

    def summary(self) -> str:
        """One line for people: what was written where."""
        parts = ", ".join(f"{name} {self.splits.get(name, 0)}" for name in SPLIT_NAMES if name in self.splits)
        where = ", ".join(str(x) for x in self.paths)
        return (f"wrote {self.lines} {self.fmt} line(s) from {self.articles} article(s) to {where}"
                + (f" ({parts})" if parts else "") + "".join(f"\nwarning: {w}" for w in self.warnings))


def split_paths(out_path: str | Path, fmt: str) -> dict[str, Path]:
    """OUT.train.jsonl, OUT.dev.jsonl, OUT.test.jsonl (".json" for label-studio) beside `out_path`."""
    out = Path(out_path)
    suffix = out.suffix or (".json" if fmt == "label-studio" else ".jsonl")
    stem = out.with_suffix("") if out.suffix else out
    return {name: stem.with_name(f"{stem.name}.{name}{suffix}") for name in SPLIT_NAMES}


def _remove_abandoned_temporaries(target: Path) -> None:
    """Delete the temporary files of earlier exports to `target` whose process is gone (killed,
    power cut): a SIGKILL leaves its `.OUT.PID-RANDOM.part` behind, the next export sweeps it.
    A running export's file (its process alive) is left alone."""
    for part in target.parent.glob(f".{glob.escape(target.name)}.*-*.part"):
        pid = part.name[len(target.name) + 2:].split("-", 1)[0]
        if pid.isdigit() and not process_alive(int(pid)):
            part.unlink(missing_ok=True)


def export(
    project, out_path: str | Path, fmt: str, *, status: str | None = None, annotator: str | None = None,
    split: str | Sequence[float] | None = None, seed: int = 0, split_files: bool = False,
    window: int | None = None, progress: Progress | None = None, offsets: str | None = None,
    doccano_type: str | None = None, suggestions: bool | None = None,
) -> ExportReport:
    """Export `project` in `fmt` ("docs", "pairs", "doccano", "label-studio") to `out_path`.

    Filters and fields as in the `write_*` functions. `suggestions`: None, the format's default (docs
    lines carry the open stance suggestions, pairs lines none); False leaves them out of docs lines,
    True adds `suggested_label`/`suggestion_id` to pairs lines (io.export_suggestions); other
    formats refuse True and False. A stored suggestion that does not fit its article is left out
    with a warning. An unknown status or annotator, a bad split
    and an unsafe output path (`check_output_path`: the project itself, a device, a FIFO, a
    folder, a link, ...) raise ValueError before anything is written. With `split_files` (needs
    `split`) it writes OUT.train/dev/test files instead of one; a split without lines gets no file
    (an older file of its name is removed) and a warning in the report, as does an export
    without articles. All files are written to temporary files beside
    them and renamed into place only at the end: on any error (a bad option, a full disk, an
    exception from `progress`) no output file is created or replaced and no temporary file is
    left. "label-studio" also writes NAME.label_config.xml (`label_config_path`) for the actor
    codes in the export; "doccano" takes `offsets` and `doccano_type` (see `write_doccano`) and
    its report warns about overlapping spans and emoji before spans. Only a failing rename itself
    can leave earlier split files renamed and later ones not.
    """
    if split_files and not split:
        raise ValueError("split_files needs a split, e.g. split='0.8,0.1,0.1'")
    ratios = parse_split(split) if split else None
    out = Path(out_path)
    targets = split_paths(out, fmt) if split_files else {"": out}
    for target in (*targets.values(), *([label_config_path(out)] if fmt == "label-studio" else [])):
        check_output_path(target, protect=[project.path])
    temps: dict[str, tuple[Path, TextIO]] = {}
    try:
        for name, target in targets.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            _remove_abandoned_temporaries(target)
            fd, tmp = exclusive_temp(target)  # O_EXCL beside the target, never through a planted link
            temps[name] = (tmp, open(fd, "w", encoding="utf-8", newline="\n"))
        sinks = {name: _Sink(fh, fmt == "label-studio") for name, (_, fh) in temps.items()}
        counts: dict[str, int] = {}
        articles = 0
        state: dict = {}
        for name, lines in _lines(fmt, project, status=status, annotator=annotator, split=split, seed=seed,
                                  window=window, progress=progress, offsets=offsets, doccano_type=doccano_type,
                                  state=state, suggestions=suggestions):
            articles += 1
            for line in lines:
                sinks[name if split_files else ""].write(line)
            counts[name] = counts.get(name, 0) + len(lines)
        for name, (_, fh) in temps.items():
            sinks[name].close()
            fh.flush()
            os.fsync(fh.fileno())
            fh.close()
        warnings = _empty_warnings(ratios, counts, articles, status, annotator)
        warnings += export_suggestions.bad_suggestions_warning(state)
        if fmt == "doccano":
            warnings += doccano.warnings(state, offsets or "codepoints", doccano_type or "sequence")
        written = []
        if fmt == "label-studio":
            config = label_config_path(out)
            fd, tmp = exclusive_temp(config)
            temps["config"] = (tmp, open(fd, "w", encoding="utf-8", newline="\n"))
            targets = {**targets, "config": config}
            temps["config"][1].write(label_studio_config(project, state.get("actors", ())))
            temps["config"][1].close()
        for name, (tmp, _) in temps.items():
            if split_files and name != "config" and not counts.get(name):
                # datasets.load_dataset cannot load an empty JSON Lines file, and an older file of
                # this name would be taken for this export's split: neither is left there
                tmp.unlink()
                if os.path.lexists(targets[name]):
                    targets[name].unlink()
                    warnings.append(f"removed the older {targets[name]}, which is not part of this export")
                continue
            os.replace(tmp, targets[name])
            written.append(targets[name])
    except BaseException:
        for tmp, fh in temps.values():
            fh.close()
            tmp.unlink(missing_ok=True)
        raise
    return ExportReport(fmt, written, articles, sum(counts.values()), counts, warnings)


def _empty_warnings(ratios, counts: dict[str, int], articles: int, status: str | None,
                    annotator: str | None) -> list[str]:
    """Warnings for an export without articles and for splits left empty (their files are not written)."""
    if not articles:
        which = " and ".join(x for x in (status and f"status {status!r}", annotator and f"annotator {annotator!r}") if x)
        return [f"no article matched{' ' + which if which else ''}; the output has no lines"]
    return [f"the {name} split has no lines (too few articles for {ratio:g} of them?); with split files, "
            f"its file is not written" for name, ratio in zip(SPLIT_NAMES, ratios or ()) if ratio > 0
            and not counts.get(name)]
