"""Locate bundled resources (fonts, sample articles, lexicon, JSON Schemas).

In a source checkout they live in `resources/` beside the package; an installed wheel carries them
as `annotator/_resources` (hatchling force-include).
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def resource_dir() -> Path:
    """The directory holding the bundled resources; raises FileNotFoundError if none is found."""
    for candidate in (_PKG / "_resources", _PKG.parent / "resources"):
        if (candidate / "fonts").is_dir():
            return candidate
    raise FileNotFoundError("annotator's resources/ folder is missing; reinstall annotator")


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
