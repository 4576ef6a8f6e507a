"""Import files into a project: read, canonicalise, mark boilerplate, skip duplicates, suggest.

Records are written in batches, each record inside its own savepoint: a bad record rolls back only
itself, and an interrupted import (crash, Ctrl+C) rolls back the open batch, so no half article is
ever stored. The report lists every skipped record by file:line with the reason.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .io.readers import FORMATS, READERS, Item, ReadOptions, detect_format, iter_files
from .storage.project import Project

BATCH = 500


@dataclass
class ImportReport:
    imported: int = 0
    duplicates: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (origin, note) of imported records
    suggested: int = 0
    article_ids: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self, max_skipped: int = 50) -> str:
        lines = [
            f"imported {self.imported} article(s), {self.duplicates} duplicate(s) skipped, "
            f"{len(self.skipped)} record(s) not imported, {self.suggested} mention(s) proposed "
            f"({self.seconds:.1f} s)"
        ]
        for origin, reason in self.skipped[:max_skipped]:
            lines.append(f"  skipped {origin}: {reason}")
        if len(self.skipped) > max_skipped:
            lines.append(f"  ... and {len(self.skipped) - max_skipped} more")
        for origin, note in self.notes[:max_skipped]:
            lines.append(f"  note {origin}: {note}")
        if len(self.notes) > max_skipped:
            lines.append(f"  ... and {len(self.notes) - max_skipped} more notes")
        return "\n".join(lines)


ProgressFn = Callable[[int, int, int], None]  # (bytes done, bytes total, records done)


def _store(project: Project, item: Item) -> str | None:
    if item.docs is not None:
        from .io.docs_import import store_docs_record

        return store_docs_record(project, item.docs)
    return project.add_article(item.record, item.segments)


def import_paths(
    project: Project,
    paths: Iterable[str | os.PathLike],
    *,
    fmt: str = "auto",
    options: ReadOptions | None = None,
    suggest: bool = True,
    progress: ProgressFn | None = None,
) -> ImportReport:
    """Import every file under `paths` into `project`; never raises for bad input, only reports it.

    `fmt` forces a reader (txt, jsonl, csv, html, docs); `auto` picks by extension and content.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    opts = options or ReadOptions()
    report = ImportReport()
    t0 = time.perf_counter()
    files = list(iter_files(list(paths)))
    sizes = {p: p.stat().st_size for p, err in files if not err}
    total = sum(sizes.values())
    done_bytes = 0
    records = 0
    pending: list[str] = []
    project.conn.execute("PRAGMA synchronous = NORMAL")
    try:
        batch_open = False
        for path, err in files:
            if err:
                report.skipped.append((str(path), err))
                continue
            try:
                with open(path, "rb") as fh:
                    head = fh.read(512)
            except OSError as e:
                report.skipped.append((str(path), f"cannot read: {e.strerror}"))
                continue
            if path.resolve() == project.path.resolve():
                report.skipped.append((str(path), "this is the project file itself"))
                continue
            reader = READERS[detect_format(path, head) if fmt == "auto" else fmt]
            try:
                for item in reader(path, opts):
                    records += 1
                    if progress and records % 100 == 0:
                        progress(done_bytes + item.pos, total, records)
                    if item.error:
                        report.skipped.append((item.origin, item.error))
                        continue
                    if not batch_open:
                        project.conn.execute("BEGIN")
                        batch_open = True
                    try:
                        with project.db.atomic():
                            aid = _store(project, item)
                    except (ValueError, KeyError, sqlite3.IntegrityError, sqlite3.DataError) as e:
                        report.skipped.append((item.origin, str(e)))
                        continue
                    if aid is None:
                        report.duplicates += 1
                        continue
                    report.imported += 1
                    report.notes.extend((item.origin, note) for note in item.notes)
                    report.article_ids.append(aid)
                    pending.append(aid)
                    if len(pending) >= BATCH:
                        report.suggested += _commit(project, pending, suggest)
                        batch_open = False
                        pending = []
            except OSError as e:
                report.skipped.append((str(path), f"cannot read: {e.strerror or e}"))
            except UnicodeDecodeError as e:
                report.skipped.append((str(path), f"not valid text in the detected encoding ({e.reason}); pass --encoding"))
            except (sqlite3.OperationalError, KeyboardInterrupt):
                raise
            except Exception as e:  # a reader failing on hostile input costs that file, not the import
                report.skipped.append((str(path), f"could not be read ({type(e).__name__}: {e})"))
            done_bytes += sizes[path]
            if progress:
                progress(done_bytes, total, records)
        if batch_open:
            report.suggested += _commit(project, pending, suggest)
            batch_open = False
    except BaseException:
        if project.conn.in_transaction:
            project.conn.execute("ROLLBACK")
        raise
    finally:
        project.conn.execute("PRAGMA synchronous = FULL")
    report.seconds = time.perf_counter() - t0
    return report


def _commit(project: Project, pending: list[str], suggest: bool) -> int:
    """Suggest mentions for the batch and commit it; returns the number of proposals."""
    n = project.suggest(pending) if suggest and pending else 0
    project.conn.execute("COMMIT")
    return n


class StderrProgress:
    """A one-line progress bar on stderr (redrawn in place on a terminal, a line per 10% otherwise)."""

    def __init__(self, stream=None, min_bytes: int = 1 << 20):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.min_bytes = min_bytes
        self.last_decile = -1
        self.drawn = False

    def __call__(self, done: int, total: int, records: int) -> None:
        if total < self.min_bytes:
            return
        frac = min(1.0, done / total) if total else 1.0
        if self.tty:
            width = 30
            bar = "#" * int(frac * width) + "-" * (width - int(frac * width))
            self.stream.write(f"\rimporting [{bar}] {frac:4.0%}  {records:,} records")
            self.stream.flush()
            self.drawn = True
        else:
            decile = int(frac * 10)
            if decile > self.last_decile:
                self.last_decile = decile
                self.stream.write(f"importing: {frac:.0%} ({records:,} records)\n")
                self.stream.flush()

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()
