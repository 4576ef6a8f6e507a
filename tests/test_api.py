"""The README's Python API example runs as written, and the facade exposes the team functions."""

import json
import re

from tests.conftest import REPO


def test_readme_api_example_runs(tmp_path, monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Python API\n\n```python\n(.*?)```", readme, re.S).group(1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "resources").symlink_to(REPO / "resources")
    exec(compile(block, "README.md", "exec"), {})
    lines = [json.loads(line) for line in (tmp_path / "pairs.jsonl").read_text(encoding="utf-8").splitlines()]
    favor = [r for r in lines if r["label"] == "FAVOR"]
    assert favor and favor[0]["holder_id"] == "AUTHOR" and favor[0]["target_id"] == "TUR"
    (ev,) = favor[0]["evidence"]
    assert favor[0]["text"][ev["start"]:ev["end"]] == ev["text"]


def test_team_functions_through_the_facade(tmp_path):
    from annotator import api

    team_path = api.create_sample_project(tmp_path / "team.annotator")
    with api.Project.open(team_path) as team:
        api.assign(team, ["ali", "mona"], tmp_path / "out", overlap=1.0, seed=3)
        for name, label in (("ali", "FAVOR"), ("mona", "AGAINST")):
            with api.Project.open(tmp_path / "out" / f"{name}.annotator") as p:
                for art in p.iter_articles():
                    p.set_stance(art["id"], api.AUTHOR, "TUR", label, annotator=name)
                    p.set_status(art["id"], name, "done")
            api.merge(team, tmp_path / "out" / f"{name}.annotator")
        report = api.agreement(team)
    assert json.dumps(report)  # JSON-ready
    # two items, every one a FAVOR/AGAINST disagreement: alpha = 1 - Do/De = 1 - 1/(8/12) = -0.5
    assert report["stance"]["items"] == 2
    assert report["stance"]["alpha"] == {"value": -0.5, "n": 2}
    (pair,) = report["stance"]["pairs"]
    assert pair["kappa"] == {"value": 0.0, "n": 2}
