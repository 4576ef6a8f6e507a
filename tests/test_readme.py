"""The README's promises name tests that exist."""

import re

from tests.conftest import REPO

_REF = re.compile(r"`(tests/[\w/]+\.py)((?:::\w+)?)`|`::(\w+)`")


def test_every_test_the_readme_names_exists():
    """The Reliability section lists each promise with the test that proves it: a renamed or deleted
    test must not leave a promise pointing at nothing."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing, current = [], None
    for line in readme.splitlines():
        for m in _REF.finditer(line):
            if m.group(1):
                current = REPO / m.group(1)
                if not current.exists():
                    missing.append(m.group(1))
                    continue
                name = m.group(2)[2:]
            else:
                name = m.group(3)
            if name and current is not None and not re.search(rf"^def {name}\b", current.read_text(encoding="utf-8"),
                                                               re.MULTILINE):
                missing.append(f"{current.relative_to(REPO)}::{name}")
    assert not missing, missing
