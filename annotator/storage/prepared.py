"""An article as an importer produces it, and prepared for `Project.add_articles`: hashed, folded for
the index, its raw record encoded, its mentions proposed. Pure Python without SQL or sqlite-utils, so
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
    """

    record: ArticleRecord
    segments: tuple[tuple[int, int, str, str], ...]  # (start, end, kind, method)
    text_sha256: str
    raw_sha256: str
    index_title: str
    index_text: str
    mentions: tuple[tuple[str, int, int, str, str], ...] = ()
    raw_stored: bytes = b""  # `record.raw` as stored under `raw_codec` (storage.rawcodec)
    raw_codec: str = "text"
    meta_json: str = ""  # `record.meta` as stored, when already made (`packed`)


def packed(prepared: PreparedArticle) -> PreparedArticle:
    """`prepared` as a worker process sends it to the one that writes: without the raw bytes (what
    is stored is `raw_stored`), its metadata as JSON, and its text and index text as UTF-8 bytes
    (unpickling and binding bytes costs nothing; strings cost a decoding and an encoding again).
    `Project.add_articles` stores it exactly as `prepared`; other uses need `prepared` itself.
    A text that cannot be UTF-8 (a lone surrogate) stays a string: storing it fails as it would.
    """
    rec = prepared.record
    try:
        text, index = rec.text.encode(), prepared.index_text.encode()
    except UnicodeEncodeError:
        return replace(prepared, record=replace(rec, raw=b""))
    meta = strict_json.dumps(rec.meta or {}, ensure_ascii=False)
    return replace(prepared, record=replace(rec, raw=b"", text=text, meta=None), index_text=index, meta_json=meta)


def prepare_article(rec: ArticleRecord, segments: Iterable = (), *, folded: Folded | None = None,
                    matcher: AliasMatcher | None = None) -> PreparedArticle:
    """Hash, index and (with a `matcher`) match one article; `folded` is fold(rec.text) if known.

    Matching skips boilerplate and datelines, as `Project.suggest` does. Never touches a database;
    a `folded` that is not the fold of `rec.text` gives wrong index text and wrong spans.
    """
    f = folded if folded is not None else fold(rec.text)
    segs = tuple((s.start, s.end, s.kind, s.method) for s in segments)
    utf8 = rec.text.encode("utf-8")  # once, for the hash and the raw codec (sha256_text encoded it again)
    stored, codec = encode_raw(rec.raw, rec.text, utf8)
    prepared = PreparedArticle(rec, segs, sha256_bytes(utf8), sha256_bytes(rec.raw), index_text(rec.title),
                               index_text(rec.text, f.text), raw_stored=stored, raw_codec=codec)
    return with_proposals(prepared, f, matcher) if matcher else prepared


def with_proposals(prepared: PreparedArticle, folded: Folded, matcher: AliasMatcher) -> PreparedArticle:
    """`prepared` with the lexicon's proposed mentions; `folded` is fold(prepared.record.text)."""
    rec = prepared.record
    exclude = [(s, e) for s, e, kind, _ in prepared.segments if kind not in CONTENT_KINDS]
    mentions = tuple(matcher.proposals(rec.text, folded=folded, exclude=exclude, date=rec.published))
    if mentions == prepared.mentions:
        return prepared  # most articles mention no actor: no copy
    return replace(prepared, mentions=mentions)
