"""The bundled sample project: the two sample articles and the sample lexicon, with suggestions."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable

from .ingest import import_paths
from .core.actors import pick_color
from .io.lexicon import LexiconError, load_lexicon
from .io.readers import project_file_ids
from .resources import resource
from .storage import access
from .storage.project import Project, ProjectError
from .storage.safe_files import new_file


def load_actors(project: Project, lexicon_path: str | Path) -> int:
    """Add or update the actors of a TOML lexicon, all in one transaction; returns how many.

    Raises LexiconError listing every problem of the file (then nothing is stored), OSError when
    it cannot be read.
    """
    st = os.stat(lexicon_path)
    if (st.st_dev, st.st_ino) in project_file_ids(project.path):  # never opened: that would drop our locks
        raise LexiconError(f"{lexicon_path}: this is the project file itself, not a TOML lexicon")
    actors = load_lexicon(lexicon_path)
    with project.db.atomic():
        colors = [a.color for a in project.actors()] + [a.color for a in actors]
        for actor in actors:
            if not actor.color:  # one that stands apart from the others'
                known = next((a.color for a in project.actors() if a.id == actor.id), "")
                actor.color = known or pick_color(colors)
                colors.append(actor.color)
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
    if problem := access.create_problem(target):  # before the temporary file is made beside it
        raise ProjectError(f"{target}: cannot create the project: {problem}")
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
