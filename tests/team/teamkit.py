"""Helpers for the team-work tests: team projects from the samples (and the corpus), table dumps."""

from __future__ import annotations

import json
import sqlite3
from itertools import islice
from pathlib import Path

import pytest

from annotator.core.boilerplate import detect_segments
from annotator.core.model import Actor, Alias
from annotator.ingest import import_paths
from annotator.io.readers import ReadOptions
from annotator.sample import load_actors
from annotator.storage.project import ArticleRecord, Project

REPO = Path(__file__).resolve().parents[2]
LEXICON = REPO / "resources" / "lexicon" / "sample.toml"
SAMPLES = sorted((REPO / "resources" / "samples").glob("*.txt"))
CORPUS = REPO.parent / "shared" / "corpora" / "saudinewsnet" / "saudinewsnet_10k.jsonl"


def sample_team(path: Path, corpus_articles: int = 0) -> Project:
    """A team project with the sample lexicon, the two sample articles and, when asked, the first
    `corpus_articles` corpus articles (skips the test when the corpus is missing)."""
    p = Project.create(path, name="team")
    load_actors(p, LEXICON)
    p.set_setting("guidelines", "# Guidelines\nRead the whole article.")
    import_paths(p, SAMPLES)
    if corpus_articles:
        if not CORPUS.exists():
            pytest.skip(f"corpus {CORPUS} is missing")
        part = path.parent / "corpus_part.jsonl"
        with open(CORPUS, encoding="utf-8") as src:
            part.write_text("".join(islice(src, corpus_articles)), encoding="utf-8")
        import_paths(p, [part], options=ReadOptions(text_field="content"))
    return p


TINY_TEXT = "قالت تركيا إنها لن تقبل.\nوردت واشنطن ببيان قصير عن الأزمة.\nثم تحدث آخرون."


def tiny_team(path: Path) -> Project:
    """A team project with one short article mentioning TUR and USA (proposed by the lexicon) and
    the actors TUR, USA, YPG."""
    p = Project.create(path, name="tiny")
    p.upsert_actor(Actor("TUR", "تركيا", "Turkey", "state", "#c62828", [Alias("تركيا")]))
    p.upsert_actor(Actor("USA", "الولايات المتحدة", "USA", "state", "#1565c0", [Alias("واشنطن", kind="metonym")]))
    p.upsert_actor(Actor("YPG", "وحدات حماية الشعب", "YPG", "armed group", "#2e7d32", [Alias("وحدات حماية الشعب")]))
    with p.db.atomic():
        p.add_article(ArticleRecord(text=TINY_TEXT, raw=TINY_TEXT.encode(), encoding="utf-8", title="tiny"),
                      detect_segments(TINY_TEXT))
    p.suggest()
    return p


def dump(path: Path) -> dict[str, list]:
    """Every row of every table of an SQLite file, sorted: equal dumps mean equal files."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}
    finally:
        conn.close()


def rows_of(path: Path, annotator: str) -> dict[str, list]:
    """One annotator's stances, evidence, mentions and statuses in a file, comparable across files."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        q = lambda sql: sorted(map(repr, conn.execute(sql, (annotator,))))  # noqa: E731
        return {
            "stances": q("SELECT * FROM stances WHERE annotator = ?"),
            "evidence": q("SELECT e.* FROM evidence e JOIN stances s ON s.id = e.stance_id WHERE s.annotator = ?"),
            "mentions": q('SELECT article_id, actor_id, start, "end", origin, status, annotator, updated_at'
                          " FROM mentions WHERE annotator = ?"),
            "status": q("SELECT * FROM article_status WHERE annotator = ?"),
        }
    finally:
        conn.close()


def settings(path: Path) -> dict:
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return {k: json.loads(v) for k, v in conn.execute("SELECT key, value FROM settings")}
    finally:
        conn.close()


# The three-annotator scenario on the two sample articles (R: Reuters, T: RT), both given to all three.
# Stances toward (AUTHOR, target):        a          b          c
#   R  TUR                                FAVOR      FAVOR      AGAINST
#   R  USA                                AGAINST    FAVOR      -  (counts as NONE)
#   T  YPG                                AGAINST    AGAINST    AGAINST
#   T  TUR                                -          -          NONE (recorded)
SCENARIO = {
    "a": {0: {"TUR": "FAVOR", "USA": "AGAINST"}, 1: {"YPG": "AGAINST"}},
    "b": {0: {"TUR": "FAVOR", "USA": "FAVOR"}, 1: {"YPG": "AGAINST"}},
    "c": {0: {"TUR": "AGAINST"}, 1: {"YPG": "AGAINST", "TUR": "NONE"}},
}
# The first proposed TUR mention of R: a accepts it, b rejects it, c leaves it proposed.
DECISIONS = {"a": "accepted", "b": "rejected"}


def first_mention(p: Project, article_id: str, actor: str):
    return next(m for m in p.mentions(article_id) if m.actor_id == actor)


def three_annotators(tmp_path: Path) -> tuple[Project, dict[str, Path], list[str]]:
    """The team project, the annotators' files (annotated as in SCENARIO, all done) and the article ids."""
    from annotator.core.model import AUTHOR
    from annotator.team.assign import assign

    team = sample_team(tmp_path / "team.annotator")
    report = assign(team, ["a", "b", "c"], tmp_path / "files", overlap=1.0, per_overlap=3, seed=0)
    ids = team.article_ids()
    for name, per_article in SCENARIO.items():
        with Project.open(report.files[name]) as p:
            for index, stances in per_article.items():
                aid = ids[index]
                for target, label in stances.items():
                    sid = p.set_stance(aid, AUTHOR, target, label, name)
                    m = first_mention(p, aid, target)
                    p.add_evidence(sid, m.start, m.end, name)
                p.add_time(aid, name, 60 * (index + 1))
                p.set_status(aid, name, "done")
            if name in DECISIONS:
                p.set_mention_status(first_mention(p, ids[0], "TUR").id, DECISIONS[name], name)
    return team, report.files, ids
