"""QUndoCommand adapters over the project's edits.

Each command is built from a core `Edit` (a reversible list of row changes that the storage
builders `edit_*` produce and validate); redo applies it and undo applies its inverse, both through
`AnnotationSession.commit`, which logs them in the project's change history as do/undo/redo. The
named subclasses only choose the builder and the text shown in the Edit menu. A builder raises
ValidationError or KeyError for an impossible edit before anything is pushed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ..core.commands import Edit
from ..storage.segment_lines import edit_flip_line

if TYPE_CHECKING:
    from .session import AnnotationSession


def _row(edit: Edit, table: str) -> dict:
    """The (after, else before) row of the first change of `table` in `edit`; {} when none."""
    for change in edit.changes:
        if change.table == table:
            return change.after or change.before or {}
    return {}


def _stance_name(row: dict) -> str:
    """"TUR AGAINST" for the author's stance, "USA → TUR AGAINST" for a quoted actor's."""
    target = row.get("target_id", "")
    if row.get("holder_id"):
        target = f"{row['holder_id']} → {target}"
    return f"{target} {row.get('label', '')}".strip()


def describe(edit: Edit) -> str:
    """The name of an edit in the Edit menu ("stance TUR AGAINST" -> "Undo stance TUR AGAINST").

    Built from the edit's rows alone, so an edit read back from the change log after a restart gets
    the same name it had when it was made.
    """
    action = edit.action
    if action == "set_stance":
        return QCoreApplication.translate("Commands", "stance {stance}").format(stance=_stance_name(_row(edit, "stances")))
    if action == "update_stance":
        return QCoreApplication.translate("Commands", "stance details {stance}").format(stance=_stance_name(_row(edit, "stances")))
    if action == "delete_stance":
        return QCoreApplication.translate("Commands", "delete stance {stance}").format(stance=_stance_name(_row(edit, "stances")))
    if action == "add_mention":
        return QCoreApplication.translate("Commands", "mention {actor}").format(actor=_row(edit, "mentions").get("actor_id", ""))
    if action == "set_mention":
        change = next(c for c in edit.changes if c.table == "mentions")
        before, after = change.before or {}, change.after or {}
        if before.get("actor_id") != after.get("actor_id"):
            return QCoreApplication.translate("Commands", "mention actor {actor}").format(actor=after.get("actor_id", ""))
        texts = {"accepted": QCoreApplication.translate("Commands", "accept mention {actor}"), "rejected": QCoreApplication.translate("Commands", "reject mention {actor}")}
        return texts.get(after.get("status"), QCoreApplication.translate("Commands", "change mention {actor}")).format(actor=after.get("actor_id", ""))
    if action == "accept_mentions":
        return QCoreApplication.translate("Commands", "accept {n} mentions of {actor}").format(
            n=len(edit.changes), actor=_row(edit, "mentions").get("actor_id", ""))
    if action == "delete_mention":
        return QCoreApplication.translate("Commands", "delete mention {actor}").format(actor=_row(edit, "mentions").get("actor_id", ""))
    if action == "add_evidence":
        return QCoreApplication.translate("Commands", "add evidence")
    if action == "remove_evidence":
        return QCoreApplication.translate("Commands", "remove evidence")
    if action == "set_status":
        texts = {"done": QCoreApplication.translate("Commands", "mark done"), "skipped": QCoreApplication.translate("Commands", "skip article"), "flagged": QCoreApplication.translate("Commands", "flag article")}
        return texts.get(_row(edit, "article_status").get("status"), QCoreApplication.translate("Commands", "change status"))
    if action == "set_segment_kind":
        return QCoreApplication.translate("Commands", "mark segment as {kind}").format(kind=_row(edit, "segments").get("kind", ""))
    if action == "set_gold":
        return QCoreApplication.translate("Commands", "gold stance {stance}").format(stance=_stance_name(_row(edit, "gold_stances")))
    if action == "clear_gold":
        return QCoreApplication.translate("Commands", "clear gold stance")
    if action == "accept_agreed":
        return QCoreApplication.translate("Commands", "accept agreed labels")
    if action == "propose_actor":
        return QCoreApplication.translate("Commands", "{n} proposals of {actor}").format(
            n=len(edit.changes), actor=_row(edit, "mentions").get("actor_id", ""))
    actor = _row(edit, "actors").get("id", "")
    if action == "add_actor":
        return QCoreApplication.translate("Commands", "new actor {actor}").format(actor=actor)
    if action == "edit_actor":
        return QCoreApplication.translate("Commands", "edit actor {actor}").format(actor=actor)
    if action == "add_alias":
        return QCoreApplication.translate("Commands", "alias of {actor}").format(actor=_row(edit, "aliases").get("actor_id", ""))
    if action == "merge_actors":
        return QCoreApplication.translate("Commands", "merge actors into {actor}").format(actor=actor)
    return action.replace("_", " ")


class EditCommand(QUndoCommand):
    """Redo commits the edit, undo commits its inverse; a failed commit drops the command.

    A command read back from the change log (`logged`) is already applied: pushing it onto the undo
    stack does nothing, its undo and redo work like those of a command made in this window.
    """

    def __init__(self, session: AnnotationSession, edit: Edit, text: str = "", *, logged: str = ""):
        super().__init__(text or describe(edit))
        self.session = session
        self.edit = edit
        self.change_id = logged
        self.committed = False  # a plain attribute: readable even after QUndoStack dropped the command
        self.replaying = bool(logged)  # push / setIndex while the history is loaded: change nothing

    def redo(self) -> None:
        if self.replaying:
            return
        kind = "redo" if self.change_id else "do"
        change_id = self.session.commit(self.edit, kind=kind, ref=self.change_id)
        # None: refused; "": the edit changed nothing (e.g. a value set to what it already was
        # within the same millisecond), so there is nothing to log and nothing to undo
        self.committed = bool(change_id)
        if not change_id:
            self.setObsolete(True)  # QUndoStack deletes an obsolete command instead of keeping it
        elif kind == "do":
            self.change_id = change_id

    def undo(self) -> None:
        if self.replaying:
            return
        if self.session.commit(self.edit.inverse(), kind="undo", ref=self.change_id) is None:
            self.setObsolete(True)


class AddMentionCommand(EditCommand):
    def __init__(self, session: AnnotationSession, article_id: str, actor_id: str, start: int, end: int,
                 prefix: str = ""):
        edit = session.project.edit_add_mention(article_id, actor_id, start, end, session.annotator, prefix=prefix)
        super().__init__(session, edit)


class SetMentionStatusCommand(EditCommand):
    """Accept, reject or re-propose a (usually suggested) mention."""

    def __init__(self, session: AnnotationSession, mention_id: str, status: str):
        edit = session.project.edit_set_mention(mention_id, session.annotator, status=status)
        super().__init__(session, edit)


class SetMentionActorCommand(EditCommand):
    def __init__(self, session: AnnotationSession, mention_id: str, actor_id: str):
        edit = session.project.edit_set_mention(mention_id, session.annotator, actor_id=actor_id, status="accepted")
        super().__init__(session, edit)


class DeleteMentionCommand(EditCommand):
    def __init__(self, session: AnnotationSession, mention_id: str):
        edit = session.project.edit_delete_mention(mention_id)
        super().__init__(session, edit)


class SetStanceCommand(EditCommand):
    """Record or change the stance of `holder` (AUTHOR or an actor) toward `target`."""

    def __init__(self, session: AnnotationSession, article_id: str, holder: str, target: str, label: str):
        edit = session.project.edit_set_stance(article_id, holder, target, label, session.annotator)
        super().__init__(session, edit)


class UpdateStanceCommand(EditCommand):
    """Change a stance's note, intensity or explicit flag."""

    def __init__(self, session: AnnotationSession, stance_id: str, **fields):
        edit = session.project.edit_update_stance(stance_id, **fields)
        super().__init__(session, edit)


