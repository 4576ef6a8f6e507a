"""Stance suggestions between the team project and annotators' files (`assign` and `merge`).

`hand_out` copies into a new annotator file the team's newest qualifying ("ready") model and the
models behind the open suggestions it hands out, as plain data rows (never pickle), and the open
suggestions of the handed-out articles, so the annotator's window shows them. In blind mode (team
setting `suggestions_blind`) no suggestion is handed out; the setting travels with the file.

`merge_decisions` brings back an annotator's decisions on suggestions (accepted or rejected) from
a file whose owner `merge` verified (and a decision the owner undid is reopened when the file is
current, see `merge`). A decision counts only when its `decided_by` is that owner
(others are listed as ignored, like other annotators' stances), and only for an article the
merge took and did not find stale. A decision is ignored (and counted, by reason) when its item's
actor or its model is unknown to the team, when its row holds values of the wrong type, or when
the team already holds another annotator's decision on that item (one suggestion per item); its
evidence span must lie inside the article's text (else skipped, counted as outside). Models the
annotator's file holds that the team lacks (trained in the annotator's window) are never merged:
the team trains its own (counted). Merging the same file again writes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter

from ..storage.suggestions import BLIND_SETTING
from .copy import columns, placeholders

MODEL_COLUMNS = ("id", "created_at", "source", "kind", "format", "labels", "settings", "vocabulary", "coef",
                 "intercept", "idf", "report", "ready", "n_items", "macro_f1")
SUGGESTION_COLUMNS = ("id", "article_id", "holder_id", "target_id", "model_id", "label", "probabilities", "margin",
                      "evidence_start", "evidence_end", "status", "decided_by", "stance_id", "created_at",
                      "updated_at")
_DECISION = ("status", "decided_by", "stance_id", "updated_at")
_SQL = f"SELECT {columns(SUGGESTION_COLUMNS)} FROM stance_suggestions"


def _blind(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (BLIND_SETTING,)).fetchone()
    try:
        return bool(row and json.loads(row[0]))
    except (TypeError, ValueError):
        return False


def hand_out(team: sqlite3.Connection, project, article_ids: list[str]) -> tuple[int, int]:
    """Copy the team's newest ready model and, unless the team is in blind mode, the open suggestions
    of `article_ids` (with the models they came from) into `project`; returns (models, suggestions).

    Call inside the target's transaction; the target's blind-mode setting is set to the team's.
    """
    blind = _blind(team)
    project.set_setting(BLIND_SETTING, blind)
    newest = team.execute("SELECT id FROM stance_models WHERE ready = 1 ORDER BY created_at DESC, rowid DESC"
                          " LIMIT 1").fetchone()
    model_ids = {newest[0]} if newest else set()
    rows = []
    if not blind:
        for aid in article_ids:
            rows += team.execute(f"{_SQL} WHERE article_id = ? AND status = 'open' ORDER BY id", (aid,)).fetchall()
        model_ids |= {r[SUGGESTION_COLUMNS.index("model_id")] for r in rows}
    conn = project.conn
    before = conn.total_changes
    for mid in sorted(model_ids):
        row = team.execute(f"SELECT {columns(MODEL_COLUMNS)} FROM stance_models WHERE id = ?", (mid,)).fetchone()
        if row is not None:
            conn.execute(f"INSERT OR IGNORE INTO stance_models({columns(MODEL_COLUMNS)})"
                         f" VALUES ({placeholders(MODEL_COLUMNS)})", row)
    models = conn.total_changes - before
    conn.executemany(f"INSERT OR IGNORE INTO stance_suggestions({columns(SUGGESTION_COLUMNS)})"
                     f" VALUES ({placeholders(SUGGESTION_COLUMNS)})", rows)
    return models, conn.total_changes - before - models


def has_suggestions(src: sqlite3.Connection) -> bool:
    """Whether the file has the suggestion tables (a file from before schema step m006 has not)."""
    return src.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'stance_suggestions'"
                       ).fetchone() is not None


def foreign_models(team: sqlite3.Connection, src: sqlite3.Connection) -> int:
    """How many models the file holds that the team lacks (trained in the annotator's file; never merged)."""
    ours = {r[0] for r in team.execute("SELECT id FROM stance_models")}
    return sum(1 for (mid,) in src.execute("SELECT id FROM stance_models") if mid not in ours)


def _problem(team: sqlite3.Connection, row: dict, labels: set[str]) -> str:
    """Why the team cannot take this decision row ("" when it can), evidence aside."""
    text_fields = ("id", "target_id", "model_id", "label", "probabilities", "created_at", "updated_at")
    if (any(not isinstance(row[k], str) for k in text_fields) or row["status"] not in ("accepted", "rejected")
            or not isinstance(row["stance_id"], str) or not isinstance(row["holder_id"], (str, type(None)))
            or type(row["margin"]) not in (int, float)):  # noqa: E721 (bool is no margin)
        return "values of the wrong type"
    try:
        if not isinstance(json.loads(row["probabilities"]), dict):
            return "values of the wrong type"
    except (ValueError, RecursionError):
        return "values of the wrong type"
    if row["label"] not in labels:
        return "a label the team's label set lacks"
    actors = [a for a in (row["holder_id"], row["target_id"]) if a is not None]
    if any(team.execute("SELECT 1 FROM actors WHERE id = ?", (a,)).fetchone() is None for a in actors):
        return "an item whose actor the team lacks"
    if team.execute("SELECT 1 FROM stance_models WHERE id = ?", (row["model_id"],)).fetchone() is None:
        return "a model the team lacks"
    return ""


def _evidence_inside(row: dict, length: int) -> bool:
    start, end = row["evidence_start"], row["evidence_end"]
    if start is None and end is None:
        return True
    return type(start) is int and type(end) is int and 0 <= start < end <= length  # noqa: E721


def _dicts(conn: sqlite3.Connection, sql: str, params: tuple) -> list[dict]:
    return [dict(zip(SUGGESTION_COLUMNS, r)) for r in conn.execute(sql, params).fetchall()]


def _reopen(team: sqlite3.Connection, src: sqlite3.Connection, owner: str, article_id: str, written: Counter) -> None:
    """Reopen the team's suggestions of the article that `owner` decided and the file holds open again
    (the decision was undone in the annotator's window)."""
    again = dict(src.execute("SELECT id, updated_at FROM stance_suggestions WHERE article_id = ? AND status = 'open'",
                             (article_id,)).fetchall())
    for (sid,) in team.execute("SELECT id FROM stance_suggestions WHERE article_id = ? AND status <> 'open'"
                               " AND decided_by = ?", (article_id, owner)).fetchall():
        if sid in again and isinstance(again[sid], str):
            team.execute("UPDATE stance_suggestions SET status = 'open', decided_by = '', stance_id = '',"
                         " updated_at = ? WHERE id = ?", (again[sid], sid))
            written["suggestions reopened"] += 1


def merge_decisions(team: sqlite3.Connection, src: sqlite3.Connection, owner: str, article_id: str, length: int,
                    labels: set[str], written: Counter, ignored: Counter, outside: Counter, *,
                    exact: bool = True) -> None:
    """Take `owner`'s decisions on the article's suggestions from the file (rules in the module docstring).

    `exact`: the team holds no change of the owner's on this article that the file lacks, so a
    decision the file holds open again (undone) is reopened in the team too. Counts rows written in
    `written`, decisions left out in `ignored` (by reason) and evidence spans outside the text
    (`length` code points) in `outside`.
    """
    if exact:
        _reopen(team, src, owner, article_id, written)
    for row in _dicts(src, f"{_SQL} WHERE article_id = ? AND status <> 'open' AND decided_by = ? ORDER BY id",
                      (article_id, owner)):
        why = _problem(team, row, labels)
        if why:
            ignored[why] += 1
            continue
        if not _evidence_inside(row, length):
            outside["suggestion evidence"] += 1
            continue
        if row["status"] != "accepted" or team.execute(
                "SELECT 1 FROM stances WHERE id = ? AND annotator = ? AND article_id = ? AND target_id = ?"
                " AND holder_id IS ?", (row["stance_id"], owner, article_id, row["target_id"], row["holder_id"])
        ).fetchone() is None:
            row["stance_id"] = ""  # only a stance of the owner's on this item that the team holds
        old = _dicts(team, f"{_SQL} WHERE article_id = ? AND coalesce(holder_id, '') = ? AND target_id = ?",
                     (article_id, row["holder_id"] or "", row["target_id"]))
        old_row = old[0] if old else None
        if old_row is not None and old_row["status"] != "open":
            if old_row["decided_by"] != owner:
                ignored["an item another annotator decided in the team project"] += 1
                continue
            if row["updated_at"] <= old_row["updated_at"]:
                continue  # the team holds this decision, or a newer one of the owner's
        if old_row is not None and old_row["id"] == row["id"]:
            new = {**old_row, **{k: row[k] for k in _DECISION}}
            if new != old_row:
                team.execute("UPDATE stance_suggestions SET " + ", ".join(f'"{k}" = ?' for k in _DECISION)
                             + " WHERE id = ?", [row[k] for k in _DECISION] + [row["id"]])
                written["suggestions decided"] += 1
            continue
        if team.execute("SELECT 1 FROM stance_suggestions WHERE id = ?", (row["id"],)).fetchone():
            ignored["an id the team uses for another item"] += 1
            continue
        if old_row is not None:  # the team's open (or older) suggestion for the item gives way to the decided one
            team.execute("DELETE FROM stance_suggestions WHERE id = ?", (old_row["id"],))
        team.execute(f"INSERT INTO stance_suggestions({columns(SUGGESTION_COLUMNS)})"
                     f" VALUES ({placeholders(SUGGESTION_COLUMNS)})", [row[k] for k in SUGGESTION_COLUMNS])
        written["suggestions decided"] += 1
