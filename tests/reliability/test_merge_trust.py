"""Issue 9, items 3 and 8 (merge part): a returned annotator file is not trusted.

A file handed to mona must not delete or forge ali's, the lead's or gold rows; spans outside their
article and articles that differ from the team's are skipped and reported; a file without a
verifiable owner is refused unless the lead names the owner; rows the team refuses (a missing
actor, a broken CHECK rule) and flipped bytes are a message naming the file, and the other files
of the same `annotator merge` are still merged.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "team"))
from teamkit import dump, first_mention, rows_of, sample_team  # noqa: E402

from annotator.core.model import AUTHOR  # noqa: E402
from annotator.storage.project import Project  # noqa: E402
from annotator.team.assign import assign  # noqa: E402
from annotator.team.merge import MergeError, merge_file  # noqa: E402
from reliakit import REPO, child_env  # noqa: E402


def handed_out(tmp_path: Path):
    """A team project with ali's work merged, and mona's file (both got both articles)."""
    team = sample_team(tmp_path / "team.annotator")
    files = assign(team, ["ali", "mona"], tmp_path / "files", overlap=1.0, seed=0).files
    ids = team.article_ids()
    with Project.open(files["ali"]) as p:
        for aid in ids:
            sid = p.set_stance(aid, AUTHOR, "TUR", "FAVOR", "ali")
            m = first_mention(p, ids[0], "TUR")
            p.add_evidence(sid, m.start, m.end, "ali") if aid == ids[0] else None
            p.set_status(aid, "ali", "done")
    merge_file(team, files["ali"])
    with Project.open(files["mona"]) as p:
        p.set_stance(ids[0], AUTHOR, "USA", "AGAINST", "mona")
        p.set_status(ids[0], "mona", "done")
    return team, files, ids


def sql(path: Path, *statements: str, params=()) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    for st in statements:
        conn.execute(st, params) if "?" in st else conn.execute(st)
    conn.commit()
    conn.close()


def test_a_file_handed_to_mona_cannot_delete_or_forge_alis_lead_or_gold_rows(tmp_path):
    """Bug: merge trusted every annotator name inside a file, so mona's file could carry ali's
    change ids (making the team's ali rows 'current' and deleting them), forged rows of the lead
    and gold stances."""
    team, files, ids = handed_out(tmp_path)
    ali_before, lead_before = rows_of(team.path, "ali"), rows_of(team.path, "lead")
    assert ali_before["stances"]
    team_conn = sqlite3.connect(team.path)
    ali_changes = team_conn.execute("SELECT id, ts, annotator, article_id, action, kind, ref, payload FROM changes"
                                    " WHERE annotator = 'ali'").fetchall()
    team_conn.close()
    conn = sqlite3.connect(files["mona"])
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.executemany("INSERT INTO changes(id, ts, annotator, article_id, action, kind, ref, payload)"
                     " VALUES (?,?,?,?,?,?,?,?)", ali_changes)  # ali's log, but none of ali's rows: "delete them"
    conn.execute("INSERT INTO annotators(name, created_at) VALUES ('lead', ''), ('ali', '')")
    conn.execute("INSERT INTO stances(id, article_id, annotator, holder_id, target_id, label, created_at, updated_at)"
                 " VALUES ('forged', ?, 'lead', NULL, 'YPG', 'AGAINST', '9', '9')", (ids[1],))
    conn.execute("INSERT INTO changes(id, ts, annotator, article_id, action, kind, ref, payload)"
                 " VALUES ('forged-change', '9', 'lead', ?, 'set_stance', 'do', '', '{}')", (ids[1],))
    conn.execute("INSERT INTO gold_stances(id, article_id, holder_id, target_id, label, adjudicator, created_at,"
                 " updated_at) VALUES ('g', ?, NULL, 'TUR', 'AGAINST', 'mona', '9', '9')", (ids[0],))
    conn.commit()
    conn.close()
    report = merge_file(team, files["mona"])
    assert report.annotators == ["mona"]
    assert report.ignored == {"ali": len(ali_changes), "lead": 2, "gold": 1}
    assert "ignored, not this file's owner's work: 'ali'" in report.summary()
    assert rows_of(team.path, "ali") == ali_before and rows_of(team.path, "lead") == lead_before
    assert team.gold_stances(ids[0]) == []
    assert rows_of(team.path, "mona") == rows_of(files["mona"], "mona")
    assert {c["annotator"] for c in team.changes()} == {"ali", "mona"}


def test_an_edited_owner_or_a_file_without_owner_is_refused_unless_the_lead_names_it(tmp_path):
    """Bug: a file that said it was ali's was merged as ali's; now the handout token must match
    the team's record, and a file without one needs `--as NAME`."""
    team, files, ids = handed_out(tmp_path)
    forged = tmp_path / "forged.annotator"
    shutil.copy(files["mona"], forged)
    sql(forged, "UPDATE settings SET value = '\"ali\"' WHERE key = 'annotator'")
    before = dump(team.path)
    with pytest.raises(MergeError, match="says it is 'ali''s file, but the team project has no record"):
        merge_file(team, forged)
    old = tmp_path / "old.annotator"  # as written by annotator before handout tokens
    shutil.copy(files["mona"], old)
    sql(old, "DELETE FROM settings WHERE key = 'handout'")
    with pytest.raises(MergeError, match="no handout token.*--as mona"):
        merge_file(team, old)
    copy = team.backup(tmp_path / "copy.annotator")  # a copy of the team project: no owner at all
    with pytest.raises(MergeError, match="names no owner.*--as NAME"):
        merge_file(team, copy)
    assert dump(team.path) == before
    with pytest.raises(MergeError, match="is 'mona''s file .* not ali's"):
        merge_file(team, old, owner="ali")
    assert merge_file(team, old, owner="mona").annotators == ["mona"]
    assert rows_of(team.path, "mona") == rows_of(files["mona"], "mona")
    result = subprocess.run([sys.executable, "-m", "annotator", "merge", str(team.path), str(copy), "--as", "gold"],
                            capture_output=True, text=True, env=child_env(), cwd=REPO, timeout=120)
    assert result.returncode == 2 and "cannot be an annotator name" in result.stderr


def test_spans_outside_the_text_and_articles_unlike_the_teams_are_skipped_and_reported(tmp_path):
    """Bug: evidence and mentions outside their article's text were merged (and exported), and an
    article row differing from the team's one with the same id was taken as the same article."""
    team, files, ids = handed_out(tmp_path)
    length = len(team.article_text(ids[0]))
    with Project.open(files["mona"]) as p:
        sid = p.set_stance(ids[0], AUTHOR, "TUR", "AGAINST", "mona")
        m = first_mention(p, ids[0], "TUR")
        p.add_evidence(sid, m.start, m.end, "mona")
        p.add_mention(ids[0], "USA", 0, 4, "mona")
        p.set_stance(ids[1], AUTHOR, "YPG", "FAVOR", "mona")
    sql(files["mona"], f"UPDATE evidence SET \"end\" = {length + 50}",
        f"UPDATE mentions SET start = {length + 1}, \"end\" = {length + 9} WHERE annotator = 'mona'",
        "UPDATE articles SET title = 'changed' WHERE id = ?", params=(ids[1],))
    report = merge_file(team, files["mona"])
    assert report.refused_articles == [(ids[1], "it differs from the team project's article with this id")]
    assert dict(report.outside) == {"evidence": 1, "mentions": 1}
    text = report.summary()
    assert f"article {ids[1]!r} not merged" in text and "outside their article's text: 1 evidence, 1 mentions" in text
    conn = sqlite3.connect(team.path)
    assert conn.execute('SELECT count(*) FROM evidence WHERE "end" > ?', (length,)).fetchone()[0] == 0
    assert conn.execute('SELECT count(*) FROM mentions WHERE "end" > ?', (length,)).fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM stances WHERE annotator = 'mona' AND article_id = ?",
                        (ids[1],)).fetchone()[0] == 0
    assert {s.target for s in team.stances(ids[0], "mona")} == {"TUR", "USA"}
    assert team.article(ids[1])["title"] != "changed"


