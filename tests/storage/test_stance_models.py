"""Stored stance models of every kind: plain data in the project file that scores the same after reload."""

import sqlite3

import numpy as np
import pytest

from annotator.core import stance_model as sm
from annotator.storage import Project
from tests.core.test_stance_model import LABELS, _dataset


@pytest.mark.parametrize("kind", sm.KINDS)
def test_a_stored_model_scores_identically_after_reload(tmp_path, kind):
    """Issue 11: an NB-SVM model (like the other kinds) goes into the project file as plain arrays and
    JSON, never a pickle, and gives the same probabilities and suggestions after reopening the file."""
    contexts, labels = _dataset(n_articles=40)
    model = sm.train([c.text for c in contexts], labels, LABELS, kind)
    model.report = {"ready": True, "n_items": len(labels), "macro_f1": 0.5, "kind": kind}
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        model_id = p.models.save(model)
    conn = sqlite3.connect(path)
    stored_kind, coef = conn.execute("SELECT kind, coef FROM stance_models WHERE id = ?", (model_id,)).fetchone()
    conn.close()
    assert stored_kind == kind and isinstance(coef, bytes) and not coef.startswith(b"\x80")  # no pickle stream
    with Project.open(path) as p:
        again = p.models.load(model_id)
    texts = [c.text for c in contexts]
    assert again.kind == kind and again.labels == LABELS
    assert np.array_equal(again.probabilities(texts), model.probabilities(texts))
    assert [(s.label, s.probabilities, s.evidence) for s in again.suggest(contexts)] == [
        (s.label, s.probabilities, s.evidence) for s in model.suggest(contexts)]
