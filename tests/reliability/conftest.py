"""Reliability tests: real project files, real child processes killed with SIGKILL, offscreen Qt."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture
def settings(tmp_path: Path):
    from annotator.ui.settings import AppSettings

    return AppSettings.at(tmp_path / "settings.ini")


@pytest.fixture
def sample_path(tmp_path: Path) -> Path:
    from annotator.sample import create_sample_project

    return create_sample_project(tmp_path / "shared.annotator")
