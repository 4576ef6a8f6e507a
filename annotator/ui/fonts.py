"""The bundled Arabic font (Noto Naskh Arabic), registered with Qt at start-up.

The app never relies on system fallback for Arabic: many systems have no Arabic font but DejaVu,
and shaping differs between fonts. Noto Naskh's tall ascent and descent also give the article the
comfortable line spacing (about 1.8 em) that QPlainTextEdit cannot add itself (its document layout
ignores QTextBlockFormat line heights).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase

from ..resources import resource

FONT_FILES = ("NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf")
FALLBACK_FAMILY = "Noto Naskh Arabic"


def load_bundled_fonts() -> str:
    """Register the bundled font files; returns the family name to use for article text."""
    family = ""
    for name in FONT_FILES:
        path = resource("fonts", name)
        if not path.exists():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else "")
    return family or FALLBACK_FAMILY


def article_font(family: str, point_size: int) -> QFont:
    font = QFont(family, point_size)
    font.setStyleHint(QFont.StyleHint.Serif)
    return font
