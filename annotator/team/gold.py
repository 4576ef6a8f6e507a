"""Stance items across annotators, disagreements and the gold layer's provenance. Pure Python, no SQL.

An *item* is one (article, holder, target) that at least one coder of the article recorded a stance
for. The *coders* of an article are the annotators who marked it done. A coder who recorded no
stance for an item is counted as NONE (`NONE_LABEL`), the same rule the `pairs` export uses for
its implicit NONE rows: marking an article done says "no other stance here".

The gold layer (`gold_stances`, `gold_evidence`) holds one adjudicated stance per item; `sources`
records the judgements it was decided from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Sequence

from ..core.model import Stance

NONE_LABEL = "NONE"  # the label of "no stance"; io.export writes its implicit rows with the same name
GOLD = "gold"  # the name that selects the gold layer (export --annotator gold); never an annotator's


@dataclass(frozen=True)
class Judgement:
    """One coder's view of an item: their stance, or an implicit NONE (`stance_id` "")."""

    annotator: str
    label: str
    stance_id: str = ""
    intensity: int | None = None
    explicit: bool | None = None
    note: str = ""
    evidence: tuple[tuple[int, int], ...] = ()

    @property
    def implicit(self) -> bool:
        return not self.stance_id

    def source(self) -> dict:
        """The JSON object stored in a gold stance's `sources`."""
        return {"stance_id": self.stance_id, "annotator": self.annotator, "label": self.label}


@dataclass
class Item:
    """One (article, holder, target) with every coder's judgement and the gold stance, if any."""

    article_id: str
    holder: str
    target: str
    judgements: dict[str, Judgement] = field(default_factory=dict)
    gold: dict | None = None

    @property
    def key(self) -> tuple[str, str]:
        return self.holder, self.target

    @property
    def labels(self) -> dict[str, str]:
        return {a: j.label for a, j in self.judgements.items()}

    @property
    def disagreement(self) -> bool:
        """True when the coders gave more than one label."""
        return len(set(self.labels.values())) > 1

    @property
    def agreed_label(self) -> str | None:
        """The one label every coder gave, or None when they differ (or there are none)."""
        labels = set(self.labels.values())
        return labels.pop() if len(labels) == 1 else None

    def evidence_for(self, label: str) -> list[tuple[int, int]]:
        """The evidence spans of the coders who gave `label`, sorted, without repeats."""
        return sorted({span for j in self.judgements.values() if j.label == label for span in j.evidence})

    def sources(self) -> list[dict]:
        return [self.judgements[a].source() for a in sorted(self.judgements)]


def judgement(stance: Stance) -> Judgement:
    return Judgement(
        stance.annotator, stance.label, stance.id, stance.intensity, stance.explicit, stance.note,
        tuple((sp.start, sp.end) for sp in stance.evidence),
    )


def group_items(article_id: str, stances: Iterable[Stance], coders: Sequence[str]) -> list[Item]:
    """The items of one article among `coders`, sorted by (holder, target).

    Stances of annotators who are not coders are ignored; a coder without a stance for an item gets
    an implicit NONE judgement.
    """
    coder_set = set(coders)
    items: dict[tuple[str, str], Item] = {}
    for st in stances:
        if st.annotator in coder_set:
            item = items.setdefault((st.holder, st.target), Item(article_id, st.holder, st.target))
            item.judgements[st.annotator] = judgement(st)
    for item in items.values():
        for coder in coders:
            item.judgements.setdefault(coder, Judgement(coder, NONE_LABEL))
    return [items[k] for k in sorted(items)]


def common(values: Iterable) -> object | None:
    """The one value all non-None `values` share, or None when they differ or there are none."""
    distinct = {v for v in values if v is not None}
    return distinct.pop() if len(distinct) == 1 else None
