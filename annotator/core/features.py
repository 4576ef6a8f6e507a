"""Stance items and their text features: what the suggestion model sees of (article, holder, target).

An item is one (holder, target) pair of an article: the article's own voice (AUTHOR) toward every
actor it mentions, and every mentioned actor toward every other actor mentioned in the same or an
adjacent sentence (a possible quoted holder). Its context is the sentences of the target's
mentions, one sentence either side, with the target, the holder and every other actor masked by
role, folded, and prefixed by flag words (author voice or quoted holder; quotation marks, a
reporting verb or the holder in the sentence). Pure functions: no Qt, no SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fold import fold, fold_key
from .model import AUTHOR

# sentence ends: Latin and Arabic full stops, question and exclamation marks, line breaks
_SENTENCE_END = re.compile(r"[.!?\u061f\u06d4\u061b]+[\"'»”)\]]*|\n+")
_QUOTES = frozenset('"«»“”„')
# folded reporting verbs (said, stressed, announced, declared, added, explained, pointed out,
# considered, described, mentioned, according to)
_REPORTING = frozenset(fold_key(w) for w in (
    "قال", "وقال", "قالت", "وقالت", "أكد", "وأكد", "أكدت", "وأكدت", "أعلن", "وأعلن", "أعلنت", "صرح",
    "أضاف", "وأضاف", "أضافت", "أوضح", "وأوضح", "أشار", "وأشار", "اعتبر", "واعتبر", "وصف", "ووصف",
    "ذكر", "وذكر", "حسب", "بحسب", "وفق", "وفقا", "طالب", "وطالب", "دعا", "ودعا",
))
# mask words: plain ASCII so folding keeps them and both analyzers see them as words
TARGET, HOLDER, OTHER = "xtgtx", "xhldx", "xactx"
MAX_SENTENCES = 6  # a context longer than this keeps its first sentences (bounded cost per item)


@dataclass(frozen=True)
class MentionSpan:
    actor_id: str
    start: int
    end: int


@dataclass
class ItemContext:
    """One item's model input: `text` for the classifier and its sentences for the evidence span."""

    article_id: str
    holder: str
    target: str
    text: str
    sentences: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, masked folded text)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.article_id, self.holder, self.target)


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence of `text`, white space trimmed, empty ones left out."""
    spans = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _sentence_of(spans: list[tuple[int, int]], pos: int) -> int:
    for i, (s, e) in enumerate(spans):
        if pos < e:
            return i
    return len(spans) - 1


def item_pairs(mentions: list[MentionSpan], sentences: list[tuple[int, int]]) -> list[tuple[str, str]]:
    """The (holder, target) pairs of an article: AUTHOR toward every mentioned actor, and each actor
    toward each other actor mentioned within one sentence of it. Sorted, no duplicates."""
    by_sentence: dict[int, set[str]] = {}
    for m in mentions:
        by_sentence.setdefault(_sentence_of(sentences, m.start), set()).add(m.actor_id)
    actors = {m.actor_id for m in mentions}
    pairs = {(AUTHOR, a) for a in actors}
    for i, here in by_sentence.items():
        near = here | by_sentence.get(i - 1, set()) | by_sentence.get(i + 1, set())
        pairs |= {(h, t) for h in here for t in near if h != t}
    return sorted(pairs)


def _masked(text: str, start: int, end: int, mentions: list[MentionSpan], holder: str, target: str) -> str:
    parts = []
    pos = start
    for m in mentions:
        if m.end <= start or m.start >= end or m.start < pos:
            continue
        parts.append(text[pos:m.start])
        role = TARGET if m.actor_id == target else HOLDER if m.actor_id == holder else OTHER
        parts.append(f" {role} ")
        pos = m.end
    parts.append(text[pos:end])
    return fold("".join(parts)).text


def _flags(raw: str, folded: str, holder_here: bool) -> str:
    flags = []
    if any(c in _QUOTES for c in raw):
        flags.append("xquotex")
    if _REPORTING & set(folded.split()):
        flags.append("xreportx")
    if holder_here:
        flags.append("xholderherex")
    return " ".join(flags)


def build_contexts(article_id: str, text: str, mentions: list[MentionSpan],
                   pairs: list[tuple[str, str]] | None = None) -> list[ItemContext]:
    """The contexts of the article's items (`pairs`, default `item_pairs`); a pair whose target is
    not mentioned gets an empty context (the classifier then sees only the holder flag)."""
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    sentences = sentence_spans(text)
    if pairs is None:
        pairs = item_pairs(mentions, sentences)
    sent_of = [(_sentence_of(sentences, m.start), m) for m in mentions] if sentences else []
    out = []
    for holder, target in pairs:
        idx = sorted({j for i, m in sent_of if m.actor_id == target for j in (i - 1, i, i + 1)
                      if 0 <= j < len(sentences)})[:MAX_SENTENCES]
        holder_in = {i for i, m in sent_of if m.actor_id == holder}
        sents = []
        for j in idx:
            s, e = sentences[j]
            masked = _masked(text, s, e, mentions, holder, target)
            flags = _flags(text[s:e], masked, j in holder_in)
            sents.append((s, e, f"{flags} {masked}".strip()))
        voice = "xauthorx" if holder == AUTHOR else "xquotedx"
        body = " ".join(t for _, _, t in sents)
        out.append(ItemContext(article_id, holder, target, f"{voice} {body}".strip(), sents))
    return out
