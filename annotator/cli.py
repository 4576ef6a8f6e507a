"""Command line: a thin layer over the Python API (`annotator.api`). The GUI is imported lazily."""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path

from . import __version__
from .core import strict_json
from .core.terminal import for_terminal as t
from .core.terminal import terminal_safe
from .storage.project import ProjectError, is_busy

COMMANDS = (
    "init", "import", "actors", "suggest", "export", "stats", "search", "undo", "redo", "gui", "screenshot",
    "assign", "merge", "agreement", "adjudicate", "pack", "learn", "suggest-stances", "queue",
)


@contextmanager
def _open(path: str, writes: str = ""):
    """The open project. A command that `writes` (its name) records itself in the project's presence
    record while it runs, and notes on stderr who else has the project open."""
    from .storage.presence import Presence
    from .storage.project import Project

    with Project.open(path) as project:
        if not writes:
            yield project
            return
        project.refuse_if_read_only(f"annotator {writes}")
        presence = Presence(project.path, writes)
        others = presence.enter()
        if others:
            who = "; ".join(
                (f"the annotation window of {t(h.annotator)}" if h.program == "gui" else f"annotator {t(h.program)}")
                + f" since {t(h.since)}" + ("" if h.is_here() else f" on {t(h.host)}") for h in others
            )
            print(f"annotator {writes}: note: {t(path)} is also open elsewhere ({who}); this is safe, and the "
                  "window shows these changes after Refresh (F5)", file=sys.stderr)
        try:
            yield project
        finally:
            presence.leave()


def cmd_init(args) -> int:
    from .sample import create_project, create_sample_project, load_actors

    if args.sample:
        create_sample_project(args.project)
        print(f"created {t(args.project)} with the sample articles, lexicon and guidelines")
        return 0
    loaded = []

    def fill(p) -> None:
        if args.lexicon:
            loaded.append(load_actors(p, args.lexicon))
        if args.guidelines:
            p.set_setting("guidelines", Path(args.guidelines).read_text(encoding="utf-8"))

    create_project(args.project, fill, name=args.name or "")
    if loaded:
        print(f"loaded {loaded[0]} actor(s) from {t(args.lexicon)}")
    print(f"created {t(args.project)}")
    return 0


def cmd_import(args) -> int:
    from .ingest import StderrProgress, import_paths
    from .io.readers import ReadOptions

    opts = ReadOptions(
        encoding=args.encoding, text_field=args.text_field, title_field=args.title_field,
        id_field=args.id_field, text_column=args.text_column, max_chars=args.max_chars,
    )
    if args.format in ("label-studio", "doccano"):
        return _import_interop(args)
    if args.offsets or args.create_actors:
        raise ValueError("--offsets and --create-actors are for --format label-studio or doccano")
    bar = StderrProgress()
    with _open(args.project, "import") as p:
        try:
            report = import_paths(p, args.paths, fmt=args.format, options=opts, suggest=not args.no_suggest, progress=bar,
                                  follow_links=args.follow_links)
        finally:
            bar.close()
    print(report.summary(max_skipped=args.max_errors))
    return 0 if report.imported or report.duplicates else 1


def _import_interop(args) -> int:
    from .io.interop import import_annotations

    with _open(args.project, "import") as p:
        report = import_annotations(p, args.paths, args.format, offsets=args.offsets, text_field=args.text_field,
                                    create_actors=args.create_actors, suggest=not args.no_suggest,
                                    max_chars=args.max_chars)
    print(report.summary(max_skipped=args.max_errors))
    return 0 if report.imported or report.duplicates else 1


def cmd_actors(args) -> int:
    from .sample import load_actors

    with _open(args.project, "actors" if args.load else "") as p:
        if args.load:
            n = load_actors(p, args.load)
            print(f"loaded {n} actor(s) from {t(args.load)}")
            _warn_close_colors(p.actors())
            if args.suggest:
                print(f"proposed {p.suggest()} new mention(s)")
        if args.export:
            from .io.lexicon import export_lexicon

            n = export_lexicon(p.actors(), args.export, project_path=p.path)
            print(f"wrote {n} actor(s) to {args.export}")
        if args.list or not (args.load or args.export):
            for a in p.actors():
                aliases = " | ".join(t(al.surface) for al in a.aliases)
                print("\t".join(t(x) for x in (a.id, a.type, a.name_ar, a.name_en)) + f"\t{aliases}")
    return 0


