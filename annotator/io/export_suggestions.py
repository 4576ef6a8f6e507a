"""Stance suggestions in exports (`annotator export --suggestions`): kept apart from the human stances.

A `docs` line gains `suggestions` (SUGGESTION_SHAPE each: the model's label, probabilities, margin,
evidence span, model id and whether someone accepted or rejected it); a `pairs` line gains
`suggested_label` and `suggestion_id` for its (holder, target), "" when there is none. A
suggestion is never written into `stances` or a pair's `label`.
"""

from __future__ import annotations

SUGGESTION_SHAPE: dict = {
    "id": str, "holder_id": str, "target_id": str, "label": str, "probabilities": dict, "margin": float,
    "evidence": [{"start": int, "end": int, "text": str}], "model_id": str, "status": str,
}


def suggestion_objects(project, article_id: str, text: str) -> list[dict]:
    """The article's suggestions as SUGGESTION_SHAPE dicts, by holder and target."""
    out = []
    for s in project.suggestions.for_article(article_id):
        ev = [] if s["evidence"] is None else [{"start": s["evidence"][0], "end": s["evidence"][1],
                                               "text": text[s["evidence"][0]:s["evidence"][1]]}]
        out.append({"id": s["id"], "holder_id": s["holder"], "target_id": s["target"], "label": s["label"],
                    "probabilities": s["probabilities"], "margin": s["margin"], "evidence": ev,
                    "model_id": s["model_id"], "status": s["status"]})
    return out


def add_suggestions(project, fmt: str, article_id: str, text: str, lines: list[dict]) -> list[dict]:
    """`lines` of one article with the suggestion fields of `fmt` ('docs' or 'pairs') added.

    Raises ValueError for another format (they have no place for suggestions)."""
    if fmt not in ("docs", "pairs"):
        raise ValueError("suggestions are exported in the docs and pairs formats only")
    sugs = suggestion_objects(project, article_id, text)
    if fmt == "docs":
        return [{**line, "suggestions": sugs} for line in lines]
    by_item = {(s["holder_id"], s["target_id"]): s for s in sugs}
    out = []
    for line in lines:
        s = by_item.get((line["holder_id"], line["target_id"]))
        out.append({**line, "suggested_label": s["label"] if s else "", "suggestion_id": s["id"] if s else ""})
    return out
