"""Article text that looks like HTML is shown literally with nothing fetched; bidi embedding,
override and isolate controls are shown as visible symbols that reorder nothing, at unchanged offsets."""

from __future__ import annotations

import socket
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QPlainTextDocumentLayout, QToolTip

from annotator.core.offsets import Utf16Map
from annotator.ingest import import_paths
from annotator.storage.project import Project
from annotator.ui.article_state import ArticleState
from annotator.ui.article_view import ArticleView
from annotator.ui.highlights import HighlightLayers
from annotator.ui.visible_text import CONTROLS, control_at, visible_text


class RecordingDocument(QTextDocument):
    """A document that records every resource (image, stylesheet) Qt asks it to load."""

    def __init__(self):
        super().__init__()
        self.setDocumentLayout(QPlainTextDocumentLayout(self))
        self.requested: list[str] = []

    def loadResource(self, kind, url):  # noqa: N802 (Qt API)
        self.requested.append(url.toString())
        return super().loadResource(kind, url)


def _imported_view(qtbot, tmp_path: Path, text: str, document: QTextDocument | None = None
                   ) -> tuple[ArticleView, ArticleState]:
    """`text` imported from a .txt file into a real project and shown in a real ArticleView."""
    f = tmp_path / "article.txt"
    f.write_text(text, encoding="utf-8")
    with Project.create(tmp_path / "p.annotator") as project:
        (aid,) = import_paths(project, [f]).article_ids
        stored = project.article_text(aid)
        state = ArticleState(aid, "", "", "", stored, Utf16Map(stored), "tester", project.segments(aid), [], [], {})
    view = ArticleView()
    qtbot.addWidget(view)
    if document is not None:
        view.setDocument(document)
    view.resize(700, 300)
    view.show()
    view.show_article(state, HighlightLayers())
    qtbot.waitExposed(view)
    view.grab()  # lay out and paint everything
    QApplication.processEvents()
    return view, state


def _no_images(doc: QTextDocument) -> bool:
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isImageFormat():
                return False
            it += 1
        block = block.next()
    return True


def test_html_looking_text_is_shown_literally_and_nothing_is_fetched(qtbot, tmp_path):
    server = socket.create_server(("127.0.0.1", 0))
    server.setblocking(False)
    port = server.getsockname()[1]
    html = (f"قال المتحدث <script>alert('x')</script> و<img src=\"http://127.0.0.1:{port}/x.png\"> "
            f"و<iframe src=\"http://127.0.0.1:{port}/frame\"></iframe> "
            f"<link rel=stylesheet href=http://127.0.0.1:{port}/s.css><b>عريض</b> انتهى")
    doc = RecordingDocument()
    view, state = _imported_view(qtbot, tmp_path, html, doc)
    assert state.text == html  # stored as it came
    assert view.toPlainText() == html  # shown character for character: tags are text
    assert doc.requested == []
    assert _no_images(doc)
    try:
        conn, _ = server.accept()
    except BlockingIOError:
        conn = None
    finally:
        server.close()
    assert conn is None  # nobody connected to the address in the text


def test_bidi_controls_are_visible_and_reorder_nothing(qtbot, tmp_path):
    text = "قال المتحدث إن \u202eABC\u202c و\u2067DEF\u2069 ثم \u202dXYZ\u202c انتهى"
    view, state = _imported_view(qtbot, tmp_path, text)
    shown = view.toPlainText()
    assert state.text == text  # the stored text keeps its controls
    assert shown == visible_text(text)
    assert not any(c in shown for c in CONTROLS)
    assert [shown[text.index(c)] for c in "\u202e\u202c\u2067\u2069"] == ["\u25c0", "\u25c7", "\u25c3", "\u25c6"]
    assert len(shown.encode("utf-16-le")) == len(text.encode("utf-16-le"))
    # offsets stay exact: selecting code points of "ABC" selects exactly "ABC" in the view
    start = text.index("ABC")
    view.select_span(start, start + 3)
    assert view.textCursor().selectedText() == "ABC"
    assert view.selected_span() == (start, start + 3)
    # "ABC" is laid out left to right as written (an active RLO would show "CBA"); the Arabic
    # paragraph reads right to left: its first word is right of its last
    layout = view.document().firstBlock().layout()
    line = layout.lineForTextPosition(start)
    between_ab, between_bc = line.cursorToX(start + 1)[0], line.cursorToX(start + 2)[0]
    assert between_ab < between_bc
    assert line.cursorToX(0)[0] > line.cursorToX(len(text) - 1)[0]
    view.grab().save(str(tmp_path / "bidi.png"))  # for a look: the symbols, Arabic right to left
    assert (tmp_path / "bidi.png").stat().st_size > 0


def test_hovering_a_symbol_tells_which_control_it_stands_for(qtbot, tmp_path):
    text = "قال \u202eتركيا\u202c انتهى"
    view, state = _imported_view(qtbot, tmp_path, text)
    pos = text.index("\u202e")
    rect = view.cursorRect(_cursor_at(view, pos + 1))
    point = QPoint(rect.center().x(), rect.center().y())
    event = QHelpEvent(QEvent.Type.ToolTip, point, view.viewport().mapToGlobal(point))
    QApplication.sendEvent(view.viewport(), event)
    assert "RIGHT-TO-LEFT OVERRIDE (U+202E)" in QToolTip.text() or "POP DIRECTIONAL" in QToolTip.text()
    assert control_at(text, pos).startswith("\u25c0 stands for an invisible RIGHT-TO-LEFT OVERRIDE (U+202E)")
    assert control_at(text, 0) == ""


def _cursor_at(view: ArticleView, pos: int):
    cursor = view.textCursor()
    cursor.setPosition(view.state.utf16.to_utf16(pos))
    return cursor


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from([*CONTROLS, "\u200e", "\u200f", "\u061c", "a", "ق", "😀", "\n", " "]) | st.characters(),
               max_size=40))
def test_the_substitution_keeps_every_offset(text):
    shown = visible_text(text)
    assert len(shown) == len(text)
    assert Utf16Map(shown).to_utf16(len(shown)) == Utf16Map(text).to_utf16(len(text))
    for a, b in zip(text, shown):
        assert b == (CONTROLS[a][0] if a in CONTROLS else a)  # LRM, RLM, ALM and all else unchanged
