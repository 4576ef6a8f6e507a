"""Team progress for `annotator stats`: adjudication progress, time per item, throughput.

Reads a project through its connection and `Project` methods; returns plain dicts (JSON-ready).
Time comes from two sources that can disagree: `article_status.seconds` (time the GUI counted with
the article open) and the change log (when edits were made). "Active" log time adds up the gaps
between an annotator's consecutive edits, leaving out gaps longer than `IDLE_SECONDS` (breaks).
"""

from __future__ import annotations

from datetime import datetime

IDLE_SECONDS = 600.0


def multi_coded_articles(project, min_coders: int = 2) -> list[str]:
    """Ids of the articles at least `min_coders` annotators marked done, in import order."""
    rows = project.conn.execute(
        "SELECT a.id FROM articles a JOIN article_status s ON s.article_id = a.id AND s.status = 'done'"
        " GROUP BY a.n HAVING count(*) >= ? ORDER BY a.n",
        (min_coders,),
    )
    return [r[0] for r in rows]


def adjudication_progress(project) -> dict:
    """Articles done by two or more annotators, their items, disagreements and how many are adjudicated.

    `remaining` counts disagreements without a gold stance; `gold_stances` every gold stance,
    including those of agreed items stored by `annotator adjudicate --accept-agreed`.
    """
    articles = multi_coded_articles(project)
    items = disagreements = adjudicated = 0
    for aid in articles:
        for item in project.stance_items(aid):
            if not item.judgements:
                continue
            items += 1
            if item.disagreement:
                disagreements += 1
                adjudicated += item.gold is not None
    gold = project.conn.execute("SELECT count(*) FROM gold_stances").fetchone()[0]
    return {
        "articles": len(articles), "items": items, "disagreements": disagreements, "adjudicated": adjudicated,
        "remaining": disagreements - adjudicated, "gold_stances": gold,
    }


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def active_seconds(timestamps: list[str], idle: float = IDLE_SECONDS) -> float:
    """Seconds between consecutive timestamps (ISO 8601, sorted), leaving out gaps longer than `idle`."""
    times = [datetime.fromisoformat(t) for t in timestamps]
    gaps = ((b - a).total_seconds() for a, b in zip(times, times[1:]))
    return sum(g for g in gaps if 0 <= g <= idle)


def _log_times(project) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ann, ts in project.conn.execute("SELECT annotator, ts FROM changes ORDER BY annotator, ts"):
        out.setdefault(ann, []).append(ts)
    return out


def throughput(project) -> dict:
    """Per annotator: articles done, stances, seconds, time per article and per stance, articles done
    per hour (by recorded seconds and by active change-log time), first and last edit. A rate is
    None when its time is 0."""
    conn = project.conn
    done = dict(conn.execute("SELECT annotator, count(*) FROM article_status WHERE status = 'done' GROUP BY annotator"))
    seconds = dict(conn.execute("SELECT annotator, sum(seconds) FROM article_status GROUP BY annotator"))
    stances = dict(conn.execute("SELECT annotator, count(*) FROM stances GROUP BY annotator"))
    logs = _log_times(project)
    out = {}
    for ann in sorted(set(done) | set(seconds) | set(stances) | set(logs)):
        n, secs, k, log = done.get(ann, 0), float(seconds.get(ann) or 0.0), stances.get(ann, 0), logs.get(ann, [])
        active = active_seconds(log)
        out[ann] = {
            "done": n, "stances": k, "seconds": round(secs, 1), "seconds_per_article": _ratio(secs, n),
            "seconds_per_stance": _ratio(secs, k), "done_per_hour": _ratio(n * 3600, secs),
            "edits": len(log), "log_active_seconds": round(active, 1), "seconds_per_edit": _ratio(active, len(log)),
            "done_per_log_hour": _ratio(n * 3600, active),
            "first_edit": log[0] if log else "", "last_edit": log[-1] if log else "",
        }
    return out
