"""Switching articles and editing repaint what changed, not the whole window: the status bar is not
laid out again for a new text that fits, nothing is counted again that did not change, and the
stance panel settles its controls once."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication

from annotator.ui.stance_panel import ID_ROLE

from uikit import key


def count_status_queries(session, monkeypatch) -> list[str]:
    """The annotators whose statuses the window counts from now on."""
    queries = []
    counts = session.project.status_counts
    monkeypatch.setattr(session.project, "status_counts", lambda who: queries.append(who) or counts(who))
    return queries


class EventCount(QObject):
    """Counts events of one type reaching the widget it is installed on."""

    def __init__(self, widget, kind: QEvent.Type):
        super().__init__(widget)
        self.kind, self.count = kind, 0
        widget.installEventFilter(self)

    def eventFilter(self, _watched, event) -> bool:  # noqa: N802 (Qt API)
        self.count += event.type() == self.kind
        return False


def test_switching_articles_relays_out_nothing_in_the_status_bar_and_counts_nothing(window, monkeypatch):
    status, session = window.status, window.session
    QApplication.processEvents()
    assert status.position_label.text().startswith("Article 1 of")
    queries = count_status_queries(session, monkeypatch)
    layouts = EventCount(status, QEvent.Type.LayoutRequest)
    for row in (1, 2, 1, 0):
        assert window.article_list.select_row(row)
        QApplication.processEvents()
        assert status.position_label.text().startswith(f"Article {row + 1} of")
    assert layouts.count == 0
    assert queries == []
    assert status.progress_label.text().startswith("Done: 0 /")


def test_marking_done_counts_again(qtbot, window, monkeypatch):
    status, session = window.status, window.session
    queries = count_status_queries(session, monkeypatch)
    panel = window.stance_panel
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.apply_label(session.labels[0].name)
    assert queries == []  # a stance edit leaves the statuses alone
    key(qtbot, window.article_view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert queries == ["tester"]
    assert status.progress_label.text().startswith("Done: 1 /")


def test_a_label_grows_for_a_longer_text_and_keeps_its_width_for_a_shorter_one(window):
    label = window.status.saved_label
    label.show_text("All changes saved (10:00)")
    width = label.width()
    assert width >= label.sizeHint().width()
    label.show_text("A much longer text than the status bar has shown so far")
    assert label.width() > width and label.width() >= label.sizeHint().width()
    longest = label.width()
    label.show_text("Saved")
    assert label.width() == longest and label.text() == "Saved"


def test_opening_an_article_settles_the_stance_panel_once(window):
    panel, session = window.stance_panel, window.session
    focus = []
    panel.focusChanged.connect(lambda: focus.append(panel.current_target()))
    assert window.article_list.select_row(1)
    assert focus == [panel.tree.topLevelItem(0).data(0, ID_ROLE)]
    assert panel.holder_combo.currentIndex() == 0
    assert all(button.isEnabled() for button in panel.label_buttons.values())
    assert session.state.article_id == window.article_list.model.article_id(1)


def test_a_stance_edit_updates_the_rows_of_its_actor_only(window):
    panel, session = window.stance_panel, window.session
    panel.tree.setCurrentItem(panel.tree.topLevelItem(1))
    actor = panel.current_target()
    changed = []
    panel.tree.model().dataChanged.connect(lambda first, last, _roles: changed.append((first, last)))
    panel.apply_label(session.labels[0].name)
    panel.apply_label(session.labels[1].name)
    row = panel.tree.topLevelItem(1)
    assert row.data(0, ID_ROLE) == actor and row.text(1) == session.labels[1].name
    touched = {panel.tree.itemFromIndex(index) for pair in changed for index in pair}
    assert touched and all(item is row or item.parent() is row for item in touched)
