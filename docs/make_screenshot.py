"""Regenerate docs/screenshot.png: the sample Reuters article with a few annotations.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshot.py
"""

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from annotator.api import AUTHOR, Project, create_sample_project  # noqa: E402
from annotator.ui.app import render_screenshot  # noqa: E402


def main(language: str = "en") -> None:
    path = Path(tempfile.mkdtemp()) / "readme.annotator"
    create_sample_project(path)
    with Project.open(path) as p:
        aid = next(a["id"] for a in p.iter_articles() if a["title"].startswith("كارتر"))
        text = p.article_text(aid)
        for m in p.mentions(aid)[:8]:
            p.set_mention_status(m.id, "accepted", "readme")
        s = p.set_stance(aid, AUTHOR, "TUR", "NONE", "readme")
        ev = "تواصل التحدث مع حليفتها تركيا"
        p.add_evidence(s, text.index(ev), text.index(ev) + len(ev), "readme")
        s = p.set_stance(aid, "TUR", "YPG", "AGAINST", "readme")
        ev = "لكن تركيا تعتبرها منظمة إرهابية"
        p.add_evidence(s, text.index(ev), text.index(ev) + len(ev), "readme")
        s = p.set_stance(aid, "USA", "YPG", "FAVOR", "readme")
        ev = "وتعتبر الولايات المتحدة وحدات حماية الشعب الكردية حليفا"
        p.add_evidence(s, text.index(ev), text.index(ev) + len(ev), "readme")
    suffix = "" if language == "en" else "-" + language
    render_screenshot(str(path), str(HERE / f"screenshot{suffix}.png"), article_id=aid, language=language, annotator="readme")


if __name__ == "__main__":
    main(*sys.argv[1:])
