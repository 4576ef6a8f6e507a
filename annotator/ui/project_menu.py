"""The File menu: new, open and recent projects, import, export, annotator and language.

Opening another project, switching annotator or language rebuilds the main window (the
application controller does that on the `...Requested` signals), so no widget ever holds on to a
closed project. Import and export run on the open project and report in a message box.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMainWindow, QMenu, QMessageBox, QProgressDialog

from .dialogs import ask_annotator_name
from .i18n import LANGUAGES
from .session import AnnotationSession
from .settings import AppSettings

PROJECT_FILTER = "annotator projects (*.annotator *.sqlite *.db);;all files (*)"
# export format -> file dialog filter (annotator.io.export.FORMATS)
EXPORT_FORMATS = {
    "docs": "docs: articles with their annotations, JSON Lines (*.jsonl)",
    "pairs": "pairs: one line per stance, JSON Lines (*.jsonl)",
    "doccano": "doccano JSONL (*.jsonl)",
    "label-studio": "Label Studio JSON (*.json)",
}


class ProjectMenu(QObject):
    """Builds the File menu and carries out its commands."""

    openRequested = Signal(str)
    newRequested = Signal(str)
    annotatorRequested = Signal(str)
    languageRequested = Signal(str)
    articlesImported = Signal()

    def __init__(self, window: QMainWindow, session: AnnotationSession, settings: AppSettings):
        super().__init__(window)
        self._window = window
        self._session = session
        self._settings = settings
        self.menu = QMenu(self.tr("&File"), window)
        self.menu.setObjectName("fileMenu")
        self._add(self.tr("&New project…"), self.new_project, QKeySequence.StandardKey.New)
        self._add(self.tr("&Open project…"), self.open_project, QKeySequence.StandardKey.Open)
        self.recent_menu = self.menu.addMenu(self.tr("Open &recent"))
        self._fill_recent()
        self.menu.addSeparator()
        self.import_action = self._add(self.tr("&Import articles…"), self.import_files, "Ctrl+I")
        self.import_action.setEnabled(not session.read_only)
        self._add(self.tr("&Export annotations…"), self.export, "Ctrl+Shift+E")
        self._add(self.tr("Save a &copy to send…"), self.save_copy, None)
        self.menu.addSeparator()
        self._add(self.tr("Switch &annotator…"), self.switch_annotator, None)
        self.language_menu = self.menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        for code, name in LANGUAGES.items():
            action = self.language_menu.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == settings.language)
            action.triggered.connect(lambda _checked=False, c=code: self._on_language(c))
            group.addAction(action)
        self.menu.addSeparator()
        self._add(self.tr("&Quit"), window.close, QKeySequence.StandardKey.Quit)

    def _add(self, text: str, slot, shortcut) -> QAction:
        action = self.menu.addAction(text)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in self._settings.recent_projects:
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _checked=False, p=path: self.openRequested.emit(p))
        self.recent_menu.setEnabled(bool(self._settings.recent_projects))

    def _directory(self) -> str:
        return str(Path(self._session.project.path).parent)

    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._window, self.tr("New project"), self._directory(), PROJECT_FILTER)
        if path:
            self.newRequested.emit(path)

    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window, self.tr("Open project"), self._directory(), PROJECT_FILTER)
        if path:
            self.openRequested.emit(path)

    def switch_annotator(self) -> None:
        name = ask_annotator_name(self._window, self._session.annotator)
        if name and name != self._session.annotator:
            self.annotatorRequested.emit(name)

    def _on_language(self, code: str) -> None:
        if code != self._settings.language:
            self.languageRequested.emit(code)

    def import_files(self) -> None:
        """Import article files chosen by the user and show the import report."""
        from ..ingest import import_paths

        paths, _ = QFileDialog.getOpenFileNames(self._window, self.tr("Import articles"), self._directory())
        if not paths:
            return
        progress = QProgressDialog(self.tr("Importing…"), "", 0, 0, self._window)
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.show()

        def on_progress(done: int, total: int, _records: int) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(min(done, max(total, 1)))
            QApplication.processEvents()

        try:
            report = import_paths(self._session.project, paths, progress=on_progress)
        except (OSError, ValueError) as e:
            progress.close()
            self._report(self.tr("Import"), str(e), error=True)
            return
        progress.close()
        self.articlesImported.emit()
        self._report(self.tr("Import"), report.summary())

    def export(self) -> None:
        """Export the project's annotations to a file in the chosen format."""
        from ..io.export import export

        filters = ";;".join(EXPORT_FORMATS.values())
        path, chosen = QFileDialog.getSaveFileName(self._window, self.tr("Export annotations"), self._directory(),
                                                   filters)
        if not path:
            return
        fmt = {name: f for f, name in EXPORT_FORMATS.items()}.get(chosen, "docs")
        try:
            report = export(self._session.project, path, fmt)
        except (OSError, ValueError) as e:
            self._report(self.tr("Export"), str(e), error=True)
            return
        self._report(self.tr("Export"), report.summary())

    def save_copy(self, path: str | None = None) -> None:
        """Write one self-contained copy of the project (`Project.pack`) to a new file: the file to
        send back, which holds every saved edit without the project's -wal. Asks for the name when
        `path` is not given; an existing file is never overwritten."""
        import sqlite3

        if path is None:
            project_path = Path(self._session.project.path)
            suggested = str(project_path.with_name(f"{project_path.stem}-{self._session.annotator}-copy.annotator"))
            path, _ = QFileDialog.getSaveFileName(self._window, self.tr("Save a copy to send"), suggested,
                                                  PROJECT_FILTER, options=QFileDialog.Option.DontConfirmOverwrite)
            if not path:
                return
        try:
            target = self._session.project.pack(path)
        except (OSError, ValueError, sqlite3.Error) as e:
            self._report(self.tr("Save a copy to send"), str(e), error=True)
            return
        self._report(self.tr("Save a copy to send"),
                     self.tr("Saved a copy with every saved edit to {path}. Send this file alone.").format(path=target))

    def _report(self, title: str, text: str, *, error: bool = False) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning if error else QMessageBox.Icon.Information, title, text,
                          QMessageBox.StandardButton.Ok, self._window)
        box.setObjectName("reportBox")
        box.setTextFormat(Qt.TextFormat.PlainText)  # file names, titles and reasons from the files read
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
