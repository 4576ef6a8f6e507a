"""Merge annotators' project files into the team project, keeping who did what.

A returned file is not trusted: its owner may have edited it with any SQLite tool. A file is
refused (`MergeError`, naming the file; the team project is left unchanged) when it is not an
annotator project, its schema is not exactly the one its version creates (a planted view or
trigger: `storage.verify`), it was written by a newer annotator, belongs to another project (its
`project_id` differs), uses a label the team's label set lacks, is the team project itself, or its
owner cannot be established (below). A row the team project cannot take (a stance toward an actor
that does not exist, a broken CHECK rule) and flipped bytes refuse the file too, with a message
naming it (and the row). Each file is merged in one transaction: an error part-way leaves the team
project as it was. Any one read of the file that runs longer than `READ_BUDGET` seconds is stopped.

Whose work a file holds: `assign` writes into each file its owner (setting `annotator`) and a
random handout token (setting `handout`) whose SHA-256 the team project records (setting
`handouts`). Only the owner's rows are merged when the token matches the team's record for that
owner; rows of any other annotator in the file are listed in the report and ignored, so a file
handed to mona cannot change ali's, the lead's or the gold rows. A file without an owner or a
matching token (a copy of a project, a file written before tokens existed, an edited owner) is
refused unless the lead names its owner (`merge_file(..., owner=NAME)`, `annotator merge --as
NAME`); a file naming another owner is refused even then.

Articles are checked: a file's article whose row differs from the team's article with the same id,
or whose id and checksums do not match its text, is skipped with everything on it (reported).
Mentions, evidence and segments outside their article's text are skipped (reported).

What a merge does, per file:

- Articles, their segments, actors and aliases, and proposed mentions (annotator 'auto') the team
  lacks are added with their ids. An actor made in an annotator's window reaches the team this
  way; the same code created in two files is merged when identical, and reported
  (`actor_conflicts`) with the team's version kept when not. A segment whose kind the file changed later (newer
  `updated_at`) takes the file's kind. Nothing else of the team's is changed by these.
- Only the owner's rows are written; rows of other annotators are never touched.
- For each (owner, article) the change logs decide, by change id:
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
- Gold stances and assignments in the file are never merged: both belong to the team project.
- The owner's decisions on stance suggestions (accepted, rejected) are taken; open suggestions and
  models trained in the file are not (`team.suggestions`).

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

from ..core.text import sha256_bytes, sha256_text
from ..storage import access
from ..storage.project import Project, ProjectError, article_id_for, is_busy
from ..storage.rawcodec import decode_raw
from ..storage.verify import ReadTimeout, SchemaError, UnknownVersionError, bounded, verify_schema
from .assign import HANDOUTS, check_names, handout_digest
from .copy import (ARTICLE_COLUMNS, columns, copy_actors, copy_article, copy_proposals, copy_segments,
                   differing_actors, placeholders, source_columns)
from .suggestions import foreign_models, has_suggestions, merge_decisions

READ_BUDGET = 30.0  # seconds any one read of a file being merged may take

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


class _RowError(Exception):
    """A row of the file the team project refused (constraint); the message names the row."""


@dataclass
class MergeReport:
    path: Path
    annotators: list[str] = field(default_factory=list)
    articles_added: int = 0
    written: Counter = field(default_factory=Counter)  # "stances inserted" -> n, ...
    changes_added: int = 0
    stale: list[tuple[str, str]] = field(default_factory=list)  # (annotator, article id)
    diverged: list[tuple[str, str]] = field(default_factory=list)
    ignored: dict[str, int] = field(default_factory=dict)  # other annotators' rows in the file -> count
    refused_articles: list[tuple[str, str]] = field(default_factory=list)  # (article id, why)
    outside: Counter = field(default_factory=Counter)  # "mentions" -> rows outside their article's text
    actor_conflicts: list[str] = field(default_factory=list)  # codes created differently in both
    suggestions_ignored: Counter = field(default_factory=Counter)  # why a decision on a suggestion was left out -> n
    models_ignored: int = 0  # models trained in the file (the team trains its own)

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
        if self.ignored:
            rows = ", ".join(f"{name!r} {n} row(s)" for name, n in sorted(self.ignored.items()))
            lines.append(f"  ignored, not this file's owner's work: {rows}")
        for aid, why in self.refused_articles:
            lines.append(f"  article {aid!r} not merged: {why}")
        if self.outside:
            rows = ", ".join(f"{n} {table}" for table, n in sorted(self.outside.items()))
            lines.append(f"  skipped, outside their article's text: {rows}")
        if self.suggestions_ignored:
            rows = ", ".join(f"{n} for {why}" for why, n in sorted(self.suggestions_ignored.items()))
            lines.append(f"  decisions on suggestions ignored: {rows}")
        if self.models_ignored:
            lines.append(f"  {self.models_ignored} stance model(s) trained in this file ignored: the team project"
                         " trains its own (annotator learn)")
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

    The file is opened without upgrading its schema, so merging never changes it. It is read
    through SQLite only: closing a Python file object of a file this process holds SQLite locks on
    (a hard link to the team project) would drop those locks.
    """
    if not path.is_file() or path.stat().st_size == 0:
        raise MergeError(f"{path}: no such project file")
    # SQLite checks the header: reading the file here and closing it would drop this process's
    # locks on it, which a connection may hold (the file merged twice, or the team file itself).
    try:  # a file this process may not write (received read-only, another user's) is read read-only
        conn = (access.connect_read_only(path, sqlite3.Connection) if access.write_problem(path) else
                sqlite3.connect(f"{path.resolve().as_uri()}?mode=rw", uri=True, isolation_level=None))
    except PermissionError as e:
        raise MergeError(f"{e}; nothing was merged") from e
    except sqlite3.DatabaseError as e:
        raise MergeError(f"{path}: not an annotator project (not an SQLite file: {e}); nothing was merged") from e
    try:
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA query_only = ON")
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as e:
        conn.close()
        if isinstance(e, sqlite3.OperationalError) and is_busy(e):
            raise
        raise MergeError(f"{path}: not an annotator project (not an SQLite file: {e}); nothing was merged") from e
    return conn


