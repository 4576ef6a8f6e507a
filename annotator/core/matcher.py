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
from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable, Sequence

from .anchors import AnchorScan, anchor_density, choose_anchors, is_word_at
from .fold import COMBINING_MARKS, Folded, fold, fold_key

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
    """A regex alternation of `words` as a trie: fast, and longest alternatives are tried first.

    Recursion goes only as deep as the places where words part, so a long alias cannot exhaust
    Python's recursion limit (a 900-letter alias did before issue 13).
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict) -> str:
        chain = ""  # a run of letters without a choice is written without recursing, however long
        while len(node) == 1 and "" not in node:
            ch, node = next(iter(node.items()))
            chain += re.escape(ch)
        end = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        if not branches:
            return chain
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if end:
            return chain + "(?:" + body + ")?"
        return chain + body

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


# All proclitic chains `_PREFIX` accepts, and how much of each is the article (`article_length`).
_PREFIXES = frozenset(a + b for a in ("", "و", "ف") for b in ("", "لل", "ال", "بال", "كال", "ب", "ل", "ك"))
_MAX_PREFIX = max(map(len, _PREFIXES))
_ARTICLE = {p: article_length(p) for p in _PREFIXES}
# Above this estimated share of text (percent) at anchors, scanning at anchors costs more than the
# plain regex scan: on SaudiNewsNet, random lexicons of 100 frequent words (anchors ~30%) ran 1.5x
# faster with anchors, of 200 (~41%) 1.1x slower. The sample lexicon's anchors are at ~12%.
_MAX_ANCHOR_DENSITY = 33.0


class AliasMatcher:
    """Finds alias mentions in text. Build once per lexicon, use for many articles.

    `scan` chooses how candidates are found, never what is found: "anchors" (rare letters first,
    see core/anchors.py), "regex" (the matcher's regex at every position) or "auto" (anchors
    unless they are too common in text). Raises ValueError for another value.
    """

    def __init__(self, entries: Sequence[AliasEntry], *, scan: str = "auto"):
        if scan not in ("auto", "anchors", "regex"):
            raise ValueError(f"scan must be auto, anchors or regex, not {scan!r}")
        self.entries = tuple(entries)  # what it was built from: another process can build the same one
        by_key: dict[str, list[AliasEntry]] = {}
        for e in entries:
            if e.key:
                by_key.setdefault(e.key, []).append(e)
        with_pre = sorted({e.key for e in entries if e.key and e.proclitics})
        without = sorted({e.key for e in entries if e.key and not e.proclitics})
        alts = []
        if with_pre:
            alts.append(f"(?P<pre>{_PREFIX})(?P<core>{_trie_regex(with_pre)})")
        if without:
            alts.append(f"(?P<core2>{_trie_regex(without)})")
        self._regex = re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)") if alts else None
        groups = self._regex.groupindex if self._regex is not None else {}
        self._groups = (groups.get("pre", 0), groups.get("core", 0), groups.get("core2", 0))
        self._with_pre = frozenset(with_pre)
        self._without = frozenset(without)
        # key -> (its entries, the entry for any date or None when validity dates decide, whether a
        # span that folds 1:1 onto the key needs no re-folding: keys with outer white space do)
        self._keys = {
            k: (tuple(es), None if any(e.valid_from or e.valid_to for e in es) else es[0], k == k.strip())
            for k, es in by_key.items()
        }
        anchors = choose_anchors(by_key) if scan != "regex" else {}
        if scan == "auto":
            scan = "anchors" if anchor_density(anchors) <= _MAX_ANCHOR_DENSITY else "regex"
        self.scan = scan
        self._anchors = AnchorScan(anchors) if scan == "anchors" and anchors else None

    def __bool__(self) -> bool:
        return self._regex is not None

    def _regex_matches(self, folded: str) -> Iterable[re.Match]:
        """What `self._regex.finditer(folded)` yields; with anchors, the regex is tried only where
        a match can start. A match at `ps` is a chain in `_PREFIXES` with no word character before
        it, then a key that no word character follows; so every start finditer could report is in
        `starts`, and trying the regex there in order, skipping starts inside the previous match,
        gives finditer's matches (the regex alone still decides which prefix and alias win)."""
        if self._anchors is None:
            return self._regex.finditer(folded)
        occurrences = self._anchors.occurrences(folded)
        if not occurrences:
            return ()
        starts = set()
        with_pre, without = self._with_pre, self._without
        for cs, key in occurrences:
            if key in with_pre:
                for ps in range(cs, max(cs - _MAX_PREFIX, 0) - 1, -1):
                    if folded[ps:cs] in _PREFIXES and not is_word_at(folded, ps - 1):
                        starts.add(ps)
            if key in without and not is_word_at(folded, cs - 1):
                starts.add(cs)
        out = []
        pos = 0
        match = self._regex.match
        for ps in sorted(starts):
            if ps >= pos:
                m = match(folded, ps)
                if m is not None:
                    out.append(m)
                    pos = m.end()
        return out

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
        return [Match(*span) for span in self._spans(text, folded, exclude, date)]

    def proposals(
        self, text: str, *, folded: Folded | None = None, exclude: Sequence[tuple[int, int]] = (), date: str = ""
    ) -> list[tuple[str, int, int, str, str]]:
        """`find`'s matches as proposed mentions (actor_id, start, end, prefix, alias_id)."""
        return [
            (entry.actor_id, start, end, text[pstart:start], entry.alias_id)
            for start, end, pstart, _, entry in self._spans(text, folded, exclude, date)
        ]

    def _spans(
        self, text: str, folded: Folded | None, exclude: Sequence[tuple[int, int]], date: str
    ) -> list[tuple[int, int, int, str, AliasEntry]]:
        """`find`'s matches as (start, end, prefix_start, key, entry) tuples."""
        if self._regex is None:
            return []
        f = folded if folded is not None else fold(text)
        matches = self._regex_matches(f.text)
        if not matches:
            return []
        ftext = f.text
        seg_fold, seg_src, seg_expand = f.seg_fold, f.seg_src, f.seg_expand
        orig = f.original
        n_segs, n_orig = len(seg_fold), len(orig)
        keys = self._keys
        pre_g, core_g, core2_g = self._groups
        out = []
        for m in matches:
            if core2_g and m.start(core2_g) >= 0:
                cs, ce = m.span(core2_g)
                ps = cs
            else:
                cs, ce = m.span(core_g)
                ps = m.start(pre_g)
            key = ftext[cs:ce]
            entries, entry, plain = keys[key]
            if entry is None:
                entry = next((e for e in entries if e.valid_on(date)), None)
                if entry is None:
                    continue
            k = bisect_right(seg_fold, ps) - 1
            if plain and not seg_expand[k] and (k + 1 == n_segs or seg_fold[k + 1] >= ce):
                # prefix and key lie in one run that folded character for character: the span
                # folds to the key and the prefix to itself, so neither is folded again
                shift = seg_src[k] - seg_fold[k]
                start, end, pstart = cs + shift, ce + shift, ps + shift
                while end < n_orig and orig[end] in COMBINING_MARKS:
                    end += 1
                if exclude and _overlaps(start, end, exclude):
                    continue
                if pstart < start:
                    start -= _ARTICLE[ftext[ps:cs]]
                out.append((start, end, pstart, key, entry))
                continue
            start, end = f.source_span(cs, ce)
            pstart = f.source_index(ps) if ps < cs else start
            if exclude and _overlaps(start, end, exclude):
                continue
            if fold_key(text[start:end]) != key:
                tail = fold(text[start:end]).text
                if not (tail.endswith(key) and _PREFIX_RE.match(tail[: -len(key)])):
                    continue  # a mapping we cannot express exactly: never propose a wrong span
                pstart = start
            elif pstart < start:
                start -= article_length(text[pstart:start])
            out.append((start, end, pstart, key, entry))
        return out


def _overlaps(start: int, end: int, ranges: Sequence[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of `ranges`."""
    for xs, xe in ranges:
        if start < xe and xs < end:
            return True
    return False
