"""Merge annotators' project files into the team project, keeping who did what.

A file is refused (`MergeError`, naming the file; the team project is left unchanged) when it is
not an annotator project, was written by a newer annotator (an unknown schema step), belongs to
another project (its `project_id` differs), uses a label the team's label set lacks, or is the
team project itself. Each file is merged in one transaction: an error part-way leaves the team
project as it was.

What a merge does, per file:

- Articles, their segments, actors and aliases, and proposed mentions (annotator 'auto') the team
  lacks are added with their ids. An actor made in an annotator's window reaches the team this
  way; the same code created in two files is merged when identical, and reported
  (`actor_conflicts`) with the team's version kept when not. A segment whose kind the file changed later (newer
  `updated_at`) takes the file's kind. Nothing else of the team's is changed by these.
- The file's annotators are every name that authored a stance, a status, a decided mention or a
  change-log entry in it. Only their rows are written; rows of other annotators are never touched.
- For each (annotator, article) the change logs decide, by change id:
  * the team holds no change the file lacks ("current"): the team's rows of that annotator for
    that article (stances with evidence, mentions, status) become exactly the file's, so edits
    win and rows the annotator deleted since the last merge are deleted;
  * the file holds no change the team lacks but the team holds some the file lacks ("stale", an
    older copy of the file): nothing is written;
  * both hold changes the other lacks ("diverged", e.g. two copies of one file): newer wins row
    by row (`updated_at`; a status also by its seconds), a row the team lacks is added only when
    newer than every team-only change, nothing is deleted, and a stance taken from the file
    brings its evidence.
- Proposals are shared rows. The team's proposal stays a proposal; an annotator's decision on a
  proposal (a mention of origin 'auto' the annotator accepted, rejected or re-proposed) is stored
  as that annotator's own row with id `decision_id(proposal id, annotator)`, so when two
  annotators decided the same proposal differently both decisions are kept. A manual mention
  keeps its id (unless the team holds that id as another annotator's row: then it is derived too).
- The file's change-log entries the team lacks are appended with their ids, times and payloads:
  the team's log is the record of who did what and when (it feeds `stats`). Undoing a merged edit
  in the team project is refused as a conflict wherever the rows were stored as copies.
- Gold stances and assignments in the file are not merged: both belong to the team project.

Merging the same file again writes nothing.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..storage.project import Project, ProjectError
from ..storage.schema import KNOWN_MIGRATIONS, MIGRATION_SET
from .copy import (columns, copy_actors, copy_article, copy_proposals, copy_segments, differing_actors,
                   placeholders)

_TABLES = ("article_status", "mentions", "stances", "evidence")  # parents before children
_KEYS = {"article_status": ("article_id", "annotator"), "mentions": ("id",), "stances": ("id",), "evidence": ("id",)}
_ROWS_SQL = {
    "article_status": "SELECT * FROM article_status WHERE article_id = ? AND annotator = ?",
    "mentions": "SELECT * FROM mentions WHERE article_id = ? AND annotator = ?",
    "stances": "SELECT * FROM stances WHERE article_id = ? AND annotator = ?",
    "evidence": "SELECT e.* FROM evidence e JOIN stances s ON s.id = e.stance_id"
    " WHERE s.article_id = ? AND s.annotator = ?",
}
_CHANGE_COLUMNS = ("id", "ts", "annotator", "article_id", "action", "kind", "ref", "payload")

Rows = dict[str, dict[tuple, dict]]  # table -> primary key -> row
_EMPTY: Rows = {t: {} for t in _TABLES}


class MergeError(ProjectError):
    """A file that cannot be merged; the message names it and says why. Nothing was merged."""


@dataclass
class MergeReport:
    path: Path
    annotators: list[str] = field(default_factory=list)
    articles_added: int = 0
    written: Counter = field(default_factory=Counter)  # "stances inserted" -> n, ...
    changes_added: int = 0
    stale: list[tuple[str, str]] = field(default_factory=list)  # (annotator, article id)
    diverged: list[tuple[str, str]] = field(default_factory=list)
    actor_conflicts: list[str] = field(default_factory=list)  # codes created differently in both

    @property
    def changed(self) -> bool:
        return bool(self.articles_added or self.changes_added or sum(self.written.values()))

    def summary(self) -> str:
        """One paragraph for people: what the merge of this file changed."""
        who = ", ".join(self.annotators) or "no annotator"
        if not self.changed:
            head = f"{self.path}: up to date ({who})"
        else:
            rows = ", ".join(f"{k} {v}" for k, v in sorted(self.written.items()) if v) or "no annotation rows"
            head = (f"{self.path}: merged {who}: {self.articles_added} new article(s), {rows},"
                    f" {self.changes_added} change-log entr{'y' if self.changes_added == 1 else 'ies'}")
        lines = [head]
        if self.stale:
            lines.append(f"  {len(self.stale)} article(s) kept as in the team project: it holds newer edits"
                         " than this (older) copy of the file")
        if self.diverged:
            lines.append(f"  {len(self.diverged)} article(s) edited both here and in another copy of the file:"
                         " newer rows won, nothing was deleted")
        if self.actor_conflicts:
            lines.append(f"  actor code(s) {', '.join(self.actor_conflicts)} also exist in the team project with other"
                         " names, type or colour: the team's were kept; settle them with `annotator actors --load`")
        return "\n".join(lines)


def decision_id(proposal_id: str, annotator: str) -> str:
    """The team-project id of `annotator`'s decision on a shared proposal (same inputs, same id)."""
    return hashlib.sha256(f"{proposal_id}\x00{annotator}".encode("utf-8")).hexdigest()[:32]


