"""The benchmarks of issue #5 against the physical limit; prints a Markdown table.

    .venv/bin/python bench/run.py [--articles 100000] [--work DIR] [--write]
    .venv/bin/python bench/run.py --articles 10000 --only-import     # the import rows alone

Steps, each in a fresh child process so its peak resident memory is its own:

- corpus: `bench/corpus.py` writes the N-article corpus (the 10,000 real SaudiNewsNet articles,
  then varied ones) and its first `--import-sample` lines (default 10,000) as the import sample.
- import, suggestions on and off: the sample (by default the 10,000 real SaudiNewsNet articles)
  into a fresh project with the sample lexicon, against the reference: the same titles and texts
  inserted in one transaction into a plain table and an FTS5 table with the default tokenizer
  (what Label Studio and doccano do on import, and what a plain full-text store costs). Each runs
  twice, in turn with the reference, and the better run of each counts. Also reported, as a
  labelled extra row: the old reference, our own rows (articles, full-text rows, segments,
  mentions) replayed with `executemany` in one transaction; and the project file's size against
  the JSONL it was imported from.
- build: the N-article project (import with suggestions, then `corpus.annotate`); cached.
- open: `Project.open`, the article count and the first list page of 100, in a fresh process.
- search: realistic queries through the article list filter (first page and count), and
  `Project.search` (ranked, top 50), after one untimed pass over the queries (the import steps
  before it push parts of the big project's index out of the OS cache).
- export `docs` and `pairs` of the done articles, against a plain SELECT + `json.dumps` loop over
  the same rows (every table the export reads) into a file; the better of two runs of each (our
  export also fsyncs its file before renaming it into place, the limit does not).
- the GUI rows: `bench/gui_bench.py --project BIG --json` (another process), merged as they come.

Everything generated lives in `--work` (default ~/.cache/annotator-bench, outside the repository:
the corpus is CC BY-NC-SA) and is reused when present, so a rerun costs only the measurements.
`--write` puts the table in docs/benchmarks.md and between the bench markers of README.md.

What can go wrong: a step that fails is printed as "not run: <reason>" and the others still run;
a half-built project (interrupted build) is rebuilt, never reused.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from rows import latency_row, markdown, value_row  # noqa: E402

LEXICON = REPO / "resources" / "lexicon" / "sample.toml"
TARGET_OPEN_MS = 2000
TARGET_RSS_MB = 400
TARGET_SEARCH_MS = 100
TARGET_RATIO = 0.5
TARGET_IMPORT_RATIO = 1.0  # against the plain table + FTS5 reference
TARGET_SIZE = 2.0  # project file / imported JSONL
QUERIES = ["السعودية", "المملكة", "الرياض", "وزير الخارجية", "الأمم المتحدة", "داعش", "اليمن", "الحوثيين",
           "أسعار النفط", "تركيا", "مجلس الأمن", "الملك سلمان", "كرة القدم", "الاتحاد الأوروبي", "إيران",
           "واشنطن", "بوتين", "سوق الأسهم", "التعليم", "وزارة الصحة"]


# --------------------------------------------------------------------------- helpers
def ratio_row(step: str, n: int, unit: str, ours_s: float, limit_s: float, target: float | None) -> dict:
    ratio = limit_s / ours_s if ours_s else 0.0
    value = (f"{n / ours_s:,.0f} {unit}/s; limit {n / limit_s:,.0f} {unit}/s; ratio {ratio:.2f}"
             f" ({n:,} {unit} in {ours_s:.1f} s, limit {limit_s:.1f} s)")
    return value_row(step, value, f">= {target} of the limit" if target else None,
                     (ratio >= target) if target else None)


def remove_project(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def fmt_n(n: int) -> str:
    return f"{n // 1_000_000}M" if n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


class Paths:
    def __init__(self, work: Path, n: int, sample: int):
        self.work = work
        self.n = n
        self.sample = min(sample, n)
        self.corpus = work / f"corpus-{fmt_n(n)}.jsonl"
        self.sample_corpus = work / f"corpus-{fmt_n(self.sample)}.jsonl"
        self.big = work / f"project-{fmt_n(n)}.annotator"
        self.big_info = work / f"project-{fmt_n(n)}.json"

    def imported(self, suggest: bool) -> Path:
        return self.work / f"import-{fmt_n(self.sample)}-{'on' if suggest else 'off'}.annotator"


# --------------------------------------------------------------------------- steps (run in children)
def step_corpus(p: Paths, args) -> list[dict]:
    import corpus

    rows = []
    if not p.corpus.exists():
        t = time.perf_counter()
        corpus.write_corpus(p.corpus, p.n)
        rows.append(value_row(f"generate the {p.n:,}-article corpus", f"{time.perf_counter() - t:.0f} s, "
                              f"{p.corpus.stat().st_size / 1e9:.2f} GB"))
    if not p.sample_corpus.exists():
        tmp = p.sample_corpus.with_name(p.sample_corpus.name + ".part")
        with open(p.corpus, "rb") as src, open(tmp, "wb") as dst:
            for i, line in enumerate(src):
                if i >= p.sample:
                    break
                dst.write(line)
        tmp.replace(p.sample_corpus)
    return rows


def _new_project(path: Path):
    from annotator.sample import load_actors
    from annotator.storage.project import Project

    remove_project(path)
    project = Project.create(path)
    load_actors(project, LEXICON)
    return project


def _import(project, corpus_path: Path, suggest: bool):
    from annotator.ingest import import_paths
    from annotator.io.readers import ReadOptions

    report = import_paths(project, [corpus_path], options=ReadOptions(text_field="content"), suggest=suggest)
    if report.skipped:
        raise RuntimeError(f"{len(report.skipped)} record(s) skipped, first: {report.skipped[0]}")
    return report


def step_import(p: Paths, args, suggest: bool) -> list[dict]:
    path = p.imported(suggest)
    project = _new_project(path)
    report = _import(project, p.sample_corpus, suggest)
    project.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    project.close()
    return [{"seconds": report.seconds, "imported": report.imported, "suggested": report.suggested,
             "bytes": path.stat().st_size, "input_bytes": p.sample_corpus.stat().st_size}]


def step_import_reference(p: Paths, args) -> list[dict]:
    """The same titles and texts inserted in one transaction into a table and an FTS5 table with the
    default tokenizer: the cost of plainly indexing the text. Only the transaction is timed."""
    rows = []
    with open(p.sample_corpus, encoding="utf-8") as fh:
        for line in fh:
            obj = json.loads(line)
            rows.append((len(rows) + 1, obj.get("title") or "", obj.get("content") or obj.get("text") or ""))
    target = p.work / "reference.sqlite"
    remove_project(target)
    conn = sqlite3.connect(str(target), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("CREATE TABLE documents(id INTEGER PRIMARY KEY, title TEXT, text TEXT)")
    conn.execute("CREATE VIRTUAL TABLE documents_fts USING fts5(title, text)")
    t = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO documents(id, title, text) VALUES (?, ?, ?)", rows)
    conn.executemany("INSERT INTO documents_fts(rowid, title, text) VALUES (?, ?, ?)", rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - t
    conn.close()
    remove_project(target)
    return [{"seconds": seconds, "rows": len(rows)}]


def step_import_limit(p: Paths, args, suggest: bool) -> list[dict]:
    """The same rows as the import wrote, inserted with executemany in one transaction."""
    from annotator.core.search import index_text

    src = sqlite3.connect(str(p.imported(suggest)))
    tables = {}
    for table in ("articles", "segments", "mentions"):
        cols = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
        tables[table] = (cols, src.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall())
    fts = [(n, index_text(title), index_text(text)) for n, title, text in
           src.execute("SELECT n, title, text FROM articles ORDER BY n")]
    src.close()
    target = p.work / "limit.annotator"
    project = _new_project(target)
    conn = project.conn
    conn.execute("PRAGMA synchronous = NORMAL")
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    for table, (cols, rows) in tables.items():
        if table == "segments":
            conn.executemany("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)", fts)
        conn.executemany(
            f"INSERT INTO {table}({', '.join(chr(34) + c + chr(34) for c in cols)}) VALUES ({', '.join('?' * len(cols))})",
            rows)
    conn.execute("COMMIT")
    seconds = time.perf_counter() - t
    project.close()
    remove_project(target)
    return [{"seconds": seconds, "rows": sum(len(r) for _, r in tables.values()) + len(fts)}]


def step_build(p: Paths, args) -> list[dict]:
    import corpus

    if p.big_info.exists() and p.big.exists():
        return [json.loads(p.big_info.read_text()) | {"cached": True}]
    lock = p.big.with_name(p.big.name + ".building")
    try:
        pid = int(lock.read_text().strip())
        os.kill(pid, 0)
        raise RuntimeError(f"{p.big} is being built by process {pid}; wait until {p.big_info.name} appears")
    except (OSError, ValueError):  # no lock, or its builder has gone: build here
        pass
    lock.write_text(str(os.getpid()))
    p.big_info.unlink(missing_ok=True)
    project = _new_project(p.big)
    report = _import(project, p.corpus, True)
    project.close()
    t = time.perf_counter()
    counts = corpus.annotate(p.big)
    info = {"seconds": report.seconds, "imported": report.imported, "suggested": report.suggested,
            "annotate_seconds": time.perf_counter() - t, "annotations": counts,
            "bytes": p.big.stat().st_size, "built": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}
    p.big_info.write_text(json.dumps(info, ensure_ascii=False, indent=1))
    lock.unlink(missing_ok=True)
    return [info]


def step_open(p: Paths, args) -> list[dict]:
    from annotator.storage.project import Project

    times = []
    for _ in range(args.repeat):
        t = time.perf_counter()
        project = Project.open(p.big)
        project.count_articles()
        project.list_articles(limit=100, annotator="ann1")
        times.append((time.perf_counter() - t) * 1000)
        project.close()
    return [latency_row(f"open the {p.n:,}-article project (Project.open, count, first list page of 100)",
                        times, TARGET_OPEN_MS)]


def step_search(p: Paths, args) -> list[dict]:
    from annotator.storage.project import Project

    project = Project.open(p.big)
    listed, ranked, hits = [], [], []
    for q in QUERIES:  # one untimed pass: what the steps before left in the OS cache does not count
        project.list_articles(query=q, limit=100, annotator="ann1")
        project.count_filtered(query=q, annotator="ann1")
        project.search(q)
    for _ in range(max(1, args.repeat // 5)):
        for q in QUERIES:
            t = time.perf_counter()
            project.list_articles(query=q, limit=100, annotator="ann1")
            n = project.count_filtered(query=q, annotator="ann1")
            listed.append((time.perf_counter() - t) * 1000)
            hits.append(n)
            t = time.perf_counter()
            project.search(q)
            ranked.append((time.perf_counter() - t) * 1000)
    project.close()
    about = f"{len(QUERIES)} queries, {min(hits):,} to {max(hits):,} matches"
    return [latency_row(f"full-text search, list filter: first page + count ({about})", listed, TARGET_SEARCH_MS),
            latency_row("full-text search, `annotator search` (best 50 by rank)", ranked, TARGET_SEARCH_MS)]


def step_export(p: Paths, args, fmt: str) -> list[dict]:
    from annotator.io.export import export
    from annotator.storage.project import Project

    project = Project.open(p.big)
    out = p.work / f"export-{fmt}.jsonl"
    runs = []
    for _ in range(2):  # the better of two, as for the limit: the first also reads the file into the cache
        t = time.perf_counter()
        report = export(project, out, fmt, status="done")
        runs.append(time.perf_counter() - t)
    seconds = min(runs)
    project.close()
    size = out.stat().st_size
    out.unlink()
    return [{"seconds": seconds, "lines": report.lines, "articles": report.articles, "bytes": size}]


def step_export_limit(p: Paths, args, fmt: str) -> list[dict]:
    """SELECT every row the export reads for the done articles, json.dumps each one into a file."""
    conn = sqlite3.connect(str(p.big))
    done = "(SELECT article_id FROM article_status WHERE status = 'done')"
    if fmt == "docs":
        queries = [
            f"SELECT id, ext_id, source, url, title, published, author, origin, meta, text, text_sha256 FROM articles"
            f" WHERE id IN {done} ORDER BY n",
            f'SELECT article_id, start, "end", kind, method FROM segments WHERE article_id IN {done}',
            f"SELECT * FROM mentions WHERE article_id IN {done}",
            f"SELECT * FROM stances WHERE article_id IN {done}",
            f"SELECT e.* FROM evidence e JOIN stances s ON s.id = e.stance_id WHERE s.article_id IN {done}",
            f"SELECT * FROM article_status WHERE article_id IN {done}",
            "SELECT id, name_ar, name_en, type, color FROM actors",
        ]
    else:
        queries = [
            f"SELECT s.*, a.text FROM stances s JOIN articles a ON a.id = s.article_id WHERE s.article_id IN {done}",
            f"SELECT e.* FROM evidence e JOIN stances s ON s.id = e.stance_id WHERE s.article_id IN {done}",
            f"SELECT article_id, actor_id, status FROM mentions WHERE article_id IN {done}",
            f"SELECT * FROM article_status WHERE article_id IN {done}",
            "SELECT id, name_ar, name_en FROM actors",
        ]
    out = p.work / f"limit-{fmt}.jsonl"
    runs = []
    for _ in range(2):
        t = time.perf_counter()
        rows = 0
        with open(out, "w", encoding="utf-8") as fh:
            for sql in queries:
                for row in conn.execute(sql):
                    fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                    rows += 1
        runs.append(time.perf_counter() - t)
    seconds = min(runs)
    conn.close()
    out.unlink()
    return [{"seconds": seconds, "rows": rows}]


STEPS = {
    "corpus": step_corpus,
    "import-on": lambda p, a: step_import(p, a, True),
    "import-off": lambda p, a: step_import(p, a, False),
    "reference": step_import_reference,
    "limit-on": lambda p, a: step_import_limit(p, a, True),
    "limit-off": lambda p, a: step_import_limit(p, a, False),
    "build": step_build,
    "open": step_open,
    "search": step_search,
    "export-docs": lambda p, a: step_export(p, a, "docs"),
    "export-pairs": lambda p, a: step_export(p, a, "pairs"),
    "limit-docs": lambda p, a: step_export_limit(p, a, "docs"),
    "limit-pairs": lambda p, a: step_export_limit(p, a, "pairs"),
}


# --------------------------------------------------------------------------- the parent
PEERS = """
## The peers, on the same machine type

