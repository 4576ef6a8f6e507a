"""Stage timer for proposing mentions (issue 13): where `with_proposals` spends its CPU, per lexicon.

    .venv/bin/python bench/match_profile.py [--articles N] [--repeat 3] [--check] [--no-reference]

Over the first N SaudiNewsNet articles (`content` field, by path; nothing is copied into the
repository), with two lexicons: resources/lexicon/sample.toml, and a synthetic one of 2,000 aliases
made from the corpus's own frequent words and word pairs (every fifth without proclitics, every
17th with a validity period), so that anchors are common and the matcher falls back to its plain
regex scan. Stages, CPU seconds (process time, best of --repeat; other processes on the machine
still add noise):

  reference   the matcher before issue 13 (tests/core/reference_matcher.py), find()
  anchors     AnchorScan.occurrences alone (sparse lexicons only)
  regex       the matches of the exact regex (anchors + regex at candidate starts, or finditer)
  find        AliasMatcher.find
  proposals   with_proposals, as the import runs it (boilerplate excluded, article date)

`--check` compares, for every article, find() with the reference's (with the article's date and
with none) and with_proposals with the reference's proposals, and exits 1 on any difference.

What can go wrong: a missing corpus file raises FileNotFoundError.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "core"))

from annotator.core.matcher import AliasEntry, AliasMatcher, alias_key  # noqa: E402
from annotator.core.model import CONTENT_KINDS  # noqa: E402
from annotator.io.readers import ReadOptions, read_jsonl  # noqa: E402
from annotator.sample import load_actors  # noqa: E402
from annotator.storage.project import Project, prepare_article, with_proposals  # noqa: E402
from reference_matcher import ReferenceMatcher  # noqa: E402

CORPUS = ROOT.parent.parent / "shared" / "corpora" / "saudinewsnet" / "saudinewsnet_10k.jsonl"
if not CORPUS.exists():
    CORPUS = Path("/work/shared/corpora/saudinewsnet/saudinewsnet_10k.jsonl")


def synthetic_lexicon(folded_texts: list[str], size: int = 2000) -> list[AliasEntry]:
    """`size` aliases from the texts' frequent words (after the 100 commonest) and word pairs."""
    words: Counter = Counter()
    pairs: Counter = Counter()
    for text in folded_texts[:3000]:
        ws = re.findall(r"\w+", text)
        words.update(ws)
        pairs.update(zip(ws, ws[1:]))
    singles = [w for w, _ in words.most_common() if len(w) >= 3 and not w.isdigit()][100:]
    doubles = [" ".join(p) for p, _ in pairs.most_common(3000) if all(len(w) >= 3 for w in p)]
    surfaces = singles[: size - size * 3 // 20] + doubles[: size * 3 // 20]
    entries = []
    for i, s in enumerate(surfaces):
        valid = ("2014-01-01", "2015-06-30") if i % 17 == 0 else ("", "")
        entries.append(AliasEntry(alias_key(s, i % 5 != 0), f"A{i % 400}", f"al{i}", i % 5 != 0, *valid))
    return entries


def best_of(repeat: int, fn) -> float:
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--check", action="store_true", help="compare every article's output with the reference")
    ap.add_argument("--no-reference", action="store_true", help="do not time the reference matcher")
    args = ap.parse_args()

    items = []
    for it in read_jsonl(CORPUS, ReadOptions(text_field="content")):
        if not it.error:
            items.append(it)
        if len(items) >= args.articles:
            break
    preps = [prepare_article(it.record, it.segments, folded=it.folded) for it in items]
    with tempfile.TemporaryDirectory() as d:
        project = Project.create(Path(d) / "bench.annotator")
        load_actors(project, str(ROOT / "resources" / "lexicon" / "sample.toml"))
        sample = list(project.matcher().entries)
        project.close()
    lexicons = {"sample": sample, "synthetic-2000": synthetic_lexicon([it.folded.text for it in items])}

    print(f"{len(items)} articles, {sum(len(it.record.text) for it in items):,} characters; CPU seconds, best of {args.repeat}")
    print(f"{'lexicon':16} {'keys':>5} {'scan':>8} {'reference':>10} {'anchors':>8} {'regex':>7} {'find':>7} {'proposals':>10} {'speed-up':>9}")
    failed = False
    for name, entries in lexicons.items():
        matcher = AliasMatcher(entries)
        ref = ReferenceMatcher(entries)
        anchors = matcher._anchors
        t_ref = None if args.no_reference else best_of(
            1, lambda: [ref.find(it.record.text, folded=it.folded, date=it.record.published) for it in items])
        t_anchor = best_of(args.repeat, lambda: [anchors.occurrences(it.folded.text) for it in items]) if anchors else None
        t_regex = best_of(args.repeat, lambda: [list(matcher._regex_matches(it.folded.text)) for it in items])
        t_find = best_of(args.repeat, lambda: [matcher.find(it.record.text, folded=it.folded, date=it.record.published)
                                               for it in items])
        t_prop = best_of(args.repeat, lambda: [with_proposals(p, it.folded, matcher) for p, it in zip(preps, items)])
        keys = len({e.key for e in entries if e.key})
        scan = f"anchors {anchors.density:.0f}%" if anchors else matcher.scan
        fmt = lambda t: "-" if t is None else f"{t:.3f}"  # noqa: E731
        speed = "-" if t_ref is None else f"x{t_ref / t_find:.1f}"
        print(f"{name:16} {keys:>5} {scan:>8} {fmt(t_ref):>10} {fmt(t_anchor):>8} {fmt(t_regex):>7} {fmt(t_find):>7}"
              f" {fmt(t_prop):>10} {speed:>9}")
        if args.check:
            bad = 0
            for p, it in zip(preps, items):
                text, f, date = it.record.text, it.folded, it.record.published
                exclude = [(s, e) for s, e, kind, _ in p.segments if kind not in CONTENT_KINDS]
                expected = tuple((m.entry.actor_id, m.start, m.end, m.prefix(text), m.entry.alias_id)
                                 for m in ref.find(text, folded=f, exclude=exclude, date=date))
                if (matcher.find(text, folded=f, date=date) != ref.find(text, folded=f, date=date)
                        or matcher.find(text, folded=f) != ref.find(text, folded=f)
                        or with_proposals(p, f, matcher).mentions != expected):
                    bad += 1
                    print(f"  DIFFERENT: article {it.record.id}", file=sys.stderr)
            print(f"  check: {len(items) - bad} of {len(items)} articles identical to the reference")
            failed |= bad > 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
