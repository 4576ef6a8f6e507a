"""Launch the annotator GUI: `python main.py [PROJECT]`."""

from __future__ import annotations

import sys

from annotator.ui.app import run_gui


def main(argv: list[str]) -> int:
    project = argv[1] if len(argv) > 1 and not argv[1].startswith("-") else None
    return run_gui(project, argv=argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
