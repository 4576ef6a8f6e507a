"""Lexicon edits made while annotating: new actors, aliases, corrections and merges.

Each method builds an `Edit` (rows before -> after) that `Project.apply` writes in one transaction
and logs in the change log, so every lexicon edit is undoable (also after a restart) and travels
with the annotator's file into a team merge. Lexicon edits belong to no article: they are logged
with article id "".

What can go wrong: an id that is taken or malformed, an empty Arabic name, an unknown type or a
colour that is not #rrggbb (ValidationError); a merge that would give one annotator two stances
on the same holder and target in an article (ValidationError naming the article).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..core.actors import is_color
from ..core.commands import Edit, RowChange
from ..core.fold import fold
from ..core.matcher import AliasEntry, AliasMatcher, alias_key
from ..core.model import ACTOR_TYPES, ALIAS_KINDS, AUTHOR, Actor, ValidationError, new_id
from .times import now

if TYPE_CHECKING:
    from .project import Project

LEXICON_ARTICLE = ""  # the article id of lexicon edits in the change log
_ID = re.compile(r"^[^\s\x00-\x1f\x7f]{1,40}$")


class ActorStore:
    """Builds lexicon edits for one project (see the module docstring)."""

    def __init__(self, project: "Project"):
        self.project = project
        self.conn = project.conn

    def _rows(self, sql: str, *params) -> list[dict]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def _actor_row(self, actor_id: str) -> dict:
        rows = self._rows("SELECT * FROM actors WHERE id = ?", actor_id)
        if not rows:
            raise ValidationError(f"unknown actor {actor_id!r}")
        return rows[0]

    @staticmethod
    def _check_fields(name_ar: str, type_: str, color: str) -> None:
        if not name_ar.strip():
            raise ValidationError("an actor needs an Arabic name")
        if type_ not in ACTOR_TYPES:
            raise ValidationError(f"type {type_!r} is not one of {', '.join(ACTOR_TYPES)}")
        if not is_color(color):
            raise ValidationError(f"colour {color!r} is not of the form #rrggbb")

    def _alias_change(self, actor_id: str, surface: str, kind: str = "name") -> RowChange | None:
        """The insert of alias `surface` for `actor_id`; None when it has it already or it is empty."""
        surface = " ".join(surface.split())
        if kind not in ALIAS_KINDS:
            raise ValidationError(f"alias kind {kind!r} is not one of {', '.join(ALIAS_KINDS)}")
        key = alias_key(surface)
        if not surface or not key:
            return None
        if self.conn.execute("SELECT 1 FROM aliases WHERE actor_id = ? AND surface = ?", (actor_id, surface)).fetchone():
            return None
        row = {"id": new_id(), "actor_id": actor_id, "surface": surface, "key": key, "kind": kind,
               "proclitics": 1, "valid_from": "", "valid_to": ""}
        return RowChange("aliases", (row["id"],), None, row)

    def proposal_changes(self, alias_rows: list[dict], article_ids: list[str]) -> list[RowChange]:
        """Proposed mentions (annotator 'auto') of the given alias rows in these articles.

        As `Project.suggest` finds them: boilerplate and datelines are skipped, and so is any span a
        mention already covers. Nothing is written; the caller applies the changes as an edit.
        """
        matcher = AliasMatcher([AliasEntry(a["key"], a["actor_id"], a["id"], bool(a["proclitics"]),
                                           a["valid_from"], a["valid_to"]) for a in alias_rows])
        if not matcher:
            return []
        ts = now()
        changes = []
        for aid in article_ids:
            row = self.conn.execute("SELECT text, published FROM articles WHERE id = ?", (aid,)).fetchone()
            if row is None:
                continue
            text, published = row
            taken = self.conn.execute('SELECT start, "end" FROM mentions WHERE article_id = ?', (aid,)).fetchall()
            for m in matcher.find(text, folded=fold(text), exclude=self.project.excluded_ranges(aid), date=published):
                if any(m.start < e and s < m.end for s, e in taken):
                    continue
                taken.append((m.start, m.end))
                mrow = {"id": new_id(), "article_id": aid, "actor_id": m.entry.actor_id, "start": m.start,
                        "end": m.end, "prefix": m.prefix(text), "origin": "auto", "status": "proposed",
                        "annotator": "auto", "alias_id": m.entry.alias_id, "created_at": ts, "updated_at": ts}
                changes.append(RowChange("mentions", (mrow["id"],), None, mrow))
        return changes

    def edit_add_actor(self, actor: Actor, *, propose_in: str = "", accept: tuple[int, int, str] | None = None) -> Edit:
        """A new actor with its aliases, and its proposed mentions in article `propose_in` if given.

        `accept` (start, end, annotator): the span the annotator created the actor from; its
        mention is stored as the annotator's accepted one, not as a proposal.

        ValidationError for a taken or malformed code, an empty Arabic name, an unknown type or a
        malformed colour.
        """
        aid = actor.id.strip()
        if not _ID.match(aid) or aid == AUTHOR:
            raise ValidationError(f"{aid!r} cannot be an actor code: use letters or digits, no spaces")
        if self.conn.execute("SELECT 1 FROM actors WHERE id = ?", (aid,)).fetchone():
            raise ValidationError(f"the code {aid} is taken by another actor")
        self._check_fields(actor.name_ar, actor.type, actor.color)
        row = {"id": aid, "name_ar": actor.name_ar.strip(), "name_en": actor.name_en.strip(), "type": actor.type,
               "color": actor.color, "updated_at": now()}
        changes = [RowChange("actors", (aid,), None, row)]
        surfaces = set()
        for alias in [*actor.aliases]:
            surface = " ".join(alias.surface.split())
            if surface in surfaces:
                continue
            surfaces.add(surface)
            key = alias_key(surface, alias.proclitics)
            if key:
                arow = {"id": new_id(), "actor_id": aid, "surface": surface, "key": key, "kind": alias.kind,
                        "proclitics": int(alias.proclitics), "valid_from": alias.valid_from,
                        "valid_to": alias.valid_to}
                changes.append(RowChange("aliases", (arow["id"],), None, arow))
        if propose_in:
            changes += self._accepted(
                self.proposal_changes([c.after for c in changes if c.table == "aliases"], [propose_in]),
                propose_in, aid, accept)
        return Edit("add_actor", propose_in or LEXICON_ARTICLE, tuple(changes))

    def _accepted(self, proposals: list[RowChange], article_id: str, actor_id: str,
                  accept: tuple[int, int, str] | None) -> list[RowChange]:
        """`proposals` with the one at the `accept` span turned into the annotator's accepted mention
        (a manual one is added when no proposal matches the span exactly)."""
        if accept is None:
            return proposals
        start, end, annotator = accept
        self.project._check_article_span(article_id, start, end)
        out, found = [], False
        for c in proposals:
            if (c.after["start"], c.after["end"]) == (start, end):
                found = True
                c = RowChange(c.table, c.key, None, {**c.after, "status": "accepted", "annotator": annotator})
            out.append(c)
        if not found:
            text = self.project.article_text(article_id)
            overlap = self.conn.execute('SELECT 1 FROM mentions WHERE article_id = ? AND start < ? AND "end" > ?',
                                        (article_id, end, start)).fetchone()
            if not overlap and text[start:end].strip():
                ts = now()
                row = {"id": new_id(), "article_id": article_id, "actor_id": actor_id, "start": start, "end": end,
                       "prefix": "", "origin": "manual", "status": "accepted", "annotator": annotator,
                       "alias_id": "", "created_at": ts, "updated_at": ts}
                out = [c for c in out if not (c.after["start"] < end and start < c.after["end"])]
                out.append(RowChange("mentions", (row["id"],), None, row))
        return out

    def edit_update_actor(self, actor_id: str, *, name_ar: str | None = None, name_en: str | None = None,
                          type: str | None = None, color: str | None = None) -> Edit:
        """Correct an actor's names, type or colour."""
        before = self._actor_row(actor_id)
        after = dict(before)
        for field, value in (("name_ar", name_ar), ("name_en", name_en), ("type", type), ("color", color)):
            if value is not None:
                after[field] = value.strip()
        self._check_fields(after["name_ar"], after["type"], after["color"])
        after["updated_at"] = now()
        return Edit("edit_actor", LEXICON_ARTICLE, (RowChange("actors", (actor_id,), before, after),))

    def edit_add_alias(self, actor_id: str, surface: str, kind: str = "name", *, propose_in: str = "",
                       accept: tuple[int, int, str] | None = None) -> Edit:
        """Add `surface` as another name of `actor_id` (an empty edit when it has it already), with
        its proposed mentions in article `propose_in` if given."""
        self._actor_row(actor_id)
        change = self._alias_change(actor_id, surface, kind)
        if change is None:
            return Edit("add_alias", LEXICON_ARTICLE, ())
        changes = [change]
        if propose_in:
            changes += self._accepted(self.proposal_changes([change.after], [propose_in]), propose_in, actor_id, accept)
        return Edit("add_alias", propose_in or LEXICON_ARTICLE, tuple(changes))

    def edit_merge_actors(self, source_id: str, into_id: str) -> Edit:
        """Fold `source_id` into `into_id`: its mentions, stances and aliases move, then it is removed."""
        if source_id == into_id:
            raise ValidationError("an actor cannot be merged into itself")
        source = self._actor_row(source_id)
        self._actor_row(into_id)
        changes: list[RowChange] = []
        for m in self._rows("SELECT * FROM mentions WHERE actor_id = ? ORDER BY id", source_id):
            changes.append(RowChange("mentions", (m["id"],), m, {**m, "actor_id": into_id}))
        for table, who in (("stances", "annotator"), ("gold_stances", "''")):
            moved = []
            for st in self._rows(f"SELECT * FROM {table} WHERE holder_id = ? OR target_id = ? ORDER BY id",
                                 source_id, source_id):
                new = {**st, "holder_id": into_id if st["holder_id"] == source_id else st["holder_id"],
                       "target_id": into_id if st["target_id"] == source_id else st["target_id"]}
                if new["holder_id"] == new["target_id"]:
                    raise ValidationError(
                        f"article {st['article_id']}: a stance of {into_id} toward {source_id} (or back) would become"
                        f" a stance toward itself; delete it first")
                clash = self.conn.execute(
                    f"SELECT 1 FROM {table} WHERE article_id = ? AND {who} = ? AND coalesce(holder_id, '') = ?"
                    " AND target_id = ? AND id <> ?",
                    (st["article_id"], st.get("annotator", ""), new["holder_id"] or "", new["target_id"], st["id"]),
                ).fetchone()
                if clash or (st["article_id"], st.get("annotator"), new["holder_id"], new["target_id"]) in moved:
                    raise ValidationError(
                        f"article {st['article_id']}: both {source_id} and {into_id} have a stance there"
                        f" ({table}); settle one of them first")
                moved.append((st["article_id"], st.get("annotator"), new["holder_id"], new["target_id"]))
                changes.append(RowChange(table, (st["id"],), st, new))
        have = {r[0] for r in self.conn.execute("SELECT surface FROM aliases WHERE actor_id = ?", (into_id,))}
        for al in self._rows("SELECT * FROM aliases WHERE actor_id = ? ORDER BY rowid", source_id):
            if al["surface"] in have:
                changes.append(RowChange("aliases", (al["id"],), al, None))
            else:
                changes.append(RowChange("aliases", (al["id"],), al, {**al, "actor_id": into_id}))
        # the source's own names stay findable as aliases of the actor it became
        for surface in (source["name_ar"], source["name_en"]):
            surface = " ".join(surface.split())
            if surface and surface not in have and not any(
                    c.table == "aliases" and c.after and c.after["surface"] == surface for c in changes):
                change = self._alias_change(into_id, surface)
                if change:
                    changes.append(change)
        changes.append(RowChange("actors", (source_id,), source, None))
        return Edit("merge_actors", LEXICON_ARTICLE, tuple(changes))
