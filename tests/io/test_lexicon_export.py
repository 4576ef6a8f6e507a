"""Issue 10 item 1 (`annotator actors P --export FILE.toml`) and item 7 (a warning for colours that
are hard to tell apart, on `actors --load`)."""

from __future__ import annotations

import io
import os
import subprocess
import sys


from annotator.core.model import Actor, Alias
from annotator.io.lexicon import load_lexicon, parse_lexicon, write_lexicon
from annotator.resources import resource
from annotator.storage.project import Project


def run(*args):
    return subprocess.run([sys.executable, "-m", "annotator", *map(str, args)], capture_output=True, text=True)


def _plain(actors):
    return [(a.id, a.name_ar, a.name_en, a.type, a.color,
             [(al.surface, al.kind, al.proclitics, al.valid_from, al.valid_to) for al in a.aliases]) for a in actors]


def test_written_lexicon_reads_back_to_the_same_actors():
    actors = load_lexicon(resource("lexicon", "sample.toml"))
    hostile = Actor('Q"\\', 'اسم "مقتبس" \\ \x7f', "tab\there", "person", "#123456",
                    [Alias("x", kind="abbreviation", proclitics=False, valid_from="2014-01-01"), Alias("سطر\nجديد")])
    out = io.StringIO()
    assert write_lexicon([*actors, hostile], out) == len(actors) + 1
    back = parse_lexicon(io.BytesIO(out.getvalue().encode("utf-8")))
    assert _plain(back) == _plain([*actors, hostile])


def test_cli_export_writes_actors_made_in_the_window(tmp_path):
    proj = tmp_path / "p.annotator"
    assert run("init", proj, "--lexicon", resource("lexicon", "sample.toml")).returncode == 0
    with Project.open(proj) as p:
        p.apply(p.actors_store.edit_add_actor(Actor("RUS", "روسيا", "Russia", "state", "#0067a5",
                                                    [Alias("روسيا"), Alias("موسكو", kind="metonym")])), "ann")
    out = tmp_path / "lexicon.toml"
    r = run("actors", proj, "--export", out)
    assert r.returncode == 0, r.stderr
    assert "wrote" in r.stdout
    rus = next(a for a in load_lexicon(out) if a.id == "RUS")
    assert [(al.surface, al.kind) for al in rus.aliases] == [("روسيا", "name"), ("موسكو", "metonym")]
    # loading it into a fresh project gives the same lexicon
    other = tmp_path / "q.annotator"
    assert run("init", other, "--lexicon", out).returncode == 0
    with Project.open(proj) as a, Project.open(other) as b:
        assert _plain(a.actors()) == _plain(b.actors())


def test_cli_export_refuses_the_project_file_and_a_fifo(tmp_path):
    proj = tmp_path / "p.annotator"
    assert run("init", proj).returncode == 0
    before = proj.read_bytes()
    r = run("actors", proj, "--export", proj)
    assert r.returncode == 2 and "is the project being read" in r.stderr and "Traceback" not in r.stderr
    assert proj.read_bytes() == before
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    r = run("actors", proj, "--export", fifo)
    assert r.returncode == 2 and "FIFO" in r.stderr and "Traceback" not in r.stderr
    assert not list(tmp_path.glob(".*.part"))


CONFUSABLE = """
[[actor]]
id = "SDF"
name_ar = "قسد"
color = "#ef6c00"
[[actor]]
id = "SILO"
name_ar = "طلال سلو"
color = "#fb8c00"
[[actor]]
id = "USA"
name_ar = "الولايات المتحدة"
color = "#1565c0"
[[actor]]
id = "DUNFORD"
name_ar = "دانفورد"
color = "#3949ab"
[[actor]]
id = "AKAR"
name_ar = "أكار"
color = "#ad1457"
[[actor]]
id = "CAVUSOGLU"
name_ar = "جاويش أوغلو"
color = "#d81b60"
[[actor]]
id = "NEW"
name_ar = "جديد"
"""


def test_load_warns_about_colours_hard_to_tell_apart(tmp_path):
    """Issue 10 item 7: the sample lexicon's SDF/Silo oranges, Akar/Çavuşoğlu pinks and USA/Dunford
    blues were confused; `actors --load` now warns, and an actor without a colour gets a distinct one."""
    proj = tmp_path / "p.annotator"
    lexicon = tmp_path / "close.toml"
    lexicon.write_text(CONFUSABLE, encoding="utf-8")
    assert run("init", proj).returncode == 0
    r = run("actors", proj, "--load", lexicon)
    assert r.returncode == 0
    warned = {tuple(sorted(line.split(": warning: ")[1].split(" have")[0].split(" and ")))
              for line in r.stderr.splitlines() if "warning" in line}
    assert warned == {("SDF", "SILO"), ("DUNFORD", "USA"), ("AKAR", "CAVUSOGLU")}
    with Project.open(proj) as p:
        assert p.actor("NEW").color not in {"", "#1565c0"}  # not the old default, which is USA's blue
    # the bundled sample lexicon has no such pair any more
    fresh = tmp_path / "q.annotator"
    assert run("init", fresh).returncode == 0
    r = run("actors", fresh, "--load", resource("lexicon", "sample.toml"))
    assert r.returncode == 0 and "warning" not in r.stderr
