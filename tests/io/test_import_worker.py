"""The import's worker process, forked or started anew, and the bulk write around the writer (issue 13)."""

import os
import sqlite3
import threading
import time

import pytest

import annotator.ingest as ingest
from annotator.ingest import import_paths
from annotator.sample import load_actors
from annotator.storage import Project
from tests.conftest import REPO
from tests.io.test_import import _jsonl, _snapshot


@pytest.fixture
def p(project):
    load_actors(project, REPO / "resources" / "lexicon" / "sample.toml")
    return project


@pytest.mark.parametrize("fork", [True, False], ids=["forked", "new-python"])
def test_both_ways_of_starting_the_worker_give_the_same_project(tmp_path, monkeypatch, fork):
    """The worker is forked when it can be (it starts at once: the first articles came 0.1 s later from
    a new Python), else a new Python process; the project must not tell them apart."""
    src = _jsonl(tmp_path, 40)
    started = []
    real = ingest._start_worker

    def start(*args):
        w = real(*args)
        started.append(type(w).__name__)
        return w

    monkeypatch.setattr(ingest, "_can_fork", lambda: fork)
    monkeypatch.setattr(ingest, "_start_worker", start)
    snaps = []
    for parallel in (True, False):
        with Project.create(tmp_path / f"{parallel}.annotator") as proj:
            load_actors(proj, REPO / "resources" / "lexicon" / "sample.toml")
            r = import_paths(proj, [src], parallel=parallel)
            snaps.append(((r.imported, r.suggested, r.skipped), _snapshot(proj)))
    assert started == (["_Forked"] if fork else ["Popen"])
    assert snaps[0] == snaps[1] and snaps[0][0][0] == 40


def test_the_worker_is_not_forked_beside_another_thread_or_qt(monkeypatch):
    """A fork copies only the calling thread (and the locks the others held); Qt runs threads of its own."""
    monkeypatch.setattr(ingest, "_qt_loaded", lambda: False)
    assert ingest._can_fork() == (threading.active_count() == 1)
    stop = threading.Event()
    t = threading.Thread(target=stop.wait)
    t.start()
    try:
        assert not ingest._can_fork()
    finally:
        stop.set()
        t.join()
    monkeypatch.setattr(ingest, "_qt_loaded", lambda: True)
    assert not ingest._can_fork()
    monkeypatch.undo()
    assert ingest._qt_loaded() == any(m.startswith("PySide6") for m in ingest.sys.modules)


def test_a_forked_worker_that_fails_exits_and_never_runs_the_importers_code(p, tmp_path, monkeypatch):
    """Whatever the forked worker raises ends that process with a status (the import then reports the
    worker stopped); it must never return into the caller's code, where it would go on as a second
    copy of the importer (here: of the test run)."""
    monkeypatch.setattr(ingest, "_can_fork", lambda: True)
    pid = os.getpid()

    def boom(*args):
        if os.getpid() != pid:
            raise ValueError("in the worker")
        return iter(())

    monkeypatch.setattr(ingest, "_read_events", boom)
    with pytest.raises(RuntimeError, match=r"the import worker process stopped \(exit status 1\)"):
        import_paths(p, [_jsonl(tmp_path, 5)], parallel=True)
    assert os.getpid() == pid and p.count_articles() == 0 and not p.conn.in_transaction


def test_a_bulk_write_checkpoints_beside_the_writer_and_restores_its_settings(p, tmp_path, monkeypatch):
    """Issue 13: a fifth of the import's commit time was the writer copying the log into the file.
    During an import a second connection does it; afterwards the writer's own settings are back."""
    monkeypatch.setattr(ingest, "BATCH", 10)
    monkeypatch.setattr(ingest, "_can_fork", lambda: True)
    conn = p.conn
    before = [conn.execute(f"PRAGMA {k}").fetchone()[0] for k in ("wal_autocheckpoint", "synchronous")]
    seen = []
    real = ingest._Writer._flush

    def flush(self):
        real(self)
        seen.append(conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0])

    monkeypatch.setattr(ingest._Writer, "_flush", flush)
    threads = threading.active_count()
    r = import_paths(p, [_jsonl(tmp_path, 95)], parallel=True)
    assert r.imported == 95 and seen and set(seen) == {0}  # the writer made no checkpoint itself
    assert [conn.execute(f"PRAGMA {k}").fetchone()[0] for k in ("wal_autocheckpoint", "synchronous")] == before
    assert threading.active_count() == threads  # the checkpointing thread has ended
    # what was committed is all there for another connection
    other = sqlite3.connect(p.path)
    assert other.execute("SELECT count(*) FROM articles").fetchone()[0] == 95
    assert other.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    other.close()


