"""GUI timings against their targets; prints a Markdown table. Not a test: run it by hand.

    QT_QPA_PLATFORM=offscreen python bench/gui_bench.py [--articles 1000000] [--keep DIR]

Scenarios: switching to a 3,000-character article with 50 annotations and to a 200,000-character
article with 2,000 annotations, one stance edit committed, and opening a project of a million
articles; each timed until the window has processed the resulting events, which includes laying out
and repainting every widget that changed (offscreen, so no compositor time).
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pyarabic.araby import tokenize_with_location  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.core.boilerplate import detect_segments  # noqa: E402
from annotator.core.model import AUTHOR, Actor, Alias  # noqa: E402
from annotator.core.text import canonicalize, sha256_text  # noqa: E402
from annotator.resources import resource  # noqa: E402
from annotator.storage.project import ArticleRecord, Project, now  # noqa: E402
from annotator.ui.app import build_main_window, ensure_application  # noqa: E402
from annotator.ui.settings import AppSettings  # noqa: E402

TARGETS_MS = {"small": 30, "large": 300, "edit": 10, "open": 2000}
COLORS = ["#c62828", "#1565c0", "#2e7d32", "#6a1b9a", "#f9a825", "#00897b", "#5d4037", "#37474f"]


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


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000_000, help="size of the big project")
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--keep", type=Path, help="keep the generated projects in this folder")
    args = parser.parse_args(argv)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="gui-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    app = ensure_application()
    results = []

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

    for name, ids, label in (("small", small, "switch to a 3,000-char article, 50 annotations"),
                             ("large", large, "switch to a 200,000-char article, 2,000 annotations")):
        turn = iter(range(10**9))

        def switch(ids=ids, turn=turn):
            session.open_article(ids[next(turn) % 2])
            settle(app)

        switch()
        results.append((label, timed(switch, args.repeat), TARGETS_MS[name]))

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
        results.append((label, timed(edit, args.repeat), TARGETS_MS["edit"]))
        results.append(("  of which the commit alone (one transaction, fsync)", commit_times(session), None))
    window.close()

    huge = folder / f"huge-{args.articles}.annotator"
    if not huge.exists():
        t0 = time.perf_counter()
        build_huge_project(huge, args.articles)
        print(f"generated {args.articles:,} articles in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    open_times = []
    for _ in range(5):
        t0 = time.perf_counter()
        big = build_main_window(huge, AppSettings.at(folder / "settings-huge.ini"), "bench", record_time=False)
        settle(app)
        open_times.append((time.perf_counter() - t0) * 1000)
        assert big.session.state is not None and big.article_list.model.total == args.articles
        big.close()
        app.processEvents()
    results.append((f"open a {args.articles:,}-article project, first article shown", open_times, TARGETS_MS["open"]))

    print("| scenario | median ms | p95 ms | target ms | met |")
    print("|---|---:|---:|---:|:---:|")
    for label, times, target in results:
        med, high = statistics.median(times), p95(times)
        if target is None:
            print(f"| {label} | {med:.1f} | {high:.1f} | | |")
        else:
            print(f"| {label} | {med:.1f} | {high:.1f} | < {target} | {'yes' if high < target else 'NO'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
