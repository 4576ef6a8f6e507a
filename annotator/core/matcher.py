"""Clitic-aware, whole-word actor alias matching on folded text, mapped back to original offsets.

An alias is matched on its folded *core*: a leading article ال is removed from the key when
proclitics are allowed, so that ل + الأكراد = للأكراد (where الأكراد is not a substring) still matches.
Before the core, an optional proclitic chain `(و|ف)?(لل|ب?ال|ك?ال|ب|ل|ك)?` is accepted. Because the
prefix is optional and the regex backtracks, a name that itself begins with one of those letters
(واشنطن, كارتر, بوتين) keeps its letter: a prefix is taken only when what remains is a known alias.
Among matches starting at the same place the longest alias wins; matches never overlap.

The stored span starts at the article when the text has one (issue 10, the usual Arabic NER
convention): الولايات المتحدة is the span, not ولايات المتحدة with prefix ال; بالمتشددين is prefix ب
+ span المتشددين; in the fused للأكراد the span starts at the second ل and the prefix is ل.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from .fold import Folded, fold, fold_key

_PREFIX = "(?:[وف])?(?:لل|[بك]?ال|[بلك])?"
_PREFIX_RE = re.compile("^" + _PREFIX + "$")


def article_length(prefix: str) -> int:
    """How many code points at the end of a proclitic `prefix` are the article: 2 for ال (وال, بال),
    1 for the ل of the fused لل (ولل), else 0. Tashkeel between the letters is counted with them."""
    f = fold(prefix)
    if f.text.endswith("ال") and _PREFIX_RE.match(f.text):
        return len(prefix) - f.source_index(len(f.text) - 2)
    if f.text.endswith("لل") and _PREFIX_RE.match(f.text):
        return len(prefix) - f.source_index(len(f.text) - 1)
    return 0


def alias_key(surface: str, proclitics: bool = True) -> str:
    """The folded matching key of an alias surface form.

    With proclitics allowed, a leading ال (the article) is split off, since it is matched as part of
    the prefix. A key that would be shorter than two letters after that keeps its ال.
    """
    key = fold_key(surface)
    key = re.sub(r"\s+", " ", key)
    if proclitics and key.startswith("ال") and len(key) > 3:
        key = key[2:]
    return key


def _trie_regex(words: Iterable[str]) -> str:
    """A regex alternation of `words` as a trie: fast, and longest alternatives are tried first."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return "(?:" + body + ")?"
        return body

    return build(trie)


@dataclass(frozen=True)
class AliasEntry:
    """What the matcher knows of one alias: enough to decide which actor a match belongs to."""

    key: str
    actor_id: str
    alias_id: str = ""
    proclitics: bool = True
    valid_from: str = ""
    valid_to: str = ""

    def valid_on(self, date: str) -> bool:
        if not date:
            return True
        d = date[:10]
        if self.valid_from and d < self.valid_from[:10]:
            return False
        if self.valid_to and d > self.valid_to[:10]:
            return False
        return True


@dataclass(frozen=True)
class Match:
    start: int  # core name, original code points
    end: int
    prefix_start: int  # start of the clitic prefix (== start when there is none)
    key: str
    entry: AliasEntry

    def prefix(self, text: str) -> str:
        return text[self.prefix_start : self.start]


class AliasMatcher:
    """Finds alias mentions in text. Build once per lexicon, use for many articles."""

    def __init__(self, entries: Sequence[AliasEntry]):
        self.entries = tuple(entries)  # what it was built from: another process can build the same one
        self._by_key: dict[str, list[AliasEntry]] = {}
        for e in entries:
            if e.key:
                self._by_key.setdefault(e.key, []).append(e)
        with_pre = sorted({e.key for e in entries if e.key and e.proclitics})
        without = sorted({e.key for e in entries if e.key and not e.proclitics})
        alts = []
        if with_pre:
            alts.append(f"(?P<pre>{_PREFIX})(?P<core>{_trie_regex(with_pre)})")
        if without:
            alts.append(f"(?P<core2>{_trie_regex(without)})")
        self._regex = re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)") if alts else None
        self._has_core2 = bool(without)

    def __bool__(self) -> bool:
        return self._regex is not None

    def find(
        self,
        text: str,
        *,
        folded: Folded | None = None,
        exclude: Sequence[tuple[int, int]] = (),
        date: str = "",
    ) -> list[Match]:
        """All alias matches in `text`, skipping any that overlap an `exclude` range.

        `date` (ISO) selects among aliases with validity periods; an alias valid on no such date
        is not proposed. Every returned match satisfies `fold_key(text[start:end]) == key`, with
        the article in front of it when the text has one (ال, or the second ل of a fused لل; see
        the module docstring), except when the name's first letter is fused with a proclitic in
        one presentation-form ligature (ﻷنقرة): then the span starts at that ligature and its
        folded form is prefix + key.
        """
        if self._regex is None:
            return []
        f = folded if folded is not None else fold(text)
        out: list[Match] = []
        for m in self._regex.finditer(f.text):
            if self._has_core2 and m.group("core2"):
                key = m.group("core2")
                cs, ce = m.span("core2")
                ps = cs
            else:
                key = m.group("core")
                cs, ce = m.span("core")
                ps = m.start("pre")
            entries = [e for e in self._by_key.get(key, ()) if e.valid_on(date)]
            if not entries:
                continue
            start, end = f.source_span(cs, ce)
            pstart = f.source_index(ps) if ps < cs else start
            if any(start < xe and xs < end for xs, xe in exclude):
                continue
            if fold_key(text[start:end]) != key:
                tail = fold(text[start:end]).text
                if not (tail.endswith(key) and _PREFIX_RE.match(tail[: -len(key)])):
                    continue  # a mapping we cannot express exactly: never propose a wrong span
                pstart = start
            elif pstart < start:
                start -= article_length(text[pstart:start])
            out.append(Match(start, end, pstart, key, entries[0]))
        return out
