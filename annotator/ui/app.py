"""Application start-up: the entry points the CLI calls, and the controller that (re)builds windows.

`run_gui` opens the last project (or, on first run, a sample project in the user data folder),
asks who is annotating the first time, and shows the main window. `render_screenshot` draws the
same window offscreen into a PNG. `build_main_window` is the construction both use, with settings
passed in so tests never touch the user's preferences.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QObject, QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from ..storage.presence import Presence
from ..storage.project import Project, ProjectError
from ..storage.safe_files import UnsafeOutputError, atomic_write, check_output_path
from .dialogs import ask_annotator_name
from .fonts import load_bundled_fonts
from .i18n import LanguageInstaller
from .main_window import MainWindow
from .plain import literal_rich_text
from .session import AnnotationSession
from .settings import AppSettings

ORGANIZATION = "annotator"
APPLICATION = "annotator"
SAMPLE_FILE = "sample.annotator"
SCREENSHOT_SIZE = (1500, 900)


def ensure_application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication, created if there is none."""
    app = QApplication.instance()
    if app is None:
        # Qt's raster engine splits every fill taller than 95 pixels (a scroll bar, the article's
        # background) into tasks for a pool of threads and waits for them: about 130 hand-offs per
        # article switch, for fills that take less time than the hand-off. On a busy machine the
        # wait for the pool's threads added up to a third to a switch (bench/gui_bench.py), so
        # this window paints on its own thread (QT_NO_GUI_THREADPOOL is read once, when Qt first
        # needs the pool).
        os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")
        app = QApplication(argv if argv is not None else sys.argv[:1])
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APPLICATION)
    return app


class AppController(QObject):
    """Opens projects into main windows and rebuilds the window when the project, the annotator
    or the language changes. It lives as long as its current window (it is that window's child)."""

    def __init__(self, app: QApplication, settings: AppSettings, *, record_time: bool = True,
                 ask_owner: bool = True):
        super().__init__()
        self._ask_owner = ask_owner
        self._confirmed: dict[Path, str] = {}  # file -> a name other than its owner the user confirmed
        self._app = app
        self._settings = settings
        self._record_time = record_time
        self._font_family = load_bundled_fonts()
        self._languages = LanguageInstaller(app)
        self._languages.install(settings.language)
        self.window: MainWindow | None = None

    def open_project(self, path: str | Path, annotator: str | None = None, *,
                     create: bool = False) -> MainWindow | None:
        """Open (or create) the project at `path` in a new main window; None if it cannot be opened
        (the user has been told why) or no annotator name was given."""
        try:
            project = Project.create(path) if create else Project.open(path)
        except ProjectError as e:
            QMessageBox.critical(self.window, QCoreApplication.translate("App", "Cannot open project"),
                                 literal_rich_text(str(e)))  # the message names the file
            return None
        owner = project.setting("annotator")
        chosen = annotator or self._settings.annotator
        if isinstance(owner, str) and owner:
            name = self._owner_or(project, owner, chosen)
        else:
            name = chosen or ask_annotator_name(self.window)
        if not name:
            project.close()
            return None
        if name != owner:
            self._settings.annotator = name  # a handed-out file's owner is not who uses this computer
        self._settings.remember_project(path)
        presence = Presence(project.path, "gui", name)
        presence.enter()
        return self._show(AnnotationSession(project, name, record_time=self._record_time, presence=presence))

    def _owner_or(self, project: Project, owner: str, chosen: str | None) -> str | None:
        """The name to work as in a file `assign` handed out to `owner`: the owner, unless the user
        confirms working as `chosen` (asked once per file and name; None: cancelled). Only the
        owner's rows of a handed-out file are merged into the team project."""
        key = Path(project.path).resolve()
        if not chosen or chosen == owner or not self._ask_owner:
            return owner
        if self._confirmed.get(key) == chosen:
            return chosen
        box = QMessageBox(QMessageBox.Icon.Question, QCoreApplication.translate("App", "Whose file is this?"),
                          QCoreApplication.translate(
                              "App", "This file was handed out to %1, but you are working as %2.\n\n"
                              "Only %1's work in it is merged into the team project. Work as %1?"
                          ).replace("%1", owner).replace("%2", chosen),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
                          | QMessageBox.StandardButton.Cancel, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)
        work_as = QCoreApplication.translate("App", "Work as %1")
        box.button(QMessageBox.StandardButton.Yes).setText(work_as.replace("%1", owner))
        box.button(QMessageBox.StandardButton.No).setText(work_as.replace("%1", chosen))
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Yes:
            return owner
        if answer == QMessageBox.StandardButton.No:
            self._confirmed[key] = chosen
            return chosen
        return None

    def _show(self, session: AnnotationSession) -> MainWindow:
        previous = self.window
        window = MainWindow(session, self._settings, self._font_family)
        session.setParent(window)
        self.setParent(window)
        self.window = window
        menu = window.project_menu
        menu.openRequested.connect(lambda path: self.open_project(path))
        menu.newRequested.connect(lambda path: self.open_project(path, create=True))
        menu.annotatorRequested.connect(self._reopen)
        menu.languageRequested.connect(self._switch_language)
        window.show()
        window.open_first_article()
        if previous is not None:
            previous.close()
            previous.deleteLater()
            window.show_presence()  # the previous window no longer counts as another one
        return window

    def restore_language(self, code: str) -> None:
        """Put the application's translators back to `code` (after a screenshot in another language)."""
        self._languages.install(code)

    def _reopen(self, annotator: str) -> None:
        """Open the current project again in a new window, for `annotator`."""
        if self.window is not None:
            self.open_project(self.window.session.project.path, annotator)

    def _switch_language(self, code: str) -> None:
        self._settings.language = code
        self._languages.install(code)
        if self.window is not None:
            self._reopen(self.window.session.annotator)


