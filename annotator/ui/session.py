"""The annotation session: one project, one annotator, the current article and the undo stack.

This is the GUI's single funnel for changes. Widgets build a command (`commands.py`) from a core
`Edit` and `push` it; the command's redo/undo call `commit`, which applies the edit to the project
in one transaction and then tells every view what changed (`edited`, `annotationsChanged`). Views
never write to the project themselves, and they refresh only from these signals.

Another window or program may edit the same project file at the same time. An edit built from rows
that changed there in the meantime is refused by the project (ConflictError, or an IntegrityError
when both created the same row) or finds its row gone (KeyError); the session then says so and
reloads the article, so the user sees the stored version and nothing is overwritten. `reload` shows the other program's changes on request.
"""

from __future__ import annotations

import sqlite3
import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from ..core.commands import Edit
from ..core.model import Actor, Label, ValidationError
from ..core.offsets import Utf16Map
from ..storage.presence import Holder, Presence
from ..storage.project import ACTOR_TABLES, ConflictError, Project
from .article_state import ArticleState
from .commands import EditCommand

UNDO_LIMIT = 1000
# A single stretch on one article longer than this is counted as this long: the window was most
# likely left open while nobody was working.
IDLE_LIMIT_SECONDS = 30 * 60
# After this long without an edit the session checkpoints: the project file alone (what an
# annotator copies to hand their work back) then holds every edit, even if the window crashes.
CHECKPOINT_AFTER_MS = 30_000


class ArticleClock:
    """Measures the time spent on the open article and records it with `Project.add_time`."""

    def __init__(self, project: Project, annotator: str, *, enabled: bool = True,
                 now: Callable[[], float] = time.monotonic):
        self._project = project
        self._annotator = annotator
        self._enabled = enabled
        self._now = now
        self._article_id: str | None = None
        self._since = 0.0

    def start(self, article_id: str) -> None:
        self.stop()
        self._article_id = article_id
        self._since = self._now()

    def stop(self) -> None:
        """Record the time since `start` (at most IDLE_LIMIT_SECONDS) and stop measuring."""
        if self._article_id is None:
            return
        seconds = min(self._now() - self._since, IDLE_LIMIT_SECONDS)
        if self._enabled:
            self._project.add_time(self._article_id, self._annotator, seconds)
        self._article_id = None


