"""The main window: composition only.

It places the article list, the article view, the stance panel and the guidelines, builds the
menus from the action holders (`AnnotationActions`, `ProjectMenu`) and keeps the status bar
current. All behaviour lives in those parts; the session is passed in. A banner says when the
project is also open in another window or program; Refresh (F5) reads the project file again.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt, QTime
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QStatusBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.commands import Edit
from .actions import AnnotationActions
from .article_list import ArticleListPanel
from .article_state import ArticleState
from .article_view import ArticleView
from .plain import GuidelinesView, literal_rich_text
from .keys import IsolatedShortcutsStyle, LayoutShortcuts
from .label_names_dialog import LabelNamesDialog
from .lexicon_actions import LexiconActions
from .project_menu import ProjectMenu
from ..storage.presence import Holder
from ..storage.suggestions import BLIND_SETTING
from .session import AnnotationSession
from .settings import AppSettings
from .stance_panel import StancePanel
from .suggestion_strip import ModelStatusLabel, Retrainer, SuggestionStrip

MESSAGE_MS = 8000
NAME_CHARS = 40  # the annotator's name in the status bar, longer ones cut (whole in its tooltip)


class StatusLabel(QLabel):
    """A permanent label of the status bar that keeps its size while its text changes.

    A label whose size hint changes makes the status bar lay out again, then the window, and the
    status bar repaints all of itself. This one has a fixed size, widened only when a text needs
    more room, so a new text that fits ("Article 12 of 40" after "Article 11 of 40") repaints the
    label alone; setting the text it already shows does nothing.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # it shows the annotator's name

    def show_text(self, text: str) -> None:
        if text == self.text():
            return
        self.setText(text)
        hint = self.sizeHint()
        if hint.width() > self.minimumWidth() or hint.height() != self.minimumHeight():
            self.setFixedSize(max(hint.width(), self.minimumWidth()), hint.height())


class AnnotationStatusBar(QStatusBar):
    """Annotator, position in the list, progress, and whether the last edit is saved.

    The articles and the annotator's finished ones are counted when the window opens, after an
    import or a refresh, and (the finished ones) after an edit of an article's status, not on every
    switch or edit.
    """

    def __init__(self, session: AnnotationSession, article_list: ArticleListPanel, parent=None):
        super().__init__(parent)
        self._session = session
        self._list = article_list
        self._locale = QLocale()
        self._article_total = session.project.count_articles()
        self._done = self._count_done()
        self.annotator_label = StatusLabel()
        self.position_label = StatusLabel()
        self.progress_label = StatusLabel()
        self.saved_label = StatusLabel()
        self.saved_label.setObjectName("savedState")
        for label in (self.annotator_label, self.position_label, self.progress_label, self.saved_label):
            self.addPermanentWidget(label)
        name = session.annotator
        if len(name) > NAME_CHARS:  # a long name would make the window wider than the screen
            self.annotator_label.setToolTip(literal_rich_text(name))
            name = name[:NAME_CHARS - 1] + "…"
        self.annotator_label.show_text(self.tr("Annotator: {name}").format(name=name))
        self.saved_label.show_text(self._read_only_text() if session.read_only else self.tr("All changes saved"))
        session.articleOpened.connect(lambda _state: self.update_counts())
        session.edited.connect(self._on_edited)
        session.saved.connect(self._on_saved)
        session.failed.connect(self._on_failed)

    def _count_done(self) -> int:
        return self._session.project.status_counts(self._session.annotator).get("done", 0)

    def recount_articles(self) -> None:
        """Count the project's articles, and the annotator's finished ones, again (after an import
        or a refresh)."""
        self._article_total = self._session.project.count_articles()
        self._done = self._count_done()
        self.update_counts()

    def _on_edited(self, edit: Edit) -> None:
        if any(change.table == "article_status" for change in edit.changes):
            self._done = self._count_done()
        self.update_counts()

    def update_counts(self) -> None:
        n = self._locale.toString
        row, total = self._list.current_row(), self._list.model.total
        self.position_label.show_text(
            self.tr("Article {n} of {total}").format(n=n(row + 1), total=n(total)) if row >= 0
            else self.tr("{total} articles").format(total=n(total))
        )
        self.progress_label.show_text(
            self.tr("Done: {done} / {total}").format(done=n(self._done), total=n(self._article_total))
        )

    def _on_saved(self) -> None:
        time = self._locale.toString(QTime.currentTime(), QLocale.FormatType.ShortFormat)
        self.saved_label.show_text(self.tr("All changes saved ({time})").format(time=time))

    def _read_only_text(self) -> str:
        return self.tr("Read-only: nothing can be changed")

    def _on_failed(self, message: str) -> None:
        self.saved_label.show_text(self._read_only_text() if self._session.read_only
                                   else self.tr("Last change not saved"))
        self.showMessage(self.tr("Not saved: {reason}").format(reason=message), MESSAGE_MS)


