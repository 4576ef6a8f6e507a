"""Screenshots of the sample articles in both interface languages.

The PNGs are also copied to /tmp/ui-shots/ to be looked at: Arabic must read right to left and
every highlight must sit on exactly its words. Pixels are not compared (text rendering differs
between machines); the test checks the files are real, full-size, many-coloured images.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from annotator.core.model import AUTHOR
from annotator.storage.project import Project
from annotator.ui.app import SCREENSHOT_SIZE, render_screenshot

SHOTS = Path("/tmp/ui-shots")


def annotate_for_screenshot(path: Path) -> list[str]:
    """Give annotator 'screenshot' a stance with evidence and an accepted mention per article."""
    with Project.open(path) as project:
        ids = project.article_ids()
        for aid in ids:
            text = project.article_text(aid)
            mentions = project.mentions(aid)
            target = mentions[0].actor_id
            project.set_mention_status(mentions[0].id, "accepted", "screenshot")
            stance_id = project.set_stance(aid, AUTHOR, target, "AGAINST", "screenshot")
            sentence_end = text.index(".", mentions[0].end) if "." in text[mentions[0].end:] else len(text)
            project.add_evidence(stance_id, mentions[0].start, sentence_end, "screenshot")
        return ids


@pytest.fixture
def sample_project(tmp_path):
    from annotator.sample import create_sample_project

    return create_sample_project(tmp_path / "sample.annotator")


def distinct_colours(image: QImage, step: int = 7) -> int:
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return len(colours)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_sample_articles_render_in_both_languages(qapp, sample_project, tmp_path, language):
    ids = annotate_for_screenshot(sample_project)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for i, aid in enumerate(ids):
        out = tmp_path / f"sample-{i + 1}-{language}.png"
        render_screenshot(str(sample_project), str(out), article_id=aid, language=language)
        assert out.exists() and out.stat().st_size > 30_000
        image = QImage(str(out))
        assert (image.width(), image.height()) == SCREENSHOT_SIZE
        assert distinct_colours(image) > 40
        shutil.copy(out, SHOTS / out.name)
    # rendering records no time and leaves the interface language as it was
    with Project.open(sample_project) as project:
        assert all(project.status(aid, "screenshot")["seconds"] == 0 for aid in ids)
    assert qapp.layoutDirection().name == "LeftToRight"
