"""The Python API: everything the CLI and the GUI do, as functions and one `Project` class.

    from annotator.api import Project, import_paths, load_actors, export, AUTHOR

    with Project.create("news.annotator") as p:
        load_actors(p, "lexicon.toml")
        import_paths(p, ["articles.jsonl"], options=ReadOptions(text_field="content"))
        for art in p.iter_articles():
            ...
        p.add_mention(article_id, "TUR", start, end, annotator="ali")
        p.set_stance(article_id, AUTHOR, "TUR", "AGAINST", annotator="ali")
        export(p, "pairs.jsonl", "pairs", status="done")
        import_annotations(p, ["label-studio-export.json"], "label-studio")
"""

from .core.model import AUTHOR, Actor, Alias, Label, Mention, Span, Stance  # noqa: F401
from .ingest import ImportReport, import_paths  # noqa: F401
from .io.interop import import_annotations  # noqa: F401
from .io.readers import ReadOptions  # noqa: F401
from .sample import create_sample_project, load_actors  # noqa: F401
from .storage.project import (  # noqa: F401
    ArticleRecord,
    ConflictError,
    NewerSchemaError,
    NotAProjectError,
    Project,
    ProjectError,
)


def assign(team, annotators, out_dir, **options):
    """Write one project file per annotator with their share of `team`'s articles; see team.assign."""
    from .team.assign import assign as _assign

    return _assign(team, annotators, out_dir, **options)


def merge(team, path):
    """Merge one annotator's project file into `team`; see team.merge (MergeError names a refused file)."""
    from .team.merge import merge_file

    return merge_file(team, path)


def agreement(project):
    """Agreement figures (kappa, alpha, span F1) as a JSON-ready dict; see team.measure."""
    from .team.measure import agreement_report

    return agreement_report(project)


def export(project, out_path, fmt="docs", **options):
    """Export `project` to `out_path` in `fmt` (docs, pairs, doccano, label-studio); see io.export."""
    from .io.export import export as _export

    return _export(project, out_path, fmt, **options)