class ArticleHeader(QLabel):
    """The article's title, source and date above its text (plain text, right-to-left)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("articleHeader")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute)
        font = self.font()
        font.setBold(True)
        self.setFont(font)

    def show_article(self, state: ArticleState) -> None:
        details = " · ".join(x for x in (state.source, state.published) if x)
        self.setText(state.title + (f"\n{details}" if details else ""))


class PresenceNotice(QFrame):
    """A banner, shown while the project is also open in another window or program."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("presenceNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("#presenceNotice { background: #fff8e1; border: 1px solid #f9a825; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        close = QToolButton()
        close.setText("×")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide this notice"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_holders(self, holders: list[Holder]) -> None:
        """Name the other holders of the project, or hide the banner when there are none."""
        if not holders:
            self.hide()
            return
        self.label.setText(self.tr(
            "This project is also open elsewhere: {who}. Your edits are saved safely; changes made there "
            "appear here when you refresh (F5)."
        ).format(who="; ".join(self._describe(h) for h in holders)))
        self.show()

    def _describe(self, holder: Holder) -> str:
        since = QDateTime.fromString(holder.since, Qt.DateFormat.ISODate).toLocalTime()
        locale = QLocale()
        when = (locale.toString(since.time(), QLocale.FormatType.ShortFormat) if since.date() == QDate.currentDate()
                else locale.toString(since, QLocale.FormatType.ShortFormat))
        if holder.program == "gui":
            text = self.tr("the annotation window of {annotator}, since {time}").format(
                annotator=holder.annotator, time=when)
        else:
            text = self.tr('the command "annotator {command}", since {time}').format(command=holder.program, time=when)
        return text if holder.is_here() else self.tr("{holder} on {host}").format(holder=text, host=holder.host)


class MainWindow(QMainWindow):
    """Composes the annotation window around one `AnnotationSession`."""

    def __init__(self, session: AnnotationSession, settings: AppSettings, font_family: str):
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = session
        self.settings = settings
        session.language = settings.language
        if session.read_only:
            self.setWindowTitle(self.tr("{project} (read-only) — annotator").format(project=session.project.path.name))
        else:
            self.setWindowTitle(self.tr("{project} — annotator").format(project=session.project.path.name))

        self.article_list = ArticleListPanel(session)
        self.article_view = ArticleView()
        self.stance_panel = StancePanel(session)
        self.header = ArticleHeader()
        self.presence_notice = PresenceNotice()
        self.read_only_notice = QLabel(self.tr(
            "This project is read-only ({reason}). You can read, search, export and save a copy, but not "
            "annotate: to annotate, get write permission on the file and its folder, or copy the project to a "
            "folder you can write to and open the copy."
        ).format(reason=session.read_only))
        self.read_only_notice.setObjectName("readOnlyNotice")
        self.read_only_notice.setTextFormat(Qt.TextFormat.PlainText)
        self.read_only_notice.setWordWrap(True)
        self.read_only_notice.setStyleSheet("#readOnlyNotice { background: #ffebee; border: 1px solid #c62828;"
                                            " padding: 4px; }")
        self.read_only_notice.setVisible(bool(session.read_only))
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.read_only_notice)
        layout.addWidget(self.presence_notice)
        layout.addWidget(self.header)
        self.suggestion_strip = SuggestionStrip(session, self.stance_panel)
        self.suggestion_strip.suggestedEvidence.connect(self.article_view.set_suggested_evidence)
        layout.addWidget(self.suggestion_strip)
        layout.addWidget(self.article_view, 1)
        self.setCentralWidget(central)

        self._direction()  # fixed now, see _direction
        # the article list on the side where lines start, the stances where they end
        start, end = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            start, end = end, start
        self.list_dock = self._dock(self.tr("Articles"), "articlesDock", self.article_list, start)
        self.stance_dock = self._dock(self.tr("Actors and stances"), "stancesDock", self.stance_panel, end)
        self.guidelines = GuidelinesView()
        self.guidelines.setObjectName("guidelines")
        self.guidelines.setMarkdown(session.project.guidelines or self.tr("This project has no guidelines yet."))
        self.guidelines_dock = self._dock(self.tr("Guidelines"), "guidelinesDock", self.guidelines, end)
        self.tabifyDockWidget(self.stance_dock, self.guidelines_dock)
        self.stance_dock.raise_()

        self.annotation_actions = AnnotationActions(
            self, session, self.article_view, self.stance_panel, self.article_list, settings, font_family)
        self.layout_shortcuts = LayoutShortcuts(self)  # letter shortcuts with the Arabic keyboard layout too
        self.lexicon_actions = LexiconActions(self, session, self.article_view, self.stance_panel)
        self.annotation_actions.newActorRequested.connect(self.lexicon_actions.create_actor)
        self.label_names_action = QAction(self.tr("Arabic names of the labels…"), self)
        self.label_names_action.triggered.connect(self.edit_label_names)
        self.refresh_action = QAction(self.tr("Refresh from the project file"), self)
        self.refresh_action.setShortcut(QKeySequence("F5"))
        self.refresh_action.triggered.connect(self.refresh)
        self.addAction(self.refresh_action)
        self.project_menu = ProjectMenu(self, session, settings)
        self.retrainer = Retrainer(session, parent=self)
        self.retrain_action = QAction(self.tr("Retrain stance suggestions now"), self)
        self.retrain_action.triggered.connect(self.retrainer.start)
        # a project setting (it travels with the handouts `annotator assign` writes), so an agreement
        # study stays honest for everyone working in this file
        self.blind_action = QAction(self.tr("Blind mode: hide stance suggestions until the item is labelled"), self)
        self.blind_action.setCheckable(True)
        self.blind_action.setChecked(bool(session.project.setting(BLIND_SETTING, False)))
        self.blind_action.setEnabled(not session.read_only)
        self.blind_action.toggled.connect(self._on_blind_toggled)
        self._build_menus()
        self.status = AnnotationStatusBar(session, self.article_list, self)
        self.setStatusBar(self.status)
        self.model_status = ModelStatusLabel(session)
        self.status.addPermanentWidget(self.model_status)
        self.retrainer.started.connect(lambda: self.model_status.setText(self.tr("Suggestions: training…")))
        self.retrainer.finished.connect(self._on_retrained)
        for source in (self.annotation_actions, self.stance_panel, self.lexicon_actions):
            source.message.connect(lambda text: self.status.showMessage(text, MESSAGE_MS))
        if self.annotation_actions.label_conflicts:
            self.status.showMessage(self.tr("Label keys already used by other commands: {keys}").format(
                keys=", ".join(self.annotation_actions.label_conflicts)), MESSAGE_MS)
        self.article_list.articleSelected.connect(session.open_article)
        self.project_menu.articlesImported.connect(self._on_articles_imported)
        session.articleOpened.connect(self.header.show_article)
        session.articleOpened.connect(
            lambda state: settings.remember_article(session.project.project_id, state.article_id))
        self._restore_geometry()
        self.status.update_counts()
        self.show_presence()

    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.addMenu(self.project_menu.menu)
        edit = bar.addMenu(self.tr("&Edit"))
        edit.addAction(self.annotation_actions.undo)
        edit.addAction(self.annotation_actions.redo)
        annotate = bar.addMenu(self.tr("&Annotate"))
        annotate.addActions(self.annotation_actions.annotate_actions)
        annotate.addSeparator()
        annotate.addActions(self.annotation_actions.label_actions)
        annotate.addAction(self.label_names_action)
        annotate.addSeparator()
        annotate.addActions(self.annotation_actions.stance_actions)
        article = bar.addMenu(self.tr("A&rticle"))
        article.addActions(self.annotation_actions.navigate_actions)
        actors = bar.addMenu(self.tr("Ac&tors"))
        actors.addActions(self.lexicon_actions.actions)
        view = bar.addMenu(self.tr("&View"))
        view.addAction(self.refresh_action)
        view.addSeparator()
        view.addActions(self.annotation_actions.view_actions)
        view.addSeparator()
        for dock in (self.list_dock, self.stance_dock, self.guidelines_dock):
            view.addAction(dock.toggleViewAction())
        annotate.addSeparator()
        annotate.addAction(self.retrain_action)
        annotate.addAction(self.blind_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.annotation_actions.shortcuts)
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            # shortcuts read left to right in the Arabic menus: "Ctrl+=", and "]" not mirrored
            self._menu_style = IsolatedShortcutsStyle()
            for menu in self.findChildren(QMenu):
                menu.setStyle(self._menu_style)

    def _direction(self) -> str:
        """The direction the window was built in. Not the current one: switching the language turns
        the application (and so this window, while it closes) right-to-left before this window's
        layout is saved, which stored the English layout as the Arabic one (issue 10)."""
        if not hasattr(self, "_built_direction"):
            self._built_direction = "rtl" if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else "ltr"
        return self._built_direction

    def _restore_geometry(self) -> None:
        geometry, state = self.settings.window_state(self._direction())
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        if state is not None:
            self.restoreState(state)
        else:
            self.resizeDocks([self.list_dock, self.stance_dock], [340, 400], Qt.Orientation.Horizontal)

    def _on_articles_imported(self) -> None:
        self.article_list.model.set_filter(self.article_list.model.article_filter)
        if self.session.state is None and self.article_list.model.rowCount():
            self.article_list.select_row(0)
        self.status.recount_articles()

    def show_presence(self) -> None:
        """Show (or hide) the notice that the project is also open in another window or program."""
        self.presence_notice.show_holders(self.session.others_open())

    def refresh(self) -> None:
        """Read the project file again: the article list, the open article, who else has it open."""
        self._on_articles_imported()
        self.session.reload()
        self.show_presence()

    def edit_label_names(self) -> None:
        """Let the annotator name the labels in Arabic (stored in the project, shown after OK)."""
        dialog = LabelNamesDialog(self.session, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.refresh)
        dialog.open()

    def _on_blind_toggled(self, blind: bool) -> None:
        self.session.project.set_setting(BLIND_SETTING, blind)
        self.suggestion_strip.refresh()
        self.stance_panel.refresh_suggestions()

    def _on_retrained(self, _ok: bool) -> None:
        self.model_status.refresh()
        self.suggestion_strip.refresh()
        self.stance_panel.refresh_suggestions()

    def open_first_article(self) -> None:
        """Open the article open when the project was last closed here, else the first unfinished
        article of the list (or the first one)."""
        project = self.session.project
        last = self.settings.last_article(project.project_id)
        if last:
            try:
                project.article(last)
            except KeyError:  # removed since, or the settings of another copy of the project
                pass
            else:
                self.session.open_article(last)
                self.article_list.select_article(last)
                return
        if not self.article_list.select_next_unfinished():
            self.article_list.select_row(0)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        self.retrainer.stop()
        self.settings.save_window_state(self._direction(), self.saveGeometry(), self.saveState())
        self.session.close()
        super().closeEvent(event)
