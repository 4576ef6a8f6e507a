"""Test kit for the GUI tests: small real projects, and driving the real widgets like a user
(mouse drags and keys on the article view)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.boilerplate import detect_segments
from annotator.core.model import Actor, Alias
from annotator.core.text import canonicalize
from annotator.resources import resource
from annotator.storage.project import ArticleRecord, Project
from annotator.ui.actor_search import ActorPickerDialog
from annotator.ui.article_view import ArticleView

# The first body line has emoji before the names, so code points and UTF-16 positions differ there.
EMOJI_ARTICLE = (
    "عاجل\n"
    "تركيا تحذر من عملية الرقة\n"
    "قال وزير الخارجية 😀 إن تركيا لن تقبل أي دور لوحدات حماية الشعب الكردية في عملية الرقة.\n"
    "وأضاف أن واشنطن 😀😀 تدعم قوات سوريا الديمقراطية رغم اعتراض أنقرة على ذلك الدعم.\n"
    "وقالت YPG في بيان عام 2016 إنها ستواصل القتال ضد تنظيم الدولة الإسلامية في سوريا.\n"
    "المصدر: وكالات"
)

ACTORS = [
    Actor("TUR", "تركيا", "Turkey", "state", "#c62828", [Alias("تركيا"), Alias("أنقرة")]),
    Actor("USA", "الولايات المتحدة", "United States", "state", "#1565c0", [Alias("الولايات المتحدة"), Alias("واشنطن")]),
    Actor("YPG", "وحدات حماية الشعب", "YPG", "armed group", "#f9a825", [Alias("وحدات حماية الشعب الكردية"), Alias("YPG")]),
    Actor("SDF", "قوات سوريا الديمقراطية", "SDF", "armed group", "#6a1b9a", [Alias("قوات سوريا الديمقراطية")]),
    Actor("ISIS", "تنظيم الدولة الإسلامية", "Islamic State", "armed group", "#212121", [Alias("تنظيم الدولة الإسلامية")]),
    Actor("CARTER", "آشتون كارتر", "Ashton Carter", "person", "#00897b", [Alias("آشتون كارتر"), Alias("كارتر")]),
]


def add_article(project: Project, text: str, title: str, source: str = "test") -> str:
    text = canonicalize(text)
    with project.db.atomic():
        return project.add_article(
            ArticleRecord(text=text, raw=text.encode("utf-8"), encoding="utf-8", title=title, source=source),
            detect_segments(text),
        )


def build_project(path: Path) -> Path:
    """A project with the emoji article first, then the two bundled sample articles, and suggestions."""
    project = Project.create(path)
    try:
        for actor in ACTORS:
            project.upsert_actor(actor)
        project.set_setting("guidelines", "# Guidelines\n\nMark the **stance** of each holder.")
        add_article(project, EMOJI_ARTICLE, "تركيا تحذر من عملية الرقة")
        for sample in sorted(resource("samples").glob("*.txt")):
            text = sample.read_text(encoding="utf-8")
            add_article(project, text, canonicalize(text).splitlines()[0], "samples")
        project.suggest()
    finally:
        project.close()
    return path


def caret_point(view: ArticleView, pos: int) -> QPoint:
    """Viewport point of the caret before code point `pos` (scrolled into view first)."""
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.state.utf16.to_utf16(pos))
    view.setTextCursor(cursor)
    view.ensureCursorVisible()
    QApplication.processEvents()
    return view.cursorRect(cursor).center()


def drag_select(qtbot, view: ArticleView, start: int, end: int) -> None:
    """Press at code point `start`, drag to `end`, release (as a user selecting with the mouse)."""
    a = caret_point(view, start)
    b = caret_point(view, end)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    qtbot.mouseMove(viewport, QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    qtbot.mouseMove(viewport, b)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)


def click_at(qtbot, view: ArticleView, pos: int) -> None:
    point = caret_point(view, pos)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def visible_selection(view: ArticleView) -> str:
    """The selected text as the user sees it, in code points (never U+2029)."""
    span = view.selected_span()
    return view.state.text[span[0]:span[1]] if span else ""


def key(qtbot, widget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(widget, key, modifiers)
    QApplication.processEvents()


def type_text(widget, text: str) -> None:
    """Type `text` (any script: QTest.keyClicks only knows ASCII keys) into `widget`."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch))
    QApplication.processEvents()


def pick_actor(qtbot, window, query: str) -> None:
    """Type `query` into the open actor picker and press Enter."""
    dialog = window.findChild(ActorPickerDialog)
    assert dialog is not None and dialog.isVisible(), "the actor picker did not open"
    type_text(dialog.filter_edit, query)
    QTest.keyClick(dialog.filter_edit, Qt.Key.Key_Return)
    QApplication.processEvents()


def find_span(text: str, needle: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)