class AnnotationSession(QObject):
    """Owns the open project for the GUI; see the module docstring for the flow of an edit."""

    articleOpened = Signal(object)  # ArticleState of a newly opened article
    articleLeft = Signal(str)  # the article shown before, whose time spent was just recorded
    # (ArticleState, frozenset of changed tables) after an edit of the open article; "extra_actors"
    # when an actor was listed by hand
    annotationsChanged = Signal(object, object)
    edited = Signal(object)  # the Edit just applied (done, undone or redone); `state` already shows it
    failed = Signal(str)  # an edit that could not be applied; nothing was written
    saved = Signal()  # an edit was committed to the project file
    lexiconChanged = Signal()  # actors or aliases were added, changed or merged

    def __init__(self, project: Project, annotator: str, *, record_time: bool = True,
                 presence: Presence | None = None, parent=None):
        super().__init__(parent)
        self.project = project
        self.presence = presence  # this window's entry in the project's presence record, left on close
        # why the project cannot be changed here ("" when it can): the file or its folder is not writable
        self.read_only: str = project.read_only
        self.annotator = annotator.strip() if self.read_only else project.ensure_annotator(annotator)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self.labels: list[Label] = project.labels()
        self.language = "en"  # the interface language, for the labels' display names (set by the window)
        self._label_names: dict[str, str] | None = None
        self.state: ArticleState | None = None
        self._clock = ArticleClock(project, self.annotator, enabled=record_time and not self.read_only)
        self._extra_actors: dict[str, list[str]] = {}
        self.checkpoint_timer = QTimer(self)
        self.checkpoint_timer.setSingleShot(True)
        self.checkpoint_timer.setInterval(CHECKPOINT_AFTER_MS)
        self.checkpoint_timer.timeout.connect(self._checkpoint_when_idle)
        self.saved.connect(self.checkpoint_timer.start)  # (re)started by every edit
        self._load_history()

    def _load_history(self) -> None:
        """Fill the undo stack from the annotator's change log, the stacks `annotator undo` uses.

        So Undo works after a restart, a language switch or a change of annotator, and its menu
        entry names the edit. The commands are pushed as already applied: nothing is written.
        """
        undo, redo = self.project.undo_history(self.annotator, UNDO_LIMIT)
        commands = [EditCommand(self, edit, logged=cid) for cid, edit in undo + redo[::-1]]
        for command in commands:
            self.undo_stack.push(command)
        self.undo_stack.setIndex(len(undo))
        for command in commands:
            command.replaying = False
        self.undo_stack.setClean()

    # ------------------------------------------------------------------ reading
    def actor(self, actor_id: str) -> Actor:
        return self.project.actor(actor_id)

    def label(self, name: str) -> Label | None:
        return next((l for l in self.labels if l.name == name), None)

    def label_text(self, code: str) -> str:
        """How label `code` is shown in the interface language (the code itself in English)."""
        if self._label_names is None:
            self._label_names = self.project.label_names.names(self.language) if self.language != "en" else {}
        return self._label_names.get(code, code)

    def open_article(self, article_id: str) -> ArticleState:
        """Make `article_id` the current article (recording the time spent on the previous one)."""
        previous = self.state.article_id if self.state is not None else None
        self._clock.start(article_id)
        self.state = self._load(article_id)
        if previous is not None and previous != article_id:
            self.articleLeft.emit(previous)  # its time (and so maybe its status "in progress") was saved
        self.articleOpened.emit(self.state)
        return self.state

    def _load(self, article_id: str) -> ArticleState:
        row = self.project.article(article_id)
        text = row["text"]
        return ArticleState(
            article_id=article_id,
            title=row["title"],
            source=row["source"],
            published=row["published"],
            text=text,
            utf16=Utf16Map(text),
            annotator=self.annotator,
            segments=self.project.segments(article_id),
            mentions=self.project.mentions(article_id),
            stances=self.project.stances(article_id, self.annotator),
            status=self.project.status(article_id, self.annotator),
            extra_actors=self._extra_actors.setdefault(article_id, []),
        )

    def reload(self) -> None:
        """Read the open article (and the labels' display names) again from the project file."""
        self._label_names = None
        if self.state is not None:
            self.state = self._load(self.state.article_id)
            self.articleOpened.emit(self.state)

    def others_open(self) -> list[Holder]:
        """The other windows and programs that have this project open now."""
        return self.presence.others() if self.presence is not None else []

    def add_actor_to_article(self, actor_id: str) -> None:
        """List a lexicon actor in the current article although it is not (yet) mentioned."""
        if self.state is None:
            return
        self.actor(actor_id)  # raises KeyError for an unknown id
        self.state.add_extra_actor(actor_id)
        self.annotationsChanged.emit(self.state, frozenset({"extra_actors"}))

    # ------------------------------------------------------------------ writing
    def perform(self, build: Callable[[], EditCommand]) -> bool:
        """Build a command and run it (its redo commits it), keeping it for undo.

        An edit the project refuses while it is built (a ValidationError, an unknown id) is reported
        with `failed`, like a failed commit; returns whether the edit was committed. Nothing is
        built in a read-only project: `failed` says why.
        """
        if self.read_only:
            self._refuse_read_only()
            return False
        try:
            command = build()
        except ValidationError as e:
            self.failed.emit(str(e))
            return False
        except KeyError:  # the row is gone: deleted in another window or program
            self._changed_elsewhere()
            return False
        self.undo_stack.push(command)
        return command.committed

    def commit(self, edit: Edit, *, kind: str = "do", ref: str = "") -> str | None:
        """Apply `edit` in one transaction; returns the change id, "" when the edit changes
        nothing (nothing is written or logged), or None when it failed.

        Failures (a conflict with a newer change, a rule the edit breaks, a locked file) are
        reported with `failed` and leave the project unchanged.
        """
        if self.read_only:
            self._refuse_read_only()
            return None
        try:
            edit = self.project.with_current_time(edit)
            change_id = self.project.apply(edit, self.annotator, kind=kind, ref=ref)
        except (ConflictError, KeyError, sqlite3.IntegrityError):
            # an IntegrityError here is a race with another program: e.g. both created the same
            # stance (one per holder and target), or this evidence's stance was deleted there
            self._changed_elsewhere()
            return None
        except (ValidationError, sqlite3.Error) as e:
            self.failed.emit(str(e))
            return None
        if not change_id:
            return change_id
        self.saved.emit()
        if any(c.table in ACTOR_TABLES for c in edit.changes) or not edit.article_id:
            # the lexicon changed, or rows of several articles: read the open article again
            self.lexiconChanged.emit()
            self.reload()
        elif self.state is not None and edit.article_id == self.state.article_id:
            try:
                tables = self.state.apply(edit)
            except (ValueError, KeyError):
                # the state in memory missed rows another program wrote (e.g. the evidence just
                # removed): read the article again. Nothing may escape: this runs inside Qt's undo
                # stack, where a Python exception crashes the process.
                self.reload()
            else:
                self.annotationsChanged.emit(self.state, tables)
        else:
            # an undo or redo of an edit made on another article: show that article
            self.open_article(edit.article_id)
        self.edited.emit(edit)
        return change_id

    def _checkpoint_when_idle(self) -> None:
        """Checkpoint after a pause in editing; when another program was reading or writing at that
        moment (the checkpoint does not wait), try again after the next pause."""
        if not self.project.checkpoint():
            self.checkpoint_timer.start()

    def _refuse_read_only(self) -> None:
        self.failed.emit(self.tr("this project is read-only ({reason}); nothing can be changed").format(
            reason=self.read_only))

    def _changed_elsewhere(self) -> None:
        """An edit met rows another window or program changed: say so, show the stored rows."""
        self.failed.emit(self.tr("this was changed in another window or program in the meantime; nothing was "
                                 "overwritten, and the article now shows what is saved"))
        self.reload()

    def close(self) -> None:
        """Record the time spent on the open article, checkpoint (the file alone then holds every
        edit), close the project and leave the presence record."""
        self._clock.stop()
        self.undo_stack.clear()
        self.checkpoint_timer.stop()
        self.project.checkpoint()
        self.project.close()
        if self.presence is not None:
            self.presence.leave()

