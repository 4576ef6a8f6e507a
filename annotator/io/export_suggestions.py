"""Stance suggestions in exports: always kept apart from the human stances.

A `docs` line carries `suggestions` by default (`export --no-suggestions` leaves the key out): the
open suggestions for items no one has a human or gold stance on, each with the model's label,
probabilities, margin, evidence span and model id (`DOCS_SHAPE["suggestions"]` in `io.export`).
With `export --suggestions` a `pairs` line gains `suggested_label` and `suggestion_id` for its
(holder, target), "" when there is none. A suggestion is never written into `stances` or a pair's
`label`.
"""

from __future__ import annotations

import json
import math

from ..core.model import AUTHOR

BAD_SUGGESTIONS = "bad_suggestions"  # key of the export state counting suggestion rows left out


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _docs_object(row: tuple, text: str) -> dict | None:
    """One stored suggestion row (`StanceSuggestions.open_unlabelled`) as its docs object, or None
    when the row does not fit (a prepared project file can hold any value in any column)."""
    sid, holder, target, model_id, label, probs, margin, start, end = row
    if not all(isinstance(v, str) for v in (sid, target, model_id, label)) or not isinstance(holder, (str, type(None))):
        return None
    try:
        probs = json.loads(probs)
    except (TypeError, ValueError, RecursionError):
        return None
    if not isinstance(probs, dict) or not all(_number(p) for p in probs.values()) or not _number(margin):
        return None
    if start is None and end is None:
        evidence = []
    elif isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        evidence = [{"start": start, "end": end, "text": text[start:end]}]
    else:
        return None
    return {"id": sid, "holder_id": AUTHOR if holder is None else holder, "target_id": target, "label": label,
            "probabilities": [{"label": k, "probability": float(p)} for k, p in probs.items()],
            "margin": float(margin), "evidence": evidence, "model_id": model_id}


def docs_objects(rows: list[tuple], text: str, state: dict) -> list[dict]:
    """The docs `suggestions` of an article from its stored rows; rows that do not fit the article
    are left out and counted in `state[BAD_SUGGESTIONS]` (the export warns)."""
    out = []
    for row in rows:
        obj = _docs_object(row, text)
        if obj is None:
            state[BAD_SUGGESTIONS] = state.get(BAD_SUGGESTIONS, 0) + 1
        else:
            out.append(obj)
    return out


def bad_suggestions_warning(state: dict) -> list[str]:
    n = state.get(BAD_SUGGESTIONS, 0)
    return [f"{n} stance suggestion(s) that do not fit their article (a damaged or prepared project file?) were "
            "left out; run `annotator suggest-stances` to write them again"] if n else []


def add_to_pairs(project, article_id: str, lines: list[dict]) -> list[dict]:
    """`pairs` lines of one article with `suggested_label` and `suggestion_id` of their item's
    suggestion (open, accepted or rejected; "" when there is none)."""
    by_item = project.suggestions.labels_by_item(article_id)
    out = []
    for line in lines:
        sid, label = by_item.get((line["holder_id"], line["target_id"]), ("", ""))
        out.append({**line, "suggested_label": label, "suggestion_id": sid})
    return out
