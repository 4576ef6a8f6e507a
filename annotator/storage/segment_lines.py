"""Flipping one line of a multi-line segment between body text and boilerplate.

Consecutive lines of one kind form one segment at import; B flips only the line under the caret,
so the segment is split around it: the lines before keep the segment's row (and kind), the line
and the lines after become new rows. One edit, undone as one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.commands import Edit, RowChange
from ..core.model import SEGMENT_KINDS, ValidationError, new_id
from .times import now

if TYPE_CHECKING:
    from .project import Project


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def edit_flip_line(project: "Project", segment_id: str, pos: int, kind: str) -> Edit:
    """Give the line at code point `pos` of segment `segment_id` the kind `kind`, splitting the segment.

    Raises KeyError for an unknown segment, ValidationError for an unknown kind.
    """
    if kind not in SEGMENT_KINDS:
        raise ValidationError(f"unknown segment kind {kind!r}")
    before = project._existing("segments", (segment_id,))
    start, end = before["start"], before["end"]
    text = project.article_text(before["article_id"])
    pos = min(max(pos, start), end)
    line_start = max(start, text.rfind("\n", start, pos) + 1)
    line_end = text.find("\n", pos, end)
    line_end = end if line_end < 0 else line_end
    pieces = [(*_trimmed(text, start, line_start), before["kind"], before["method"]),
              (line_start, line_end, kind, "manual"),
              (*_trimmed(text, line_end, end), before["kind"], before["method"])]
    pieces = [p for p in pieces if p[0] < p[1]]
    if len(pieces) == 1:
        return project.edit_set_segment_kind(segment_id, kind)
    ts = now()
    changes = []
    for i, (s, e, k, method) in enumerate(pieces):
        row = {**before, "start": s, "end": e, "kind": k, "method": method, "updated_at": ts}
        if i == 0:
            changes.append(RowChange("segments", (segment_id,), before, row))
        else:
            row["id"] = new_id()
            changes.append(RowChange("segments", (row["id"],), None, row))
    return Edit("set_segment_kind", before["article_id"], tuple(changes))
