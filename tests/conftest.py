"""Shared fixtures: real project files in tmp_path, the bundled sample lexicon and articles."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpora" / "saudinewsnet" / "saudinewsnet_10k.jsonl"


@pytest.fixture
def project(tmp_path):
    from annotator.storage import Project

    p = Project.create(tmp_path / "test.annotator")
    yield p
    p.close()


@pytest.fixture
def sample_project(tmp_path):
    from annotator.sample import create_sample_project
    from annotator.storage import Project

    path = create_sample_project(tmp_path / "sample.annotator")
    p = Project.open(path)
    yield p
    p.close()