def _warn_close_colors(actors) -> None:
    """Warn on stderr about actors whose colours are hard to tell apart in the window."""
    from .core.actors import close_colors

    for a, b, distance in close_colors({actor.id: actor.color for actor in actors}):
        print(f"annotator actors: warning: {a} and {b} have colours that are hard to tell apart"
              f" (distance {distance:.0f} of at least 20); give one of them another colour", file=sys.stderr)


def cmd_suggest(args) -> int:
    with _open(args.project, "suggest") as p:
        ids = [args.article] if args.article else None
        if args.article:
            p.article_text(args.article)
        n = p.suggest(ids)
    print(f"proposed {n} new mention(s)")
    return 0


def cmd_export(args) -> int:
    from .io.export import export

    with _open(args.project) as p:
        report = export(
            p, args.output, args.format, status=args.status, annotator=args.annotator, split=args.split,
            seed=args.seed, split_files=args.split_files, window=args.window, offsets=args.offsets,
            doccano_type=args.doccano_type, suggestions=args.suggestions,
        )
    print(report.summary())
    for warning in report.warnings:
        print(f"annotator export: warning: {warning}", file=sys.stderr)
    return 0


def cmd_stats(args) -> int:
    with _open(args.project) as p:
        s = p.stats()
    if args.json:
        print(strict_json.dumps(s, ensure_ascii=False, indent=2))  # valid JSON through terminal_safe
        return 0
    print(f"articles: {s['articles']}")
    print("status by annotator:" + ("" if s["status"] else " none"))
    for ann, counts in sorted(s["status"].items()):
        hours = (s["seconds"].get(ann) or 0) / 3600
        print(f"  {t(ann)}: " + ", ".join(f"{t(k)} {v}" for k, v in sorted(counts.items())) + f"  ({hours:.2f} h)")
    print("stances by label: " + (", ".join(f"{t(k)} {v}" for k, v in s["stances_by_label"].items()) or "none"))
    print("stances by target actor:" + ("" if s["stances_by_target"] else " none"))
    for target, counts in s["stances_by_target"].items():
        print(f"  {t(target)}: " + ", ".join(f"{t(k)} {v}" for k, v in counts.items()))
    print("stances by annotator: " + (", ".join(f"{t(k)} {v}" for k, v in s["stances_by_annotator"].items()) or "none"))
    print("mentions: " + (", ".join(f"{t(k)} {v}" for k, v in s["mentions"].items()) or "none"))
    _print_team_stats(s)
    return 0


def _rate(value, unit: str) -> str:
    return "n/a" if value is None else f"{value:g} {unit}"


def _print_team_stats(s: dict) -> None:
    a = s["adjudication"]
    print(f"adjudication: {a['articles']} article(s) done by 2+ annotators, {a['items']} item(s),"
          f" {a['disagreements']} with disagreement, {a['adjudicated']} adjudicated, {a['remaining']} open;"
          f" {a['gold_stances']} gold stance(s)")
    print("throughput by annotator:" + ("" if s["throughput"] else " none"))
    for ann, r in s["throughput"].items():
        print(f"  {t(ann)}: {r['done']} done, {_rate(r['done_per_hour'], 'done/h')} by time open,"
              f" {_rate(r['done_per_log_hour'], 'done/h')} by edit times;"
              f" {_rate(r['seconds_per_article'], 's/article')}, {_rate(r['seconds_per_stance'], 's/stance')},"
              f" {r['edits']} edit(s), {_rate(r['seconds_per_edit'], 's/edit')}")


def cmd_assign(args) -> int:
    from .team.assign import assign

    with _open(args.project, "assign") as p:
        report = assign(p, args.annotators.split(","), args.out, overlap=args.overlap,
                        per_overlap=args.overlap_annotators, seed=args.seed, limit=args.articles)
    print(report.summary())
    return 0


def cmd_merge(args) -> int:
    from .team.merge import merge_file

    if args.owner is not None and len(args.files) != 1:
        raise ValueError("--as names the owner of one file; merge the files one by one")
    failed = 0
    with _open(args.project, "merge") as p:
        for path in args.files:
            try:
                print(merge_file(p, path, owner=args.owner).summary())
            except ProjectError as e:
                print(f"annotator merge: {t(e)}", file=sys.stderr)
                failed += 1
    return 2 if failed else 0


