"""Import annotations made in Label Studio or doccano: shared parts of both importers.

The readers (`labelstudio.read_label_studio`, `doccano.read_doccano`) turn each task or line into a
`ForeignDoc`: the text as the tool stored it and spans in that text's code points. `store_foreign`
puts one into a project: it canonicalises the text (`core.text.canonicalize`) and moves every span
onto the canonical text, refusing (and reporting) a span that is outside the text, does not hold the
characters the tool says it holds, or does not survive canonicalisation; maps label values to actor
codes; and writes the article and its annotations in one savepoint. An article whose text is already
in the project gets only the mentions and stances it does not have yet. No SQL and no Qt in here:
the project's methods write the rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..core.boilerplate import detect_segments
from ..core.fold import fold
from ..core.model import AUTHOR, Actor, Mention, Span, Stance
from ..core.text import canonicalize, sha256_text
from ..storage.project import ArticleRecord, Project, article_id_for, now
from .readers import MAX_TEXT_CHARS, iter_files

INTEROP_FORMATS = ("label-studio", "doccano")
# "HOLDER->TARGET:LABEL", how our exports write a stance as one string (doccano `cats`, old LS text lines)
STANCE_TAG = re.compile(r"^\s*([^\s>:]+)\s*->\s*([^\s>:]+)\s*:\s*([^\s>:]+)\s*$")


@dataclass
class ForeignSpan:
    """A span as the tool stored it: code points into `ForeignDoc.text`, end-exclusive."""

    start: int
    end: int
    label: str
    text: str | None = None  # the characters the tool says the span holds, when it says
    annotator: str = ""


@dataclass
class ForeignStance:
    annotator: str
    holder: str
    target: str
    label: str
    intensity: int | None = None
    explicit: bool | None = None
    note: str = ""
    evidence: list[ForeignSpan] = field(default_factory=list)


@dataclass
class ForeignDoc:
    origin: str  # "file:task N" / "file:line N", for messages
    text: str
    title: str = ""
    ext_id: str = ""
    meta: dict = field(default_factory=dict)
    mentions: list[ForeignSpan] = field(default_factory=list)
    stances: list[ForeignStance] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class ForeignError:
    origin: str
    reason: str


def shown(value: str) -> str:
    """`value` for a message: as it is when every character is printable, else as a Python literal,
    so a file cannot put terminal escapes or line breaks into the import summary."""
    return value if value.isprintable() else repr(value)


def usable_name(value: str, limit: int = 200) -> str:
    """A name from a file (annotator, new actor code) without control characters, at most `limit` long."""
    return "".join(ch for ch in value if ch.isprintable()).strip()[:limit]


def parse_stance_tag(tag: object) -> tuple[str, str, str] | None:
    """(holder, target, label) of a "HOLDER->TARGET:LABEL" string, or None for anything else."""
    m = STANCE_TAG.match(tag) if isinstance(tag, str) else None
    return (m.group(1), m.group(2), m.group(3)) if m else None


def as_span(start: object, end: object) -> tuple[int, int] | None:
    """(start, end) when both are non-negative integers with start < end, else None."""
    if type(start) is not int or type(end) is not int or not 0 <= start < end:
        return None
    return start, end


# --------------------------------------------------------------------------- offsets vs canonical text
class CanonicalText:
    """The canonical form of a tool's text and the move of spans onto it.

    Canonicalisation drops leading BOMs, turns CRLF into LF and applies NFC, which can shorten the
    text; a span is moved by canonicalising the text before it, and kept only when its own
    characters canonicalise to exactly the characters at the new place.
    """

    def __init__(self, text: str):
        self.source = text
        self.text = canonicalize(text)
        self.same = self.text == text

    def move(self, span: ForeignSpan) -> tuple[int, int] | str:
        """(start, end) in the canonical text, or the reason the span cannot be placed."""
        s, e, src = span.start, span.end, self.source
        if not 0 <= s < e <= len(src):
            return f"span [{s}, {e}) is not inside the text of {len(src)} characters"
        if span.text is not None and src[s:e] != span.text:
            return (f"span [{s}, {e}) says it holds {span.text!r} but the text there is {src[s:e]!r}"
                    " (offsets in other units, or the text was edited after annotating)")
        if self.same:
            return s, e
        cs = len(canonicalize(src[:s]))
        ce = len(canonicalize(src[:e]))
        if cs >= ce or canonicalize(src[s:e]) != self.text[cs:ce] or canonicalize(src[:s]) != self.text[:cs]:
            return f"span [{s}, {e}) {src[s:e]!r} does not survive canonicalisation of the text (CRLF, NFC, BOM)"
        return cs, ce


# --------------------------------------------------------------------------- actors
class ActorMap:
    """Label values -> actor codes: the code itself, the code in any case, or an actor's name."""

    def __init__(self, project: Project, create: bool):
        self.project, self.create = project, create
        self._refresh()
        self.unknown: dict[str, int] = {}
        self.created: list[str] = []

    def _refresh(self) -> None:
        actors = self.project.actors()
        self.ids = {a.id for a in actors}
        self.by_key: dict[str, str] = {}
        for a in actors:
            for key in (a.name_en, a.name_ar, a.id):  # the id wins over a name that is another's id
                if key:
                    self.by_key[key.casefold()] = a.id

    def actor(self, label: str) -> str | None:
        """The actor code of `label`; None (and the label counted as unknown) when there is none."""
        if label in self.ids:
            return label
        found = self.by_key.get(label.strip().casefold())
        if found:
            return found
        if self.create and label and label != AUTHOR and label == usable_name(label, 100):
            self.project.upsert_actor(Actor(label, label, label, "other"))
            self.created.append(label)
            self._refresh()
            return label
        self.unknown[label] = self.unknown.get(label, 0) + 1
        return None

    def holder(self, label: str) -> str | None:
        return AUTHOR if label == AUTHOR else self.actor(label)


