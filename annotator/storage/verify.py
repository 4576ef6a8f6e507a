"""Check a project file's schema before reading it: a file someone else prepared is not trusted.

A hostile file can plant a view (or a virtual table) under the name of a table the code reads, e.g.
`CREATE VIEW changes AS WITH RECURSIVE ...`, so that an ordinary `SELECT` never ends, or a trigger
that rewrites rows as they are written. `verify_schema` compares every entry of the file's
`sqlite_master` with the schema the known migrations create for the file's version (built once
per version by applying them to an in-memory database) and raises `SchemaError` for anything
else: an object missing, an object of another type or definition, an extra view, trigger, table or
index. Only the bookkeeping objects that sqlite-utils and FTS5 create themselves (whose text
depends on the library versions) are checked by type and name alone.

`bounded` is the second line of defence for reads of an untrusted file: a progress handler stops
any one statement that runs longer than a time budget.
"""

from __future__ import annotations

import re
import sqlite3
import time
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

from sqlite_utils import Database

from .schema import KNOWN_MIGRATIONS, MIGRATION_SET, migrations

_MIGRATIONS_TABLE = "_sqlite_migrations"
_FTS_SHADOW = re.compile(r"^articles_fts_(data|idx|docsize|config|content)$")
_STATS = re.compile(r"^sqlite_stat\d$")  # written by ANALYZE / PRAGMA optimize: plain tables, harmless

Entry = tuple[str, str, str, str]  # (type, name, tbl_name, normalized sql)


class SchemaError(Exception):
    """The file's schema is not the one its version should have; the message says what differs."""


class UnknownVersionError(SchemaError):
    """The file records a schema step this annotator does not know (`steps`: the unknown ones)."""

    def __init__(self, steps: list[str]):
        super().__init__(f"schema step {steps[-1]}")
        self.steps = steps


def _normalize(sql: str | None) -> str:
    """The statement without comments and with runs of whitespace made one space."""
    if sql is None:
        return ""
    sql = re.sub(r"--[^\n]*", " ", sql)
    return re.sub(r"\s+", " ", sql).strip()


def _loose(name: str) -> bool:
    """Objects whose definition the libraries write: only their type and name are compared."""
    return name == _MIGRATIONS_TABLE or bool(_FTS_SHADOW.match(name))


def _tolerated(entry: Entry) -> bool:
    """Extra objects that change no read: sqlite-utils' index on its migrations table, ANALYZE's tables."""
    kind, name, table, _ = entry
    return ((kind, table) == ("index", _MIGRATIONS_TABLE) and name.startswith(f"idx_{_MIGRATIONS_TABLE}")) or (
        kind == "table" and bool(_STATS.match(name)))


def _entries(conn: sqlite3.Connection) -> dict[str, Entry]:
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return {name: (kind, name, tbl, "" if _loose(name) else _normalize(sql)) for kind, name, tbl, sql in rows}


@lru_cache(maxsize=None)
def expected_schema(steps: tuple[str, ...]) -> dict[str, Entry]:
    """The `sqlite_master` entries after applying the known migrations `steps` (a prefix of them)."""
    conn = sqlite3.connect(":memory:")
    try:
        db = Database(conn)
        for m in migrations._migrations:
            if m.name in steps:
                m.fn(db)
        db.execute(f'CREATE TABLE "{_MIGRATIONS_TABLE}" (id INTEGER PRIMARY KEY)')  # only its type is compared
        return _entries(conn)
    finally:
        conn.close()


def applied_steps(conn: sqlite3.Connection) -> list[str]:
    """The file's applied migration names, in order ([] for an empty file); checks the table first.

    Raises SchemaError when the file is not empty but lacks the migrations table, or holds it as
    something other than a table; UnknownVersionError for a step this annotator does not know.
    """
    found = {r[0]: r[1] for r in conn.execute("SELECT name, type FROM sqlite_master")}
    if not found:
        return []
    if found.get(_MIGRATIONS_TABLE) != "table":
        raise SchemaError("an SQLite file, but not an annotator project" if _MIGRATIONS_TABLE not in found
                          else f"{_MIGRATIONS_TABLE} is a {found[_MIGRATIONS_TABLE]}, not a table")
    steps = [r[0] for r in conn.execute(
        f'SELECT name FROM "{_MIGRATIONS_TABLE}" WHERE migration_set = ? ORDER BY rowid', (MIGRATION_SET,)
    )]
    unknown = [s for s in steps if s not in KNOWN_MIGRATIONS]
    if unknown:
        raise UnknownVersionError(unknown)
    return steps


def verify_schema(conn: sqlite3.Connection) -> list[str]:
    """Raise SchemaError unless the file's schema is exactly what its migrations create.

    Returns the applied migration names ([] for an empty file, which the caller may create).
    Raises UnknownVersionError (a SchemaError) for a file of a newer annotator, SchemaError naming
    the offending objects otherwise. Reads only `sqlite_master` and the migrations table.
    """
    steps = applied_steps(conn)
    if not steps:
        if conn.execute("SELECT 1 FROM sqlite_master WHERE tbl_name <> ?", (_MIGRATIONS_TABLE,)).fetchone():
            raise SchemaError("an SQLite file, but not an annotator project")
        return steps
    if steps != KNOWN_MIGRATIONS[: len(steps)]:
        raise SchemaError(f"its schema steps {', '.join(steps)} are not the ones annotator writes, in order")
    want, have = expected_schema(tuple(steps)), _entries(conn)
    problems = []
    for name, entry in sorted(have.items()):
        if name not in want:
            if _tolerated(entry):
                continue
            problems.append(f"unexpected {entry[0]} {name!r}")
        elif entry[0] != want[name][0]:
            problems.append(f"{name!r} is a {entry[0]}, not a {want[name][0]}")
        elif entry != want[name]:
            problems.append(f"{entry[0]} {name!r} has another definition")
    problems += [f"{want[n][0]} {n!r} is missing" for n in sorted(want.keys() - have.keys())]
    if problems:
        shown = "; ".join(problems[:5]) + (f"; and {len(problems) - 5} more" if len(problems) > 5 else "")
        raise SchemaError(f"its schema is not an annotator project's ({shown})")
    return steps


class ReadTimeout(sqlite3.OperationalError):
    """A statement on an untrusted file ran longer than its budget."""


@contextmanager
def bounded(conn: sqlite3.Connection, seconds: float) -> Iterator[None]:
    """Interrupt any statement on `conn` that runs longer than `seconds` (raises ReadTimeout).

    The budget restarts with every statement (`conn.execute`), so a long merge of many small
    reads is not cut short; one read that does not end is.
    """
    state = {"sql": None, "deadline": 0.0, "expired": False}

    def tick() -> int:
        if time.monotonic() > state["deadline"]:
            state["expired"] = True
            return 1
        return 0

    def trace(sql: str) -> None:
        state["deadline"] = time.monotonic() + seconds

    conn.set_trace_callback(trace)
    conn.set_progress_handler(tick, 10_000)
    try:
        yield
    except sqlite3.OperationalError as e:
        if state["expired"]:
            raise ReadTimeout(f"one read took more than {seconds:g} s and was stopped") from e
        raise
    finally:
        conn.set_progress_handler(None, 0)
        conn.set_trace_callback(None)
