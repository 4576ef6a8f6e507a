"""The only owner of the SQLite schema. See `project.Project`."""

from .project import (  # noqa: F401
    ConflictError,
    NewerSchemaError,
    NotAProjectError,
    Project,
    ProjectBusyError,
    ProjectError,
)
