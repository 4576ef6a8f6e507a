"""The `learn`, `suggest-stances` and `queue` commands: a thin layer over `annotator.assist`."""

from __future__ import annotations

from .core import strict_json
from .core.terminal import for_terminal


def _check_annotator(p, name: str | None) -> None:
    if name and name != "gold" and name not in p.annotators():
        known = ", ".join(p.annotators()) or "none yet"
        raise ValueError(f"{p.path}: no annotator {name!r} in this project (annotators: {known}; or 'gold')")


def cmd_learn(args) -> int:
    from .assist import learn
    from .cli import _open

    with _open(args.project, "learn") as p:
        _check_annotator(p, args.annotator)
        report = learn(p, args.annotator or "")
    if args.json:
        print(strict_json.dumps(report, ensure_ascii=False, indent=2))
        return 0 if report["model_id"] else 1
    print(f"labelled items: {report['n_items']} in {report['n_articles']} article(s) ({report['source']}); "
          + ", ".join(f"{l} {n}" for l, n in report["labels"].items()))
    if report["model_id"] is None:
        print(f"no model: {report['reason']}")
        return 1
    print(f"model {report['model_id']} ({report['kind']}); article-grouped CV: "
          f"macro-F1 {report['macro_f1']:.3f}, majority baseline {report['majority_macro_f1']:.3f}, "
          f"chance {report['chance_macro_f1']:.3f}, ECE {report['ece']:.3f}")
    print("  candidates (macro-F1): " + ", ".join(
        f"{k} {v:.3f}" + (" (kept)" if k == report["kind"] else "") for k, v in report["candidates"].items()))
    for label, r in report["per_label"].items():
        print(f"  {label}: precision {r['precision']:.2f}, recall {r['recall']:.2f}, support {r['support']}")
    print("  learning curve: " + ", ".join(f"{pt['n_items']} items {pt['macro_f1']:.3f}" for pt in report["learning_curve"]))
    print(("suggestions on: " if report["ready"] else "") + report["reason"])
    return 0


def cmd_suggest_stances(args) -> int:
    from .assist import suggest_stances
    from .cli import _open

    with _open(args.project, "suggest-stances") as p:
        ids = None
        if args.article:
            p.article_text(args.article)  # KeyError for an unknown article
            ids = [args.article]
        out = suggest_stances(p, ids)
    if out["model_id"] is None:
        print(f"annotator suggest-stances: no suggestions written: {out['reason']}")
        return 1
    print(f"wrote {out['written']} suggestion(s) for {out['articles']} article(s) with model {out['model_id']}")
    return 0


def cmd_queue(args) -> int:
    from .assist import queue
    from .cli import _open

    with _open(args.project) as p:
        _check_annotator(p, args.annotator if args.annotator != "gold" else "")
        picks = queue(p, args.annotator, args.n, seed=args.seed)
    if args.json:
        print(strict_json.dumps(picks, ensure_ascii=False, indent=2))
        return 0
    if not picks:
        print("nothing to queue: every article is done")
    for i, pk in enumerate(picks, 1):
        print(f"{i:>3}. {pk['article_id']}  [{pk['kind']}] {pk['reason']}  {for_terminal(pk['title'][:60])}")
    return 0


def add_parsers(sub) -> None:
    p = sub.add_parser("learn", help="train and evaluate the stance suggestion model",
                       description="Train a stance model on the human labels (character and word n-gram TF-IDF; "
                       "class-balanced logistic regression, a linear SVM and NB-SVM are compared under the same "
                       "cross-validation grouped by article and the best macro-F1 is kept), store it in the project "
                       "(plain arrays, never pickle) and print the report with every candidate's figure. "
                       "Suggestions turn on only when it beats the majority baseline and chance clearly.")
    p.add_argument("project")
    p.add_argument("--annotator", metavar="NAME|gold",
                   help="learn from this annotator's labels, or the gold layer (default: labels the coders agree "
                   "on, and gold)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_learn)

    p = sub.add_parser("suggest-stances", help="write stance suggestions for items without a human stance",
                       description="With the newest qualifying model (see `annotator learn`), write a suggestion "
                       "(label, probabilities, evidence sentence) for every item without a human stance. They stay "
                       "apart from the stances until someone accepts them.")
    p.add_argument("project")
    p.add_argument("--article", metavar="ID", help="only this article")
    p.set_defaults(func=cmd_suggest_stances)

    p = sub.add_parser("queue", help="the next articles to annotate, most useful first",
                       description="Rank the articles the annotator has not finished: uncertain suggestions, rare "
                       "labels and seldom-labelled targets first, near-duplicates spread out, a fifth picked at "
                       "random; each with its reason.")
    p.add_argument("project")
    p.add_argument("--annotator", metavar="NAME", help="whose queue (their assigned, unfinished articles)")
    p.add_argument("-n", type=int, default=20, help="how many articles (default 20)")
    p.add_argument("--seed", type=int, default=0, help="seed of the random picks (default 0)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_queue)
