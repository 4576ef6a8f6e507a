"""Only annotator.ui may import PySide6: core, storage, io and the CLI stay usable without Qt."""

import ast
import subprocess
import sys
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "annotator"


def test_no_qt_import_outside_ui():
    offenders = []
    for f in PKG.rglob("*.py"):
        if "ui" in f.relative_to(PKG).parts[:1]:
            continue
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            offenders += [f"{f.name}: {n}" for n in names if n.startswith(("PySide6", "shiboken6"))]
    assert offenders == []


def test_importing_the_cli_and_library_does_not_load_qt():
    code = (
        "import sys, annotator.cli, annotator.api, annotator.ingest, annotator.io.readers;"
        "assert 'PySide6' not in sys.modules, 'PySide6 loaded';"
        "import annotator.core.fold, annotator.storage;"
        "assert not any(m.startswith('PySide6') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_core_does_not_import_storage_or_sql():
    for f in (PKG / "core").rglob("*.py"):
        src = f.read_text(encoding="utf-8")
        assert "sqlite" not in src and "..storage" not in src, f.name


def test_opening_the_window_does_not_load_scikit_learn():
    """Bug: the suggestion strip imported storage.suggestions, which imported scikit-learn (0.7 s of a
    1.7 s start-up) although the window only reads stored suggestions; and the first J with "Next
    follows the queue" took 1.6 s importing it through annotator.assist."""
    code = (
        "import sys, annotator.ui.app, annotator.ui.main_window, annotator.storage.suggestions, annotator.assist;"
        "assert not [m for m in sys.modules if m.startswith(('sklearn', 'scipy'))], 'scikit-learn loaded'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})


def test_the_import_worker_does_not_load_sqlite_utils():
    """Bug (issue 13): the import's worker process loaded storage.project, hence sqlite-utils, which
    imports pandas when it is installed: the first article came 0.45 s after the start instead of 0.13."""
    code = (
        "import sys, annotator.ingest, annotator.storage.prepared;"
        "from annotator.ingest import _worker_main;"
        "bad = [m for m in sys.modules if m.startswith(('sqlite_utils', 'pandas', 'annotator.storage.project'))];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