# --------------------------------------------------------------------------- storing
@dataclass
class Stored:
    article_id: str | None  # None: nothing stored (see notes)
    new_article: bool = False
    mentions: int = 0
    stances: int = 0
    evidence: int = 0
    notes: list[str] = field(default_factory=list)


def store_foreign(project: Project, doc: ForeignDoc, actors: ActorMap, *, max_chars: int = MAX_TEXT_CHARS) -> Stored:
    """Store one `ForeignDoc`: a new article with its annotations, or the missing annotations of an
    article with the same text.

    Call inside `with project.db.atomic():`. Spans that cannot be placed, labels that are no actor,
    stances with an unknown label or holder == target are left out and described in `notes`; a
    ValueError (empty or too long text) means nothing was stored.
    """
    canon = CanonicalText(doc.text)
    text = canon.text
    if not text.strip():
        raise ValueError("empty text; nothing to annotate")
    if len(text) > max_chars:
        raise ValueError(f"text of {len(text):,} characters is longer than the limit of {max_chars:,} (--max-chars)")
    out = Stored(None, notes=list(doc.notes))
    aid = article_id_for(sha256_text(text))
    try:
        project.article(aid)
    except KeyError:
        rec = ArticleRecord(text=text, raw=doc.text.encode("utf-8", "surrogatepass"), encoding="utf-8",
                            ext_id=doc.ext_id, title=doc.title[:300], meta=doc.meta, origin=doc.origin)
        added = project.add_article(rec, detect_segments(text, fold(text).text))
        if added != aid:
            raise ValueError("the article could not be stored")
        out.new_article = True
    out.article_id = aid
    ts = now()

    def place(span: ForeignSpan, what: str) -> tuple[int, int] | None:
        where = canon.move(span)
        if isinstance(where, str):
            out.notes.append(f"{what} {span.label!r} not imported: {where}")
            return None
        return where

    have = {(m.actor_id, m.start, m.end) for m in project.mentions(aid)}
    mentions = []
    for sp in doc.mentions:
        actor = actors.actor(sp.label)
        if actor is None:
            continue
        where = place(sp, "span")
        if where is None or (actor, *where) in have:
            continue
        have.add((actor, *where))
        mentions.append(Mention(aid, actor, where[0], where[1], origin="manual", status="accepted",
                                annotator=sp.annotator, created_at=ts, updated_at=ts))
    labels = {label.name for label in project.labels()}
    existing = {(s.annotator, s.holder, s.target): s.label for s in project.stances(aid)}
    stances = []
    for st in doc.stances:
        what = f"stance {shown(st.holder)}->{shown(st.target)}:{shown(st.label)} of {shown(st.annotator)}"
        holder, target = actors.holder(st.holder), actors.actor(st.target)
        if holder is None or target is None:
            continue  # the unknown label is listed once for the whole import
        if holder == target:
            out.notes.append(f"{what} not imported: holder and target are the same actor")
            continue
        if st.label not in labels:
            out.notes.append(f"{what} not imported: {st.label!r} is not one of the project's labels "
                             f"({', '.join(sorted(labels))})")
            continue
        key = (st.annotator, holder, target)
        if key in existing:
            if existing[key] != st.label:
                out.notes.append(f"{what} not imported: the project already has {shown(existing[key])} for it")
            continue
        existing[key] = st.label
        spans = []
        for ev in st.evidence:
            where = place(ev, "evidence of " + what)
            if where is not None and Span(*where) not in spans:
                spans.append(Span(*where))
        stances.append(Stance(aid, holder, target, st.label, st.annotator, st.intensity, st.explicit, st.note,
                              spans, created_at=ts, updated_at=ts))
    for m in mentions:
        m.annotator = usable_name(m.annotator)
    for s in stances:
        s.annotator = usable_name(s.annotator) or "imported"
    for name in sorted({m.annotator for m in mentions if m.annotator}):
        project.ensure_annotator(name)
    project.restore_annotations(aid, mentions=mentions, stances=stances)
    out.mentions, out.stances = len(mentions), len(stances)
    out.evidence = sum(len(s.evidence) for s in stances)
    return out


