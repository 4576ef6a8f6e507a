"""Helpers for lexicon actors made by hand: a suggested short code, a colour that stands apart.

Colours are compared in CIE L*a*b* (CIE76 distance), where equal distances look about equally
different; two colours closer than CLOSE_DISTANCE are hard to tell apart as underlines in the text
(the sample lexicon's SDF and Silo oranges are 15 apart, USA and Dunford blues 16).
"""

from __future__ import annotations

import re
from typing import Iterable

from .fold import fold_key

# Distinct colours that stay readable as underlines and highlights on white (Kelly's 22 colours of
# maximum contrast, without white, black and the near-greys, then Tableau 10).
PALETTE = (
    "#f3c300", "#875692", "#f38400", "#a1caf1", "#be0032", "#c2b280", "#008856", "#e68fac", "#0067a5",
    "#f99379", "#604e97", "#f6a600", "#b3446c", "#dcd300", "#882d17", "#8db600", "#654522", "#e25822",
    "#2b3d26", "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f",
)
CLOSE_DISTANCE = 20.0
_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def is_color(text: str) -> bool:
    return bool(_HEX.match(text or ""))


def _lab(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB "#rrggbb"; raises ValueError for anything else."""
    if not is_color(color):
        raise ValueError(f"{color!r} is not a colour of the form #rrggbb")
    rgb = []
    for i in (1, 3, 5):
        c = int(color[i:i + 2], 16) / 255
        rgb.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def color_distance(a: str, b: str) -> float:
    """CIE76 distance between two "#rrggbb" colours (0: identical; < CLOSE_DISTANCE: easily confused)."""
    la, lb = _lab(a), _lab(b)
    return sum((x - y) ** 2 for x, y in zip(la, lb)) ** 0.5


def pick_color(existing: Iterable[str]) -> str:
    """The palette colour farthest from every colour in `existing` (malformed ones are ignored)."""
    used = [c for c in existing if is_color(c)]
    if not used:
        return PALETTE[0]
    return max(PALETTE, key=lambda c: min(color_distance(c, u) for u in used))


def close_colors(colors: dict[str, str], limit: float = CLOSE_DISTANCE) -> list[tuple[str, str, float]]:
    """Pairs of ids whose colours are closer than `limit`, closest first (malformed colours skipped)."""
    items = [(k, v) for k, v in colors.items() if is_color(v)]
    pairs = []
    for i, (a, ca) in enumerate(items):
        for b, cb in items[i + 1:]:
            d = color_distance(ca, cb)
            if d < limit:
                pairs.append((a, b, d))
    return sorted(pairs, key=lambda p: p[2])


def suggest_code(name_en: str, name_ar: str, taken: Iterable[str]) -> str:
    """A short upper-case code for a new actor ("Russia" -> "RUS"), not among `taken`.

    From the English name's initials (several words) or first letters; from the Arabic name folded
    (then Arabic letters) when there is no English name; "ACTOR" when neither gives letters. A
    number is appended while the code is taken.
    """
    taken = {t.upper() for t in taken}
    words = re.findall(r"[A-Za-z]+", name_en or "")
    if len(words) >= 2:
        base = "".join(w[0] for w in words[:4]).upper()
    elif words:
        base = words[0][:3].upper()
    else:
        letters = re.sub(r"\W|_", "", fold_key(name_ar or ""))
        base = letters[:4] or "ACTOR"
    code, n = base, 2
    while code.upper() in taken or code == "AUTHOR":
        code, n = f"{base}{n}", n + 1
    return code
