"""`agreement_report` on merged projects with known disagreements (values worked out by hand), its
text and JSON, the PNG chart, and the team commands end to end through the CLI."""

from __future__ import annotations

import json
import struct
import zlib

import pytest
from teamkit import TINY_TEXT, first_mention, three_annotators, tiny_team

from annotator.cli import main
from annotator.core.model import AUTHOR
from annotator.storage.project import Project
from annotator.team.assign import assign
from annotator.team.chart import bar_chart, hex_color, write_alpha_chart
from annotator.team.measure import agreement_report, format_report
from annotator.team.merge import merge_file


@pytest.fixture
def report(tmp_path):
    team, files, _ = three_annotators(tmp_path)
    for name in sorted(files):
        merge_file(team, files[name])
    yield agreement_report(team)
    team.close()


def value(figure: dict) -> float | None:
    return figure["value"]


def test_stance_agreement_by_hand(report):
    s = report["stance"]
    assert report["articles"] == 2 and report["annotators"] == ["a", "b", "c"] and s["items"] == 4
    # items (a, b, c): R/TUR F F A; R/USA A F N; T/YPG A A A; T/TUR N N N
    # alpha: o_FF = 1, o_FA = o_AF = 1.5, o_AN = o_NA = o_FN = o_NF = 0.5, o_AA = o_NN = 3
    #        n_F = 3, n_A = 5, n_N = 4, n = 12 -> 1 - 11 * 5 / (2 * (15 + 12 + 20)) = 39/94
    assert value(s["alpha"]) == pytest.approx(39 / 94, abs=1e-4) and s["alpha"]["n"] == 4
    kappas = {(p["a"], p["b"]): (value(p["kappa"]), p["kappa"]["n"]) for p in s["pairs"]}
    # a/b: p_o 3/4, p_e 5/16 -> 7/11; a/c: p_o 2/4, p_e 6/16 -> 1/5; b/c: p_o 2/4, p_e 4/16 -> 1/3
    assert kappas[("a", "b")] == (pytest.approx(7 / 11, abs=1e-4), 4)
    assert kappas[("a", "c")] == (pytest.approx(1 / 5, abs=1e-4), 4)
    assert kappas[("b", "c")] == (pytest.approx(1 / 3, abs=1e-4), 4)
    ab = s["pairs"][0]
    assert ab["confusion"] == {"labels": ["AGAINST", "FAVOR", "NONE"], "matrix": [[1, 1, 0], [0, 1, 0], [0, 0, 1]]}
    assert value(ab["agreement"]) == 0.75
    # per target: TUR units F F A and N N N -> 1 - 5 * 2 / (2 * (2 + 6 + 3)) = 6/11; USA A F N -> 0; YPG: one value
    assert s["by_target"]["TUR"] == {"value": pytest.approx(6 / 11, abs=1e-4), "n": 2}
    assert s["by_target"]["USA"] == {"value": 0.0, "n": 1}
    assert s["by_target"]["YPG"] == {"value": None, "n": 1}
    # one-vs-rest: FAVOR n_T 3, n_F 9, off-diagonal 4 -> 1 - 11 * 4 / 54 = 5/27
    #              AGAINST n_T 5, n_F 7, off-diagonal 4 -> 1 - 44 / 70 = 13/35
    #              NONE n_T 4, n_F 8, off-diagonal 2 -> 1 - 22 / 64 = 21/32
    assert value(s["by_label"]["FAVOR"]) == pytest.approx(5 / 27, abs=1e-4)
    assert value(s["by_label"]["AGAINST"]) == pytest.approx(13 / 35, abs=1e-4)
    assert value(s["by_label"]["NONE"]) == pytest.approx(21 / 32, abs=1e-4)
    assert json.loads(json.dumps(report)) == report


def test_presence_and_mention_spans_by_hand(tmp_path):
    team = tiny_team(tmp_path / "team.annotator")
    files = assign(team, ["a", "b", "c"], tmp_path / "files", overlap=1.0, per_overlap=3).files
    aid = team.article_ids()[0]
    usa = TINY_TEXT.index("واشنطن")
    work = {
        "a": ({"TUR": "FAVOR"}, (usa, usa + 6)),
        "b": ({"TUR": "FAVOR", "USA": "AGAINST"}, (usa + 1, usa + 8)),
        "c": ({"YPG": "AGAINST"}, None),
    }
    for name, (stances, span) in work.items():
        with Project.open(files[name]) as p:
            for target, label in stances.items():
                p.set_stance(aid, AUTHOR, target, label, name)
            if span:
                p.set_mention_status(first_mention(p, aid, "TUR").id, "accepted", name)
                p.add_mention(aid, "USA", *span, name)
            p.set_status(aid, name, "done")
        merge_file(team, files[name])
    r = agreement_report(team)
    pres = r["presence"]
    # units TUR (1, 1, 0), USA (0, 1, 0), YPG (0, 0, 1): n_1 = 4, n_0 = 5, off-diagonal 6
    # alpha = 1 - 8 * 6 / (2 * 4 * 5) = -1/5; kappa a/b: p_o 2/3, p_e 4/9 -> 2/5
    assert pres["units"] == 3 and value(pres["alpha"]) == pytest.approx(-0.2)
    assert pres["pairs"][0] == {"a": "a", "b": "b", "kappa": {"value": pytest.approx(0.4), "n": 3},
                                "agreement": {"value": pytest.approx(2 / 3, abs=1e-4), "n": 3}}
    ab, ac = r["mentions"][0], r["mentions"][1]
    assert (ab["overall"]["exact_f1"], ab["overall"]["overlap_f1"]) == ({"value": 0.5, "n": 4}, {"value": 1.0, "n": 4})
    assert ab["by_actor"]["USA"]["exact_f1"]["value"] == 0.0 and ab["by_actor"]["USA"]["overlap_f1"]["value"] == 1.0
    assert ab["by_actor"]["TUR"]["exact_matches"] == 1
    assert ac["overall"]["exact_f1"]["value"] == 0.0 and ac["overall"]["spans_b"] == 0
    text = format_report(r)
    assert "Which actors have a stance: 3" in text and "-0.200" in text