class DeleteStanceCommand(EditCommand):
    """Delete a stance together with its evidence."""

    def __init__(self, session: AnnotationSession, stance_id: str):
        edit = session.project.edit_delete_stance(stance_id)
        super().__init__(session, edit)


class AddEvidenceCommand(EditCommand):
    def __init__(self, session: AnnotationSession, stance_id: str, start: int, end: int):
        edit = session.project.edit_add_evidence(stance_id, start, end)
        super().__init__(session, edit)


class RemoveEvidenceCommand(EditCommand):
    def __init__(self, session: AnnotationSession, evidence_id: str):
        edit = session.project.edit_remove_evidence(evidence_id)
        super().__init__(session, edit)


class SetStatusCommand(EditCommand):
    """Mark the article done, skipped (with a reason), flagged (with a note) or in progress."""

    def __init__(self, session: AnnotationSession, article_id: str, status: str, reason: str = ""):
        edit = session.project.edit_set_status(article_id, session.annotator, status, reason)
        super().__init__(session, edit)


class SetSegmentKindCommand(EditCommand):
    """Flip a segment between body text and a kind of boilerplate; with `line_at`, only the line
    at that code point (the segment is split around it)."""

    def __init__(self, session: AnnotationSession, segment_id: str, kind: str, line_at: int | None = None):
        if line_at is None:
            edit = session.project.edit_set_segment_kind(segment_id, kind)
        else:
            edit = edit_flip_line(session.project, segment_id, line_at, kind)
        super().__init__(session, edit)


class SetGoldCommand(EditCommand):
    """Adjudicate an item: record its gold stance, with the session's annotator as adjudicator."""

    def __init__(self, session: AnnotationSession, article_id: str, holder: str, target: str, label: str):
        edit = session.project.edit_set_gold(article_id, holder, target, label, session.annotator)
        super().__init__(session, edit)


class ClearGoldCommand(EditCommand):
    """Take back an item's gold stance (KeyError when it has none)."""

    def __init__(self, session: AnnotationSession, article_id: str, holder: str, target: str):
        edit = session.project.edit_clear_gold(article_id, holder, target)
        super().__init__(session, edit)


class AcceptAgreedCommand(EditCommand):
    """Store, as one edit, the agreed label of every given (holder, target, label) as gold."""

    def __init__(self, session: AnnotationSession, article_id: str, items: list[tuple[str, str, str]]):
        changes = []
        for holder, target, label in items:  # distinct items: each edit touches only its own rows
            changes += session.project.edit_set_gold(article_id, holder, target, label, session.annotator).changes
        edit = Edit("accept_agreed", article_id, tuple(changes))
        super().__init__(session, edit)
