"""Which article to ask a person about next: uncertainty, diversity, stratification and random picks.

Pure Python over plain summaries (no Qt, no SQL). Plain uncertainty sampling picks near-duplicates
and starves rare labels, so a batch is built greedily: each pick maximises the article's mean
uncertainty (1 - margin of its open suggestions) plus a bonus for a predicted label or a target
that human labels have seldom covered and that the batch does not cover yet (large enough to come
before any plain uncertainty: the stratification), minus its similarity
to the articles already picked; a fixed share of the batch is drawn at random (an unbiased sample
for checking the model). Without a model (cold start) the score is how many actors the article
mentions and how often they are quoted. Every pick carries its reason.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

RANDOM_SHARE = 0.2
# an uncovered rare label or seldom-labelled target outranks any plain uncertainty (at most 1), so
# the batch asks about each before more of the common ones; uncertainty orders them among themselves
STRATUM_BONUS = 1.0
RARE_SHARE = 0.2  # a label with less than this share of the human labels is rare
SELDOM = 5  # a target with fewer human labels than this is seldom labelled


@dataclass
class Candidate:
    article_id: str
    title: str = ""
    margins: list[float] = field(default_factory=list)  # open suggestions' margins (empty: no model yet)
    labels: list[str] = field(default_factory=list)  # their suggested labels
    targets: list[str] = field(default_factory=list)  # actors the article mentions
    reporting: int = 0  # sentences with a reporting verb or quotation marks (cold start)
    words: frozenset[str] = frozenset()  # a sample of its folded words, for diversity


def _similarity(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def rank(candidates: list[Candidate], n: int = 20, *, label_counts: Counter | None = None,
         target_counts: Counter | None = None, seed: int = 0, random_share: float = RANDOM_SHARE) -> list[dict]:
    """Up to `n` picks, most useful first: dicts with article_id, title, score, reason, kind
    ('uncertain', 'rare', 'cold start' or 'random')."""
    label_counts = label_counts or Counter()
    target_counts = target_counts or Counter()
    rng = random.Random(seed)
    pool = list(candidates)
    n = min(n, len(pool))
    n_random = int(round(n * random_share)) if n >= 3 else 0
    picks: list[dict] = []
    picked_words: list[frozenset[str]] = []
    covered_labels: set[str] = set()
    covered_targets: set[str] = set()
    random_slots = set(rng.sample(range(n), n_random)) if n_random else set()
    while len(picks) < n and pool:
        if len(picks) in random_slots:
            c = pool.pop(rng.randrange(len(pool)))
            picks.append(_pick(c, 0.0, "random", "random pick: an unbiased sample to check the model on"))
        else:
            best, best_score, best_why = None, float("-inf"), ("", "")
            for i, c in enumerate(pool):
                score, why = _score(c, label_counts, target_counts, covered_labels, covered_targets)
                score -= max((_similarity(c.words, w) for w in picked_words), default=0.0)
                if score > best_score:
                    best, best_score, best_why = i, score, why
            c = pool.pop(best)
            picks.append(_pick(c, best_score, *best_why))
        covered_labels |= set(c.labels)
        covered_targets |= set(c.targets)
        picked_words.append(c.words)
    return picks


def _pick(c: Candidate, score: float, kind: str, reason: str) -> dict:
    return {"article_id": c.article_id, "title": c.title, "score": round(score, 4), "kind": kind, "reason": reason}


def _score(c: Candidate, label_counts: Counter, target_counts: Counter, covered_labels: set[str],
           covered_targets: set[str]) -> tuple[float, tuple[str, str]]:
    if not c.margins:
        score = min(len(set(c.targets)), 6) / 6 + min(c.reporting, 5) / 10
        new_targets = [t for t in set(c.targets) if t not in covered_targets and target_counts.get(t, 0) < SELDOM]
        score += 0.3 * bool(new_targets)
        return score, ("cold start", f"cold start: {len(set(c.targets))} actor(s), {c.reporting} quoted or "
                       "reported sentence(s)" + (f"; seldom-labelled target {sorted(new_targets)[0]}" if new_targets else ""))
    uncertainty = sum(1 - m for m in c.margins) / len(c.margins)
    total = sum(label_counts.values()) or 1
    rare = sorted((label_counts.get(l, 0), l) for l in set(c.labels) if l not in covered_labels)
    rare_bonus = STRATUM_BONUS if rare and rare[0][0] / total < RARE_SHARE else 0.0
    new_targets = sorted(t for t in set(c.targets) if t not in covered_targets and target_counts.get(t, 0) < SELDOM)
    score = uncertainty + rare_bonus + STRATUM_BONUS * bool(new_targets)
    if rare_bonus:
        return score, ("rare", f"suggested {rare[0][1]}, a rare label ({rare[0][0]} human label(s) so far); "
                       f"uncertainty {uncertainty:.2f}")
    why = f"uncertain: mean margin {1 - uncertainty:.2f} over {len(c.margins)} item(s)"
    if new_targets:
        why += f"; seldom-labelled target {new_targets[0]}"
    return score, ("uncertain", why)
