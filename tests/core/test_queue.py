"""The queue's ranking (issue 11): uncertainty, near-duplicates spread out, rare labels and seldom-labelled
targets asked, a share of random picks, every pick with its reason. Pure functions, no project."""

from collections import Counter

from annotator.core.queue import Candidate, rank

WORDS = frozenset(f"كلمة{i}" for i in range(30))


def _c(aid, margins, labels=None, targets=("USA",), words=None):
    return Candidate(aid, f"title {aid}", margins=list(margins), labels=list(labels or ["FAVOR"] * len(margins)),
                     targets=list(targets), words=words if words is not None else frozenset({aid}))


def test_the_most_uncertain_article_comes_first_and_every_pick_has_a_reason():
    picks = rank([_c("sure", [0.9, 0.8]), _c("unsure", [0.05, 0.1]), _c("middle", [0.5])], 3, random_share=0,
                 label_counts=Counter({"FAVOR": 50}), target_counts=Counter({"USA": 50}))
    assert [p["article_id"] for p in picks] == ["unsure", "middle", "sure"]
    assert all(p["kind"] == "uncertain" and "mean margin" in p["reason"] for p in picks)


def test_near_duplicates_are_spread_out():
    """Plain uncertainty sampling asks about three copies of one wire story in a row."""
    dupes = [_c(f"copy{i}", [0.05], words=WORDS) for i in range(3)]
    other = _c("other", [0.3], words=frozenset({"مختلف", "تماما"}))
    picks = rank([*dupes, other], 2, random_share=0, label_counts=Counter({"FAVOR": 50}),
                 target_counts=Counter({"USA": 50}))
    assert [p["article_id"] for p in picks][1] == "other"


def test_rare_labels_and_seldom_labelled_targets_get_asked():
    """Regression: a rare label's bonus (0.4) was smaller than the spread of uncertainty, so a batch of
    more uncertain common-label articles never asked about the rare label or a new target."""
    common = [_c(f"c{i}", [0.1], ["FAVOR"]) for i in range(5)]
    rare = _c("rare", [0.6], ["AGAINST"])
    picks = rank([*common, rare], 2, random_share=0, label_counts=Counter({"FAVOR": 200, "AGAINST": 3}),
                 target_counts=Counter({"USA": 100}))
    assert picks[0]["article_id"] == "rare" and picks[0]["kind"] == "rare" and "AGAINST" in picks[0]["reason"]
    new_target = _c("qat", [0.3], targets=("QAT",))
    picks = rank([*common, new_target], 2, random_share=0, label_counts=Counter({"FAVOR": 200}),
                 target_counts=Counter({"USA": 100}))
    assert "qat" in [p["article_id"] for p in picks]
    assert "seldom-labelled target QAT" in next(p for p in picks if p["article_id"] == "qat")["reason"]


def test_a_share_of_the_picks_is_random_and_the_same_seed_gives_the_same_queue():
    cands = [_c(f"a{i}", [i / 40]) for i in range(40)]
    picks = rank(cands, 10, seed=3)
    assert sum(p["kind"] == "random" for p in picks) == 2 and len({p["article_id"] for p in picks}) == 10
    assert all(p["reason"] for p in picks)
    assert rank(cands, 10, seed=3) == picks


def test_cold_start_prefers_articles_with_more_actors_and_quotations():
    few = Candidate("few", targets=["USA"], reporting=0, words=frozenset({"a"}))
    many = Candidate("many", targets=["USA", "TUR", "IRN"], reporting=4, words=frozenset({"b"}))
    (first,) = rank([few, many], 1)
    assert first["article_id"] == "many" and first["kind"] == "cold start" and "3 actor(s)" in first["reason"]
