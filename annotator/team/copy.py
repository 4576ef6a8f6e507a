"""Copy rows between project files with their ids unchanged: articles (with segments and the
full-text index), actors and aliases, proposed mentions.

The source is a plain `sqlite3.Connection` (a team project's, or a read-only view of an
annotator's file); the target a `Project`. Every function inserts only what the target lacks, so
copying twice adds nothing. Call them inside the target's transaction (`with project.db.atomic()`).
"""

from __future__ import annotations

import sqlite3

from ..core.search import index_text

ARTICLE_COLUMNS = ("id", "ext_id", "source", "url", "title", "published", "author", "raw", "raw_codec",
                   "raw_sha256", "encoding", "text", "text_sha256", "meta", "origin", "imported_at")
SEGMENT_COLUMNS = ("id", "article_id", "start", "end", "kind", "method", "updated_at")
MENTION_COLUMNS = ("id", "article_id", "actor_id", "start", "end", "prefix", "origin", "status", "annotator",
                   "alias_id", "created_at", "updated_at")
_ACTOR_COLUMNS = ("id", "name_ar", "name_en", "type", "color", "updated_at")
_ALIAS_COLUMNS = ("id", "actor_id", "surface", "key", "kind", "proclitics", "valid_from", "valid_to")


def columns(names: tuple[str, ...]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def placeholders(names: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in names)


def source_columns(src: sqlite3.Connection) -> str:
    """ARTICLE_COLUMNS as the source has them: a file from before schema step m005 stores every raw
    record as it is (codec '')."""
    have = {r[1] for r in src.execute("PRAGMA table_info(articles)")}
    return ", ".join(f'"{n}"' if n in have or n != "raw_codec" else "'' AS raw_codec" for n in ARTICLE_COLUMNS)


def copy_actors(src: sqlite3.Connection, project) -> int:
    """Add the source's actors and aliases the project lacks (same ids); returns how many actors.

    Actors the project has keep their names; aliases are added when the actor lacks that surface.
    """
    actors = src.execute(f"SELECT {columns(_ACTOR_COLUMNS)} FROM actors ORDER BY id").fetchall()
    before = project.conn.total_changes
    project.conn.executemany(
        f"INSERT OR IGNORE INTO actors({columns(_ACTOR_COLUMNS)}) VALUES ({placeholders(_ACTOR_COLUMNS)})", actors
    )
    added = project.conn.total_changes - before
    aliases = src.execute(f"SELECT {columns(_ALIAS_COLUMNS)} FROM aliases ORDER BY rowid").fetchall()
    project.conn.executemany(
        f"INSERT OR IGNORE INTO aliases({columns(_ALIAS_COLUMNS)}) VALUES ({placeholders(_ALIAS_COLUMNS)})", aliases
    )
    project.reload_actors()
    return added


def differing_actors(src: sqlite3.Connection, project) -> list[str]:
    """Codes the source and the project both have with other names, type or colour (the project's
    are kept; a merge reports these so someone settles them)."""
    fields = ("id", "name_ar", "name_en", "type", "color")
    mine = {r[0]: r for r in project.conn.execute(f"SELECT {columns(fields)} FROM actors")}
    return [r[0] for r in src.execute(f"SELECT {columns(fields)} FROM actors ORDER BY id")
            if r[0] in mine and tuple(mine[r[0]]) != tuple(r)]


def copy_article(src: sqlite3.Connection, project, article_id: str, *, length: int | None = None,
                 skipped: list | None = None) -> bool:
    """Copy one article (row, full-text index entry, segments) unless the project has it.

    Returns True when it was added. Raises KeyError when the source lacks the article. `length`
    and `skipped`: as for `copy_segments`.
    """
    row = src.execute(f"SELECT {source_columns(src)} FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        raise KeyError(f"article {article_id} is not in the source file")
    conn = project.conn
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
        return False
    cur = conn.execute(
        f"INSERT INTO articles({columns(ARTICLE_COLUMNS)}) VALUES ({placeholders(ARTICLE_COLUMNS)})", row
    )
    art = dict(zip(ARTICLE_COLUMNS, row))
    conn.execute(
        "INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
        (cur.lastrowid, index_text(art["title"]), index_text(art["text"])),
    )
    copy_segments(src, project, article_id, length=length, skipped=skipped)
    return True


def within(rows: list, length: int | None, at: int, *, empty: bool = False, skipped: list | None = None) -> list:
    """The rows (columns `start`, `end` at positions `at` and `at + 1`) that lie inside a text of
    `length` code points (all of them when `length` is None); the others are appended to `skipped`.

    `empty` allows start == end (segments). A value that is not an integer counts as outside.
    """
    if length is None:
        return rows
    kept = []
    for row in rows:
        start, end = row[at], row[at + 1]
        ok = (type(start) is int and type(end) is int  # noqa: E721 (bool is no offset)
              and 0 <= start and (start <= end if empty else start < end) and end <= length)
        (kept if ok else skipped if skipped is not None else []).append(row)
    return kept


def copy_segments(src: sqlite3.Connection, project, article_id: str, *, length: int | None = None,
                  skipped: list | None = None) -> int:
    """Add the article's segments the project lacks, and take a source segment's kind where the
    source changed it later (newer `updated_at` wins); returns how many rows were written.

    With `length` (the article's text length), segments outside the text are not copied but put in
    `skipped`."""
    rows = within(src.execute(
        f"SELECT {columns(SEGMENT_COLUMNS)} FROM segments WHERE article_id = ? ORDER BY start, id", (article_id,)
    ).fetchall(), length, 2, empty=True, skipped=skipped)
    before = project.conn.total_changes
    project.conn.executemany(
        f"INSERT INTO segments({columns(SEGMENT_COLUMNS)}) VALUES ({placeholders(SEGMENT_COLUMNS)})"
        " ON CONFLICT(id) DO UPDATE SET kind = excluded.kind, method = excluded.method,"
        " updated_at = excluded.updated_at WHERE excluded.updated_at > segments.updated_at",
        rows,
    )
    return project.conn.total_changes - before


def copy_proposals(src: sqlite3.Connection, project, article_id: str, *, length: int | None = None,
                   skipped: list | None = None) -> int:
    """Add the article's proposed mentions (annotator 'auto') the project lacks; returns how many.

    With `length` (the article's text length), proposals outside the text go to `skipped`."""
    rows = within(src.execute(
        f"SELECT {columns(MENTION_COLUMNS)} FROM mentions WHERE article_id = ? AND annotator = 'auto'"
        ' ORDER BY start, "end", id',
        (article_id,),
    ).fetchall(), length, 3, skipped=skipped)
    before = project.conn.total_changes
    project.conn.executemany(
        f"INSERT OR IGNORE INTO mentions({columns(MENTION_COLUMNS)}) VALUES ({placeholders(MENTION_COLUMNS)})", rows
    )
    return project.conn.total_changes - before
