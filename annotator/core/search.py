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
    """Folded `text`, with the clitic-stripped forms of prefixed words appended (each once, and only
    those the text does not contain bare).

    `folded` is `fold(text).text` when the caller already has it (it is not checked).
    """
    if folded is None:
        folded = fold(text).text
    distinct = set(_WORD.findall(folded))
    # each bare form once, and only when the text lacks it as a word of its own: the index answers
    # whether an article has a word, so a second copy would only grow it
    extra = {rest for pre, rest in _CLITIC_WORDS.findall("\n".join(distinct)) if pre} - distinct
    if extra:
        return folded + "\n" + " ".join(sorted(extra))
    return folded


# A query word is also looked up without its proclitics only when at least this many letters remain:
# كان or بين would otherwise also find every ان and ين.
QUERY_STEM_MIN = 3


def query_stems(word: str) -> list[str]:
    """The forms a folded query word is looked up as: the word, and the word without its proclitic
    chain (the same longest chain `index_text` strips) when `QUERY_STEM_MIN` letters remain.

    The index holds every prefixed word also without its proclitics, so the bare form finds the
    bare word and all its cliticised forms: وتركيا finds تركيا, بتركيا and وتركيا.
    """
    m = _CLITIC_WORDS.match(word)
    if m and m.group(1) and len(m.group(2)) >= QUERY_STEM_MIN:
        return [word, m.group(2)]
    return [word]


def fts_query(query: str, prefix: bool = True) -> str:
    """An FTS5 MATCH expression: every folded word of `query` must occur, as it is or (clitic-aware)
    without its proclitics; with `prefix`, the last one as the start of a word (for search as you type).

    Returns '' when the query has no word characters.
    """
    words = _WORD.findall(fold(query).text)
    if not words:
        return ""
    parts = []
    for i, w in enumerate(words):
        star = "*" if prefix and i == len(words) - 1 else ""
        forms = ['"' + f.replace('"', '""') + '"' + star for f in query_stems(w)]
        parts.append(forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")")
    return " AND ".join(parts)
