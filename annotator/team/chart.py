"""A per-actor alpha bar chart as a PNG, drawn in pure Python (zlib + struct; no plotting library).

One horizontal bar per target actor, its length the alpha (negative values drawn as empty bars),
labelled with the actor id, the value and the number of items, with guide lines at alpha 0.667 and
0.8 (Krippendorff's thresholds for tentative and reliable conclusions). Text uses a built-in 5x7
pixel font for A-Z, 0-9 and a little punctuation; other characters are drawn as "?".
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Sequence

from ..storage.safe_files import atomic_write

_FONT_ROWS = """
A 01110 10001 10001 11111 10001 10001 10001
B 11110 10001 10001 11110 10001 10001 11110
C 01110 10001 10000 10000 10000 10001 01110
D 11110 10001 10001 10001 10001 10001 11110
E 11111 10000 10000 11110 10000 10000 11111
F 11111 10000 10000 11110 10000 10000 10000
G 01110 10001 10000 10111 10001 10001 01111
H 10001 10001 10001 11111 10001 10001 10001
I 01110 00100 00100 00100 00100 00100 01110
J 00111 00010 00010 00010 00010 10010 01100
K 10001 10010 10100 11000 10100 10010 10001
L 10000 10000 10000 10000 10000 10000 11111
M 10001 11011 10101 10101 10001 10001 10001
N 10001 10001 11001 10101 10011 10001 10001
O 01110 10001 10001 10001 10001 10001 01110
P 11110 10001 10001 11110 10000 10000 10000
Q 01110 10001 10001 10001 10101 10010 01101
R 11110 10001 10001 11110 10100 10010 10001
S 01111 10000 10000 01110 00001 00001 11110
T 11111 00100 00100 00100 00100 00100 00100
U 10001 10001 10001 10001 10001 10001 01110
V 10001 10001 10001 10001 10001 01010 00100
W 10001 10001 10001 10101 10101 10101 01010
X 10001 10001 01010 00100 01010 10001 10001
Y 10001 10001 10001 01010 00100 00100 00100
Z 11111 00001 00010 00100 01000 10000 11111
0 01110 10001 10011 10101 11001 10001 01110
1 00100 01100 00100 00100 00100 00100 01110
2 01110 10001 00001 00010 00100 01000 11111
3 11111 00010 00100 00010 00001 10001 01110
4 00010 00110 01010 10010 11111 00010 00010
5 11111 10000 11110 00001 00001 10001 01110
6 00110 01000 10000 11110 10001 10001 01110
7 11111 00001 00010 00100 01000 01000 01000
8 01110 10001 10001 01110 10001 10001 01110
9 01110 10001 10001 01111 00001 00010 01100
. 00000 00000 00000 00000 00000 01100 01100
- 00000 00000 00000 11111 00000 00000 00000
_ 00000 00000 00000 00000 00000 00000 11111
( 00010 00100 01000 01000 01000 00100 00010
) 01000 00100 00010 00010 00010 00100 01000
= 00000 00000 11111 00000 11111 00000 00000
/ 00000 00001 00010 00100 01000 10000 00000
: 00000 01100 01100 00000 01100 01100 00000
? 01110 10001 00001 00010 00100 00000 00100
, 00000 00000 00000 00000 01100 00100 01000
"""
FONT = {line[0]: line[2:].split() for line in _FONT_ROWS.strip().splitlines()}
FONT[" "] = ["00000"] * 7

SCALE = 2  # screen pixels per font pixel
ADVANCE = 6 * SCALE  # glyph width plus one column of space
ROW = 30  # height of one bar row
BAR_WIDTH = 400
MARGIN = 16
WHITE, BLACK, GREY, LIGHT = (255, 255, 255), (33, 33, 33), (158, 158, 158), (224, 224, 224)
DEFAULT_COLOR = (21, 101, 192)


class Canvas:
    """An RGB image in memory with rectangles and text, saved as PNG."""

    def __init__(self, width: int, height: int, background: tuple = WHITE):
        self.width, self.height = width, height
        self.pixels = bytearray(bytes(background) * (width * height))

    def rect(self, x: int, y: int, w: int, h: int, color: tuple) -> None:
        """Fill [x, x + w) x [y, y + h), clipped to the canvas."""
        x0, x1 = max(0, x), min(self.width, x + w)
        if x0 >= x1:
            return
        run = bytes(color) * (x1 - x0)
        for row in range(max(0, y), min(self.height, y + h)):
            start = (row * self.width + x0) * 3
            self.pixels[start:start + len(run)] = run

    def text(self, x: int, y: int, s: str, color: tuple = BLACK) -> int:
        """Draw `s` (upper-cased) with its top-left corner at (x, y); returns the x after it."""
        for ch in s.upper():
            glyph = FONT.get(ch, FONT["?"])
            for gy, bits in enumerate(glyph):
                for gx, bit in enumerate(bits):
                    if bit == "1":
                        self.rect(x + gx * SCALE, y + gy * SCALE, SCALE, SCALE, color)
            x += ADVANCE
        return x

    def pixel(self, x: int, y: int) -> tuple[int, int, int]:
        i = (y * self.width + x) * 3
        return tuple(self.pixels[i:i + 3])

    def png(self) -> bytes:
        """The image as PNG bytes (8-bit RGB, no interlace)."""
        stride = self.width * 3
        raw = b"".join(b"\x00" + bytes(self.pixels[r * stride:(r + 1) * stride]) for r in range(self.height))

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 2, 0, 0, 0)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9))
                + chunk(b"IEND", b""))


def hex_color(value: str) -> tuple[int, int, int]:
    """(r, g, b) of "#rrggbb"; the default bar colour for anything else."""
    v = value.lstrip("#")
    try:
        return (int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16)) if len(v) == 6 else DEFAULT_COLOR
    except ValueError:
        return DEFAULT_COLOR


Bar = tuple  # (label, value or None, n, (r, g, b))


def bar_geometry(index: int, label_width: int) -> tuple[int, int]:
    """(x, y) of the top-left corner of bar `index`."""
    return MARGIN + label_width, MARGIN + 3 * ROW + index * ROW


def bar_chart(bars: Sequence[Bar], title: str) -> Canvas:
    """Horizontal bars of values in [0, 1] (see the module docstring)."""
    label_width = (max([len(str(b[0])) for b in bars] + [4]) + 1) * ADVANCE
    width = MARGIN * 2 + label_width + BAR_WIDTH + 16 * ADVANCE
    height = MARGIN * 2 + 3 * ROW + max(1, len(bars)) * ROW
    c = Canvas(width, height)
    c.text(MARGIN, MARGIN, title)
    x0, top = bar_geometry(0, label_width)
    for mark, name in ((0.0, "0"), (0.667, ".67"), (0.8, ".8"), (1.0, "1")):
        x = x0 + round(mark * BAR_WIDTH)
        c.rect(x, top - 6, 1, max(1, len(bars)) * ROW + 6, GREY if name in ("0", "1") else LIGHT)
        c.text(x - len(name) * ADVANCE // 2, top - ROW, name, GREY)
    for i, (label, value, n, color) in enumerate(bars):
        x, y = bar_geometry(i, label_width)
        c.text(MARGIN, y + 8, str(label))
        length = round(max(0.0, min(1.0, value)) * BAR_WIDTH) if value is not None else 0
        c.rect(x, y + 4, length, ROW - 8, color)
        shown = "N/A" if value is None else f"{value:.2f}"
        c.text(x + BAR_WIDTH + ADVANCE, y + 8, f"{shown} N={n}")
    if not bars:
        c.text(x0, top + 8, "NO ITEMS", GREY)
    return c


def alpha_bars(report: dict, colors: dict[str, str] | None = None) -> list[Bar]:
    """The per-target-actor alpha of an `agreement_report` as bars, in the report's order."""
    colors = colors or {}
    return [(t, f["value"], f["n"], hex_color(colors.get(t, ""))) for t, f in report["stance"]["by_target"].items()]


def write_alpha_chart(report: dict, path: str | Path, colors: dict[str, str] | None = None, *,
                      protect: Sequence[str | Path] = ()) -> Path:
    """Save the per-actor alpha bar chart of `report` to `path` (written whole, then renamed).

    Raises UnsafeOutputError (a ValueError) for a path `check_output_path` refuses: the project
    (`protect`) or any other project or SQLite file, a device, a FIFO, a folder, a link.
    """
    data = bar_chart(alpha_bars(report, colors), "Krippendorff alpha per target actor").png()
    with atomic_write(path, binary=True, protect=protect) as fh:
        fh.write(data)
    return Path(path)