def test_an_interrupted_bulk_write_also_restores_the_writers_settings(p, tmp_path, monkeypatch):
    conn = p.conn
    before = [conn.execute(f"PRAGMA {k}").fetchone()[0] for k in ("wal_autocheckpoint", "synchronous")]
    monkeypatch.setattr(ingest, "BATCH", 5)
    calls = []
    real = p.add_articles

    def add(arts):
        calls.append(1)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(arts)

    monkeypatch.setattr(p, "add_articles", add)
    with pytest.raises(KeyboardInterrupt):
        import_paths(p, [_jsonl(tmp_path, 30)], parallel=False)
    assert p.count_articles() == 10 and not conn.in_transaction
    assert [conn.execute(f"PRAGMA {k}").fetchone()[0] for k in ("wal_autocheckpoint", "synchronous")] == before


def test_when_no_process_can_be_forked_the_worker_is_a_new_python(p, tmp_path, monkeypatch):
    def no_fork():
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(ingest, "_can_fork", lambda: True)
    monkeypatch.setattr(ingest.os, "fork", no_fork)
    started = []
    real = ingest._start_worker
    monkeypatch.setattr(ingest, "_start_worker", lambda *a: started.append(real(*a)) or started[-1])
    assert import_paths(p, [_jsonl(tmp_path, 5, "a.jsonl")], parallel=False).imported == 5  # the -wal, -shm open
    fds = len(os.listdir("/proc/self/fd"))
    assert import_paths(p, [_jsonl(tmp_path, 5, "b.jsonl")], parallel=True).duplicates == 5
    assert [type(w).__name__ for w in started] == ["Popen"]
    assert len(os.listdir("/proc/self/fd")) == fds  # the pipe made for the fork was closed


def test_the_log_starts_again_during_a_long_import(tmp_path, monkeypatch):
    """Bug (issue 13): with the checkpoints made beside the writer, the write-ahead log never started
    again from its beginning (the writer's next transaction always began before the copy ended) and
    grew to the size of everything imported: 100 MB for the 10,000 SaudiNewsNet articles, a second
    copy of a whole large project on disk."""
    import annotator.storage.bulk as bulk

    src = tmp_path / "big.jsonl"
    line = "قال وزير الدفاع إن الولايات المتحدة تواصل الحديث مع تركيا بشأن الرقة " * 30
    src.write_text("\n".join(f'{{"id": "{i}", "text": "{line} {i}"}}' for i in range(4000)), encoding="utf-8")
    monkeypatch.setattr(ingest, "BATCH", 50)

    def never_in_time(self):  # as on a large import: no copy beside the writer is ever done in time
        page = self.conn.execute("PRAGMA page_size").fetchone()[0]
        return max(0, os.stat(f"{self.path}-wal").st_size - 32) // (page + 24)

    monkeypatch.setattr(bulk.Checkpointer, "_checkpoint", never_in_time)
    sizes = {}
    for restart in (1 << 40, 256 << 10):
        monkeypatch.setattr(bulk, "RESTART_BYTES", restart)
        with Project.create(tmp_path / f"{restart}.annotator") as proj:
            assert import_paths(proj, [src], parallel=False).imported == 4000
            sizes[restart] = os.stat(f"{proj.path}-wal").st_size  # never opened: see the POSIX lock trap
            assert proj.search("تركيا", limit=5)
    assert sizes[1 << 40] > 4 * sizes[256 << 10], sizes  # about 46 MB against 1.6 MB
