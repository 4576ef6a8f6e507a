"""Read-only project files (issue 9, item 14).

A `chmod 444` project could not be opened in the window even to read it, and a project in a folder
without write permission gave "not an annotator project" even for `stats`. Now such a project
opens read-only: reading commands work, writing commands say the file or folder is read-only and
exit non-zero, and the window says so and disables editing.

Root ignores file permissions, and these tests (like CI) run as root: the part that needs
permissions runs in a child process as `nobody` (`setpriv`), or as the current user when that is
not root. The folders are made with `mkdtemp` under /tmp, since pytest's own are private to root.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from annotator.sample import create_sample_project
from reliakit import REPO

NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
CLI = "import sys; from annotator.cli import main; sys.exit(main(sys.argv[1:]))"


def _prefix() -> list[str]:
    return NOBODY if os.geteuid() == 0 else []


@pytest.fixture(scope="module")
def unprivileged():
    """Skip unless a child process can run annotator as a user that file permissions apply to."""
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: cannot test file permissions")
    folder = tempfile.mkdtemp(prefix="ro-probe-")
    try:
        os.chmod(folder, 0o755)
        out = subprocess.run([*_prefix(), sys.executable, "-c", "import os, annotator.cli, PySide6; print(os.geteuid())"],
                             capture_output=True, text=True, env=_env(Path(folder)), cwd=folder)
    finally:
        shutil.rmtree(folder)
    if out.returncode != 0 or out.stdout.strip() == "0":
        pytest.skip(f"cannot run annotator as an unprivileged user here: {out.stderr.strip()[-300:]}")


def _env(home: Path) -> dict:
    return {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen", "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local")}


@pytest.fixture
def public(unprivileged):
    """A folder under /tmp the unprivileged user can reach (and write: it owns it)."""
    folder = Path(tempfile.mkdtemp(prefix="ro-test-"))
    os.chmod(folder, 0o755)
    home = folder / "home"
    home.mkdir()
    out = folder / "out"
    out.mkdir()
    if os.geteuid() == 0:
        for p in (home, out):
            shutil.chown(p, "nobody")
    yield folder
    for root, dirs, _files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
    shutil.rmtree(folder)


def run(home: Path, *args: str, code: str = CLI) -> subprocess.CompletedProcess:
    return subprocess.run([*_prefix(), sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env=_env(home), cwd=home, timeout=180)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def give(path: Path) -> None:
    """Make `path` the unprivileged user's (when the tests run as root)."""
    if os.geteuid() == 0:
        shutil.chown(path, "nobody")


def annotated_project(path: Path) -> Path:
    """The sample project with one stance, so that reading commands have something to show."""
    from annotator.core.model import AUTHOR
    from annotator.storage.project import Project

    create_sample_project(path)
    with Project.open(path) as p:
        aid = next(iter(p.iter_articles()))["id"]
        p.set_stance(aid, AUTHOR, "TUR", "AGAINST", "ali")
        p.set_status(aid, "ali", "done")
    return path


READING = [
    ("stats", ["--json"]),
    ("export", ["-o", "{out}/export.jsonl", "--format", "pairs"]),
    ("search", ["الرقة"]),
    ("agreement", []),
    ("actors", ["--list"]),
    ("adjudicate", []),
    ("pack", ["-o", "{out}/packed.annotator"]),
    ("screenshot", ["-o", "{out}/shot.png"]),
]
WRITING = [
    ("import", ["{out}"]),
    ("suggest", []),
    ("undo", ["--annotator", "ali"]),
    ("adjudicate", ["--accept-agreed", "--adjudicator", "lead"]),
    ("assign", ["--annotators", "a,b", "--out", "{out}/handout"]),
    ("merge", ["{out}/packed.annotator"]),
]


# Runs `annotator.cli.main` once per command line (JSON on stdin) in one unprivileged process, to
# spare a Python start-up per command; prints [exit code, stderr] per command as JSON.
COMMANDS = """
import contextlib, io, json, sys, traceback
from annotator.cli import main
results = []
for argv in json.load(sys.stdin):
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except BaseException:
            code, _ = -1, err.write(traceback.format_exc())
    results.append([code, err.getvalue()])
print(json.dumps(results))
"""


