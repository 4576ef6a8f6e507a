"""The bundled sample project: the two sample articles and the sample lexicon, with suggestions."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from .ingest import import_paths
from .io.lexicon import load_lexicon
from .resources import resource
from .storage.project import Project
from .storage.safe_files import new_file


def load_actors(project: Project, lexicon_path: str | Path) -> int:
    """Add or update the actors of a TOML lexicon; returns how many actors were loaded."""
    actors = load_lexicon(lexicon_path)
    for actor in actors:
        project.upsert_actor(actor)
    return len(actors)


def create_project(path: str | Path, fill: Callable[[Project], Any] = lambda project: None, *,
                   name: str = "") -> Path:
    """Create a project at `path` all or nothing: built in a temporary file beside it, filled by
    `fill`, and renamed to `path` only when `fill` succeeded.

    Raises UnsafeOutputError (a ValueError) when `path` exists; whatever `fill` raises (a bad
    lexicon, an unreadable guidelines file), with nothing left behind, so the same command can be
    run again once the problem is fixed.
    """
    target = Path(path)
    with new_file(target) as tmp:
        with Project.create(tmp, name=name or target.stem) as project:
            fill(project)
    return target


def create_sample_project(path: str | Path) -> Path:
    """Create a project at `path` holding the sample articles, lexicon and guidelines (all or nothing)."""

    def fill(project: Project) -> None:
        load_actors(project, resource("lexicon", "sample.toml"))
        project.set_setting("guidelines", resource("guidelines.md").read_text(encoding="utf-8"))
        report = import_paths(project, sorted(resource("samples").glob("*.txt")))
        if report.imported == 0:
            raise RuntimeError("the sample articles could not be imported:\n" + report.summary())

    return create_project(path, fill, name="sample")
