"""The index text is split into words before it is stored (issue 13): FTS5's `ascii` tokenizer on
`index_form(text)` must give exactly the words that `unicode61 remove_diacritics 2` gives on `text`,
or searches would change. The table behind `index_form` (core/unicode61.py) is generated from SQLite;
these tests check it against the SQLite they run with, code point by code point and on text."""

import random
import sqlite3
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.fold import fold
from annotator.core.search import fts_query, index_form, index_text
from annotator.core.unicode61 import FOLDS, IDENTITY_ASTRAL

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


class Tokens:
    """The words SQLite's tokenizers make of texts, in order, read back through fts5vocab."""

    def __init__(self):
        self.conn = sqlite3.connect(":memory:")
        for name, tokenize in (("u", "unicode61 remove_diacritics 2"), ("a", "ascii")):
            self.conn.execute(f"CREATE VIRTUAL TABLE {name} USING fts5(x, tokenize='{tokenize}')")
            self.conn.execute(f"CREATE VIRTUAL TABLE {name}_v USING fts5vocab({name}, 'instance')")

    def of(self, table: str, texts: list[str]) -> list[list[str]]:
        self.conn.execute(f"DELETE FROM {table}")
        self.conn.executemany(f"INSERT INTO {table}(rowid, x) VALUES (?, ?)", list(enumerate(texts, 1)))
        out: list[list[str]] = [[] for _ in texts]
        for term, doc in self.conn.execute(f"SELECT term, doc FROM {table}_v ORDER BY doc, offset"):
            out[doc - 1].append(term)
        return out

    def same(self, texts: list[str]) -> None:
        unicode61 = self.of("u", texts)
        ascii_ = self.of("a", [index_form(t) for t in texts])
        for text, want, got in zip(texts, unicode61, ascii_):
            assert got == want, (text, index_form(text))


TOKENS = Tokens()


def _chars(codes):
    return [chr(c) for c in codes if not 0xD800 <= c <= 0xDFFF]


def test_every_bmp_code_point_splits_and_folds_as_in_unicode61():
    # each between two letters: a separator makes two words of them, a diacritic joins them, and a
    # folded character shows what it folds to
    TOKENS.same(["q" + ch + "q" for ch in _chars(range(0x80, 0x10000))])


def test_code_points_above_the_bmp_split_and_fold_as_in_unicode61():
    edges = {c + d for a, b in IDENTITY_ASTRAL for c in (a, b) for d in (-1, 0, 1)}
    rng = random.Random(13)
    sample = edges | {rng.randrange(0x10000, 0x110000) for _ in range(20000)}
    TOKENS.same(["q" + ch + "q" for ch in _chars(sorted(c for c in sample if 0x10000 <= c < 0x110000))])


def test_a_character_alone_or_at_a_word_edge_gives_the_same_words():
    chars = _chars(range(0x80, 0x3000)) + list(FOLDS)
    TOKENS.same([f"{ch} q{ch} {ch}q {ch}{ch}q{ch}{ch} A{ch}B" for ch in chars])


_ALPHABET = st.sampled_from(
    list("تركيا الولايات المتحدة وأنقرة، «قسد» ؟؛ ـ\u064b\u0651\u0670 ٣٤ 1984 Café ÉLAN naïve Straße ǅ ﷲ ﻻ")
    + ["😀", "𝐀", "\u200c", "\u00a0", "\u2028", "_", "-", "'", '"', "*", "\u0300", "\u0301", "İ", "ß", "Ω", "ﬁ"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join))
def test_any_text_gives_the_same_words(text):
    TOKENS.same([text, fold(text).text])


def test_real_articles_give_the_same_words():
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*"))if p.is_file()]
    texts += ["قال وزير الخارجية التركي، مولود جاويش أوغلو: «لن نسمح بممر إرهابي». Le café — naïve 😀 ١٢٣"]
    TOKENS.same(texts + [fold(t).text for t in texts])


def test_index_text_is_the_folded_text_split_into_words():
    text = "قالت أنقرة: «تركيا، والولايات المتحدة» Café"
    # Arabic punctuation becomes a space, é folds to e; ASCII is left to the tokenizer
    assert index_text(text) == index_form(fold(text).text) == "قالت انقره:  تركيا  والولايات المتحده  Cafe"
    assert index_form(index_text(text)) == index_text(text)  # one pass is enough


def test_a_query_is_split_and_folded_as_the_index_text():
    assert fts_query("Café", prefix=False).startswith('("Cafe" OR ')
    assert fts_query("تركيا،الولايات", prefix=False).count(" AND ") == 1
