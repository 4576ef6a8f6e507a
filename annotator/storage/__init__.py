"""The only owner of the SQLite schema. See `project.Project`.

The names below are loaded when first used, so that `storage.prepared` (the import's worker process)
does not load the project module and sqlite-utils with them.
"""

_PROJECT_NAMES = ("ConflictError", "NewerSchemaError", "NotAProjectError", "Project", "ProjectBusyError", "ProjectError")
__all__ = list(_PROJECT_NAMES)


def __getattr__(name: str):
    if name in _PROJECT_NAMES:
        from . import project

        return getattr(project, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
