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

A lexicon is loaded whole or not at all: every problem in it (a wrong type, an unknown key, a
missing name) is collected and reported together, each naming the actor and key, so one run shows
everything to fix and no half of a lexicon is ever stored.
"""

from __future__ import annotations

import datetime
import json
import re
import tomllib
from pathlib import Path
from typing import BinaryIO, Iterable, TextIO

from ..core.model import ACTOR_TYPES, ALIAS_KINDS, AUTHOR, Actor, Alias
from ..storage.safe_files import atomic_write

MAX_LEXICON_BYTES = 64 * 1024 * 1024
_ACTOR_KEYS = ("id", "name_ar", "name_en", "type", "color", "aliases")
_ALIAS_KEYS = ("surface", "kind", "proclitics", "valid_from", "valid_to")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


class LexiconError(ValueError):
    pass


def _type_name(v: object) -> str:
    return {str: "a string", bool: "true/false", int: "a number", float: "a number", list: "a list",
            dict: "a table"}.get(type(v), f"a {type(v).__name__}")


def _text(name: str, data: bytes) -> str:
    """`data` as TOML text: UTF-8, a UTF-8 byte-order mark ignored. Raises LexiconError naming the line."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise LexiconError(f"{name}: line {line} is not UTF-8 text (byte 0x{data[e.start]:02x}); a TOML lexicon must "
                           "be saved as UTF-8 (e.g. iconv -f cp1256 -t utf-8, or 'Save as UTF-8' in the editor)") from None


class _Problems:
    """Collects the problems of a lexicon, each as 'file: actor X: key: what to do'."""

    def __init__(self, name: str):
        self.name, self.items = name, []

    def add(self, where: str, msg: str) -> None:
        self.items.append(f"{where}: {msg}")

    def string(self, where: str, table: dict, key: str, default: str = "", *, required: bool = False) -> str:
        v = table.get(key, default)
        if required and (v == "" or v is None):
            self.add(where, f"needs {key} (a string)")
        elif not isinstance(v, str):
            self.add(where, f"{key} must be a string in quotes, not {_type_name(v)} ({v!r})")
            return default
        return v

    def unknown_keys(self, where: str, table: dict, known: tuple[str, ...]) -> None:
        extra = [k for k in table if k not in known]
        if extra:
            self.add(where, f"unknown key(s) {', '.join(map(repr, extra))}; the keys are {', '.join(known)}")


def _date(p: _Problems, where: str, al: dict, key: str) -> str:
    v = al.get(key, "")
    if isinstance(v, datetime.date) and not isinstance(v, datetime.datetime):
        return v.isoformat()
    if not isinstance(v, str) or (v and not _DATE.fullmatch(v)):
        p.add(where, f"{key} must be a date such as 2014-01-01, not {v!r}")
        return ""
    return v


def _aliases(p: _Problems, where: str, value: object) -> list[Alias]:
    if not isinstance(value, list):
        p.add(where, f"aliases must be a list in brackets, e.g. aliases = [\"تركيا\", \"أنقرة\"], not {_type_name(value)}")
        return []
    aliases = []
    for j, al in enumerate(value, 1):
        w = f"{where}: alias #{j}"
        if isinstance(al, str):
            al = {"surface": al}
        if not isinstance(al, dict):
            p.add(w, f"must be a string or a table such as {{ surface = \"أنقرة\", kind = \"metonym\" }}, not {_type_name(al)}")
            continue
        p.unknown_keys(w, al, _ALIAS_KEYS)
        surface = p.string(w, al, "surface", required=True)
        if surface and not surface.strip():
            p.add(w, "surface is blank")
        w = f"{where}: alias {surface!r}" if surface else w
        kind = p.string(w, al, "kind", "name")
        if kind not in ALIAS_KINDS:
            p.add(w, f"kind {kind!r} is not one of {', '.join(ALIAS_KINDS)}")
        proclitics = al.get("proclitics", True)
        if not isinstance(proclitics, bool):
            p.add(w, f"proclitics must be true or false, not {proclitics!r}")
        aliases.append(Alias(surface=surface, kind=kind, proclitics=proclitics is not False,
                             valid_from=_date(p, w, al, "valid_from"), valid_to=_date(p, w, al, "valid_to")))
    return aliases


def parse_lexicon(fh: BinaryIO, name: str = "lexicon") -> list[Actor]:
    """Parse a TOML lexicon; raises LexiconError listing every problem, each naming the actor and key."""
    data = fh.read(MAX_LEXICON_BYTES + 1)
    if len(data) > MAX_LEXICON_BYTES:
        raise LexiconError(f"{name}: over {MAX_LEXICON_BYTES // 2**20} MB; is this a lexicon?")
    try:
        doc = tomllib.loads(_text(name, data))
    except tomllib.TOMLDecodeError as e:
        raise LexiconError(f"{name}: not valid TOML ({e})") from None
    except RecursionError:
        raise LexiconError(f"{name}: nested too deeply to be a lexicon; see the format in resources/lexicon/sample.toml") from None
    p = _Problems(name)
    tables = doc.get("actor", [])
    if not isinstance(tables, list):
        raise LexiconError(f"{name}: 'actor' must be a list of [[actor]] tables, not {_type_name(tables)}")
    unknown = [k for k in doc if k != "actor"]
    if unknown:
        p.add(name, f"unknown top-level key(s) {', '.join(map(repr, unknown))}; a lexicon holds only [[actor]] tables")
    actors = []
    seen = set()
    for i, a in enumerate(tables, 1):
        where = f"{name}: actor #{i}"
        if not isinstance(a, dict):
            p.add(where, f"must be an [[actor]] table, not {_type_name(a)}")
            continue
        aid = p.string(where, a, "id")
        if not aid.strip() or aid.strip() == AUTHOR:
            p.add(where, f"needs an id (a short code such as TUR), not {aid!r}")
            continue
        aid = aid.strip()
        if aid in seen:
            p.add(where, f"id {aid} appears twice")
            continue
        seen.add(aid)
        where = f"{name}: actor {aid}"
        p.unknown_keys(where, a, _ACTOR_KEYS)
        typ = p.string(where, a, "type", "other")
        if typ not in ACTOR_TYPES:
            p.add(where, f"type {typ!r} is not one of {', '.join(ACTOR_TYPES)}")
        color = p.string(where, a, "color", "")
        if color and not _COLOR.fullmatch(color):
            p.add(where, f"color {color!r} is not a colour such as #c62828")
        name_ar = p.string(where, a, "name_ar", required=True)
        name_en = p.string(where, a, "name_en")
        aliases = _aliases(p, where, a.get("aliases", []))
        actors.append(Actor(aid, name_ar, name_en, typ, color, aliases))
    if p.items:
        n = len(p.items)
        raise LexiconError(f"{name}: {n} problem(s); nothing was loaded, fix them and load it again:\n  "
                           + "\n  ".join(p.items))
    if not actors:
        raise LexiconError(f"{name}: no [[actor]] tables found")
    return actors


def load_lexicon(path: str | Path) -> list[Actor]:
    """The actors of the lexicon file at `path`. Raises LexiconError (bad content) or OSError (unreadable)."""
    from .readers import open_regular

    with open_regular(Path(path)) as fh:
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

    Raises UnsafeOutputError (a ValueError; nothing written) for an output that `check_output_path`
    refuses: the project or its companion files, another SQLite file, a folder, a FIFO, a device,
    a symbolic link.
    """
    with atomic_write(path, protect=[project_path]) as fh:
        return write_lexicon(actors, fh)
