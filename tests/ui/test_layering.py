"""Only annotator.ui may import PySide6: the core, storage and CLI import without it."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_storage_do_not_import_qt():
    code = (
        "import sys, pkgutil, importlib, annotator.core, annotator.storage\n"
        "for pkg in (annotator.core, annotator.storage):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(pkg.__name__ + '.' + m.name)\n"
        "import annotator.sample\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'PySide6 imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_only_the_ui_package_mentions_pyside6():
    from pathlib import Path

    root = Path(__file__).parents[2] / "annotator"
    offenders = [
        str(p.relative_to(root)) for p in root.rglob("*.py")
        if "ui" not in p.relative_to(root).parts[:1] and "PySide6" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
