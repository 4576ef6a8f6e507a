"""One SQLite file per project: opening, settings, articles, actors, annotations, the change log.

Every user-visible edit goes through `Project.apply`: one transaction that checks the rows are as the
edit expects, writes them, and appends the edit to the change log. The named operations
(`add_mention`, `set_stance`, ...) only build `Edit`s from the current rows. Undo and redo apply the
inverse edit through the same funnel, so they survive restarts.
"""

from __future__ import annotations

import json
import math
import os
import sqlite3
import stat
from array import array
from bisect import bisect_right
from itertools import filterfalse
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from sqlite_utils import Database

from ..core import strict_json
from ..core.commands import Edit, RowChange
from ..core.fold import fold, fold_key
from ..core.matcher import AliasEntry, AliasMatcher, alias_key
from ..core.model import (
    ARTICLE_STATUSES,
    AUTHOR,
    CONTENT_KINDS,
    DEFAULT_LABELS,
    MENTION_STATUSES,
    SEGMENT_KINDS,
    Actor,
    Alias,
    Label,
    Mention,
    Span,
    Stance,
    ValidationError,
    check_span,
    new_id,
    new_ids,
)
from ..core.search import fts_query
from ..core.text import sha256_bytes
from . import access, handoff
# the prepared article, in a module of its own (the import's worker loads it alone); here too for callers
from .prepared import ArticleRecord, PreparedArticle, finish, prepare_article, with_proposals  # noqa: F401
from .actors import ActorStore
from .bulk import BulkWrite
from .labels import LabelNames
from .rawcodec import decode_raw
from .safe_files import UnsafeOutputError, check_output_path, exclusive_temp
from .schema import SCHEMA_VERSION, migrations
from .times import now
from .verify import SchemaError, UnknownVersionError, verify_schema


class ProjectError(Exception):
    """A project file that cannot be used; the message says which file and what to do."""


class NotAProjectError(ProjectError):
    pass


class NewerSchemaError(ProjectError):
    pass


class ProjectBusyError(ProjectError):
    """Another connection held the write lock for longer than the busy timeout."""


class ConflictError(ProjectError):
    """An edit (usually an undo) whose rows were changed by someone else in the meantime."""


# Primary-key columns of the tables edits may touch (the change log records rows of these only).
EDITABLE_TABLES = {
    "mentions": ("id",),
    "stances": ("id",),
    "evidence": ("id",),
    "segments": ("id",),
    "article_status": ("article_id", "annotator"),
    "gold_stances": ("id",),
    "gold_evidence": ("id",),
    "actors": ("id",),
    "aliases": ("id",),
    "stance_suggestions": ("id",),
}
ACTOR_TABLES = frozenset({"actors", "aliases"})


def _with_optional_fields(row: dict, intensity: int | None, explicit: bool | None, note: str | None) -> dict:
    """`row` with the stance fields that were given (None: keep the stored value)."""
    if intensity is not None:
        row["intensity"] = intensity
    if explicit is not None:
        row["explicit"] = int(explicit)
    if note is not None:
        row["note"] = note
    return row


class _Connection(sqlite3.Connection):
    """A connection whose transactions take the write lock when they begin (BEGIN IMMEDIATE).

    Every transaction in a project writes. A deferred BEGIN reads first and upgrades to a write
    later; in WAL mode that upgrade fails at once with "database is locked" (the busy timeout does
    not apply) when another process wrote in between, e.g. the GUI beside an `annotator import`.
    Taking the lock at BEGIN waits for the other writer instead.
    """

    def execute(self, sql: str, *args):
        return super().execute("BEGIN IMMEDIATE" if sql == "BEGIN" else sql, *args)


_INSERT_MENTIONS = (
    'INSERT INTO mentions(id, article_id, actor_id, start, "end", prefix, origin, status, annotator,'
    " alias_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
)


def _proposal_rows(article_id: str, proposals: Sequence[tuple[str, int, int, str, str]], ts: str) -> list[tuple]:
    """`_INSERT_MENTIONS` rows of proposed mentions (actor_id, start, end, prefix, alias_id) from the lexicon."""
    return [(i, article_id, actor, s, e, prefix, "auto", "proposed", "auto", alias, ts, ts)
            for i, (actor, s, e, prefix, alias) in zip(new_ids(len(proposals)), proposals)]


def is_busy(error: sqlite3.OperationalError) -> bool:
    """Whether `error` is SQLite giving up on a lock another connection held past the busy timeout."""
    return "locked" in str(error) or "busy" in str(error)


# the columns of an article summary (`list_articles`, `articles_numbered`); parameters: annotator twice
_SUMMARY = (
    "a.n, a.id, a.title, a.source, a.published,"
    " coalesce((SELECT s.status FROM article_status s WHERE s.article_id = a.id AND s.annotator = ?), 'new'),"
    " (SELECT count(*) FROM stances t WHERE t.article_id = a.id AND t.annotator = ?)"
)


def _summary(r: tuple) -> dict:
    return {"n": r[0], "id": r[1], "title": r[2], "source": r[3], "published": r[4], "status": r[5], "stances": r[6]}


# the import numbers of the articles with a status row of one annotator (parameter); append a condition on s.status
_STATUS_NUMBERS = "SELECT a.n FROM article_status s JOIN articles a ON a.id = s.article_id WHERE s.annotator = ?"


class ArticleNumbers:
    """Ascending article import numbers, one per row of a filtered list (`Project.article_numbers`).

    Either an array of the numbers, or every number from `first` to `last` but a few left out,
    kept as the left-out numbers' ranks: the number at row r is then first + r + (how many
    left-out numbers come before it), one binary search. A million rows of the 'new' filter
    cost a few kilobytes, and any row is found at once.
    """

    def __init__(self, numbers: Iterable[int] = ()):
        """These numbers, which must be ascending."""
        self._numbers: array | None = numbers if isinstance(numbers, array) else array("q", numbers)
        self._length = len(self._numbers)
        self._first = 0
        self._ranks = array("q")

    @classmethod
    def span(cls, first: int, last: int, left_out: Sequence[int] = ()) -> ArticleNumbers:
        """first, first + 1, ..., last without `left_out` (ascending; numbers outside the span are ignored)."""
        inside = [n for n in left_out if first <= n <= last]
        out = cls()
        out._numbers = None
        out._length = max(0, last - first + 1 - len(inside))
        out._first = first
        # a left-out number's rank: how many kept numbers come before it
        out._ranks = array("q", (n - first - k for k, n in enumerate(inside)))
        return out

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        row = index + self._length if index < 0 else index
        if not 0 <= row < self._length:
            raise IndexError(f"row {index} of {self._length}")
        if self._numbers is not None:
            return self._numbers[row]
        return self._first + row + bisect_right(self._ranks, row)


def _not_a_project(path: Path, e: sqlite3.DatabaseError) -> NotAProjectError:
    why = "not an SQLite file" if "not a database" in str(e) else str(e)
    return NotAProjectError(f"{path}: not an annotator project ({why})")


def article_id_for(text_sha256: str) -> str:
    """Stable article id: the same text gets the same id in every annotator's project file."""
    return text_sha256[:20]


