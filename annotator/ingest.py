"""Import files into a project: read, canonicalise, mark boilerplate, skip duplicates, suggest.

Reading and preparing an article (decode, canonicalise, fold once, segment, index text, proposed
mentions) is pure Python with no SQL. For large inputs a worker process does it while this process
hashes, encodes the raw record and writes, so the two cores work at once with about the same load
each. The worker is forked when this process runs no other thread and no Qt (it starts at once),
else it is a new Python process. It sends each article as a flat tuple (`to_wire`).

Articles are written in batches of up to `BATCH` articles (or `BATCH_TEXT` of text), one
transaction each; the full-text index keeps a batch in memory and writes it once (a batch of 500
articles and the index's default 1 MB buffer made the writes half as slow again, as the index
flushed and merged its segments many times). When the worker has sent nothing new, the writer
writes what it holds (`IDLE_BATCH` articles or more) into the open batch instead of waiting for a
full one, and commits a batch of `IDLE_COMMIT` or more, so little is left to write when the worker
ends (see `_Writer`). A second connection copies each commit into the project file beside the
writer (storage.bulk). An interrupted import (crash, Ctrl+C) rolls back the open batch, so no half
article is ever stored; a batch that fails in SQLite is written again one article per
transaction, so a bad record costs only itself. The report lists every skipped record by
file:line with the reason.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .core.matcher import AliasMatcher
from .core.terminal import for_terminal, unfiltered
from .io.readers import FORMATS, READERS, ReadOptions, detect_format, iter_files, open_regular, project_file_ids
from .storage.prepared import PreparedArticle, from_wire, prepare_article, to_wire

if TYPE_CHECKING:  # the worker process never loads the project module (and sqlite-utils)
    from .storage.project import Project

BATCH = 2000
# a batch also ends after this much text, for long articles: UTF-8 bytes of a packed article (what
# the worker sends), characters of one prepared in this process
BATCH_TEXT = 8_000_000
IDLE_BATCH = 300  # written into the open batch when the worker has nothing more for the moment
IDLE_COMMIT = 500  # the open batch is committed when the worker has nothing new and it holds this many
PARALLEL_BYTES = 8 << 20  # inputs at least this large are read and prepared in a worker process
_CHUNK = 64  # events per message from the worker
_GC_THRESHOLD = 100_000  # allocations between collections of the youngest generation, during an import
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
            lines.append(f"  skipped {for_terminal(origin)}: {for_terminal(reason)}")
        if len(self.skipped) > max_skipped:
            lines.append(f"  ... and {len(self.skipped) - max_skipped} more")
        for origin, note in self.notes[:max_skipped]:
            lines.append(f"  note {for_terminal(origin)}: {for_terminal(note)}")
        if len(self.notes) > max_skipped:
            lines.append(f"  ... and {len(self.notes) - max_skipped} more notes")
        return "\n".join(lines)


ProgressFn = Callable[[int, int, int], None]  # (bytes done, bytes total, records done)

# Events from reading and preparing (in this process, or in a worker process), in file order:
#   ("item", pos, Item)                    an article read (`_read_events` only; `_prepare` turns it into:)
#   ("art", pos, PreparedArticle, notes)   an article ready to be written, with its proposals
#   ("docs", pos, origin, obj)             a line of our own `docs` export
#   ("bad", pos, origin, reason)           a record that could not be read
#   ("skip", origin, reason)               a file (or the rest of one) that could not be read
#   ("file", path)                         a file finished
#   ("idle",)                              the worker has sent nothing more for the moment


def _read_events(files: list[tuple[Path, str]], fmt: str, opts: ReadOptions, project_path: Path) -> Iterator[tuple]:
    """Read every file; yields the events above. Never raises for bad input."""
    own = project_file_ids(project_path)
    for path, err in files:
        if err:
            yield ("skip", str(path), err)
            continue
        try:
            st = os.stat(path)
            if (st.st_dev, st.st_ino) in own:
                # never opened: closing any descriptor of the project file drops this process's locks on it
                yield ("skip", str(path), "this is the project file itself (or its -wal/-shm); not read")
                continue
            with open_regular(path) as fh:
                head = fh.read(512)
        except OSError as e:
            yield ("skip", str(path), f"cannot read: {e.strerror or e}")
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


def _prepare(events: Iterable[tuple], matcher: AliasMatcher | None, pack: bool = False) -> Iterator[tuple]:
    """`events` with every article read ("item") prepared for writing ("art"), with its proposed
    mentions when there is a `matcher`; with `pack`, packed and flat (`to_wire`) to be sent to the
    writing process."""
    for ev in events:
        if ev[0] == "item":
            item = ev[2]
            prepared = prepare_article(item.record, item.segments, folded=item.folded, matcher=matcher, pack=pack)
            yield ("art", ev[1], to_wire(prepared) if pack else prepared, list(item.notes))
        else:
            yield ev


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
    gc.disable()  # it makes no reference cycles worth a collection; collections cost a tenth of its time
    try:
        files, fmt, opts, project_path, entries = pickle.load(sys.stdin.buffer)
        matcher = AliasMatcher(entries) if entries is not None else None
        _send(_prepare(_read_events(files, fmt, opts, project_path), matcher, pack=True), out)
    except KeyboardInterrupt:
        os._exit(130)
    except BrokenPipeError:  # the importer has gone; it reports why
        os._exit(1)


class _Forked:
    """A worker forked from this process, with the part of `subprocess.Popen`'s interface the
    import uses (`stdout`, `poll`, `wait`, `kill`)."""

    def __init__(self, body: Callable[[object], None]):
        import fcntl  # POSIX, as fork is

        r, w = os.pipe()
        try:
            fcntl.fcntl(w, fcntl.F_SETPIPE_SZ, _PIPE_BYTES)
        except (AttributeError, OSError):  # not Linux, or above the system's limit: the default pipe
            pass
        try:
            self.pid = os.fork()
        except OSError:  # no process to be had: the caller starts a new Python, or reports
            os.close(r)
            os.close(w)
            raise
        if self.pid == 0:  # the worker: never returns into the importer's code
            status = 1
            try:
                os.close(r)
                # This process shares the importer's open files, the project's among them: it never
                # closes one (no garbage collection can finalise a connection) and leaves by _exit.
                # (It makes no reference cycles worth collecting either.)
                gc.disable()
                with os.fdopen(w, "wb", buffering=1 << 16) as out:
                    body(out)
                status = 0
            except KeyboardInterrupt:
                status = 130
            except BaseException:  # noqa: BLE001 - the importer reports the exit status
                status = 1
            finally:
                os._exit(status)
        os.close(w)
        self.stdout = os.fdopen(r, "rb")
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def wait(self) -> int:
        if self.returncode is None:
            _, status = os.waitpid(self.pid, 0)
            self.returncode = os.waitstatus_to_exitcode(status)
        return self.returncode

    def kill(self) -> None:
        if self.returncode is None:
            os.kill(self.pid, signal.SIGKILL)


def _can_fork() -> bool:
    """Whether the worker can be forked from this process: a POSIX system, no other thread (a fork
    copies only the calling thread, and the locks the others held) and no Qt (which runs threads of
    its own and must not go on in a copy)."""
    return hasattr(os, "fork") and threading.active_count() == 1 and not _qt_loaded()


def _qt_loaded() -> bool:
    return any(m.startswith("PySide6") for m in sys.modules)


def _start_worker(files: list[tuple[Path, str]], fmt: str, opts: ReadOptions, project_path: Path,
                  matcher: AliasMatcher | None):
    """The worker process, started: forked when `_can_fork` (it starts at once, with this process's
    modules and matcher), or a new Python that imports only what it needs and builds its own matcher."""
    if _can_fork():
        try:
            return _Forked(lambda out: _send(_prepare(_read_events(files, fmt, opts, project_path), matcher,
                                                      pack=True), out))
        except OSError:
            pass
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parent.parent)
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    code = "from annotator.ingest import _worker_main; _worker_main()"
    worker = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
                              pipesize=_PIPE_BYTES)
    try:
        entries = matcher.entries if matcher is not None else None
        pickle.dump((files, fmt, opts, project_path, entries), worker.stdin, protocol=pickle.HIGHEST_PROTOCOL)
        worker.stdin.close()
    except BaseException:
        worker.kill()
        worker.wait()
        raise
    return worker


def _worker_events(files: list[tuple[Path, str]], fmt: str, opts: ReadOptions, project_path: Path,
                   matcher: AliasMatcher | None) -> Iterator[tuple]:
    """`_prepare(_read_events(...), matcher)`, computed in a worker process while this one writes:
    one process per core (the SQLite writes take about as long as all the rest; a third process
    would cost a second pickling of every article). Raises RuntimeError when the worker dies."""
    worker = _start_worker(files, fmt, opts, project_path, matcher)
    # A thread reads the worker's messages ahead: while this process writes a batch (SQLite lets
    # other threads run), the pipe alone would fill after a fraction of the next batch and stop
    # the worker.
    ahead: queue.Queue = queue.Queue(_AHEAD)
    stop = threading.Event()

    def read_ahead() -> None:
        try:
            while not stop.is_set():
                chunk = pickle.load(worker.stdout)
                if chunk is None:
                    ahead.put(chunk)
                    return
                ahead.put([("art", ev[1], from_wire(ev[2]), ev[3]) if ev[0] == "art" else ev for ev in chunk])
        except (EOFError, OSError, ValueError, pickle.UnpicklingError):
            ahead.put(EOFError)

    reader = threading.Thread(target=read_ahead, name="import-read-ahead", daemon=True)
    try:
        reader.start()
        while True:
            try:
                chunk = ahead.get_nowait()
            except queue.Empty:
                yield ("idle",)  # the writer may write what it holds meanwhile
                chunk = ahead.get()
            if chunk is None:
                break
            if chunk is EOFError:
                raise RuntimeError(f"the import worker process stopped (exit status {worker.wait()}); the articles "
                                   "stored before are kept: run the import again (they are skipped as duplicates)")
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


# What one bad record can raise while it is written; each costs only that record. (An
# OperationalError is the project file failing, not the record: it stops the import.)
_RECORD_ERRORS = (ValueError, KeyError, TypeError, OverflowError, RecursionError, sqlite3.IntegrityError,
                  sqlite3.DataError)


def _reason(e: BaseException) -> str:
    if isinstance(e, RecursionError):
        return "nested too deeply to be stored; flatten the record"
    if isinstance(e, (ValueError, sqlite3.DatabaseError)):
        return str(e)
    return f"could not be stored ({type(e).__name__}: {e})"


class _Writer:
    """Writes events' articles into the project in batches; fills the report.

    A batch is one transaction of up to `BATCH` articles (or `BATCH_TEXT` of text). Its articles
    are written as they come whenever the worker has nothing new (`idle`, `IDLE_BATCH` or more at a
    time), and committed together when the batch is full, or when the worker has nothing new and
    the batch holds `IDLE_COMMIT` articles: the full-text index writes a batch's words once, at the
    commit (a commit per 300 articles made it merge its segments over and over), and the writer
    never stands idle while articles wait. An interrupted import rolls back the open batch.
    """

    def __init__(self, project: Project, report: ImportReport, suggest: bool,
                 committed: Callable[[], None] = lambda: None):
        self.project, self.conn, self.report, self.suggest = project, project.conn, report, suggest
        self.committed = committed  # called after each commit
        self.pending: list[tuple[PreparedArticle, list[str]]] = []  # not written yet
        self.written: list[tuple[PreparedArticle, list[str], str | None]] = []  # in the open transaction
        self.batch_text = 0
        self.docs_ids: list[str] | None = None  # ids stored in the open `docs` transaction

    def article(self, prepared: PreparedArticle, notes: list[str]) -> None:
        self._end_docs()
        self.pending.append((prepared, notes))
        self.batch_text += len(prepared.record.text)
        if len(self.pending) + len(self.written) >= BATCH or self.batch_text >= BATCH_TEXT:
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
        except _RECORD_ERRORS as e:
            self.report.skipped.append((origin, _reason(e)))
            return
        if aid is None:
            self.report.duplicates += 1
            return
        self.report.imported += 1
        self.report.article_ids.append(aid)
        self.docs_ids.append(aid)
        if len(self.docs_ids) >= BATCH:
            self._end_docs()

    def idle(self) -> None:
        """Nothing new has come for the moment: write what is pending into the open batch, if it is
        worth an `executemany`, and commit a batch of `IDLE_COMMIT` or more (the full-text index
        then writes its words while the worker prepares more, not after it has ended)."""
        if len(self.pending) >= IDLE_BATCH:
            self._write()
        if len(self.written) >= IDLE_COMMIT and not self.pending:
            self._flush()

    def close(self) -> None:
        self._flush()
        self._end_docs()

    def _end_docs(self) -> None:
        if self.docs_ids is None:
            return
        if self.suggest and self.docs_ids:
            self.report.suggested += self.project.suggest(self.docs_ids)
        self.conn.execute("COMMIT")
        self.committed()
        self.docs_ids = None

    def _write(self) -> bool:
        """Write the pending articles into the open batch (opening it); False when a database error
        rolled the batch back and its articles were written again one by one (and reported)."""
        if not self.pending:
            return True
        chunk, self.pending = self.pending, []
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
        try:
            ids = self.project.add_articles([p for p, _ in chunk])
        except _RECORD_ERRORS:
            self.conn.execute("ROLLBACK")
            again = [(p, notes) for p, notes, _ in self.written] + chunk
            self.written, self.batch_text = [], 0
            self._report([(p, notes, self._one(p)) for p, notes in again])
            return False
        self.written += [(p, notes, aid) for (p, notes), aid in zip(chunk, ids)]
        return True

    def _flush(self) -> None:
        """Write what is pending and commit the batch."""
        if self._write() and self.written:
            self.conn.execute("COMMIT")
            self.committed()
            done, self.written, self.batch_text = self.written, [], 0
            self._report(done)

    def _report(self, done: list[tuple[PreparedArticle, list[str], str | None]]) -> None:
        for prepared, notes, aid in done:
            if aid is None:
                self.report.duplicates += 1
            elif aid:  # not a failed article ('')
                self.report.imported += 1
                self.report.suggested += len(prepared.mentions)
                self.report.notes.extend((prepared.record.origin, note) for note in notes)
                self.report.article_ids.append(aid)

    def _one(self, prepared: PreparedArticle) -> str | None:
        """Write one article in its own transaction; '' (and a skipped entry) when it fails."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            (aid,) = self.project.add_articles([prepared])
            self.conn.execute("COMMIT")
            self.committed()
            return aid
        except _RECORD_ERRORS as e:
            self.conn.execute("ROLLBACK")
            self.report.skipped.append((prepared.record.origin, _reason(e)))
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
    follow_links: bool = False,
) -> ImportReport:
    """Import every file under `paths` into `project`; never raises for bad input, only reports it.

    `fmt` forces a reader (txt, jsonl, csv, html, docs); `auto` picks by extension and content.
    `parallel`: True reads and prepares in a worker process, False in this one; None (default)
    uses the worker for inputs of `PARALLEL_BYTES` or more on a machine with two cores or more.
    Raises RuntimeError when a worker process dies, sqlite3.OperationalError when the project
    cannot be written (the open batch is rolled back). Symbolic links that resolve outside the
    files and folders in `paths` are reported and not read unless `follow_links`; nothing under
    /proc, /sys or /dev is read, nor a pipe, socket or device (see `readers.iter_files`).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    opts = options or ReadOptions()
    report = ImportReport()
    t0 = time.perf_counter()
    files = list(iter_files(list(paths), follow_links=follow_links))
    sizes = {p: p.stat().st_size for p, err in files if not err}
    total = sum(sizes.values())
    if parallel is None:
        parallel = total >= PARALLEL_BYTES and (os.cpu_count() or 1) > 1
    matcher = project.matcher() if suggest else None
    if parallel:
        events = _worker_events(files, fmt, opts, project.path, matcher)
    else:
        events = _prepare(_read_events(files, fmt, opts, project.path), matcher)
    done_bytes = 0
    records = 0
    # Fewer garbage collections while articles pass through (hundreds of them took a twentieth of the
    # writer's time); the thresholds are the process's, restored at the end.
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], _GC_THRESHOLD), *thresholds[1:])
    try:
        with project.bulk_write() as bulk:
            writer = _Writer(project, report, suggest, bulk.committed)
            try:
                for ev in events:
                    kind = ev[0]
                    if kind == "idle":
                        writer.idle()
                        continue
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
        gc.set_threshold(*thresholds)
    report.seconds = time.perf_counter() - t0
    return report


class StderrProgress:
    """A one-line progress bar on stderr (redrawn in place on a terminal, a line per 10% otherwise)."""

    def __init__(self, stream=None, min_bytes: int = 1 << 20):
        self.stream = stream or unfiltered(sys.stderr)  # its \r redraws the bar; the text is all ours
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
