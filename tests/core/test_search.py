from annotator.core.fold import fold
from annotator.core.search import CHAINS, fts_query, index_text, query_forms, query_stems


def test_the_index_holds_the_folded_text_only():
    """Issue 13: clitic-stripped copies of prefixed words made the index a quarter larger and the
    import slower; clitics are handled at query time instead."""
    text = "وتركيا ولتركيا للأكراد بالرقة كارتر"
    assert index_text(text) == fold(text).text
    assert index_text(text, fold(text).text) == index_text(text)


def test_every_proclitic_chain():
    assert len(CHAINS) == len(set(CHAINS)) == 23
    assert {"و", "ف", "ب", "ل", "ك", "ال", "لل", "وال", "فبال", "ولل", "كال"} <= set(CHAINS)


def test_a_bare_query_word_is_looked_up_with_every_chain():
    forms = query_forms("تركيا")
    assert forms[0] == "تركيا"
    assert {"وتركيا", "بتركيا", "لتركيا", "فبتركيا", "التركيا"} <= set(forms)
    assert len(forms) == len(set(forms)) == 24


def test_a_prefixed_query_word_is_looked_up_bare_and_with_every_chain():
    forms = query_forms("وتركيا")
    assert forms[:2] == ["وتركيا", "تركيا"]
    assert "بتركيا" in forms
    # الأكراد in للأكراد: ل + الأكراد
    assert "للاكراد" in query_forms("الاكراد") and "اكراد" in query_forms("الاكراد")


def test_fts_query():
    q = fts_query("وتركيا  أنقرة")
    first, second = q.split(" AND ")
    assert first.startswith('("وتركيا" OR "تركيا" OR ') and '"بتركيا"' in first and "*" not in first
    assert second.startswith('("انقره"* OR ') and '"وانقره"*' in second
    assert fts_query("تركيا", prefix=False).count('"') == 2 * 24
    assert fts_query("...") == ""
    assert fts_query("ا") == '"ا"*'  # one letter: no chains in front of it


def test_a_query_word_with_proclitics_is_also_looked_up_bare():
    """Bug (issue 10, item 6): وتركيا found 2 of the 3 articles with تركيا, and بتركيا none."""
    assert query_stems("وتركيا") == ["وتركيا", "تركيا"]
    assert query_stems("بالولايات") == ["بالولايات", "ولايات"]
    assert query_stems("للاكراد") == ["للاكراد", "اكراد"]
    # too little would remain: كان and بين must not find every ان and ين
    assert query_stems("كان") == ["كان"]
    assert query_stems("بين") == ["بين"]
    assert query_stems("تركيا") == ["تركيا"]
    assert "ان" not in query_forms("كان")