class Project:
    """An open project file. Not thread-safe: use one instance per thread."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, read_only: str = ""):
        self.conn = conn
        self.read_only = read_only  # why this process may not write the file ("" when it may)
        self.db = Database(conn)
        self.path = path
        self._matcher: AliasMatcher | None = None
        self._actors_cache: dict[str, Actor] | None = None

    @property
    def actors_store(self):
        """Edits of the lexicon made in the window: new actors, aliases, corrections, merges."""
        return ActorStore(self)

    @property
    def label_names(self) -> LabelNames:
        """Display names of the stance labels per interface language (exports keep the codes)."""
        return LabelNames(self)

    # ------------------------------------------------------------------ opening
    @classmethod
    def create(cls, path: str | Path, *, name: str = "") -> "Project":
        """Create a new project file. Raises ProjectError if `path` already exists."""
        path = Path(path)
        if path.exists() and path.stat().st_size > 0:
            raise ProjectError(f"{path}: already exists; open it instead, or choose another file name")
        path.parent.mkdir(parents=True, exist_ok=True)
        return cls.open(path, create=True, name=name)

    @classmethod
    def open(cls, path: str | Path, *, create: bool = False, name: str = "") -> "Project":
        """Open (and, when its schema is older, upgrade after writing a backup) a project file.

        Raises NotAProjectError for a file that is not an annotator project, NewerSchemaError for a
        project written by a newer annotator, ProjectError when the file does not exist and
        `create` is false. A project this process may not write (file or folder permissions) is
        opened read-only (`read_only` says why; every write then fails, see `storage.access`), or
        refused with ProjectError when it cannot be read as it is (an old schema, a -wal that
        cannot be read).
        """
        path = Path(path)
        try:
            st = path.stat()
        except FileNotFoundError:
            st = None
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise NotAProjectError(f"{path}: not an annotator project (not a regular file: a folder, device or pipe)")
        exists = st is not None and st.st_size > 0
        recovering = access.wal_has_content(path)  # left by a crash (or written by a program running now)
        if not exists and not create:
            raise ProjectError(f"{path}: no such project; create it with `annotator init {path}`")
        if not exists and (problem := access.create_problem(path)):
            raise ProjectError(f"{path}: cannot create the project: {problem}")
        read_only = access.write_problem(path) if exists else ""
        # The header is checked by SQLite itself ("file is not a database"), never by reading the
        # file here: closing any descriptor of the file would drop every SQLite lock this process
        # holds on it, and another program would then delete the -wal a live connection writes to.
        try:
            conn = (access.connect_read_only(path, _Connection) if read_only else
                    sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, factory=_Connection))
        except PermissionError as e:
            raise ProjectError(str(e)) from e
        except sqlite3.DatabaseError as e:
            raise _not_a_project(path, e) from e
        try:
            conn.execute("PRAGMA busy_timeout = 10000")
            project = cls(conn, path, read_only=read_only)
            project._check_is_ours(path, exists)
            if read_only:
                project._check_usable_read_only(path)
            else:
                cls._configure(conn)
                project._migrate(path, name)
                if recovering:  # so that the file alone, copied and handed back, holds those edits
                    project.checkpoint()
        except sqlite3.OperationalError as e:
            conn.close()
            if is_busy(e):
                raise ProjectBusyError(
                    f"{path}: another program kept the project busy for more than 10 s; "
                    "try again when its import or merge has finished"
                ) from e
            raise NotAProjectError(f"{path}: not an annotator project ({e})") from e
        except sqlite3.DatabaseError as e:
            conn.close()
            raise _not_a_project(path, e) from e
        except BaseException:
            conn.close()
            raise
        return project

    def _check_usable_read_only(self, path: Path) -> None:
        """Refuse a read-only project that cannot be read as it is (its schema needs an upgrade);
        make the connection refuse every write."""
        if migrations.pending(self.db) or self.setting("project_id") is None:
            raise ProjectError(
                f"{path}: read-only ({self.read_only}), and written by an older annotator: it must be upgraded "
                f"before it can be opened, which needs write permission; {access.WHAT_TO_DO}"
            )
        self.conn.execute("PRAGMA query_only = ON")

    def refuse_if_read_only(self, what: str) -> None:
        """Raise ProjectError saying why `what` (e.g. "annotator import") cannot write this project."""
        if self.read_only:
            raise ProjectError(f"{self.path}: read-only ({self.read_only}); {what} needs to write to it: "
                               f"{access.WHAT_TO_DO}. Nothing was changed")

    @staticmethod
    def _configure(conn: sqlite3.Connection) -> None:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")

    def _applied_migrations(self) -> list[str]:
        if "_sqlite_migrations" not in set(self.db.table_names()):
            return []
        return [m.name for m in migrations.applied(self.db)]

    def _check_is_ours(self, path: Path, exists: bool) -> None:
        """Refuse a foreign SQLite file, a newer project, or a schema that is not exactly ours (a
        planted view or trigger: see `verify`) before anything reads or writes the file.

        Runs before any pragma that changes the file (journal_mode=WAL rewrites the header), so a
        refused file is left byte-for-byte as it was.
        """
        try:
            verify_schema(self.conn)
        except UnknownVersionError as e:
            raise NewerSchemaError(
                f"{path}: written by a newer version of annotator (schema step {e.steps[-1]}); "
                "upgrade annotator to open it. The file was not changed."
            ) from e
        except SchemaError as e:
            raise NotAProjectError(f"{path}: {e}; not opened. The file was not changed.") from e

    def _migrate(self, path: Path, name: str) -> None:
        applied = self._applied_migrations()
        pending = migrations.pending(self.db)
        if pending and applied:
            backup = path.with_name(f"{path.name}.backup-v{len(applied)}")
            n = 1
            while os.path.lexists(backup):  # an earlier backup of this version is kept
                n += 1
                backup = path.with_name(f"{path.name}.backup-v{len(applied)}.{n}")
            self.backup(backup)
        if pending:
            migrations.apply(self.db)
        if self.setting("project_id") is None:
            with self.db.atomic():
                self._set_setting("project_id", new_id())
                self._set_setting("name", name or path.stem)
                self._set_setting("created_at", now())
                self._set_setting("labels", [l.__dict__ for l in DEFAULT_LABELS])
                self._set_setting("guidelines", "")
        if self.setting("schema_version") != SCHEMA_VERSION:  # opening an up-to-date file writes nothing
            self._set_setting("schema_version", SCHEMA_VERSION)

    def backup(self, target: str | Path) -> Path:
        """Write a consistent copy of the project file (SQLite online backup) to a new file `target`.

        Raises UnsafeOutputError when `target` exists (a backup never replaces a file) or is a link,
        a device, etc. (`check_output_path`). The copy is written to an exclusively created
        temporary file beside it (never through a link) and renamed into place when complete.
        """
        target = check_output_path(target, protect=[self.path])
        if os.path.lexists(target):
            raise UnsafeOutputError(f"{target}: already exists; a backup never replaces a file, choose another name")
        fd, tmp = exclusive_temp(target)
        os.close(fd)
        try:
            dst = sqlite3.connect(str(tmp))
            try:
                self.conn.backup(dst)
            finally:
                dst.close()
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return target

    def checkpoint(self) -> bool:
        """Empty the -wal into the project file, without waiting; see `handoff.checkpoint`."""
        return not self.read_only and handoff.checkpoint(self.conn)

    def pack(self, target: str | Path) -> Path:
        """Write one self-contained copy of the project to the new file `target`; see `handoff.pack`."""
        return handoff.pack(self.conn, self.path, target)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Project":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def models(self):
        """The trained stance suggestion models (storage.suggestions.StanceModels)."""
        from .suggestions import StanceModels

        return StanceModels(self)

    @property
    def suggestions(self):
        """Stance suggestions: items, training data, accept and reject (storage.suggestions.StanceSuggestions)."""
        from .suggestions import StanceSuggestions

        return StanceSuggestions(self)

    # ------------------------------------------------------------------ settings
    def setting(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def _set_setting(self, key: str, value: Any) -> None:
        self.conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, strict_json.dumps(value, ensure_ascii=False)),
        )

    def set_setting(self, key: str, value: Any) -> None:
        with self.db.atomic():
            self._set_setting(key, value)

    @property
    def project_id(self) -> str:
        return self.setting("project_id")

    def labels(self) -> list[Label]:
        return [Label(**d) for d in self.setting("labels", [])]

    def set_labels(self, labels: Sequence[Label]) -> None:
        names = [l.name for l in labels]
        if not names or len(set(names)) != len(names) or not all(names):
            raise ValidationError("a label set needs at least one label and unique, non-empty names")
        self.set_setting("labels", [l.__dict__ for l in labels])

    @property
    def guidelines(self) -> str:
        return self.setting("guidelines", "")

    # ------------------------------------------------------------------ annotators
    def ensure_annotator(self, name: str, role: str = "annotator") -> str:
        name = name.strip()
        if not name:
            raise ValidationError("an annotator needs a name")
        self.conn.execute(
            "INSERT OR IGNORE INTO annotators(name, role, created_at) VALUES (?, ?, ?)", (name, role, now())
        )
        return name

    def annotators(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM annotators ORDER BY name")]

    # ------------------------------------------------------------------ articles
    def add_article(self, rec: ArticleRecord, segments: Iterable = ()) -> str | None:
        """Store one article with its segments; returns its id, or None when the text is a duplicate.

        Must be called inside a transaction (`with project.db.atomic():`) so an interrupted import
        never leaves half an article.
        """
        return self.add_articles([prepare_article(rec, segments)])[0]

    def add_articles(self, articles: Sequence[PreparedArticle]) -> list[str | None]:
        """Store prepared articles (packed ones too, see `PreparedArticle`) with their segments, index
        rows and proposed mentions.

        Returns each one's id, or None for a duplicate text (already stored, or earlier in
        `articles`). Writes each table with one `executemany` and opens no savepoint (a savepoint
        makes the full-text index flush to disk), so it must be called inside a transaction and a
        failure (sqlite3.IntegrityError, DataError) leaves the rows written so far: roll back.
        """
        conn = self.conn
        articles = [finish(a) for a in articles]
        shas = [a.text_sha256 for a in articles]
        stored: set[str] = set()
        for i in range(0, len(shas), 500):
            chunk = shas[i : i + 500]
            stored.update(r[0] for r in conn.execute(
                f"SELECT text_sha256 FROM articles WHERE text_sha256 IN ({','.join('?' * len(chunk))})", chunk))
        n = conn.execute("SELECT coalesce(max(n), 0) FROM articles").fetchone()[0]
        ts = now()
        ids: list[str | None] = []
        arts, fts, segs, ments = [], [], [], []
        for a in articles:
            if a.text_sha256 in stored:
                ids.append(None)
                continue
            stored.add(a.text_sha256)
            rec, aid = a.record, article_id_for(a.text_sha256)
            n += 1
            ids.append(aid)
            arts.append((
                n, aid, rec.ext_id, rec.source, rec.url, rec.title, rec.published, rec.author, a.raw_stored,
                a.raw_codec, a.raw_sha256, rec.encoding, rec.text, a.text_sha256,
                a.meta_json or strict_json.dumps(rec.meta or {}, ensure_ascii=False), rec.origin, ts,
            ))
            fts.append((n, a.index_title, a.index_text))
            segs += [(i, aid, s, e, kind, method, ts)
                     for i, (s, e, kind, method) in zip(new_ids(len(a.segments)), a.segments)]
            ments += _proposal_rows(aid, a.mentions, ts)
        # CAST: a packed article's text comes as UTF-8 bytes (a no-op for a str)
        conn.executemany(
            "INSERT INTO articles(n, id, ext_id, source, url, title, published, author, raw, raw_codec, raw_sha256,"
            " encoding, text, text_sha256, meta, origin, imported_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,CAST(? AS TEXT),?,?,?,?)",
            arts,
        )
        conn.executemany("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, CAST(? AS TEXT))", fts)
        conn.executemany(
            'INSERT INTO segments(id, article_id, start, "end", kind, method, updated_at) VALUES (?,?,?,?,?,?,?)', segs
        )
        conn.executemany(_INSERT_MENTIONS, ments)
        return ids

    # The full-text index's in-memory buffer for an import: with SQLite's default (1 MB) the index
    # flushed and merged its segments many times per batch; 16 MB holds a batch of `ingest.BATCH`
    # news articles.
    INDEX_BUFFER_BYTES = 16 << 20

    def tune_index_for_import(self) -> None:
        """Give the full-text index a buffer for bulk writes (a setting stored in the file, so a
        file prepared by someone else cannot make it huge: every import sets it). Nothing happens
        with an SQLite whose FTS5 predates the setting."""
        try:
            with self.db.atomic():
                self.conn.execute("INSERT INTO articles_fts(articles_fts, rank) VALUES ('hashsize', ?)",
                                  (self.INDEX_BUFFER_BYTES,))
        except sqlite3.OperationalError as e:
            if "logic error" not in str(e):
                raise

    def bulk_write(self) -> BulkWrite:
        """A context manager for an import's writes (storage.bulk)."""
        return BulkWrite(self)

    def article(self, article_id: str) -> dict:
        """The article row (without `raw`) as a dict; raises KeyError for an unknown id."""
        row = self.conn.execute(
            "SELECT n, id, ext_id, source, url, title, published, author, encoding, text, text_sha256, meta,"
            " origin, imported_at, raw_sha256 FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if row is None:
            raise KeyError(article_id)
        keys = ("n", "id", "ext_id", "source", "url", "title", "published", "author", "encoding", "text",
                "text_sha256", "meta", "origin", "imported_at", "raw_sha256")
        d = dict(zip(keys, row))
        d["meta"] = json.loads(d["meta"])
        return d

    def article_text(self, article_id: str) -> str:
        row = self.conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        return row[0]

    def article_raw(self, article_id: str) -> bytes:
        """The article's input record, verbatim. Raises KeyError for an unknown id, ValueError when the
        stored record is damaged (it does not decode to bytes with the stored SHA-256)."""
        row = self.conn.execute(
            "SELECT raw, raw_codec, text, raw_sha256 FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise KeyError(article_id)
        raw = decode_raw(row[0], row[1], row[2])
        if sha256_bytes(raw) != row[3]:
            raise ValueError(f"article {article_id}: the stored raw record does not match its SHA-256 (damaged)")
        return raw

    def count_articles(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def article_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles ORDER BY n")]

    def iter_articles(self, batch: int = 200) -> Iterator[dict]:
        """Every article (id, title, source, published, text, ...) in import order, in constant memory."""
        last = 0
        cols = ("n", "id", "ext_id", "source", "url", "title", "published", "author", "text", "text_sha256")
        while True:
            rows = self.conn.execute(
                f"SELECT {', '.join(cols)} FROM articles WHERE n > ? ORDER BY n LIMIT ?", (last, batch)
            ).fetchall()
            if not rows:
                return
            for r in rows:
                yield dict(zip(cols, r))
            last = rows[-1][0]

    def _article_filter(
        self, *, status: str | None, annotator: str | None, actor: str | None, query: str | None
    ) -> tuple[str, str, list, str]:
        """(FROM clause, WHERE clause, its parameters, the column holding n) for the filters.

        With a full-text `query` the rows come from the index (`articles_fts f CROSS JOIN articles
        a`, so SQLite reads matches in rowid order, which is import order, and stops at the page's
        LIMIT instead of collecting every match first); otherwise from `articles a`.
        """
        where, params = [], []
        source, n_col = "articles a", "a.n"
        if query:
            expr = fts_query(query)
            if expr:
                source, n_col = "articles_fts f CROSS JOIN articles a ON a.n = f.rowid", "f.rowid"
                where.append("f.articles_fts MATCH ?")
                params.append(expr)
        if status == "new":
            where.append(
                "NOT EXISTS (SELECT 1 FROM article_status s WHERE s.article_id = a.id AND s.annotator = ?"
                " AND s.status <> 'new')"
            )
            params.append(annotator or "")
        elif status:
            where.append(
                "EXISTS (SELECT 1 FROM article_status s WHERE s.article_id = a.id AND s.annotator = ?"
                " AND s.status = ?)"
            )
            params += [annotator or "", status]
        if actor:
            where.append(
                # `+m.actor_id`: look the article's mentions up by article, not every mention of the actor
                "EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND +m.actor_id = ?"
                " AND m.status <> 'rejected')"
            )
            params.append(actor)
        return source, (" WHERE " + " AND ".join(where)) if where else "", params, n_col

    def list_articles(
        self,
        *,
        offset: int = 0,
        limit: int = 100,
        status: str | None = None,
        annotator: str | None = None,
        actor: str | None = None,
        query: str | None = None,
    ) -> list[dict]:
        """One page of article summaries (no text), in import order, with the annotator's status.

        Filters: `status` (as seen by `annotator`), `actor` (mentioned, not rejected), `query`
        (full text, folded). Every row skipped by `offset` is stepped over, so a far page of a
        filtered list is slow: the article list pages through `article_numbers` instead.
        """
        source, where, params, n_col = self._article_filter(status=status, annotator=annotator, actor=actor,
                                                            query=query)
        sql = f"SELECT {_SUMMARY} FROM {source}{where} ORDER BY {n_col} LIMIT ? OFFSET ?"
        rows = self.conn.execute(sql, [annotator or "", annotator or "", *params, limit, offset]).fetchall()
        return [_summary(r) for r in rows]

    def articles_numbered(self, numbers: Sequence[int], *, annotator: str | None = None) -> list[dict]:
        """The summaries `list_articles` gives of the articles with these import numbers, in import
        order, with `annotator`'s status; numbers no article has are left out. One search per number."""
        out: list[dict] = []
        numbers = list(numbers)
        for i in range(0, len(numbers), 500):
            chunk = numbers[i : i + 500]
            rows = self.conn.execute(
                f"SELECT {_SUMMARY} FROM articles a WHERE a.n IN ({','.join('?' * len(chunk))})",
                [annotator or "", annotator or "", *chunk],
            )
            out += [_summary(r) for r in rows]
        return sorted(out, key=lambda r: r["n"])

    def article_numbers(self, *, status: str | None = None, annotator: str | None = None, actor: str | None = None,
                        query: str | None = None) -> ArticleNumbers:
        """The import numbers of the articles `list_articles` lists with these filters, in its order:
        row r of the filtered list is the article numbered `article_numbers(...)[r]`.

        Each filter is one search that reads only what it matches: the full-text index's matches,
        the annotator's status rows (the articles with a status other than 'new' are left out of
        the 'new' ones), the actor's mentions. Without a filter, or with only 'new', one count
        tells whether the articles are numbered min(n) to max(n) without a gap (nothing deletes
        articles); then the numbers are not read at all (`ArticleNumbers.span`). A snapshot: later
        edits do not change it.
        """
        parts: list[array] = []
        left_out: array = array("q")
        expr = fts_query(query) if query else ""
        if expr:
            # every row of the full-text index is an article's (they are written together)
            parts.append(self._numbers("SELECT rowid AS n FROM articles_fts WHERE articles_fts MATCH ?", expr))
        if status == "new":
            left_out = self._numbers(_STATUS_NUMBERS + " AND s.status <> 'new'", annotator or "")
        elif status:
            parts.append(self._numbers(_STATUS_NUMBERS + " AND s.status = ?", annotator or "", status))
        if actor:
            parts.append(self._numbers(
                "SELECT a.n FROM articles a WHERE a.id IN (SELECT m.article_id FROM mentions m"
                " WHERE m.actor_id = ? AND m.status <> 'rejected')", actor))
        if not parts:
            first, last, count = self.conn.execute(
                "SELECT (SELECT min(n) FROM articles), (SELECT max(n) FROM articles), (SELECT count(*) FROM articles)"
            ).fetchone()
            if count and last - first + 1 == count:
                return ArticleNumbers.span(first, last, left_out)
            parts.append(self._numbers("SELECT n FROM articles"))
        smallest = min(parts, key=len)
        numbers: Iterable[int] = smallest
        for part in parts:
            if part is not smallest:
                numbers = filter(set(part).__contains__, numbers)
        if left_out:
            numbers = filterfalse(set(left_out).__contains__, numbers)
        return ArticleNumbers(numbers)

    def _numbers(self, sql: str, *params) -> array:
        """The column `n` of `sql`'s rows, ascending (read as one JSON array, about twice as fast as row by row)."""
        (numbers,) = self.conn.execute(f"SELECT json_group_array(n) FROM ({sql})", params).fetchone()
        return array("q", sorted(json.loads(numbers)))

    def count_filtered(self, **filters) -> int:
        """How many articles `list_articles` would list with these filters (all pages).

        A status alone is counted from the annotator's status rows (one per article and annotator,
        and only of stored articles: a foreign key), a text query alone from the full-text index;
        other combinations count `article_numbers`.
        """
        status, annotator, actor = filters.get("status"), filters.get("annotator") or "", filters.get("actor")
        query = filters.get("query")
        expr = fts_query(query) if query else ""
        one = lambda sql, *p: self.conn.execute(sql, p).fetchone()[0]  # noqa: E731
        if actor or (expr and status):
            return len(self.article_numbers(status=status, annotator=annotator, actor=actor, query=query))
        if expr:
            return one("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", expr)
        if status == "new":
            return self.count_articles() - one(
                "SELECT count(*) FROM article_status WHERE annotator = ? AND status <> 'new'", annotator)
        if status:
            return one("SELECT count(*) FROM article_status WHERE annotator = ? AND status = ?", annotator, status)
        return self.count_articles()

    RANKED = 5000  # `search` ranks at most this many matches: the most recently imported ones

    def search(self, query: str, limit: int = 50, *, prefix: bool = False) -> list[str]:
        """Ids of articles whose title or text contains every word of `query` (folded, clitic-aware);
        with `prefix`, the last word may be the start of a longer word.

        Best first (FTS5 rank). When more than `RANKED` articles match, the best of the `RANKED`
        most recently imported: ranking every match of a common word in a million articles takes
        seconds, and this keeps a search under 100 ms. A prefix of a common word matches many
        words, each read from the index, and takes several times longer.
        """
        expr = fts_query(query, prefix)
        if not expr:
            return []
        row = self.conn.execute(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (expr, self.RANKED - 1),
        ).fetchone()
        floor = row[0] if row else 0
        rows = self.conn.execute(
            "SELECT a.id FROM articles_fts f CROSS JOIN articles a ON a.n = f.rowid"
            " WHERE f.articles_fts MATCH ? AND f.rowid >= ? ORDER BY rank LIMIT ?",
            (expr, floor, limit),
        )
        return [r[0] for r in rows]

    def segments(self, article_id: str) -> list[dict]:
        rows = self.conn.execute(
            'SELECT id, start, "end", kind, method FROM segments WHERE article_id = ? ORDER BY start', (article_id,)
        )
        return [{"id": r[0], "start": r[1], "end": r[2], "kind": r[3], "method": r[4]} for r in rows]

    def excluded_ranges(self, article_id: str) -> list[tuple[int, int]]:
        """Ranges where suggestions never run: boilerplate and datelines."""
        return [(s["start"], s["end"]) for s in self.segments(article_id) if s["kind"] not in CONTENT_KINDS]

    # ------------------------------------------------------------------ actors
    def upsert_actor(self, actor: Actor) -> None:
        """Add or update an actor and add its aliases (existing aliases keep their ids)."""
        if actor.id == AUTHOR or not actor.id:
            raise ValidationError(f"{actor.id!r} cannot be used as an actor id")
        ts = now()
        with self.db.atomic():
            self.conn.execute(
                "INSERT INTO actors(id, name_ar, name_en, type, color, updated_at) VALUES (?,?,?,?,?,?)"
                " ON CONFLICT(id) DO UPDATE SET name_ar=excluded.name_ar, name_en=excluded.name_en,"
                " type=excluded.type, color=excluded.color, updated_at=excluded.updated_at",
                (actor.id, actor.name_ar, actor.name_en, actor.type, actor.color, ts),
            )
            for a in actor.aliases:
                key = a.key or alias_key(a.surface, a.proclitics)
                if not key:
                    continue
                self.conn.execute(
                    "INSERT INTO aliases(id, actor_id, surface, key, kind, proclitics, valid_from, valid_to)"
                    " VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(actor_id, surface) DO UPDATE SET key=excluded.key,"
                    " kind=excluded.kind, proclitics=excluded.proclitics, valid_from=excluded.valid_from,"
                    " valid_to=excluded.valid_to",
                    (a.id, actor.id, a.surface, key, a.kind, int(a.proclitics), a.valid_from, a.valid_to),
                )
        self._matcher = None
        self._actors_cache = None

    def actors(self) -> list[Actor]:
        """All actors with their aliases, ordered by id."""
        if self._actors_cache is None:
            actors = {
                r[0]: Actor(r[0], r[1], r[2], r[3], r[4])
                for r in self.conn.execute("SELECT id, name_ar, name_en, type, color FROM actors ORDER BY id")
            }
            for r in self.conn.execute(
                "SELECT id, actor_id, surface, key, kind, proclitics, valid_from, valid_to FROM aliases ORDER BY rowid"
            ):
                actors[r[1]].aliases.append(Alias(r[2], r[3], r[4], bool(r[5]), r[6], r[7], r[0]))
            self._actors_cache = actors
        return list(self._actors_cache.values())

    def actor(self, actor_id: str) -> Actor:
        self.actors()
        return self._actors_cache[actor_id]

    def find_actors(self, query: str, limit: int = 20) -> list[Actor]:
        """Actors whose id, names or aliases contain `query` (folded: tashkeel and hamza ignored)."""
        q = fold_key(query).lower()
        out = []
        for a in self.actors():
            hay = [a.id.lower(), fold_key(a.name_ar), a.name_en.lower()] + [fold_key(x.surface) for x in a.aliases]
            if not q or any(q in h for h in hay):
                out.append(a)
        return out[:limit]

    def matcher(self) -> AliasMatcher:
        if self._matcher is None:
            entries = [
                AliasEntry(al.key, a.id, al.id, al.proclitics, al.valid_from, al.valid_to)
                for a in self.actors()
                for al in a.aliases
            ]
            self._matcher = AliasMatcher(entries)
        return self._matcher

    # ------------------------------------------------------------------ reading annotations
    def mentions(self, article_id: str, *, include_rejected: bool = True) -> list[Mention]:
        sql = (
            'SELECT id, article_id, actor_id, start, "end", prefix, origin, status, annotator, alias_id,'
            " created_at, updated_at FROM mentions WHERE article_id = ?"
        )
        if not include_rejected:
            sql += " AND status <> 'rejected'"
        rows = self.conn.execute(sql + " ORDER BY start, \"end\"", (article_id,))
        return [
            Mention(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[0], r[10], r[11]) for r in rows
        ]

    def stances(self, article_id: str, annotator: str | None = None) -> list[Stance]:
        sql = (
            "SELECT id, article_id, holder_id, target_id, label, annotator, intensity, explicit, note,"
            " created_at, updated_at FROM stances WHERE article_id = ?"
        )
        params: list = [article_id]
        if annotator is not None:
            sql += " AND annotator = ?"
            params.append(annotator)
        rows = self.conn.execute(sql + " ORDER BY created_at, id", params).fetchall()
        ev: dict[str, list[Span]] = {}
        if rows:
            for sid, s, e in self.conn.execute(
                'SELECT e.stance_id, e.start, e."end" FROM evidence e JOIN stances t ON t.id = e.stance_id'
                ' WHERE t.article_id = ? ORDER BY e.start, e."end"',
                (article_id,),
            ):
                ev.setdefault(sid, []).append(Span(s, e))
        return [
            Stance(
                r[1], r[2] if r[2] is not None else AUTHOR, r[3], r[4], r[5], r[6],
                None if r[7] is None else bool(r[7]), r[8], ev.get(r[0], []), r[0], r[9], r[10],
            )
            for r in rows
        ]

    def evidence_rows(self, stance_id: str) -> list[dict]:
        rows = self.conn.execute(
            'SELECT id, start, "end" FROM evidence WHERE stance_id = ? ORDER BY start', (stance_id,)
        )
        return [{"id": r[0], "start": r[1], "end": r[2]} for r in rows]

    def status(self, article_id: str, annotator: str) -> dict:
        row = self.conn.execute(
            "SELECT status, reason, seconds, updated_at FROM article_status WHERE article_id = ? AND annotator = ?",
            (article_id, annotator),
        ).fetchone()
        if row is None:
            return {"status": "new", "reason": "", "seconds": 0.0, "updated_at": ""}
        return {"status": row[0], "reason": row[1], "seconds": row[2], "updated_at": row[3]}

    # ------------------------------------------------------------------ the edit funnel
    def _row(self, table: str, key: tuple) -> dict | None:
        cols = EDITABLE_TABLES[table]
        cur = self.conn.execute(
            f"SELECT * FROM {table} WHERE " + " AND ".join(f'"{c}" = ?' for c in cols), key
        )
        row = cur.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cur.description], row))

    def apply(self, edit: Edit, annotator: str, *, kind: str = "do", ref: str = "") -> str:
        """Apply `edit` in one transaction and log it; returns the change-log id.

        Raises ConflictError (nothing written) when a row is not as the edit's `before` says.
        """
        if edit.is_noop():
            return ""
        change_id = new_id()
        with self.db.atomic():
            self.ensure_annotator(annotator)
            for c in edit.changes:
                current = self._row(c.table, c.key)
                if current != c.before:
                    raise ConflictError(
                        f"{c.table} {c.key}: changed since this edit was recorded; nothing was changed"
                    )
                cols = EDITABLE_TABLES[c.table]
                where = " AND ".join(f'"{k}" = ?' for k in cols)
                if c.after is None:
                    self.conn.execute(f"DELETE FROM {c.table} WHERE {where}", c.key)
                elif c.before is None:
                    names = list(c.after)
                    self.conn.execute(
                        f"INSERT INTO {c.table} (" + ", ".join(f'"{n}"' for n in names) + ") VALUES ("
                        + ", ".join("?" for _ in names) + ")",
                        [c.after[n] for n in names],
                    )
                else:
                    names = [n for n in c.after if c.after[n] != c.before.get(n)]
                    if names:
                        self.conn.execute(
                            f"UPDATE {c.table} SET " + ", ".join(f'"{n}" = ?' for n in names) + f" WHERE {where}",
                            [c.after[n] for n in names] + list(c.key),
                        )
            self.conn.execute(
                "INSERT INTO changes(id, ts, annotator, article_id, action, kind, ref, payload)"
                " VALUES (?,?,?,?,?,?,?,?)",
                (change_id, now(), annotator, edit.article_id, edit.action, kind, ref, edit.to_json()),
            )
        if any(c.table in ACTOR_TABLES for c in edit.changes):
            self.reload_actors()
        return change_id

    # ------------------------------------------------------------------ named operations
    def _check_article_span(self, article_id: str, start: int, end: int) -> None:
        check_span(self.article_text(article_id), start, end)

    def _check_article(self, article_id: str) -> None:
        """Raise KeyError for an unknown article (without reading its text)."""
        if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
            raise KeyError(article_id)

    def _check_actor(self, actor_id: str) -> None:
        self.actors()
        if actor_id not in self._actors_cache:
            raise ValidationError(f"unknown actor {actor_id!r}; add it with `annotator actors --load`")

    def edit_add_mention(
        self, article_id: str, actor_id: str, start: int, end: int, annotator: str, *,
        prefix: str = "", origin: str = "manual", status: str = "accepted", alias_id: str = "",
    ) -> Edit:
        self._check_article_span(article_id, start, end)
        self._check_actor(actor_id)
        if status not in MENTION_STATUSES:
            raise ValidationError(f"unknown mention status {status!r}")
        ts = now()
        row = {
            "id": new_id(), "article_id": article_id, "actor_id": actor_id, "start": start, "end": end,
            "prefix": prefix, "origin": origin, "status": status, "annotator": annotator,
            "alias_id": alias_id, "created_at": ts, "updated_at": ts,
        }
        return Edit("add_mention", article_id, (RowChange("mentions", (row["id"],), None, row),))

    def add_mention(self, article_id: str, actor_id: str, start: int, end: int, annotator: str, **kw) -> str:
        """Add a mention of `actor_id` at code points [start, end); returns its id."""
        edit = self.edit_add_mention(article_id, actor_id, start, end, annotator, **kw)
        self.apply(edit, annotator)
        return edit.created_ids("mentions")[0]

    def _existing(self, table: str, key: tuple) -> dict:
        row = self._row(table, key)
        if row is None:
            raise KeyError(f"{table} {key[0]} does not exist")
        return row

    def edit_set_mention(self, mention_id: str, annotator: str, **fields) -> Edit:
        before = self._existing("mentions", (mention_id,))
        if "status" in fields and fields["status"] not in MENTION_STATUSES:
            raise ValidationError(f"unknown mention status {fields['status']!r}")
        if "actor_id" in fields:
            self._check_actor(fields["actor_id"])
        after = {**before, **fields, "annotator": annotator, "updated_at": now()}
        return Edit("set_mention", before["article_id"], (RowChange("mentions", (mention_id,), before, after),))

    def set_mention_status(self, mention_id: str, status: str, annotator: str) -> None:
        """Accept or reject (or re-propose) a mention."""
        self.apply(self.edit_set_mention(mention_id, annotator, status=status), annotator)

    def edit_delete_mention(self, mention_id: str) -> Edit:
        before = self._existing("mentions", (mention_id,))
        return Edit("delete_mention", before["article_id"], (RowChange("mentions", (mention_id,), before, None),))

    def delete_mention(self, mention_id: str, annotator: str) -> None:
        self.apply(self.edit_delete_mention(mention_id), annotator)

    def _stance_row(self, article_id: str, annotator: str, holder: str, target: str) -> dict | None:
        cur = self.conn.execute(
            "SELECT * FROM stances WHERE article_id = ? AND annotator = ? AND coalesce(holder_id, '') = ?"
            " AND target_id = ?",
            (article_id, annotator, "" if holder == AUTHOR else holder, target),
        )
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row)) if row else None

    def _check_stance_fields(self, article_id: str, holder: str, target: str, label: str,
                             intensity: int | None) -> None:
        """Raise KeyError (unknown article) or ValidationError unless a stance with these fields fits."""
        self._check_article(article_id)
        self._check_actor(target)
        if holder != AUTHOR:
            self._check_actor(holder)
        if holder == target:
            raise ValidationError("a holder cannot take a stance toward itself")
        if label not in {l.name for l in self.labels()}:
            raise ValidationError(f"label {label!r} is not in the project's label set")
        if intensity is not None and intensity not in (1, 2, 3):
            raise ValidationError("intensity is 1, 2 or 3")

    def edit_set_stance(
        self, article_id: str, holder: str, target: str, label: str, annotator: str, *,
        intensity: int | None = None, explicit: bool | None = None, note: str | None = None,
    ) -> Edit:
        self._check_stance_fields(article_id, holder, target, label, intensity)
        before = self._stance_row(article_id, annotator, holder, target)
        ts = now()
        if before is None:
            after = {
                "id": new_id(), "article_id": article_id, "annotator": annotator,
                "holder_id": None if holder == AUTHOR else holder, "target_id": target, "label": label,
                "intensity": intensity, "explicit": None if explicit is None else int(explicit),
                "note": note or "", "created_at": ts, "updated_at": ts,
            }
        else:
            after = _with_optional_fields({**before, "label": label, "updated_at": ts}, intensity, explicit, note)
        key = (after["id"],)
        return Edit("set_stance", article_id, (RowChange("stances", key, before, after),))

    def set_stance(self, article_id: str, holder: str, target: str, label: str, annotator: str, **kw) -> str:
        """Record (or change) `holder`'s stance toward `target`; returns the stance id.

        `holder` is AUTHOR for the article's own voice, else an actor id.
        """
        edit = self.edit_set_stance(article_id, holder, target, label, annotator, **kw)
        self.apply(edit, annotator)
        return edit.changes[0].key[0]

    def edit_update_stance(self, stance_id: str, **fields) -> Edit:
        before = self._existing("stances", (stance_id,))
        if "label" in fields and fields["label"] not in {l.name for l in self.labels()}:
            raise ValidationError(f"label {fields['label']!r} is not in the project's label set")
        if "explicit" in fields and fields["explicit"] is not None:
            fields["explicit"] = int(fields["explicit"])
        after = {**before, **fields, "updated_at": now()}
        return Edit("update_stance", before["article_id"], (RowChange("stances", (stance_id,), before, after),))

    def update_stance(self, stance_id: str, annotator: str, **fields) -> None:
        """Change a stance's label, intensity, explicit flag or note."""
        self.apply(self.edit_update_stance(stance_id, **fields), annotator)

    def edit_delete_stance(self, stance_id: str) -> Edit:
        before = self._existing("stances", (stance_id,))
        changes = []
        cur = self.conn.execute("SELECT * FROM evidence WHERE stance_id = ? ORDER BY start", (stance_id,))
        names = [d[0] for d in cur.description]
        for r in cur.fetchall():
            row = dict(zip(names, r))
            changes.append(RowChange("evidence", (row["id"],), row, None))
        changes.append(RowChange("stances", (stance_id,), before, None))
        return Edit("delete_stance", before["article_id"], tuple(changes))

    def delete_stance(self, stance_id: str, annotator: str) -> None:
        self.apply(self.edit_delete_stance(stance_id), annotator)

    def edit_add_evidence(self, stance_id: str, start: int, end: int) -> Edit:
        st = self._existing("stances", (stance_id,))
        self._check_article_span(st["article_id"], start, end)
        row = {"id": new_id(), "stance_id": stance_id, "start": start, "end": end, "created_at": now()}
        return Edit("add_evidence", st["article_id"], (RowChange("evidence", (row["id"],), None, row),))

    def add_evidence(self, stance_id: str, start: int, end: int, annotator: str) -> str:
        """Attach the span [start, end) as evidence to a stance; returns the evidence id."""
        edit = self.edit_add_evidence(stance_id, start, end)
        self.apply(edit, annotator)
        return edit.created_ids("evidence")[0]

    def edit_remove_evidence(self, evidence_id: str) -> Edit:
        before = self._existing("evidence", (evidence_id,))
        st = self._existing("stances", (before["stance_id"],))
        return Edit("remove_evidence", st["article_id"], (RowChange("evidence", (evidence_id,), before, None),))

    def remove_evidence(self, evidence_id: str, annotator: str) -> None:
        self.apply(self.edit_remove_evidence(evidence_id), annotator)

    def edit_set_status(self, article_id: str, annotator: str, status: str, reason: str = "") -> Edit:
        if status not in ARTICLE_STATUSES:
            raise ValidationError(f"unknown status {status!r}; use one of {', '.join(ARTICLE_STATUSES)}")
        self._check_article(article_id)
        before = self._row("article_status", (article_id, annotator))
        base = before or {"article_id": article_id, "annotator": annotator, "seconds": 0.0}
        after = {**base, "status": status, "reason": reason, "updated_at": now()}
        return Edit("set_status", article_id, (RowChange("article_status", (article_id, annotator), before, after),))

    def set_status(self, article_id: str, annotator: str, status: str, reason: str = "") -> None:
        """Set the annotator's status of an article (skipped/flagged take a reason or note)."""
        self.apply(self.edit_set_status(article_id, annotator, status, reason), annotator)

    def edit_set_segment_kind(self, segment_id: str, kind: str) -> Edit:
        if kind not in SEGMENT_KINDS:
            raise ValidationError(f"unknown segment kind {kind!r}")
        before = self._existing("segments", (segment_id,))
        after = {**before, "kind": kind, "method": "manual", "updated_at": now()}
        return Edit("set_segment_kind", before["article_id"], (RowChange("segments", (segment_id,), before, after),))

    def set_segment_kind(self, segment_id: str, kind: str, annotator: str) -> None:
        """Flip a segment between boilerplate kinds and body (recorded as a manual decision)."""
        self.apply(self.edit_set_segment_kind(segment_id, kind), annotator)

    def add_time(self, article_id: str, annotator: str, seconds: float) -> None:
        """Add reading/annotation time to the annotator's status row (not an undoable edit).

        Raises ValidationError for NaN or Infinity (which no JSON export could carry)."""
        if not math.isfinite(seconds):
            raise ValidationError(f"{seconds!r} seconds is not a time spent")
        if seconds <= 0:
            return
        with self.db.atomic():
            self.ensure_annotator(annotator)
            self.conn.execute(
                "INSERT INTO article_status(article_id, annotator, status, seconds, updated_at)"
                " VALUES (?, ?, 'in progress', ?, ?) ON CONFLICT(article_id, annotator)"
                " DO UPDATE SET seconds = seconds + excluded.seconds",
                (article_id, annotator, seconds, now()),
            )

    def with_current_time(self, edit: Edit) -> Edit:
        """`edit` rebased onto the time spent now on record, so `add_time` never makes it conflict.

        `add_time` changes `article_status.seconds` outside the change log, so a status edit (or
        its undo) recorded before the annotator spent more time on the article would otherwise fail
        its conflict check. The returned edit keeps every tracked field of `before` for that check,
        takes `seconds` from the current row, adopts a row `add_time` created after the edit was
        built, and turns the removal of a row that carries time into a reset to status 'new', so
        undoing a status never deletes time spent. Other tables are returned unchanged.
        """
        changes = []
        for c in edit.changes:
            current = self._row(c.table, c.key) if c.table == "article_status" else None
            if current is None:
                changes.append(c)
                continue
            seconds = {"seconds": current["seconds"]}
            before = current if c.before is None else {**c.before, **seconds}
            if c.after is not None:
                after = {**c.after, **seconds}
            elif current["seconds"] > 0:
                after = {**before, "status": "new", "reason": "", "updated_at": now()}
            else:
                after = None
            changes.append(RowChange(c.table, c.key, before, after))
        return Edit(edit.action, edit.article_id, tuple(changes))

    def status_counts(self, annotator: str) -> dict[str, int]:
        """How many articles the annotator has in each recorded status (articles never opened are
        not counted: they are 'new' without a row)."""
        rows = self.conn.execute(
            "SELECT status, count(*) FROM article_status WHERE annotator = ? GROUP BY status", (annotator,)
        )
        return {status: n for status, n in rows}

    # ------------------------------------------------------------------ restoring an export
    def restore_annotations(self, article_id: str, *, mentions: Sequence[Mention] = (),
                            stances: Sequence[Stance] = (), statuses: Sequence[dict] = ()) -> None:
        """Write an exported article's annotations back with their ids and timestamps, unlogged.

        For re-importing our own export: `mentions` and `stances` keep every field (a stance's
        evidence rows get new ids and the stance's `updated_at` as `created_at`); `statuses` are
        dicts with annotator, status, reason, seconds and updated_at. The annotators of the stances
        and statuses are added when missing. These are imports, not edits: nothing goes into the
        change log. Every row must belong to `article_id` (ValidationError otherwise). Call inside a
        transaction: a row that breaks a constraint (an id already used, an unknown actor) raises
        sqlite3.IntegrityError after the rows before it were written.
        """
        for kind, rows in (("mention", mentions), ("stance", stances)):
            other = next((r for r in rows if r.article_id != article_id), None)
            if other is not None:
                raise ValidationError(f"{kind} {other.id} belongs to article {other.article_id}, not {article_id}")
        for name in sorted({s.annotator for s in stances} | {st["annotator"] for st in statuses}):
            self.ensure_annotator(name)
        conn = self.conn
        conn.executemany(_INSERT_MENTIONS, [
            (m.id, article_id, m.actor_id, m.start, m.end, m.prefix, m.origin, m.status, m.annotator, m.alias_id,
             m.created_at, m.updated_at)
            for m in mentions
        ])
        for s in stances:
            conn.execute(
                "INSERT INTO stances(id, article_id, annotator, holder_id, target_id, label, intensity, explicit,"
                " note, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (s.id, article_id, s.annotator, None if s.holder == AUTHOR else s.holder, s.target, s.label,
                 s.intensity, None if s.explicit is None else int(s.explicit), s.note, s.created_at, s.updated_at),
            )
            conn.executemany(
                'INSERT INTO evidence(id, stance_id, start, "end", created_at) VALUES (?,?,?,?,?)',
                [(new_id(), s.id, e.start, e.end, s.updated_at) for e in s.evidence],
            )
        conn.executemany(
            "INSERT INTO article_status(article_id, annotator, status, reason, seconds, updated_at)"
            " VALUES (?,?,?,?,?,?)",
            [(article_id, st["annotator"], st["status"], st["reason"], float(st["seconds"]), st["updated_at"])
             for st in statuses],
        )

    # ------------------------------------------------------------------ team work: assignments, gold layer
    def reload_actors(self) -> None:
        """Forget the cached actors and alias matcher, after actor rows were written with plain SQL."""
        self._matcher = None
        self._actors_cache = None

    def assignments(self, annotator: str | None = None) -> list[dict]:
        """What `annotator assign` handed out: article_id, annotator, round, overlap (bool), assigned_at.

        Sorted by round, annotator and import order; only `annotator`'s rows when given.
        """
        sql = (
            "SELECT s.article_id, s.annotator, s.round, s.overlap, s.assigned_at FROM assignments s"
            " JOIN articles a ON a.id = s.article_id"
        )
        params: list = []
        if annotator is not None:
            sql += " WHERE s.annotator = ?"
            params.append(annotator)
        rows = self.conn.execute(sql + " ORDER BY s.round, s.annotator, a.n", params)
        keys = ("article_id", "annotator", "round", "overlap", "assigned_at")
        return [{**dict(zip(keys, r)), "overlap": bool(r[3])} for r in rows]

    def coders(self, article_id: str) -> list[str]:
        """The annotators who marked the article done, sorted by name."""
        rows = self.conn.execute(
            "SELECT annotator FROM article_status WHERE article_id = ? AND status = 'done' ORDER BY annotator",
            (article_id,),
        )
        return [r[0] for r in rows]

    def stance_items(self, article_id: str) -> list:
        """Every stance item (holder, target) of the article among its coders, with its gold stance.

        Returns `team.gold.Item`s: each coder's label (an implicit NONE where a coder who marked the
        article done recorded no stance), stance id, intensity, explicit flag, note and evidence, and
        `gold` (a dict as in `gold_stances`, or None). Gold stances of items no coder judged are
        items too. Raises KeyError for an unknown article.
        """
        from ..team.gold import Item, group_items

        self._check_article(article_id)
        items = {i.key: i for i in group_items(article_id, self.stances(article_id), self.coders(article_id))}
        for g in self.gold_stances(article_id):
            item = items.setdefault((g["holder"], g["target"]), Item(article_id, g["holder"], g["target"]))
            item.gold = g
        return [items[k] for k in sorted(items)]

    def disagreements(self, article_id: str) -> list:
        """The items of the article whose coders gave different labels, adjudicated or not (see
        `stance_items`; an adjudicated one has `gold` set). Empty while fewer than two annotators
        have marked the article done. Raises KeyError for an unknown article."""
        return [i for i in self.stance_items(article_id) if i.disagreement]

    def gold_stances(self, article_id: str) -> list[dict]:
        """The article's gold stances: id, holder (AUTHOR or an actor id), target, label, intensity,
        explicit (bool or None), note, adjudicator, sources (list), evidence [(start, end)], timestamps."""
        rows = self.conn.execute(
            "SELECT id, holder_id, target_id, label, intensity, explicit, note, adjudicator, sources, created_at,"
            " updated_at FROM gold_stances WHERE article_id = ? ORDER BY coalesce(holder_id, ''), target_id",
            (article_id,),
        ).fetchall()
        out = []
        for r in rows:
            evidence = [tuple(e) for e in self.conn.execute(
                'SELECT start, "end" FROM gold_evidence WHERE gold_id = ? ORDER BY start, "end", id', (r[0],)
            )]
            out.append({
                "id": r[0], "article_id": article_id, "holder": AUTHOR if r[1] is None else r[1], "target": r[2],
                "label": r[3], "intensity": r[4], "explicit": None if r[5] is None else bool(r[5]), "note": r[6],
                "adjudicator": r[7], "sources": json.loads(r[8]), "evidence": evidence, "created_at": r[9],
                "updated_at": r[10],
            })
        return out

    def _gold_row(self, article_id: str, holder: str, target: str) -> dict | None:
        cur = self.conn.execute(
            "SELECT * FROM gold_stances WHERE article_id = ? AND coalesce(holder_id, '') = ? AND target_id = ?",
            (article_id, "" if holder == AUTHOR else holder, target),
        )
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row)) if row else None

    def _gold_evidence_rows(self, gold_id: str) -> list[dict]:
        cur = self.conn.execute('SELECT * FROM gold_evidence WHERE gold_id = ? ORDER BY start, "end", id', (gold_id,))
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def edit_set_gold(
        self, article_id: str, holder: str, target: str, label: str, adjudicator: str, *,
        intensity: int | None = None, explicit: bool | None = None, note: str | None = None,
        evidence: Sequence[tuple[int, int]] | None = None, sources: list[dict] | None = None,
    ) -> Edit:
        """The edit that records (or changes) the gold stance of `holder` toward `target`.

        Defaults come from the coders' judgements of the item: `sources` lists them all; `evidence`
        (when None, on a new gold stance or a changed label) is the evidence of the coders who gave
        `label`; `intensity` and `explicit` (when None on a new gold stance) are theirs if they all
        agree. Raises ValidationError for an unknown label or actor, a bad intensity or span.
        """
        from ..team.gold import common

        self._check_stance_fields(article_id, holder, target, label, intensity)
        text = self.article_text(article_id)
        item = next((i for i in self.stance_items(article_id) if i.key == (holder, target)), None)
        agreeing = [j for j in (item.judgements.values() if item else ()) if j.label == label]
        before = self._gold_row(article_id, holder, target)
        ts = now()
        if before is None:
            intensity = intensity if intensity is not None else common(j.intensity for j in agreeing)
            explicit = explicit if explicit is not None else common(j.explicit for j in agreeing)
            after = {
                "id": new_id(), "article_id": article_id, "holder_id": None if holder == AUTHOR else holder,
                "target_id": target, "label": label, "intensity": intensity,
                "explicit": None if explicit is None else int(explicit), "note": note or "",
                "adjudicator": adjudicator, "sources": "[]", "created_at": ts, "updated_at": ts,
            }
        else:
            after = _with_optional_fields(
                {**before, "label": label, "adjudicator": adjudicator, "updated_at": ts}, intensity, explicit, note
            )
        after["sources"] = json.dumps(sources if sources is not None else (item.sources() if item else []),
                                      ensure_ascii=False, sort_keys=True)
        changes = [RowChange("gold_stances", (after["id"],), before, after)]
        if evidence is None and (before is None or before["label"] != label):
            evidence = item.evidence_for(label) if item else []
        if evidence is not None:
            changes += self._gold_evidence_changes(after["id"], text, evidence, ts)
        return Edit("set_gold", article_id, tuple(changes))

    def _gold_evidence_changes(self, gold_id: str, text: str, spans: Sequence[tuple[int, int]],
                               ts: str) -> list[RowChange]:
        """Row changes that make the gold stance's evidence exactly `spans` (kept rows stay)."""
        wanted = sorted(set((int(s), int(e)) for s, e in spans))
        for s, e in wanted:
            check_span(text, s, e)
        current = self._gold_evidence_rows(gold_id)
        have = {(r["start"], r["end"]) for r in current}
        changes = [
            RowChange("gold_evidence", (r["id"],), r, None) for r in current if (r["start"], r["end"]) not in wanted
        ]
        for s, e in wanted:
            if (s, e) not in have:
                row = {"id": new_id(), "gold_id": gold_id, "start": s, "end": e, "created_at": ts}
                changes.append(RowChange("gold_evidence", (row["id"],), None, row))
        return changes

    def set_gold(self, article_id: str, holder: str, target: str, label: str, adjudicator: str, **kw) -> str:
        """Adjudicate an item: record its gold stance (see `edit_set_gold`); returns the gold stance id.

        Logged under `adjudicator`, so `undo(adjudicator)` takes it back.
        """
        edit = self.edit_set_gold(article_id, holder, target, label, adjudicator, **kw)
        self.ensure_annotator(adjudicator, role="adjudicator")
        self.apply(edit, adjudicator)
        return edit.changes[0].key[0]

    def edit_clear_gold(self, article_id: str, holder: str, target: str) -> Edit:
        """The edit that removes an item's gold stance and its evidence; KeyError when there is none."""
        before = self._gold_row(article_id, holder, target)
        if before is None:
            raise KeyError(f"no gold stance of {holder} toward {target} in article {article_id}")
        changes = [RowChange("gold_evidence", (r["id"],), r, None) for r in self._gold_evidence_rows(before["id"])]
        changes.append(RowChange("gold_stances", (before["id"],), before, None))
        return Edit("clear_gold", article_id, tuple(changes))

    def clear_gold(self, article_id: str, holder: str, target: str, adjudicator: str) -> None:
        """Take back an adjudication (logged under `adjudicator`, undoable)."""
        self.apply(self.edit_clear_gold(article_id, holder, target), adjudicator)

    # ------------------------------------------------------------------ undo across restarts
    def _stacks(self, annotator: str) -> tuple[list[tuple[str, Edit]], list[tuple[str, Edit]]]:
        """Replay the annotator's change log into (undo stack, redo stack) of (change id, edit)."""
        undo: list[tuple[str, Edit]] = []
        redo: list[tuple[str, Edit]] = []
        for cid, kind, payload in self.conn.execute(
            "SELECT id, kind, payload FROM changes WHERE annotator = ? ORDER BY seq", (annotator,)
        ):
            edit = Edit.from_json(payload)
            if kind == "do":
                undo.append((cid, edit))
                redo.clear()
            elif kind == "undo" and undo:
                redo.append(undo.pop())
            elif kind == "redo" and redo:
                undo.append(redo.pop())
        return undo, redo

    def undo_history(self, annotator: str, limit: int = 0) -> tuple[list[tuple[str, Edit]], list[tuple[str, Edit]]]:
        """The annotator's (undo stack, redo stack) of (change id, edit) as `undo`/`redo` see them.

        The undo stack is oldest first, the redo stack's last item is the next to redo; `limit` > 0
        keeps only that many of each (the newest undo items, the next redo items).
        """
        # the stacks are found from the kinds alone; only the edits kept are read and parsed (a
        # window opens with the history of a long change log in a few milliseconds per thousand)
        undo: list[tuple[int, str]] = []
        redo: list[tuple[int, str]] = []
        for seq, cid, kind in self.conn.execute(
            "SELECT seq, id, kind FROM changes WHERE annotator = ? ORDER BY seq", (annotator,)
        ):
            if kind == "do":
                undo.append((seq, cid))
                redo.clear()
            elif kind == "undo" and undo:
                redo.append(undo.pop())
            elif kind == "redo" and redo:
                undo.append(redo.pop())
        if limit > 0:
            undo, redo = undo[-limit:], redo[-limit:]
        payloads: dict[int, str] = {}
        seqs = [seq for seq, _ in undo + redo]
        for i in range(0, len(seqs), 500):
            chunk = seqs[i:i + 500]
            payloads.update(self.conn.execute(
                f"SELECT seq, payload FROM changes WHERE seq IN ({','.join('?' * len(chunk))})", chunk))
        return ([(cid, Edit.from_json(payloads[seq])) for seq, cid in undo],
                [(cid, Edit.from_json(payloads[seq])) for seq, cid in redo])

    def undo(self, annotator: str) -> Edit | None:
        """Undo the annotator's last edit (even one made before a restart); None if nothing to undo."""
        undo, _ = self._stacks(annotator)
        if not undo:
            return None
        cid, edit = undo[-1]
        self.apply(edit.inverse(), annotator, kind="undo", ref=cid)
        return edit

    def redo(self, annotator: str) -> Edit | None:
        _, redo = self._stacks(annotator)
        if not redo:
            return None
        cid, edit = redo[-1]
        self.apply(edit, annotator, kind="redo", ref=cid)
        return edit

    def changes(self, *, article_id: str | None = None, annotator: str | None = None) -> list[dict]:
        sql = "SELECT seq, id, ts, annotator, article_id, action, kind, ref FROM changes"
        where, params = [], []
        if article_id:
            where.append("article_id = ?")
            params.append(article_id)
        if annotator:
            where.append("annotator = ?")
            params.append(annotator)
        if where:
            sql += " WHERE " + " AND ".join(where)
        keys = ("seq", "id", "ts", "annotator", "article_id", "action", "kind", "ref")
        return [dict(zip(keys, r)) for r in self.conn.execute(sql + " ORDER BY seq", params)]

    # ------------------------------------------------------------------ suggestions
    def suggest(self, article_ids: Iterable[str] | None = None) -> int:
        """Store proposed mentions from the lexicon; returns how many new ones were stored.

        Skips boilerplate and datelines, and any span already covered by a mention (of any status),
        so running it twice adds nothing. One transaction per article.
        """
        matcher = self.matcher()
        if not matcher:
            return 0
        ids = list(article_ids) if article_ids is not None else self.article_ids()
        added = 0
        for aid in ids:
            row = self.conn.execute("SELECT text, published FROM articles WHERE id = ?", (aid,)).fetchone()
            if row is None:
                continue
            added += self._suggest_one(aid, row[0], row[1], matcher)
        return added

    def _suggest_one(self, aid: str, text: str, published: str, matcher: AliasMatcher) -> int:
        matches = matcher.find(text, folded=fold(text), exclude=self.excluded_ranges(aid), date=published)
        if not matches:
            return 0
        existing = [(s, e) for s, e in self.conn.execute('SELECT start, "end" FROM mentions WHERE article_id = ?', (aid,))]
        rows = _proposal_rows(aid, [(m.entry.actor_id, m.start, m.end, m.prefix(text), m.entry.alias_id)
                                    for m in matches if not any(m.start < e and s < m.end for s, e in existing)], now())
        if rows:
            with self.db.atomic():
                self.conn.executemany(_INSERT_MENTIONS, rows)
        return len(rows)

    # ------------------------------------------------------------------ statistics
    def stats(self) -> dict:
        """Counts for `annotator stats`: articles by status per annotator, stances by label and target,
        adjudication progress and throughput per annotator (see `team.progress`)."""
        q = lambda sql, *p: self.conn.execute(sql, p).fetchall()  # noqa: E731
        out: dict = {"articles": self.count_articles()}
        out["status"] = {}
        for ann, st, n, secs in q(
            "SELECT annotator, status, count(*), sum(seconds) FROM article_status GROUP BY annotator, status"
        ):
            out["status"].setdefault(ann, {})[st] = n
        out["seconds"] = {a: s for a, s in q("SELECT annotator, sum(seconds) FROM article_status GROUP BY annotator")}
        out["stances_by_label"] = {l: n for l, n in q("SELECT label, count(*) FROM stances GROUP BY label ORDER BY label")}
        out["stances_by_target"] = {}
        for t, l, n in q("SELECT target_id, label, count(*) FROM stances GROUP BY target_id, label ORDER BY target_id"):
            out["stances_by_target"].setdefault(t, {})[l] = n
        out["stances_by_annotator"] = {a: n for a, n in q("SELECT annotator, count(*) FROM stances GROUP BY annotator")}
        out["mentions"] = {s: n for s, n in q("SELECT status, count(*) FROM mentions GROUP BY status")}
        from ..team.progress import adjudication_progress, throughput

        out["adjudication"] = adjudication_progress(self)
        out["throughput"] = throughput(self)
        return out
