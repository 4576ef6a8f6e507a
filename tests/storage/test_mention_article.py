"""Issue 10 item 5: mention spans start at the article ال the text has.

Bug pinned: الولايات المتحدة was stored as prefix ال + span ولايات المتحدة, الدولة الإسلامية as
دولة الإسلامية, بالمتشددين الأكراد as بال + متشددين الأكراد. Schema step m004 rewrites the spans of
an existing project (tested on the frozen schema-v2 file) and the mention rows in its change log,
so an edit made before the upgrade can still be undone.
"""

from __future__ import annotations

import json
import shutil
import sqlite3

from annotator.core.model import Actor, Alias
from annotator.storage.project import ArticleRecord, Project
from tests.conftest import REPO

V2 = REPO / "tests" / "data" / "schema-v2.annotator"


def test_new_proposals_keep_the_article_in_the_span(tmp_path):
    text = "قالت الولايات المتحدة إن الدولة الإسلامية تقاتل بالمتشددين الأكراد وللأكراد مطالب."
    with Project.create(tmp_path / "p.annotator") as p:
        p.upsert_actor(Actor("USA", "الولايات المتحدة", aliases=[Alias("الولايات المتحدة")]))
        p.upsert_actor(Actor("ISIS", "الدولة الإسلامية", aliases=[Alias("الدولة الإسلامية")]))
        p.upsert_actor(Actor("MIL", "المتشددون الأكراد", aliases=[Alias("المتشددين الأكراد")]))
        p.upsert_actor(Actor("KUR", "الأكراد", aliases=[Alias("الأكراد")]))
        with p.db.atomic():
            aid = p.add_article(ArticleRecord(text=text, raw=text.encode(), encoding="utf-8", title="t"))
        p.suggest()
        got = [(m.prefix, text[m.start:m.end], m.actor_id) for m in p.mentions(aid)]
    assert got == [("", "الولايات المتحدة", "USA"), ("", "الدولة الإسلامية", "ISIS"),
                   ("ب", "المتشددين الأكراد", "MIL"), ("ول", "لأكراد", "KUR")]


def _old_mentions(path):
    c = sqlite3.connect(path)
    rows = c.execute('SELECT m.id, m.prefix, substr(a.text, m.start + 1, m."end" - m.start) FROM mentions m'
                     " JOIN articles a ON a.id = m.article_id").fetchall()
    c.close()
    return {r[0]: (r[1], r[2]) for r in rows}


def test_the_schema_step_rewrites_existing_spans_and_the_change_log(tmp_path):
    path = tmp_path / "v2.annotator"
    shutil.copy(V2, path)
    # an edit made before the upgrade, in the old convention: accepting a proposal with prefix ال
    c = sqlite3.connect(path)
    c.row_factory = sqlite3.Row
    row = dict(c.execute("SELECT * FROM mentions WHERE prefix = 'ال' ORDER BY id LIMIT 1").fetchone())
    after = {**row, "status": "accepted", "annotator": "frozen", "updated_at": "2026-01-01T00:00:00.000Z"}
    c.execute("UPDATE mentions SET status = 'accepted', annotator = 'frozen', updated_at = ? WHERE id = ?",
              (after["updated_at"], row["id"]))
    payload = {"action": "set_mention", "article_id": row["article_id"],
               "changes": [{"table": "mentions", "key": [row["id"]], "before": row, "after": after}]}
    c.execute("INSERT INTO changes(id, ts, annotator, article_id, action, kind, ref, payload)"
              " VALUES ('old-edit', '2026-01-01T00:00:00.000Z', 'frozen', ?, 'set_mention', 'do', '', ?)",
              (row["article_id"], json.dumps(payload, ensure_ascii=False, sort_keys=True)))
    c.commit()
    c.close()
    before = _old_mentions(path)
    assert sum(1 for p, _ in before.values() if p.endswith("ال")) == 18

    with Project.open(path) as p:
        assert "m004_mention_spans_with_article" in p._applied_migrations()
        after_upgrade = _old_mentions(path)
        for mid, (prefix, span) in before.items():
            new_prefix, new_span = after_upgrade[mid]
            assert new_prefix + new_span == prefix + span  # the same letters, only the split moved
            if prefix.endswith("ال"):
                assert new_prefix == prefix[:-2] and new_span.startswith("ال")
            else:
                assert (new_prefix, new_span) == (prefix, span)
        assert not any(p_.endswith("ال") for p_, _ in after_upgrade.values())
        # the edit made before the upgrade still undoes (its rows were rewritten with the spans)
        p.undo("frozen")
        [m] = [m for m in p.mentions(row["article_id"]) if m.id == row["id"]]
        assert (m.status, m.prefix, m.start) == ("proposed", "", row["start"] - 2)
    with Project.open(path) as p:  # opening again changes nothing
        assert _old_mentions(path) == {**after_upgrade, row["id"]: after_upgrade[row["id"]]}