Reader = Callable[[Path], Iterator["ForeignDoc | ForeignError"]]


def import_foreign(project: Project, paths: Iterable[str], read: Reader, *, create_actors: bool = False,
                   suggest: bool = True, max_chars: int = MAX_TEXT_CHARS):
    """Import every task/line `read` yields from the files under `paths`; returns an `ImportReport`.

    One savepoint per record, so one bad record never costs the others; unknown labels are listed
    at the end (or created as actors with `create_actors`). Never raises for bad input.
    """
    import sqlite3
    import time

    from ..ingest import ImportReport

    t0 = time.monotonic()
    report = ImportReport()
    actors = ActorMap(project, create_actors)
    counts = {"mentions": 0, "stances": 0, "evidence": 0, "merged": 0}
    own = project.path.resolve()
    for path, err in iter_files(list(paths)):
        if err:
            report.skipped.append((str(path), err))
            continue
        if path.resolve() == own:
            report.skipped.append((str(path), "this is the project file itself"))
            continue
        try:
            for doc in read(path):
                if isinstance(doc, ForeignError):
                    report.skipped.append((doc.origin, doc.reason))
                    continue
                try:
                    with project.db.atomic():
                        stored = store_foreign(project, doc, actors, max_chars=max_chars)
                except (ValueError, sqlite3.IntegrityError, sqlite3.DataError) as e:
                    report.skipped.append((doc.origin, str(e)))
                    continue
                report.notes.extend((doc.origin, n) for n in stored.notes)
                if stored.new_article:
                    report.imported += 1
                    report.article_ids.append(stored.article_id)
                else:
                    report.duplicates += 1
                    counts["merged"] += 1
                for k in ("mentions", "stances", "evidence"):
                    counts[k] += getattr(stored, k)
        except OSError as e:
            report.skipped.append((str(path), f"cannot read: {e.strerror or e}"))
    if actors.unknown:
        listed = ", ".join(f"{label!r} ({n})" for label, n in sorted(actors.unknown.items()))
        report.notes.append(("labels", "not actor codes of the project, their spans and stances not imported: "
                             f"{listed}; load them as actors (annotator actors P --load FILE.toml) or pass --create-actors"))
    if actors.created:
        report.notes.append(("labels", f"created {len(actors.created)} actor(s): {', '.join(actors.created)}"))
    report.notes.append(("annotations", f"{counts['mentions']} mention(s), {counts['stances']} stance(s) with "
                         f"{counts['evidence']} evidence span(s) imported" + (
                             f"; {counts['merged']} record(s) were articles already in the project (the duplicates "
                             "above): they got only the mentions and stances they lacked" if counts["merged"] else "")))
    if suggest and report.article_ids:
        report.suggested += project.suggest(report.article_ids)
    report.seconds = time.monotonic() - t0
    return report


def import_annotations(project: Project, paths: Iterable[str], fmt: str, *, offsets: str | None = None,
                       text_field: str | None = None, create_actors: bool = False, suggest: bool = True,
                       max_chars: int = MAX_TEXT_CHARS):
    """Import Label Studio (`fmt` "label-studio": JSON, JSON_MIN) or doccano ("doccano": JSONL)
    exports with their annotations; returns an `ImportReport` (see `import_foreign`).

    `offsets` ("codepoints", the default, or "utf16") is for doccano only; raises ValueError for an
    unknown format or offsets unit, and for `offsets` with Label Studio, which counts code points.
    """
    if fmt == "label-studio":
        from .labelstudio import read_label_studio

        if offsets:
            raise ValueError("--offsets is for doccano; Label Studio stores code points")
        read: Reader = lambda path: read_label_studio(path, text_field)  # noqa: E731
    elif fmt == "doccano":
        from .doccano import OFFSETS, read_doccano

        if (offsets or "codepoints") not in OFFSETS:
            raise ValueError(f"offsets {offsets!r}: use one of {', '.join(OFFSETS)}")
        read = lambda path: read_doccano(path, offsets or "codepoints", text_field)  # noqa: E731
    else:
        raise ValueError(f"unknown annotation format {fmt!r}; use one of {', '.join(INTEROP_FORMATS)}")
    return import_foreign(project, paths, read, create_actors=create_actors, suggest=suggest, max_chars=max_chars)
