"""A child process that edits a project the way the GUI does, for the crash and concurrency tests.

    python crash_child.py run PROJECT SEED ANNOTATOR [EDITS]
    python crash_child.py serve

`run` opens the project as the annotation window does (a presence entry, an `AnnotationSession`
with time recording, no widgets) and performs a seeded script of varied edits through
`AnnotationSession.perform` and its undo stack: add, review and delete mentions, set, change and
delete stances, add and remove evidence, statuses, boilerplate flips, gold stances, undo, redo and
moving to another article. After each edit is committed it writes one line to stdout:

    ack {"n": 3, "id": CHANGE_ID, "seq": 17, "kind": "do", "action": "set_stance", "sha": PAYLOAD_SHA256}

so whatever the parent reads there is on disk. An edit the session refuses is reported as
`fail {"message": ...}`. It runs until killed, or for EDITS edits and then prints `done {...}`.

`serve` imports all of the above once and then forks one `run` per request read from stdin
(`{"op": "run", "args": [...], "env": {...}}`, answered `{"pid": N}`; `{"op": "wait", "pid": N}`
reaps it and answers how it ended), so hundreds of runs can be killed without paying Python's
start-up each time. Children share the server's stdout, one at a time.

Test-only hooks, from the environment: with `CRASH_CHILD_STALL=P`, each SQL statement inside a
transaction stalls, with probability P, after printing `stall {"sql": ...}`: the parent then kills
the child while it holds a transaction open. With `CRASH_CHILD_WAIT=1`, the child waits for a line
on stdin after `ready`, so several children can start editing at the same moment. With
`CRASH_CHILD_PAUSE=S`, it pauses up to S seconds between edits, as a person does: SQLite's busy
wait is not fair, and a loop committing without a pause can keep another process waiting.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import sys
import time
import traceback
from pathlib import Path

from annotator.core.model import AUTHOR
from annotator.storage.presence import Presence
from annotator.storage.project import Project
from annotator.ui.commands import (
    AddEvidenceCommand,
    AddMentionCommand,
    ClearGoldCommand,
    DeleteMentionCommand,
    DeleteStanceCommand,
    RemoveEvidenceCommand,
    SetGoldCommand,
    SetMentionStatusCommand,
    SetSegmentKindCommand,
    SetStanceCommand,
    SetStatusCommand,
    UpdateStanceCommand,
)
from annotator.ui.session import AnnotationSession

STALL_SECONDS = 30


def emit(tag: str, **fields) -> None:
    """One line, one write(2) on the raw descriptor: nothing buffered is lost or repeated by a fork."""
    os.write(1, f"{tag} {json.dumps(fields, ensure_ascii=False)}\n".encode("utf-8"))


class RecordingSession(AnnotationSession):
    """The real session; remembers the change id of the last commit so the child can acknowledge it."""

    last_change: str | None = None

    def commit(self, edit, *, kind="do", ref=""):
        self.last_change = super().commit(edit, kind=kind, ref=ref)
        return self.last_change


class Script:
    """Seeded random edits on the open article, each pushed through the session like a key press."""

    def __init__(self, session: RecordingSession, rng: random.Random):
        self.s = session
        self.rng = rng
        self.project = session.project
        self.actors = [a.id for a in self.project.actors()]
        self.labels = [label.name for label in session.labels]
        self.articles = self.project.article_ids()

    def word(self) -> tuple[int, int]:
        words = [m.span() for m in re.finditer(r"\w+", self.s.state.text)]
        return self.rng.choice(words)

    def step(self) -> str | None:
        """Do one thing; returns the kind of change committed ("do", "undo", "redo") or None."""
        s, rng, state = self.s, self.rng, self.s.state
        aid = state.article_id
        mine = [m for m in state.mentions if m.origin == "manual" and m.annotator == s.annotator]
        proposals = [m for m in state.mentions if m.status == "proposed"]
        stances = state.stances
        op = rng.choices(
            ["open", "add_mention", "review", "delete_mention", "set_stance", "update_stance", "delete_stance",
             "add_evidence", "remove_evidence", "status", "segment", "gold", "undo", "redo"],
            weights=[4, 8, 8, 3, 12, 4, 3, 8, 4, 5, 2, 3, 8, 4],
        )[0]
        s.last_change = None
        if op == "open":
            s.open_article(rng.choice(self.articles))
            return None
        if op == "undo" or op == "redo":
            stack = s.undo_stack
            if not (stack.canUndo() if op == "undo" else stack.canRedo()):
                return None
            stack.undo() if op == "undo" else stack.redo()
            return op if s.last_change else None
        build = self.command(op, aid, mine, proposals, stances)
        if build is None:
            return None
        return "do" if s.perform(build) else None

    def command(self, op, aid, mine, proposals, stances):
        s, rng = self.s, self.rng
        if op == "add_mention":
            start, end = self.word()
            actor = rng.choice(self.actors)
            return lambda: AddMentionCommand(s, aid, actor, start, end)
        if op == "review" and proposals:
            m, status = rng.choice(proposals), rng.choice(["accepted", "rejected"])
            return lambda: SetMentionStatusCommand(s, m.id, status)
        if op == "delete_mention" and mine:
            m = rng.choice(mine)
            return lambda: DeleteMentionCommand(s, m.id)
        if op == "set_stance":
            target = rng.choice(self.actors)
            holder = rng.choice([AUTHOR, AUTHOR, *[a for a in self.actors if a != target]])
            label = rng.choice(self.labels)
            return lambda: SetStanceCommand(s, aid, holder, target, label)
        if op == "update_stance" and stances:
            st = rng.choice(stances)
            fields = rng.choice([{"note": f"note {rng.randrange(1000)} ملاحظة"}, {"intensity": rng.randint(1, 3)},
                                 {"explicit": rng.random() < 0.5}])
            return lambda: UpdateStanceCommand(s, st.id, **fields)
        if op == "delete_stance" and stances:
            st = rng.choice(stances)
            return lambda: DeleteStanceCommand(s, st.id)
        if op == "add_evidence" and stances:
            st, (start, end) = rng.choice(stances), self.word()
            return lambda: AddEvidenceCommand(s, st.id, start, end)
        if op == "remove_evidence" and stances:
            rows = self.project.evidence_rows(rng.choice(stances).id)
            if rows:
                ev = rng.choice(rows)["id"]
                return lambda: RemoveEvidenceCommand(s, ev)
        if op == "status":
            status = rng.choice(["in progress", "done", "skipped", "flagged"])
            reason = {"skipped": "off topic", "flagged": "unclear: ask"}.get(status, "")
            return lambda: SetStatusCommand(s, aid, status, reason)
        if op == "segment" and s.state.segments:
            seg = rng.choice(s.state.segments)
            kind = "body" if seg["kind"] != "body" else "nav"
            return lambda: SetSegmentKindCommand(s, seg["id"], kind)
        if op == "gold" and stances:
            st = rng.choice(stances)
            if rng.random() < 0.3 and any(g["target"] == st.target and g["holder"] == st.holder
                                          for g in self.project.gold_stances(aid)):
                return lambda: ClearGoldCommand(s, aid, st.holder, st.target)
            label = rng.choice(self.labels)
            return lambda: SetGoldCommand(s, aid, st.holder, st.target, label)
        return None


def install_stall_hook(project: Project, probability: float, rng: random.Random) -> None:
    """Test-only: sometimes sleep inside a transaction, after saying so (see the module docstring)."""

    def trace(sql: str) -> None:
        if project.conn.in_transaction and not sql.startswith("BEGIN") and rng.random() < probability:
            emit("stall", sql=sql[:60])
            time.sleep(STALL_SECONDS)

    project.conn.set_trace_callback(trace)


def run(project_path: str, seed: int, annotator: str, edits: int | None = None) -> None:
    rng = random.Random(seed)
    project = Project.open(project_path)
    presence = Presence(project.path, "gui", annotator)
    presence.enter()
    session = RecordingSession(project, annotator, presence=presence)
    session.failed.connect(lambda message: emit("fail", message=message))
    script = Script(session, rng)
    session.open_article(rng.choice(script.articles))
    stall = float(os.environ.get("CRASH_CHILD_STALL", "0"))
    if stall:
        install_stall_hook(project, stall, random.Random(seed + 1))
    emit("ready", pid=os.getpid())
    if os.environ.get("CRASH_CHILD_WAIT"):
        sys.stdin.readline()
    pause = float(os.environ.get("CRASH_CHILD_PAUSE", "0"))
    n = 0
    while edits is None or n < edits:
        if pause:
            time.sleep(rng.uniform(0, pause))
        kind = script.step()
        if kind is None:
            continue
        n += 1
        seq, payload = project.conn.execute(
            "SELECT seq, payload FROM changes WHERE id = ?", (session.last_change,)).fetchone()
        emit("ack", n=n, id=session.last_change, seq=seq, kind=kind, action=json.loads(payload)["action"],
             sha=hashlib.sha256(payload.encode("utf-8")).hexdigest())
    session.close()
    emit("done", edits=n)


def serve() -> None:
    """Fork a `run` per request (see the module docstring)."""
    for line in sys.stdin:
        request = json.loads(line)
        if request["op"] == "run":
            go_r, go_w = os.pipe()
            pid = os.fork()
            if pid == 0:
                os.close(go_w)
                os.read(go_r, 1)  # wait until the server has announced our pid
                os.close(go_r)
                os.environ.update(request.get("env", {}))
                code = 0
                try:
                    run(*request["args"])
                except BaseException:
                    traceback.print_exc()
                    code = 1
                os._exit(code)
            os.close(go_r)
            os.write(1, (json.dumps({"pid": pid}) + "\n").encode())
            os.write(go_w, b"x")
            os.close(go_w)
        elif request["op"] == "wait":
            _, status = os.waitpid(request["pid"], 0)
            signal = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
            code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else None
            os.write(1, (json.dumps({"reaped": request["pid"], "signal": signal, "code": code}) + "\n").encode())


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve()
    else:
        path, seed, annotator, *rest = sys.argv[2:]
        run(str(Path(path)), int(seed), annotator, int(rest[0]) if rest else None)
