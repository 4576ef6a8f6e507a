"""Main text of an HTML page as plain lines, with scripts, styles and page furniture dropped.

Built on the standard library's HTMLParser: nothing is fetched (no images, frames or scripts are
loaded) and nothing is executed. Block elements become line breaks; the <title> (or the first <h1>)
becomes the title.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_DROP = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "head",
         "nav", "header", "footer", "aside", "form", "button", "select", "math"}
_BLOCK = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "tr",
          "table", "blockquote", "pre", "figcaption", "dd", "dt", "hr", "main", "figure"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "source", "area", "base", "col", "wbr", "track", "param",
         "embed", "keygen"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag within its first 4 KiB, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii").lower() if m else None


class _Extractor(HTMLParser):
    def parse_marked_section(self, i, report=1):
        """`<![...` that is no known marked section (`<![C`, `<![{CDATA[`) is skipped up to the next
        `>` like a bogus comment: the standard library raises AssertionError on it, which ended the
        read of the whole file."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            j = self.rawdata.find(">", i + 3)
            return -1 if j < 0 else j + 1

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title = ""
        self.h1 = ""
        self.in_h1 = False

    def _flush(self) -> None:
        line = re.sub(r"[ \t\r\n\f\v]+", " ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self.in_title = True
        if tag == "body":  # a <head> (or anything dropped) left open ends where the body starts
            self.skip = 0
            self.in_title = False
        if tag in _DROP:
            if tag not in _VOID:
                self.skip += 1
            return
        if tag in _BLOCK:
            self._flush()
        if tag == "h1":
            self.in_h1 = True

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self._flush()

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in _DROP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in _BLOCK:
            self._flush()
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
            return
        if self.skip:
            return
        if self.in_h1:
            self.h1 += data
        self.current.append(data)


def extract_text(html: str) -> tuple[str, str]:
    """Return (title, text) of an HTML document; text lines are separated by blank lines."""
    p = _Extractor()
    p.feed(html)
    if p.rawdata.startswith("<"):  # a tag or comment cut off by the end of a truncated page: not text
        p.rawdata = ""
    p.close()
    p._flush()
    title = re.sub(r"\s+", " ", p.title or p.h1).strip()
    return title, "\n\n".join(p.lines)
