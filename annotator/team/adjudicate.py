"""Adjudication over a merged team project: list disagreements, take over agreed items as gold.

The gold layer itself (one adjudicated stance per item, logged and undoable) is written by
`Project.set_gold` / `Project.clear_gold`; this module works over many articles at once.
"""

from __future__ import annotations

from typing import Iterable, Iterator

from .gold import Item
from .progress import multi_coded_articles


def _articles(project, article_ids: Iterable[str] | None, min_coders: int) -> list[str]:
    if article_ids is None:
        return multi_coded_articles(project, min_coders)
    ids = list(article_ids)
    for aid in ids:
        project.article_text(aid)  # KeyError for an unknown id
    return [aid for aid in ids if len(project.coders(aid)) >= min_coders]


def disagreements(project, article_ids: Iterable[str] | None = None, *, open_only: bool = False) -> Iterator[Item]:
    """The disagreement items of the articles two or more annotators marked done (or of
    `article_ids`), in import order; with `open_only` only those without a gold stance.

    Raises KeyError for an unknown article id.
    """
    for aid in _articles(project, article_ids, 2):
        for item in project.disagreements(aid):
            if not (open_only and item.gold is not None):
                yield item


def accept_agreed(project, adjudicator: str, *, min_coders: int = 2, article_ids: Iterable[str] | None = None) -> int:
    """Store, as gold, the label of every item all coders agree on that has no gold stance yet.

    Covers the articles at least `min_coders` annotators marked done (1 also takes over
    single-annotated articles), or `article_ids`. Each gold stance is one logged, undoable edit
    under `adjudicator` with the coders' stances as its sources. Returns how many were stored.
    Raises ValueError for `min_coders` below 1, KeyError for an unknown article id.
    """
    if min_coders < 1:
        raise ValueError("min_coders is at least 1")
    stored = 0
    for aid in _articles(project, article_ids, min_coders):
        for item in project.stance_items(aid):
            label = item.agreed_label
            if item.gold is None and item.judgements and label is not None:
                project.set_gold(aid, item.holder, item.target, label, adjudicator)
                stored += 1
    return stored


def gold_status(project, article_id: str) -> str:
    """'done' when every stance item of the article has a gold stance, else 'in progress'."""
    items = [i for i in project.stance_items(article_id) if i.judgements]
    return "done" if all(i.gold is not None for i in items) else "in progress"
