"""The bundled sample project: the two sample articles and the sample lexicon, with suggestions."""

from __future__ import annotations

from pathlib import Path

from .ingest import import_paths
from .core.actors import pick_color
from .io.lexicon import load_lexicon
from .resources import resource
from .storage.project import Project


def load_actors(project: Project, lexicon_path: str | Path) -> int:
    """Add or update the actors of a TOML lexicon; returns how many actors were loaded."""
    actors = load_lexicon(lexicon_path)
    colors = [a.color for a in project.actors()] + [a.color for a in actors]
    for actor in actors:
        if not actor.color:
            known = next((a.color for a in project.actors() if a.id == actor.id), "")
            actor.color = known or pick_color(colors)
            colors.append(actor.color)
        project.upsert_actor(actor)
    return len(actors)


def create_sample_project(path: str | Path) -> Path:
    """Create a project at `path` holding the sample articles, lexicon and guidelines."""
    path = Path(path)
    with Project.create(path, name="sample") as project:
        load_actors(project, resource("lexicon", "sample.toml"))
        project.set_setting("guidelines", resource("guidelines.md").read_text(encoding="utf-8"))
        report = import_paths(project, sorted(resource("samples").glob("*.txt")))
        if report.imported == 0:
            raise RuntimeError("the sample articles could not be imported:\n" + report.summary())
    return path