# --------------------------------------------------------------------------- opening and checking a file
def open_source(path: Path) -> sqlite3.Connection:
    """A query-only connection to an annotator's file; raises MergeError if it is no SQLite file.

    The file is opened without upgrading its schema, so merging never changes it.
    """
    if not path.is_file() or path.stat().st_size == 0:
        raise MergeError(f"{path}: no such project file")
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise MergeError(f"{path}: not an annotator project (not an SQLite file); nothing was merged")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None)
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA query_only = ON")
    return conn


def _setting(conn: sqlite3.Connection, key: str):
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else None


def check_source(team: Project, src: sqlite3.Connection, path: Path) -> None:
    """Raise MergeError unless the file at `path` (open as `src`) can be merged into `team`."""
    try:
        steps = [r[0] for r in src.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", (MIGRATION_SET,)
        )]
    except sqlite3.DatabaseError as e:
        raise MergeError(f"{path}: not an annotator project ({e}); nothing was merged") from e
    if not steps:
        raise MergeError(f"{path}: not an annotator project; nothing was merged")
    unknown = [s for s in steps if s not in KNOWN_MIGRATIONS]
    if unknown:
        raise MergeError(f"{path}: written by a newer version of annotator (schema step {unknown[-1]});"
                         " upgrade annotator to merge it. Nothing was merged.")
    pid = _setting(src, "project_id")
    if pid != team.project_id:
        raise MergeError(f"{path}: belongs to another project (project_id {pid}, name"
                         f" {_setting(src, 'name')!r}), not to {team.path} ({team.project_id}); nothing was merged")
    known = {label.name for label in team.labels()}
    used = {r[0] for r in src.execute("SELECT DISTINCT label FROM stances")}
    if used - known:
        raise MergeError(f"{path}: uses label(s) {', '.join(sorted(used - known))} that the team project's label"
                         " set lacks; add them to the team project first. Nothing was merged.")


def _check_team(team: Project, path: Path) -> None:
    if path.exists() and Path(team.path).exists() and path.resolve() == Path(team.path).resolve():
        raise MergeError(f"{path}: is the team project itself; nothing was merged")
    owner = team.setting("annotator")
    if owner:
        raise MergeError(f"{team.path}: is {owner}'s annotator file, not a team project; merge into the team"
                         f" project instead ({path} was not merged)")


