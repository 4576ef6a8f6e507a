"""The stance suggestion learner: TF-IDF features, a linear classifier, and an evaluation that cannot flatter.

Features are character (2-5, within words) and word (1-2) n-gram TF-IDF over the folded, masked
item contexts of `core.features`. The classifier is a class-balanced logistic regression, a linear
SVM or an NB-SVM (`NBSVM`), whichever scores the highest macro-F1 in cross-validation (ties go to
logistic regression, then by name). Cross-validation is grouped
by article (no article's items in both training and test folds) and the vocabulary and IDF are
fitted inside each fold, so the reported figure follows the signal, not the leakage.

A trained model is plain data (`StanceModel.to_record`): settings and labels as JSON, the
vocabulary as a JSON list, coefficients, intercepts and IDF weights as little-endian float32
bytes. Every kind scores as softmax(x @ coef.T + intercept) over the TF-IDF row x (an NB-SVM's
log-count ratios are folded into its coefficients), so one record layout holds all three. Nothing is
pickled, so loading a model from someone else's project file runs no code.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import random
import sys
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import GroupKFold, StratifiedGroupKFold
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from .features import ItemContext

MIN_ITEMS = 30  # suggestions stay off below this many labelled items
MIN_GAIN = 0.10  # ... and while cross-validated macro-F1 is not this far above both the majority
# baseline and chance (guessing by label frequencies)
FORMAT = 1  # version of the stored record layout

# char 3-5 with C=1 scored higher than 2-5 with C=4 on rule-labelled SaudiNewsNet items (0.60 vs
# 0.56 macro-F1) and learned in half the time
DEFAULT_SETTINGS = {
    "char_ngram": [3, 5], "word_ngram": [1, 2], "min_df": 2, "max_char_features": 20000,
    "max_word_features": 20000, "C": 1.0, "svm_C": 0.5, "nbsvm_C": 0.5, "nbsvm_beta": 0.25, "nbsvm_alpha": 1.0,
    "folds": 5, "seed": 0,
}
KINDS = ("lr", "svm", "nbsvm")  # the candidates cross-validation compares
LEARNING_CURVE_FOLDS = 3  # the learning curve's smaller training sets are scored on the first folds only


class ModelFormatError(ValueError):
    """A stored model record that does not fit together (wrong shapes, unknown format or kind)."""


def _analyzers(settings: dict) -> list[CountVectorizer]:
    lo, hi = settings["char_ngram"]
    wlo, whi = settings["word_ngram"]
    return [
        CountVectorizer(analyzer="char_wb", ngram_range=(lo, hi), lowercase=False, dtype=np.float32),
        CountVectorizer(analyzer="word", ngram_range=(wlo, whi), lowercase=False, token_pattern=r"(?u)\b\w+\b",
                        dtype=np.float32),
    ]


@dataclass
class Vectorizer:
    """Sublinear TF-IDF over a fixed vocabulary (char n-grams, then word n-grams), rows L2-normalised."""

    settings: dict
    char_vocab: list[str]
    word_vocab: list[str]
    idf: np.ndarray

    @classmethod
    def fit(cls, texts: list[str], settings: dict) -> tuple["Vectorizer", sparse.csr_matrix]:
        """Fit the vocabulary and IDF on `texts`; returns the vectorizer and the texts' matrix."""
        counts = TermCounts.of(texts, settings)
        vec, cols = cls.from_counts(counts, np.arange(len(texts)), settings)
        return vec, vec._weigh(counts.raw[:, cols])

    @classmethod
    def from_counts(cls, counts: "TermCounts", rows: np.ndarray, settings: dict) -> tuple["Vectorizer", np.ndarray]:
        """The vectorizer fitted on the texts `rows` of `counts` alone (vocabulary: terms in at least
        min_df of them, the most frequent up to the limits; IDF from them) and its columns of
        `counts.raw`. The same as fitting on those texts, without tokenising them again per fold."""
        sub = counts.raw[rows]
        df = np.bincount(sub.indices, minlength=sub.shape[1])
        tf = np.asarray(sub.sum(axis=0)).ravel()
        min_df = min(settings["min_df"], max(1, len(rows) // 2))
        chosen = []
        for lo, hi, limit in ((0, counts.n_char, settings["max_char_features"]),
                              (counts.n_char, len(counts.terms), settings["max_word_features"])):
            cols = lo + np.flatnonzero(df[lo:hi] >= min_df)
            if len(cols) > limit:  # the most frequent terms, ties by term order (as CountVectorizer)
                cols = np.sort(cols[np.argsort(-tf[cols], kind="stable")[:limit]])
            chosen.append(cols)
        char_cols, word_cols = chosen
        cols = np.concatenate([char_cols, word_cols]).astype(np.int64)
        idf = (np.log((1 + len(rows)) / (1 + df[cols].astype(np.float64))) + 1).astype(np.float32)
        terms = counts.terms
        return cls(settings, [terms[i] for i in char_cols], [terms[i] for i in word_cols], idf), cols

    def _weigh(self, raw: sparse.csr_matrix) -> sparse.csr_matrix:
        raw = raw.tocsr(copy=True).astype(np.float32)
        raw.data = 1 + np.log(raw.data)
        return normalize(raw @ sparse.diags(self.idf), copy=False).tocsr()

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        parts = []
        for cv in self._fixed():
            if cv is None:
                parts.append(sparse.csr_matrix((len(texts), 0), dtype=np.float32))
            else:
                parts.append(cv.transform(texts))
        return self._weigh(sparse.hstack(parts, format="csr"))

    def _fixed(self) -> list:
        """The two analyzers over the fixed vocabulary, built once (building them per call cost more
        than the counting when scoring one article)."""
        if getattr(self, "_cvs", None) is None:
            cvs = []
            for cv, vocab in zip(_analyzers(self.settings), (self.char_vocab, self.word_vocab)):
                if vocab:
                    cv.set_params(vocabulary={t: i for i, t in enumerate(vocab)})
                    cv.fit([""])  # validates the fixed vocabulary once
                cvs.append(cv if vocab else None)
            self._cvs = cvs
        return self._cvs


@dataclass
class TermCounts:
    """Raw n-gram counts of texts over every term they contain (char terms first, then word terms):
    tokenised once, then each cross-validation fold keeps the columns its training texts select."""

    raw: sparse.csr_matrix
    terms: list[str]
    n_char: int

    @classmethod
    def of(cls, texts: list[str], settings: dict) -> "TermCounts":
        parts, terms = [], []
        for cv in _analyzers(settings):
            try:
                m = cv.fit_transform(texts)
                vocab = sorted(cv.vocabulary_, key=cv.vocabulary_.get)
            except ValueError:  # no terms at all (empty texts)
                m, vocab = sparse.csr_matrix((len(texts), 0), dtype=np.float32), []
            parts.append(m)
            terms.append(vocab)
        return cls(sparse.hstack(parts, format="csr"), terms[0] + terms[1], len(terms[0]))


class NBSVM:
    """NB-SVM (Wang and Manning 2012, "Baselines and bigrams"), one-vs-rest over the TF-IDF rows.

    For each label c: the log-count ratio r_c = log((p / |p|_1) / (q / |q|_1)) with p = alpha + the
    binarised feature counts of the items labelled c and q = alpha + those of the others; a
    class-balanced linear SVM on the rows scaled by r_c gives w, b; the weights are interpolated
    toward their mean magnitude, w' = (1 - beta) * mean|w| + beta * w (the paper's beta 0.25); r_c
    is scaled to mean magnitude 1 (a constant factor: the same as another C). As
    w' . (x * r_c) = (w' * r_c) . x, `coef_` holds w' * r_c: the model scores raw TF-IDF rows like
    the other kinds and is stored the same way. The paper feeds binarised rows; here the TF-IDF rows
    are scaled (the stored vectorizer makes those), the ratios come from binarised counts.
    """

    def __init__(self, C: float = 0.5, beta: float = 0.25, alpha: float = 1.0):
        self.C, self.beta, self.alpha = C, beta, alpha

    def fit(self, x: sparse.csr_matrix, y) -> "NBSVM":
        from sklearn.svm import LinearSVC

        y = np.asarray(y)
        self.classes_ = np.array(sorted(set(y)), dtype=object)
        if len(self.classes_) < 2:
            raise ValueError("NB-SVM needs items of at least two labels")
        present = x.copy()
        present.data = np.ones_like(present.data)
        coefs, icpts = [], []
        for c in self.classes_:
            pos = y == c
            p = self.alpha + np.asarray(present[pos].sum(axis=0)).ravel()
            q = self.alpha + np.asarray(present[~pos].sum(axis=0)).ravel()
            r = np.log((p / p.sum()) / (q / q.sum())).astype(np.float32)
            # scaled to mean magnitude 1, so that C means what it means for the plain SVM (the
            # raw ratios made the SVM's problem about four times harder: 2.5x the fitting time)
            r /= max(float(np.abs(r).mean()), 1e-12)
            svm = LinearSVC(C=self.C, class_weight="balanced", random_state=0).fit(x @ sparse.diags(r), pos)
            w = svm.coef_[0]
            w = (1 - self.beta) * np.abs(w).mean() + self.beta * w
            coefs.append(w * r)
            icpts.append(svm.intercept_[0])
        self.coef_ = np.vstack(coefs).astype(np.float32)
        self.intercept_ = np.array(icpts, dtype=np.float32)
        return self

    def predict(self, x: sparse.csr_matrix) -> np.ndarray:
        return self.classes_[np.asarray(x @ self.coef_.T + self.intercept_).argmax(axis=1)]


def _classifier(kind: str, settings: dict):
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    if kind == "lr":
        return LogisticRegression(C=settings["C"], class_weight="balanced", max_iter=2000)
    if kind == "svm":
        return LinearSVC(C=settings["svm_C"], class_weight="balanced", random_state=0)
    if kind == "nbsvm":
        return NBSVM(C=settings["nbsvm_C"], beta=settings["nbsvm_beta"], alpha=settings["nbsvm_alpha"])
    raise ModelFormatError(f"unknown classifier kind {kind!r}")


def _full_rows(clf, labels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Coefficients and intercepts with one row per label in `labels` (absent labels score -inf-ish)."""
    coef = np.asarray(clf.coef_, dtype=np.float32)
    icpt = np.asarray(clf.intercept_, dtype=np.float32)
    classes = list(clf.classes_)
    if len(classes) == 2 and coef.shape[0] == 1:  # binary: one row w; softmax([-w/2, w/2]) = sigmoid(w)
        coef = np.vstack([-coef[0] / 2, coef[0] / 2])
        icpt = np.array([-icpt[0] / 2, icpt[0] / 2], dtype=np.float32)
    full = np.zeros((len(labels), coef.shape[1]), dtype=np.float32)
    fi = np.full(len(labels), -30.0, dtype=np.float32)
    for row, c in enumerate(classes):
        full[labels.index(c)] = coef[row]
        fi[labels.index(c)] = icpt[row]
    return full, fi


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class Suggestion:
    """A model's suggestion for one item: label, probabilities by label, margin between the two most
    probable labels, and the sentence that contributes most as evidence (None: no context)."""

    article_id: str
    holder: str
    target: str
    label: str
    probabilities: dict[str, float]
    margin: float
    evidence: tuple[int, int] | None


@dataclass
class StanceModel:
    kind: str
    labels: list[str]
    vectorizer: Vectorizer
    coef: np.ndarray  # (len(labels), n_features)
    intercept: np.ndarray  # (len(labels),)
    report: dict = field(default_factory=dict)

    def probabilities(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        x = self.vectorizer.transform(texts)
        return softmax(np.asarray(x @ self.coef.T) + self.intercept)

    def suggest(self, contexts: list[ItemContext]) -> list[Suggestion]:
        """Suggestions for `contexts`, with the most contributing sentence as the evidence span."""
        if not contexts:
            return []
        probs = self.probabilities([c.text for c in contexts])
        sents = [(i, s, e, t) for i, c in enumerate(contexts) for s, e, t in c.sentences]
        contrib = np.asarray(self.vectorizer.transform([t for *_, t in sents]) @ self.coef.T) if sents else None
        best: dict[int, tuple[float, int, int]] = {}
        out = []
        order = np.argsort(-probs, axis=1)
        for row, (i, s, e, _) in enumerate(sents):
            score = float(contrib[row, order[i, 0]])
            if i not in best or score > best[i][0]:
                best[i] = (score, s, e)
        for i, c in enumerate(contexts):
            top, second = order[i, 0], order[i, 1] if len(self.labels) > 1 else order[i, 0]
            p = probs[i]
            out.append(Suggestion(
                c.article_id, c.holder, c.target, self.labels[top],
                {l: round(float(p[k]), 4) for k, l in enumerate(self.labels)},
                round(float(p[top] - (p[second] if second != top else 0.0)), 4),
                best[i][1:] if i in best else None,
            ))
        return out

    def to_record(self) -> dict:
        """The model as plain data: JSON-able fields and float32 little-endian byte arrays."""
        return {
            "format": FORMAT, "kind": self.kind, "labels": list(self.labels),
            "settings": dict(self.vectorizer.settings),
            "vocabulary": {"char": self.vectorizer.char_vocab, "word": self.vectorizer.word_vocab},
            "coef": self.coef.astype("<f4").tobytes(), "intercept": self.intercept.astype("<f4").tobytes(),
            "idf": self.vectorizer.idf.astype("<f4").tobytes(), "report": self.report,
        }

    @classmethod
    def from_record(cls, rec: dict) -> "StanceModel":
        """Rebuild a model from `to_record` data. Raises ModelFormatError when the parts do not fit."""
        try:
            if rec["format"] != FORMAT:
                raise ModelFormatError(f"model format {rec['format']!r} is not {FORMAT}; retrain with `annotator learn`")
            labels = [str(l) for l in rec["labels"]]
            settings = {**DEFAULT_SETTINGS, **rec["settings"]}
            char, word = list(map(str, rec["vocabulary"]["char"])), list(map(str, rec["vocabulary"]["word"]))
            n, k = len(char) + len(word), len(labels)
            arrays = {}
            for name, size in (("coef", k * n), ("intercept", k), ("idf", n)):
                buf = rec[name]
                if not isinstance(buf, (bytes, bytearray, memoryview)) or len(buf) != 4 * size:
                    raise ModelFormatError(f"model {name}: expected {size} float32 values")
                arrays[name] = np.frombuffer(bytes(buf), dtype="<f4").astype(np.float32)
            if rec["kind"] not in KINDS or k < 1:
                raise ModelFormatError(f"unknown model kind {rec['kind']!r} or no labels")
        except (KeyError, TypeError, AttributeError) as e:
            raise ModelFormatError(f"model record is incomplete ({e})") from e
        vec = Vectorizer(settings, char, word, arrays["idf"])
        return cls(rec["kind"], labels, vec, arrays["coef"].reshape(k, n), arrays["intercept"], rec.get("report", {}))


def _one_thread(fn):
    """Run `fn` with one BLAS/OpenMP thread: on a shared 2-core laptop several threads fighting over
    small sparse products made fitting 3-4 times slower, and the window stays responsive."""
    import functools

    @functools.wraps(fn)
    def wrapper(*a, **kw):
        with threadpool_limits(1):
            return fn(*a, **kw)

    return wrapper


@_one_thread
def train(texts: list[str], labels: list[str], label_set: list[str], kind: str = "lr",
          settings: dict | None = None, counts: TermCounts | None = None) -> StanceModel:
    """Fit a model on all of `texts` (`counts`: their TermCounts, when already computed). Raises
    ValueError with fewer than two distinct labels."""
    settings = {**DEFAULT_SETTINGS, **(settings or {})}
    if len(set(labels)) < 2:
        raise ValueError("training needs items of at least two different labels")
    if counts is None:
        vec, x = Vectorizer.fit(texts, settings)
    else:
        vec, cols = Vectorizer.from_counts(counts, np.arange(len(texts)), settings)
        x = vec._weigh(counts.raw[:, cols])
    clf = _classifier(kind, settings).fit(x, labels)
    coef, icpt = _full_rows(clf, label_set)
    return StanceModel(kind, list(label_set), vec, coef, icpt)


def _macro_f1(y_true: list[str], y_pred: list[str], labels: list[str]) -> float:
    return float(f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0))


def ece(probs: np.ndarray, y_true: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error of the top-label probability (equal-width bins)."""
    if len(probs) == 0:
        return 0.0
    conf = probs.max(axis=1)
    correct = probs.argmax(axis=1) == y_true
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        sel = (conf > lo) & (conf <= hi)
        if sel.any():
            total += sel.mean() * abs(conf[sel].mean() - correct[sel].mean())
    return float(total)


def _folds(labels: list[str], groups: list[str], n_splits: int, seed: int):
    n_groups = len(set(groups))
    k = max(2, min(n_splits, n_groups))
    try:
        splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
        folds = list(splitter.split(np.zeros(len(labels)), labels, groups))
    except ValueError:
        folds = list(GroupKFold(n_splits=k).split(np.zeros(len(labels)), labels, groups))
    return [(tr, te) for tr, te in folds if len(tr) and len(te)]


@_one_thread
def evaluate(texts: list[str], labels: list[str], groups: list[str], label_set: list[str], *,
             scored: list[bool] | None = None, settings: dict | None = None,
             kinds: tuple[str, ...] = KINDS, learning_curve: bool = True,
             counts: TermCounts | None = None) -> dict:
    """Cross-validate on human labels, grouped by article (`groups`); returns the report.

    `scored` (default all) marks the items that count as test items: a stance taken over from a
    suggestion unchanged trains but is not scored, so accepting suggestions cannot flatter the
    figure. Keys: ready, reason, n_items, n_articles, labels, kind, candidates, macro_f1,
    majority_macro_f1, chance_macro_f1, per_label, confusion, ece, learning_curve, more_labels_needed.
    """
    settings = {**DEFAULT_SETTINGS, **(settings or {})}
    n, n_articles = len(labels), len(set(groups))
    per_label = Counter(labels)
    present = [l for l in label_set if per_label.get(l)]
    report: dict = {
        "ready": False, "n_items": n, "n_articles": n_articles, "labels": {l: per_label.get(l, 0) for l in label_set},
        "kind": None, "candidates": {}, "macro_f1": None, "majority_macro_f1": None, "chance_macro_f1": None, "per_label": {},
        "confusion": {"labels": present, "matrix": []}, "ece": None, "learning_curve": [],
        "more_labels_needed": max(0, MIN_ITEMS - n), "min_items": MIN_ITEMS, "min_gain": MIN_GAIN,
    }
    if len(present) < 2 or n_articles < 2:
        report["reason"] = ("needs labelled items of at least two labels from at least two articles; "
                            f"have {n} item(s), {n_articles} article(s), label(s) {present}")
        return report
    scored_mask = np.array(scored if scored is not None else [True] * n, dtype=bool)
    y = np.array(labels, dtype=object)
    folds = _folds(labels, groups, settings["folds"], settings["seed"])
    oof_pred = {k: np.empty(n, dtype=object) for k in kinds}
    oof_prob = {k: np.zeros((n, len(label_set)), dtype=np.float32) for k in kinds}
    majority = np.empty(n, dtype=object)
    tested = np.zeros(n, dtype=bool)
    counts = counts if counts is not None else TermCounts.of(texts, settings)
    jobs: list[tuple] = []  # (kind, train rows, test rows, their weighted features): one fit each
    for tr, te in folds:
        majority[te] = Counter(y[tr]).most_common(1)[0][0]
        tested[te] = True
        if len(set(y[tr])) < 2:
            for k in kinds:
                oof_pred[k][te] = majority[te]
                oof_prob[k][te, label_set.index(majority[te[0]])] = 1.0
            continue
        vec, cols = Vectorizer.from_counts(counts, tr, settings)
        xtr, xte = vec._weigh(counts.raw[tr][:, cols]), vec._weigh(counts.raw[te][:, cols])
        jobs += [(k, tr, te, xtr, xte) for k in kinds]
    for (k, tr, te, _, _), p in zip(jobs, _fit_all(jobs, y, label_set, settings)):
        oof_prob[k][te] = p
        oof_pred[k][te] = [label_set[j] for j in p.argmax(axis=1)]
    sel = tested & scored_mask
    y_s = list(y[sel])
    for k in kinds:
        report["candidates"][k] = round(_macro_f1(y_s, list(oof_pred[k][sel]), present), 4)
    kind = max(kinds, key=lambda k: (report["candidates"][k], k == "lr", -kinds.index(k)))
    pred = list(oof_pred[kind][sel])
    report["kind"] = kind
    report["macro_f1"] = round(report["candidates"][kind], 4)
    report["majority_macro_f1"] = round(_macro_f1(y_s, list(majority[sel]), present), 4)
    # guessing by the label frequencies scores 1/k in expectation, more than the majority baseline's
    # macro-F1 with three or more labels: the gate compares with the stronger of the two
    report["chance_macro_f1"] = round(1 / len(present), 4)
    p, r, f, s = precision_recall_fscore_support(y_s, pred, labels=present, zero_division=0)
    report["per_label"] = {l: {"precision": round(float(p[i]), 4), "recall": round(float(r[i]), 4),
                               "f1": round(float(f[i]), 4), "support": int(s[i])} for i, l in enumerate(present)}
    report["confusion"] = {"labels": present, "matrix": confusion_matrix(y_s, pred, labels=present).tolist()}
    y_idx = np.array([label_set.index(l) for l in y_s])
    report["ece"] = round(ece(oof_prob[kind][sel], y_idx), 4)
    report["n_scored"] = int(sel.sum())
    if learning_curve:
        report["learning_curve"] = _learning_curve(counts, y, groups, folds, sel, label_set, present, kind,
                                                   settings) + [{"n_items": int(np.mean([len(tr) for tr, _ in folds])),
                                                                 "macro_f1": report["macro_f1"]}]
    gain = report["macro_f1"] - max(report["majority_macro_f1"], report["chance_macro_f1"])
    report["ready"] = bool(n >= MIN_ITEMS and gain >= MIN_GAIN)
    report["more_labels_needed"] = _more_needed(report, n, gain)
    report["reason"] = _reason(report, n, gain)
    return report


# Cross-validation fits run in two processes when there are this many items or more, two cores, fork,
# and no Qt in the process (forking a process with Qt's threads is unsafe; the window trains through
# `annotator learn` in a process of its own). 1,000 items: 10.9 -> about 7 s on two cores.
PARALLEL_MIN_ITEMS = 300


def _fit_one(job: tuple, y: np.ndarray, label_set: list[str], settings: dict) -> np.ndarray:
    """Fit one candidate on one fold's training rows; its probabilities for the fold's test rows.
    (One BLAS thread: `evaluate`'s limit, which a forked process inherits.)"""
    kind, tr, te, xtr, xte = job
    clf = _classifier(kind, settings).fit(xtr, y[tr])
    coef, icpt = _full_rows(clf, label_set)
    return softmax(np.asarray(xte @ coef.T) + icpt)


def _fit_all(jobs: list[tuple], y: np.ndarray, label_set: list[str], settings: dict) -> list[np.ndarray]:
    """`_fit_one` of every job, in order; in two processes when `PARALLEL_MIN_ITEMS` and the machine
    allow (the results are the same: every fit is deterministic)."""
    parallel = (len(y) >= PARALLEL_MIN_ITEMS and len(jobs) > 1 and (os.cpu_count() or 1) >= 2
                and "fork" in multiprocessing.get_all_start_methods() and "PySide6" not in sys.modules)
    if not parallel:
        return [_fit_one(job, y, label_set, settings) for job in jobs]
    from concurrent.futures import ProcessPoolExecutor

    # the biggest fits first, so that neither process is left with a long one at the end
    order = sorted(range(len(jobs)), key=lambda i: -{"nbsvm": 3, "lr": 2}.get(jobs[i][0], 1) * len(jobs[i][1]))
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        futures = {i: pool.submit(_fit_one, jobs[i], y, label_set, settings) for i in order}
        return [futures[i].result() for i in range(len(jobs))]


def _learning_curve(counts, y, groups, folds, sel, label_set, present, kind, settings) -> list[dict]:
    points = []
    rng = random.Random(settings["seed"])
    for frac in (0.25, 0.5):
        preds = np.empty(len(y), dtype=object)
        done = np.zeros(len(y), dtype=bool)
        sizes = []
        for tr, te in folds[:LEARNING_CURVE_FOLDS]:
            train_groups = sorted({groups[i] for i in tr})
            keep = set(rng.sample(train_groups, max(1, int(len(train_groups) * frac))))
            sub = np.array([i for i in tr if groups[i] in keep])
            if len(set(y[sub])) < 2:
                continue
            vec, cols = Vectorizer.from_counts(counts, sub, settings)
            clf = _classifier(kind, settings).fit(vec._weigh(counts.raw[sub][:, cols]), y[sub])
            preds[te] = clf.predict(vec._weigh(counts.raw[te][:, cols]))
            done[te] = True
            sizes.append(len(sub))
        m = done & sel
        if m.any():
            points.append({"n_items": int(np.mean(sizes)), "macro_f1": round(_macro_f1(list(y[m]), list(preds[m]), present), 4)})
    return points


def _more_needed(report: dict, n: int, gain: float) -> int | None:
    """Roughly how many more labelled items until suggestions turn on: 0 when ready, the shortfall
    below MIN_ITEMS, else a linear extrapolation of the learning curve (None: not improving)."""
    if report["ready"]:
        return 0
    if n < MIN_ITEMS and gain >= MIN_GAIN:
        return MIN_ITEMS - n
    curve = report["learning_curve"]
    if len(curve) >= 2 and curve[-1]["n_items"] > curve[0]["n_items"]:
        slope = (curve[-1]["macro_f1"] - curve[0]["macro_f1"]) / (curve[-1]["n_items"] - curve[0]["n_items"])
        if slope > 0:
            return max(MIN_ITEMS - n, math.ceil((MIN_GAIN - gain) / slope))
    return None


def _reason(report: dict, n: int, gain: float) -> str:
    if report["ready"]:
        return (f"cross-validated macro-F1 {report['macro_f1']:.2f} beats the majority baseline "
                f"{report['majority_macro_f1']:.2f} and chance {report['chance_macro_f1']:.2f} by {gain:.2f} on {n} items")
    more = report["more_labels_needed"]
    rare = sorted((c, l) for l, c in report["labels"].items() if c)[:1]
    hint = f" (especially {rare[0][1]}, {rare[0][0]} so far)" if rare else ""
    how = f"label about {more} more item(s){hint}" if more else f"label more items{hint}; the learning curve is flat"
    return (f"suggestions stay off: macro-F1 {report['macro_f1']:.2f} vs majority {report['majority_macro_f1']:.2f}"
            f" and chance {report['chance_macro_f1']:.2f} on {n} items needs a gain of {MIN_GAIN:.2f} and at least {MIN_ITEMS} items; {how}")


def learn(contexts: list[ItemContext], labels: list[str], label_set: list[str], *,
          scored: list[bool] | None = None, settings: dict | None = None) -> tuple[StanceModel | None, dict]:
    """Evaluate, then train the winning kind on every item; (None, report) when nothing can be trained."""
    texts = [c.text for c in contexts]
    groups = [c.article_id for c in contexts]
    full = {**DEFAULT_SETTINGS, **(settings or {})}
    counts = TermCounts.of(texts, full) if texts else None
    report = evaluate(texts, labels, groups, label_set, scored=scored, settings=full, counts=counts)
    if report["kind"] is None:
        return None, report
    model = train(texts, labels, label_set, report["kind"], full, counts=counts)
    model.report = report
    return model, report
