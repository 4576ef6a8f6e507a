"""Hand out a team project's articles: one project file per annotator.

`plan_assignment` decides who gets which article (pure, deterministic for a seed): a fraction of
the articles (`overlap`) goes to `per_overlap` annotators each, for measuring agreement; the rest
to one annotator each, so that everyone gets about the same number. `assign` writes the files:
each holds its annotator's share of the articles (ids unchanged, with their segments and proposed
mentions), the actor lexicon, the label set, the guidelines and the team's `project_id`, so
`merge` can tell the files belong together, and the team's newest ready stance model with the
open suggestions for those articles (none in blind mode: `team.suggestions`). The assignment is recorded in the `assignments`
table of the team project (every annotator's rows) and of each file (that annotator's rows).
Articles handed out in an earlier round are not handed out again.

Each file records its owner (setting `annotator`) and a random handout token (setting `handout`);
the team project records the token's SHA-256 with the owner's name (setting `handouts`), which
is how `merge` knows whose work a returned file holds.

A round is all-or-nothing, even when the process is killed: the files are written to temporaries
created exclusively in the out folder (`.NAME.*.assign-part`), the round is then committed in the
team project together with the list of temporaries still to be put in place (setting
`assign_pending`), and only then are they moved to their names (a hard link, which never
replaces a file, then the temporary's removal). Killed before the commit, nothing was handed out
(the next `assign` removes the temporaries left behind); killed after it, the next `assign`
puts the interrupted round's files in place and reports that round instead of starting another.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from ..storage.project import Project, ProjectError, now
from ..storage.safe_files import exclusive_temp
from .copy import copy_actors, copy_article, copy_proposals
from .gold import GOLD
from .suggestions import hand_out

PENDING = "assign_pending"  # team setting: a committed round whose files are not all in place yet
HANDOUTS = "handouts"  # team setting: {sha256 of a file's handout token: its owner}
_PART = ".assign-part"
RESERVED_NAMES = ("auto", GOLD)  # 'auto' owns proposals; 'gold' selects the gold layer
_NAME = re.compile(r"^[^\s/\\:.][^/\\:]*$")


@dataclass
class Plan:
    """Who gets which article: `shares[annotator]` in import order; `overlap` the multiply-given ids."""

    annotators: list[str]
    shares: dict[str, list[str]]
    overlap: set[str] = field(default_factory=set)


@dataclass
class AssignReport:
    round: int
    files: dict[str, Path]
    articles: int
    overlap: int
    shares: dict[str, int]
    resumed: bool = False  # an interrupted round was completed; no new round was started

    def summary(self) -> str:
        """What was written, for people."""
        lines = [f"round {self.round}: {self.articles} article(s), {self.overlap} of them to more than one annotator"]
        if self.resumed:
            lines[0] += (" (this round was interrupted after it was recorded; its files are now in place;"
                         " run assign again for a new round)")
        lines += [f"  {ann}: {self.shares[ann]} article(s) -> {path}" for ann, path in self.files.items()]
        return "\n".join(lines)


def check_names(annotators: Sequence[str]) -> list[str]:
    """The names, stripped; raises ValueError for an empty, duplicate, reserved or file-unsafe name."""
    names = [a.strip() for a in annotators]
    if not names:
        raise ValueError("name at least one annotator, e.g. --annotators ali,mona")
    for n in names:
        if not _NAME.match(n) or n.lower() in RESERVED_NAMES:
            raise ValueError(f"{n!r} cannot be an annotator name (empty, reserved, or not usable as a file name)")
    if len(set(names)) != len(names):
        raise ValueError("an annotator is named twice")
    return names


def _least_loaded(load: dict[str, int], order: list[str], k: int, turn: int) -> list[str]:
    """The `k` annotators with the fewest articles; ties go round-robin, starting at `turn`."""
    n = len(order)
    ranked = sorted(range(n), key=lambda i: (load[order[i]], (i - turn) % n))
    return [order[i] for i in ranked[:k]]


def plan_assignment(
    article_ids: Sequence[str], annotators: Sequence[str], *, overlap: float, per_overlap: int = 2,
    seed: int = 0, limit: int | None = None,
) -> Plan:
    """Decide who gets which of `article_ids` (in import order); the same inputs give the same plan.

    `limit` hands out only that many articles (a random sample for `seed`). round(overlap * n)
    articles, drawn at random, go to `per_overlap` annotators each. Raises ValueError for an
    overlap outside [0, 1], too few annotators for the overlap, a bad limit, or no articles.
    """
    names = check_names(annotators)
    if not 0 <= overlap <= 1:
        raise ValueError(f"overlap {overlap} is a fraction between 0 and 1")
    if overlap > 0 and not 2 <= per_overlap <= len(names):
        raise ValueError(f"an overlap needs 2 to {len(names)} annotators per shared article (got {per_overlap})")
    if limit is not None and limit <= 0:
        raise ValueError("the number of articles to hand out must be positive")
    if not article_ids:
        raise ValueError("there are no articles to hand out (all were assigned in earlier rounds?)")
    rng = random.Random(seed)
    ids = list(article_ids)
    if limit is not None and limit < len(ids):
        ids = [ids[i] for i in sorted(rng.sample(range(len(ids)), limit))]
    shuffled = ids[:]
    rng.shuffle(shuffled)
    n_overlap = round(overlap * len(ids))
    load = {n: 0 for n in names}
    given: dict[str, set[str]] = {n: set() for n in names}
    for turn, aid in enumerate(shuffled):
        k = per_overlap if turn < n_overlap else 1
        for ann in _least_loaded(load, names, k, turn):
            given[ann].add(aid)
            load[ann] += 1
    shares = {n: [a for a in ids if a in given[n]] for n in names}
    return Plan(names, shares, set(shuffled[:n_overlap]))


def unassigned_articles(team: Project) -> list[str]:
    """Ids of the articles no round has handed out yet, in import order."""
    rows = team.conn.execute(
        "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM assignments s WHERE s.article_id = a.id)"
        " ORDER BY n"
    )
    return [r[0] for r in rows]


def next_round(team: Project) -> int:
    return (team.conn.execute("SELECT max(round) FROM assignments").fetchone()[0] or 0) + 1


def _record(project: Project, rows: list[tuple]) -> None:
    project.conn.executemany(
        "INSERT INTO assignments(article_id, annotator, round, overlap, assigned_at) VALUES (?,?,?,?,?)", rows
    )


def handout_digest(token: str) -> str:
    """What the team project records of a handout token (the token itself stays in the file)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _write_file(team: Project, path: Path, annotator: str, rows: list[tuple], round_no: int, token: str) -> None:
    """Fill the new (empty) project file at `path` with one annotator's share."""
    with Project.open(path, create=True, name=f"{team.setting('name', '')} ({annotator})") as p:
        with p.db.atomic():
            for key in ("project_id", "labels", "guidelines"):
                p.set_setting(key, team.setting(key))
            p.set_setting("annotator", annotator)
            p.set_setting("handout", token)
            p.set_setting("team_round", round_no)
            p.ensure_annotator(annotator)
            copy_actors(team.conn, p)
            for aid, *_ in rows:
                copy_article(team.conn, p, aid)
                copy_proposals(team.conn, p, aid)
            hand_out(team.conn, p, [aid for aid, *_ in rows])
            _record(p, rows)


