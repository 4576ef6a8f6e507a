"""Where alias keys can occur in a folded text, found by one fast regex scan on rare letters (issue 13).

Running the matcher's regex at every position of every article costs ~45 ns a character. Every
occurrence of a key contains that key's *anchor*: one of its characters, chosen so that the anchors
of the whole lexicon are rare in Arabic text. A regex that starts with the anchor character class
lets sre's charset scan skip everything else (~3 ns a character); at an anchor it checks the rest
of the key ahead (as a trie), then the whole key behind (a lookbehind) and that no word character
follows. Only real key occurrences reach Python. The matcher then runs its exact regex only where a
match can start, so its output does not depend on how good the anchors are; only the speed does.

What can go wrong: a lexicon whose keys share no rare letter (thousands of common words) makes the
anchors common; `anchor_density` estimates that, and the matcher then scans as before.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Iterable

# Approximate share (percent) of folded characters in Arabic news text; anything else counts as rare.
# Only the speed of the scan depends on these numbers, never its result.
LETTER_PERCENT = {
    " ": 16.6, "ا": 14.6, "ل": 9.5, "ي": 6.4, "م": 5.3, "ه": 4.6, "و": 4.4, "ن": 4.0, "ت": 3.7,
    "ر": 3.7, "ع": 2.8, "ب": 2.8, "د": 2.5, "ف": 2.1, "س": 1.9, "ق": 1.7, "ك": 1.5, "ح": 1.4,
    "ج": 1.2, "ش": 0.8, "ط": 0.8, "ص": 0.7, "خ": 0.7, "ى": 0.7, "،": 0.8, ".": 0.6, "ض": 0.5,
    "ز": 0.5, "ذ": 0.5, "ث": 0.4, "\n": 0.3, "ء": 0.3, "غ": 0.3, "ظ": 0.2,
}
RARE_PERCENT = 0.05


def _percent(ch: str) -> float:
    return LETTER_PERCENT.get(ch, RARE_PERCENT)


def choose_anchors(keys: Iterable[str]) -> dict[str, tuple[str, int]]:
    """For each non-empty key, (anchor character, its index in the key).

    Greedy weighted hitting set: repeatedly take the character that is in the most keys still
    without an anchor per percent of text it occupies; a key is anchored on its rarest chosen
    character (first occurrence).
    """
    keys = sorted({k for k in keys if k})
    todo = set(keys)
    chosen: set[str] = set()
    while todo:
        counts = Counter(ch for k in todo for ch in set(k))
        best = max(sorted(counts), key=lambda ch: counts[ch] / _percent(ch))
        chosen.add(best)
        todo = {k for k in todo if best not in k}
    out = {}
    for k in keys:
        j = min((i for i, ch in enumerate(k) if ch in chosen), key=lambda i: (_percent(k[i]), i))
        out[k] = (k[j], j)
    return out


def _rest_trie(items: list[tuple[str, str]]) -> str:
    """A regex for "one of `items`' (rest, key) pairs is here": `rest`, then `key` behind, then no
    word character."""
    root: dict = {}
    for rest, key in items:
        node = root
        for ch in rest:
            node = node.setdefault(ch, {})
        node.setdefault("", []).append(key)

    def build(node: dict) -> str:
        chain = ""  # letters without a choice, without recursing (keys may be long)
        while len(node) == 1 and "" not in node:
            ch, node = next(iter(node.items()))
            chain += re.escape(ch)
        branches = ["(?<=" + re.escape(k) + r")(?!\w)" for k in node.get("", ())]
        branches += [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch != ""]
        return chain + (branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")")

    return build(root)


def is_word_at(text: str, i: int) -> bool:
    """Whether sre's `\\w` matches `text[i]` (alphanumeric or underscore); False outside `text`."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] == "_")


def anchor_density(anchors: dict[str, tuple[str, int]]) -> float:
    """Estimated share of text (percent) at which a scan for `anchors` stops."""
    return sum(_percent(ch) for ch in {ch for ch, _ in anchors.values()})


class AnchorScan:
    """Finds the occurrences of a set of keys in folded texts, at C speed between rare anchors.

    Occurrences may overlap; one followed by a word character is left out (no alias match ends so).
    """

    def __init__(self, anchors: dict[str, tuple[str, int]]):
        """`anchors` as `choose_anchors` returns them."""
        by_char: dict[str, list[tuple[str, int]]] = {}
        # the anchor and the character after it (just the anchor when it ends the key) -> (key, index)
        self._by_pair: dict[str, list[tuple[str, int]]] = {}
        for key, (ch, j) in anchors.items():
            by_char.setdefault(ch, []).append((key, j))
            self._by_pair.setdefault(key[j:j + 2], []).append((key, j))
        self.density = anchor_density(anchors)
        # the rest of the key is matched, not looked ahead at (~10% faster); `occurrences` searches
        # again from the next character, so occurrences that overlap are all found
        alts = [
            re.escape(ch) + _rest_trie([(k[j + 1:], k) for k, j in lst])
            for ch, lst in sorted(by_char.items(), key=lambda kv: (-_percent(kv[0]), kv[0]))
        ]
        self._regex = re.compile("|".join(alts)) if alts else None

    def occurrences(self, text: str) -> list[tuple[int, str]]:
        """(start, key) of every occurrence of a key in `text` that no word character follows."""
        if self._regex is None:
            return []
        by_pair = self._by_pair
        search = self._regex.search
        out = []
        m = search(text)
        while m is not None:
            i = m.start()
            m = search(text, i + 1)
            pair = text[i:i + 2]
            for pair in (pair, pair[0]) if len(pair) == 2 else (pair,):
                for key, j in by_pair.get(pair, ()):
                    s = i - j
                    if s >= 0 and text.startswith(key, s) and not is_word_at(text, s + len(key)):
                        out.append((s, key))
        return out