def _setting(conn: sqlite3.Connection, key: str):
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    try:
        return json.loads(row[0]) if row else None
    except (TypeError, ValueError, RecursionError):
        return None  # not JSON: treated as missing


def check_source(team: Project, src: sqlite3.Connection, path: Path) -> None:
    """Raise MergeError unless the file at `path` (open as `src`) can be merged into `team`."""
    try:
        steps = verify_schema(src)
    except UnknownVersionError as e:
        raise MergeError(f"{path}: written by a newer version of annotator (schema step {e.steps[-1]});"
                         " upgrade annotator to merge it. Nothing was merged.") from e
    except SchemaError as e:
        raise MergeError(f"{path}: not an annotator project: {e}; nothing was merged") from e
    if not steps:
        raise MergeError(f"{path}: not an annotator project; nothing was merged")
    pid = _setting(src, "project_id")
    if pid != team.project_id:
        raise MergeError(f"{path}: belongs to another project (project_id {pid!r}, name"
                         f" {_setting(src, 'name')!r}), not to {team.path} ({team.project_id}); nothing was merged")
    known = {label.name for label in team.labels()}
    used = {r[0] for r in src.execute("SELECT DISTINCT label FROM stances")}
    if used - known:
        raise MergeError(f"{path}: uses label(s) {', '.join(sorted(map(repr, used - known)))} that the team project's"
                         " label set lacks; add them to the team project first. Nothing was merged.")


def file_owner(team: Project, src: sqlite3.Connection, path: Path, owner: str | None = None) -> str:
    """Whose work the file holds: its recorded owner, when its handout token matches the team's
    record, or `owner` as named by the person merging. Raises MergeError when neither holds."""
    said, token = _setting(src, "annotator"), _setting(src, "handout")
    if owner is not None:
        try:
            (owner,) = check_names([owner])
        except ValueError as e:
            raise MergeError(f"{path}: --as {owner!r}: {e}; nothing was merged") from e
        if said and said != owner:
            raise MergeError(f"{path}: is {said!r}'s file (it says so), not {owner}'s; nothing was merged")
        return owner
    if not said:
        raise MergeError(f"{path}: names no owner (it was not written by `annotator assign`); if you know whose"
                         " work it is, merge it with --as NAME. Nothing was merged.")
    handouts = team.setting(HANDOUTS) or {}
    if not isinstance(said, str) or not isinstance(token, str) or handouts.get(handout_digest(token)) != said:
        why = ("it carries no handout token (written by an older annotator?)" if token is None
               else f"the team project has no record of handing it out to {said!r}")
        raise MergeError(f"{path}: says it is {said!r}'s file, but {why}; if it is theirs, merge it with"
                         f" --as {said}. Nothing was merged.")
    return said


