from annotator.core.fold import fold
from annotator.core.search import fts_query, index_text


def test_index_text_adds_words_without_their_proclitics():
    text = "وتركيا ولتركيا للأكراد بالرقة كارتر"
    idx = index_text(text)
    folded, extra = idx.split("\n")
    assert folded == fold(text).text
    assert extra.split() == sorted(["تركيا", "تركيا", "اكراد", "رقه", "ارتر"])


def test_the_longest_proclitic_chain_or_nothing():
    # وللي: the chain ولل leaves one letter, so no shorter chain is tried and nothing is added
    assert index_text("وللي") == "وللي"
    assert index_text("الا") == "الا"
    assert index_text("بب") == "بب"


def test_a_given_folded_text_is_used():
    text = "أنقرة وتركيا"
    assert index_text(text, fold(text).text) == index_text(text)


def test_fts_query():
    assert fts_query("وتركيا  أنقرة") == '"وتركيا" "انقره"*'
    assert fts_query("...") == ""
