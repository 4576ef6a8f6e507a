"""Actor lexicons in TOML.

    [[actor]]
    id = "TUR"                      # short code, unique
    name_ar = "تركيا"
    name_en = "Turkey"
    type = "state"                  # state, government, military, armed group, party, person, IGO, media
    color = "#c62828"
    aliases = ["تركيا", "أنقرة", { surface = "التركي", kind = "nisba" },
               { surface = "YPG", proclitics = true, valid_from = "2014-01-01" }]

A plain string alias is a name that may take proclitics (و ف ب ل ك ال لل). An actor without a
colour is given one that stands apart from the others' when it is loaded (`Actor.color` is "").
"""

from __future__ import annotations

import json
import os
import secrets
import stat
import tomllib
from pathlib import Path
from typing import BinaryIO, Iterable, TextIO

from ..core.actors import is_color
from ..core.model import ACTOR_TYPES, ALIAS_KINDS, AUTHOR, Actor, Alias


class LexiconError(ValueError):
    pass


def parse_lexicon(fh: BinaryIO, name: str = "lexicon") -> list[Actor]:
    """Parse a TOML lexicon; raises LexiconError naming the actor and field that is wrong."""
    try:
        data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as e:
        raise LexiconError(f"{name}: not valid TOML ({e})") from e
    actors = []
    seen = set()
    for i, a in enumerate(data.get("actor", []), 1):
        where = f"{name}: actor #{i}"
        aid = str(a.get("id", "")).strip()
        if not aid or aid == AUTHOR:
            raise LexiconError(f"{where}: needs an id (a short code such as TUR), not {aid!r}")
        if aid in seen:
            raise LexiconError(f"{where}: id {aid} appears twice")
        seen.add(aid)
        where = f"{name}: actor {aid}"
        typ = a.get("type", "other")
        if typ not in ACTOR_TYPES:
            raise LexiconError(f"{where}: type {typ!r} is not one of {', '.join(ACTOR_TYPES)}")
        name_ar = a.get("name_ar", "")
        if not name_ar:
            raise LexiconError(f"{where}: needs name_ar")
        aliases = []
        for al in a.get("aliases", []):
            if isinstance(al, str):
                al = {"surface": al}
            if not isinstance(al, dict) or not al.get("surface"):
                raise LexiconError(f"{where}: every alias needs a surface form")
            kind = al.get("kind", "name")
            if kind not in ALIAS_KINDS:
                raise LexiconError(f"{where}: alias {al['surface']!r} has kind {kind!r}; use one of {', '.join(ALIAS_KINDS)}")
            aliases.append(Alias(
                surface=al["surface"], kind=kind, proclitics=bool(al.get("proclitics", True)),
                valid_from=str(al.get("valid_from", "")), valid_to=str(al.get("valid_to", "")),
            ))
        color = a.get("color", "")
        if color and not is_color(color):
            raise LexiconError(f"{where}: color {color!r} is not of the form #rrggbb")
        actors.append(Actor(aid, name_ar, a.get("name_en", ""), typ, color, aliases))
    if not actors:
        raise LexiconError(f"{name}: no [[actor]] tables found")
    return actors


def load_lexicon(path: str | Path) -> list[Actor]:
    with open(path, "rb") as fh:
        return parse_lexicon(fh, str(path))


def _toml_string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, except that DEL must be escaped too."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def write_lexicon(actors: Iterable[Actor], stream: TextIO) -> int:
    """Write `actors` as a TOML lexicon that `parse_lexicon` reads back to the same actors.

    Aliases keep their kind, proclitics and validity dates; alias keys are not written (loading
    computes them). Returns how many actors were written.
    """
    n = 0
    stream.write("# Actor lexicon written by `annotator actors --export`; load it with `annotator actors --load`.\n")
    for actor in actors:
        stream.write("\n[[actor]]\n")
        for field in ("id", "name_ar", "name_en", "type", "color"):
            stream.write(f"{field} = {_toml_string(getattr(actor, field))}\n")
        items = []
        for al in actor.aliases:
            extra = {"kind": al.kind if al.kind != "name" else None,
                     "proclitics": None if al.proclitics else False,
                     "valid_from": al.valid_from or None, "valid_to": al.valid_to or None}
            extra = {k: v for k, v in extra.items() if v is not None}
            if not extra:
                items.append(_toml_string(al.surface))
                continue
            fields = [f"surface = {_toml_string(al.surface)}"] + [
                f"{k} = {'false' if v is False else _toml_string(v)}" for k, v in extra.items()]
            items.append("{ " + ", ".join(fields) + " }")
        stream.write("aliases = [" + "".join(f"\n  {item}," for item in items) + ("\n]\n" if items else "]\n"))
        n += 1
    return n


def export_lexicon(actors: Iterable[Actor], path: str | Path, *, project_path: str | Path) -> int:
    """Write the lexicon to `path` through a temporary file renamed into place; returns the count.

    Refuses (LexiconError, nothing written) the project file itself or its -wal/-shm files, and an
    existing path that is not a regular file (a directory, a FIFO, a device). A symlink at `path`
    is replaced by the file, never followed.
    """
    out = Path(path)
    project = Path(project_path).resolve()
    if out.resolve() in {project, project.with_name(project.name + "-wal"), project.with_name(project.name + "-shm")}:
        raise LexiconError(f"{out}: that is the project file; choose another name for the lexicon")
    if out.exists() and not out.is_symlink() and not stat.S_ISREG(out.stat().st_mode):
        raise LexiconError(f"{out}: not a regular file; choose a file name for the lexicon")
    tmp = out.with_name(f".{out.name}.{os.getpid()}-{secrets.token_hex(6)}.part")
    try:
        with open(tmp, "x", encoding="utf-8", newline="\n") as fh:
            n = write_lexicon(actors, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return n