def test_a_new_article_whose_id_does_not_match_its_text_is_refused(tmp_path):
    team, files, ids = handed_out(tmp_path)
    sql(files["mona"], "INSERT INTO articles(id, raw, raw_sha256, encoding, text, text_sha256, imported_at)"
        " VALUES ('fake', x'00', 'x', 'utf-8', 'نص', 'y', '')")
    report = merge_file(team, files["mona"])
    assert report.refused_articles == [("fake", "its id or checksums do not match its text")]
    assert "fake" not in team.article_ids()


def _run_merge(team: Path, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annotator", "merge", str(team), *map(str, files)],
                          capture_output=True, text=True, env=child_env(), cwd=REPO, timeout=120)


@pytest.mark.parametrize("damage, message", [
    ("UPDATE stances SET target_id = 'NOPE' WHERE annotator = 'mona'", "stances row {'id': '.*'}: FOREIGN KEY"),
    ("UPDATE stances SET intensity = 7 WHERE annotator = 'mona'", "stances row {'id': '.*'}: CHECK constraint"),
])
def test_rows_the_team_refuses_name_the_file_and_row_and_the_other_files_are_merged(tmp_path, damage, message):
    """Bug: merge raised IntegrityError (a traceback) for a stance toward a missing actor or one
    breaking a CHECK rule, and the later files of the same command were not merged."""
    team, files, ids = handed_out(tmp_path)
    with Project.open(files["ali"]) as p:
        p.set_stance(ids[1], AUTHOR, "YPG", "AGAINST", "ali")
    conn = sqlite3.connect(files["mona"])
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(damage)
    conn.commit()
    conn.close()
    mona_before = rows_of(team.path, "mona")
    team.close()
    result = _run_merge(tmp_path / "team.annotator", files["mona"], files["ali"])
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert re.search(f"{re.escape(str(files['mona']))}: the team project refused {message}", result.stderr)
    assert "nothing was merged from this file" in result.stderr
    assert rows_of(tmp_path / "team.annotator", "mona") == mona_before
    assert rows_of(tmp_path / "team.annotator", "ali") == rows_of(files["ali"], "ali")


