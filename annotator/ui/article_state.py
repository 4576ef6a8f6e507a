"""What the views show of one article, and how an applied edit changes it (plain Python, no Qt).

After an edit the GUI does not read the article's annotations again: the edit itself lists every
row it changed (before -> after), so `ArticleState.apply` updates the state in memory, which keeps
an edit on an article with thousands of annotations as cheap as on a short one. The row-to-model
mapping mirrors `Project.mentions` and `Project.stances`; a test applies random edits both ways and
compares.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field

from ..core.commands import Edit, RowChange
from ..core.model import AUTHOR, Mention, Span, Stance
from ..core.offsets import Utf16Map

# Tables whose rows an ArticleState holds.
TRACKED_TABLES = frozenset({"mentions", "stances", "evidence", "segments", "article_status"})


def mention_from_row(row: dict) -> Mention:
    return Mention(
        row["article_id"], row["actor_id"], row["start"], row["end"], row["prefix"], row["origin"], row["status"],
        row["annotator"], row["alias_id"], row["id"], row["created_at"], row["updated_at"],
    )


def stance_from_row(row: dict, evidence: list[Span]) -> Stance:
    return Stance(
        row["article_id"], AUTHOR if row["holder_id"] is None else row["holder_id"], row["target_id"], row["label"],
        row["annotator"], row["intensity"], None if row["explicit"] is None else bool(row["explicit"]),
        row["note"], evidence, row["id"], row["created_at"], row["updated_at"],
    )


def _mention_order(m: Mention) -> tuple[int, int]:
    return m.start, m.end


@dataclass
class ArticleState:
    """An article's text and the current annotator's annotations."""

    article_id: str
    title: str
    source: str
    published: str
    text: str
    utf16: Utf16Map
    annotator: str
    segments: list[dict]
    mentions: list[Mention]
    stances: list[Stance]
    status: dict
    extra_actors: list[str] = field(default_factory=list)
    # answers derived from the mentions and stances, dropped whenever those change
    _derived: dict = field(default_factory=dict, repr=False, compare=False)

    # ------------------------------------------------------------------ questions
    def actor_ids(self) -> list[str]:
        """Actors of this article in reading order: mentioned ones, then stance targets and
        holders, then those added by hand."""
        if "actor_ids" not in self._derived:
            seen = dict.fromkeys(self.mention_counts())
            for s in self.stances:
                seen.setdefault(s.target)
                if s.holder != AUTHOR:
                    seen.setdefault(s.holder)
            seen.update(dict.fromkeys(a for a in self.extra_actors if a not in seen))
            self._derived["actor_ids"] = list(seen)
        return self._derived["actor_ids"]

    def mention_spans(self) -> dict[str, list[tuple[int, int]]]:
        """(start, end) of each actor's mentions (not rejected) in reading order, actors in order
        of first mention."""
        if "mention_spans" not in self._derived:
            spans: dict[str, list[tuple[int, int]]] = {}
            for m in self.mentions:
                if m.status != "rejected":
                    spans.setdefault(m.actor_id, []).append((m.start, m.end))
            self._derived["mention_spans"] = spans
        return self._derived["mention_spans"]

    def mention_counts(self) -> dict[str, int]:
        """Mentions (not rejected) per actor, in order of first mention."""
        if "mention_counts" not in self._derived:
            self._derived["mention_counts"] = {a: len(spans) for a, spans in self.mention_spans().items()}
        return self._derived["mention_counts"]

    def add_extra_actor(self, actor_id: str) -> None:
        """List an actor in this article although it is not mentioned (kept for the session)."""
        if actor_id not in self.extra_actors:
            self.extra_actors.append(actor_id)
            self._derived.clear()

    def remove_extra_actor(self, actor_id: str) -> None:
        if actor_id in self.extra_actors:
            self.extra_actors.remove(actor_id)
            self._derived.clear()

    def stance(self, holder: str, target: str) -> Stance | None:
        return next((s for s in self.stances if s.holder == holder and s.target == target), None)

    def stance_by_id(self, stance_id: str) -> Stance | None:
        return next((s for s in self.stances if s.id == stance_id), None)

    def mention_by_id(self, mention_id: str) -> Mention | None:
        return next((m for m in self.mentions if m.id == mention_id), None)

    def mentions_at(self, pos: int) -> list[Mention]:
        """Visible mentions covering code point `pos` (or ending right at it), innermost first."""
        hits = [m for m in self.mentions if m.status != "rejected" and m.start <= pos <= m.end]
        return sorted(hits, key=lambda m: m.end - m.start)

    def segment_at(self, pos: int) -> dict | None:
        return next((s for s in self.segments if s["start"] <= pos <= s["end"]), None)

    # ------------------------------------------------------------------ applying edits
    def apply(self, edit: Edit) -> frozenset[str]:
        """Update the state by the row changes of `edit` (already committed); returns the tables
        it touched."""
        tables = frozenset(c.table for c in edit.changes)
        if "mentions" in tables:
            self._derived.clear()
        elif "stances" in tables:
            self._derived.pop("actor_ids", None)
        for change in edit.changes:
            {
                "mentions": self._apply_mention,
                "stances": self._apply_stance,
                "evidence": self._apply_evidence,
                "segments": self._apply_segment,
                "article_status": self._apply_status,
                # the gold layer (adjudication) is not part of the annotator's own view
                "gold_stances": _ignore,
                "gold_evidence": _ignore,
                # suggestions are read from the project when shown (ui.suggestion_strip)
                "stance_suggestions": _ignore,
            }[change.table](change)
        return tables

    def _apply_mention(self, change: RowChange) -> None:
        self.mentions = [m for m in self.mentions if m.id != change.key[0]]
        if change.after is not None:
            insort(self.mentions, mention_from_row(change.after), key=_mention_order)

    def _apply_stance(self, change: RowChange) -> None:
        old = self.stance_by_id(change.key[0])
        if change.after is None:
            self.stances = [s for s in self.stances if s.id != change.key[0]]
        elif change.after["annotator"] == self.annotator:
            new = stance_from_row(change.after, old.evidence if old else [])
            if old is None:
                self.stances.append(new)
                self.stances.sort(key=lambda s: (s.created_at, s.id))
            else:
                self.stances[self.stances.index(old)] = new

    def _apply_evidence(self, change: RowChange) -> None:
        row = change.after or change.before
        stance = self.stance_by_id(row["stance_id"])
        if stance is None:
            return
        span = Span(row["start"], row["end"])
        if change.after is None:
            stance.evidence.remove(span)
        elif change.before is None:
            insort(stance.evidence, span, key=lambda s: (s.start, s.end))

    def _apply_segment(self, change: RowChange) -> None:
        # a line flipped inside a longer segment splits it: rows are added, moved and removed
        self.segments = [s for s in self.segments if s["id"] != change.key[0]]
        if change.after is not None:
            keys = ("id", "start", "end", "kind", "method")
            insort(self.segments, {k: change.after[k] for k in keys}, key=lambda s: (s["start"], s["id"]))

    def _apply_status(self, change: RowChange) -> None:
        row = change.after
        if row is None:
            self.status = {"status": "new", "reason": "", "seconds": 0.0, "updated_at": ""}
        else:
            self.status = {k: row[k] for k in ("status", "reason", "seconds", "updated_at")}


def _ignore(_change: RowChange) -> None:
    """Row changes the article state does not show."""
