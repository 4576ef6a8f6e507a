"""An article as an importer produces it, and prepared for `Project.add_articles`: hashed, folded for
the index, its raw record encoded, its mentions proposed (or packed for the import's writing process,
which finishes it: `finish`). Pure Python without SQL or sqlite-utils, so
the import's worker process starts without loading them (sqlite-utils imports pandas when it is
installed: a third of a second before the first article).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

from ..core import strict_json
from ..core.fold import Folded, fold
from ..core.matcher import AliasMatcher
from ..core.model import CONTENT_KINDS
from ..core.search import index_text
from ..core.text import sha256_bytes
from .rawcodec import encode_raw


@dataclass(frozen=True)
class ArticleRecord:
    """An article as an importer produces it, before it is stored."""

    text: str  # canonical
    raw: bytes
    encoding: str
    ext_id: str = ""
    source: str = ""
    url: str = ""
    title: str = ""
    published: str = ""
    author: str = ""
    meta: dict | None = None
    origin: str = ""


@dataclass(frozen=True)
class PreparedArticle:
    """An article ready to be written: everything `Project.add_articles` stores, computed without SQL.

    `mentions` are the proposals from the lexicon as (actor_id, start, end, prefix, alias_id).
    Built by `prepare_article`; plain data, so a worker process can build it and pickle it.
    A packed article (`prepare_article(..., pack=True)`, what the import's worker sends) has its
    text and index text as UTF-8 bytes and `raw_codec` None: its title's index text, metadata JSON
    and stored raw bytes are left to `finish`, in the process that writes.
    """

    record: ArticleRecord
    segments: tuple[tuple[int, int, str, str], ...]  # (start, end, kind, method)
    text_sha256: str
    raw_sha256: str
    index_title: str
    index_text: str | bytes
    mentions: tuple[tuple[str, int, int, str, str], ...] = ()
    raw_stored: bytes = b""  # `record.raw` as stored under `raw_codec` (storage.rawcodec)
    raw_codec: str | None = "text"  # None: not encoded yet (a packed article)
    meta_json: str = ""  # `record.meta` as stored, when already made (a packed article)


def to_wire(prepared: PreparedArticle) -> tuple:
    """`prepared` as a flat tuple of its fields, for the import's worker to send (pickling and unpickling
    the two objects took twice as long); `from_wire` makes it an article again."""
    r, p = prepared.record, prepared
    return (r.text, r.raw, r.encoding, r.ext_id, r.source, r.url, r.title, r.published, r.author, r.meta, r.origin,
            p.segments, p.text_sha256, p.raw_sha256, p.index_title, p.index_text, p.mentions, p.raw_stored,
            p.raw_codec, p.meta_json)


def from_wire(fields: tuple) -> PreparedArticle:
    return PreparedArticle(ArticleRecord(*fields[:11]), *fields[11:])


def finish(prepared: PreparedArticle) -> PreparedArticle:
    """`prepared` with its title's index text, its metadata as JSON and its raw record encoded for
    storage (a packed article is sent without them: the process that writes has the time, the one
    that prepares has not); any other article as it is."""
    if prepared.raw_codec is not None:
        return prepared
    rec = prepared.record
    utf8 = rec.text if isinstance(rec.text, bytes) else rec.text.encode("utf-8")
    stored, codec = encode_raw(rec.raw, "", utf8)
    return PreparedArticle(rec, prepared.segments, prepared.text_sha256, prepared.raw_sha256, index_text(rec.title),
                           prepared.index_text, prepared.mentions, stored, codec,
                           prepared.meta_json or strict_json.dumps(rec.meta or {}, ensure_ascii=False))


def prepare_article(rec: ArticleRecord, segments: Iterable = (), *, folded: Folded | None = None,
                    matcher: AliasMatcher | None = None, pack: bool = False) -> PreparedArticle:
    """Index and (with a `matcher`) match one article; `folded` is fold(rec.text) if known.

    Matching skips boilerplate and datelines, as `Project.suggest` does. Never touches a database;
    a `folded` that is not the fold of `rec.text` gives wrong index text and wrong spans.
    With `pack`, the article is packed to be sent to the process that writes (see PreparedArticle:
    unpickling and binding bytes costs nothing, strings cost a decoding and an encoding again).
    Raises UnicodeEncodeError for a text that cannot be UTF-8 (a lone surrogate: the readers
    replace them, see core.text.canonicalize).
    """
    f = folded if folded is not None else fold(rec.text)
    segs = tuple((s.start, s.end, s.kind, s.method) for s in segments)
    mentions = _proposals(rec, segs, f, matcher) if matcher else ()
    index = index_text(rec.text, f.text)
    utf8 = rec.text.encode("utf-8")  # once, for the hash and the raw codec (or to be sent)
    if pack:
        record = ArticleRecord(utf8, rec.raw, rec.encoding, rec.ext_id, rec.source, rec.url, rec.title,
                               rec.published, rec.author, rec.meta, rec.origin)
        return PreparedArticle(record, segs, sha256_bytes(utf8), sha256_bytes(rec.raw), "", index.encode("utf-8"),
                               mentions, raw_codec=None)
    stored, codec = encode_raw(rec.raw, rec.text, utf8)
    return PreparedArticle(rec, segs, sha256_bytes(utf8), sha256_bytes(rec.raw), index_text(rec.title), index,
                           mentions, raw_stored=stored, raw_codec=codec)


def with_proposals(prepared: PreparedArticle, folded: Folded, matcher: AliasMatcher) -> PreparedArticle:
    """`prepared` with the lexicon's proposed mentions; `folded` is fold(prepared.record.text)."""
    mentions = _proposals(prepared.record, prepared.segments, folded, matcher)
    if mentions == prepared.mentions:
        return prepared  # most articles mention no actor: no copy
    return replace(prepared, mentions=mentions)


def _proposals(rec: ArticleRecord, segments: tuple, folded: Folded, matcher: AliasMatcher) -> tuple:
    exclude = [(s, e) for s, e, kind, _ in segments if kind not in CONTENT_KINDS]
    return tuple(matcher.proposals(rec.text, folded=folded, exclude=exclude, date=rec.published))
