"""Keyboard-first annotation and navigation commands, as QActions of the main window.

Each action turns the current selection (a text span in the article view, an actor or stance in the
stance panel) into one command pushed through the session. The shortcut sheet (F1, ?) is built from
these actions, so it always lists exactly what the keys do.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow

from ..core.commands import Edit
from ..core.model import AUTHOR, CONTENT_KINDS, Mention
from ..storage.reasons import usual_reasons
from .actor_search import ActorPickerDialog
from .adjudication import AdjudicationDialog
from .article_list import ArticleListPanel
from .article_state import TRACKED_TABLES, ArticleState
from .article_view import ArticleView
from .commands import (
    AddEvidenceCommand,
    EditCommand,
    AddMentionCommand,
    DeleteMentionCommand,
    SetMentionActorCommand,
    SetMentionStatusCommand,
    SetSegmentKindCommand,
    SetStatusCommand,
)
from .dialogs import ShortcutSheet, TextPromptDialog
from .fonts import article_font
from .highlights import HighlightBuilder, HighlightLayers
from .mention_tips import MentionTips
from .selection import SnapOptions, SnappedSpan
from .session import AnnotationSession
from .settings import AppSettings
from .stance_panel import StancePanel

# The kind a body segment becomes when the annotator marks it as boilerplate.
BOILERPLATE_KIND = "nav"
# How many articles "Next follows the queue" ranks at most (a sample of the rest): J answers quickly.
QUEUE_POOL = 400


class AnnotationActions(QObject):
    """Builds the actions and carries them out; owns which mention is 'current' (for A, R, Del)."""

    message = Signal(str)  # something to tell the user in the status bar
    newActorRequested = Signal(str, object)  # (name, (start, end) of the selection): make a new actor

    def __init__(self, window: QMainWindow, session: AnnotationSession, view: ArticleView, panel: StancePanel,
                 article_list: ArticleListPanel, settings: AppSettings, font_family: str):
        super().__init__(window)
        self._window = window
        self._session = session
        self._view = view
        self._panel = panel
        self._list = article_list
        self._settings = settings
        self._font_family = font_family
        self._highlighter = HighlightBuilder(session)
        self._layers = HighlightLayers()
        self._current_mention: str | None = None
        self._selecting_mention = False
        self._emphasised_stance: str | None = None  # whose evidence the highlights show stronger
        self._queue_seen: set[str] = set()  # articles "Next" has opened from the queue in this window

        mark = self._action(self.tr("Mark selection as mention…"), self.mark_mention, ["M"])
        evidence = self._action(self.tr("Add selection as evidence"), self.add_evidence, ["E"])
        accept = self._action(self.tr("Accept proposed mention"), lambda: self.review_mention("accepted"), ["A"])
        reject = self._action(self.tr("Reject proposed mention"), lambda: self.review_mention("rejected"), ["R"])
        delete = self._action(self.tr("Delete mention, stance or evidence"), self.delete_selected, ["Delete"])
        flip = self._action(self.tr("Flip line between body and boilerplate"), self.toggle_segment, ["B"])
        self.annotate_actions = [
            mark, evidence, accept, reject,
            self._action(self.tr("Next proposed mention"), lambda: self.jump_to_proposal(1), ["N"]),
            self._action(self.tr("Previous proposed mention"), lambda: self.jump_to_proposal(-1), ["Shift+N"]),
            delete, flip,
            self._action(self.tr("Accept all proposals of the selected actor in this article"),
                         self.accept_all_of_actor, ["Shift+A"]),
        ]
        self.stance_actions = [
            self._action(self.tr("Next actor"), lambda: panel.select_relative_target(1), ["]", "Alt+Down"]),
            self._action(self.tr("Previous actor"), lambda: panel.select_relative_target(-1), ["[", "Alt+Up"]),
            self._action(self.tr("Make selected actor the holder"), panel.make_selected_actor_holder, ["H"]),
            self._action(self.tr("Holder: the author"), lambda: panel.set_holder(AUTHOR), ["Shift+H"]),
            self._action(self.tr("Add an actor from the lexicon"), self._focus_actor_field, ["Ctrl+L"]),
        ]
        done = self._action(self.tr("Mark done and go to the next unfinished"), self.mark_done,
                            ["Ctrl+Return", "Ctrl+Enter"])
        skip = self._action(self.tr("Skip article (with a reason)…"), self.skip_article, ["S"])
        flag = self._action(self.tr("Flag article (with a note)…"), self.flag_article, ["F"])
        adjudicate = self._action(self.tr("Adjudicate…"), self.adjudicate, ["Ctrl+J"])
        self.follow_queue = self._action(self.tr("Next follows the queue"), self._on_follow_queue, [],
                                         checked=settings.follow_queue)
        self.navigate_actions = [
            self._action(self.tr("Next article"), self.next_article, ["J", "Ctrl+PgDown"]),
            self._action(self.tr("Previous article"), lambda: self._go(article_list.select_relative(-1)),
                         ["K", "Ctrl+PgUp"]),
            self._action(self.tr("Next unfinished article"), self.next_unfinished, ["U"]),
            self.follow_queue,
            done, skip, flag,
            self._action(self.tr("Search articles"), self._focus_search, ["Ctrl+F"]),
            self._action(self.tr("Read the article (focus the text)"), view.setFocus, ["F6"]),
            adjudicate,
        ]
        self.snap_words = self._action(self.tr("Snap selections to whole words"), self._on_snap_changed, ["W"],
                                       checked=settings.snap_to_words)
        self.include_prefix = self._action(self.tr("Include clitic prefix (و، ال، ب …)"), self._on_snap_changed,
                                           ["P"], checked=settings.include_prefix)
        self.hide_boilerplate = self._action(self.tr("Hide boilerplate lines"), self._on_hide_boilerplate,
                                             ["Ctrl+B"], checked=settings.hide_boilerplate)
        self.view_actions = [
            self._action(self.tr("Larger text"), lambda: self.zoom(1), ["Ctrl+=", "Ctrl++"]),
            self._action(self.tr("Smaller text"), lambda: self.zoom(-1), ["Ctrl+-"]),
            self.hide_boilerplate,
            self.snap_words,
            self.include_prefix,
        ]
        self.undo = session.undo_stack.createUndoAction(window, self.tr("Undo"))
        self.undo.setShortcuts([QKeySequence("Ctrl+Z")])
        self.redo = session.undo_stack.createRedoAction(window, self.tr("Redo"))
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        window.addAction(self.undo)
        window.addAction(self.redo)
        self.shortcuts = self._action(self.tr("Keyboard shortcuts"), self.show_shortcuts, ["F1", "?"])
        self.label_conflicts: list[str] = []  # label keys left unassigned: a command already uses them
        self.label_actions = self._label_actions()
        # the actions that change the project: disabled when it is read-only
        self.editing_actions = [mark, evidence, accept, reject, delete, flip, *self.label_actions, done, skip, flag,
                                adjudicate, self.undo, self.redo]
        if session.read_only:
            for action in self.editing_actions:
                action.setEnabled(False)

        view.set_context_actions([mark, evidence, accept, reject, delete, None, flip])
        self._mention_tips = MentionTips(view, self.mention_tip)
        view.clickedAt.connect(self._on_clicked)
        view.selectionSnapped.connect(self._clear_current_mention)
        panel.focusChanged.connect(self._on_panel_focus)
        panel.evidenceActivated.connect(lambda s, e: view.select_span(s, e))
        session.articleOpened.connect(self._on_article_opened)
        session.annotationsChanged.connect(self._on_annotations_changed)
        self._on_snap_changed()
        view.setFont(article_font(font_family, settings.font_size))

    def _action(self, text: str, slot: Callable, keys: list[str], *, checked: bool | None = None) -> QAction:
        action = QAction(text, self._window)
        action.setShortcuts([QKeySequence(k) for k in keys])
        if checked is not None:
            action.setCheckable(True)
            action.setChecked(checked)
            action.toggled.connect(lambda _on: slot())
        else:
            action.triggered.connect(lambda _checked=False: slot())
        self._window.addAction(action)
        return action

    def _label_actions(self) -> list[QAction]:
        """One action per stance label, on the label's key unless a command already uses it."""
        taken = {k.toString() for a in self._window.actions() for k in a.shortcuts()}
        actions = []
        for label in self._session.labels:
            keys = [label.key] if label.key else []
            if label.key and QKeySequence(label.key).toString() in taken:
                self.label_conflicts.append(label.key)
                keys = []
            text = self.tr("Stance toward the selected actor: {label}").format(
                label=self._session.label_text(label.name))
            actions.append(self._action(text, lambda name=label.name: self._panel.apply_label(name), keys))
        return actions

    def all_actions(self) -> list[QAction]:
        groups = (self.annotate_actions, self.label_actions, self.stance_actions, self.navigate_actions,
                  self.view_actions)
        return [a for group in groups for a in group] + [self.undo, self.redo, self.shortcuts]

    # ------------------------------------------------------------------ mentions
    def mark_mention(self) -> None:
        """Ask which actor the selected words name, then add (or re-assign) that mention."""
        state, span = self._session.state, self._view.snapped_selection()
        if state is None or span is None:
            self.message.emit(self.tr("Select the words that name an actor first."))
            return
        text = state.text[span.start:span.end]
        existing = next((m for m in state.mentions if (m.start, m.end) == (span.start, span.end)), None)
        dialog = ActorPickerDialog(
            self._session, text, title=self.tr("Mention of which actor?"),
            suggested=existing.actor_id if existing else self._guess_actor(text), parent=self._window,
        )
        dialog.actorChosen.connect(lambda actor_id: self._add_mention(state.article_id, span, actor_id, existing))
        dialog.createRequested.connect(lambda name: self.newActorRequested.emit(name, (span.start, span.end)))
        self._open_dialog(dialog)

    def _guess_actor(self, text: str) -> str | None:
        matches = self._session.project.matcher().find(text)
        return matches[0].entry.actor_id if matches else self._panel.current_target()

    def _add_mention(self, article_id: str, span: SnappedSpan, actor_id: str, existing: Mention | None) -> None:
        if self._session.state is None or self._session.state.article_id != article_id:
            return
        session = self._session
        if existing is not None:
            if existing.actor_id == actor_id and existing.status == "accepted":
                return
            committed = session.perform(lambda: SetMentionActorCommand(session, existing.id, actor_id))
        else:
            committed = session.perform(
                lambda: AddMentionCommand(session, article_id, actor_id, span.start, span.end, span.prefix))
        if committed:
            self._panel.select_target(actor_id)

    def _mention_for_review(self) -> Mention | None:
        state = self._session.state
        if state is None:
            return None
        if self._current_mention:
            mention = state.mention_by_id(self._current_mention)
            if mention is not None:
                return mention
        hits = state.mentions_at(self._view.cursor_position())
        return next((m for m in hits if m.status == "proposed"), hits[0] if hits else None)

    def review_mention(self, status: str) -> None:
        """Accept or reject the current (or caret's) mention, then move to the next proposal."""
        mention = self._mention_for_review()
        if mention is None:
            self.message.emit(self.tr("No mention here: press N to go to the next proposed mention."))
            return
        if mention.status != status:
            self._session.perform(lambda: SetMentionStatusCommand(self._session, mention.id, status))
        self.jump_to_proposal(1, after=mention.start)

    def mention_tip(self, pos: int) -> str:
        """What a tooltip over code point `pos` says about the mentions there ("" when none)."""
        state = self._session.state
        if state is None:
            return ""
        lines = []
        for m in state.mentions_at(pos):
            actor = self._session.actor(m.actor_id)
            names = " — ".join(n for n in (actor.name_ar, actor.name_en) if n)
            lines.append(f"{names}  [{actor.id}]")
            if m.origin == "auto" and m.status == "proposed":
                lines.append(self.tr("proposed by the lexicon"))
            elif m.origin == "auto" and m.status == "accepted":
                lines.append(self.tr("proposed by the lexicon, accepted by {name}").format(name=m.annotator))
            elif m.origin == "auto":
                lines.append(self.tr("proposed by the lexicon, rejected by {name}").format(name=m.annotator))
            elif m.status == "rejected":
                lines.append(self.tr("added by {name}, rejected").format(name=m.annotator))
            else:
                lines.append(self.tr("added by {name}").format(name=m.annotator))
        return "\n".join(lines)

    def accept_all_of_actor(self) -> None:
        """Accept every proposed mention of the stance panel's actor in this article, as one edit."""
        state, actor_id = self._session.state, self._panel.current_target()
        if state is None or actor_id is None:
            self.message.emit(self.tr("Select an actor in the list of actors first."))
            return
        ids = [m.id for m in state.mentions if m.actor_id == actor_id and m.status == "proposed"]
        if not ids:
            self.message.emit(self.tr("No proposed mentions of this actor in this article."))
            return
        session = self._session

        def build() -> EditCommand:
            changes = [c for mid in ids
                       for c in session.project.edit_set_mention(mid, session.annotator, status="accepted").changes]
            return EditCommand(session, Edit("accept_mentions", state.article_id, tuple(changes)))

        session.perform(build)

    def jump_to_proposal(self, step: int, after: int | None = None) -> None:
        """Put the caret on the next (step 1) or previous (-1) proposed mention, wrapping around."""
        state = self._session.state
        if state is None:
            return
        proposals = sorted((m for m in state.mentions if m.status == "proposed"), key=lambda m: (m.start, m.end))
        if not proposals:
            self.message.emit(self.tr("No proposed mentions left in this article."))
            self._clear_current_mention()
            return
        if after is None:
            current = state.mention_by_id(self._current_mention) if self._current_mention else None
            after = current.start if current else self._view.cursor_position() - (1 if step > 0 else 0)
        if step > 0:
            target = next((m for m in proposals if m.start > after), proposals[0])
        else:
            target = next((m for m in reversed(proposals) if m.start < after), proposals[-1])
        self._focus_mention(target)

    def _focus_mention(self, mention: Mention) -> None:
        self._selecting_mention = True
        try:
            self._panel.select_target(mention.actor_id)
        finally:
            self._selecting_mention = False
        self._current_mention = mention.id
        self._view.move_caret(mention.start)
        self._view.set_focus_spans([(mention.start, mention.end)])

    def _clear_current_mention(self) -> None:
        if self._current_mention is not None:
            self._current_mention = None
            self._view.set_focus_spans(self._panel.focus_spans())

    def _on_clicked(self, pos: int) -> None:
        state = self._session.state
        hits = state.mentions_at(pos) if state else []
        if hits:
            self._focus_mention(hits[0])
        else:
            self._clear_current_mention()

    def delete_selected(self) -> None:
        """Delete what has the focus: the panel's stance or evidence, else the current mention."""
        if self._panel.tree.hasFocus():
            self._panel.delete_selected()
            return
        mention = self._mention_for_review()
        if mention is None:
            self.message.emit(self.tr("Nothing to delete here."))
            return
        self._current_mention = None
        self._session.perform(lambda: DeleteMentionCommand(self._session, mention.id))

    # ------------------------------------------------------------------ evidence and segments
    def add_evidence(self) -> None:
        """Attach the selected words as evidence of the current stance."""
        state, span = self._session.state, self._view.snapped_selection()
        if state is None or span is None:
            self.message.emit(self.tr("Select the words that show the stance first."))
            return
        stance = self._panel.current_stance()
        if stance is None:
            self.message.emit(self.tr("Choose a stance first: select an actor and press a label key."))
            return
        if self._session.perform(lambda: AddEvidenceCommand(self._session, stance.id, span.start, span.end)):
            self._panel.select_stance(stance.id)
            self._view.clear_selection()  # so the evidence colour shows instead of the selection

    def toggle_segment(self) -> None:
        """Flip the line under the caret between body text and boilerplate (only that line, also
        when it belongs to a longer segment)."""
        state = self._session.state
        pos = self._view.cursor_position()
        segment = state.segment_at(pos) if state else None
        if segment is None:
            self.message.emit(self.tr("Put the caret on a line of the article first."))
            return
        kind = "body" if segment["kind"] not in CONTENT_KINDS else BOILERPLATE_KIND
        self._session.perform(lambda: SetSegmentKindCommand(self._session, segment["id"], kind, line_at=pos))

    # ------------------------------------------------------------------ article status and navigation
    def _go(self, moved: bool) -> None:
        if not moved:
            self.message.emit(self.tr("No more articles in this direction."))

    def next_article(self) -> None:
        """The next article: the queue's next one when "Next follows the queue" is on, else the list's next row."""
        if self.follow_queue.isChecked():
            self.next_in_queue()
        else:
            self._go(self._list.select_relative(1))

    def next_in_queue(self) -> None:
        """Open the queue's most useful article (`annotator queue` for this annotator) that is
        neither open nor already opened from the queue in this window, so two articles the
        annotator leaves unfinished are not offered in turn forever."""
        state = self._session.state
        skip = self._queue_seen | ({state.article_id} if state else set())
        # about 0.2 s on 3,000 articles; the first time also 1.6 s to import assist (scikit-learn)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            from .. import assist  # not at start-up: the window opens without scikit-learn

            picks = assist.queue(self._session.project, self._session.annotator or None, len(skip) + 1,
                                 pool=QUEUE_POOL)
        finally:
            QApplication.restoreOverrideCursor()
        pick = next((p for p in picks if p["article_id"] not in skip), None)
        if pick is None:
            self.message.emit(self.tr("The queue has no other article for you."))
            return
        self._queue_seen.add(pick["article_id"])
        self._session.open_article(pick["article_id"])
        self._list.select_article(pick["article_id"])
        self.message.emit(self.tr("From the queue: {reason}").format(reason=pick["reason"]))

    def _on_follow_queue(self) -> None:
        self._settings.follow_queue = self.follow_queue.isChecked()

    def next_unfinished(self) -> None:
        if not self._list.select_next_unfinished():
            self.message.emit(self.tr("Every article in the list is finished."))

    def _set_status_and_move_on(self, status: str, reason: str = "") -> None:
        state = self._session.state
        if state is None:
            return
        if self._session.perform(lambda: SetStatusCommand(self._session, state.article_id, status, reason)):
            self.next_unfinished()

    def mark_done(self) -> None:
        self._set_status_and_move_on("done")

    def skip_article(self) -> None:
        self._prompt(self.tr("Skip article"), self.tr("Why skip this article?"),
                     lambda reason: self._set_status_and_move_on("skipped", reason),
                     usual_reasons(self._session.project, "skipped"))

    def flag_article(self) -> None:
        self._prompt(self.tr("Flag article"), self.tr("What is the problem with this article?"),
                     lambda note: self._set_status_and_move_on("flagged", note),
                     usual_reasons(self._session.project, "flagged"))

    def adjudicate(self) -> None:
        """Open the adjudication of the current article (the coders' labels and the gold stances)."""
        state = self._session.state
        if state is None:
            return
        self._open_dialog(AdjudicationDialog(self._session, state.article_id, self._window,
                                             undo_actions=(self.undo, self.redo)))

    def _prompt(self, title: str, prompt: str, done: Callable[[str], None], suggestions: list[str] = ()) -> None:
        if self._session.state is None:
            return
        dialog = TextPromptDialog(title, prompt, required=True, suggestions=list(suggestions), parent=self._window)
        dialog.textAccepted.connect(done)
        self._open_dialog(dialog)

    def _open_dialog(self, dialog: QDialog) -> None:
        """Show a window-modal dialog; afterwards the keys go to the article again."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._return_to_article)
        dialog.open()

    def _return_to_article(self) -> None:
        # Window managers re-activate the main window when a dialog closes; without one
        # (offscreen, some tiling WMs) the single-key shortcuts would stop working.
        self._window.activateWindow()
        self._view.setFocus()

    def _focus_search(self) -> None:
        self._list.search_edit.setFocus()
        self._list.search_edit.selectAll()

    def _focus_actor_field(self) -> None:
        self._panel.actor_field.setFocus()

    # ------------------------------------------------------------------ view
    def zoom(self, step: int) -> None:
        self._settings.font_size = self._settings.font_size + step
        self._view.setFont(article_font(self._font_family, self._settings.font_size))

    def _on_snap_changed(self) -> None:
        self._settings.snap_to_words = self.snap_words.isChecked()
        self._settings.include_prefix = self.include_prefix.isChecked()
        self.include_prefix.setEnabled(self.snap_words.isChecked())
        self._view.set_snap_options(SnapOptions(self.snap_words.isChecked(), self.include_prefix.isChecked()))

    def _on_hide_boilerplate(self) -> None:
        self._settings.hide_boilerplate = self.hide_boilerplate.isChecked()
        self._view.set_boilerplate_hidden(self.hide_boilerplate.isChecked())

    def show_shortcuts(self) -> None:
        """The sheet lists these commands first, then every other window action with a key (File,
        View, Article menus), so a shortcut added anywhere in the window shows up here."""
        actions = self.all_actions()
        known = set(actions)
        actions += [a for a in self._window.findChildren(QAction) if a.shortcuts() and a not in known]
        sheet = ShortcutSheet(actions, self._window)
        sheet.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        sheet.open()

    # ------------------------------------------------------------------ keeping the view in step
    def _on_article_opened(self, state: ArticleState) -> None:
        self._current_mention = None
        self._emphasised_stance = self._panel.selected_stance_id()
        self._layers = self._highlighter.build(state, self._emphasised_stance)
        self._view.set_matcher(self._session.project.matcher())
        self._view.show_article(state, self._layers)
        self._view.set_focus_spans(self._panel.focus_spans())
        self._view.setFocus()

    def _refresh_highlights(self, state: ArticleState, tables: frozenset[str]) -> None:
        """Rebuild the highlight layers drawn from `tables`, and the evidence layer when another
        stance is selected (its evidence is drawn stronger)."""
        stance = self._panel.selected_stance_id()
        if stance != self._emphasised_stance:
            tables = tables | {"evidence"}
            self._emphasised_stance = stance
        if tables & TRACKED_TABLES:
            self._layers = self._highlighter.update(self._layers, state, tables, stance)
            self._view.set_highlights(self._layers)

    def _on_annotations_changed(self, state: ArticleState, tables: frozenset[str]) -> None:
        if self._current_mention and state.mention_by_id(self._current_mention) is None:
            self._current_mention = None
        if "segments" in tables and self.hide_boilerplate.isChecked():
            self._view.set_boilerplate_hidden(True)  # a line just became (or stopped being) boilerplate
        self._refresh_highlights(state, tables)
        self._refresh_outline()

    def _on_panel_focus(self) -> None:
        if not self._selecting_mention:
            self._current_mention = None
        state = self._session.state
        if state is None or self._view.state is not state:
            return  # a new article: the view is refreshed by _on_article_opened
        self._refresh_highlights(state, frozenset())
        self._refresh_outline()

    def _refresh_outline(self) -> None:
        state = self._session.state
        if state is None or self._view.state is not state:
            return
        mention = state.mention_by_id(self._current_mention) if state and self._current_mention else None
        self._view.set_focus_spans([(mention.start, mention.end)] if mention else self._panel.focus_spans())
