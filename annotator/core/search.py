"""Text prepared for the full-text index, and queries against it.

The index holds folded text (no tashkeel, tatweel or hamza/alef variants), and for every word that
starts with proclitics also the word without them, so a search for تركيا finds وتركيا and لتركيا.
"""

from __future__ import annotations

import re

from .fold import fold

_WORD = re.compile(r"\w+")
# On one distinct word per line: the longest proclitic chain (atomic: never a shorter one when the
# longest leaves less than two letters) and the rest of the word.
_CLITIC_WORDS = re.compile("^(?>((?:[وف])?(?:لل|[بك]?ال|[بلك])?))(\\w\\w+)$", re.MULTILINE)


def index_text(text: str, folded: str | None = None) -> str:
    """Folded `text`, with clitic-stripped variants of prefixed words appended.

    `folded` is `fold(text).text` when the caller already has it (it is not checked).
    """
    if folded is None:
        folded = fold(text).text
    words = "\n".join(set(_WORD.findall(folded)))
    extra = [rest for pre, rest in _CLITIC_WORDS.findall(words) if pre]
    if extra:
        return folded + "\n" + " ".join(sorted(extra))
    return folded


def fts_query(query: str, prefix: bool = True) -> str:
    """An FTS5 MATCH expression: every folded word of `query` must occur; with `prefix`, the last
    one as the start of a word (for search as you type).

    Returns '' when the query has no word characters.
    """
    words = _WORD.findall(fold(query).text)
    if not words:
        return ""
    parts = ['"' + w.replace('"', '""') + '"' for w in words]
    if prefix:
        parts[-1] += "*"
    return " ".join(parts)
