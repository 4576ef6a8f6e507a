"""The stance model: actors and aliases, mentions, stances with evidence, labels, statuses.

Plain dataclasses, no Qt and no SQL. Offsets are code points into the article's canonical text,
end-exclusive.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field

AUTHOR = "AUTHOR"  # holder id of the article's own voice (the outlet)

ACTOR_TYPES = ("state", "government", "military", "armed group", "party", "person", "IGO", "media", "other")
ALIAS_KINDS = ("name", "abbreviation", "nisba", "metonym", "role title")
MENTION_STATUSES = ("proposed", "accepted", "rejected")
ARTICLE_STATUSES = ("new", "in progress", "done", "skipped", "flagged")
SEGMENT_KINDS = ("body", "headline", "dateline", "nav", "related", "cookie", "social", "credit", "byline")
# segments whose text is part of the article proper (suggestions run there)
CONTENT_KINDS = frozenset({"body", "headline"})
ATTRIBUTIONS = ("author", "quoted", "reported")


def new_id() -> str:
    """A globally unique id (UUID4 hex), so rows from several annotators' files never collide."""
    return uuid.uuid4().hex


def new_ids(n: int) -> list[str]:
    """`n` ids as `new_id` makes them (random UUID4s, hex), from one read of the system's random
    source: an import makes tens of thousands, and `uuid.uuid4()` costs 12 µs each."""
    h = os.urandom(16 * n).hex()
    return [h[i:i + 12] + "4" + h[i + 13:i + 16] + "89ab"[int(h[i + 16], 16) & 3] + h[i + 17:i + 32]
            for i in range(0, 32 * n, 32)]


@dataclass(frozen=True)
class Label:
    name: str
    key: str = ""
    color: str = "#888888"


DEFAULT_LABELS = (
    Label("FAVOR", "1", "#2e7d32"),
    Label("AGAINST", "2", "#c62828"),
    Label("NONE", "3", "#757575"),
)


@dataclass
class Alias:
    surface: str
    key: str = ""  # folded core used for matching; computed by the lexicon loader
    kind: str = "name"
    proclitics: bool = True
    valid_from: str = ""
    valid_to: str = ""
    id: str = field(default_factory=new_id)


@dataclass
class Actor:
    id: str
    name_ar: str
    name_en: str = ""
    type: str = "other"
    color: str = "#1565c0"
    aliases: list[Alias] = field(default_factory=list)


@dataclass(frozen=True)
class Span:
    start: int
    end: int

    def text(self, article_text: str) -> str:
        return article_text[self.start : self.end]


@dataclass
class Segment:
    start: int
    end: int
    kind: str
    method: str
    id: str = field(default_factory=new_id)


@dataclass
class Mention:
    article_id: str
    actor_id: str
    start: int
    end: int
    prefix: str = ""
    origin: str = "manual"
    status: str = "accepted"
    annotator: str = ""
    alias_id: str = ""
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""


@dataclass
class Stance:
    article_id: str
    holder: str  # AUTHOR or an actor id
    target: str  # actor id
    label: str
    annotator: str = ""
    intensity: int | None = None
    explicit: bool | None = None
    note: str = ""
    evidence: list[Span] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    created_at: str = ""
    updated_at: str = ""


class ValidationError(ValueError):
    """A value that does not fit the model (bad span, unknown label, holder == target ...)."""


def check_span(text: str, start: int, end: int) -> None:
    """Raise ValidationError unless [start, end) is a non-empty span inside `text`."""
    if not (0 <= start < end <= len(text)):
        raise ValidationError(f"span [{start}, {end}) is not inside a text of {len(text)} characters")
