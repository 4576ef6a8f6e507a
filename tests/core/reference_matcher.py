"""The alias matcher as it was before issue 13 (commit 09617cb), kept only as the reference that
the fast `AliasMatcher.find` must equal: one regex tried at every position of the folded text.

Used by tests/core/test_matcher_equivalence.py and bench/match_profile.py --check; never by the
package.
"""

from __future__ import annotations

import re
from typing import Sequence

from annotator.core.fold import Folded, fold, fold_key
from annotator.core.matcher import _PREFIX, _PREFIX_RE, AliasEntry, Match, _trie_regex, article_length


class ReferenceMatcher:
    def __init__(self, entries: Sequence[AliasEntry]):
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

    def find(self, text: str, *, folded: Folded | None = None, exclude: Sequence[tuple[int, int]] = (),
             date: str = "") -> list[Match]:
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
                    continue
                pstart = start
            elif pstart < start:
                start -= article_length(text[pstart:start])
            out.append(Match(start, end, pstart, key, entries[0]))
        return out
