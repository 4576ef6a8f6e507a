from annotator.core.fold import fold
from annotator.core.search import fts_query, index_text, query_stems


def test_index_text_adds_words_without_their_proclitics():
    text = "وتركيا ولتركيا للأكراد بالرقة كارتر"
    idx = index_text(text)
    folded, extra = idx.split("\n")
    assert folded == fold(text).text
    assert extra.split() == sorted(["تركيا", "اكراد", "رقه", "ارتر"])
    # a bare form the text has as a word of its own is not added again
    assert index_text("تركيا وتركيا").split("\n") == ["تركيا وتركيا"]


def test_the_longest_proclitic_chain_or_nothing():
    # وللي: the chain ولل leaves one letter, so no shorter chain is tried and nothing is added
    assert index_text("وللي") == "وللي"
    assert index_text("الا") == "الا"
    assert index_text("بب") == "بب"


def test_a_given_folded_text_is_used():
    text = "أنقرة وتركيا"
    assert index_text(text, fold(text).text) == index_text(text)


def test_fts_query():
    assert fts_query("وتركيا  أنقرة") == '("وتركيا" OR "تركيا") AND "انقره"*'
    assert fts_query("تركيا", prefix=False) == '"تركيا"'
    assert fts_query("...") == ""


def test_a_query_word_with_proclitics_is_also_looked_up_bare():
    """Bug (issue 10, item 6): وتركيا found 2 of the 3 articles with تركيا, and بتركيا none."""
    assert query_stems("وتركيا") == ["وتركيا", "تركيا"]
    assert query_stems("بالولايات") == ["بالولايات", "ولايات"]
    assert query_stems("للاكراد") == ["للاكراد", "اكراد"]
    # too little would remain: كان and بين must not find every ان and ين
    assert query_stems("كان") == ["كان"]
    assert query_stems("بين") == ["بين"]
    assert query_stems("تركيا") == ["تركيا"]
