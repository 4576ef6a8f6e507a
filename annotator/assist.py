"""Model-assisted annotation: learn from the team's stance labels, suggest stances, queue articles.

The operations behind `annotator learn`, `annotator suggest-stances` and `annotator queue` (and the
window's background retraining): `core.stance_model` learns and evaluates, `storage.suggestions`
stores models and suggestions, `core.queue` ranks articles. No Qt.
"""

from __future__ import annotations

import random

from .core.features import _QUOTES, _REPORTING, sentence_spans
from .core.fold import fold
from .core.queue import Candidate, rank


def learn(project, source: str = "") -> dict:
    """Train and evaluate on the human labels of `source` ('' agreed labels and gold, an annotator, 'gold'),
    store the model and return its report (with `model_id`; None when nothing could be trained).

    A model that does not qualify (see `report['ready']`) is stored for inspection, and the open
    suggestions of an earlier model are dropped: suggestions show only while a model qualifies.
    """
    label_set = [l.name for l in project.labels()]
    contexts, labels, scored = project.suggestions.training_data(source)
    from .core.stance_model import learn as _learn  # scikit-learn: only when a model is trained

    model, report = _learn(contexts, labels, label_set, scored=scored)
    report = {**report, "source": source or "agreed+gold", "model_id": None}
    if model is not None:
        model.report = report
        report["model_id"] = project.models.save(model, source)
    if not report["ready"]:
        project.suggestions.clear_open()
    return report


def current_model(project):
    """(model id, model) of the newest model when it qualifies, else (None, None)."""
    row = project.models.latest_row()
    if row is None or not row["ready"]:
        return None, None
    return row["id"], project.models.load(row["id"])


def suggest_stances(project, article_ids=None) -> dict:
    """Write suggestions from the newest qualifying model for items without a human stance.

    Returns {'model_id', 'written', 'articles', 'reason'}; nothing is written without a qualifying model.
    """
    model_id, model = current_model(project)
    if model is None:
        row = project.models.latest_row()
        reason = ("no model yet; run `annotator learn` first" if row is None
                  else row["report"].get("reason", "the newest model does not qualify"))
        return {"model_id": None, "written": 0, "articles": 0, "reason": reason}
    ids = list(article_ids) if article_ids is not None else project.article_ids()
    written = project.suggestions.write(model_id, model, ids)
    return {"model_id": model_id, "written": written, "articles": len(ids), "reason": ""}


def _candidate(project, aid: str, title: str, open_sugs: dict | None) -> Candidate:
    text = project.article_text(aid)
    mentions = project.suggestions.mention_spans(aid)
    spans = sentence_spans(text[:20000])
    reporting = sum(1 for s, e in spans if any(c in _QUOTES for c in text[s:e])
                    or _REPORTING & set(fold(text[s:e]).text.split()))
    words = fold(text[:3000]).text.split()
    return Candidate(
        aid, title, margins=list(open_sugs["margins"]) if open_sugs else [],
        labels=list(open_sugs["labels"]) if open_sugs else [], targets=sorted({m.actor_id for m in mentions}),
        reporting=reporting, words=frozenset(w for w in words if len(w) > 3),
    )


def queue(project, annotator: str | None = None, n: int = 20, *, seed: int = 0, pool: int = 2000) -> list[dict]:
    """The next `n` articles for `annotator`, most useful first, each with its reason.

    Candidates: the annotator's assigned articles when they have assignments, else every article;
    only those the annotator has not marked done, skipped or flagged. Articles with open
    suggestions are ranked by uncertainty, rare labels, targets and diversity; without any (cold
    start) by actors and quotations. Larger projects are sampled down to `pool` candidates.
    """
    if n < 1:
        raise ValueError("-n must be at least 1")
    conn = project.conn
    assigned = [r["article_id"] for r in project.assignments(annotator)] if annotator else []
    rows = conn.execute("SELECT id, title FROM articles ORDER BY n").fetchall()
    if assigned:
        keep = set(assigned)
        rows = [r for r in rows if r[0] in keep]
    closed = {r[0] for r in conn.execute(
        "SELECT article_id FROM article_status WHERE annotator = ? AND status NOT IN ('new', 'in progress')",
        (annotator or "",))} if annotator else {r[0] for r in conn.execute(
            "SELECT article_id FROM article_status WHERE status = 'done'")}
    rows = [r for r in rows if r[0] not in closed]
    summary = project.suggestions.open_summary()
    if len(rows) > pool:  # articles with suggestions first, then a random sample of the rest
        rng = random.Random(seed)
        with_s = [r for r in rows if r[0] in summary]
        rest = [r for r in rows if r[0] not in summary]
        rows = (rng.sample(with_s, pool) if len(with_s) > pool else
                with_s + rng.sample(rest, min(len(rest), pool - len(with_s))))
    cands = [_candidate(project, aid, title, summary.get(aid)) for aid, title in rows]
    label_counts, target_counts = project.suggestions.human_label_counts()
    return rank(cands, n, label_counts=label_counts, target_counts=target_counts, seed=seed)
