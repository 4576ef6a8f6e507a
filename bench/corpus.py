"""Benchmark corpora: the real SaudiNewsNet articles, then varied copies, to any size; and annotations.

    .venv/bin/python bench/corpus.py OUT.jsonl --articles 100000 [--source SAUDINEWSNET.jsonl]

**Articles.** The first 10,000 lines are the real articles exactly as they are. Every later article
is built from them with a seeded random generator (article i always comes out the same, so a
corpus of 100,000 is the first 100,000 lines of one of 1,000,000): a base article of some source
keeps its first paragraph (the lede) and its length in paragraphs; the other paragraphs are its own
shuffled, about a third of them swapped for paragraphs of other articles of the same outlet, and
one sentence of one paragraph for a sentence of another article. Titles join the first half of the
base title to the second half of another's; ids (`gen-0000001`), dates (the base date moved by
up to three years) and URLs are new. So length, vocabulary, boilerplate and actor mentions are
those of real news, and every text is new: a 64-bit hash of every text is kept (8 bytes an article,
about 70 MB of Python ints at a million) and a rare collision is drawn again. Memory otherwise does
not grow with the corpus: lines are written as they are made.

**Annotations** (`annotate`, written straight into a project after import, not through the edit
funnel, so it takes seconds; no change-log rows). The density follows a realistic campaign on a
big crawl: people annotate a sample, not the crawl. 2% of articles (at most 20,000) are
annotated by one of two annotators, a tenth of those by both (the overlap agreement is measured
on). Of an annotator's articles 80% are done, 10% in progress, 5% skipped, 5% flagged, with 60
to 600 seconds of work recorded. On each: up to 5 proposed mentions accepted and 1 rejected (a
manual mention when there were no proposals), 3 stances (the article's own voice toward the most
mentioned actor, then two quoted holders) with 1 or 2 evidence spans each, over whole sentences.

What can go wrong: a missing source file raises FileNotFoundError; `annotate` on a project
without actors raises ValueError (load a lexicon first).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sqlite3
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO.parent / "shared" / "corpora" / "saudinewsnet" / "saudinewsnet_10k.jsonl"
SIZES = (10_000, 100_000, 1_000_000)
SEED = 5

ANNOTATED_FRACTION = 0.02
ANNOTATED_MAX = 20_000
OVERLAP = 0.10
STATUS_MIX = (("done", 0.80), ("in progress", 0.10), ("skipped", 0.05), ("flagged", 0.05))
ANNOTATORS = ("ann1", "ann2")

_SENTENCE = re.compile(r"[^.!؟?]+[.!؟?]+\s*")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def load_real(source: Path = SOURCE) -> list[dict]:
    """The real articles, parsed (about 35 MB of JSON)."""
    with open(source, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class Varier:
    """Makes the i-th varied article from the real ones (deterministic in i and the seed)."""

    def __init__(self, real: list[dict], seed: int = SEED):
        self.real = real
        self.seed = seed
        self.paras = [_paragraphs(a.get("content") or "") for a in real]
        self.by_source: dict[str, list[int]] = {}
        for i, a in enumerate(real):
            if self.paras[i]:
                self.by_source.setdefault(a.get("source", ""), []).append(i)
        self.usable = [i for i in range(len(real)) if self.paras[i]]

    def article(self, i: int, attempt: int = 0) -> dict:
        rng = random.Random((self.seed * 1_000_003 + i) * 31 + attempt)
        b = rng.choice(self.usable)
        base = self.real[b]
        peers = self.by_source.get(base.get("source", ""), self.usable)
        paras = list(self.paras[b])
        body = paras[1:]
        rng.shuffle(body)
        for k in range(len(body)):
            if rng.random() < 0.33:
                donor = self.paras[rng.choice(peers)]
                body[k] = donor[rng.randrange(len(donor))]
        paras = paras[:1] + body
        k = rng.randrange(len(paras))
        sentences = _SENTENCE.findall(paras[k])
        donor_sentences = _SENTENCE.findall(" ".join(self.paras[rng.choice(peers)]))
        if sentences and donor_sentences:
            sentences[rng.randrange(len(sentences))] = rng.choice(donor_sentences)
            paras[k] = "".join(sentences).strip()
        other = self.real[rng.choice(peers)]
        t1, t2 = (base.get("title") or "").split(), (other.get("title") or "").split()
        title = " ".join(t1[: max(1, len(t1) // 2)] + t2[len(t2) // 2 :])
        try:
            date = datetime.fromisoformat(base.get("date_extracted") or "2015-01-01 00:00:00")
        except ValueError:
            date = datetime(2015, 1, 1)
        date += timedelta(days=rng.randrange(-3 * 365, 3 * 365), seconds=rng.randrange(86400))
        return {
            "id": f"gen-{i:07d}", "source": base.get("source", ""),
            "url": f"{base.get('url', '')}?v={i}", "date_extracted": date.strftime("%Y-%m-%d %H:%M:%S"),
            "title": title, "author": base.get("author", ""), "content": "\n\n ".join(paras),
        }


def iter_corpus(n: int, source: Path = SOURCE, seed: int = SEED) -> Iterator[str]:
    """The JSON lines of an n-article corpus: the real articles as they are, then varied ones."""
    with open(source, encoding="utf-8") as fh:
        real_lines = [line.rstrip("\n") for line in fh if line.strip()]
    seen: set[int] = set()
    for line in real_lines[:n]:
        seen.add(_h(json.loads(line).get("content") or ""))
        yield line
    if n <= len(real_lines):
        return
    varier = Varier([json.loads(line) for line in real_lines], seed)
    del real_lines
    for i in range(len(varier.real), n):
        attempt = 0
        while True:
            art = varier.article(i, attempt)
            h = _h(art["content"])
            if h not in seen:
                break
            attempt += 1
        seen.add(h)
        yield json.dumps(art, ensure_ascii=False)


def _h(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def write_corpus(out: Path, n: int, source: Path = SOURCE, seed: int = SEED) -> Path:
    """Write the n-article corpus to `out` (through `out.part`, renamed when complete)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        for line in iter_corpus(n, source, seed):
            fh.write(line + "\n")
    tmp.replace(out)
    return out


