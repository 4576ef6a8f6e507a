"""Typed access to the user's preferences, stored with QSettings.

The settings object is always passed in (never a module global), so tests and screenshots use a
throw-away INI file and never touch the user's real preferences.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8
DEFAULT_FONT_SIZE = 16
MIN_FONT_SIZE, MAX_FONT_SIZE = 8, 48


class AppSettings:
    """Font size, last and recent projects, annotator name, language and view toggles."""

    def __init__(self, qsettings: QSettings):
        self.qsettings = qsettings

    @classmethod
    def at(cls, ini_path: str | Path) -> "AppSettings":
        """Settings kept in the INI file `ini_path` (tests, screenshots, portable installs)."""
        return cls(QSettings(str(ini_path), QSettings.Format.IniFormat))

    def _get(self, key: str, default, kind):
        value = self.qsettings.value(key, default, type=kind)
        return default if value is None else value

    def _set(self, key: str, value) -> None:
        self.qsettings.setValue(key, value)
        self.qsettings.sync()

    @property
    def font_size(self) -> int:
        size = self._get("view/font_size", DEFAULT_FONT_SIZE, int)
        return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))

    @font_size.setter
    def font_size(self, size: int) -> None:
        self._set("view/font_size", max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, int(size))))

    @property
    def last_project(self) -> str:
        return self._get("projects/last", "", str)

    @property
    def recent_projects(self) -> list[str]:
        value = self.qsettings.value("projects/recent", [])
        if isinstance(value, str):  # QSettings returns a lone list item as a plain string
            value = [value]
        return [str(v) for v in value or [] if v]

    def remember_project(self, path: str | Path) -> None:
        """Make `path` the last project and put it first in the recent list."""
        path = str(Path(path).resolve())
        recent = [p for p in self.recent_projects if p != path]
        self.qsettings.setValue("projects/recent", [path, *recent][:MAX_RECENT])
        self._set("projects/last", path)

    def last_article(self, project_id: str) -> str:
        """The article last open in the project with this id ("" when none)."""
        return self._get(f"projects/last_article/{project_id}", "", str)

    def remember_article(self, project_id: str, article_id: str) -> None:
        self._set(f"projects/last_article/{project_id}", article_id)

    @property
    def annotator(self) -> str:
        return self._get("annotator/name", "", str)

    @annotator.setter
    def annotator(self, name: str) -> None:
        self._set("annotator/name", name.strip())

    @property
    def language(self) -> str:
        return self._get("ui/language", "en", str)

    @language.setter
    def language(self, code: str) -> None:
        self._set("ui/language", code)

    @property
    def snap_to_words(self) -> bool:
        return self._get("selection/snap_to_words", True, bool)

    @snap_to_words.setter
    def snap_to_words(self, on: bool) -> None:
        self._set("selection/snap_to_words", bool(on))

    @property
    def include_prefix(self) -> bool:
        return self._get("selection/include_prefix", False, bool)

    @include_prefix.setter
    def include_prefix(self, on: bool) -> None:
        self._set("selection/include_prefix", bool(on))

    @property
    def hide_boilerplate(self) -> bool:
        return self._get("view/hide_boilerplate", False, bool)

    @hide_boilerplate.setter
    def hide_boilerplate(self, on: bool) -> None:
        self._set("view/hide_boilerplate", bool(on))

    @property
    def follow_queue(self) -> bool:
        return self._get("navigation/follow_queue", False, bool)

    @follow_queue.setter
    def follow_queue(self, on: bool) -> None:
        self._set("navigation/follow_queue", bool(on))

    def window_state(self, direction: str) -> tuple[bytes | None, bytes | None]:
        """The saved main-window geometry and dock layout for a layout direction ('ltr', 'rtl'),
        None when never saved: docks sit on mirrored sides in the two directions."""
        return self.qsettings.value("window/geometry"), self.qsettings.value(f"window/state-{direction}")

    def save_window_state(self, direction: str, geometry: bytes, state: bytes) -> None:
        self.qsettings.setValue("window/geometry", geometry)
        self._set(f"window/state-{direction}", state)