The same 10,000 SaudiNewsNet articles (35.3 MB of JSON Lines) imported through each tool's own
import API on a 2-core VM of this kind (measured by hand; each tool was started on 127.0.0.1):

| tool | import of the 10,000 articles | articles/s |
|---|---:|---:|
| Label Studio 1.23.2 | 2.5 s | 3,953 |
| doccano 1.8.4 | 2.45 s | 4,076 |
| reference: one transaction into a table and an FTS5 table (default tokenizer) | about 2.2 s | about 4,500 |

Neither peer folds, segments, marks boilerplate or proposes mentions on import; the reference row
of the table above is the same plain indexing measured in the same run as our import.
"""

def run_child(argv: list[str]) -> tuple[list[dict] | None, float | None, str]:
    """Run a child process; (its JSON rows or None, its peak RSS in MB, why it failed or '').

    The child's stderr is passed through; its last line is the reason when it fails.
    """
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
        out = Path(tmp.name)
    try:
        proc = subprocess.Popen([*argv, "--json", str(out)], cwd=REPO, stderr=subprocess.PIPE, text=True)
        last = ""
        for line in proc.stderr:
            sys.stderr.write(line)
            if line.strip():
                last = line.strip()
        proc.stderr.close()
        _, status, usage = os.wait4(proc.pid, 0)  # not proc.wait(): wait4 also gives the child's peak RSS
        proc.returncode = code = os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss / 1024 if usage.ru_maxrss else None
        if code != 0:
            return None, peak, last or f"exit status {code}"
        if not out.exists() or not out.stat().st_size:
            return None, peak, "no result written"
        return json.loads(out.read_text(encoding="utf-8")), peak, ""
    finally:
        out.unlink(missing_ok=True)


class Runner:
    def __init__(self, args):
        self.args = args
        self.p = Paths(args.work, args.articles, args.import_sample)
        self.rows: list[dict] = []

    def step(self, name: str) -> tuple[list[dict] | None, float | None, str]:
        argv = [sys.executable, str(Path(__file__).resolve()), "--step", name, "--work", str(self.args.work),
                "--articles", str(self.args.articles), "--import-sample", str(self.args.import_sample),
                "--repeat", str(self.args.repeat)]
        print(f"[bench] {name} ...", file=sys.stderr, flush=True)
        t = time.perf_counter()
        result = run_child(argv)
        print(f"[bench] {name}: {time.perf_counter() - t:.1f} s{' (' + result[2] + ')' if result[2] else ''}",
              file=sys.stderr, flush=True)
        return result

    def add(self, rows: list[dict], peak: float | None) -> None:
        for r in rows:
            if r.get("peak_rss_mb") is None:
                r["peak_rss_mb"] = round(peak, 1) if peak is not None else None
            self.rows.append(r)

    def not_run(self, step: str, reason: str, peak: float | None = None) -> None:
        self.rows.append(value_row(step, f"not run: {reason}") | {"peak_rss_mb": peak})

    def run(self) -> None:
        p = self.p
        rows, peak, err = self.step("corpus")
        if err:
            self.not_run("corpus", err)
            return
        self.add(rows, peak)
        for suggest in (True, False):
            on = "on" if suggest else "off"
            label = f"import {p.sample:,} articles from JSONL, suggestions {on} (FTS, segments"
            label += ", mentions)" if suggest else ")"
            # the better of two runs of each, taken in turn, so a slow spell of the machine does not
            # fall on one side only
            ours, reference, limit, peaks, err = [], [], [], [], ""
            for _ in range(2):
                rows, peak, err = self.step(f"import-{on}")
                peaks.append(peak or 0.0)
                if err:
                    break
                ours += rows
                for name, into in (("reference", reference), (f"limit-{on}", limit)):
                    rows, _, err = self.step(name)
                    if err:
                        err = f"{name}: {err}"
                        break
                    into += rows
                if err:
                    break
            if err:
                self.not_run(label, err, max(peaks))
                continue
            best = min(r["seconds"] for r in ours)
            row = ratio_row(label, ours[0]["imported"], "articles", best, min(r["seconds"] for r in reference),
                            TARGET_IMPORT_RATIO)
            row["value"] = row["value"].replace("limit", "reference")
            row["target"] = f">= {TARGET_IMPORT_RATIO} of the reference (plain table + FTS5 in one transaction)"
            old = ratio_row(f"  old reference: our own rows replayed with executemany (suggestions {on})",
                            ours[0]["imported"], "articles", best, min(r["seconds"] for r in limit), None)
            self.add([row, old], max(peaks))
            size = ours[0]["bytes"] / ours[0]["input_bytes"]
            self.add([value_row(f"  project file after that import (suggestions {on}) against the JSONL",
                                f"{size:.2f} times ({ours[0]['bytes'] / 1e6:.1f} MB for "
                                f"{ours[0]['input_bytes'] / 1e6:.1f} MB)", f"<= {TARGET_SIZE} times",
                                size <= TARGET_SIZE)], None)
        if self.args.only_import:
            return
        info, peak, err = self.step("build")
        if err:
            self.not_run(f"build the {p.n:,}-article project", err, peak)
            return
        info = info[0]
        ann = info["annotations"]
        # a build whose builder was killed is finished by importing the rest of the corpus into it:
        # its rate and proposals are those of that rest
        resumed = (f"the last {info['imported']:,} after an interrupted build stopped at "
                   f"{info['resumed_after']:,}: ") if info.get("resumed_after") else ""
        self.add([value_row(
            f"build the {p.n:,}-article project (import with suggestions, then annotations)",
            f"{resumed}{info['imported'] / info['seconds']:,.0f} articles/s ({info['seconds'] / 60:.1f} min; "
            f"{info['suggested']:,} proposals; {ann['articles']:,} annotated articles, {ann['stances']:,} stances, "
            f"{ann['evidence']:,} evidence spans; {info['bytes'] / 1e9:.1f} GB; built {info['built']})")],
            None if info.get("cached") else peak)
        for name in ("open", "search"):
            rows, peak, err = self.step(name)
            if err:
                self.not_run(name, err, peak)
                continue
            if name == "open":
                rows.append(value_row(f"peak resident memory, {p.n:,}-article project opened {self.args.repeat} "
                                      "times", f"{peak:.0f} MB", f"< {TARGET_RSS_MB} MB", peak < TARGET_RSS_MB))
            self.add(rows, peak)
        for fmt in ("docs", "pairs"):
            label = f"export `{fmt}` of the done articles"
            ours, peak, err = self.step(f"export-{fmt}")
            if err:
                self.not_run(label, err, peak)
                continue
            limit, _, lerr = self.step(f"limit-{fmt}")
            if lerr:
                self.not_run(label, f"limit: {lerr}", peak)
                continue
            self.add([ratio_row(label, ours[0]["lines"], "rows", ours[0]["seconds"], limit[0]["seconds"],
                                TARGET_RATIO)], peak)
        self.gui()

    def gui(self) -> None:
        script = REPO / "bench" / "gui_bench.py"
        if not script.exists():
            self.not_run("GUI rows (bench/gui_bench.py)", "bench/gui_bench.py is missing")
            return
        print("[bench] gui ...", file=sys.stderr, flush=True)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as tmp:
            out = Path(tmp.name)
        try:
            proc = subprocess.run([sys.executable, str(script), "--project", str(self.p.big), "--json", str(out)],
                                  cwd=REPO, env=env, capture_output=True, text=True)
            if proc.returncode != 0:
                last = [l for l in proc.stderr.strip().splitlines() if l.strip()]
                self.not_run("GUI rows (bench/gui_bench.py)", last[-1] if last else f"exit {proc.returncode}")
                return
            try:
                rows = json.loads(out.read_text(encoding="utf-8"))
            except (OSError, ValueError) as e:
                self.not_run("GUI rows (bench/gui_bench.py)", f"no JSON result ({e})")
                return
            self.rows += [r for r in rows if isinstance(r, dict) and "step" in r]
        finally:
            out.unlink(missing_ok=True)


# --------------------------------------------------------------------------- output
def machine() -> str:
    cpu = platform.processor() or "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        kb = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        ram = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, AttributeError):
        pass
    try:
        import PySide6

        pyside = PySide6.__version__
    except ImportError:  # the GUI rows then say why they did not run
        pyside = "not installed"
    return (f"{cpu}, {os.cpu_count()} cores{ram}; {platform.system()} {platform.release()}; "
            f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, PySide6 {pyside}; "
            f"{datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}")


def table(rows: list[dict], args) -> str:
    lines = [
        f"Machine: {machine()}.",
        "",
        f"Command: `.venv/bin/python bench/run.py --articles {args.articles}` (import figures on the first "
        f"{min(args.import_sample, args.articles):,} articles; latencies over {args.repeat} repeats; peak RSS of the "
        "step's process).",
        "",
        *markdown(rows),
    ]
    return "\n".join(lines) + "\n"


LEARN_SECTION = "## Stance suggestions"  # written by bench/learn_bench.py --write


def write(md: str) -> None:
    doc = REPO / "docs" / "benchmarks.md"
    doc.parent.mkdir(exist_ok=True)
    # the section bench/learn_bench.py writes is kept (it was dropped by every run of this one)
    old = doc.read_text(encoding="utf-8") if doc.exists() else ""
    start = old.find(LEARN_SECTION)
    kept = ""
    if start != -1:
        end = old.find("\n## ", start + 1)
        kept = "\n" + (old[start:end + 1] if end != -1 else old[start:]).rstrip("\n") + "\n"
    doc.write_text("# Benchmarks\n\nGenerated by `bench/run.py --write`; see the README's Benchmarks section.\n\n"
                   + md + PEERS + kept, encoding="utf-8")
    readme = REPO / "README.md"
    text = readme.read_text(encoding="utf-8")
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        _, tail = rest.split(end, 1)
        readme.write_text(head + begin + "\n" + md + end + tail, encoding="utf-8")
    else:
        print("README.md has no bench markers; wrote docs/benchmarks.md only", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000, help="size of the big project (default 100000)")
    ap.add_argument("--work", type=Path, default=Path.home() / ".cache" / "annotator-bench",
                    help="cache folder, outside the repository (default ~/.cache/annotator-bench)")
    ap.add_argument("--write", action="store_true", help="write docs/benchmarks.md and the README section")
    ap.add_argument("--import-sample", type=int, default=10_000,
                    help="articles imported for the import figures (default 10000: the real SaudiNewsNet ones)")
    ap.add_argument("--repeat", type=int, default=20, help="repeats of each latency")
    ap.add_argument("--only-import", action="store_true",
                    help="only the import rows (with their reference) and the file size: minutes, not hours")
    ap.add_argument("--step", choices=sorted(STEPS), help=argparse.SUPPRESS)
    ap.add_argument("--json", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    args.work = args.work.resolve()
    if args.only_import and args.write:
        ap.error("--write replaces the whole table: run it without --only-import")
    if args.step:
        rows = STEPS[args.step](Paths(args.work, args.articles, args.import_sample), args)
        args.json.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
        return 0
    args.work.mkdir(parents=True, exist_ok=True)
    runner = Runner(args)
    runner.run()
    md = table(runner.rows, args)
    print(md)
    if args.write:
        write(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
