"""Inter-annotator agreement, in pure Python over lists of labels: no SQL, no Qt, no numpy.

- `cohen_kappa(a, b)`: Cohen's kappa of two annotators over the same items,
  (p_o - p_e) / (1 - p_e) with p_e from each annotator's own label distribution.
- `krippendorff_alpha(units)`: Krippendorff's alpha for nominal data, any number of annotators,
  missing values allowed: 1 - (n - 1) * sum_{c != k} o_ck / sum_{c != k} n_c * n_k over the
  coincidence matrix o of the units that have two or more values (n = their number of values).
- `one_vs_rest(units, label)`: the units recoded to label / not label, for per-label alpha.
- `confusion_matrix(a, b)`, `percent_agreement(a, b)`.
- `span_agreement(a, b)`: exact-match and overlap F1 of two annotators' spans.

Undefined figures are None, never NaN: kappa when there are no items or both annotators used one
and the same label (p_e = 1); alpha when fewer than two units have two values, or every value is
the same (no expected disagreement). Mismatched lengths raise ValueError.
"""

from __future__ import annotations

from collections import Counter
from itertools import permutations
from typing import Hashable, Iterable, Sequence

Value = Hashable  # a label; None marks a missing value
Span = tuple  # (document, start, end): spans only overlap within one document


def _check_pair(a: Sequence, b: Sequence) -> None:
    if len(a) != len(b):
        raise ValueError(f"the two annotators have {len(a)} and {len(b)} labels; they must label the same items")


def percent_agreement(a: Sequence[Value], b: Sequence[Value]) -> float | None:
    """The fraction of items both annotators gave the same label; None without items."""
    _check_pair(a, b)
    return sum(x == y for x, y in zip(a, b)) / len(a) if a else None


def cohen_kappa(a: Sequence[Value], b: Sequence[Value]) -> float | None:
    """Cohen's kappa of two annotators' labels for the same items (see the module docstring)."""
    _check_pair(a, b)
    n = len(a)
    if n == 0:
        return None
    p_o = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = Counter(a), Counter(b)
    p_e = sum(ca[label] * cb[label] for label in ca) / (n * n)
    if p_e == 1:
        return None
    return (p_o - p_e) / (1 - p_e)


def confusion_matrix(a: Sequence[Value], b: Sequence[Value],
                     labels: Sequence[Value] | None = None) -> tuple[list, list[list[int]]]:
    """(labels, matrix): matrix[i][j] counts items `a` labelled labels[i] and `b` labelled labels[j].

    `labels` defaults to every label either annotator used, sorted by their string form.
    """
    _check_pair(a, b)
    labels = list(labels) if labels is not None else sorted(set(a) | set(b), key=str)
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for x, y in zip(a, b):
        matrix[index[x]][index[y]] += 1
    return labels, matrix


def pairable(units: Iterable[Sequence[Value]]) -> list[list[Value]]:
    """The units' present values, keeping only units with two or more of them."""
    out = []
    for unit in units:
        values = [v for v in unit if v is not None]
        if len(values) >= 2:
            out.append(values)
    return out


def coincidences(units: Iterable[Sequence[Value]]) -> Counter:
    """The coincidence matrix o[(c, k)]: each ordered pair of values of different annotators within a
    unit of m values adds 1 / (m - 1)."""
    o: Counter = Counter()
    for values in pairable(units):
        weight = 1 / (len(values) - 1)
        for c, k in permutations(values, 2):
            o[(c, k)] += weight
    return o


def krippendorff_alpha(units: Iterable[Sequence[Value]]) -> float | None:
    """Krippendorff's alpha (nominal) of `units`: one sequence per unit with one value per annotator,
    None where that annotator gave none (see the module docstring)."""
    o = coincidences(units)
    n_c: Counter = Counter()
    for (c, _), w in o.items():
        n_c[c] += w
    n = sum(n_c.values())
    observed = sum(w for (c, k), w in o.items() if c != k)
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k)
    if n < 2 or expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def unit_count(units: Iterable[Sequence[Value]]) -> int:
    """How many units enter alpha (those with two or more values)."""
    return len(pairable(units))


def one_vs_rest(units: Iterable[Sequence[Value]], label: Value) -> list[list[bool | None]]:
    """The units recoded to True (the value is `label`) / False (another value) / None (missing)."""
    return [[None if v is None else v == label for v in unit] for unit in units]


def _overlaps(x: Span, y: Span) -> bool:
    return x[0] == y[0] and x[1] < y[2] and y[1] < x[2]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def span_agreement(a: Iterable[Span], b: Iterable[Span]) -> dict:
    """Agreement of two annotators' spans, each (document, start, end), end-exclusive.

    Returns `a` and `b` (span counts), `exact` (spans both marked), `exact_f1` = 2 * exact /
    (a + b), and `overlap_f1`, the F1 of the share of a's spans that overlap one of b's and the
    share of b's that overlap one of a's. Both F1s are None when neither annotator marked a span.
    """
    sa, sb = set(a), set(b)
    exact = len(sa & sb)
    out = {"a": len(sa), "b": len(sb), "exact": exact, "exact_f1": None, "overlap_f1": None}
    if not sa and not sb:
        return out
    hit_a = sum(any(_overlaps(x, y) for y in sb) for x in sa)
    hit_b = sum(any(_overlaps(y, x) for x in sa) for y in sb)
    out["exact_f1"] = 2 * exact / (len(sa) + len(sb))
    out["overlap_f1"] = _f1(hit_a / len(sa) if sa else 0.0, hit_b / len(sb) if sb else 0.0)
    return out
