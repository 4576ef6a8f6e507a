"""The Actors menu: new actors, aliases, corrections and merges made while annotating.

Every lexicon edit is one undoable command through the session (it is logged in the change log
and travels into team merges). A new actor's mentions are proposed in the open article at once;
"Propose in every article" looks through the whole project in steps, with a progress dialog that
keeps the window responsive and can be cancelled (then nothing is stored).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QProgressDialog

from ..core.commands import Edit
from ..core.model import Actor
from .actor_dialog import ActorDialog
from .actor_search import ActorPickerDialog
from .article_view import ArticleView
from .commands import EditCommand
from .session import AnnotationSession
from .stance_panel import StancePanel

PROPOSE_STEP = 200  # articles looked through between two updates of the progress dialog


class LexiconActions(QObject):
    """Builds the Actors menu's actions and carries them out."""

    message = Signal(str)
    proposalsFinished = Signal(int)  # "Propose in every article" stored this many proposals

    def __init__(self, window: QMainWindow, session: AnnotationSession, view: ArticleView, panel: StancePanel):
        super().__init__(window)
        self._window = window
        self._session = session
        self._view = view
        self._panel = panel
        self.new_actor = self._action(self.tr("New actor from the selection…"), self.create_from_selection,
                                      "Ctrl+Shift+M")
        self.add_alias = self._action(self.tr("Add the selection as alias of…"), self.alias_from_selection,
                                      "Ctrl+Shift+L")
        self.edit_actor = self._action(self.tr("Edit the selected actor…"), self.edit_selected, "Ctrl+Shift+E")
        self.merge_actor = self._action(self.tr("Merge the selected actor into…"), self.merge_selected, "")
        self.propose_everywhere = self._action(self.tr("Propose the selected actor in every article"),
                                               self.propose_selected_everywhere, "")
        self.actions = [self.new_actor, self.add_alias, self.edit_actor, self.merge_actor, self.propose_everywhere]
        panel.actor_field.createRequested.connect(lambda name: self.create_actor(name))
        self._progress: QProgressDialog | None = None

    def _action(self, text: str, slot, key: str) -> QAction:
        action = QAction(text, self._window)
        if key:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)
        return action

    def _open(self, dialog: QDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: (self._window.activateWindow(), self._view.setFocus()))
        dialog.open()

    def _selection(self) -> tuple[str, int, int] | None:
        state, span = self._session.state, self._view.snapped_selection()
        if state is None or span is None:
            return None
        return state.text[span.start:span.end], span.start, span.end

    # ------------------------------------------------------------------ new actors
    def create_from_selection(self) -> None:
        selection = self._selection()
        if selection is None:
            self.create_actor("")
        else:
            self.create_actor(selection[0], (selection[1], selection[2]))

    def create_actor(self, name: str, span: tuple[int, int] | None = None) -> None:
        """Ask for a new actor named `name` (from the actor box, the picker or the selection `span`)."""
        dialog = ActorDialog(self._session.project.actors(), name=name, parent=self._window)
        state = self._session.state
        article_id = state.article_id if state is not None else ""
        dialog.actorAccepted.connect(lambda actor, _aliases: self._add(actor, article_id, span))
        self._open(dialog)

    def _add(self, actor: Actor, article_id: str, span: tuple[int, int] | None) -> None:
        session = self._session
        if session.state is None or session.state.article_id != article_id:
            article_id = ""
        accept = (span[0], span[1], session.annotator) if span and article_id else None
        store = session.project.actors_store
        if not session.perform(lambda: EditCommand(
                session, store.edit_add_actor(actor, propose_in=article_id, accept=accept))):
            return
        found = sum(1 for m in session.state.mentions if m.actor_id == actor.id) if session.state else 0
        if session.state is not None and not found:
            session.add_actor_to_article(actor.id)
        self._panel.select_target(actor.id)
        self.message.emit(self.tr("New actor {code}: {n} mention(s) in this article. Actors → Propose the "
                                  "selected actor in every article looks through the whole project.")
                          .format(code=actor.id, n=found))

    # ------------------------------------------------------------------ aliases, corrections, merges
    def alias_from_selection(self) -> None:
        selection = self._selection()
        if selection is None:
            self.message.emit(self.tr("Select the words that name an actor first."))
            return
        text, start, end = selection
        dialog = ActorPickerDialog(self._session, text, title=self.tr("Alias of which actor?"),
                                   suggested=self._panel.current_target(), parent=self._window)
        article_id = self._session.state.article_id
        dialog.actorChosen.connect(lambda actor_id: self._add_alias(actor_id, text, article_id, (start, end)))
        dialog.createRequested.connect(lambda name: self.create_actor(name, (start, end)))
        self._open(dialog)

    def _add_alias(self, actor_id: str, surface: str, article_id: str, span: tuple[int, int]) -> None:
        session = self._session
        if session.state is None or session.state.article_id != article_id:
            return
        store = session.project.actors_store
        edit = store.edit_add_alias(actor_id, surface, propose_in=article_id,
                                    accept=(span[0], span[1], session.annotator))
        if not edit.changes:
            self.message.emit(self.tr("{code} already has the alias «{alias}».").format(code=actor_id, alias=surface))
            return
        if session.perform(lambda: EditCommand(session, edit)):
            self._panel.select_target(actor_id)

    def _selected_actor(self) -> str | None:
        actor_id = self._panel.current_target()
        if actor_id is None:
            self.message.emit(self.tr("Select an actor in the list of actors first."))
        return actor_id

    def edit_selected(self) -> None:
        actor_id = self._selected_actor()
        if actor_id is None:
            return
        dialog = ActorDialog(self._session.project.actors(), actor=self._session.actor(actor_id), parent=self._window)
        dialog.actorAccepted.connect(lambda actor, aliases: self._edit(actor_id, actor, aliases))
        self._open(dialog)

    def _edit(self, actor_id: str, actor: Actor, aliases: list[str]) -> None:
        session = self._session
        store = session.project.actors_store

        def build() -> EditCommand:
            changes = list(store.edit_update_actor(actor_id, name_ar=actor.name_ar, name_en=actor.name_en,
                                                   type=actor.type, color=actor.color).changes)
            for surface in aliases:
                changes += store.edit_add_alias(actor_id, surface).changes
            return EditCommand(session, Edit("edit_actor", "", tuple(changes)))

        session.perform(build)

    def merge_selected(self) -> None:
        actor_id = self._selected_actor()
        if actor_id is None:
            return
        actor = self._session.actor(actor_id)
        dialog = ActorPickerDialog(self._session, actor.name_ar,
                                   title=self.tr("Merge {code} into which actor?").format(code=actor_id),
                                   parent=self._window)
        dialog.new_button.hide()
        dialog.actorChosen.connect(lambda into: self._merge(actor_id, into))
        self._open(dialog)

    def _merge(self, source: str, into: str) -> None:
        session = self._session
        if session.perform(lambda: EditCommand(session, session.project.actors_store.edit_merge_actors(source, into))):
            self._panel.select_target(into)

    # ------------------------------------------------------------------ proposals in the whole project
    def propose_selected_everywhere(self) -> None:
        actor_id = self._selected_actor()
        if actor_id is None or self._progress is not None:
            return
        ids = self._session.project.article_ids()
        progress = QProgressDialog(self.tr("Looking for {code} in every article…").format(code=actor_id),
                                   self.tr("Cancel"), 0, len(ids), self._window)
        progress.setObjectName("proposeProgress")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        self._progress = progress
        store = self._session.project.actors_store
        aliases = [dict(id=a.id, actor_id=actor_id, key=a.key, proclitics=a.proclitics, valid_from=a.valid_from,
                        valid_to=a.valid_to) for a in self._session.actor(actor_id).aliases]
        changes: list = []

        def step(done: int) -> None:
            if progress.wasCanceled():
                self._finish_proposals(None)
                return
            changes.extend(store.proposal_changes(aliases, ids[done:done + PROPOSE_STEP]))
            done += PROPOSE_STEP
            progress.setValue(min(done, len(ids)))
            if done < len(ids):
                QTimer.singleShot(0, lambda: step(done))
            else:
                self._finish_proposals(Edit("propose_actor", "", tuple(changes)))

        QTimer.singleShot(0, lambda: step(0))

    def _finish_proposals(self, edit: Edit | None) -> None:
        if self._progress is not None:
            self._progress.close()
            self._progress.deleteLater()
            self._progress = None
            self._window.activateWindow()  # without a window manager the keys would stay with no one
            self._view.setFocus()
        if edit is None:
            self.message.emit(self.tr("Cancelled: no mentions were proposed."))
            return
        n = len(edit.changes)
        if n:
            self._session.perform(lambda: EditCommand(self._session, edit))
        self.message.emit(self.tr("{n} new mention(s) proposed in the project.").format(n=n))
        self.proposalsFinished.emit(n)