def cmd_agreement(args) -> int:
    from .team.chart import write_alpha_chart
    from .storage.safe_files import check_output_path
    from .team.measure import agreement_report, format_report

    if args.chart:
        check_output_path(args.chart, protect=[args.project])
    with _open(args.project) as p:
        report = agreement_report(p)
        colors = {a.id: a.color for a in p.actors()}
    print(strict_json.dumps(report, ensure_ascii=False, indent=2) if args.json else format_report(report))
    if args.chart:
        print(f"wrote {t(write_alpha_chart(report, args.chart, colors, protect=[args.project]))}", file=sys.stderr)
    return 0


def _list_disagreements(p, article: str | None, open_only: bool) -> None:
    from .team.adjudicate import disagreements

    shown = adjudicated = 0
    for item in disagreements(p, [article] if article else None, open_only=open_only):
        labels = "  ".join(f"{t(a)}={t(label)}" for a, label in sorted(item.labels.items()))
        gold = t(item.gold["label"]) if item.gold else "-"
        print(f"{t(item.article_id)}\t{t(item.holder)} -> {t(item.target)}\t{labels}\tgold: {gold}")
        shown += 1
        adjudicated += item.gold is not None
    print(f"{shown} disagreement(s), {adjudicated} adjudicated")


def cmd_adjudicate(args) -> int:
    from .team.adjudicate import accept_agreed

    writes = args.accept_agreed or args.set or args.clear
    if writes and not args.adjudicator:
        raise ValueError("name the adjudicator with --adjudicator NAME")
    with _open(args.project, "adjudicate" if writes else "") as p:
        if args.accept_agreed:
            n = accept_agreed(p, args.adjudicator, min_coders=args.min_coders,
                              article_ids=[args.article] if args.article else None)
            print(f"stored {n} agreed item(s) as gold")
        elif args.set:
            aid, holder, target, label = args.set
            p.set_gold(aid, holder, target, label, args.adjudicator, note=args.note)
            print(f"gold: {t(holder)} -> {t(target)} is {t(label)} in article {t(aid)}")
        elif args.clear:
            aid, holder, target = args.clear
            p.clear_gold(aid, holder, target, args.adjudicator)
            print(f"cleared the gold stance of {t(holder)} -> {t(target)} in article {t(aid)}")
        else:
            _list_disagreements(p, args.article, args.open)
    return 0


def cmd_search(args) -> int:
    with _open(args.project) as p:
        found = p.search(args.query, limit=args.limit, prefix=args.prefix)
        for aid in found:
            a = p.article(aid)
            print(f"{t(aid)}\t{t(a['title'][:80])}")
    if not found:
        hint = "" if args.prefix else "; --prefix also finds words that start with the last word"
        print(f"annotator search: no article matches '{t(args.query)}'{hint}", file=sys.stderr)
        return 1
    return 0


def cmd_undo(args, redo: bool = False) -> int:
    with _open(args.project, "redo" if redo else "undo") as p:
        edit = p.redo(args.annotator) if redo else p.undo(args.annotator)
    if edit is None:
        print("nothing to " + ("redo" if redo else "undo"))
        return 1
    print(("redone: " if redo else "undone: ") + f"{t(edit.action)} on article {t(edit.article_id)}")
    return 0


def no_display_reason() -> str:
    """Why no window can be shown here, or '' when one can (or Qt was told where to draw)."""
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM")
    ):
        return ("no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set); run it in a desktop "
                "session, or use `annotator screenshot` to render the window to a PNG without one")
    return ""


def cmd_pack(args) -> int:
    with _open(args.project) as p:
        target = p.pack(args.output)
    print(f"wrote {t(target)}: one self-contained file with every saved edit; send this file alone")
    return 0


def cmd_gui(args) -> int:
    reason = no_display_reason()
    if reason:
        print(f"annotator gui: {reason}", file=sys.stderr)
        return 2
    from .ui.app import run_gui

    return run_gui(args.project, annotator=args.annotator)