def other_rows(src: sqlite3.Connection, owner: str) -> dict[str, int]:
    """How many rows of annotators other than `owner` (stances, statuses, decided mentions,
    decisions on suggestions, change-log entries; gold stances under 'gold') the file holds, by name."""
    found: Counter = Counter()
    for sql in ("SELECT annotator, count(*) FROM stances GROUP BY annotator",
                "SELECT annotator, count(*) FROM article_status GROUP BY annotator",
                "SELECT annotator, count(*) FROM mentions WHERE annotator <> 'auto' GROUP BY annotator",
                "SELECT annotator, count(*) FROM changes GROUP BY annotator",
                "SELECT 'gold', count(*) FROM gold_stances HAVING count(*) > 0"):
        for name, n in src.execute(sql):
            if name != owner:
                found[str(name)] += n
    if has_suggestions(src):
        for name, n in src.execute("SELECT decided_by, count(*) FROM stance_suggestions WHERE status <> 'open'"
                                   " GROUP BY decided_by"):
            if name != owner:
                found[str(name)] += n
    return dict(found)


def article_problem(team: sqlite3.Connection, src: sqlite3.Connection, article_id: str) -> tuple[str, int]:
    """Why the file's article cannot be merged ("" when it can), and its text's length."""
    sql = " FROM articles WHERE id = ?"
    row = src.execute(f"SELECT {source_columns(src)}{sql}", (article_id,)).fetchone()
    art = dict(zip(ARTICLE_COLUMNS, row))
    text = art["text"]
    if not isinstance(text, str):
        return "its text is not text", 0
    raw = _raw(art)
    ours = team.execute(f"SELECT {columns(ARTICLE_COLUMNS)}{sql}", (article_id,)).fetchone()
    if ours is not None:
        # the raw record as it reads: each file may store it under another codec (storage.rawcodec)
        mine = dict(zip(ARTICLE_COLUMNS, ours))
        same = raw == _raw(mine) and all(mine[c] == art[c] for c in ARTICLE_COLUMNS if c not in ("raw", "raw_codec"))
        return ("", len(text)) if same else ("it differs from the team project's article with this id", 0)
    if (art["text_sha256"] != sha256_text(text) or article_id != article_id_for(art["text_sha256"])
            or raw is None or art["raw_sha256"] != sha256_bytes(raw)):
        return "its id or checksums do not match its text", 0
    return "", len(text)


def _raw(art: dict) -> bytes | None:
    """The article's verbatim raw record, or None when the stored one does not decode."""
    if not isinstance(art["raw"], bytes) or not isinstance(art["raw_codec"], str):
        return None
    try:
        return decode_raw(art["raw"], art["raw_codec"], art["text"])
    except ValueError:
        return None


def _check_team(team: Project, path: Path) -> None:
    if path.exists() and Path(team.path).exists() and path.samefile(team.path):
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


def _inside(row: dict, length: int) -> bool:
    start, end = row["start"], row["end"]
    return type(start) is int and type(end) is int and 0 <= start < end <= length  # noqa: E721


def file_rows(team: sqlite3.Connection, src: sqlite3.Connection, annotator: str, article_id: str,
              length: int, report: MergeReport) -> Rows:
    """The annotator's rows of the article in the file, with mention ids as the team stores them;
    mentions and evidence outside the article's text (`length` code points) are left out (counted)."""
    rows = annotator_rows(src, annotator, article_id)
    mentions = {}
    for row in rows["mentions"].values():
        if not _inside(row, length):
            report.outside["mentions"] += 1
            continue
        mid = _team_mention_id(team, row, annotator)
        mentions[(mid,)] = {**row, "id": mid}
    rows["mentions"] = mentions
    evidence = {k: r for k, r in rows["evidence"].items() if _inside(r, length)}
    report.outside["evidence"] += len(rows["evidence"]) - len(evidence)
    rows["evidence"] = evidence
    return rows


def _change_ids(conn: sqlite3.Connection, annotator: str, article_id: str) -> dict[str, str]:
    return dict(conn.execute("SELECT id, ts FROM changes WHERE annotator = ? AND article_id = ?",
                             (annotator, article_id)))


# --------------------------------------------------------------------------- writing rows
def _where(table: str) -> str:
    return " AND ".join(f'"{k}" = ?' for k in _KEYS[table])


def _insert(conn: sqlite3.Connection, table: str, row: dict) -> None:
    names = tuple(row)
    try:
        conn.execute(f"INSERT INTO {table}({columns(names)}) VALUES ({placeholders(names)})",
                     [row[n] for n in names])
    except sqlite3.IntegrityError as e:
        raise _RowError(f"{table} row {dict(zip(_KEYS[table], (row[k] for k in _KEYS[table])))}: {e}") from e


