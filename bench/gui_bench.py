"""GUI timings and memory against the targets of issue #5; prints a Markdown table. Not a test.

    QT_QPA_PLATFORM=offscreen python bench/gui_bench.py [--project BIG.annotator] [--json OUT.json]
        [--repeat N] [--keep DIR] [--articles N]

Rows (each latency timed until the window has processed the events the action posted, which
includes laying out and repainting every widget that changed; offscreen, so no compositor time):

- switching to a 3,000-character article with 50 annotations and to a 200,000-character article
  with 2,000 annotations (load, render, highlights), one stance edit committed and repainted, and
  the commit alone; on a small generated project (`annotated.annotator`);
- the big project: opening it in the GUI (window built, first article shown, painted), scrolling
  its article list a page at a time and jumping to random positions (the far end among them), and
  the peak resident memory after opening and scrolling. `--project` names the project (for example
  the SaudiNewsNet one of bench/corpus.py); without it a synthetic project of `--articles` short
  articles is generated (`build_huge_project`: its full-text index is empty, which the rows say);
- start-up to a painted window: a fresh `bench/startup_probe.py BIG` process (main.py plus a
  first-paint probe) timed from spawn to the first paint of the main window.

Memory: the annotated rows and the big-project rows each run in their own child process (this
script again, with `--group`), so the big project's memory is never mixed with the 200,000-character
article's; the start-up probe is a process of its own too. Within a child, each row's `peak_rss_mb`
is the peak resident set size (VmHWM) of the process while that row ran: the peak is reset before
the row through /proc/self/clear_refs (Linux) and read from /proc/self/status after it, so it
includes what was resident before (the interpreter, Qt, the open window).

The big project is opened read-mostly: the windows run as annotator "bench" without recording time
and are closed without an edit, so the only change left in it is the row "bench" in `annotators`
(plus WAL mode, which every project file has already). `--json` writes the rows as a list of
{"step", "median_ms", "p95_ms", "value", "target", "met", "peak_rss_mb"}. Generated projects and
settings go to a temporary folder removed at the end, or to `--keep DIR`, where they are reused.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pyarabic.araby import tokenize_with_location  # noqa: E402
from PySide6.QtCore import QEvent, QObject, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QAbstractSlider, QApplication  # noqa: E402

from annotator.core.boilerplate import detect_segments  # noqa: E402
from annotator.core.model import AUTHOR, Actor, Alias  # noqa: E402
from annotator.core.text import canonicalize, sha256_text  # noqa: E402
from annotator.resources import resource  # noqa: E402
from annotator.storage.project import ArticleRecord, Project, now  # noqa: E402
from annotator.ui.app import build_main_window, ensure_application  # noqa: E402
from annotator.ui.settings import AppSettings  # noqa: E402
from rows import latency_row, markdown, memory_mb, value_row  # noqa: E402

TARGETS_MS = {"small": 30, "large": 300, "edit": 10, "open": 2000}
TARGET_RSS_MB = 400
COLORS = ["#c62828", "#1565c0", "#2e7d32", "#6a1b9a", "#f9a825", "#00897b", "#5d4037", "#37474f"]
HERE = Path(__file__).resolve().parent


def sample_text(length: int, salt: str) -> str:
    samples = [canonicalize(p.read_text(encoding="utf-8")) for p in sorted(resource("samples").glob("*.txt"))]
    body = "\n".join(samples)
    text = f"{salt} 😀\n"
    while len(text) < length:
        text += body + "\n"
    return text[:length].rstrip() + "."


def add_annotated_article(project: Project, length: int, annotations: int, salt: str) -> str:
    """An article of about `length` characters with `annotations` mentions and evidence spans."""
    text = sample_text(length, salt)
    with project.db.atomic():
        aid = project.add_article(ArticleRecord(text=text, raw=text.encode(), encoding="utf-8", title=salt,
                                                source="bench"), detect_segments(text))
    words = tokenize_with_location(text)
    n_stances = max(2, annotations // 20)
    n_evidence = n_stances * 2
    n_mentions = annotations - n_stances - n_evidence
    step = max(1, len(words) // n_mentions)
    actors = [a.id for a in project.actors()]
    ts = now()
    mentions = [
        (f"{aid}-m{i}", aid, actors[i % len(actors)], w["start"], w["end"], "", "auto",
         "proposed" if i % 3 else "accepted", "bench", "", ts, ts)
        for i, w in enumerate(words[::step][:n_mentions])
    ]
    with project.db.atomic():
        project.conn.executemany(
            'INSERT INTO mentions(id, article_id, actor_id, start, "end", prefix, origin, status, annotator,'
            " alias_id, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", mentions)
    for i in range(n_stances):
        sid = project.set_stance(aid, AUTHOR, actors[i % len(actors)], ["FAVOR", "AGAINST", "NONE"][i % 3], "bench")
        for j in range(2):
            w = words[(i * 2 + j) * (len(words) // n_evidence)]
            project.add_evidence(sid, w["start"], min(len(text), w["end"] + 40), "bench")
    return aid


def build_annotated_project(path: Path) -> tuple[list[str], list[str]]:
    project = Project.create(path)
    project.conn.execute("PRAGMA synchronous = OFF")
    for i in range(20):
        project.upsert_actor(Actor(f"A{i}", f"فاعل {i}", f"Actor {i}", "state", COLORS[i % len(COLORS)],
                                   [Alias(f"فاعل{i}")]))
    small = [add_annotated_article(project, 3000, 50, f"small {i}") for i in range(2)]
    large = [add_annotated_article(project, 200_000, 2000, f"large {i}") for i in range(2)]
    project.close()
    return small, large


def build_huge_project(path: Path, n: int) -> None:
    """A project of `n` short articles, written with executemany (the full-text index is left empty)."""
    Project.create(path).close()
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA synchronous = OFF")
    ts = now()

    def rows():
        for i in range(n):
            text = f"خبر رقم {i}: قال مسؤول إن المحادثات مستمرة."
            sha = sha256_text(text)
            yield (i + 1, sha[:20], f"عنوان الخبر {i}", "bench", b"", "", "utf-8", text, sha, ts)

    conn.executemany(
        "INSERT INTO articles(n, id, title, source, raw, raw_sha256, encoding, text, text_sha256, imported_at)"
        " VALUES (?,?,?,?,?,?,?,?,?,?)", rows())
    conn.commit()
    conn.close()


def settle(app: QApplication) -> None:
    """Process the events an action posted: layouts, and the repaint of every widget it changed."""
    app.processEvents()


def timed(fn, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def commit_times(session, repeat: int = 30) -> list[float]:
    """Milliseconds of `Project.apply` alone for a stance edit (durable: synchronous=FULL)."""
    project, aid = session.project, session.state.article_id
    times = []
    for i in range(repeat):
        edit = project.edit_set_stance(aid, AUTHOR, "A2", ["FAVOR", "AGAINST"][i % 2], session.annotator)
        t0 = time.perf_counter()
        project.apply(edit, session.annotator)
        times.append((time.perf_counter() - t0) * 1000)
    return times


def reset_peak() -> None:
    """Start measuring the peak resident size afresh (Linux 4.0+: "5" resets VmHWM to VmRSS)."""
    Path("/proc/self/clear_refs").write_text("5")


def measured(fn):
    """Run `fn()`; returns (its result, the peak resident MB of the process while it ran)."""
    reset_peak()
    result = fn()
    return result, round(memory_mb()[1], 1)


class PaintCount(QObject):
    """Counts the Paint events of the widgets it is installed on, to check a step repainted."""

    def __init__(self, *widgets):
        super().__init__()
        self.count = 0
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def settle_painted(app: QApplication, paints: PaintCount, before: int) -> None:
    """Process events until the watched widgets have been painted (at most 100 rounds)."""
    for _ in range(100):
        settle(app)
        if paints.count > before:
            return
    raise RuntimeError("the step never repainted the watched widget")


def annotated_rows(folder: Path, repeat: int) -> list[dict]:
    """Article switch and edit rows on the generated annotated project (made in `folder` once)."""
    app = ensure_application()
    annotated = folder / "annotated.annotator"
    if not annotated.exists():
        small, large = build_annotated_project(annotated)
    else:
        with Project.open(annotated) as p:
            ids = p.article_ids()
        small, large = ids[:2], ids[2:4]
    window = build_main_window(annotated, AppSettings.at(folder / "settings.ini"), "bench", record_time=False)
    window.resize(1500, 900)
    window.show()
    settle(app)
    session = window.session
    rows = []

    for name, ids, label in (("small", small, "switch to a 3,000-char article, 50 annotations"),
                             ("large", large, "switch to a 200,000-char article, 2,000 annotations")):
        turn = iter(range(10**9))

        def switch(ids=ids, turn=turn):
            session.open_article(ids[next(turn) % 2])
            settle(app)

        switch()
        times, peak = measured(lambda: timed(switch, repeat))
        rows.append(latency_row(label, times, TARGETS_MS[name], peak))

    for ids, label in ((small, "stance edit committed and repainted (3,000 chars)"),
                       (large, "stance edit committed and repainted (200,000 chars)")):
        session.open_article(ids[0])
        settle(app)
        window.stance_panel.select_target("A1")
        keys = iter(range(10**9))

        def edit(keys=keys):
            QTest.keyClick(window.article_view, [Qt.Key.Key_1, Qt.Key.Key_2][next(keys) % 2])
            settle(app)

        edit()
        times, peak = measured(lambda: timed(edit, repeat))
        rows.append(latency_row(label, times, TARGETS_MS["edit"], peak))
        times, peak = measured(lambda: commit_times(session, repeat))
        rows.append(latency_row("  of which the commit alone (one transaction, fsync)", times, None, peak))
    window.close()
    return rows


def big_rows(folder: Path, project: Path, about: str, repeat: int) -> list[dict]:
    """Open `project` in the GUI several times, then scroll its article list; with memory."""
    app = ensure_application()
    settings = AppSettings.at(folder / "settings-big.ini")
    with Project.open(project) as p:
        total = p.count_articles()
    opens = max(5, repeat // 4)
    windows = []

    def open_once() -> float:
        t0 = time.perf_counter()
        window = build_main_window(project, settings, "bench", record_time=False)
        paints = PaintCount(window, window.article_view.viewport())
        settle_painted(app, paints, 0)
        elapsed = (time.perf_counter() - t0) * 1000
        if window.session.state is None or window.article_list.model.total != total:
            raise RuntimeError(f"{project}: the window did not show its first article")
        windows.append(window)
        return elapsed

    def open_all() -> list[float]:
        times = []
        for i in range(opens):
            times.append(open_once())
            if i < opens - 1:
                old = windows.pop()
                old.close()
                old.deleteLater()
                app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return times

    reset_peak()
    times, open_peak = measured(open_all)
    rows = [latency_row(f"open the {about} in the GUI: window built, first article shown, painted",
                        times, TARGETS_MS["open"], open_peak)]

    table = windows[0].article_list.table
    bar = table.verticalScrollBar()
    paints = PaintCount(table.viewport())

    def page_down() -> None:
        if bar.value() == bar.maximum():
            bar.setValue(0)
            settle(app)
        before = paints.count
        bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
        settle_painted(app, paints, before)

    rng = random.Random(5)
    jumps = iter(range(10**9))

    def jump() -> None:
        i = next(jumps)
        target = bar.maximum() if i % 4 == 0 else rng.randrange(bar.maximum() + 1)
        if target == bar.value():
            target = 0 if target else bar.maximum()
        before = paints.count
        bar.setValue(target)
        settle_painted(app, paints, before)

    times, pages_peak = measured(lambda: timed(page_down, repeat))
    rows.append(latency_row(f"scroll the article list one page ({about}), repainted", times, None, pages_peak))
    times, jumps_peak = measured(lambda: timed(jump, repeat))
    rows.append(latency_row(f"jump to a random place in the article list, every 4th to row {total:,} ({about}),"
                            " repainted", times, None, jumps_peak))
    peak = max(open_peak, pages_peak, jumps_peak)
    resident = memory_mb()[0]
    rows.append(value_row(f"peak resident memory, {about} opened {opens} times and scrolled",
                          f"{peak:.0f} MB peak, {resident:.0f} MB resident after", f"< {TARGET_RSS_MB} MB",
                          peak < TARGET_RSS_MB, peak))
    windows[0].close()
    return rows


def startup_rows(folder: Path, project: Path, about: str, repeat: int) -> list[dict]:
    """Spawn bench/startup_probe.py on `project` several times: spawn to first paint."""
    config = folder / "startup-config"
    config.mkdir(exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               XDG_CONFIG_HOME=str(config), XDG_DATA_HOME=str(config))
    times, peaks = [], []
    for _ in range(max(5, repeat // 4)):
        t0 = time.monotonic()
        out = subprocess.run([sys.executable, str(HERE / "startup_probe.py"), str(project)], env=env,
                             capture_output=True, text=True, check=True)
        report = json.loads(out.stdout.strip().splitlines()[-1])
        if report["article"] is None:
            raise RuntimeError(f"start-up probe: no article shown\n{out.stderr}")
        times.append((report["painted"] - t0) * 1000)
        peaks.append(report["peak_rss_mb"])
    return [latency_row(f"start-up to a painted window (new process, python main.py on the {about})", times,
                        None, max(peaks))]


def run_group(group: str, args: argparse.Namespace, folder: Path, extra: list[str]) -> list[dict]:
    """Run one group of rows in a child process (this script with --group); returns its rows."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rows.json"
        subprocess.run([sys.executable, __file__, "--group", group, "--keep", str(folder),
                        "--repeat", str(args.repeat), "--rows", str(out), *extra], check=True)
        return json.loads(out.read_text(encoding="utf-8"))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, help="the big project (default: a generated synthetic one)")
    parser.add_argument("--articles", type=int, default=1_000_000, help="size of the synthetic big project")
    parser.add_argument("--repeat", type=int, default=30, help="timings per latency row")
    parser.add_argument("--json", type=Path, help="also write the rows to this JSON file")
    parser.add_argument("--keep", type=Path, help="keep the generated projects in this folder")
    parser.add_argument("--group", choices=("annotated", "big"), help=argparse.SUPPRESS)
    parser.add_argument("--rows", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--about", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.group is not None:  # a child process: one group of rows, in the parent's folder
        if args.group == "annotated":
            rows = annotated_rows(args.keep, args.repeat)
        else:
            rows = big_rows(args.keep, args.project, args.about, args.repeat)
        args.rows.write_text(json.dumps(rows), encoding="utf-8")
        return 0
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
        return measure(args, args.keep)
    with tempfile.TemporaryDirectory(prefix="gui-bench-") as tmp:
        return measure(args, Path(tmp))


def measure(args: argparse.Namespace, folder: Path) -> int:
    """Every row, the groups in child processes; generated projects and settings go to `folder`."""
    if args.project is not None:
        big = args.project.resolve()
        with Project.open(big) as p:
            about = f"{p.count_articles():,}-article project {big.name}"
    else:
        big = folder / f"huge-{args.articles}.annotator"
        if not big.exists():
            t0 = time.perf_counter()
            build_huge_project(big, args.articles)
            print(f"generated {args.articles:,} articles in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        about = f"{args.articles:,}-article synthetic project (full-text index empty)"
    rows = run_group("annotated", args, folder, [])
    rows += run_group("big", args, folder, ["--project", str(big), "--about", about])
    rows += startup_rows(folder, big, about, args.repeat)
    print("\n".join(markdown(rows)))
    if args.json is not None:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
