import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.cli import COMMANDS, build_parser, main
from tests.conftest import REPO


def test_every_command_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) == set(COMMANDS)
    for name in COMMANDS:
        assert re.search(rf"`annotator {name}\b", readme), f"`annotator {name}` is not documented in README.md"


def test_every_command_has_help():
    for name in COMMANDS:
        out = subprocess.run([sys.executable, "-m", "annotator", name, "--help"], capture_output=True, text=True)
        assert out.returncode == 0 and "usage: annotator " + name in out.stdout


def test_cli_session(tmp_path, capsys):
    proj = str(tmp_path / "p.annotator")
    assert main(["init", proj, "--lexicon", str(REPO / "resources/lexicon/sample.toml")]) == 0
    assert main(["import", proj, str(REPO / "resources/samples")]) == 0
    out = capsys.readouterr().out
    assert "imported 2 article(s)" in out
    assert main(["import", proj, str(REPO / "resources/samples")]) == 0  # duplicates only: not a failure
    assert "2 duplicate(s)" in capsys.readouterr().out
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    assert main(["import", proj, str(bad)]) == 1
    assert f"skipped {bad}: binary" in capsys.readouterr().out
    assert main(["suggest", proj]) == 0
    assert "proposed 0 new mention(s)" in capsys.readouterr().out
    assert main(["actors", proj, "--list"]) == 0
    assert "TUR\tstate\tتركيا" in capsys.readouterr().out
    assert main(["stats", proj, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["articles"] == 2 and stats["mentions"]["proposed"] > 20
    assert main(["search", proj, "كارتر"]) == 0
    assert "كارتر: نواصل الحديث" in capsys.readouterr().out
    # bug (issue 10, item 6): an empty result printed nothing at all
    assert main(["search", proj, "بكارترز"]) == 1
    out = capsys.readouterr()
    assert out.out == "" and "no article matches 'بكارترز'" in out.err
    assert main(["undo", proj, "--annotator", "nobody"]) == 1


def test_cli_errors_are_clear(tmp_path, capsys):
    junk = tmp_path / "junk.annotator"
    junk.write_text("not a database")
    assert main(["stats", str(junk)]) == 2
    assert "not an annotator project" in capsys.readouterr().err
    assert main(["stats", str(tmp_path / "missing.annotator")]) == 2
    assert "annotator init" in capsys.readouterr().err
    lex = tmp_path / "bad.toml"
    lex.write_text('[[actor]]\nid = "X"\nname_ar = "س"\ntype = "planet"\n', encoding="utf-8")
    proj = str(tmp_path / "p.annotator")
    main(["init", proj])
    capsys.readouterr()
    assert main(["actors", proj, "--load", str(lex)]) == 2
    assert "type 'planet'" in capsys.readouterr().err


@pytest.mark.slow
def test_a_project_kept_busy_by_another_writer_gets_a_message_not_a_traceback(tmp_path, capsys):
    """Regression: a write lock held past the 10 s busy timeout escaped as an OperationalError traceback."""
    proj = tmp_path / "p.annotator"
    assert main(["init", str(proj), "--lexicon", str(REPO / "resources/lexicon/sample.toml")]) == 0
    assert main(["import", str(proj), str(REPO / "resources/samples"), "--no-suggest"]) == 0
    capsys.readouterr()
    other = sqlite3.connect(proj, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of a long write
    try:
        assert main(["suggest", str(proj)]) == 3
    finally:
        other.execute("ROLLBACK")
        other.close()
    err = capsys.readouterr().err
    assert "annotator suggest: database is locked" in err and "run the command again" in err
    assert main(["suggest", str(proj)]) == 0  # and the project is fine once the other writer is done


def test_gui_without_a_display_says_so_in_one_line(tmp_path):
    """Bug: `annotator gui` with no display aborted in Qt with a misleading "xcb-cursor0 is needed"."""
    env = {k: v for k, v in __import__("os").environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    for cmd in ([sys.executable, "-m", "annotator", "gui", str(tmp_path / "p.annotator")],
                [sys.executable, str(REPO / "main.py"), str(tmp_path / "p.annotator")]):
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=60)
        assert out.returncode == 2
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "no display" in lines[0] and "Traceback" not in out.stderr
        assert not (tmp_path / "p.annotator").exists()


def test_setup_does_nothing_when_the_venv_is_up_to_date():
    """Bug: every launch through `scripts/gui.sh` reinstalled the package first (3-4.7 s)."""
    stamp = REPO / ".venv" / ".annotator-setup"
    if not stamp.exists():
        pytest.skip("the suite was not started through scripts/test.sh (no setup stamp)")
    before = stamp.stat().st_mtime_ns
    for extras in ("test", ""):  # a test install also serves the GUI's plain one
        out = subprocess.run(["bash", str(REPO / "scripts/setup.sh"), *([extras] if extras else [])],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0 and out.stdout == "" and out.stderr == ""
    assert stamp.stat().st_mtime_ns == before


def _options(parser):
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, cmd in sub.choices.items():
        for action in cmd._actions:
            if action.option_strings and "-h" not in action.option_strings:
                yield name, action


def test_every_option_has_help_text_and_a_row_in_the_readme():
    """Bug: options such as `init --name`, `import --max-errors` and `search --limit` were missing from
    the README's command tables, and `export --format`, `search --limit`, `undo --annotator` had no help."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing_help, missing_row = [], []
    for name, action in _options(build_parser()):
        longest = max(action.option_strings, key=len)
        if not action.help:
            missing_help.append(f"{name} {longest}")
        rows = [line for line in readme.splitlines() if line.startswith("| ") and f"`annotator {name} " in line]
        spelled = [re.compile(rf"(?<![\w-]){re.escape(o)}(?![\w-])") for o in action.option_strings]
        if not any(o.search(row) for row in rows for o in spelled):
            missing_row.append(f"{name} {longest}")
    assert not missing_help, missing_help
    assert not missing_row, missing_row


def test_help_shows_the_defaults():
    for cmd, text in (("export", "default: docs"), ("search", "default 20")):
        out = subprocess.run([sys.executable, "-m", "annotator", cmd, "--help"], capture_output=True, text=True)
        assert text in " ".join(out.stdout.split()), cmd


def test_stats_of_a_fresh_project_says_none_for_every_empty_section(tmp_path, capsys):
    proj = str(tmp_path / "p.annotator")
    assert main(["init", proj]) == 0
    capsys.readouterr()
    assert main(["stats", proj]) == 0
    lines = capsys.readouterr().out.splitlines()
    for head in ("status by annotator:", "stances by label:", "stances by target actor:", "stances by annotator:",
                 "mentions:", "throughput by annotator:"):
        assert f"{head} none" in lines, head


def _run(*argv, timeout=120):
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, argv)], capture_output=True, text=True,
                          env=env, timeout=timeout)


def test_a_damaged_project_gives_a_message_not_a_traceback(tmp_path):
    """Regression (issue 9, item 8): flipped bytes in a project gave sqlite3.DatabaseError
    tracebacks in `suggest` and `search` (only OperationalError was caught)."""
    proj = tmp_path / "p.annotator"
    assert _run("init", proj, "--sample").returncode == 0
    conn = sqlite3.connect(proj)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    pages = {name: root for name, root in conn.execute("SELECT name, rootpage FROM sqlite_master WHERE rootpage > 0")}
    conn.close()
    for table, commands in (("mentions", [("suggest",)]), ("articles", [("suggest",), ("search", "تركيا")])):
        damaged = tmp_path / f"{table}.annotator"
        data = bytearray(proj.read_bytes())
        start = (pages[table] - 1) * page_size
        data[start] = 0xFF  # not a page type: every read of the table fails, wherever its rows lie
        for i in range(start + 8, start + page_size, 7):
            data[i] ^= 0xFF
        damaged.write_bytes(data)
        for command, *rest in commands:
            run = _run(command, damaged, *rest)
            assert run.returncode == 3 and "Traceback" not in run.stderr, (table, command, run.stderr)
            assert f"annotator {command}: the project file {damaged} is damaged (" in run.stderr
            assert "the command stopped. Restore the file from a backup" in run.stderr
            assert f"sqlite3 {damaged} 'PRAGMA integrity_check'" in run.stderr


def test_a_bad_lexicon_loads_nothing_and_names_every_problem(tmp_path):
    """Regression (issue 9, item 8): `actor = "x"` and `surface = 5` gave tracebacks; `aliases =
    "تركيا"` became five one-letter aliases; a bad actor after good ones left the good ones loaded."""
    proj = tmp_path / "p.annotator"
    assert _run("init", proj).returncode == 0
    for body in ('actor = "x"\n', '[[actor]]\nid = "A"\nname_ar = "أ"\naliases = [{ surface = 5 }]\n',
                 '[[actor]]\nid = "TUR"\nname_ar = "تركيا"\n[[actor]]\nid = "B"\nname_ar = "ب"\naliases = "تركيا"\n'):
        lex = tmp_path / "bad.toml"
        lex.write_text(body, encoding="utf-8")
        run = _run("actors", proj, "--load", lex, "--suggest")
        assert run.returncode == 2 and "Traceback" not in run.stderr, run.stderr
        assert run.stderr.startswith(f"annotator actors: {lex}: ")
        assert _run("actors", proj, "--list").stdout == ""


def test_import_skips_links_out_of_the_named_folder_unless_follow_links(tmp_path):
    """Regression (issue 9, item 5): `ln -s /etc/shadow corpus/x.txt; annotator import P corpus`
    imported the link's target silently."""
    proj = tmp_path / "p.annotator"
    assert _run("init", proj).returncode == 0
    secret = tmp_path / "secret.txt"
    secret.write_text("نص سري عن تركيا", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    os.symlink(secret, corpus / "x.txt")
    os.symlink("/proc/self/environ", corpus / "env.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    run = _run("import", proj, corpus, tmp_path / "pipe.txt", timeout=60)  # a pipe named: never opened, no hang
    assert run.returncode == 1, run.stdout + run.stderr
    assert (f"skipped {corpus / 'x.txt'}: a symbolic link to {secret}, outside the files and folders named on the "
            "command line; not read (name the target itself, or pass --follow-links)") in run.stdout
    assert f"skipped {corpus / 'env.txt'}: a symbolic link to /proc/" in run.stdout
    assert f"skipped {tmp_path / 'pipe.txt'}: not a regular file (a pipe, socket or device)" in run.stdout
    run = _run("import", proj, corpus, "--follow-links")
    assert run.returncode == 0 and "imported 1 article(s)" in run.stdout and "env.txt: a symbolic link to /proc/" in run.stdout


def test_an_import_whose_worker_process_dies_ends_with_a_message_not_a_traceback(tmp_path):
    """Regression: when the import worker process died (killed, out of memory) `annotator import`
    ended with a RuntimeError traceback; it now says what happened and that a rerun is safe."""
    import signal
    import time

    from annotator.ingest import PARALLEL_BYTES

    proj = tmp_path / "p.annotator"
    assert _run("init", proj).returncode == 0
    big = tmp_path / "big.jsonl"
    line = "قال وزير الدفاع إن الولايات المتحدة تواصل الحديث مع تركيا بشأن الرقة " * 40
    with open(big, "w", encoding="utf-8") as fh:
        i = 0
        while fh.tell() < 3 * PARALLEL_BYTES:
            fh.write(json.dumps({"id": i, "text": f"{line} {i}"}, ensure_ascii=False) + "\n")
            i += 1
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-m", "annotator", "import", str(proj), str(big), "--no-suggest"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 60
    worker = ""
    while not worker and time.monotonic() < deadline and proc.poll() is None:
        worker = children.read_text().strip() if children.exists() else ""
        time.sleep(0.01)
    assert worker, "the import finished or failed before its worker process was seen"
    time.sleep(0.3)
    os.kill(int(worker.split()[0]), signal.SIGKILL)
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2 and "Traceback" not in err, err
    assert "annotator import: the import worker process stopped (exit status -9); the articles stored before are " \
           "kept: run the import again (they are skipped as duplicates)" in err


def test_a_reader_that_stops_early_gets_no_error_message():
    """Bug: `annotator actors P --list | head -1` ended with "annotator actors: [Errno 32] Broken pipe"."""
    code = ("import sys, annotator.cli as c\n"
            "def stats(args):\n    raise BrokenPipeError(32, 'Broken pipe')\n"
            "c.cmd_stats = stats\nsys.exit(c.main(['stats', 'any.annotator']))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 1 and out.stderr == "", out.stderr
