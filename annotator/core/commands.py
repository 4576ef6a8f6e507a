"""Reversible edits as data.

Every user-visible edit is an `Edit`: a named, ordered list of row changes (before -> after). Its
inverse swaps before and after and reverses the order, so undo and redo replay the same mechanism
as the edit itself, across restarts (edits are stored as JSON in the change log). The storage layer
applies an Edit in one transaction and refuses it when the current rows no longer match `before`
(someone else changed them), so an undo can never silently overwrite newer work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from . import strict_json


@dataclass(frozen=True)
class RowChange:
    table: str
    key: tuple  # primary-key values, in the table's key-column order
    before: dict | None  # None: the row did not exist (insert)
    after: dict | None  # None: the row is removed (delete)

    def inverse(self) -> "RowChange":
        return RowChange(self.table, self.key, self.after, self.before)

    def to_json(self) -> dict:
        return {"table": self.table, "key": list(self.key), "before": self.before, "after": self.after}

    @classmethod
    def from_json(cls, d: dict) -> "RowChange":
        return cls(d["table"], tuple(d["key"]), d["before"], d["after"])


@dataclass(frozen=True)
class Edit:
    action: str  # e.g. "add_mention", "set_stance"
    article_id: str
    changes: tuple[RowChange, ...] = field(default_factory=tuple)

    def inverse(self) -> "Edit":
        return Edit(self.action, self.article_id, tuple(c.inverse() for c in reversed(self.changes)))

    def is_noop(self) -> bool:
        return all(c.before == c.after for c in self.changes)

    def to_json(self) -> str:
        return strict_json.dumps(
            {"action": self.action, "article_id": self.article_id, "changes": [c.to_json() for c in self.changes]},
            ensure_ascii=False,
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, s: str) -> "Edit":
        d = json.loads(s)
        return cls(d["action"], d["article_id"], tuple(RowChange.from_json(c) for c in d["changes"]))

    def created_ids(self, table: str) -> list:
        """Keys of rows this edit inserts into `table` (e.g. the id of a new mention)."""
        return [c.key[0] for c in self.changes if c.table == table and c.before is None and c.after is not None]
