"""Project content in Qt widgets as plain text: tooltips that never render HTML, guidelines that load nothing.

Titles, notes, actor and annotator names and guidelines come from files anyone may have prepared.
Qt guesses whether a tooltip (or an auto-format label) is rich text, and rich text loads what it
names: `<img src="/tmp/x.png">` shows a local file, `<img src="/dev/zero">` ends the program with
bad_alloc, an image or stylesheet at a FIFO hangs it. So every tooltip (or message box) with content goes
through `literal_rich_text`, every label showing content is `Qt.PlainText`, and the guidelines are
shown by `GuidelinesView`, whose document never loads a resource.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices, QImage, QTextCharFormat, QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QTextBrowser, QWidget

LITERAL_START = "<p style='white-space:pre-wrap'>"
LITERAL_END = "</p>"
EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto"})
MARKDOWN = QTextDocument.MarkdownFeature(
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub.value | QTextDocument.MarkdownFeature.MarkdownNoHTML.value)


def literal_rich_text(text: str) -> str:
    """Rich text that shows `text` literally, line breaks kept ("" stays "": no tooltip).

    For tooltips and every other place where Qt guesses whether a string is rich text (message
    boxes made by QMessageBox's static functions). The text is HTML-escaped inside a paragraph: Qt
    takes the result as rich text, so it never guesses, and the escaped text has no tag to load or run.
    """
    return LITERAL_START + html.escape(text) + LITERAL_END if text else ""


class InertDocument(QTextDocument):
    """A text document that loads no resource: no file, device, FIFO or network address is opened.

    An image gets a transparent 1x1 pixel: answering nothing would make Qt's image handler read the
    image's name as a file path itself. A stylesheet or anything else gets nothing.
    """

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 (Qt API)
        if kind == QTextDocument.ResourceType.ImageResource.value:
            image = QImage(1, 1, QImage.Format.Format_ARGB32)
            image.fill(0)
            return image
        return ""


class GuidelinesView(QTextBrowser):
    """The project's Markdown guidelines, read-only, with nothing fetched and only web links opened.

    Raw HTML in the Markdown is shown as text; an image is shown as its description in brackets
    (nothing is read, see `InertDocument`); a link title becomes a plain tooltip. Clicking a link
    opens http(s) and mailto addresses in the desktop's handler and ignores every other kind (a
    `file:` link would run whatever the desktop opens it with); the view never navigates itself.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setDocument(InertDocument(self))
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._open_link)

    def setMarkdown(self, markdown: str) -> None:  # noqa: N802 (Qt API)
        self.document().setMarkdown(markdown, MARKDOWN)
        _defuse(self.document())

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 (Qt API)
        return self.document().loadResource(kind, url)

    @staticmethod
    def _open_link(url: QUrl) -> None:
        if url.scheme().lower() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)


def _defuse(document: QTextDocument) -> None:
    """Replace every image of `document` by its description as text, and make its tooltips plain."""
    images: list[tuple[int, int, str]] = []
    tooltips: list[tuple[int, int, str]] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                image = fmt.toImageFormat()
                alt = image.stringProperty(QTextFormat.Property.ImageAltText) or image.name()
                images.append((fragment.position(), fragment.length(), f"[{alt}]"))
            elif fmt.toolTip():
                tooltips.append((fragment.position(), fragment.length(), literal_rich_text(fmt.toolTip())))
            it += 1
        block = block.next()
    cursor = QTextCursor(document)
    for position, length, tip in tooltips:
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        plain = QTextCharFormat()
        plain.setToolTip(tip)
        cursor.mergeCharFormat(plain)
    for position, length, text in reversed(images):  # from the end, so earlier positions hold
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text, QTextCharFormat())
