"""The stance suggestion of the selected actor, with accept and reject, and the model's status.

`SuggestionStrip` shows the open suggestion for the stance panel's holder and selected actor, while
the annotator has not labelled that item, as a dashed chip ("AGAINST 0.72", plain text) with the suggested evidence sentence, and tells the
article view (`suggestedEvidence`) to dot that sentence in the text in the label's colour. Accept
(Ctrl+Shift+A) makes it the annotator's stance through the undo stack (logged as
"accept_suggestion"); reject (Ctrl+Shift+R) marks it rejected. One item at a time: there is no
accept-all. In blind mode (project setting `suggestions_blind`, Annotate → Blind mode) the chip stays
hidden until the annotator has labelled that item, so agreement studies stay honest.

`ModelStatusLabel` is the status-bar item: whether suggestions are on and the cross-validated
macro-F1, or how many more labels are needed. `Retrainer` runs `assist.learn` (and rescoring) in a
separate process at low priority, also when the annotator has paused with new labels.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from ..storage.suggestions import BLIND_SETTING
from .commands import EditCommand
from .highlights import BOILERPLATE_COLOR, suggested_evidence_format
from .session import AnnotationSession

ACCEPT_KEY = "Ctrl+Shift+A"
REJECT_KEY = "Ctrl+Shift+R"


class AcceptSuggestionCommand(EditCommand):
    def __init__(self, session: AnnotationSession, suggestion_id: str):
        edit = session.project.suggestions.edit_accept(suggestion_id, session.annotator)
        super().__init__(session, edit, QCoreApplication.translate("Commands", "Accept suggested stance"))


class RejectSuggestionCommand(EditCommand):
    def __init__(self, session: AnnotationSession, suggestion_id: str):
        edit = session.project.suggestions.edit_reject(suggestion_id, session.annotator)
        super().__init__(session, edit, QCoreApplication.translate("Commands", "Reject suggested stance"))


def _plain_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


class ElidedLabel(QLabel):
    """A one-line plain-text label that shortens its text with "…" to the width it gets. A plain
    QLabel clipped an Arabic sentence wider than itself at both ends (its first words and the "…")."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.full_text = ""

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self._elide()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(self.fontMetrics().horizontalAdvance(self.full_text) + 8, self.maximumWidth()), hint.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideRight, max(0, self.width() - 4)))


def _evidence_span(suggestion: dict, length: int) -> tuple[int, int] | None:
    """The suggestion's evidence as (start, end) inside a text of `length` code points, or None
    when it has none or a project file from elsewhere holds something else there (NULL, text,
    a float, a span past the end or backwards: the schema's CHECK lets some of these through)."""
    span = suggestion["evidence"]
    if not span or len(span) != 2 or not all(type(x) is int for x in span):
        return None
    start, end = span
    return (start, end) if 0 <= start < end <= length else None