def _update(conn: sqlite3.Connection, table: str, key: tuple, row: dict) -> None:
    names = [n for n in row if n not in _KEYS[table]]
    try:
        conn.execute(f"UPDATE {table} SET " + ", ".join(f'"{n}" = ?' for n in names) + f" WHERE {_where(table)}",
                     [row[n] for n in names] + list(key))
    except sqlite3.IntegrityError as e:
        raise _RowError(f"{table} row {dict(zip(_KEYS[table], key))}: {e}") from e


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
                            length: int, report: MergeReport) -> None:
    """Bring one annotator's work on one article into the team project (rules in the module docstring)."""
    in_file, in_team = _change_ids(src, annotator, article_id), _change_ids(team, annotator, article_id)
    only_file = in_file.keys() - in_team.keys()
    only_team = in_team.keys() - in_file.keys()
    if only_team and not only_file:
        report.stale.append((annotator, article_id))
        return
    mine = file_rows(team, src, annotator, article_id, length, report)
    theirs = annotator_rows(team, annotator, article_id)
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


def _merge(team: Project, src: sqlite3.Connection, owner: str, report: MergeReport) -> None:
    conn = team.conn
    report.annotators = [owner]
    report.ignored = other_rows(src, owner)
    team.ensure_annotator(owner)
    report.actor_conflicts = differing_actors(src, team)
    report.written["actors inserted"] += copy_actors(src, team)
    suggestions = has_suggestions(src)  # a file from before schema step m006 has none
    report.models_ignored = foreign_models(conn, src) if suggestions else 0
    labels = {label.name for label in team.labels()}
    for (aid,) in src.execute("SELECT id FROM articles ORDER BY n").fetchall():
        why, length = article_problem(conn, src, aid)
        if why:
            report.refused_articles.append((aid, why))
            continue
        skipped: list = []
        try:
            if copy_article(src, team, aid, length=length, skipped=skipped):
                report.articles_added += 1
            else:
                report.written["segments written"] += copy_segments(src, team, aid, length=length, skipped=skipped)
            report.outside["segments"] += len(skipped)
            skipped = []
            report.written["mentions proposed"] += copy_proposals(src, team, aid, length=length, skipped=skipped)
            report.outside["mentions"] += len(skipped)
        except sqlite3.IntegrityError as e:
            raise _RowError(f"article {aid}: {e}") from e
        merge_annotator_article(conn, src, owner, aid, length, report)
        if suggestions and (owner, aid) not in report.stale:
            merge_decisions(conn, src, owner, aid, length, labels, report.written, report.suggestions_ignored,
                            report.outside, exact=(owner, aid) not in report.diverged)
    report.outside = +report.outside
    try:
        report.changes_added = append_changes(conn, src, [owner])
    except sqlite3.IntegrityError as e:
        raise _RowError(f"change log: {e}") from e


def merge_file(team: Project, path: str | Path, *, owner: str | None = None) -> MergeReport:
    """Merge one annotator's project file into `team` in one transaction; returns what changed.

    `owner` names whose work the file holds when the file cannot prove it (see the module
    docstring). Raises MergeError (nothing merged, the team project unchanged) for a file that
    cannot be merged, including rows the team project refuses, an unreadable (damaged) file and a
    read that takes longer than READ_BUDGET seconds. Other errors part-way also leave the team
    project unchanged; a busy team project raises sqlite3.OperationalError.
    """
    path = Path(path)
    _check_team(team, path)
    src = open_source(path)
    try:
        with bounded(src, READ_BUDGET):
            check_source(team, src, path)
            who = file_owner(team, src, path, owner)
            report = MergeReport(path)
            with team.db.atomic():
                _merge(team, src, who, report)
    except ReadTimeout as e:
        raise MergeError(f"{path}: {e} (a damaged or hostile file?); nothing was merged") from e
    except _RowError as e:
        raise MergeError(f"{path}: the team project refused {e}; nothing was merged from this file") from e
    except sqlite3.IntegrityError as e:
        raise MergeError(f"{path}: the team project refused a row: {e}; nothing was merged from this file") from e
    except sqlite3.DatabaseError as e:
        if isinstance(e, sqlite3.OperationalError) and is_busy(e):
            raise
        raise MergeError(f"{path}: could not be read ({e}; a damaged file?); nothing was merged from this file") from e
    except (TypeError, ValueError, KeyError) as e:  # a value of the wrong type in an edited file
        raise MergeError(f"{path}: holds a value annotator cannot use ({type(e).__name__}: {e});"
                         " nothing was merged from this file") from e
    finally:
        src.close()
        team.reload_actors()
    return report
