"""Shared fixtures for the GUI tests: offscreen Qt, isolated settings, small real projects."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

from annotator.core.boilerplate import detect_segments  # noqa: E402
from annotator.core.model import Actor, Alias  # noqa: E402
from annotator.core.text import canonicalize  # noqa: E402
from annotator.resources import resource  # noqa: E402
from annotator.storage.project import ArticleRecord, Project  # noqa: E402

# The first body line has emoji before the names, so code points and UTF-16 positions differ there.
EMOJI_ARTICLE = (
    "عاجل\n"
    "تركيا تحذر من عملية الرقة\n"
    "قال وزير الخارجية 😀 إن تركيا لن تقبل أي دور لوحدات حماية الشعب الكردية في عملية الرقة.\n"
    "وأضاف أن واشنطن 😀😀 تدعم قوات سوريا الديمقراطية رغم اعتراض أنقرة على ذلك الدعم.\n"
    "وقالت YPG في بيان عام 2016 إنها ستواصل القتال ضد تنظيم الدولة الإسلامية في سوريا.\n"
    "المصدر: وكالات"
)

ACTORS = [
    Actor("TUR", "تركيا", "Turkey", "state", "#c62828", [Alias("تركيا"), Alias("أنقرة")]),
    Actor("USA", "الولايات المتحدة", "United States", "state", "#1565c0", [Alias("الولايات المتحدة"), Alias("واشنطن")]),
    Actor("YPG", "وحدات حماية الشعب", "YPG", "armed group", "#f9a825", [Alias("وحدات حماية الشعب الكردية"), Alias("YPG")]),
    Actor("SDF", "قوات سوريا الديمقراطية", "SDF", "armed group", "#6a1b9a", [Alias("قوات سوريا الديمقراطية")]),
    Actor("ISIS", "تنظيم الدولة الإسلامية", "Islamic State", "armed group", "#212121", [Alias("تنظيم الدولة الإسلامية")]),
    Actor("CARTER", "آشتون كارتر", "Ashton Carter", "person", "#00897b", [Alias("آشتون كارتر"), Alias("كارتر")]),
]


def add_article(project: Project, text: str, title: str, source: str = "test") -> str:
    text = canonicalize(text)
    with project.db.atomic():
        return project.add_article(
            ArticleRecord(text=text, raw=text.encode("utf-8"), encoding="utf-8", title=title, source=source),
            detect_segments(text),
        )


def build_project(path: Path) -> Path:
    """A project with the emoji article first, then the two bundled sample articles, and suggestions."""
    project = Project.create(path)
    try:
        for actor in ACTORS:
            project.upsert_actor(actor)
        project.set_setting("guidelines", "# Guidelines\n\nMark the **stance** of each holder.")
        add_article(project, EMOJI_ARTICLE, "تركيا تحذر من عملية الرقة")
        for sample in sorted(resource("samples").glob("*.txt")):
            text = sample.read_text(encoding="utf-8")
            add_article(project, text, canonicalize(text).splitlines()[0], "samples")
        project.suggest()
    finally:
        project.close()
    return path


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return build_project(tmp_path / "test.annotator")


@pytest.fixture
def settings(tmp_path: Path):
    from annotator.ui.settings import AppSettings

    return AppSettings.at(tmp_path / "settings.ini")


@pytest.fixture
def window(qtbot, project_path, settings):
    """The real main window on the test project, annotator 'tester', first article open."""
    from annotator.ui.app import build_main_window

    win = build_main_window(project_path, settings, annotator="tester")
    assert win is not None
    qtbot.addWidget(win)
    with qtbot.waitActive(win):  # single-key shortcuts only reach the active window
        win.activateWindow()
    yield win
    win.close()


@pytest.fixture
def db(project_path):
    """A second connection to the project file, to check what was really written."""
    project = Project.open(project_path)
    yield project
    project.close()
