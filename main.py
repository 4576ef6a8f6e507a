"""Launch the annotator GUI: `python main.py [PROJECT]`."""

from __future__ import annotations

import sys

from annotator.cli import no_display_reason


def main(argv: list[str]) -> int:
    reason = no_display_reason()
    if reason:
        print(f"annotator: {reason}", file=sys.stderr)
        return 2
    from annotator.ui.app import run_gui

    project = argv[1] if len(argv) > 1 and not argv[1].startswith("-") else None
    return run_gui(project, argv=argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
