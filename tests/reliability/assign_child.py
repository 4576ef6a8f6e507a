"""A child process that runs `assign` and kills itself with SIGKILL at a chosen point.

    python assign_child.py TEAM OUT POINT N

POINT is where the SIGKILL comes: `file` after the N-th annotator's file is written (before the
round is committed), `commit` right after the round is committed (before any file is moved into
place), `move` after the N-th file is moved into place. The hooks wrap the module's own steps, so
the code that runs is the code `annotator assign` runs. Prints `not killed` if the point never came.
"""

from __future__ import annotations

import os
import signal
import sys

import annotator.team.assign as assign_mod
from annotator.storage.project import Project

ANNOTATORS = ["ali", "mona", "omar"]


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def after_nth(real, n: int):
    calls = []

    def wrapped(*args):
        result = real(*args)
        calls.append(1)
        if len(calls) == n:
            die()
        return result

    return wrapped


def main() -> None:
    team, out, point, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    if point == "file":
        assign_mod._write_file = after_nth(assign_mod._write_file, n)
    elif point == "commit":
        assign_mod._publish = lambda *args: die()
    elif point == "move":
        assign_mod._move = after_nth(assign_mod._move, n)
    with Project.open(team) as p:
        assign_mod.assign(p, ANNOTATORS, out, overlap=0.5, seed=1)
    print("not killed")


if __name__ == "__main__":
    main()
