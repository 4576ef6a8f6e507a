"""Display names of the stance labels, per project and interface language.

Labels are stored and exported by their codes (FAVOR, AGAINST, NONE); an interface language may
show other names, kept in the project (setting "label_names": {language: {code: name}}), so a team
shares them. Arabic has defaults for the default label set: مؤيد / معارض / محايد.

What can go wrong: a code not in the project's label set, or a name that is empty, longer than
MAX_NAME characters or holds control characters (ValidationError; nothing is stored).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..core.model import ValidationError

if TYPE_CHECKING:
    from .project import Project

SETTING = "label_names"
DEFAULT_NAMES = {"ar": {"FAVOR": "مؤيد", "AGAINST": "معارض", "NONE": "محايد"}}
MAX_NAME = 40


class LabelNames:
    """Reads and sets the label display names of one project."""

    def __init__(self, project: "Project"):
        self.project = project

    def _stored(self) -> dict:
        value = self.project.setting(SETTING, {})
        return value if isinstance(value, dict) else {}

    def names(self, language: str) -> dict[str, str]:
        """{code: display name} for `language`; codes without a name show as themselves."""
        codes = [label.name for label in self.project.labels()]
        stored = self._stored().get(language, {})
        defaults = DEFAULT_NAMES.get(language, {})
        out = {}
        for code in codes:
            name = stored.get(code) if isinstance(stored, dict) else None
            out[code] = name if isinstance(name, str) and name else defaults.get(code, code)
        return out

    def set_name(self, language: str, code: str, name: str) -> None:
        """Name label `code` `name` in `language` (see the module docstring for what is refused)."""
        self.set_names(language, {code: name})

    def set_names(self, language: str, names: dict[str, str]) -> None:
        """Set several names at once: all are checked before any is stored."""
        codes = {label.name for label in self.project.labels()}
        clean = {}
        for code, name in names.items():
            if code not in codes:
                raise ValidationError(f"label {code!r} is not in the project's label set")
            name = " ".join(name.split())
            if not name or len(name) > MAX_NAME or any(not ch.isprintable() for ch in name):
                raise ValidationError(f"{code}: a label name is 1 to {MAX_NAME} printable characters, not {name!r}")
            clean[code] = name
        stored = self._stored()
        stored.setdefault(language, {}).update(clean)
        self.project.set_setting(SETTING, stored)
