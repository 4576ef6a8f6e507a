"""CPU of reading and preparing the 10,000 SaudiNewsNet articles, stage by stage (issue #13).

    .venv/bin/python bench/read_profile.py [--corpus FILE.jsonl] [--repeat 3] [--code DIR]

`--code DIR` times the `annotator` package found in DIR instead of this checkout's, e.g. an
older version unpacked with `git archive COMMIT annotator | tar -x -C DIR`, so that before and
after are measured by the same script on the same machine, one right after the other.

Prints a Markdown table of `time.process_time` seconds (the best of `--repeat` runs) for each step
`io.readers._finish` and `storage.project.prepare_article` take an article through, each step
timed alone over all the articles, then the whole `read_jsonl` and `read_jsonl` + `prepare_article`
with `core.search.index_text` replaced by a stub (the full-text index is measured elsewhere). Not a
timed test: the figures depend on the machine and on what else runs on it.

What can go wrong: a missing corpus file ends the script with a message and status 2.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_code = sys.argv.index("--code") + 1 if "--code" in sys.argv[:-1] else 0
sys.path.insert(0, sys.argv[_code] if _code else str(REPO))

from annotator.core import strict_json  # noqa: E402
from annotator.core.boilerplate import detect_segments  # noqa: E402
from annotator.core.fold import fold  # noqa: E402
from annotator.core.text import canonicalize, sha256_bytes, sha256_text  # noqa: E402
from annotator.io import readers  # noqa: E402
from annotator.io.decode import repair_mojibake  # noqa: E402
from annotator.storage import project  # noqa: E402
from annotator.storage.rawcodec import encode_raw  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "saudinewsnet" / "saudinewsnet_10k.jsonl"


def _best(fn, repeat: int) -> float:
    """The least process time of `repeat` calls of `fn`."""
    best = float("inf")
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def _read_and_prepare(path: Path) -> int:
    n = 0
    for item in readers.read_jsonl(path, readers.ReadOptions()):
        if item.record is not None:
            project.prepare_article(item.record, item.segments, folded=item.folded)
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--code", type=Path, help="the folder holding the annotator package to time")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"no corpus at {args.corpus}; pass --corpus FILE.jsonl", file=sys.stderr)
        return 2
    r = args.repeat
    # the whole runs first, while the process holds nothing else: the inputs of the stages below
    # (10,000 parsed records, texts, folds) make every full garbage collection dearer
    total_read = _best(lambda: sum(1 for _ in readers.read_jsonl(args.corpus, readers.ReadOptions())), r)
    real_index = project.index_text
    project.index_text = lambda text, folded=None: ""
    try:
        total = _best(lambda: _read_and_prepare(args.corpus), r)
    finally:
        project.index_text = real_index
    lines = args.corpus.read_bytes().splitlines()
    objs = [strict_json.loads(line.decode("utf-8")) for line in lines]
    contents = [o["content"] for o in objs]
    titles = [o.get("title", "") for o in objs]
    repaired = [repair_mojibake(c)[0] for c in contents]
    texts = [canonicalize(c) for c in repaired]
    folds = [fold(t) for t in texts]
    raws = [line.rstrip(b"\r\n") for line in lines]
    metas = [{k: v for k, v in o.items() if k not in {"content", "title", "id", "source", "url", "author"}}
             for o in objs]
    storable_meta = getattr(readers, "_storable_meta", None) or (  # before issue 13: a JSON round trip
        lambda m: json.loads(readers._storable(json.dumps(m, ensure_ascii=False))))
    rows = [
        ("json lines parsed (strict_json.loads)", _best(lambda: [strict_json.loads(x.decode("utf-8")) for x in lines], r)),
        ("decode.repair_mojibake", _best(lambda: [repair_mojibake(c) for c in contents], r)),
        ("text.canonicalize (text and title)",
         _best(lambda: ([canonicalize(c) for c in repaired], [canonicalize(t) for t in titles]), r)),
        ("readers._storable (title) + meta", _best(lambda: [
            (readers._storable(t), storable_meta(m)) for t, m in zip(titles, metas)], r)),
        ("fold.fold", _best(lambda: [fold(t) for t in texts], r)),
        ("boilerplate.detect_segments", _best(lambda: [detect_segments(t, f.text) for t, f in zip(texts, folds)], r)),
        ("readers.bidi_note", _best(lambda: [readers.bidi_note(t) for t in texts], r)),
        ("rawcodec.encode_raw", _best(lambda: [encode_raw(raw, t) for raw, t in zip(raws, texts)], r)),
        ("text.sha256_text + sha256_bytes", _best(lambda: [(sha256_text(t), sha256_bytes(raw))
                                                           for raw, t in zip(raws, texts)], r)),
    ]
    stored = sum(len(encode_raw(raw, t)[0]) for raw, t in zip(raws, texts))
    print(f"annotator from {Path(readers.__file__).parent.parent}")
    print(f"{len(lines):,} articles of {args.corpus.name}, {sum(map(len, texts)):,} characters; "
          f"process time in seconds, best of {r}\n")
    print("| stage | s |\n|---|---:|")
    for name, s in rows:
        print(f"| {name} | {s:.3f} |")
    print(f"| **read_jsonl, whole** | **{total_read:.3f}** |")
    print(f"| **read_jsonl + prepare_article (index_text stubbed)** | **{total:.3f}** |")
    print(f"\nstored raw records (encode_raw): {stored:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