def test_flipped_bytes_in_one_file_are_a_message_and_the_other_files_are_merged(tmp_path):
    """Bug: sqlite3.DatabaseError from a damaged file was a traceback that stopped the command."""
    team, files, ids = handed_out(tmp_path)
    with Project.open(files["mona"]) as p:
        for i in range(300):  # enough change-log pages to damage one beyond the schema's
            p.set_stance(ids[0], AUTHOR, "YPG", ["FAVOR", "AGAINST"][i % 2], "mona")
    with Project.open(files["ali"]) as p:
        p.set_stance(ids[1], AUTHOR, "YPG", "AGAINST", "ali")
    data = bytearray(files["mona"].read_bytes())
    page = 4096
    assert len(data) > 20 * page
    for start in range(8 * page, len(data) - page, 3 * page):
        data[start:start + page] = b"\xa5" * page
    files["mona"].write_bytes(bytes(data))
    mona_before = rows_of(team.path, "mona")
    team.close()
    result = _run_merge(tmp_path / "team.annotator", files["mona"], files["ali"])
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert f"{files['mona']}: " in result.stderr and "nothing was merged" in result.stderr
    assert rows_of(tmp_path / "team.annotator", "mona") == mona_before
    assert rows_of(tmp_path / "team.annotator", "ali") == rows_of(files["ali"], "ali")
