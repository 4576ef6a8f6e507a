"""Kappa, alpha and span F1 against hand-computed cases, the `krippendorff` package and a second formula."""

from __future__ import annotations

import math
import random

import pytest

from annotator.team.agreement import (
    coincidences,
    cohen_kappa,
    confusion_matrix,
    krippendorff_alpha,
    one_vs_rest,
    percent_agreement,
    span_agreement,
    unit_count,
)

krippendorff = pytest.importorskip("krippendorff")
np = pytest.importorskip("numpy")


def test_kappa_by_hand():
    a = ["F", "F", "A", "A", "N", "F"]
    b = ["F", "A", "A", "A", "N", "N"]
    # p_o = 4/6; a: F3 A2 N1, b: F1 A3 N2 -> p_e = (3*1 + 2*3 + 1*2) / 36 = 11/36
    # kappa = (24/36 - 11/36) / (1 - 11/36) = 13/25
    assert cohen_kappa(a, b) == pytest.approx(13 / 25)
    assert percent_agreement(a, b) == pytest.approx(4 / 6)


def test_kappa_edge_cases():
    assert cohen_kappa([], []) is None
    assert cohen_kappa(["F", "F"], ["F", "F"]) is None  # p_e = 1: undefined
    assert cohen_kappa(["F", "A"], ["F", "A"]) == 1.0
    # p_o = 0, p_e = 1/2 -> kappa = -1
    assert cohen_kappa(["F", "A"], ["A", "F"]) == pytest.approx(-1.0)
    with pytest.raises(ValueError, match="same items"):
        cohen_kappa(["F"], ["F", "A"])


def test_alpha_by_hand_two_coders():
    units = [["a", "a"], ["a", "b"], ["b", "b"], ["b", None]]  # the last unit has one value: left out
    # o_aa = 2, o_ab = o_ba = 1, o_bb = 2; n_a = n_b = 3, n = 6
    # alpha = 1 - (n - 1) * (o_ab + o_ba) / (2 * n_a * n_b) = 1 - 5 * 2 / 18 = 4/9
    assert krippendorff_alpha(units) == pytest.approx(4 / 9)
    assert unit_count(units) == 3


def test_alpha_by_hand_three_coders_with_missing_values():
    units = [["a", "a", "a"], ["a", "b", None], ["b", "b", "b"]]
    # unit 1: 6 ordered pairs of weight 1/2 -> o_aa = 3; unit 2: o_ab = o_ba = 1; unit 3: o_bb = 3
    # n_a = n_b = 4, n = 8 -> alpha = 1 - 7 * 2 / (2 * 4 * 4) = 18/32
    assert krippendorff_alpha(units) == pytest.approx(18 / 32)
    o = coincidences(units)
    assert o[("a", "a")] == pytest.approx(3) and o[("a", "b")] == pytest.approx(1)


def test_alpha_of_krippendorffs_own_example():
    # Krippendorff (2011), "Computing Krippendorff's alpha-reliability": 4 coders, 12 units, nominal 0.743
    nan = None
    coders = [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
        [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
    ]
    units = [list(u) for u in zip(*coders)]
    assert krippendorff_alpha(units) == pytest.approx(0.743, abs=5e-4)


def test_alpha_edge_cases():
    assert krippendorff_alpha([]) is None
    assert krippendorff_alpha([["a", None], [None, "b"]]) is None  # no unit with two values
    assert krippendorff_alpha([["a", "a"], ["a", "a"]]) is None  # one value only: no expected disagreement
    assert krippendorff_alpha([["a", "a"], ["b", "b"]]) == 1.0


def _package_alpha(units: list[list]) -> float | None:
    data = [[math.nan if v is None else v for v in coder] for coder in zip(*units)]
    try:
        value = krippendorff.alpha(reliability_data=np.array(data, dtype=float), level_of_measurement="nominal")
    except ValueError:  # "There has to be more than one value in the domain."
        return None
    return None if math.isnan(value) else float(value)


def _random_units(rng: random.Random) -> list[list]:
    coders, n_units, labels = rng.randint(2, 5), rng.randint(1, 25), rng.randint(2, 4)
    missing = rng.choice([0.0, 0.2, 0.5])
    return [[None if rng.random() < missing else rng.randrange(labels) for _ in range(coders)]
            for _ in range(n_units)]


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_alpha_matches_the_krippendorff_package_on_random_data():
    rng = random.Random(20240)
    compared = undefined = 0
    for _ in range(400):
        units = _random_units(rng)
        ours, theirs = krippendorff_alpha(units), _package_alpha(units)
        # undefined for both alike: no unit with two values, or one value only among the pairable ones
        assert (ours is None) == (theirs is None), units
        if ours is None:
            undefined += 1
            continue
        assert ours == pytest.approx(theirs, abs=1e-9), units
        compared += 1
    assert compared > 300 and undefined > 0


def _kappa_from_matrix(a: list, b: list) -> float | None:
    """The textbook formula over the confusion matrix: (N * sum m_ii - sum r_i c_i) / (N^2 - sum r_i c_i)."""
    labels, m = confusion_matrix(a, b)
    mat = np.array(m, dtype=float)
    total, diag = mat.sum(), np.trace(mat)
    chance = float((mat.sum(axis=1) * mat.sum(axis=0)).sum())
    return None if total * total == chance else (total * diag - chance) / (total * total - chance)


def test_kappa_matches_the_matrix_formula_and_sklearn_on_random_data():
    rng = random.Random(7)
    try:
        from sklearn.metrics import cohen_kappa_score
    except ImportError:
        cohen_kappa_score = None
    for _ in range(300):
        n, k = rng.randint(1, 40), rng.randint(2, 4)
        a = [rng.randrange(k) for _ in range(n)]
        b = [x if rng.random() < 0.6 else rng.randrange(k) for x in a]
        ours, ref = cohen_kappa(a, b), _kappa_from_matrix(a, b)
        assert (ours is None) == (ref is None)
        if ours is not None:
            assert ours == pytest.approx(ref, abs=1e-12)
            if cohen_kappa_score is not None:
                assert ours == pytest.approx(cohen_kappa_score(a, b), abs=1e-9)


def test_one_vs_rest_and_confusion_matrix():
    units = [["F", "A", None], ["N", "F", "F"]]
    assert one_vs_rest(units, "F") == [[True, False, None], [False, True, True]]
    labels, m = confusion_matrix(["F", "A", "F"], ["F", "F", "N"])
    assert labels == ["A", "F", "N"]
    assert m == [[0, 1, 0], [0, 1, 1], [0, 0, 0]]
    labels, m = confusion_matrix(["F"], ["F"], labels=["F", "A"])
    assert (labels, m) == (["F", "A"], [[1, 0], [0, 0]])


def test_span_agreement_by_hand():
    a = [("d1", 0, 5), ("d1", 10, 15), ("d2", 0, 4)]
    b = [("d1", 0, 5), ("d1", 12, 18), ("d1", 30, 35)]
    got = span_agreement(a, b)
    # exact: 1 of 3 + 3 -> F1 = 2/6; overlap: a hits 2/3 (d2 is another document), b hits 2/3 -> F1 = 2/3
    assert got == {"a": 3, "b": 3, "exact": 1, "exact_f1": pytest.approx(1 / 3),
                   "overlap_f1": pytest.approx(2 / 3)}
    assert span_agreement([], [])["exact_f1"] is None
    assert span_agreement([("d", 0, 1)], [])["overlap_f1"] == 0.0
    assert span_agreement([("d", 0, 2)], [("d", 2, 4)])["overlap_f1"] == 0.0  # touching is not overlapping
