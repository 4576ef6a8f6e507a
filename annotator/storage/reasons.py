"""The reasons annotators of a project usually give for skipping (or flagging) an article."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .project import Project


def usual_reasons(project: "Project", status: str = "skipped", limit: int = 8) -> list[str]:
    """The most frequent non-empty reasons recorded with `status`, most frequent first."""
    rows = project.conn.execute(
        "SELECT reason FROM article_status WHERE status = ? AND reason <> ''"
        " GROUP BY reason ORDER BY count(*) DESC, max(updated_at) DESC LIMIT ?", (status, limit))
    return [r[0] for r in rows]
