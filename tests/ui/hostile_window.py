"""A project whose titles, notes, actor names, annotator names, guidelines and presence record are
hostile markup, the real main window on it with every dialog open, and a walk over all its widgets
that collects whatever Qt would render as rich text.

Run as a script (`python hostile_window.py PROJECT ANNOTATOR PNG`), it opens the window and the
dialogs, shows every tooltip and grabs every widget and the guidelines, then saves the window as
PNG and prints "ok": a test runs it in a child process with a timeout, because rendering
`<img src="/dev/zero">` ends the process with bad_alloc and an image at a FIFO hangs it.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QLabel, QTextEdit, QToolTip, QWidget

from annotator.core.boilerplate import detect_segments
from annotator.core.model import Actor, Alias
from annotator.core.text import canonicalize
from annotator.storage.project import ArticleRecord, Project

TEXT = "قال المتحدث إن تركيا ترفض أي دور للوحدات في عملية الرقة."


def hostile(src: str) -> str:
    """Markup that loads `src` if rendered as rich text, and bold text that shows if it is."""
    return f'<img src="{src}"><b>x</b><a href="file:///etc/passwd">l</a>'


def build_hostile_project(path: Path, markup: str, image: str, annotator: str) -> str:
    """A project where every kind of content a person or file may supply is `markup`; the article id."""
    text = canonicalize(TEXT)
    with Project.create(path) as p:
        with p.db.atomic():
            aid = p.add_article(ArticleRecord(text=text, raw=text.encode(), encoding="utf-8", title=f"عنوان {markup}",
                                              source=f"src {markup}", published=markup), detect_segments(text))
        p.upsert_actor(Actor("TUR", f"تركيا {markup}", f"Turkey {markup}", "state", "#c62828", [Alias("تركيا")]))
        p.upsert_actor(Actor(f"X{markup}", f"ممثل {markup}", markup, "other", markup, [Alias("الوحدات")]))
        p.set_setting("guidelines", f"# Guidelines {markup}\n\n![an image]({image}) {markup}\n\n"
                                    f'<img src="{image}">\n\n[a link](file:///etc/passwd "{markup}")\n')
        p.suggest()
        for name, label in ((annotator, "FAVOR"), (f"mona{markup}", "AGAINST")):
            p.set_stance(aid, "AUTHOR", "TUR", label, name, note=f"note {markup}")
            p.set_stance(aid, "TUR", f"X{markup}", label, name, note=f"note {markup}")
            p.set_status(aid, name, "done")
        p.set_gold(aid, "TUR", f"X{markup}", "NONE", f"gold{markup}")
    holder = {"id": "far", "pid": 1, "host": f"host{markup}", "started": "", "program": "gui",
              "annotator": f"omar{markup}", "since": "2026-01-01T00:00:00Z"}
    Path(f"{path}.open").write_text(json.dumps({"holders": [holder]}), encoding="utf-8")
    return aid


def open_everything(window) -> None:
    """The actor picker, the adjudication, the skip prompt and the shortcut sheet over `window`,
    the guidelines tab raised, the stance tree expanded and its first stance selected."""
    from annotator.ui.actor_search import ActorPickerDialog
    from annotator.ui.stance_panel import KIND_ROLE

    actions = window.annotation_actions
    window.show()
    window.guidelines_dock.raise_()
    QApplication.processEvents()
    window.stance_dock.raise_()
    window.show_presence()
    tree = window.stance_panel.tree
    tree.expandAll()
    tree.setCurrentItem(next(i for i in _tree_items(tree) if i.data(0, KIND_ROLE) == "stance"))
    actions.adjudicate()
    actions.skip_article()
    actions._open_dialog(ActorPickerDialog(window.session, window.session.state.text[:20], title="actor",
                                           parent=window))
    actions.show_shortcuts()
    QApplication.processEvents()


def _tree_items(tree):
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.child(i) for i in range(item.childCount()))


def is_literal_rich_text(tip: str) -> bool:
    """Whether `tip` shows as written: Qt does not take it for rich text, or `literal_rich_text` made it."""
    from annotator.ui.plain import LITERAL_END, LITERAL_START, literal_rich_text

    if not QtGui.Qt.mightBeRichText(tip):
        return True
    if not (tip.startswith(LITERAL_START) and tip.endswith(LITERAL_END)):
        return False
    return literal_rich_text(html.unescape(tip[len(LITERAL_START):-len(LITERAL_END)])) == tip


def _model_tooltips(model, parent=QModelIndex(), limit: int = 2000):
    try:
        columns = model.columnCount(parent)
    except TypeError:  # a list model keeps it private: one column
        columns = 1
    for row in range(min(model.rowCount(parent), limit)):
        for column in range(columns):
            index = model.index(row, column, parent)
            tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
            if tip:
                yield tip
            if column == 0 and model.rowCount(index) > 0:
                yield from _model_tooltips(model, index, limit)


def rich_texts(widgets: list[QWidget]) -> tuple[list[str], list[str], list[str]]:
    """(what Qt would render as rich text, every text and tooltip seen, the tooltips) in `widgets`: labels not in
    plain text format whose text looks like markup, tooltips of widgets, item views and combo boxes
    not made by `literal_rich_text`, and images in text documents."""
    bad, seen, tooltips = [], [], []
    for w in widgets:
        name = f"{type(w).__name__}#{w.objectName()}"
        tips = [w.toolTip()]
        if isinstance(w, QLabel):
            seen.append(w.text())
            if w.textFormat() != Qt.TextFormat.PlainText and QtGui.Qt.mightBeRichText(w.text()):
                bad.append(f"{name} label: {w.text()!r}")
        if isinstance(w, (QAbstractItemView, QComboBox)) and w.model() is not None:
            tips += list(_model_tooltips(w.model()))
        if isinstance(w, QTextEdit):
            seen.append(w.toPlainText())
            bad += [f"{name} document: {problem}" for problem in document_problems(w.document())]
        for tip in tips:
            if tip:
                seen.append(tip)
                tooltips.append(tip)
                if not is_literal_rich_text(tip):
                    bad.append(f"{name} tooltip: {tip!r}")
    return bad, seen, tooltips


def document_problems(doc: QTextDocument) -> list[str]:
    """Images and tooltips in `doc` that would load something or render markup."""
    problems = []
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                problems.append(f"image {fmt.toImageFormat().name()!r}")
            if fmt.toolTip() and not is_literal_rich_text(fmt.toolTip()):
                problems.append(f"tooltip {fmt.toolTip()!r}")
            it += 1
        block = block.next()
    return problems


def _show_everything(window) -> None:
    """Show every tooltip found and grab every widget, as hovering and looking would."""
    _bad, _seen, tooltips = rich_texts(QApplication.allWidgets())
    for text in tooltips:
        QToolTip.showText(window.mapToGlobal(window.rect().center()), text, window)
        QApplication.processEvents()
        QToolTip.hideText()
    for w in QApplication.allWidgets():
        if w.isVisible():
            w.grab()
    window.guidelines_dock.raise_()
    window.guidelines.grab()
    QApplication.processEvents()


def main(project: str, annotator: str, png: str) -> int:
    from annotator.ui.app import build_main_window
    from annotator.ui.settings import AppSettings

    settings = AppSettings.at(Path(png).with_suffix(".ini"))
    window = build_main_window(project, settings, annotator=annotator, record_time=False)
    assert window is not None
    window.resize(1500, 900)
    open_everything(window)
    _show_everything(window)
    window.stance_dock.raise_()
    QApplication.processEvents()
    window.grab().save(png)
    print("ok", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
