"""Stance suggestion models and their suggestions: the tables `stance_models` and `stance_suggestions`.

Models are stored as plain data (JSON and float32 byte arrays, see `core.stance_model`), never
pickled. Suggestions live apart from the human `stances`: a suggestion becomes a stance only when
someone accepts it, through the normal undoable edit funnel (`Project.apply`), and the change log
records the acceptance as action "accept_suggestion" with the suggestion row in its payload.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Iterable

from ..core import strict_json
from ..core.commands import Edit, RowChange
from ..core.features import ItemContext, MentionSpan, build_contexts, item_pairs, sentence_spans
from ..core.model import AUTHOR, ValidationError, new_id

if TYPE_CHECKING:
    # core.stance_model imports scikit-learn (about 0.7 s): only what trains, loads or scores a
    # model imports it, so the window opens without it
    from ..core.stance_model import StanceModel
    from .project import Project

GOLD = "gold"
NONE_LABEL = "NONE"
BLIND_SETTING = "suggestions_blind"  # project setting: hide an item's suggestion until the person labelled it


def _now() -> str:
    from .project import now

    return now()


def _holder(value: str | None) -> str:
    return AUTHOR if value is None else value


class StanceModels:
    """The project's trained suggestion models (`project.models`)."""

    def __init__(self, project: "Project"):
        self.project = project
        self.conn = project.conn

    def save(self, model: StanceModel, source: str = "") -> str:
        """Store `model` (with its report) as plain data; returns its id."""
        rec = model.to_record()
        rep = model.report
        model_id = new_id()
        with self.project.db.atomic():
            self.conn.execute(
                "INSERT INTO stance_models(id, created_at, source, kind, format, labels, settings, vocabulary, coef,"
                " intercept, idf, report, ready, n_items, macro_f1) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (model_id, _now(), source, rec["kind"], rec["format"], strict_json.dumps(rec["labels"], ensure_ascii=False),
                 strict_json.dumps(rec["settings"]), strict_json.dumps(rec["vocabulary"], ensure_ascii=False), rec["coef"],
                 rec["intercept"], rec["idf"], strict_json.dumps(rep, ensure_ascii=False), int(bool(rep.get("ready"))),
                 int(rep.get("n_items", 0)), rep.get("macro_f1")),
            )
        return model_id

    def latest_row(self) -> dict | None:
        """The newest model's id, created_at, source, kind, ready, n_items, macro_f1 and report (no arrays)."""
        row = self.conn.execute(
            "SELECT id, created_at, source, kind, ready, n_items, macro_f1, report FROM stance_models"
            " ORDER BY created_at DESC, rowid DESC LIMIT 1"
        ).fetchone()
        if row is None:
            return None
        keys = ("id", "created_at", "source", "kind", "ready", "n_items", "macro_f1", "report")
        d = dict(zip(keys, row))
        d["ready"] = bool(d["ready"])
        d["report"] = json.loads(d["report"])
        return d

    def load(self, model_id: str) -> StanceModel:
        """The stored model `model_id`. Raises KeyError (unknown id) or ModelFormatError (a record that
        does not fit together, e.g. from a tampered project file)."""
        row = self.conn.execute(
            "SELECT format, kind, labels, settings, vocabulary, coef, intercept, idf, report FROM stance_models"
            " WHERE id = ?", (model_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no stance model {model_id}")
        try:
            rec = {"format": row[0], "kind": row[1], "labels": json.loads(row[2]), "settings": json.loads(row[3]),
                   "vocabulary": json.loads(row[4]), "coef": row[5], "intercept": row[6], "idf": row[7],
                   "report": json.loads(row[8])}
        except (TypeError, ValueError) as e:
            from ..core.stance_model import ModelFormatError

            raise ModelFormatError(f"stance model {model_id}: not valid JSON ({e})") from e
        from ..core.stance_model import StanceModel

        return StanceModel.from_record(rec)


class StanceSuggestions:
    """Items, training data and the stored suggestions (`project.suggestions`)."""

    def __init__(self, project: "Project"):
        self.project = project
        self.conn = project.conn

    # ------------------------------------------------------------------ items and training data
    def mention_spans(self, article_id: str) -> list[MentionSpan]:
        return [MentionSpan(m.actor_id, m.start, m.end)
                for m in self.project.mentions(article_id, include_rejected=False)]

    def contexts(self, article_id: str, pairs: list[tuple[str, str]] | None = None) -> list[ItemContext]:
        """The model inputs of the article's items (default: every candidate pair, see `core.features`)."""
        return build_contexts(article_id, self.project.article_text(article_id), self.mention_spans(article_id), pairs)

    def _labelled_articles(self, source: str) -> list[str]:
        if source == GOLD:
            sql = "SELECT DISTINCT article_id FROM gold_stances"
            params: tuple = ()
        elif source:
            sql = ("SELECT article_id FROM stances WHERE annotator = ? UNION "
                   "SELECT article_id FROM article_status WHERE annotator = ? AND status = 'done'")
            params = (source, source)
        else:
            sql = ("SELECT article_id FROM stances UNION SELECT article_id FROM gold_stances UNION "
                   "SELECT article_id FROM article_status WHERE status = 'done'")
            params = ()
        ids = {r[0] for r in self.conn.execute(sql, params)}
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY n") if r[0] in ids]

    def _from_suggestion(self) -> dict[str, str]:
        """stance id -> the label of the suggestion it was accepted from."""
        return dict(self.conn.execute(
            "SELECT stance_id, label FROM stance_suggestions WHERE status = 'accepted' AND stance_id <> ''"))

    def _item_labels(self, article_id: str, source: str, none_ok: bool) -> dict[tuple[str, str], tuple[str, str]]:
        """(holder, target) -> (label, stance id) of the article's human-labelled items from `source`.

        An annotator's implicit NONE (article done, no stance toward a mentioned actor in the
        author's voice) counts, as in the `pairs` export. With several coders and no gold stance,
        only items they agree on count.
        """
        if source == GOLD:
            return {(g["holder"], g["target"]): (g["label"], "") for g in self.project.gold_stances(article_id)}
        coders = ([source] if source else self.project.coders(article_id))
        if source and self.project.status(article_id, source)["status"] != "done":
            coders = []
        stances = self.project.stances(article_id, source or None)
        votes: dict[tuple[str, str], dict[str, tuple[str, str]]] = {}
        for s in stances:
            votes.setdefault((s.holder, s.target), {})[s.annotator] = (s.label, s.id)
        if none_ok and coders:
            for m in self.mention_spans(article_id):
                for c in coders:
                    votes.setdefault((AUTHOR, m.actor_id), {}).setdefault(c, (NONE_LABEL, ""))
        out = {}
        for key, by in votes.items():
            labels = {lab for lab, _ in by.values()}
            if len(labels) == 1:
                out[key] = next(iter(by.values()))
        if not source:
            out.update({(g["holder"], g["target"]): (g["label"], "") for g in self.project.gold_stances(article_id)})
        return out

    def training_data(self, source: str = "") -> tuple[list[ItemContext], list[str], list[bool]]:
        """Contexts, labels and `scored` flags of every human-labelled item.

        `source`: '' (agreed labels and the gold layer), an annotator's name, or "gold". A stance
        accepted from a suggestion with its label unchanged trains but is not scored (False).
        """
        label_names = [l.name for l in self.project.labels()]
        none_ok = NONE_LABEL in label_names
        accepted = self._from_suggestion()
        contexts, labels, scored = [], [], []
        for aid in self._labelled_articles(source):
            items = {k: v for k, v in self._item_labels(aid, source, none_ok).items() if v[0] in label_names}
            if not items:
                continue
            keys = sorted(items)
            for ctx in self.contexts(aid, keys):
                label, stance_id = items[(ctx.holder, ctx.target)]
                contexts.append(ctx)
                labels.append(label)
                scored.append(accepted.get(stance_id) != label)
        return contexts, labels, scored

    # ------------------------------------------------------------------ writing suggestions
    def _human_items(self, article_id: str) -> set[tuple[str, str]]:
        rows = self.conn.execute(
            "SELECT holder_id, target_id FROM stances WHERE article_id = ? UNION "
            "SELECT holder_id, target_id FROM gold_stances WHERE article_id = ?", (article_id, article_id))
        return {(_holder(h), t) for h, t in rows}

    def _decided_items(self, article_id: str) -> set[tuple[str, str]]:
        rows = self.conn.execute(
            "SELECT holder_id, target_id FROM stance_suggestions WHERE article_id = ? AND status <> 'open'",
            (article_id,))
        return {(_holder(h), t) for h, t in rows}

    def _open_contexts(self, article_id: str) -> list[ItemContext]:
        """Contexts of the article's items that have no human stance and no decided suggestion."""
        text = self.project.article_text(article_id)
        mentions = self.mention_spans(article_id)
        skip = self._human_items(article_id) | self._decided_items(article_id)
        pairs = [p for p in item_pairs(sorted(mentions, key=lambda m: m.start), sentence_spans(text)) if p not in skip]
        return build_contexts(article_id, text, mentions, pairs)

    def write(self, model_id: str, model: StanceModel, article_ids: Iterable[str] | None = None,
              batch: int = 200) -> int:
        """Replace the open suggestions of `article_ids` (default all) by `model`'s; returns how many
        were written. Accepted and rejected suggestions stay as they are. One transaction per batch."""
        ids = list(article_ids) if article_ids is not None else self.project.article_ids()
        written = 0
        for i in range(0, len(ids), batch):
            chunk = ids[i:i + batch]
            ts = _now()
            contexts = [c for aid in chunk for c in self._open_contexts(aid)]
            rows = []
            for s in model.suggest(contexts):
                ev = s.evidence or (None, None)
                rows.append((new_id(), s.article_id, None if s.holder == AUTHOR else s.holder, s.target, model_id,
                             s.label, strict_json.dumps(s.probabilities, ensure_ascii=False), s.margin, ev[0], ev[1], ts, ts))
            with self.project.db.atomic():
                self.conn.executemany(
                    "DELETE FROM stance_suggestions WHERE article_id = ? AND status = 'open'", [(a,) for a in chunk])
                self.conn.executemany(
                    "INSERT INTO stance_suggestions(id, article_id, holder_id, target_id, model_id, label, probabilities,"
                    " margin, evidence_start, evidence_end, status, created_at, updated_at)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,'open',?,?)", rows)
            written += len(rows)
        return written

    def clear_open(self) -> None:
        """Drop every open suggestion (the model no longer qualifies)."""
        with self.project.db.atomic():
            self.conn.execute("DELETE FROM stance_suggestions WHERE status = 'open'")

    # ------------------------------------------------------------------ reading
    _COLUMNS = ("id", "article_id", "holder_id", "target_id", "model_id", "label", "probabilities", "margin",
                "evidence_start", "evidence_end", "status", "decided_by", "stance_id", "created_at", "updated_at")

    def _dict(self, r: tuple) -> dict:
        d = dict(zip(self._COLUMNS, r))
        d["holder"] = _holder(d.pop("holder_id"))
        d["target"] = d.pop("target_id")
        try:  # a prepared project file can hold anything here: no probabilities rather than an exception
            probs = json.loads(d["probabilities"])
        except (TypeError, ValueError, RecursionError):
            probs = None
        d["probabilities"] = probs if isinstance(probs, dict) else {}
        d["evidence"] = None if d["evidence_start"] is None else [d["evidence_start"], d["evidence_end"]]
        del d["evidence_start"], d["evidence_end"]
        return d

    def for_article(self, article_id: str, *, status: str | None = None) -> list[dict]:
        """The article's suggestions (dicts: id, article_id, holder, target, model_id, label,
        probabilities, margin, evidence [start, end] or None, status, decided_by, stance_id, timestamps)."""
        sql = f"SELECT {', '.join(self._COLUMNS)} FROM stance_suggestions WHERE article_id = ?"
        params: list = [article_id]
        if status:
            sql += " AND status = ?"
            params.append(status)
        rows = self.conn.execute(sql + " ORDER BY coalesce(holder_id, ''), target_id", params)
        return [self._dict(r) for r in rows]

    def get(self, suggestion_id: str) -> dict:
        r = self.conn.execute(f"SELECT {', '.join(self._COLUMNS)} FROM stance_suggestions WHERE id = ?",
                              (suggestion_id,)).fetchone()
        if r is None:
            raise KeyError(f"no suggestion {suggestion_id}")
        return self._dict(r)

    def labels_by_item(self, article_id: str) -> dict[tuple[str, str], tuple[str, str]]:
        """(holder, target) -> (suggestion id, label) of the article's suggestions, whatever their status."""
        return {(_holder(h), t): (str(i), str(l)) for i, h, t, l in self.conn.execute(
            "SELECT id, holder_id, target_id, label FROM stance_suggestions WHERE article_id = ?", (article_id,))}

    def open_unlabelled(self, article_ids: list[str]) -> dict[str, list[tuple]]:
        """article id -> its open suggestions for items no one has a human or gold stance on, as raw rows
        (id, holder_id or None, target_id, model_id, label, probabilities JSON, margin, evidence_start,
        evidence_end) by holder and target: one query for the whole list (the docs export's page).

        The rows are as stored: a prepared project file can hold anything in them (see `io.export`)."""
        if not article_ids:
            return {}
        marks = ", ".join("?" * len(article_ids))
        out: dict[str, list[tuple]] = {}
        for r in self.conn.execute(
                "SELECT s.article_id, s.id, s.holder_id, s.target_id, s.model_id, s.label, s.probabilities, s.margin,"
                " s.evidence_start, s.evidence_end FROM stance_suggestions s"
                f" WHERE s.article_id IN ({marks}) AND s.status = 'open'"
                " AND NOT EXISTS (SELECT 1 FROM stances t WHERE t.article_id = s.article_id"
                " AND t.target_id = s.target_id AND t.holder_id IS s.holder_id)"
                " AND NOT EXISTS (SELECT 1 FROM gold_stances g WHERE g.article_id = s.article_id"
                " AND g.target_id = s.target_id AND g.holder_id IS s.holder_id)"
                " ORDER BY s.article_id, coalesce(s.holder_id, ''), s.target_id, s.id", article_ids):
            out.setdefault(r[0], []).append(r[1:])
        return out

    def open_summary(self) -> dict[str, dict]:
        """article id -> {'n': open suggestions, 'margins': [...], 'labels': [...], 'targets': [...]}."""
        out: dict[str, dict] = {}
        for aid, margin, label, target in self.conn.execute(
                "SELECT article_id, margin, label, target_id FROM stance_suggestions WHERE status = 'open'"):
            d = out.setdefault(aid, {"margins": [], "labels": [], "targets": []})
            d["margins"].append(margin)
            d["labels"].append(label)
            d["targets"].append(target)
        return out

    def human_label_counts(self) -> tuple[Counter, Counter]:
        """How many human stances each label and each target has (for stratified queue picks)."""
        labels = Counter(dict(self.conn.execute("SELECT label, count(*) FROM stances GROUP BY label")))
        targets = Counter(dict(self.conn.execute("SELECT target_id, count(*) FROM stances GROUP BY target_id")))
        return labels, targets

    # ------------------------------------------------------------------ deciding
    def _row(self, suggestion_id: str) -> dict:
        before = self.project._row("stance_suggestions", (suggestion_id,))
        if before is None:
            raise KeyError(f"no suggestion {suggestion_id}")
        return before

    def edit_accept(self, suggestion_id: str, annotator: str, label: str | None = None) -> Edit:
        """The edit that makes the suggestion `annotator`'s stance (its label, or `label` when the person
        changed it) with the suggested evidence span, and marks the suggestion accepted."""
        sug = self._row(suggestion_id)
        if sug["status"] != "open":
            raise ValidationError(f"suggestion {suggestion_id} was already {sug['status']}")
        holder = _holder(sug["holder_id"])
        stance_edit = self.project.edit_set_stance(sug["article_id"], holder, sug["target_id"], label or sug["label"],
                                                   annotator)
        changes = list(stance_edit.changes)
        stance_id = changes[0].key[0]
        if sug["evidence_start"] is not None and changes[0].before is None:
            ev = {"id": new_id(), "stance_id": stance_id, "start": sug["evidence_start"], "end": sug["evidence_end"],
                  "created_at": changes[0].after["created_at"]}
            changes.append(RowChange("evidence", (ev["id"],), None, ev))
        after = {**sug, "status": "accepted", "decided_by": annotator, "stance_id": stance_id, "updated_at": _now()}
        changes.append(RowChange("stance_suggestions", (suggestion_id,), sug, after))
        return Edit("accept_suggestion", sug["article_id"], tuple(changes))

    def accept(self, suggestion_id: str, annotator: str, label: str | None = None) -> str:
        """Accept a suggestion as `annotator`'s stance (undoable, logged); returns the stance id."""
        edit = self.edit_accept(suggestion_id, annotator, label)
        self.project.apply(edit, annotator)
        return edit.changes[0].key[0]

    def edit_reject(self, suggestion_id: str, annotator: str) -> Edit:
        sug = self._row(suggestion_id)
        if sug["status"] != "open":
            raise ValidationError(f"suggestion {suggestion_id} was already {sug['status']}")
        after = {**sug, "status": "rejected", "decided_by": annotator, "updated_at": _now()}
        return Edit("reject_suggestion", sug["article_id"],
                    (RowChange("stance_suggestions", (suggestion_id,), sug, after),))

    def reject(self, suggestion_id: str, annotator: str) -> None:
        """Reject a suggestion (undoable, logged); it is not suggested again for that item."""
        self.project.apply(self.edit_reject(suggestion_id, annotator), annotator)
