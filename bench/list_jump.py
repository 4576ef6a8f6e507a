"""Far jumps in a filtered article list: timings per filter; prints a Markdown table. Not a test.

    QT_QPA_PLATFORM=offscreen python bench/list_jump.py PROJECT [--annotator ann1] [--repeat 3]
        [--jumps 10] [--query WORD] [--actor ID] [--only NAME] [--json OUT.json]

Opens PROJECT read-only (SQLite `immutable`: nothing is written, no migration runs, so the file must
already have this annotator's schema) and drives `ArticleListModel` as the view does, for each
filter: the count alone (`Project.count_filtered`), choosing the filter (what the list reads
before it shows anything), the first screen, a jump to the last screen right after choosing the
filter (nothing cached), each `--repeat` times, and `--jumps` jumps to random rows (seeded) one
after the other, each reading the rows a view shows there. The first of the repeats is the one a
cold page cache slows down: the p95 column of a row of 3 repeats is its slowest.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import sys
import time
from pathlib import Path
from types import SimpleNamespace

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.storage.project import Project  # noqa: E402
from annotator.ui.article_list import ArticleFilter, ArticleListModel  # noqa: E402
from rows import latency_row, markdown  # noqa: E402

VISIBLE_ROWS = 30


def open_read_only(path: Path) -> Project:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
    return Project(conn, path)


def ms(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def show(model: ArticleListModel, row: int) -> None:
    """Read what a view scrolled to `row` asks for: that row and the ones below it on screen."""
    for r in range(row, min(row + VISIBLE_ROWS, model.total)):
        if model.article_id(r) is None:
            raise RuntimeError(f"row {r} of {model.total} has no article")


def filter_rows(project: Project, annotator: str, name: str, article_filter: ArticleFilter, repeat: int,
                jumps: int, seed: int) -> list[dict]:
    session = SimpleNamespace(project=project, annotator=annotator, state=None)
    model = ArticleListModel(session)
    args = {"status": article_filter.status, "annotator": annotator, "actor": article_filter.actor,
            "query": article_filter.query}
    counts, chooses, firsts, ends = [], [], [], []
    for _ in range(repeat):
        counts.append(ms(lambda: project.count_filtered(**args)))
        chooses.append(ms(lambda: model.set_filter(article_filter)))
        firsts.append(ms(lambda: show(model, 0)))
        model.set_filter(article_filter)  # forget the pages read so far
        ends.append(ms(lambda: show(model, max(0, model.total - VISIBLE_ROWS))))
    total = model.total
    model.set_filter(article_filter)
    rng = random.Random(seed)
    times = [ms(lambda: show(model, rng.randrange(total))) for _ in range(jumps)] if total else [0.0]
    about = f"{name}: {total:,} rows"
    return [
        latency_row(f"{about}: count", counts, None),
        latency_row(f"{about}: choose the filter", chooses, None),
        latency_row(f"{about}: show the first screen", firsts, None),
        latency_row(f"{about}: jump to the end", ends, None),
        latency_row(f"{about}: {jumps} random jumps", times, None),
    ]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--annotator", default="ann1")
    parser.add_argument("--repeat", type=int, default=3, help="timings of the count, the choice and the end jump")
    parser.add_argument("--jumps", type=int, default=10)
    parser.add_argument("--query", default="السعودية")
    parser.add_argument("--actor", default="TUR")
    parser.add_argument("--only", help="run only the filters whose name contains this")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    if not args.project.is_file():
        parser.error(f"{args.project}: no such project file")
    QApplication.instance() or QApplication([])
    project = open_read_only(args.project)
    filters = {
        "no filter": ArticleFilter(),
        "status new": ArticleFilter(status="new"),
        "status done": ArticleFilter(status="done"),
        f"text {args.query!r}": ArticleFilter(query=args.query),
        f"status new, text {args.query!r}": ArticleFilter(status="new", query=args.query),
        f"status done, text {args.query!r}": ArticleFilter(status="done", query=args.query),
        f"actor {args.actor}": ArticleFilter(actor=args.actor),
        f"status new, actor {args.actor}": ArticleFilter(status="new", actor=args.actor),
    }
    rows = []
    for i, (name, article_filter) in enumerate(filters.items()):
        if args.only and args.only not in name:
            continue
        rows += filter_rows(project, args.annotator, name, article_filter, args.repeat, args.jumps, seed=i)
        print(f"[list_jump] {name} done", file=sys.stderr)
    print(f"Project: {args.project} (annotator {args.annotator}), read-only.\n")
    print("\n".join(markdown(rows)))
    if args.json is not None:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
