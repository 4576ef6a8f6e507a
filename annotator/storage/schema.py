"""Schema migrations, append-only: one function per change, never edited once released.

Each released schema version keeps a frozen project file in tests/data/ that must still open.
"""

from __future__ import annotations

import json

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from ..core.matcher import article_length

MIGRATION_SET = "annotator"
migrations = Migrations(MIGRATION_SET)


@migrations(name="m001_initial")
def m001_initial(db: Database) -> None:
    db.executescript(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL            -- JSON
        );
        CREATE TABLE annotators (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL DEFAULT 'annotator',
            created_at TEXT NOT NULL
        );
        CREATE TABLE articles (
            n INTEGER PRIMARY KEY,         -- import order; stable rowid for FTS and lazy lists
            id TEXT NOT NULL UNIQUE,       -- stable id, derived from the canonical text
            ext_id TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            title TEXT NOT NULL DEFAULT '',
            published TEXT NOT NULL DEFAULT '',
            author TEXT NOT NULL DEFAULT '',
            raw BLOB NOT NULL,             -- the input record, verbatim bytes
            raw_sha256 TEXT NOT NULL,
            encoding TEXT NOT NULL,
            text TEXT NOT NULL,            -- canonical text; never changes after import
            text_sha256 TEXT NOT NULL UNIQUE,
            meta TEXT NOT NULL DEFAULT '{}',  -- JSON object
            origin TEXT NOT NULL DEFAULT '',  -- file[:line] it came from
            imported_at TEXT NOT NULL
        );
        CREATE TABLE segments (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            kind TEXT NOT NULL,
            method TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (0 <= start AND start <= "end")
        );
        CREATE INDEX segments_article ON segments(article_id, start);
        CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            name_ar TEXT NOT NULL,
            name_en TEXT NOT NULL DEFAULT '',
            type TEXT NOT NULL DEFAULT 'other',
            color TEXT NOT NULL DEFAULT '#1565c0',
            updated_at TEXT NOT NULL
        );
        CREATE TABLE aliases (
            id TEXT PRIMARY KEY,
            actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
            surface TEXT NOT NULL,
            key TEXT NOT NULL,
            kind TEXT NOT NULL DEFAULT 'name',
            proclitics INTEGER NOT NULL DEFAULT 1,
            valid_from TEXT NOT NULL DEFAULT '',
            valid_to TEXT NOT NULL DEFAULT '',
            UNIQUE (actor_id, surface)
        );
        CREATE INDEX aliases_key ON aliases(key);
        CREATE TABLE mentions (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            actor_id TEXT NOT NULL REFERENCES actors(id),
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            prefix TEXT NOT NULL DEFAULT '',
            origin TEXT NOT NULL CHECK (origin IN ('auto', 'manual')),
            status TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected')),
            annotator TEXT NOT NULL,
            alias_id TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (0 <= start AND start < "end")
        );
        CREATE INDEX mentions_article ON mentions(article_id, start);
        CREATE INDEX mentions_actor ON mentions(actor_id);
        CREATE TABLE stances (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL REFERENCES annotators(name),
            holder_id TEXT REFERENCES actors(id),   -- NULL: the article's own voice
            target_id TEXT NOT NULL REFERENCES actors(id),
            label TEXT NOT NULL,
            intensity INTEGER CHECK (intensity IS NULL OR intensity BETWEEN 1 AND 3),
            explicit INTEGER CHECK (explicit IS NULL OR explicit IN (0, 1)),
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (holder_id IS NULL OR holder_id <> target_id)
        );
        CREATE UNIQUE INDEX stances_one_per_pair
            ON stances(article_id, annotator, coalesce(holder_id, ''), target_id);
        CREATE INDEX stances_target ON stances(target_id);
        CREATE TABLE evidence (
            id TEXT PRIMARY KEY,
            stance_id TEXT NOT NULL REFERENCES stances(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            CHECK (0 <= start AND start < "end")
        );
        CREATE INDEX evidence_stance ON evidence(stance_id);
        CREATE TABLE article_status (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL REFERENCES annotators(name),
            status TEXT NOT NULL CHECK (status IN ('new', 'in progress', 'done', 'skipped', 'flagged')),
            reason TEXT NOT NULL DEFAULT '',
            seconds REAL NOT NULL DEFAULT 0,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (article_id, annotator)
        );
        CREATE INDEX article_status_annotator ON article_status(annotator, status);
        CREATE TABLE changes (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            ts TEXT NOT NULL,
            annotator TEXT NOT NULL,
            article_id TEXT NOT NULL,
            action TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('do', 'undo', 'redo')),
            ref TEXT NOT NULL DEFAULT '',   -- the change an undo/redo refers to
            payload TEXT NOT NULL           -- the Edit as JSON
        );
        CREATE INDEX changes_annotator ON changes(annotator, seq);
        CREATE INDEX changes_article ON changes(article_id, seq);
        -- contentless full-text index over folded title and text (see storage.search)
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='', tokenize='unicode61 remove_diacritics 2'
        );
        """
    )


@migrations(name="m002_team")
def m002_team(db: Database) -> None:
    """Team work: who got which article (`assign`), and the adjudicated gold layer."""
    db.executescript(
        """
        CREATE TABLE assignments (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            annotator TEXT NOT NULL,
            round INTEGER NOT NULL,        -- 1 for the first `annotator assign`, then 2, ...
            overlap INTEGER NOT NULL CHECK (overlap IN (0, 1)),  -- 1: also given to other annotators
            assigned_at TEXT NOT NULL,
            PRIMARY KEY (article_id, annotator, round)
        );
        CREATE INDEX assignments_annotator ON assignments(annotator, round);
        CREATE TABLE gold_stances (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            holder_id TEXT REFERENCES actors(id),   -- NULL: the article's own voice
            target_id TEXT NOT NULL REFERENCES actors(id),
            label TEXT NOT NULL,
            intensity INTEGER CHECK (intensity IS NULL OR intensity BETWEEN 1 AND 3),
            explicit INTEGER CHECK (explicit IS NULL OR explicit IN (0, 1)),
            note TEXT NOT NULL DEFAULT '',
            adjudicator TEXT NOT NULL,
            sources TEXT NOT NULL DEFAULT '[]',     -- JSON: [{"stance_id", "annotator", "label"}]
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (holder_id IS NULL OR holder_id <> target_id)
        );
        CREATE UNIQUE INDEX gold_one_per_pair ON gold_stances(article_id, coalesce(holder_id, ''), target_id);
        CREATE INDEX gold_target ON gold_stances(target_id);
        CREATE TABLE gold_evidence (
            id TEXT PRIMARY KEY,
            gold_id TEXT NOT NULL REFERENCES gold_stances(id) ON DELETE CASCADE,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            CHECK (0 <= start AND start < "end")
        );
        CREATE INDEX gold_evidence_gold ON gold_evidence(gold_id);
        """
    )


def _with_article(row: dict, texts: dict[str, str]) -> dict:
    """A mention row whose prefix ends with the article (ال, or the second ل of لل), with the
    article moved from the prefix into the span; other rows unchanged."""
    prefix, start = row.get("prefix") or "", row.get("start")
    text = texts.get(row.get("article_id", ""))
    if not prefix or text is None or not isinstance(start, int) or text[start - len(prefix):start] != prefix:
        return row
    n = article_length(prefix)
    if not n:
        return row
    return {**row, "start": start - n, "prefix": prefix[:-n]}


@migrations(name="m004_mention_spans_with_article")
def m004_mention_spans_with_article(db: Database) -> None:
    """Mention spans start at the article ال the text has (issue 10): الولايات المتحدة, not prefix
    ال + ولايات المتحدة; بالمتشددين is prefix ب + المتشددين; in للأكراد the span starts at the second
    ل. Rewrites the mentions and, so that undo keeps working, the mention rows in the change log.
    Touches nothing but mentions (and their copies in `changes`)."""
    conn = db.conn
    ids = [r[0] for r in conn.execute("SELECT DISTINCT article_id FROM mentions WHERE prefix <> ''")]
    texts: dict[str, str] = {}
    for aid in ids:
        texts[aid] = conn.execute("SELECT text FROM articles WHERE id = ?", (aid,)).fetchone()[0]
        rows = conn.execute("SELECT id, article_id, start, prefix FROM mentions WHERE article_id = ? AND prefix <> ''",
                            (aid,)).fetchall()
        for mid, article_id, start, prefix in rows:
            new = _with_article({"article_id": article_id, "start": start, "prefix": prefix}, texts)
            if new["start"] != start:
                conn.execute("UPDATE mentions SET start = ?, prefix = ? WHERE id = ?", (new["start"], new["prefix"], mid))
    for seq, payload in conn.execute("SELECT seq, payload FROM changes WHERE payload LIKE '%\"mentions\"%'").fetchall():
        edit = json.loads(payload)
        changed = False
        for change in edit.get("changes", []):
            if change.get("table") != "mentions":
                continue
            for side in ("before", "after"):
                row = change.get(side)
                if not row or not row.get("prefix"):
                    continue
                aid = row.get("article_id", "")
                if aid not in texts:
                    found = conn.execute("SELECT text FROM articles WHERE id = ?", (aid,)).fetchone()
                    texts[aid] = found[0] if found else None
                new = _with_article(row, texts)
                if new is not row:
                    change[side] = new
                    changed = True
        if changed:
            conn.execute("UPDATE changes SET payload = ? WHERE seq = ?",
                         (json.dumps(edit, ensure_ascii=False, sort_keys=True), seq))


@migrations(name="m005_compact_articles")
def m005_compact_articles(db: Database) -> None:
    """A project file about half the size: the raw record stored compressed against the text
    (`articles.raw_codec`, see storage.rawcodec), and a full-text index that records in which
    column a word occurs but not where (`detail=column`: every query is of single words, and the
    positions were 40% of the index). The index is rebuilt from the stored text; rows written before
    keep their raw bytes as they were (codec '')."""
    conn = db.conn  # one statement at a time: executescript would commit the migration's transaction
    conn.execute("ALTER TABLE articles ADD COLUMN raw_codec TEXT NOT NULL DEFAULT ''")
    conn.execute("DROP TABLE articles_fts")
    conn.execute(
        """
        CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='', detail=column, tokenize='unicode61 remove_diacritics 2'
        )"""
    )
    _fill_index(conn)


@migrations(name="m006_stance_suggestions")
def m006_stance_suggestions(db: Database) -> None:
    """Stance suggestions: trained models as plain data (never pickle) and their suggestions, kept apart
    from the human `stances` (storage.suggestions)."""
    db.executescript(
        """
        CREATE TABLE stance_models (
            id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            source TEXT NOT NULL DEFAULT '',   -- whose labels: '' (agreed and gold), an annotator, 'gold'
            kind TEXT NOT NULL,                -- 'lr' or 'svm'
            format INTEGER NOT NULL,
            labels TEXT NOT NULL,              -- JSON list, the row order of coef
            settings TEXT NOT NULL,            -- JSON object
            vocabulary TEXT NOT NULL,          -- JSON {"char": [...], "word": [...]}, the column order of coef
            coef BLOB NOT NULL,                -- float32 little-endian, labels x features
            intercept BLOB NOT NULL,           -- float32 little-endian, one per label
            idf BLOB NOT NULL,                 -- float32 little-endian, one per feature
            report TEXT NOT NULL,              -- JSON: the cross-validation report
            ready INTEGER NOT NULL CHECK (ready IN (0, 1)),
            n_items INTEGER NOT NULL,
            macro_f1 REAL
        );
        CREATE TABLE stance_suggestions (
            id TEXT PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            holder_id TEXT,                    -- NULL: the article's own voice
            target_id TEXT NOT NULL,
            model_id TEXT NOT NULL,
            label TEXT NOT NULL,
            probabilities TEXT NOT NULL,       -- JSON {label: probability}
            margin REAL NOT NULL,              -- top probability minus the second
            evidence_start INTEGER,
            evidence_end INTEGER,
            status TEXT NOT NULL CHECK (status IN ('open', 'accepted', 'rejected')),
            decided_by TEXT NOT NULL DEFAULT '',
            stance_id TEXT NOT NULL DEFAULT '', -- the stance an accepted suggestion became
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK (evidence_start IS NULL OR (0 <= evidence_start AND evidence_start < evidence_end))
        );
        CREATE UNIQUE INDEX stance_suggestions_one_per_item
            ON stance_suggestions(article_id, coalesce(holder_id, ''), target_id);
        CREATE INDEX stance_suggestions_model ON stance_suggestions(model_id);
        """
    )


@migrations(name="m007_index_ascii_tokenizer")
def m007_index_ascii_tokenizer(db: Database) -> None:
    """A full-text index that tokenizes with FTS5's `ascii` tokenizer: the index text is split into
    words as `unicode61` splits it before it is stored (core.search.index_form), so the words are the
    same and the import indexes them in about half the time (issue 13). The index is rebuilt from
    the stored text, as in m005."""
    conn = db.conn
    conn.execute("DROP TABLE articles_fts")
    conn.execute("CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, content='', detail=column, tokenize='ascii')")
    _fill_index(conn)


def _fill_index(conn) -> None:
    """Index every stored article's title and text (into a new, empty `articles_fts`), 500 at a time."""
    from ..core.search import index_text

    last = 0
    while True:
        rows = conn.execute("SELECT n, title, text FROM articles WHERE n > ? ORDER BY n LIMIT 500", (last,)).fetchall()
        if not rows:
            break
        conn.executemany("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
                         [(n, index_text(title), index_text(text)) for n, title, text in rows])
        last = rows[-1][0]


KNOWN_MIGRATIONS = [m.name for m in migrations._migrations]
SCHEMA_VERSION = len(KNOWN_MIGRATIONS)