def _remove(paths) -> None:
    for path in paths:
        for extra in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{extra}").unlink(missing_ok=True)


def _leftovers(out: Path, names: Sequence[str]) -> list[Path]:
    """Temporaries an assign killed before its commit left in `out` for these annotators."""
    if not out.is_dir():
        return []
    return [f for n in names for f in out.glob(f".{n}.*{_PART}") if f.is_file() and not f.is_symlink()]


def _move(tmp: Path, final: Path) -> None:
    """Give the finished file `tmp` its name `final`, never replacing a file already there."""
    os.link(tmp, final)
    tmp.unlink()


def _publish(team: Project, pending: dict) -> AssignReport:
    """Move a committed round's temporaries to their names, then clear the pending record.

    Raises ProjectError (the round stays pending, so the next `assign` tries again) when a
    file is in the way or a temporary went missing.
    """
    files = {}
    for name, (tmp, final) in pending["files"].items():
        tmp, final = Path(tmp), Path(final)
        files[name] = final
        if os.path.lexists(tmp):
            try:
                _move(tmp, final)
            except FileExistsError as e:
                raise ProjectError(f"{final}: a file is in the way of round {pending['round']}'s file for {name},"
                                   f" which is at {tmp}; move the other file away and run assign again") from e
        elif not os.path.lexists(final):
            raise ProjectError(f"{tmp}: round {pending['round']}'s file for {name} went missing before it was put"
                               " in place; the team project records the round, so hand the articles out again"
                               " by hand (annotator assign will not)")
    team.set_setting(PENDING, None)
    return AssignReport(pending["round"], files, pending["articles"], pending["overlap"], pending["shares"])


