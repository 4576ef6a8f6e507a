"""Import files into a project: read, canonicalise, mark boilerplate, skip duplicates, suggest.

Reading and preparing an article (decode, canonicalise, fold once, segment, hash, index text,
proposed mentions) is pure Python with no SQL. For large inputs a worker process reads, folds,
segments and indexes while this process proposes mentions and writes, so the two cores work at
once with about the same load each. Articles are written in batches of `BATCH`,
one transaction and one `executemany` per table each: an interrupted import (crash, Ctrl+C) rolls
back the open batch, so no half article is ever stored; a batch that fails in SQLite is written
again one article per transaction, so a bad record costs only itself. The report lists every
skipped record by file:line with the reason.
"""

from __future__ import annotations

import os
import pickle
import queue
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .core.fold import Folded
from .core.matcher import AliasMatcher
from .io.readers import FORMATS, READERS, ReadOptions, detect_format, iter_files
from .storage.project import PreparedArticle, Project, prepare_article, with_proposals

BATCH = 500
PARALLEL_BYTES = 8 << 20  # inputs at least this large are read and prepared in a worker process
_CHUNK = 64  # events per message from the worker
_PIPE_BYTES = 1 << 20  # the worker's pipe: several messages, so neither process waits on the other often
_AHEAD = 2 * BATCH // _CHUNK  # messages read ahead of the writer: the worker goes on while a batch is written


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

# Events from reading and preparing (in this process, or in a worker process), in file order:
#   ("item", pos, Item)                    an article read (`_read_events` only; `_prepare` turns it into:)
#   ("art", pos, PreparedArticle, notes)   an article ready to be written
#   ("art", pos, PreparedArticle, notes, Folded)   the same, its proposals still to find (`_propose`)
#   ("docs", pos, origin, obj)             a line of our own `docs` export
#   ("bad", pos, origin, reason)           a record that could not be read
#   ("skip", origin, reason)               a file (or the rest of one) that could not be read
#   ("file", path)                         a file finished


