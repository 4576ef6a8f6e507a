"""Text prepared for the full-text index, and queries against it.

The index holds folded text (no tashkeel, tatweel or hamza/alef variants), and for every word that
starts with proclitics also the word without them, so a search for تركيا finds وتركيا and لتركيا.
"""

from __future__ import annotations

import re

from .fold import fold

_WORD = re.compile(r"\w+")
_CLITICS = re.compile("^(?:[وف])?(?:لل|[بك]?ال|[بلك])?")


def index_text(text: str) -> str:
    """Folded `text`, with clitic-stripped variants of prefixed words appended."""
    folded = fold(text).text
    extra = []
    for w in set(_WORD.findall(folded)):
        m = _CLITICS.match(w)
        if m and m.end() and len(w) - m.end() >= 2:
            extra.append(w[m.end():])
    if extra:
        return folded + "\n" + " ".join(sorted(extra))
    return folded


def fts_query(query: str) -> str:
    """An FTS5 MATCH expression: every folded word of `query` must occur (prefix match on the last).

    Returns '' when the query has no word characters.
    """
    words = _WORD.findall(fold(query).text)
    if not words:
        return ""
    parts = ['"' + w.replace('"', '""') + '"' for w in words]
    parts[-1] += "*"
    return " ".join(parts)