def assign(
    team: Project, annotators: Sequence[str], out_dir: str | Path, *, overlap: float = 0.2, per_overlap: int = 2,
    seed: int = 0, limit: int | None = None,
) -> AssignReport:
    """Write OUT_DIR/NAME.annotator for every annotator and record the round in the team project.

    Hands out the articles no earlier round handed out (see `plan_assignment`). When an earlier
    assign was interrupted after recording its round, puts that round's files in place instead
    and returns its report (`resumed`). Raises ValueError for bad options or nothing left to hand
    out, ProjectError when a target file exists already (nothing is written then). On any error
    the files written so far are removed and the team project is unchanged; see the module
    docstring for a kill.
    """
    if team.setting("annotator"):
        raise ProjectError(f"{team.path}: this is {team.setting('annotator')}'s file; assign from the team project")
    pending = team.setting(PENDING)
    if pending:
        report = _publish(team, pending)
        report.resumed = True
        return report
    plan = plan_assignment(unassigned_articles(team), annotators, overlap=overlap, per_overlap=per_overlap,
                           seed=seed, limit=limit)
    out = Path(out_dir)
    paths = {n: out / f"{n}.annotator" for n in plan.annotators}
    for path in paths.values():
        if os.path.lexists(path):
            raise ProjectError(f"{path}: already exists; choose another --out folder (nothing was written)")
    out.mkdir(parents=True, exist_ok=True)
    _remove(_leftovers(out, plan.annotators))
    round_no, ts = next_round(team), now()
    rows = {n: [(aid, n, round_no, int(aid in plan.overlap), ts) for aid in plan.shares[n]] for n in plan.annotators}
    tokens = {n: secrets.token_urlsafe(32) for n in plan.annotators}
    temps: dict[str, Path] = {}
    total = len({aid for share in plan.shares.values() for aid in share})
    try:
        for name in plan.annotators:
            fd, temps[name] = exclusive_temp(paths[name], suffix=_PART)
            os.close(fd)
            _write_file(team, temps[name], name, rows[name], round_no, tokens[name])
        pending = {"round": round_no, "articles": total, "overlap": len(plan.overlap),
                   "shares": {n: len(s) for n, s in plan.shares.items()},
                   "files": {n: [str(temps[n]), str(paths[n])] for n in plan.annotators}}
        with team.db.atomic():
            for name in plan.annotators:
                team.ensure_annotator(name)
                _record(team, rows[name])
            handouts = team.setting(HANDOUTS) or {}
            handouts.update({handout_digest(tokens[n]): n for n in plan.annotators})
            team.set_setting(HANDOUTS, handouts)
            team.set_setting(PENDING, pending)
    except BaseException:
        _remove(temps.values())
        raise
    return _publish(team, pending)