def _file_id(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at `path` (links followed), None when it cannot be stat'ed."""
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_dev, st.st_ino


def _project_files(project_path: Path) -> set[tuple[int, int]]:
    """The (device, inode) of the project file and its SQLite companions, under any name or link."""
    ids = {_file_id(Path(f"{project_path}{extra}")) for extra in ("", "-wal", "-shm", "-journal")}
    ids.discard(None)
    return ids


def _read_events(files: list[tuple[Path, str]], fmt: str, opts: ReadOptions, project_path: Path) -> Iterator[tuple]:
    """Read every file; yields the events above. Never raises for bad input."""
    own = _project_files(project_path)
    for path, err in files:
        if err:
            yield ("skip", str(path), err)
            continue
        # before opening it: closing a descriptor of the project file (or its -wal/-shm) would drop
        # the SQLite locks this process holds on it
        if _file_id(path) in own:
            yield ("skip", str(path), "this is the project file itself (or its -wal/-shm); not read")
            continue
        try:
            with open(path, "rb") as fh:
                head = fh.read(512)
        except OSError as e:
            yield ("skip", str(path), f"cannot read: {e.strerror}")
            continue
        reader = READERS[detect_format(path, head) if fmt == "auto" else fmt]
        try:
            for item in reader(path, opts):
                if item.error:
                    yield ("bad", item.pos, item.origin, item.error)
                elif item.docs is not None:
                    yield ("docs", item.pos, item.origin, item.docs)
                else:
                    yield ("item", item.pos, item)
        except OSError as e:
            yield ("skip", str(path), f"cannot read: {e.strerror or e}")
        except UnicodeDecodeError as e:
            yield ("skip", str(path), f"not valid text in the detected encoding ({e.reason}); pass --encoding")
        except Exception as e:  # a reader failing on hostile input costs that file, not the import
            yield ("skip", str(path), f"could not be read ({type(e).__name__}: {e})")
        yield ("file", str(path))


def _prepare(events: Iterable[tuple], matcher: AliasMatcher | None, keep_folded: bool = False) -> Iterator[tuple]:
    """`events` with every article read ("item") prepared for writing ("art"); with `keep_folded`,
    each with its folded text, for `_propose`."""
    for ev in events:
        if ev[0] == "item":
            item = ev[2]
            prepared = prepare_article(item.record, item.segments, folded=item.folded, matcher=matcher)
            if keep_folded:
                yield ("art", ev[1], prepared, list(item.notes), item.folded)
            else:
                yield ("art", ev[1], prepared, list(item.notes))
        else:
            yield ev


def _propose(events: Iterator[tuple], matcher: AliasMatcher) -> Iterator[tuple]:
    """`events` with the proposed mentions of every article that came with its folded text;
    closing it closes `events` (a worker's: that stops the worker)."""
    try:
        for ev in events:
            if ev[0] == "art" and len(ev) == 5:
                folded: Folded = ev[4]
                yield ("art", ev[1], with_proposals(ev[2], folded, matcher), ev[3])
            else:
                yield ev
    finally:
        events.close()


def _send(events: Iterable[tuple], out) -> None:
    """Pickle `events` to `out` in chunks, then None."""
    chunk: list[tuple] = []
    for ev in events:
        chunk.append(ev)
        if len(chunk) >= _CHUNK or ev[0] == "file":
            pickle.dump(chunk, out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()
            chunk = []
    pickle.dump(chunk, out, protocol=pickle.HIGHEST_PROTOCOL)
    pickle.dump(None, out)
    out.flush()


def _worker_main() -> None:
    """Entry point of the worker process: parameters on stdin, the prepared events on stdout."""
    out = sys.stdout.buffer
    try:
        files, fmt, opts, project_path, keep_folded = pickle.load(sys.stdin.buffer)
        _send(_prepare(_read_events(files, fmt, opts, project_path), None, keep_folded), out)
    except KeyboardInterrupt:
        os._exit(130)
    except BrokenPipeError:  # the importer has gone; it reports why
        os._exit(1)


def _worker_events(files: list[tuple[Path, str]], fmt: str, opts: ReadOptions, project_path: Path,
                   keep_folded: bool) -> Iterator[tuple]:
    """`_prepare(_read_events(...), None, keep_folded)`, computed in a worker process while this
    one writes: one process per core (a third process, for preparing alone, would cost a second
    pickling of every article). Raises RuntimeError when the worker dies."""
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    code = "from annotator.ingest import _worker_main; _worker_main()"
    worker = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
                              pipesize=_PIPE_BYTES)
    # A thread reads the worker's messages ahead: while this process writes a batch (SQLite lets
    # other threads run), the pipe alone would fill after a fraction of the next batch and stop
    # the worker.
    ahead: queue.Queue = queue.Queue(_AHEAD)
    stop = threading.Event()

    def read_ahead() -> None:
        try:
            while not stop.is_set():
                chunk = pickle.load(worker.stdout)
                ahead.put(chunk)
                if chunk is None:
                    return
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            ahead.put(EOFError)

    reader = threading.Thread(target=read_ahead, name="import-read-ahead", daemon=True)
    try:
        pickle.dump((files, fmt, opts, project_path, keep_folded), worker.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        worker.stdin.close()
        reader.start()
        while (chunk := ahead.get()) is not None:
            if chunk is EOFError:
                raise RuntimeError(f"the import worker process stopped (exit status {worker.wait()})")
            yield from chunk
    finally:
        if worker.poll() is None:
            worker.kill()
        worker.wait()
        stop.set()
        while reader.is_alive():  # let it put what it holds and see the end of the pipe
            try:
                ahead.get_nowait()
            except queue.Empty:
                reader.join(0.05)
        worker.stdout.close()


class _Writer:
    """Writes events' articles into the project in batches; fills the report."""

    def __init__(self, project: Project, report: ImportReport, suggest: bool):
        self.project, self.conn, self.report, self.suggest = project, project.conn, report, suggest
        self.pending: list[tuple[PreparedArticle, list[str]]] = []
        self.docs_ids: list[str] | None = None  # ids stored in the open `docs` transaction

    def article(self, prepared: PreparedArticle, notes: list[str]) -> None:
        self._end_docs()
        self.pending.append((prepared, notes))
        if len(self.pending) >= BATCH:
            self._flush()

    def docs(self, origin: str, obj: dict) -> None:
        """One line of our own export, with its annotations: one savepoint each, suggestions per batch."""
        from .io.docs_import import store_docs_record

        self._flush()
        if self.docs_ids is None:
            self.conn.execute("BEGIN IMMEDIATE")
            self.docs_ids = []
        try:
            with self.project.db.atomic():
                aid = store_docs_record(self.project, obj)
        except (ValueError, KeyError, sqlite3.IntegrityError, sqlite3.DataError) as e:
            self.report.skipped.append((origin, str(e)))
            return
        if aid is None:
            self.report.duplicates += 1
            return
        self.report.imported += 1
        self.report.article_ids.append(aid)
        self.docs_ids.append(aid)
        if len(self.docs_ids) >= BATCH:
            self._end_docs()

    def close(self) -> None:
        self._flush()
        self._end_docs()

    def _end_docs(self) -> None:
        if self.docs_ids is None:
            return
        if self.suggest and self.docs_ids:
            self.report.suggested += self.project.suggest(self.docs_ids)
        self.conn.execute("COMMIT")
        self.docs_ids = None

    def _flush(self) -> None:
        """Write the pending articles in one transaction; on a database error, one by one."""
        if not self.pending:
            return
        batch, self.pending = self.pending, []
        articles = [p for p, _ in batch]
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            ids = self.project.add_articles(articles)
            self.conn.execute("COMMIT")
        except (ValueError, KeyError, sqlite3.IntegrityError, sqlite3.DataError):
            self.conn.execute("ROLLBACK")
            ids = [self._one(p) for p in articles]
        for (prepared, notes), aid in zip(batch, ids):
            if not aid:  # a duplicate (None) or a failed article ('')
                continue
            self.report.imported += 1
            self.report.suggested += len(prepared.mentions)
            self.report.notes.extend((prepared.record.origin, note) for note in notes)
            self.report.article_ids.append(aid)
        self.report.duplicates += sum(1 for aid in ids if aid is None)

    def _one(self, prepared: PreparedArticle) -> str | None:
        """Write one article in its own transaction; '' (and a skipped entry) when it fails."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            (aid,) = self.project.add_articles([prepared])
            self.conn.execute("COMMIT")
            return aid
        except (ValueError, KeyError, sqlite3.IntegrityError, sqlite3.DataError) as e:
            self.conn.execute("ROLLBACK")
            self.report.skipped.append((prepared.record.origin, str(e)))
            return ""


def import_paths(
    project: Project,
    paths: Iterable[str | os.PathLike],
    *,
    fmt: str = "auto",
    options: ReadOptions | None = None,
    suggest: bool = True,
    progress: ProgressFn | None = None,
    parallel: bool | None = None,
) -> ImportReport:
    """Import every file under `paths` into `project`; never raises for bad input, only reports it.

    `fmt` forces a reader (txt, jsonl, csv, html, docs); `auto` picks by extension and content.
    `parallel`: True reads and prepares in a worker process, False in this one; None (default)
    uses the worker for inputs of `PARALLEL_BYTES` or more on a machine with two cores or more.
    Raises RuntimeError when a worker process dies, sqlite3.OperationalError when the project
    cannot be written (the open batch is rolled back).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    opts = options or ReadOptions()
    report = ImportReport()
    t0 = time.perf_counter()
    files = list(iter_files(list(paths)))
    sizes = {p: p.stat().st_size for p, err in files if not err}
    total = sum(sizes.values())
    if parallel is None:
        parallel = total >= PARALLEL_BYTES and (os.cpu_count() or 1) > 1
    matcher = project.matcher() if suggest else None
    if parallel:
        events = _worker_events(files, fmt, opts, project.path, keep_folded=matcher is not None)
        if matcher is not None:
            events = _propose(events, matcher)
    else:
        events = _prepare(_read_events(files, fmt, opts, project.path), matcher)
    done_bytes = 0
    records = 0
    writer = _Writer(project, report, suggest)
    project.conn.execute("PRAGMA synchronous = NORMAL")
    try:
        for ev in events:
            kind = ev[0]
            if kind == "file":
                done_bytes += sizes[Path(ev[1])]
                if progress:
                    progress(done_bytes, total, records)
                continue
            if kind == "skip":
                report.skipped.append((ev[1], ev[2]))
                continue
            records += 1
            if progress and records % 100 == 0:
                progress(done_bytes + ev[1], total, records)
            if kind == "bad":
                report.skipped.append((ev[2], ev[3]))
            elif kind == "docs":
                writer.docs(ev[2], ev[3])
            else:
                writer.article(ev[2], ev[3])
        writer.close()
    except BaseException:
        if project.conn.in_transaction:
            project.conn.execute("ROLLBACK")
        raise
    finally:
        events.close()
        project.conn.execute("PRAGMA synchronous = FULL")
    report.seconds = time.perf_counter() - t0
    return report


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
