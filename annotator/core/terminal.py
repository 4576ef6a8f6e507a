"""Text headed for a terminal, made harmless: control and bidi characters shown as visible escapes.

Titles, file names, actor ids, annotator names and the presence record come from files anyone may
have prepared. Printed raw, an ESC/CSI/OSC sequence can recolour or clear the screen, retitle the
window or set the clipboard (OSC 52), a CR can overwrite a line, and a bidi override can reorder
what the reader sees. `for_terminal` turns every such character into a visible escape (`\\x1b`,
`\\u009b`, `\\u202e`); Arabic letters, spaces and everything else printable stay as they are.

`terminal_safe` wraps a command's run so that everything it writes to stdout and stderr passes
through the same escape (keeping the newlines and tabs that lay out the output): a value printed
anywhere, a report or an error message, cannot reach the terminal raw. The escapes of C1, DEL and
bidi characters are JSON escapes too, and `json.dumps` already escapes C0 controls, so `--json`
output stays valid JSON of exactly the same data.
"""

from __future__ import annotations

import functools
import io
import re
import sys
from typing import Callable, TypeVar

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"

# C0 controls, DEL, C1 controls and the bidi controls; \t and \n are handled per call
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]")
_UNSAFE_IN_FIELD = re.compile("[\x00-\x1f\x7f-\x9f" + BIDI_CONTROLS + "]")


def _escape(match: re.Match) -> str:
    c = match.group()
    n = ord(c)
    return f"\\x{n:02x}" if n < 0x20 else f"\\u{n:04x}"


def for_terminal(text: object, *, lines: bool = False) -> str:
    """`text` (str() of it) with every control and bidi character shown as a visible escape.

    With `lines=False` (one field: a title, a name, a path) newlines and tabs are escaped too, so a
    value cannot forge a line of output; with `lines=True` (a whole report) they are kept.
    Nothing can go wrong: any object is accepted and the result is always printable.
    """
    pattern = _UNSAFE if lines else _UNSAFE_IN_FIELD
    return pattern.sub(_escape, str(text))


class TerminalStream(io.TextIOBase):
    """A text stream that writes `for_terminal(text, lines=True)` of everything to `unfiltered`."""

    def __init__(self, unfiltered):
        super().__init__()
        self.unfiltered = unfiltered

    def write(self, text: str) -> int:
        self.unfiltered.write(for_terminal(text, lines=True))
        return len(text)

    def flush(self) -> None:
        self.unfiltered.flush()

    def isatty(self) -> bool:
        return self.unfiltered.isatty()

    def fileno(self) -> int:
        return self.unfiltered.fileno()

    @property
    def encoding(self):
        return getattr(self.unfiltered, "encoding", "utf-8")

    @property
    def errors(self):
        return getattr(self.unfiltered, "errors", "strict")


F = TypeVar("F", bound=Callable)


def terminal_safe(function: F) -> F:
    """Run `function` with sys.stdout and sys.stderr passing through `for_terminal`; restored after.

    The streams that were in place are restored even when `function` raises (SystemExit from argparse
    included), so callers that capture output (tests) see them back.
    """

    @functools.wraps(function)
    def run(*args, **kwargs):
        out, err = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = TerminalStream(out), TerminalStream(err)
        try:
            return function(*args, **kwargs)
        finally:
            for stream in (sys.stdout, sys.stderr):
                try:
                    stream.flush()
                except (OSError, ValueError):  # a closed pipe (`| head`): nothing more can be shown
                    pass
            sys.stdout, sys.stderr = out, err

    return run  # type: ignore[return-value]


def unfiltered(stream):
    """The stream under a `TerminalStream` (for output that is entirely ours, like a progress bar's \\r)."""
    return getattr(stream, "unfiltered", stream)