# --------------------------------------------------------------------------- reading rows
def _dicts(conn: sqlite3.Connection, sql: str, params: Iterable) -> list[dict]:
    cur = conn.execute(sql, tuple(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def file_annotators(src: sqlite3.Connection) -> list[str]:
    """Every name that authored a stance, status, decided mention or change in the file, sorted."""
    rows = src.execute(
        "SELECT annotator FROM stances UNION SELECT annotator FROM article_status"
        " UNION SELECT annotator FROM mentions WHERE annotator <> 'auto' UNION SELECT annotator FROM changes"
    )
    return sorted({r[0] for r in rows} - {"auto"})


def annotator_rows(conn: sqlite3.Connection, annotator: str, article_id: str) -> Rows:
    """One annotator's rows of one article, by table and primary key."""
    return {
        t: {tuple(r[k] for k in _KEYS[t]): r for r in _dicts(conn, _ROWS_SQL[t], (article_id, annotator))}
        for t in _TABLES
    }


def _team_mention_id(team: sqlite3.Connection, row: dict, annotator: str) -> str:
    if row["origin"] == "auto":
        return decision_id(row["id"], annotator)
    owner = team.execute("SELECT annotator FROM mentions WHERE id = ?", (row["id"],)).fetchone()
    return row["id"] if owner is None or owner[0] == annotator else decision_id(row["id"], annotator)


def file_rows(team: sqlite3.Connection, src: sqlite3.Connection, annotator: str, article_id: str) -> Rows:
    """The annotator's rows of the article in the file, with mention ids as the team stores them."""
    rows = annotator_rows(src, annotator, article_id)
    mentions = {}
    for row in rows["mentions"].values():
        mid = _team_mention_id(team, row, annotator)
        mentions[(mid,)] = {**row, "id": mid}
    rows["mentions"] = mentions
    return rows


def _change_ids(conn: sqlite3.Connection, annotator: str, article_id: str) -> dict[str, str]:
    return dict(conn.execute("SELECT id, ts FROM changes WHERE annotator = ? AND article_id = ?",
                             (annotator, article_id)))


# --------------------------------------------------------------------------- writing rows
def _where(table: str) -> str:
    return " AND ".join(f'"{k}" = ?' for k in _KEYS[table])


def _insert(conn: sqlite3.Connection, table: str, row: dict) -> None:
    names = tuple(row)
    conn.execute(f"INSERT INTO {table}({columns(names)}) VALUES ({placeholders(names)})", [row[n] for n in names])


def _update(conn: sqlite3.Connection, table: str, key: tuple, row: dict) -> None:
    names = [n for n in row if n not in _KEYS[table]]
    conn.execute(f"UPDATE {table} SET " + ", ".join(f'"{n}" = ?' for n in names) + f" WHERE {_where(table)}",
                 [row[n] for n in names] + list(key))


def _delete(conn: sqlite3.Connection, table: str, key: tuple) -> None:
    conn.execute(f"DELETE FROM {table} WHERE {_where(table)}", key)


def _put(conn: sqlite3.Connection, table: str, key: tuple, row: dict, old: dict | None, report: MergeReport) -> None:
    """Insert `row`, or update `old` to it; counts what was written."""
    if old is None:
        _insert(conn, table, row)
        report.written[f"{table} inserted"] += 1
    elif old != row:
        _update(conn, table, key, row)
        report.written[f"{table} updated"] += 1


def sync_exact(conn: sqlite3.Connection, mine: Rows, theirs: Rows, report: MergeReport) -> None:
    """Make the team's rows `theirs` equal the file's rows `mine`: delete, then update and insert."""
    for table in reversed(_TABLES):
        for key in theirs[table].keys() - mine[table].keys():
            _delete(conn, table, key)
            report.written[f"{table} deleted"] += 1
    for table in _TABLES:
        for key, row in mine[table].items():
            _put(conn, table, key, row, theirs[table].get(key), report)


def _version(table: str, row: dict) -> tuple:
    return (row["updated_at"], row["seconds"]) if table == "article_status" else (row["updated_at"],)


def sync_newer(conn: sqlite3.Connection, mine: Rows, theirs: Rows, cutoff: str, report: MergeReport) -> None:
    """Take the file's rows that are newer than the team's (or, when the team lacks them, newer
    than `cutoff`, the team's last change the file lacks); a taken stance brings its evidence."""
    taken: set[str] = set()
    for table in ("article_status", "mentions", "stances"):
        for key, row in mine[table].items():
            old = theirs[table].get(key)
            newer = row["updated_at"] > cutoff if old is None else _version(table, row) > _version(table, old)
            if newer:
                _put(conn, table, key, row, old, report)
                if table == "stances":
                    taken.add(row["id"])
    ours = {k: r for k, r in mine["evidence"].items() if r["stance_id"] in taken}
    sync_exact(conn, {**_EMPTY, "evidence": ours},
               {**_EMPTY, "evidence": {k: r for k, r in theirs["evidence"].items() if r["stance_id"] in taken}},
               report)


def merge_annotator_article(team: sqlite3.Connection, src: sqlite3.Connection, annotator: str, article_id: str,
                            report: MergeReport) -> None:
    """Bring one annotator's work on one article into the team project (rules in the module docstring)."""
    in_file, in_team = _change_ids(src, annotator, article_id), _change_ids(team, annotator, article_id)
    only_file = in_file.keys() - in_team.keys()
    only_team = in_team.keys() - in_file.keys()
    if only_team and not only_file:
        report.stale.append((annotator, article_id))
        return
    mine, theirs = file_rows(team, src, annotator, article_id), annotator_rows(team, annotator, article_id)
    if only_team:
        report.diverged.append((annotator, article_id))
        sync_newer(team, mine, theirs, max(in_team[c] for c in only_team), report)
    else:
        sync_exact(team, mine, theirs, report)


def append_changes(team: sqlite3.Connection, src: sqlite3.Connection, annotators: list[str]) -> int:
    """Append the file's change-log entries of `annotators` that the team lacks, in the file's order."""
    added = 0
    for ann in annotators:
        have = {r[0] for r in team.execute("SELECT id FROM changes WHERE annotator = ?", (ann,))}
        rows = [r for r in src.execute(f"SELECT {columns(_CHANGE_COLUMNS)} FROM changes WHERE annotator = ?"
                                       " ORDER BY seq", (ann,)) if r[0] not in have]
        team.executemany(f"INSERT INTO changes({columns(_CHANGE_COLUMNS)}) VALUES ({placeholders(_CHANGE_COLUMNS)})",
                         rows)
        added += len(rows)
    return added


def _merge(team: Project, src: sqlite3.Connection, report: MergeReport) -> None:
    conn = team.conn
    report.annotators = file_annotators(src)
    for ann in report.annotators:
        team.ensure_annotator(ann)
    report.actor_conflicts = differing_actors(src, team)
    report.written["actors inserted"] += copy_actors(src, team)
    for (aid,) in src.execute("SELECT id FROM articles ORDER BY n").fetchall():
        if copy_article(src, team, aid):
            report.articles_added += 1
        else:
            report.written["segments written"] += copy_segments(src, team, aid)
        report.written["mentions proposed"] += copy_proposals(src, team, aid)
        for ann in report.annotators:
            merge_annotator_article(conn, src, ann, aid, report)
    report.changes_added = append_changes(conn, src, report.annotators)


def merge_file(team: Project, path: str | Path) -> MergeReport:
    """Merge one annotator's project file into `team` in one transaction; returns what changed.

    Raises MergeError (nothing merged, the team project unchanged) for a file that cannot be merged.
    Any other error part-way also leaves the team project unchanged.
    """
    path = Path(path)
    _check_team(team, path)
    src = open_source(path)
    try:
        check_source(team, src, path)
        report = MergeReport(path)
        with team.db.atomic():
            _merge(team, src, report)
    finally:
        src.close()
        team.reload_actors()
    return report
