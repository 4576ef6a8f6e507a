"""The annotation session: one project, one annotator, the current article and the undo stack.

This is the GUI's single funnel for changes. Widgets build a command (`commands.py`) from a core
`Edit` and `push` it; the command's redo/undo call `commit`, which applies the edit to the project
in one transaction and then tells every view what changed (`edited`, `annotationsChanged`). Views
never write to the project themselves, and they refresh only from these signals.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass, field
from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..core.commands import Edit
from ..core.model import AUTHOR, Actor, Label, Mention, Stance, ValidationError
from ..core.offsets import Utf16Map
from ..storage.project import ConflictError, Project

UNDO_LIMIT = 1000
# A single stretch on one article longer than this is counted as this long: the window was most
# likely left open while nobody was working.
IDLE_LIMIT_SECONDS = 30 * 60


@dataclass
class ArticleState:
    """What the views show of one article: its text and the current annotator's annotations."""

    article_id: str
    title: str
    source: str
    published: str
    text: str
    utf16: Utf16Map
    segments: list[dict]
    mentions: list[Mention]
    stances: list[Stance]
    status: dict
    extra_actors: list[str] = field(default_factory=list)

    def visible_mentions(self) -> list[Mention]:
        return [m for m in self.mentions if m.status != "rejected"]

    def actor_ids(self) -> list[str]:
        """Actors of this article in reading order: mentioned ones, then stance targets and
        holders, then those added by hand."""
        seen: dict[str, None] = {}
        for m in self.visible_mentions():
            seen.setdefault(m.actor_id)
        for s in self.stances:
            seen.setdefault(s.target)
            if s.holder != AUTHOR:
                seen.setdefault(s.holder)
        for a in self.extra_actors:
            seen.setdefault(a)
        return list(seen)

    def stance(self, holder: str, target: str) -> Stance | None:
        for s in self.stances:
            if s.holder == holder and s.target == target:
                return s
        return None

    def stance_by_id(self, stance_id: str) -> Stance | None:
        return next((s for s in self.stances if s.id == stance_id), None)

    def mention_by_id(self, mention_id: str) -> Mention | None:
        return next((m for m in self.mentions if m.id == mention_id), None)

    def mentions_at(self, pos: int) -> list[Mention]:
        """Visible mentions covering code point `pos` (or ending right at it), innermost first."""
        hits = [m for m in self.visible_mentions() if m.start <= pos <= m.end]
        return sorted(hits, key=lambda m: m.end - m.start)

    def segment_at(self, pos: int) -> dict | None:
        return next((s for s in self.segments if s["start"] <= pos <= s["end"]), None)


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
    annotationsChanged = Signal(object)  # ArticleState of the same article, reloaded after an edit
    edited = Signal(object)  # the Edit just applied (done, undone or redone)
    failed = Signal(str)  # an edit that could not be applied; nothing was written
    saved = Signal()  # an edit was committed to the project file

    def __init__(self, project: Project, annotator: str, *, record_time: bool = True, parent=None):
        super().__init__(parent)
        self.project = project
        self.annotator = project.ensure_annotator(annotator)
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)
        self.labels: list[Label] = project.labels()
        self.state: ArticleState | None = None
        self._clock = ArticleClock(project, self.annotator, enabled=record_time)
        self._extra_actors: dict[str, list[str]] = {}

    # ------------------------------------------------------------------ reading
    def actor(self, actor_id: str) -> Actor:
        return self.project.actor(actor_id)

    def label(self, name: str) -> Label | None:
        return next((l for l in self.labels if l.name == name), None)

    def open_article(self, article_id: str) -> ArticleState:
        """Make `article_id` the current article (recording the time spent on the previous one)."""
        self._clock.start(article_id)
        self.state = self._load(article_id)
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
            segments=self.project.segments(article_id),
            mentions=self.project.mentions(article_id),
            stances=self.project.stances(article_id, self.annotator),
            status=self.project.status(article_id, self.annotator),
            extra_actors=self._extra_actors.setdefault(article_id, []),
        )

    def reload_annotations(self) -> None:
        """Re-read the current article's annotations (not its text) and tell the views."""
        state = self.state
        if state is None:
            return
        state.segments = self.project.segments(state.article_id)
        state.mentions = self.project.mentions(state.article_id)
        state.stances = self.project.stances(state.article_id, self.annotator)
        state.status = self.project.status(state.article_id, self.annotator)
        self.annotationsChanged.emit(state)

    def add_actor_to_article(self, actor_id: str) -> None:
        """List a lexicon actor in the current article although it is not (yet) mentioned."""
        if self.state is None:
            return
        self.actor(actor_id)  # raises KeyError for an unknown id
        if actor_id not in self.state.extra_actors:
            self.state.extra_actors.append(actor_id)
        self.annotationsChanged.emit(self.state)

    # ------------------------------------------------------------------ writing
    def push(self, command: QUndoCommand) -> None:
        """Run `command` (its redo commits it) and keep it for undo."""
        self.undo_stack.push(command)

    def commit(self, edit: Edit, *, kind: str = "do", ref: str = "") -> str | None:
        """Apply `edit` in one transaction; returns the change id, or None when it failed.

        Failures (a conflict with a newer change, a rule the edit breaks, a locked file) are
        reported with `failed` and leave the project unchanged.
        """
        try:
            change_id = self.project.apply(self.project.with_current_time(edit), self.annotator, kind=kind, ref=ref)
        except (ConflictError, ValidationError, KeyError, sqlite3.Error) as e:
            self.failed.emit(str(e))
            return None
        self.saved.emit()
        self.edited.emit(edit)
        if self.state is not None and edit.article_id == self.state.article_id:
            self.reload_annotations()
        else:
            # an undo or redo of an edit made on another article: show that article
            self.open_article(edit.article_id)
        return change_id

    def close(self) -> None:
        """Record the time spent on the open article and close the project."""
        self._clock.stop()
        self.undo_stack.clear()
        self.project.close()

    def pause_clock(self) -> None:
        self._clock.stop()