# --------------------------------------------------------------------------- annotations
def _now(rng: random.Random) -> str:
    t = datetime(2024, 1, 1) + timedelta(seconds=rng.randrange(365 * 86400))
    return t.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end() - (len(m.group()) - len(m.group().rstrip()))) for m in _SENTENCE.finditer(text)
            if len(m.group().strip()) > 20]


def annotate(db_path: Path, seed: int = SEED) -> dict:
    """Add the annotations described above to the project at `db_path`; returns row counts.

    Writes mentions, stances, evidence and article_status directly in one transaction.
    Raises ValueError when the project has no actors.
    """
    conn = sqlite3.connect(str(db_path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    rng = random.Random(seed)
    actors = [r[0] for r in conn.execute("SELECT id FROM actors ORDER BY id")]
    if len(actors) < 3:
        raise ValueError(f"{db_path}: load a lexicon with at least 3 actors before annotating")
    total = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    k = min(ANNOTATED_MAX, max(1, int(total * ANNOTATED_FRACTION)))
    ns = sorted(rng.sample(range(1, total + 1), k))
    counts = {"articles": 0, "mentions accepted": 0, "stances": 0, "evidence": 0}
    conn.execute("BEGIN IMMEDIATE")
    for name in ANNOTATORS:
        conn.execute("INSERT OR IGNORE INTO annotators(name, role, created_at) VALUES (?, 'annotator', ?)",
                     (name, _now(rng)))
    uid = 0

    def new_id() -> str:
        nonlocal uid
        uid += 1
        return f"bench{uid:012x}"

    for n in ns:
        row = conn.execute("SELECT id, text FROM articles WHERE n = ?", (n,)).fetchone()
        if row is None:
            continue
        aid, text = row
        who = [rng.choice(ANNOTATORS)]
        if rng.random() < OVERLAP:
            who = list(ANNOTATORS)
        mentions = conn.execute(
            'SELECT id, actor_id, start, "end" FROM mentions WHERE article_id = ? ORDER BY start', (aid,)).fetchall()
        sentences = _sentence_spans(text) or [(0, min(len(text), 80))]
        for ann in who:
            counts["articles"] += 1
            ts = _now(rng)
            for mid, _, _, _ in mentions[:5]:
                conn.execute("UPDATE mentions SET status = 'accepted', annotator = ?, updated_at = ? WHERE id = ?",
                             (ann, ts, mid))
                counts["mentions accepted"] += 1
            if len(mentions) > 5:
                conn.execute("UPDATE mentions SET status = 'rejected', annotator = ?, updated_at = ? WHERE id = ?",
                             (ann, ts, mentions[5][0]))
            if not mentions:
                s, e = sentences[0]
                e = min(e, s + 12)
                conn.execute(
                    'INSERT INTO mentions(id, article_id, actor_id, start, "end", prefix, origin, status, annotator,'
                    " alias_id, created_at, updated_at) VALUES (?,?,?,?,?,'','manual','accepted',?,'',?,?)",
                    (new_id(), aid, rng.choice(actors), s, max(e, s + 1), ann, ts, ts))
            mentioned = [m[1] for m in mentions] or [rng.choice(actors)]
            target = max(set(mentioned), key=mentioned.count)
            holders = rng.sample([a for a in actors if a != target], 2)
            for holder in (None, *holders):
                sid = new_id()
                conn.execute(
                    "INSERT INTO stances(id, article_id, annotator, holder_id, target_id, label, intensity, explicit,"
                    " note, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,'',?,?)",
                    (sid, aid, ann, holder, target, rng.choice(("FAVOR", "AGAINST", "NONE")), rng.choice((1, 2, 3)),
                     rng.choice((0, 1)), ts, ts))
                counts["stances"] += 1
                for s, e in rng.sample(sentences, min(len(sentences), rng.choice((1, 2)))):
                    conn.execute('INSERT INTO evidence(id, stance_id, start, "end", created_at) VALUES (?,?,?,?,?)',
                                 (new_id(), sid, s, e, ts))
                    counts["evidence"] += 1
            r = rng.random()
            status = next(st for st, p in _cumulative(STATUS_MIX) if r < p)
            conn.execute(
                "INSERT OR REPLACE INTO article_status(article_id, annotator, status, reason, seconds, updated_at)"
                " VALUES (?,?,?,?,?,?)",
                (aid, ann, status, "bench" if status in ("skipped", "flagged") else "", rng.uniform(60, 600), ts))
    conn.execute("COMMIT")
    conn.close()
    return counts


def _cumulative(mix):
    acc = 0.0
    out = []
    for name, p in mix:
        acc += p
        out.append((name, acc))
    out[-1] = (out[-1][0], 1.01)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--articles", type=int, default=SIZES[1])
    ap.add_argument("--source", type=Path, default=SOURCE)
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    write_corpus(args.out, args.articles, args.source, args.seed)
    print(f"wrote {args.articles:,} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
