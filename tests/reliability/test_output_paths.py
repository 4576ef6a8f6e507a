"""Issue 9, item 2: no command writes onto a project, a device, a FIFO, a folder or through a link.

Every reproduction runs the real CLI in a subprocess on a real project file: `export -o P`,
`screenshot -o P` and `agreement --chart P` once destroyed the project with exit 0; as root
`export -o /dev/null` replaced the device with a regular file; the temporaries of the chart
(`.NAME.part`), the presence record (`P.open.tmp`) and the upgrade backup (`P.backup-vN.part`)
followed a link planted at their name and overwrote its target. Now each is refused with a message
naming the path, a non-zero exit, and nothing written; temporaries are created with O_EXCL.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.storage.presence import Presence, presence_file
from annotator.storage.project import Project
from reliakit import REPO, child_env

VICTIM = "precious work\n"


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True,
                          env=child_env(), cwd=REPO, timeout=timeout)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()  # no connection to it is open in this process


def refused(out: subprocess.CompletedProcess, path: Path, what: str) -> None:
    assert out.returncode == 2, out
    assert str(path) in out.stderr and what in out.stderr, out.stderr
    assert "Traceback" not in out.stderr and "nothing was written" in out.stderr


def siblings(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("command", [
    ["export", "{p}", "-o", "{p}"],
    ["screenshot", "{p}", "-o", "{p}"],
    ["agreement", "{p}", "--chart", "{p}"],
])
def test_the_project_itself_as_output_is_refused(sample_path, command):
    """Bug: `export P -o P` overwrote the project, `screenshot P -o P` truncated it to 0 bytes,
    `agreement P --chart P` replaced it with a PNG; all with exit 0."""
    before, names = digest(sample_path), siblings(sample_path.parent)
    out = run(*[c.format(p=sample_path) for c in command])
    assert out.returncode == 2, out
    assert str(sample_path) in out.stderr and "Traceback" not in out.stderr
    assert digest(sample_path) == before and siblings(sample_path.parent) == names
    assert run("stats", sample_path).returncode == 0


def test_the_project_under_another_name_and_its_companions_are_refused(sample_path, tmp_path):
    """A hard link to the project (another name, same file), another project copied to a .jsonl
    name, and the -wal/.open names: none is written over."""
    link = tmp_path / "link.jsonl"
    os.link(sample_path, link)
    copy = tmp_path / "copy.jsonl"
    shutil.copyfile(sample_path, copy)
    for target, what in ((link, "the project being read"), (copy, "an SQLite database")):
        before = digest(target)
        refused(run("export", sample_path, "-o", target), target, what)
        assert digest(target) == before
    for target in (Path(f"{sample_path}-wal"), presence_file(sample_path)):  # refused by name, even when missing
        out = run("export", sample_path, "-o", target)
        assert out.returncode == 2 and str(target) in out.stderr and "companion" in out.stderr, out.stderr

def test_a_device_is_never_replaced(sample_path, tmp_path):
    """Bug: as root, `export -o /dev/null` replaced the device with a regular file. Checked on a
    device node made in tmp_path when root (so a regression cannot break the machine's /dev/null),
    and on /dev/null itself, which the fix refuses before touching anything."""
    targets = [Path("/dev/null")]
    if os.geteuid() == 0:
        node = tmp_path / "null"
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        targets.insert(0, node)
    for target in targets:
        refused(run("export", sample_path, "-o", target), target, "a device")
        assert stat.S_ISCHR(os.lstat(target).st_mode)
        refused(run("agreement", sample_path, "--chart", target), target, "a device")
        assert stat.S_ISCHR(os.lstat(target).st_mode)


def test_a_fifo_a_folder_and_a_link_are_refused(sample_path, tmp_path):
    """A FIFO as output once hung or was replaced; a folder or a link is refused, never followed."""
    fifo = tmp_path / "out.jsonl"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.png"
    folder.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM, encoding="utf-8")
    link = tmp_path / "link.png"
    link.symlink_to(victim)
    for target, what in ((fifo, "a FIFO"), (folder, "a folder"), (link, "a symbolic link")):
        refused(run("export", sample_path, "-o", target, timeout=60), target, what)
        refused(run("agreement", sample_path, "--chart", target, timeout=60), target, what)
    refused(run("screenshot", sample_path, "-o", link, timeout=120), link, "a symbolic link")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and folder.is_dir() and list(folder.iterdir()) == []
    assert link.is_symlink() and victim.read_text(encoding="utf-8") == VICTIM


def test_screenshot_needs_a_png_name_and_writes_through_a_temporary(sample_path, tmp_path):
    """`screenshot` checks the extension before opening anything and renames a finished image into place."""
    out = run("screenshot", sample_path, "-o", tmp_path / "shot.jpg")
    assert out.returncode == 2 and ".png" in out.stderr and not (tmp_path / "shot.jpg").exists()
    shot = tmp_path / "shot.png"
    shot.write_text("old", encoding="utf-8")
    out = run("screenshot", sample_path, "-o", shot)
    assert out.returncode == 0, out.stderr
    assert shot.read_bytes().startswith(b"\x89PNG") and not any(p.name.endswith(".part") for p in tmp_path.iterdir())


def test_a_link_planted_at_the_charts_temporary_is_not_followed(sample_path, tmp_path):
    """Bug: `agreement --chart C` wrote `.C.part` through a link planted at that name."""
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM, encoding="utf-8")
    chart = tmp_path / "chart.png"
    (tmp_path / ".chart.png.part").symlink_to(victim)
    out = run("agreement", sample_path, "--chart", chart)
    assert out.returncode == 0, out.stderr
    assert victim.read_text(encoding="utf-8") == VICTIM and chart.read_bytes().startswith(b"\x89PNG")


def test_a_link_planted_at_the_presence_temporary_is_not_followed(sample_path, tmp_path):
    """Bug: the presence record was rewritten through `P.open.tmp`, following a link planted there."""
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM, encoding="utf-8")
    Path(f"{presence_file(sample_path)}.tmp").symlink_to(victim)
    assert run("suggest", sample_path).returncode == 0
    with Presence(sample_path, "test"):
        pass
    assert victim.read_text(encoding="utf-8") == VICTIM


def test_a_link_planted_at_the_presence_record_is_not_followed(sample_path, tmp_path):
    """A dangling link at `P.open` once made the record create (and lock) the file it points to."""
    victim = tmp_path / "elsewhere" / "created.txt"
    victim.parent.mkdir()
    presence_file(sample_path).symlink_to(victim)
    with Presence(sample_path, "test") as presence:
        assert not presence.entered
    assert not victim.exists() and presence_file(sample_path).is_symlink()


def test_a_link_planted_at_the_upgrade_backups_temporary_is_not_followed(tmp_path):
    """Bug: upgrading a project wrote `P.backup-vN.part` through a link planted at that name."""
    project = tmp_path / "old.annotator"
    shutil.copyfile(REPO / "tests" / "data" / "schema-v1.annotator", project)
    victim = tmp_path / "victim.txt"
    victim.write_text(VICTIM, encoding="utf-8")
    Path(f"{project}.backup-v1.part").symlink_to(victim)
    Project.open(project).close()
    assert victim.read_text(encoding="utf-8") == VICTIM
    backup = Path(f"{project}.backup-v1")
    assert backup.is_file() and not backup.is_symlink()
    with Project.open(backup) as b:  # the backup is the old version, upgraded only in this copy
        assert b.count_articles() >= 0


def test_an_existing_upgrade_backup_is_kept(tmp_path):
    """A second upgrade of the same version (a restored backup) keeps the first backup."""
    project = tmp_path / "old.annotator"
    shutil.copyfile(REPO / "tests" / "data" / "schema-v1.annotator", project)
    first = Path(f"{project}.backup-v1")
    first.write_text(VICTIM, encoding="utf-8")
    Project.open(project).close()
    assert first.read_text(encoding="utf-8") == VICTIM
    assert Path(f"{project}.backup-v1.2").is_file()