class SuggestionStrip(QWidget):
    """The selected item's suggestion (see the module docstring)."""

    # the span (code points) the article view should dot, and its format; (None, None): nothing
    suggestedEvidence = Signal(object, object)

    def __init__(self, session: AnnotationSession, stance_panel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("suggestionStrip")
        self._session = session
        self._panel = stance_panel
        self._suggestion: dict | None = None
        self.chip = _plain_label()
        self.chip.setObjectName("suggestionChip")
        self.chip.setStyleSheet("QLabel#suggestionChip { border: 1px dashed palette(mid); border-radius: 8px;"
                                " padding: 1px 8px; }")
        self.evidence = ElidedLabel()
        self.evidence.setObjectName("suggestionEvidence")
        self.evidence.setStyleSheet("QLabel#suggestionEvidence { border-bottom: 1px dotted palette(mid); }")
        self.evidence.setMaximumWidth(600)
        self.accept_button = QPushButton(self.tr("Accept"))
        self.reject_button = QPushButton(self.tr("Reject"))
        self.accept_action = QAction(self.tr("Accept the suggested stance"), self)
        self.accept_action.setShortcut(QKeySequence(ACCEPT_KEY))
        self.reject_action = QAction(self.tr("Reject the suggested stance"), self)
        self.reject_action.setShortcut(QKeySequence(REJECT_KEY))
        for action in (self.accept_action, self.reject_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        self.accept_action.triggered.connect(self.accept)
        self.reject_action.triggered.connect(self.reject)
        self.accept_button.clicked.connect(self.accept)
        self.reject_button.clicked.connect(self.reject)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(_plain_label(self.tr("Suggested:")))
        layout.addWidget(self.chip)
        layout.addWidget(self.evidence, 1)
        layout.addWidget(self.accept_button)
        layout.addWidget(self.reject_button)
        stance_panel.focusChanged.connect(self.refresh)
        session.articleOpened.connect(lambda _state: self.refresh())
        session.annotationsChanged.connect(lambda _state, _tables: self.refresh())
        self.refresh()

    @property
    def suggestion(self) -> dict | None:
        return self._suggestion

    def refresh(self) -> None:
        """Show the open suggestion of the selected (holder, actor), or hide the strip."""
        self._suggestion = None
        state = self._session.state
        target = self._panel.current_target()
        if state is not None and target:
            holder = self._panel.current_holder()
            project = self._session.project
            found = [s for s in project.suggestions.for_article(state.article_id, status="open")
                     if s["holder"] == holder and s["target"] == target]
            labelled = any(s.holder == holder and s.target == target and s.annotator == self._session.annotator
                           for s in state.stances)
            # an item the annotator has labelled shows no suggestion (accepting it would overwrite the
            # label), except in blind mode, where it shows only then, to compare
            if found and labelled == bool(project.setting(BLIND_SETTING, False)):
                self._suggestion = found[0]
        sug = self._suggestion
        self.setVisible(sug is not None)
        self.accept_action.setEnabled(sug is not None)
        self.reject_action.setEnabled(sug is not None)
        span = _evidence_span(sug, len(state.text)) if sug is not None else None
        if span is None:
            self.suggestedEvidence.emit(None, None)
        else:
            label = self._session.label(sug["label"])
            self.suggestedEvidence.emit(span, suggested_evidence_format(label.color if label else BOILERPLATE_COLOR))
        if sug is None:
            return
        # the label in the interface language's display name (مؤيد in Arabic), as on the label buttons
        p = sug["probabilities"].get(sug["label"], 0)
        p = float(p) if isinstance(p, (int, float)) and not isinstance(p, bool) else 0.0
        self.chip.setText(f"{self._session.label_text(sug['label'])} {p:.2f}")
        self.evidence.set_full_text(state.text[span[0]:span[1]] if span is not None else "")

    def accept(self) -> None:
        if self._suggestion is not None:
            sid = self._suggestion["id"]
            self._session.perform(lambda: AcceptSuggestionCommand(self._session, sid))
            self.refresh()

    def reject(self) -> None:
        if self._suggestion is not None:
            sid = self._suggestion["id"]
            self._session.perform(lambda: RejectSuggestionCommand(self._session, sid))
            self.refresh()


class ModelStatusLabel(QLabel):
    """The status-bar item: the newest stance model's state and cross-validated macro-F1."""

    def __init__(self, session: AnnotationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("modelStatus")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._session = session
        self.refresh()

    def refresh(self) -> None:
        row = self._session.project.models.latest_row()
        if row is None:
            self.setText(self.tr("Suggestions: no model"))
            self.setToolTip(self.tr("Train one with `annotator learn`."))
        elif row["ready"]:
            self.setText(self.tr("Suggestions on: macro-F1 {f1:.2f} ({n} items)").format(
                f1=row["macro_f1"] or 0, n=row["n_items"]))
            self.setToolTip(row["report"].get("reason", ""))
        else:  # the figure that keeps them off, and what to do
            more = row["report"].get("more_labels_needed")
            f1 = row["macro_f1"] or 0
            self.setText(self.tr("Suggestions off: macro-F1 {f1:.2f}; label about {n} more").format(f1=f1, n=more)
                         if more else self.tr("Suggestions off: macro-F1 {f1:.2f}").format(f1=f1))
            self.setToolTip(row["report"].get("reason", ""))


# the background retraining: a separate Python process at low priority, so the window never blocks
_CHILD = (
    "import os, sys\n"
    "try:\n    os.nice(10)\nexcept (AttributeError, OSError):\n    pass\n"
    "from annotator import assist\n"
    "from annotator.storage import Project\n"
    "with Project.open(sys.argv[1]) as p:\n"
    "    report = assist.learn(p)\n"
    "    if report['ready']:\n"
    "        done = {r[0] for r in p.conn.execute(\"SELECT article_id FROM article_status WHERE status = 'done'\")}\n"
    "        assist.suggest_stances(p, [a for a in p.article_ids() if a not in done][:int(sys.argv[2])])\n"
)
LABEL_ACTIONS = frozenset({"set_stance", "update_stance", "delete_stance", "accept_suggestion"})
IDLE_MINUTES = 5


class Retrainer(QObject):
    """Retrains the stance model in a background process: after `every` new label edits, when an
    article is marked done, after `idle_minutes` without edits when there are new labels, or on
    demand; one run at a time, one more queued. `finished(ok)` tells the views to read the new
    model and suggestions. A run that fails leaves its labels counted as new, so the next
    trigger tries again."""

    started = Signal()
    finished = Signal(bool)

    def __init__(self, session: AnnotationSession, *, every: int = 10, rescore: int = 5000,
                 idle_minutes: float = IDLE_MINUTES, parent: QObject | None = None):
        super().__init__(parent)
        self._session = session
        self.every = every
        self.rescore = rescore
        self.pending = 0  # label edits since the last start
        self._in_run = 0  # ... and those the run under way learns from
        self.queued = False
        self.process: QProcess | None = None
        self.idle_timer = QTimer(self)  # restarted by every edit: fires after that long without one
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(int(idle_minutes * 60_000))
        self.idle_timer.timeout.connect(self._on_idle)
        session.edited.connect(self._on_edited)

    @property
    def running(self) -> bool:
        return self.process is not None

    def _on_edited(self, edit) -> None:
        self.idle_timer.start()
        if edit.action in LABEL_ACTIONS:
            self.pending += 1
        done = edit.action == "set_status" and any(
            c.after and c.after.get("status") == "done" for c in edit.changes)
        if self.pending >= self.every or (done and self.pending):
            self.start()

    def _on_idle(self) -> None:
        """No edit for the idle interval: learn from the labels added since the last run, if any."""
        if self.pending:
            self.start()

    def start(self) -> None:
        """Start a run now, or queue one behind the run under way."""
        if self.process is not None:
            self.queued = True
            return
        self._in_run, self.pending = self.pending, 0
        proc = QProcess(self)
        env = QProcessEnvironment.systemEnvironment()
        root = str(Path(__file__).resolve().parents[2])
        env.insert("PYTHONPATH", root + os.pathsep + env.value("PYTHONPATH", ""))
        proc.setProcessEnvironment(env)
        proc.finished.connect(self._on_finished)
        proc.errorOccurred.connect(self._on_error)
        self.process = proc
        proc.start(sys.executable, ["-c", _CHILD, str(self._session.project.path), str(self.rescore)])
        self.started.emit()

    def _on_error(self, error) -> None:
        """A child that could not start (no Python there) ends the run like a failed one."""
        if error == QProcess.ProcessError.FailedToStart and self.process is not None:
            self._on_finished(-1, QProcess.ExitStatus.CrashExit)

    def _on_finished(self, code: int, status) -> None:
        ok = code == 0 and status == QProcess.ExitStatus.NormalExit
        if not ok:
            self.pending += self._in_run
        self._in_run = 0
        self.process.deleteLater()
        self.process = None
        self.finished.emit(ok)
        if self.queued:
            self.queued = False
            self.start()

    def stop(self) -> None:
        """End a run under way (the window closes); the project stays consistent (one transaction per step)."""
        self.queued = False
        self.idle_timer.stop()
        if self.process is not None:
            self.process.finished.disconnect(self._on_finished)
            self.process.kill()
            self.process.waitForFinished(3000)
            self.process = None
