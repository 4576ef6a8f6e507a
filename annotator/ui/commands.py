"""QUndoCommand adapters over the project's edits.

Each command is built from a core `Edit` (a reversible list of row changes that the storage
builders `edit_*` produce and validate); redo applies it and undo applies its inverse, both through
`AnnotationSession.commit`, which logs them in the project's change history as do/undo/redo. The
named subclasses only choose the builder and the text shown in the Edit menu. A builder raises
ValidationError or KeyError for an impossible edit before anything is pushed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from ..core.commands import Edit
from .session import AnnotationSession


class EditCommand(QUndoCommand):
    """Redo commits the edit, undo commits its inverse; a failed commit drops the command."""

    def __init__(self, session: AnnotationSession, edit: Edit, text: str):
        super().__init__(text)
        self.session = session
        self.edit = edit
        self.change_id = ""
        self.committed = False  # a plain attribute: readable even after QUndoStack dropped the command

    def redo(self) -> None:
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
        if self.session.commit(self.edit.inverse(), kind="undo", ref=self.change_id) is None:
            self.setObsolete(True)


class AddMentionCommand(EditCommand):
    def __init__(self, session: AnnotationSession, article_id: str, actor_id: str, start: int, end: int,
                 prefix: str = ""):
        edit = session.project.edit_add_mention(article_id, actor_id, start, end, session.annotator, prefix=prefix)
        super().__init__(session, edit, QCoreApplication.translate("Commands", "Add mention"))


class SetMentionStatusCommand(EditCommand):
    """Accept, reject or re-propose a (usually suggested) mention."""

    def __init__(self, session: AnnotationSession, mention_id: str, status: str):
        edit = session.project.edit_set_mention(mention_id, session.annotator, status=status)
        if status == "accepted":
            text = QCoreApplication.translate("Commands", "Accept mention")
        elif status == "rejected":
            text = QCoreApplication.translate("Commands", "Reject mention")
        else:
            text = QCoreApplication.translate("Commands", "Change mention")
        super().__init__(session, edit, text)


class SetMentionActorCommand(EditCommand):
    def __init__(self, session: AnnotationSession, mention_id: str, actor_id: str):
        edit = session.project.edit_set_mention(mention_id, session.annotator, actor_id=actor_id, status="accepted")
        super().__init__(session, edit, QCoreApplication.translate("Commands", "Change mention actor"))


class DeleteMentionCommand(EditCommand):
    def __init__(self, session: AnnotationSession, mention_id: str):
        edit = session.project.edit_delete_mention(mention_id)
        super().__init__(session, edit, QCoreApplication.translate("Commands", "Delete mention"))


class SetStanceCommand(EditCommand):
    """Record or change the stance of `holder` (AUTHOR or an actor) toward `target`."""

    def __init__(self, session: AnnotationSession, article_id: str, holder: str, target: str, label: str):
        edit = session.project.edit_set_stance(article_id, holder, target, label, session.annotator)
        text = QCoreApplication.translate("Commands", "Set stance {label}").format(label=label)
        super().__init__(session, edit, text)


class UpdateStanceCommand(EditCommand):
    """Change a stance's note, intensity or explicit flag."""

    def __init__(self, session: AnnotationSession, stance_id: str, **fields):
        edit = session.project.edit_update_stance(stance_id, **fields)
        super().__init__(session, edit, QCoreApplication.translate("Commands", "Edit stance"))


class DeleteStanceCommand(EditCommand):
    """Delete a stance together with its evidence."""

    def __init__(self, session: AnnotationSession, stance_id: str):
        edit = session.project.edit_delete_stance(stance_id)
        super().__init__(session, edit, QCoreApplication.translate("Commands", "Delete stance"))


class AddEvidenceCommand(EditCommand):
    def __init__(self, session: AnnotationSession, stance_id: str, start: int, end: int):
        edit = session.project.edit_add_evidence(stance_id, start, end)
        super().__init__(session, edit, QCoreApplication.translate("Commands", "Add evidence"))


class RemoveEvidenceCommand(EditCommand):
    def __init__(self, session: AnnotationSession, evidence_id: str):
        edit = session.project.edit_remove_evidence(evidence_id)
        super().__init__(session, edit, QCoreApplication.translate("Commands", "Remove evidence"))


class SetStatusCommand(EditCommand):
    """Mark the article done, skipped (with a reason), flagged (with a note) or in progress."""

    def __init__(self, session: AnnotationSession, article_id: str, status: str, reason: str = ""):
        edit = session.project.edit_set_status(article_id, session.annotator, status, reason)
        if status == "done":
            text = QCoreApplication.translate("Commands", "Mark done")
        elif status == "skipped":
            text = QCoreApplication.translate("Commands", "Skip article")
        elif status == "flagged":
            text = QCoreApplication.translate("Commands", "Flag article")
        else:
            text = QCoreApplication.translate("Commands", "Change status")
        super().__init__(session, edit, text)


class SetSegmentKindCommand(EditCommand):
    """Flip a segment between body text and a kind of boilerplate."""

    def __init__(self, session: AnnotationSession, segment_id: str, kind: str):
        edit = session.project.edit_set_segment_kind(segment_id, kind)
        text = QCoreApplication.translate("Commands", "Mark segment as {kind}").format(kind=kind)
        super().__init__(session, edit, text)


class SetGoldCommand(EditCommand):
    """Adjudicate an item: record its gold stance, with the session's annotator as adjudicator."""

    def __init__(self, session: AnnotationSession, article_id: str, holder: str, target: str, label: str):
        edit = session.project.edit_set_gold(article_id, holder, target, label, session.annotator)
        text = QCoreApplication.translate("Commands", "Set gold stance {label}").format(label=label)
        super().__init__(session, edit, text)


class ClearGoldCommand(EditCommand):
    """Take back an item's gold stance (KeyError when it has none)."""

    def __init__(self, session: AnnotationSession, article_id: str, holder: str, target: str):
        edit = session.project.edit_clear_gold(article_id, holder, target)
        super().__init__(session, edit, QCoreApplication.translate("Commands", "Clear gold stance"))


class AcceptAgreedCommand(EditCommand):
    """Store, as one edit, the agreed label of every given (holder, target, label) as gold."""

    def __init__(self, session: AnnotationSession, article_id: str, items: list[tuple[str, str, str]]):
        changes = []
        for holder, target, label in items:  # distinct items: each edit touches only its own rows
            changes += session.project.edit_set_gold(article_id, holder, target, label, session.annotator).changes
        edit = Edit("accept_agreed", article_id, tuple(changes))
        super().__init__(session, edit, QCoreApplication.translate("Commands", "Accept agreed labels"))