def check_commands(folder: Path, project: Path, why: str) -> None:
    home, out = folder / "home", folder / "out"
    before = digest(project)
    lines = [[command, str(project), *[a.format(out=out) for a in extra]] for command, extra in READING + WRITING]
    child = subprocess.run([*_prefix(), sys.executable, "-c", COMMANDS], input=json.dumps(lines), capture_output=True,
                           text=True, env=_env(home), cwd=home, timeout=300)
    assert child.returncode == 0, child.stderr
    results = json.loads(child.stdout.strip().splitlines()[-1])
    for argv, (code, stderr) in zip(lines[:len(READING)], results):
        assert code == 0, (argv, stderr)
    assert "AGAINST" in (out / "export.jsonl").read_text(encoding="utf-8")
    assert (out / "shot.png").stat().st_size > 0
    for argv, (code, stderr) in zip(lines[len(READING):], results[len(READING):]):
        assert code == 2, (argv, stderr)
        assert "read-only" in stderr and why in stderr and "Traceback" not in stderr, (argv, stderr)
        assert "not an annotator project" not in stderr
    assert digest(project) == before


def chmod_444_project(public) -> Path:
    """An annotated project that everyone may read and nobody may write, in a folder anyone may read."""
    folder = public / "files"
    folder.mkdir()
    project = annotated_project(folder / "p.annotator")
    give(folder)
    give(project)
    project.chmod(0o444)
    return project


def test_a_chmod_444_project_reads_and_refuses_writes_bug_not_openable(public):
    """Regression: a project without write permission could not be opened at all."""
    project = chmod_444_project(public)
    check_commands(public, project, "no write permission on the file")


def test_a_project_in_a_read_only_folder_reads_bug_not_an_annotator_project(public):
    """Regression: `stats` on a project in a folder without write permission said "not an annotator
    project (unable to open database file)"."""
    folder = public / "shared"
    folder.mkdir()
    project = annotated_project(folder / "p.annotator")
    give(project)  # the file is writable: only the folder is not
    folder.chmod(0o555)
    before = sorted(os.listdir(folder))
    check_commands(public, project, "no write permission on its folder")
    assert sorted(os.listdir(folder)) == before  # no -wal or -shm appeared


CRASH = """
import os, signal, sys
from annotator.core.model import AUTHOR
from annotator.storage.project import Project
p = Project.open(sys.argv[1])
aid = next(iter(p.iter_articles()))["id"]
p.set_stance(aid, AUTHOR, "USA", "FAVOR", "mona")
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_read_only_folder_after_a_crash_shows_the_recovered_edits_or_says_what_to_copy(public):
    """With the crashed program's -wal and -shm the edits are read; with a -wal but no -shm (which a
    read-only folder cannot get) the project is refused with what to do, never shown without them."""
    folder = public / "crashed"
    folder.mkdir()
    project = annotated_project(folder / "p.annotator")
    crash = subprocess.run([sys.executable, "-c", CRASH, str(project)], env=_env(public), cwd=REPO)
    assert crash.returncode == -signal.SIGKILL
    assert Path(f"{project}-wal").stat().st_size > 0
    folder.chmod(0o555)
    stats = run(public / "home", "stats", str(project), "--json")
    assert stats.returncode == 0, stats.stderr
    assert json.loads(stats.stdout)["stances_by_label"] == {"AGAINST": 1, "FAVOR": 1}
    folder.chmod(0o755)
    Path(f"{project}-shm").unlink()
    folder.chmod(0o555)
    refused = run(public / "home", "stats", str(project))
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "-wal" in refused.stderr and "Copy p.annotator and p.annotator-wal" in refused.stderr


def test_a_read_only_old_project_is_refused_with_what_to_do(public):
    """A project from an older annotator needs an upgrade (a write): say so instead of failing."""
    folder = public / "old"
    folder.mkdir()
    project = folder / "v1.annotator"
    shutil.copy(REPO / "tests" / "data" / "schema-v1.annotator", project)
    project.chmod(0o444)
    before = digest(project)
    out = run(public / "home", "stats", str(project))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert "read-only" in out.stderr and "older annotator" in out.stderr and "upgraded" in out.stderr
    assert digest(project) == before


def test_init_in_a_folder_without_write_permission_says_so(public):
    folder = public / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    out = run(public / "home", "init", str(folder / "new.annotator"))
    assert out.returncode == 2 and "no write permission on the folder" in out.stderr, out.stderr
    assert not any(folder.iterdir())


WINDOW = """
import json, sys
from PySide6.QtWidgets import QApplication
from annotator.core.model import AUTHOR
from annotator.ui.app import build_main_window
from annotator.ui.commands import SetStanceCommand
from annotator.ui.settings import AppSettings