def cmd_screenshot(args) -> int:
    from .ui.app import render_screenshot

    render_screenshot(args.project, args.output, article_id=args.article, language=args.language)
    print(f"wrote {t(args.output)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="annotator",
        description="Annotate the stance Arabic news articles take toward actors; one SQLite file per project.",
    )
    ap.add_argument("--version", action="version", version=f"annotator {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("init", help="create a new project file", description="Create a new project file: empty, or with a lexicon and guidelines, or (--sample) filled "
                       "with the bundled sample articles, lexicon and guidelines.")
    p.add_argument("project", help="path of the project file to create (e.g. news.annotator)")
    p.add_argument("--name", help="project name (default: the file name)")
    p.add_argument("--lexicon", help="TOML actor lexicon to load into the new project")
    p.add_argument("--guidelines", help="Markdown file with the annotation guidelines")
    p.add_argument("--sample", action="store_true", help="fill it with the bundled sample articles and lexicon")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser(
        "import", help="import articles (txt, jsonl, csv, html, docs)",
        description="Import articles. Folders are read recursively. Bad files or lines are reported by "
        "file:line and skipped; duplicates (same text) are counted and skipped. Symbolic links that point "
        "outside the files and folders named are reported and skipped (see --follow-links); pipes, devices "
        "and anything under /proc, /sys or /dev are never read. Exits non-zero only when nothing could be imported.",
    )
    p.add_argument("project")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("--format", default="auto",
                   choices=["auto", "txt", "jsonl", "csv", "html", "docs", "label-studio", "doccano"],
                   help="reader to use (default: by extension and content); docs = our own docs export; "
                   "label-studio (JSON, JSON_MIN) and doccano (JSONL) bring their annotations along")
    p.add_argument("--offsets", choices=["codepoints", "utf16"],
                   help="doccano: unit of the span offsets (default codepoints; utf16 for spans drawn in "
                   "doccano's page after emoji)")
    p.add_argument("--create-actors", action="store_true",
                   help="label-studio/doccano: create an actor for every span label that is no actor code "
                   "(default: list them and leave their spans out)")
    p.add_argument("--encoding", help="force the input encoding (default: BOM, UTF-8, then cp1256/ISO-8859-6)")
    p.add_argument("--text-field", help="JSON field holding the article text (default: text, then content)")
    p.add_argument("--title-field", help="JSON/CSV field holding the title (default: title)")
    p.add_argument("--id-field", help="JSON/CSV field holding the source's id (default: id)")
    p.add_argument("--text-column", help="CSV column holding the article text (default: text, then content)")
    p.add_argument("--no-suggest", action="store_true", help="do not propose actor mentions after import")
    p.add_argument("--max-chars", type=int, default=5_000_000, metavar="N",
                   help="longest article accepted, in characters (default 5,000,000); longer ones are refused")
    p.add_argument("--max-errors", type=int, default=50, help="how many skipped records to list (default 50)")
    p.add_argument("--follow-links", action="store_true",
                   help="read symbolic links that point outside the files and folders named (default: report and "
                   "skip them); nothing under /proc, /sys or /dev is ever read")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("actors", help="load, export or list the actor lexicon",
                       description="Add/update actors and aliases from a TOML lexicon, write the lexicon out as TOML, or list it.")
    p.add_argument("project")
    p.add_argument("--load", metavar="FILE.toml", help="TOML lexicon to add or update")
    p.add_argument("--list", action="store_true",
                   help="list actors and aliases (the default without --load or --export)")
    p.add_argument("--export", metavar="FILE.toml",
                   help="write the project's lexicon (with actors made in the window) as TOML")
    p.add_argument("--suggest", action="store_true", help="after --load, propose mentions in all articles")
    p.set_defaults(func=cmd_actors)

    p = sub.add_parser("suggest", help="propose actor mentions from the lexicon",
                       description="Store proposed mentions (clitic-aware, whole words, datelines and "
                       "boilerplate excluded). Running it again adds only new ones.")
    p.add_argument("project")
    p.add_argument("--article", metavar="ID", help="only this article")
    p.set_defaults(func=cmd_suggest)

    p = sub.add_parser("export", help="export JSONL (docs, pairs, doccano, label-studio)",
                       description="Export annotations. The file is written to a temporary name and renamed "
                       "when complete. label-studio also writes NAME.label_config.xml beside it. A project (or its "
                       "-wal/-shm/.open), any SQLite file, a device, a FIFO, a folder or a symbolic link is refused as "
                       "output. With --split-files, a split without lines gets no file (datasets cannot load an empty "
                       "one) and a warning.")
    p.add_argument("project")
    p.add_argument("-o", "--output", required=True, help="output file")
    p.add_argument("--format", default="docs", choices=["docs", "pairs", "doccano", "label-studio"],
                   help="docs: one line per article with every annotation; pairs: one line per (article, holder, "
                   "target); doccano, label-studio: those tools' import shapes (default: docs)")
    p.add_argument("--status", help="only articles with this status (e.g. done)")
    p.add_argument("--annotator",
                   help="only this annotator's annotations and status; 'gold': the adjudicated gold layer")
    p.add_argument("--split", help="train,dev(,test) fractions by article that add up to 1, e.g. 0.8,0.1,0.1")
    p.add_argument("--seed", type=int, default=0, help="seed of the deterministic split (default 0)")
    p.add_argument("--split-files", action="store_true", help="write one file per split instead of a split field")
    p.add_argument("--window", type=int, help="pairs: context window in characters instead of the whole article")
    p.add_argument("--offsets", choices=["codepoints", "utf16"],
                   help="doccano: unit of the span offsets (default codepoints; utf16 draws right in doccano's page)")
    p.add_argument("--doccano-type", choices=["sequence", "intent"],
                   help="doccano project type: sequence labeling (spans in `label`, the default) or intent "
                   "detection and slot filling (spans in `entities`, stances in `cats`)")
    p.add_argument("--suggestions", action=argparse.BooleanOptionalAction, default=None,
                   help="stance suggestions, never mixed into the human stances: docs lines list the open ones "
                   "for items no one has a stance on unless --no-suggestions; pairs lines get suggested_label and "
                   "suggestion_id only with --suggestions")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("stats", help="counts by status, label, actor and annotator",
                       description="Articles by status, stances by label and target actor, per annotator.")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("search", help="full-text search (ignores tashkeel, hamza forms, clitics)",
                       description="Full-text search over titles and texts.")
    p.add_argument("project")
    p.add_argument("query")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="show at most N articles (default 20)")
    p.add_argument("--prefix", action="store_true",
                   help="the last word of the query may be the start of a longer word (slower on common words)")
    p.set_defaults(func=cmd_search)

    for name, redo in (("undo", False), ("redo", True)):
        p = sub.add_parser(name, help=f"{name} an annotator's last edit (works across restarts)",
                           description=f"{name.capitalize()} the annotator's last edit from the change log.")
        p.add_argument("project")
        p.add_argument("--annotator", required=True, metavar="NAME",
                       help=f"whose last edit to {name}: each annotator has their own history (an adjudicator's "
                       "gold edits are under the adjudicator's name)")
        p.set_defaults(func=lambda a, r=redo: cmd_undo(a, redo=r))

    p = sub.add_parser("gui", help="open the annotation window",
                       description="Open the GUI. Without PROJECT: the last project, or a sample project.")
    p.add_argument("project", nargs="?")
    p.add_argument("--annotator", help="annotator name (asked and remembered otherwise)")
    p.set_defaults(func=cmd_gui)

    p = sub.add_parser("screenshot", help="render the main window to a PNG (no display needed)",
                       description="Render the main window offscreen to a PNG (a .png name; written to a "
                       "temporary file and renamed; the same outputs as export are refused).")
    p.add_argument("project")
    p.add_argument("-o", "--output", required=True, help="PNG file to write")
    p.add_argument("--article", metavar="ID", help="article to show (default: the first)")
    p.add_argument("--language", default="en", choices=["en", "ar"], help="interface language")
    p.set_defaults(func=cmd_screenshot)

    p = sub.add_parser("pack", help="write one self-contained copy of a project, to hand it to someone",
                       description="Write a consistent copy of PROJECT to a new FILE that holds every saved edit "
                       "(the project's -wal is not needed beside it), e.g. to send an annotator's file back to the "
                       "team. FILE must not exist: nothing is ever overwritten. Works on a read-only project too.")
    p.add_argument("project")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the new file to write")
    p.set_defaults(func=cmd_pack)
    _team_parsers(sub)
    from .cli_assist import add_parsers

    add_parsers(sub)
    return ap