def test_text_report(report):
    text = format_report(report)
    assert "Agreement on 2 article(s) done by two or more annotators (a, b, c)" in text
    assert "Krippendorff's alpha, all annotators: 0.415  (n=4)" in text
    assert "a / b" in text and "0.636" in text and "YPG" in text and "n/a" in text
    assert format_report({"articles": 0}).startswith("no article")


def read_png(path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, size = 8, b"", None
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos:pos + 4]), data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        assert struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])[0] == zlib.crc32(kind + body)
        if kind == b"IHDR":
            size = struct.unpack(">II", body[:8])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    width, height = size
    raw = zlib.decompress(idat)
    rows = [raw[r * (width * 3 + 1) + 1:(r + 1) * (width * 3 + 1)] for r in range(height)]
    assert all(raw[r * (width * 3 + 1)] == 0 for r in range(height))
    return width, height, b"".join(rows)


def colour_count(pixels: bytes, colour: tuple) -> int:
    return sum(1 for i in range(0, len(pixels), 3) if tuple(pixels[i:i + 3]) == colour)


def test_alpha_chart(report, tmp_path):
    path = write_alpha_chart(report, tmp_path / "alpha.png", {"TUR": "#c62828", "USA": "#1565c0"})
    width, height, pixels = read_png(path)
    assert width > 400 and height > 100
    assert colour_count(pixels, (0xC6, 0x28, 0x28)) > 500  # TUR: alpha 6/11
    assert colour_count(pixels, (0x15, 0x65, 0xC0)) == 0  # USA: alpha 0, an empty bar
    assert not list(tmp_path.glob(".*part"))
    empty = bar_chart([], "nothing")
    assert empty.pixel(0, 0) == (255, 255, 255)
    assert hex_color("bad") == hex_color("#zzzzzz") == (21, 101, 192)


def test_team_commands_end_to_end(tmp_path, capsys):
    team = str(tmp_path / "team.annotator")
    out = tmp_path / "files"
    assert main(["init", team, "--sample"]) == 0
    assert main(["assign", team, "--annotators", "ali,mona", "--overlap", "1", "--out", str(out), "--seed", "1"]) == 0
    assert "round 1: 2 article(s), 2 of them to more than one annotator" in capsys.readouterr().out
    for name, label in (("ali", "FAVOR"), ("mona", "AGAINST")):
        with Project.open(out / f"{name}.annotator") as p:
            for aid in p.article_ids():
                p.set_stance(aid, AUTHOR, "TUR", label, name)
                p.set_status(aid, name, "done")
    files = [str(out / "ali.annotator"), str(out / "mona.annotator")]
    assert main(["merge", team, *files]) == 0
    assert "merged ali" in capsys.readouterr().out
    assert main(["merge", team, *files]) == 0
    assert capsys.readouterr().out.count("up to date") == 2
    assert main(["merge", team, str(tmp_path / "nope.annotator")]) == 2
    assert "nope.annotator: no such project file" in capsys.readouterr().err
    assert main(["agreement", team, "--json", "--chart", str(tmp_path / "a.png")]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["stance"]["items"] == 2 and "wrote" in captured.err
    assert (tmp_path / "a.png").read_bytes()[:4] == b"\x89PNG"
    assert main(["agreement", team]) == 0
    assert "ali / mona" in capsys.readouterr().out
    assert main(["adjudicate", team]) == 0
    listing = capsys.readouterr().out
    assert "AUTHOR -> TUR\tali=FAVOR  mona=AGAINST\tgold: -" in listing and "2 disagreement(s)" in listing
    aid = listing.split("\t")[0]
    assert main(["adjudicate", team, "--set", aid, "AUTHOR", "TUR", "AGAINST"]) == 2
    assert "--adjudicator" in capsys.readouterr().err
    assert main(["adjudicate", team, "--set", aid, "AUTHOR", "TUR", "AGAINST", "--adjudicator", "lead"]) == 0
    assert main(["adjudicate", team, "--open"]) == 0
    assert "1 disagreement(s), 0 adjudicated" in capsys.readouterr().out
    assert main(["adjudicate", team, "--accept-agreed", "--adjudicator", "lead"]) == 0
    assert "stored 0 agreed item(s)" in capsys.readouterr().out
    gold = tmp_path / "gold.jsonl"
    assert main(["export", team, "-o", str(gold), "--format", "pairs", "--annotator", "gold"]) == 0
    line = json.loads(gold.read_text(encoding="utf-8").splitlines()[0])
    assert (line["annotator"], line["label"], line["target_id"]) == ("gold", "AGAINST", "TUR")
    assert main(["stats", team]) == 0
    stats = capsys.readouterr().out
    assert "2 with disagreement, 1 adjudicated, 1 open" in stats and "ali: 2 done" in stats
    assert main(["adjudicate", team, "--clear", aid, "AUTHOR", "TUR", "--adjudicator", "lead"]) == 0
    assert main(["undo", team, "--annotator", "lead"]) == 0
    assert "undone: clear_gold" in capsys.readouterr().out