app = QApplication([])
window = build_main_window(sys.argv[1], AppSettings.at(sys.argv[2]), annotator="ali", record_time=True)
failures = []
window.session.failed.connect(failures.append)
state = window.session.state
acts = window.annotation_actions
panel = window.stance_panel
panel.select_target("TUR")
committed = window.session.perform(lambda: SetStanceCommand(window.session, state.article_id, AUTHOR, "TUR", "FAVOR"))
window.session.open_article(state.article_id)
result = {
    "title": window.windowTitle(),
    "notice": window.read_only_notice.isVisibleTo(window),
    "notice_text": window.read_only_notice.text(),
    "saved": window.status.saved_label.text(),
    "articles": window.article_list.model.total,
    "text_shown": window.article_view.toPlainText() == state.text,
    "editing_enabled": [a.text() for a in acts.editing_actions if a.isEnabled()],
    "label_buttons_enabled": [n for n, b in panel.label_buttons.items() if b.isEnabled()],
    "import_enabled": window.project_menu.import_action.isEnabled(),
    "navigation_enabled": [a.text() for a in acts.navigate_actions if a.isEnabled()],
    "committed": committed,
    "failures": failures,
}
window.close()
print(json.dumps(result))
"""


def test_the_window_opens_a_read_only_project_says_so_and_disables_editing(public):
    """Regression: the window refused a `chmod 444` project ("attempt to write a readonly database")."""
    project = chmod_444_project(public)
    before = digest(project)
    out = run(public / "home", str(project), str(public / "home" / "settings.ini"), code=WINDOW)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert "read-only" in result["title"]
    assert result["notice"] and "no write permission on the file" in result["notice_text"]
    assert result["saved"].startswith("Read-only")
    assert result["articles"] == 2 and result["text_shown"]
    assert result["navigation_enabled"] == ["Next article", "Previous article", "Next unfinished article",
                                            "Next follows the queue",  # reads the project only
                                            "Search articles", "Read the article (focus the text)"]
    assert result["editing_enabled"] == [] and result["label_buttons_enabled"] == []
    assert result["import_enabled"] is False
    assert result["committed"] is False and any("read-only" in f for f in result["failures"])
    assert digest(project) == before


def test_merge_reads_an_annotator_file_from_a_read_only_folder(public):
    """Regression: merge opened the annotator's file for writing ("attempt to write a readonly
    database"), so a file handed back on a read-only share, or owned by another user, was refused."""
    from annotator.core.model import AUTHOR
    from annotator.storage.project import Project
    from annotator.team.assign import assign

    team_folder = public / "team"
    team_folder.mkdir()
    team_path = create_sample_project(team_folder / "team.annotator")
    with Project.open(team_path) as team:
        assign(team, ["ali"], public / "returned", overlap=0)
    ali_path = public / "returned" / "ali.annotator"
    with Project.open(ali_path) as ali:
        aid = next(iter(ali.iter_articles()))["id"]
        ali.set_stance(aid, AUTHOR, "TUR", "AGAINST", "ali")
    give(team_folder)
    give(team_path)
    (public / "returned").chmod(0o555)
    before = digest(ali_path)
    out = run(public / "home", "merge", str(team_path), str(ali_path))
    assert out.returncode == 0, out.stderr
    assert "merged ali" in out.stdout
    with Project.open(team_path) as team:
        assert [s.label for s in team.stances(aid, "ali")] == ["AGAINST"]
    assert digest(ali_path) == before