def build_main_window(project_path: str | Path, settings: AppSettings, annotator: str | None = None, *,
                      record_time: bool = True) -> MainWindow | None:
    """Open `project_path` in a new main window, as `run_gui` does (None if it could not be opened)."""
    controller = AppController(ensure_application(), settings, record_time=record_time)
    return controller.open_project(project_path, annotator)


def default_project_path(settings: AppSettings) -> Path:
    """The last project opened, or the sample project (created on first use) in the user data folder."""
    last = settings.last_project
    if last and Path(last).exists():
        return Path(last)
    from platformdirs import user_data_dir

    sample = Path(user_data_dir(APPLICATION)) / SAMPLE_FILE
    if not sample.exists():
        from ..sample import create_sample_project

        create_sample_project(sample)
    return sample


def run_gui(project_path: str | None, annotator: str | None = None, argv: list[str] | None = None) -> int:
    """Show the annotation window and run until it is closed; returns the process exit code."""
    app = ensure_application(argv)
    settings = AppSettings(QSettings(ORGANIZATION, APPLICATION))
    path = Path(project_path) if project_path else default_project_path(settings)
    if build_main_window(path, settings, annotator) is None:
        return 1
    return app.exec()


def render_screenshot(project_path: str, out_png: str, article_id: str | None = None, language: str = "en",
                      annotator: str = "screenshot") -> None:
    """Draw the main window showing `article_id` (default: the first article) into `out_png`.

    Runs offscreen when no QApplication exists yet, uses throw-away settings, and records no time.
    Raises UnsafeOutputError (a ValueError) before opening anything when `out_png` does not end in
    .png or is a path `check_output_path` refuses (the project itself, a device, a FIFO, a link,
    ...); the image is written to a temporary file and renamed into place.
    """
    if not str(out_png).lower().endswith(".png"):
        raise UnsafeOutputError(f"{out_png}: a screenshot is a PNG image; give a file name ending in .png")
    check_output_path(out_png, protect=[project_path])
    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = ensure_application()
    previous_direction = app.layoutDirection()
    with tempfile.TemporaryDirectory() as tmp:
        settings = AppSettings.at(Path(tmp) / "settings.ini")
        settings.language = language
        controller = AppController(app, settings, record_time=False, ask_owner=False)
        window = controller.open_project(project_path, annotator)
        if window is None:
            raise ProjectError(f"{project_path}: cannot be opened")
        window.resize(*SCREENSHOT_SIZE)
        if article_id is not None:
            window.session.open_article(article_id)
        app.processEvents()
        png = QByteArray()
        buffer = QBuffer(png)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        if not window.grab().save(buffer, "PNG"):
            raise OSError(f"{out_png}: could not draw the screenshot")
        buffer.close()
        with atomic_write(out_png, binary=True, protect=[project_path]) as fh:
            fh.write(png.data())
        window.close()
        window.deleteLater()
        controller.restore_language("en")
        app.setLayoutDirection(previous_direction)
        app.processEvents()