def _team_parsers(sub) -> None:
    p = sub.add_parser("assign", help="hand out articles: one project file per annotator",
                       description="Write OUT/NAME.annotator for every annotator with their share of the articles "
                       "not handed out before, the lexicon, labels, guidelines and the project id. A fraction of "
                       "the articles goes to several annotators, for agreement. Deterministic for a seed.")
    p.add_argument("project", help="the team project")
    p.add_argument("--annotators", required=True, help="comma-separated names, e.g. ali,mona,omar")
    p.add_argument("--overlap", type=float, default=0.2, help="fraction of articles given to several annotators")
    p.add_argument("--overlap-annotators", type=int, default=2, metavar="K",
                   help="how many annotators get each shared article (default 2)")
    p.add_argument("--articles", type=int, metavar="N", help="hand out only N articles (a random sample)")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the annotators' files")
    p.add_argument("--seed", type=int, default=0, help="seed of the random choices (default 0)")
    p.set_defaults(func=cmd_assign)

    p = sub.add_parser("merge", help="merge annotators' project files into the team project",
                       description="Bring annotators' articles, mentions, stances, statuses and change logs into "
                       "the team project, keeping who did what. Only the rows of the annotator a file was handed out "
                       "to are merged; others are listed and ignored. Safe to repeat; one transaction per file; files of "
                       "another project, a newer schema or a tampered schema are refused; a refused file does not "
                       "stop the others.")
    p.add_argument("project", help="the team project")
    p.add_argument("files", nargs="+", metavar="ANNOTATOR_PROJECT")
    p.add_argument("--as", dest="owner", metavar="NAME",
                   help="whose work the (one) file holds, for a file `assign` did not hand out (or an older one);"
                   " only NAME's rows are merged")
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("agreement", help="inter-annotator agreement (kappa, alpha, span F1)",
                       description="Agreement on the articles two or more annotators marked done: Cohen's kappa per "
                       "pair and Krippendorff's alpha for stance labels (overall, per actor, per label), on which "
                       "actors have a stance, and on mention spans; confusion matrices; item counts.")
    p.add_argument("project")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--chart", metavar="FILE.png", help="save a per-actor alpha bar chart")
    p.set_defaults(func=cmd_agreement)

    p = sub.add_parser("adjudicate", help="list disagreements; set gold stances",
                       description="Without an action: list the items annotators disagree on. Actions write the "
                       "gold layer (logged under the adjudicator, undoable with `annotator undo`).")
    p.add_argument("project")
    p.add_argument("--adjudicator", help="who adjudicates (needed to write)")
    p.add_argument("--article", metavar="ID", help="only this article")
    p.add_argument("--open", action="store_true", help="list only disagreements without a gold stance")
    act = p.add_mutually_exclusive_group()
    act.add_argument("--accept-agreed", action="store_true", help="store every item all coders agree on as gold")
    act.add_argument("--set", nargs=4, metavar=("ARTICLE", "HOLDER", "TARGET", "LABEL"),
                     help="set the gold label of an item (HOLDER: AUTHOR or an actor id)")
    act.add_argument("--clear", nargs=3, metavar=("ARTICLE", "HOLDER", "TARGET"), help="remove a gold stance")
    p.add_argument("--min-coders", type=int, default=2,
                   help="--accept-agreed: articles at least this many annotators marked done (default 2)")
    p.add_argument("--note", help="--set: the adjudicator's note")
    p.set_defaults(func=cmd_adjudicate)


