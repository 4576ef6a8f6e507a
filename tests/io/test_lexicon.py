"""TOML lexicons: a wrong file is refused whole, with every problem named by file, actor and key."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from annotator.io.lexicon import LexiconError, load_lexicon
from annotator.sample import load_actors
from tests.conftest import REPO

GOOD = '[[actor]]\nid = "TUR"\nname_ar = "تركيا"\naliases = ["تركيا", { surface = "أنقرة", kind = "metonym" }]\n'


def _write(tmp_path, text: str, name: str = "lex.toml", encoding: str = "utf-8"):
    f = tmp_path / name
    f.write_bytes(text.encode(encoding))
    return f


@pytest.mark.parametrize("body, words", [
    # regression (issue 9, item 8): each of these gave a traceback
    ('actor = "x"\n', ["'actor' must be a list of [[actor]] tables, not a string"]),
    ('[[actor]]\nid = "TUR"\nname_ar = "تركيا"\naliases = [{ surface = 5 }]\n',
     ["actor TUR: alias #1: surface must be a string in quotes, not a number (5)"]),
    ('actor = [1, "x"]\n', ["actor #1: must be an [[actor]] table, not a number",
                           "actor #2: must be an [[actor]] table, not a string"]),
    ('[[actor]]\nid = 7\nname_ar = "س"\n', ["actor #1: id must be a string in quotes, not a number (7)"]),
    ('[[actor]]\nid = "X"\nname_ar = ["س"]\n', ["actor X: name_ar must be a string in quotes, not a list"]),
    # regression (issue 9, item 8): a string instead of a list became five one-letter aliases
    ('[[actor]]\nid = "TUR"\nname_ar = "تركيا"\naliases = "تركيا"\n',
     ["actor TUR: aliases must be a list in brackets", "not a string"]),
    ('[[actor]]\nid = "X"\nname_ar = "س"\naliases = [{ surface = "س", proclitics = "no" }]\n',
     ["alias 'س': proclitics must be true or false, not 'no'"]),
    ('[[actor]]\nid = "X"\nname_ar = "س"\naliases = [{ surface = "س", valid_from = "soon" }]\n',
     ["alias 'س': valid_from must be a date such as 2014-01-01, not 'soon'"]),
    ('[[actor]]\nid = "X"\nname_ar = "س"\nalias = ["س"]\n', ["actor X: unknown key(s) 'alias'; the keys are id, "]),
    ('[[actor]]\nid = "X"\nname_ar = "س"\ncolor = "red\\"><b>"\n', ["actor X: color 'red\"><b>' is not a colour"]),
    ('[[actor]]\nid = "X"\nname_ar = "س"\n[[actor]]\nid = "X"\nname_ar = "ص"\n', ["actor #2: id X appears twice"]),
    ("x = " + "[" * 100_000 + "]" * 100_000 + "\n", ["nested too deeply to be a lexicon"]),
])
def test_a_wrong_lexicon_is_refused_naming_the_file_actor_and_key(tmp_path, body, words):
    f = _write(tmp_path, body)
    with pytest.raises(LexiconError) as e:
        load_lexicon(f)
    assert str(e.value).startswith(f"{f}: ")
    for w in words:
        assert w in str(e.value)


def test_every_problem_is_listed_and_nothing_is_loaded(project, tmp_path):
    """A lexicon with one bad actor among good ones loads nothing: a half-loaded lexicon would
    propose mentions for some actors and silently not for others."""
    f = _write(tmp_path, GOOD + '[[actor]]\nid = "USA"\nname_ar = "أمريكا"\ntype = "planet"\naliases = "أمريكا"\n'
               '[[actor]]\nid = "IRN"\naliases = [{ surface = 5 }]\n')
    with pytest.raises(LexiconError) as e:
        load_actors(project, f)
    msg = str(e.value)
    assert msg.startswith(f"{f}: 4 problem(s); nothing was loaded, fix them and load it again:\n")
    for w in ("actor USA: type 'planet' is not one of", "actor USA: aliases must be a list",
              "actor IRN: needs name_ar", "actor IRN: alias #1: surface must be a string"):
        assert w in msg
    assert project.actors() == []


def test_a_utf8_bom_is_accepted(project, tmp_path):
    """Regression (issue 9, item 8): a lexicon saved with a BOM (Windows Notepad) was refused."""
    f = _write(tmp_path, "\ufeff" + GOOD)
    assert load_actors(project, f) == 1
    assert [al.surface for al in project.actors()[0].aliases] == ["تركيا", "أنقرة"]


def test_a_cp1256_lexicon_is_refused_naming_the_file_and_line(tmp_path):
    """Regression (issue 9, item 8): a cp1256 lexicon gave a decode error without the file name."""
    f = _write(tmp_path, "# lexicon\n" + GOOD, encoding="cp1256")
    with pytest.raises(LexiconError, match="line 4 is not UTF-8 text .* saved as UTF-8") as e:
        load_lexicon(f)
    assert str(e.value).startswith(f"{f}: line 4")


def test_a_pipe_or_device_given_as_lexicon_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "lex.toml"
    os.mkfifo(fifo)
    code = f"from annotator.io.lexicon import load_lexicon; load_lexicon({str(fifo)!r})"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={"PYTHONPATH": str(REPO)})
    assert run.returncode == 1 and "not a regular file (a pipe, socket or device)" in run.stderr
    with pytest.raises(OSError, match="system file"):
        load_lexicon("/dev/zero")


def test_the_sample_lexicon_still_loads():
    actors = load_lexicon(REPO / "resources" / "lexicon" / "sample.toml")
    assert len(actors) >= 5 and all(a.aliases for a in actors)


def test_the_project_file_given_as_lexicon_is_never_opened(project):
    """Regression: `annotator actors P --load P` opened and closed the open project file, which drops
    this process's SQLite locks on it (the data-loss trap of issue 9, item 1), then failed to parse it."""
    project.set_setting("x", 1)  # a write, so that -wal and -shm exist
    for name in (project.path, f"{project.path}-wal", f"{project.path}-shm"):
        with pytest.raises(LexiconError, match="this is the project file itself, not a TOML lexicon"):
            load_actors(project, name)
    assert project.actors() == []
