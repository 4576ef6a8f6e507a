"""Text prepared for the full-text index, and queries against it.

The index holds the folded text (no tashkeel, tatweel or hamza/alef variants) and nothing else, split
into words before it is stored (`index_form`: the index tokenizes it with FTS5's cheap `ascii`
tokenizer and gets the words `unicode61` would give).
Clitics are handled when a query is made, not when the text is indexed: a query word is looked up
as it is, without its proclitic chain, and with every proclitic chain in front of that bare form, so
a search for تركيا finds وتركيا, لتركيا and فبتركيا, and one for وتركيا finds تركيا. (Indexing a
clitic-stripped copy of every prefixed word instead made the index a quarter larger and the import
slower; project files written that way still answer the same queries.)
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .fold import fold
from .unicode61 import FOLDS, IDENTITY_ASTRAL, IDENTITY_BMP

_WORD = re.compile(r"\w+")
# A folded word's longest proclitic chain (atomic: never a shorter one when the longest leaves less
# than two letters) and the rest of the word.
_CLITIC_WORD = re.compile("^(?>((?:[وف])?(?:لل|[بك]?ال|[بلك])?))(\\w\\w+)$")
# Every proclitic chain the chain above can take, but the empty one: a conjunction, then a
# preposition and/or the article (لل is ل + ال).
CHAINS = tuple(c + p for c in ("", "و", "ف") for p in ("", "لل", "ال", "بال", "كال", "ب", "ل", "ك") if c + p)


# A character that is neither ASCII nor a token character of SQLite's `unicode61` tokenizer that it
# leaves as it is: a separator, a character it folds (É -> e, a combining diacritic -> nothing), or
# any character above U+FFFF (looked up in `_ASTRAL_STARTS`).
_ODD = re.compile("[^\x00-\x7f" + IDENTITY_BMP + "]")
_ASTRAL_STARTS = [a for a, _ in IDENTITY_ASTRAL]


def _odd_form(ch: str) -> str:
    if ch in FOLDS:
        return FOLDS[ch]
    k = bisect_right(_ASTRAL_STARTS, ord(ch)) - 1
    return ch if k >= 0 and ord(ch) <= IDENTITY_ASTRAL[k][1] else " "


def index_form(folded: str) -> str:
    """`folded` split into words as SQLite's `unicode61 remove_diacritics 2` tokenizer splits it, for a
    tokenizer that only splits at ASCII punctuation and space (FTS5's `ascii`): every other separator
    becomes a space and every character that tokenizer folds is folded (non-ASCII: ASCII letters are
    lower-cased by both). The words, hence the searches, are the same under either tokenizer;
    `ascii` indexes them in about half the time (issue 13), as it needs no Unicode tables."""
    for ch in set(_ODD.findall(folded)):
        folded = folded.replace(ch, _odd_form(ch))
    return folded


def index_text(text: str, folded: str | None = None) -> str:
    """What the full-text index holds for `text`: its folded form, split into words (`index_form`).

    `folded` is `fold(text).text` when the caller already has it (it is not checked).
    """
    return index_form(fold(text).text if folded is None else folded)


# A query word is also looked up without its proclitics only when at least this many letters remain:
# كان or بين would otherwise also find every ان and ين.
QUERY_STEM_MIN = 3


def query_stems(word: str) -> list[str]:
    """A folded query word, and the word without its proclitic chain when `QUERY_STEM_MIN` letters
    remain (وتركيا -> تركيا; كان stays كان)."""
    m = _CLITIC_WORD.match(word)
    if m and m.group(1) and len(m.group(2)) >= QUERY_STEM_MIN:
        return [word, m.group(2)]
    return [word]


def query_forms(word: str) -> list[str]:
    """Every form a folded query word is looked up as: the word, its bare form (`query_stems`), and
    each proclitic chain in front of the bare form (a bare form of two letters or more)."""
    forms = query_stems(word)
    bare = forms[-1]
    if len(bare) >= 2:
        forms += [c + bare for c in CHAINS]
    return list(dict.fromkeys(forms))


def fts_query(query: str, prefix: bool = True) -> str:
    """An FTS5 MATCH expression: every folded word of `query` must occur, in one of its `query_forms`
    (clitic-aware); with `prefix`, the last one as the start of a word (for search as you type).

    Returns '' when the query has no word characters.
    """
    words = _WORD.findall(index_form(fold(query).text))
    if not words:
        return ""
    parts = []
    for i, w in enumerate(words):
        star = "*" if prefix and i == len(words) - 1 else ""
        forms = ['"' + f.replace('"', '""') + '"' + star for f in query_forms(w)]
        parts.append(forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")")
    return " AND ".join(parts)
