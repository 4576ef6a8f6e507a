"""Start-up probe for bench/gui_bench.py: `python main.py PROJECT`, stopped at the first paint.

    python bench/startup_probe.py PROJECT

Does what main.py does (`run_gui`), as annotator "bench" (so no name is asked) and with the user
settings redirected by the caller (XDG_CONFIG_HOME), plus an application event filter: when the
main window receives its first Paint event, a zero-delay timer runs after that paint pass (the
window's children, the article view with the first article among them, are painted in the same
pass), prints one JSON line with `time.monotonic()` then (the caller subtracts its own monotonic
time taken just before spawning: CLOCK_MONOTONIC is system-wide) and the peak resident memory,
and quits the event loop. The window is never closed, so the time spent on the first article is
not recorded: the only write to the project is the annotator row "bench".
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.ui.app import ensure_application, run_gui  # noqa: E402
from annotator.ui.main_window import MainWindow  # noqa: E402
from rows import memory_mb  # noqa: E402


class FirstPaint(QObject):
    def __init__(self, app: QApplication):
        super().__init__()
        self._app = app
        self._seen = False

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt API)
        if not self._seen and event.type() == QEvent.Type.Paint and isinstance(watched, MainWindow):
            self._seen = True
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        painted = time.monotonic()
        window = next(w for w in self._app.topLevelWidgets() if isinstance(w, MainWindow))
        state = window.session.state
        print(json.dumps({"painted": painted, "peak_rss_mb": round(memory_mb()[1], 1),
                          "article": state.article_id if state else None}), flush=True)
        self._app.quit()


def main(argv: list[str]) -> int:
    app = ensure_application(argv[:1])
    probe = FirstPaint(app)
    app.installEventFilter(probe)
    return run_gui(argv[1], "bench", argv=argv[:1])


if __name__ == "__main__":
    sys.exit(main(sys.argv))
