"""The actors of the open article and the stances taken toward them.

One row per actor (mentioned in the article, holding or receiving a stance, or added from the
lexicon with the type-ahead field), showing the article's own stance toward it (holder AUTHOR), or
while the annotator has none, the model's open suggestion for it in italics ("AGAINST 0.72"; none
in blind mode; accepting it is the suggestion strip's, one actor at a time).
Under it, every stance toward that actor (the author's and quoted or reported ones: holder ->
target) with its evidence spans. Label buttons (and the label keys, 1/2/3 by default) set the
stance of the chosen holder toward the selected actor; the holder is the author unless another
actor was made holder.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.model import AUTHOR, Stance
from ..storage.suggestions import BLIND_SETTING
from .actor_search import ActorLineEdit, actor_label, color_swatch
from .article_state import ArticleState
from .commands import DeleteStanceCommand, RemoveEvidenceCommand, SetStanceCommand, UpdateStanceCommand
from .dialogs import FSI, PDI
from .session import AnnotationSession

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
SPAN_ROLE = Qt.ItemDataRole.UserRole + 3
SNIPPET_CHARS = 60


class StancePanel(QWidget):
    """Lists actors and stances of the current article and edits stances through the session."""

    focusChanged = Signal()  # the selected actor, stance or holder changed
    message = Signal(str)  # something to tell the user in the status bar
    evidenceActivated = Signal(int, int)  # an evidence row was activated: show this span

    def __init__(self, session: AnnotationSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("stancePanel")
        self._session = session
        self._state: ArticleState | None = None
        self._rebuilding = False
        self._swatches: dict[str, QIcon] = {}
        self._shape: list = []  # the tree's rows (actors, stances, evidence) as last built
        self._shown: list = []  # the plan (see _plan) the rows show
        self._items: dict[tuple[str, str], QTreeWidgetItem] = {}  # (kind, id) -> row

        self.actor_field = ActorLineEdit(session)
        self.actor_field.setPlaceholderText(self.tr("Add an actor from the lexicon…"))
        self.actor_field.actorChosen.connect(self._on_actor_added)

        self.holder_combo = QComboBox()
        self.holder_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.holder_combo.setMinimumContentsLength(16)  # not as wide as the longest actor name
        self.holder_combo.setObjectName("holderCombo")
        self.holder_combo.currentIndexChanged.connect(lambda _i: self._emit_focus())
        holder_row = QHBoxLayout()
        holder_row.addWidget(QLabel(self.tr("Holder:")))
        holder_row.addWidget(self.holder_combo, 1)

        self.tree = QTreeWidget()
        self.tree.setObjectName("stanceTree")
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels([self.tr("Actor / holder"), self.tr("Stance")])
        # A fixed width for the label column: sizing it to its contents would measure every row
        # on each change of a label. Wide enough for a suggestion ("AGAINST 0.72", in italics).
        metrics = self.tree.fontMetrics()
        label_width = max([metrics.horizontalAdvance(t) for t in ["—", *(f"{session.label_text(l.name)} 0.00"
                                                                         for l in session.labels)]])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().resizeSection(1, label_width + 2 * metrics.averageCharWidth())
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.currentItemChanged.connect(lambda *_: self._on_current_changed())
        self.tree.itemActivated.connect(self._on_item_activated)

        self.label_buttons: dict[str, QPushButton] = {}
        label_row = QHBoxLayout()
        for label in session.labels:
            button = QPushButton()
            # disabled (no actor selected, or a read-only project): grey, not the label's colour
            button.setStyleSheet(f"QPushButton {{ color: {label.color}; font-weight: bold; }}"
                                 " QPushButton:disabled { color: palette(mid); }")
            button.setToolTip(self.tr("Set the holder's stance toward the selected actor"))
            button.clicked.connect(lambda _checked=False, name=label.name: self.apply_label(name))
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            label_row.addWidget(button)
            self.label_buttons[label.name] = button

        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("stanceNote")
        self.note_edit.setPlaceholderText(self.tr("Note on the selected stance"))
        self.note_edit.editingFinished.connect(self._on_note_edited)

        # intensity and explicitness of the selected stance (issue 10: the export wrote -1 for
        # both because the window never set them)
        self.intensity_combo = QComboBox()
        self.intensity_combo.setObjectName("stanceIntensity")
        for text, value in ((self.tr("Intensity: not given"), None), (self.tr("1 weak"), 1),
                            (self.tr("2 moderate"), 2), (self.tr("3 strong"), 3)):
            self.intensity_combo.addItem(text, value)
        self.explicit_combo = QComboBox()
        self.explicit_combo.setObjectName("stanceExplicit")
        for text, value in ((self.tr("Explicit or implicit: not given"), None), (self.tr("explicit"), True),
                            (self.tr("implicit"), False)):
            self.explicit_combo.addItem(text, value)
        self.intensity_combo.activated.connect(
            lambda _i: self._update_stance(intensity=self.intensity_combo.currentData()))
        self.explicit_combo.activated.connect(
            lambda _i: self._update_stance(explicit=self.explicit_combo.currentData()))
        detail_row = QHBoxLayout()
        detail_row.addWidget(self.intensity_combo, 1)
        detail_row.addWidget(self.explicit_combo, 1)

        self.delete_button = QPushButton(self.tr("Delete stance or evidence"))
        self.delete_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.delete_button.clicked.connect(self.delete_selected)

        self._show_label_names()
        layout = QVBoxLayout(self)
        layout.addWidget(self.actor_field)
        layout.addLayout(holder_row)
        layout.addWidget(self.tree, 1)
        layout.addLayout(label_row)
        layout.addWidget(self.note_edit)
        layout.addLayout(detail_row)
        layout.addWidget(self.delete_button)

        session.articleOpened.connect(self._on_article_opened)
        session.annotationsChanged.connect(self._on_annotations_changed)
        self._update_controls()

    # ------------------------------------------------------------------ what is selected
    def _current(self) -> tuple[str, str] | None:
        item = self.tree.currentItem()
        return (item.data(0, KIND_ROLE), item.data(0, ID_ROLE)) if item else None

    def current_target(self) -> str | None:
        """The selected actor (a stance or evidence row selects the stance's target)."""
        stance = self._selected_stance()
        if stance is not None:
            return stance.target
        current = self._current()
        return current[1] if current and current[0] == "actor" else None

    def current_holder(self) -> str:
        """The holder label keys apply to: the selected stance's, else the holder chooser's."""
        stance = self._selected_stance()
        if stance is not None:
            return stance.holder
        return self.holder_combo.currentData() or AUTHOR

    def _selected_stance(self) -> Stance | None:
        item = self.tree.currentItem()
        if item is None or self._state is None:
            return None
        kind = item.data(0, KIND_ROLE)
        if kind == "evidence":
            item = item.parent()
        elif kind != "stance":
            return None
        return self._state.stance_by_id(item.data(0, ID_ROLE))

    def current_stance(self) -> Stance | None:
        """The stance evidence is added to: the selected one, or the holder's toward the selected actor."""
        stance = self._selected_stance()
        if stance is not None or self._state is None:
            return stance
        target = self.current_target()
        return self._state.stance(self.current_holder(), target) if target else None

    def focus_spans(self) -> list[tuple[int, int]]:
        """Code-point spans to outline in the article: the selected stance's evidence, else the
        selected actor's mentions."""
        if self._state is None:
            return []
        current = self._current()
        if current and current[0] == "evidence":
            item = self.tree.currentItem()
            return [tuple(item.data(0, SPAN_ROLE))]
        stance = self._selected_stance()
        if stance is not None:
            return [(s.start, s.end) for s in stance.evidence]
        target = self.current_target()
        return list(self._state.mention_spans().get(target, []))

    def selected_stance_id(self) -> str | None:
        stance = self._selected_stance()
        return stance.id if stance else None

    # ------------------------------------------------------------------ selecting
    def select_target(self, actor_id: str) -> None:
        item = self._find_item("actor", actor_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def select_stance(self, stance_id: str) -> None:
        item = self._find_item("stance", stance_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def select_relative_target(self, step: int) -> None:
        """Move the selection to the next (step 1) or previous (-1) actor."""
        count = self.tree.topLevelItemCount()
        if not count:
            return
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        row = self.tree.indexOfTopLevelItem(item) if item is not None else -1
        row = (row + step) % count if row >= 0 else (0 if step > 0 else count - 1)
        self.tree.setCurrentItem(self.tree.topLevelItem(row))

    def set_holder(self, actor_id: str) -> None:
        """Make `actor_id` (or AUTHOR) the holder of stances set from now on."""
        index = self.holder_combo.findData(actor_id)
        if index >= 0:
            self.holder_combo.setCurrentIndex(index)

    def make_selected_actor_holder(self) -> None:
        target = self.current_target()
        if target:
            self.set_holder(target)

    # ------------------------------------------------------------------ editing
    def apply_label(self, label: str) -> None:
        """Set the current holder's stance toward the selected actor to `label`."""
        state, target = self._state, self.current_target()
        if state is None or target is None:
            self.message.emit(self.tr("Select an actor first (click a mention or use [ and ])."))
            return
        holder = self.current_holder()
        existing = state.stance(holder, target)
        if existing is not None and existing.label == label:
            return
        self._session.perform(lambda: SetStanceCommand(self._session, state.article_id, holder, target, label))

    def delete_selected(self) -> None:
        """Delete the selected evidence span or stance (an actor row: forget a hand-added actor)."""
        current, state = self._current(), self._state
        if current is None or state is None:
            return
        kind, ident = current
        if kind == "evidence":
            start, end = self.tree.currentItem().data(0, SPAN_ROLE)
            stance_id = self.tree.currentItem().parent().data(0, ID_ROLE)
            for row in self._session.project.evidence_rows(stance_id):
                if (row["start"], row["end"]) == (start, end):
                    self._session.perform(lambda: RemoveEvidenceCommand(self._session, row["id"]))
                    return
        elif kind == "stance":
            self._session.perform(lambda: DeleteStanceCommand(self._session, ident))
        elif kind == "actor" and ident in state.extra_actors:
            state.remove_extra_actor(ident)
            self._rebuild(keep=None)

    def _on_note_edited(self) -> None:
        stance = self.current_stance()
        text = self.note_edit.text()
        if stance is None or stance.note == text:
            return
        self._session.perform(lambda: UpdateStanceCommand(self._session, stance.id, note=text))

    def _update_stance(self, **fields) -> None:
        stance = self.current_stance()
        if stance is None:
            return
        if all(getattr(stance, k) == v for k, v in fields.items()):
            return
        self._session.perform(lambda: UpdateStanceCommand(self._session, stance.id, **fields))

    def _on_actor_added(self, actor_id: str) -> None:
        self._session.add_actor_to_article(actor_id)
        self.select_target(actor_id)

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.data(0, KIND_ROLE) == "evidence":
            start, end = item.data(0, SPAN_ROLE)
            self.evidenceActivated.emit(start, end)

    # ------------------------------------------------------------------ showing
    def _show_label_names(self) -> None:
        """The label buttons in the interface language's display names (issue 10)."""
        for label in self._session.labels:
            name = self._session.label_text(label.name)
            text = f"{name} ({label.key})" if label.key else name
            if self.label_buttons[label.name].text() != text:
                self.label_buttons[label.name].setText(text)

    def _on_article_opened(self, state: ArticleState) -> None:
        self._show_label_names()  # an article is (re)opened also after a refresh of the project
        self._state = state
        self._rebuild(keep=None, opened=True)

    def _on_annotations_changed(self, state: ArticleState, _tables: frozenset[str]) -> None:
        self._state = state
        self._rebuild(keep=self._current())

    def _rebuild(self, keep: tuple[str, str] | None, *, opened: bool = False) -> None:
        """Refill the holder chooser and the tree, selecting the row `keep` (kind, id) again, or
        for a newly `opened` article the author as holder and the first actor.

        When only texts changed (a label, a note, a mention count) the rows that show them are
        updated in place, which keeps the tree's scroll position and costs far less than building
        it again. The controls follow the selection once, at the end.
        """
        state = self._state
        actor_ids = state.actor_ids() if state is not None else []
        plan = self._plan(state, actor_ids) if state is not None else []
        shape = [(actor_id, [(st.id, [(sp.start, sp.end) for sp in st.evidence]) for st in stances])
                 for actor_id, _count, stances, _suggestion in plan]
        self._rebuilding = True
        try:
            self._fill_holders(actor_ids)
            if opened:
                self.holder_combo.setCurrentIndex(0)
            if shape == self._shape and keep is not None:
                self._update_items(plan)
            else:
                self.tree.clear()
                self._fill_tree(state, plan)
                self._shape = shape
            self._shown = plan
            item = self._find_item(*keep) if keep else self.tree.topLevelItem(0) if opened else None
            if item is not None:
                self.tree.setCurrentItem(item)
        finally:
            self._rebuilding = False
        self._on_current_changed()

    def _swatch(self, color: str) -> QIcon:
        if color not in self._swatches:
            self._swatches[color] = color_swatch(color)
        return self._swatches[color]

    def _fill_holders(self, article_actors: list[str]) -> None:
        actor_ids = [AUTHOR, *article_actors]
        combo = self.holder_combo
        if [combo.itemData(i) for i in range(combo.count())] == actor_ids:
            return
        holder = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(self.tr("Author (the article's own voice)"), AUTHOR)
        for actor_id in actor_ids[1:]:
            actor = self._session.actor(actor_id)
            combo.addItem(self._swatch(actor.color), actor_label(actor), actor_id)
        combo.setCurrentIndex(max(0, combo.findData(holder)))
        combo.blockSignals(False)

    def refresh_suggestions(self) -> None:
        """Show the suggestions again (a new model, blind mode switched)."""
        if self._state is not None:
            self._rebuild(keep=self._current())

    def _suggested(self, state: ArticleState) -> dict[str, tuple[str, float]]:
        """target -> (label, probability) of the open suggestions in the article's own voice for the
        items the annotator has not labelled; none in blind mode. A probability a prepared project
        file holds that is no number shows as 0."""
        project = self._session.project
        if project.setting(BLIND_SETTING, False):
            return {}
        mine = {s.target for s in state.stances if s.holder == AUTHOR and s.annotator == self._session.annotator}
        out = {}
        for sug in project.suggestions.for_article(state.article_id, status="open"):
            if sug["holder"] == AUTHOR and sug["target"] not in mine:
                p = sug["probabilities"].get(sug["label"], 0)
                out[sug["target"]] = (sug["label"], float(p) if isinstance(p, (int, float)) and not isinstance(p, bool)
                                      else 0.0)
        return out

    def _plan(self, state: ArticleState, actor_ids: list[str]) -> list[tuple]:
        """(actor id, mention count, stances toward the actor, the author's first, the suggestion
        (label, probability) or None) per tree row."""
        mention_counts = state.mention_counts()
        by_target: dict[str, list[Stance]] = {}
        for stance in state.stances:
            by_target.setdefault(stance.target, []).append(stance)
        author_first = lambda s: s.holder != AUTHOR  # noqa: E731
        suggested = self._suggested(state)
        return [
            (actor_id, mention_counts.get(actor_id, 0), sorted(by_target.get(actor_id, []), key=author_first),
             suggested.get(actor_id))
            for actor_id in actor_ids
        ]

    def _fill_tree(self, state: ArticleState, plan: list[tuple]) -> None:
        self._items = {}
        items = []
        for actor_id, count, stances, suggestion in plan:
            item = QTreeWidgetItem(["", ""])
            item.setIcon(0, self._swatch(self._session.actor(actor_id).color))
            item.setData(0, KIND_ROLE, "actor")
            item.setData(0, ID_ROLE, actor_id)
            self._items[("actor", actor_id)] = item
            self._show_actor(item, actor_id, count, stances, suggestion)
            for stance in stances:
                item.addChild(self._stance_item(state, stance))
            items.append(item)
        self.tree.addTopLevelItems(items)
        self.tree.expandAll()

    def _update_items(self, plan: list[tuple]) -> None:
        """Show `plan` in the rows built for the same shape, leaving the actors whose count,
        stances and suggestion did not change alone."""
        for row, (actor_id, count, stances, suggestion) in enumerate(plan):
            if (actor_id, count, stances, suggestion) == self._shown[row]:
                continue
            item = self.tree.topLevelItem(row)
            self._show_actor(item, actor_id, count, stances, suggestion)
            for i, stance in enumerate(stances):
                self._show_stance(item.child(i), stance)

    def _show_actor(self, item: QTreeWidgetItem, actor_id: str, count: int, stances: list[Stance],
                    suggestion: tuple[str, float] | None) -> None:
        author = next((s for s in stances if s.holder == AUTHOR), None)
        text = f"{actor_label(self._session.actor(actor_id))}  ({count})"
        suggested = author is None and suggestion is not None
        font = item.font(1)
        if font.italic() != suggested:  # the suggestion in italics, a stance upright
            font.setItalic(suggested)
            item.setFont(1, font)
        if not suggested:
            item.setToolTip(1, "")
            self._set_texts(item, text, self._session.label_text(author.label) if author else "—", author)
            return
        label, probability = suggestion
        self._set_texts(item, text, f"{self._session.label_text(label)} {probability:.2f}", None)
        item.setForeground(1, self.palette().placeholderText().color())
        item.setToolTip(1, self.tr("Suggested by the model, not a stance yet: select the actor and press "
                                   "Ctrl+Shift+A to accept it or Ctrl+Shift+R to reject it"))

    def _show_stance(self, item: QTreeWidgetItem, stance: Stance) -> None:
        holder = self.tr("Author") if stance.holder == AUTHOR else actor_label(self._session.actor(stance.holder))
        # the arrow points from the holder to the target in the reading direction; each name is
        # isolated so a Latin code or name inside Arabic does not reorder the row
        arrow = "←" if self.layoutDirection() == Qt.LayoutDirection.RightToLeft else "→"
        text = f"{FSI}{holder}{PDI} {arrow} {FSI}{self._session.actor(stance.target).name_ar}{PDI}"
        if stance.note:
            text += f"  ✎ {FSI}{stance.note}{PDI}"
        self._set_texts(item, text, self._session.label_text(stance.label), stance)

    def _stance_item(self, state: ArticleState, stance: Stance) -> QTreeWidgetItem:
        item = QTreeWidgetItem(["", ""])
        item.setData(0, KIND_ROLE, "stance")
        item.setData(0, ID_ROLE, stance.id)
        self._items[("stance", stance.id)] = item
        self._show_stance(item, stance)
        for span in stance.evidence:
            snippet = state.text[span.start:span.end].replace("\n", " ")
            if len(snippet) > SNIPPET_CHARS:
                snippet = snippet[:SNIPPET_CHARS] + "…"
            child = QTreeWidgetItem([f"«{snippet}»", ""])
            child.setData(0, KIND_ROLE, "evidence")
            child.setData(0, ID_ROLE, f"{stance.id}:{span.start}:{span.end}")
            self._items[("evidence", child.data(0, ID_ROLE))] = child
            child.setData(0, SPAN_ROLE, (span.start, span.end))
            item.addChild(child)
        return item

    def _set_texts(self, item: QTreeWidgetItem, text: str, label_text: str, stance: Stance | None) -> None:
        """Show a row's texts, the label in its colour; unchanged texts are left alone (each change
        costs a repaint of the row)."""
        if item.text(0) != text:
            item.setText(0, text)
        if item.text(1) != label_text:
            item.setText(1, label_text)
            label = self._session.label(stance.label) if stance else None
            item.setForeground(1, QColor(label.color) if label is not None else self.palette().text().color())

    def _find_item(self, kind: str, ident: str) -> QTreeWidgetItem | None:
        return self._items.get((kind, ident))

    def _on_current_changed(self) -> None:
        self._emit_focus()

    def _update_controls(self) -> None:
        stance = self.current_stance()
        editable = not self._session.read_only
        self.note_edit.setEnabled(stance is not None and editable)
        note = stance.note if stance else ""
        if self.note_edit.text() != note:  # setting the same text again would repaint the field
            self.note_edit.setText(note)
        for combo, value in ((self.intensity_combo, stance.intensity if stance else None),
                             (self.explicit_combo, stance.explicit if stance else None)):
            combo.setEnabled(stance is not None)
            index = max(0, combo.findData(value))
            if combo.currentIndex() != index:
                combo.setCurrentIndex(index)
        current = self._current()
        self.delete_button.setEnabled(editable and current is not None and current[0] in ("stance", "evidence"))
        has_target = editable and self.current_target() is not None
        for button in self.label_buttons.values():
            button.setEnabled(has_target)

    def _emit_focus(self) -> None:
        if not self._rebuilding:
            self._update_controls()
            self.focusChanged.emit()
