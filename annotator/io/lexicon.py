"""Actor lexicons in TOML.

    [[actor]]
    id = "TUR"                      # short code, unique
    name_ar = "تركيا"
    name_en = "Turkey"
    type = "state"                  # state, government, military, armed group, party, person, IGO, media
    color = "#c62828"
    aliases = ["تركيا", "أنقرة", { surface = "التركي", kind = "nisba" },
               { surface = "YPG", proclitics = true, valid_from = "2014-01-01" }]

A plain string alias is a name that may take proclitics (و ف ب ل ك ال لل).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import BinaryIO

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
        actors.append(Actor(aid, name_ar, a.get("name_en", ""), typ, a.get("color", "#1565c0"), aliases))
    if not actors:
        raise LexiconError(f"{name}: no [[actor]] tables found")
    return actors


def load_lexicon(path: str | Path) -> list[Actor]:
    with open(path, "rb") as fh:
        return parse_lexicon(fh, str(path))