@terminal_safe
def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except BrokenPipeError:  # `annotator actors P --list | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 1
    except ProjectError as e:
        print(f"annotator: {t(e)}", file=sys.stderr)
        return 2
    except (ValueError, KeyError, OSError, RuntimeError) as e:
        print(f"annotator {args.command}: {t(e)}", file=sys.stderr)
        return 2
    except sqlite3.OperationalError as e:
        if "could not decode" in str(e).lower():  # flipped bytes inside a text column: damage
            return _damaged(args, e)
        hint = ("another program (an import, a merge) held the project's write lock for more than 10 s; "
                "run the command again when it has finished") if is_busy(e) else (
                "the project file could not be read or written; check the disk and the file's permissions")
        print(f"annotator {args.command}: {t(e)}: {hint}", file=sys.stderr)
        return 3
    except (sqlite3.IntegrityError, sqlite3.DataError) as e:
        print(f"annotator {args.command}: the project refused a change ({e}); the change was not saved",
              file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as e:
        return _damaged(args, e)
    except RecursionError:
        print(f"annotator {args.command}: the input is nested too deeply to be read; nothing was changed",
              file=sys.stderr)
        return 2


def _damaged(args, e: Exception) -> int:
    path = getattr(args, "project", None) or "FILE"
    print(f"annotator {args.command}: the project file {path} is damaged ({e}); the command stopped. Restore the "
          "file from a backup (a copy you keep, or FILE.backup-vN written before an upgrade), or see what is "
          f"damaged with: sqlite3 {path} 'PRAGMA integrity_check'", file=sys.stderr)
    return 3


def gui_main() -> int:
    return main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
