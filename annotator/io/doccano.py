"""doccano 1.8.4 both ways: JSONL export for its two span project types, import, UTF-16 offsets.

Export (`doccano_lines`): `{"id", "text", SPANS, "cats", "evidence", "annotators"}` where SPANS is
`label` for a "sequence labeling" project (the only column it reads spans from) or `entities` for
"intent detection and slot filling" (the project type that also keeps `cats` as document labels;
it reads spans only from `entities`). `cats` are the stances as "HOLDER->TARGET:LABEL"; `evidence`
([[start, end, "HOLDER->TARGET:LABEL"]]) and `annotators` are metadata to doccano, kept and exported
back, so a round trip keeps the evidence without drawing it as (overlapping) spans.

Offsets: doccano stores the spans it imports as they are and draws them by UTF-16 units, and stores
a span drawn in its page in UTF-16 units (`الانتقادات` after 🇹🇷🔥 came back as 173-183 where code
points say 168-178). `offsets="utf16"` writes and reads UTF-16 units, for a project whose page must
show the spans right; "codepoints" (the default) is what its API and our other formats use. A text
with characters outside the BMP (emoji) makes the two differ: `read_doccano` then reports which
reading puts the spans on word boundaries.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..core.offsets import Utf16Map
from .interop import ForeignDoc, ForeignError, ForeignSpan, ForeignStance, as_span, parse_stance_tag

OFFSETS = ("codepoints", "utf16")
PROJECT_TYPES = ("sequence", "intent")
SPAN_COLUMN = {"sequence": "label", "intent": "entities"}
MAX_LINE_BYTES = 64 << 20


def _tag(s: dict) -> str:
    return f"{s['holder_id']}->{s['target_id']}:{s['label']}"


def overlapping(spans: list[tuple[int, int]]) -> int:
    """How many spans overlap an earlier one (in start order): what doccano drops without
    "allow overlapping spans"."""
    n, reach = 0, -1
    for s, e in sorted(spans):
        if s < reach:
            n += 1
        reach = max(reach, e)
    return n


def doccano_lines(art, split: str, *, offsets: str = "codepoints", project_type: str = "sequence",
                  stats: dict | None = None) -> list[dict]:
    """The line of one exported article (`export._Article`); counts overlaps and astral texts in `stats`."""
    text = art.text
    conv = Utf16Map(text).to_utf16 if offsets == "utf16" else (lambda x: x)
    spans = [(m["start"], m["end"], m["actor_id"]) for m in art.mentions if m["status"] != "rejected"]
    evidence = sorted({(e["start"], e["end"], _tag(s)) for s in art.stances for e in s["evidence"]})
    line = {
        "id": art.row["id"],
        "text": text,
        SPAN_COLUMN[project_type]: [[conv(s), conv(e), a] for s, e, a in spans],
        "cats": sorted({_tag(s) for s in art.stances}),
        "evidence": [[conv(s), conv(e), t] for s, e, t in evidence],
        "annotators": ",".join(sorted({s["annotator"] for s in art.stances})),
    }
    if split:
        line["split"] = split
    if stats is not None:
        n = overlapping([(s, e) for s, e, _ in spans])
        stats["overlapping"] = stats.get("overlapping", 0) + n
        stats["overlapping_articles"] = stats.get("overlapping_articles", 0) + (n > 0)
        last = max((e for _, e, _ in spans), default=0)
        if last and max(text) >= "\U00010000" and any(ch >= "\U00010000" for ch in text[:last]):
            stats["astral"] = stats.get("astral", 0) + 1
    return [line]


def warnings(stats: dict, offsets: str, project_type: str = "sequence") -> list[str]:
    """The summary's warnings for a doccano export's `stats`."""
    out = []
    if stats.get("overlapping") and project_type == "intent":
        out.append(f"{stats['overlapping']} span(s) in {stats['overlapping_articles']} article(s) overlap another: "
                   "doccano's intent detection and slot filling projects have no \"Allow overlapping spans\" and "
                   "drop them silently on import; use --doccano-type sequence to keep them")
    elif stats.get("overlapping"):
        out.append(f"{stats['overlapping']} span(s) in {stats['overlapping_articles']} article(s) overlap another: a "
                   "doccano project without \"Allow overlapping spans\" drops them silently on import; tick it")
    if stats.get("astral") and offsets == "codepoints":
        out.append(f"{stats['astral']} article(s) have emoji or other characters outside the BMP before a span: "
                   "doccano's page draws these spans shifted unless exported with --offsets utf16 (its API and "
                   "our importer read code points)")
    return out


# --------------------------------------------------------------------------- import
def _spans(value: object) -> list[tuple[int, int, str]] | None:
    """[[s, e, label]] triples or doccano's dicts ({"start_offset", "end_offset", "label"}); None if neither."""
    if not isinstance(value, list):
        return None
    out = []
    for v in value:
        if isinstance(v, (list, tuple)) and len(v) == 3 and isinstance(v[2], str):
            s, e, label = v
        elif isinstance(v, dict) and isinstance(v.get("label"), str):
            s, e, label = v.get("start_offset"), v.get("end_offset"), v["label"]
        else:
            return None
        if as_span(s, e) is None:
            return None
        out.append((s, e, label))
    return out


def _at_word_edges(text: str, s: int, e: int) -> bool:
    return (s == 0 or not text[s - 1].isalnum()) and (e >= len(text) or not text[e].isalnum()) \
        and 0 <= s < e <= len(text) and text[s].isalnum() and text[e - 1].isalnum()


def _offset_note(text: str, spans: list[tuple[int, int, str]], offsets: str) -> str:
    """A warning when the text has astral characters before a span; says which reading fits words."""
    m = Utf16Map(text)
    after = [(s, e) for s, e, _ in spans if m.to_codepoint(s) != s or m.to_utf16(s) != s]
    if not after:
        return ""
    as_cp = sum(_at_word_edges(text, s, e) for s, e in after)
    as_u16 = sum(_at_word_edges(text, m.to_codepoint(s), m.to_codepoint(e)) for s, e in after)
    better = "utf16" if as_u16 > as_cp else "codepoints" if as_cp > as_u16 else ""
    read = f"read as {'UTF-16 units' if offsets == 'utf16' else 'code points'} (--offsets {offsets})"
    if better and better != offsets:
        fit, other = (as_u16, as_cp) if better == "utf16" else (as_cp, as_u16)
        return (f"{len(after)} span(s) after emoji or other non-BMP characters {read}, but {fit} of them fall on "
                f"word edges with --offsets {better} (against {other}): probably drawn in doccano's page; import "
                f"again with --offsets {better}")
    return f"{len(after)} span(s) after emoji or other non-BMP characters {read}; check them"


def _line_doc(obj: dict, origin: str, offsets: str, text_field: str | None) -> ForeignDoc | ForeignError:
    name = text_field or "text"
    text = obj.get(name)
    if not isinstance(text, str):
        return ForeignError(origin, f"no text under {name!r} (fields: {', '.join(sorted(map(str, obj))[:12])});"
                            " name the field with --text-field")
    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}

    def column(key: str):
        return obj[key] if key in obj else meta.get(key)

    spans: list[tuple[int, int, str]] = []
    notes = []
    for key in ("label", "entities"):
        value = column(key)
        if value is None or value == []:
            continue
        got = _spans(value)
        if got is None:
            if key == "label" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                continue  # a text-classification label list
            return ForeignError(origin, f"{key!r} is not a list of [start, end, label] spans")
        spans += [sp for sp in got if sp not in spans]
    evidence = _spans(column("evidence")) or []
    names = [n.strip() for n in str(column("annotators") or "").split(",") if n.strip()]
    who = names[0] if len(names) == 1 else "doccano"
    note = _offset_note(text, spans + evidence, offsets)
    if note:
        notes.append(note)
    conv = Utf16Map(text).to_codepoint if offsets == "utf16" else (lambda x: x)
    doc = ForeignDoc(origin, text, ext_id=str(obj.get("id") or ""), notes=notes,
                     mentions=[ForeignSpan(conv(s), conv(e), label, None, who) for s, e, label in spans])
    stances: dict[tuple[str, str], ForeignStance] = {}
    cats = column("cats") or []
    for cat in cats if isinstance(cats, list) else []:
        tag = parse_stance_tag(cat)
        if tag is None:
            notes.append(f"category {cat!r} is not a stance (HOLDER->TARGET:LABEL): not imported")
        elif (tag[0], tag[1]) in stances:
            notes.append(f"a second stance {cat!r} for the same holder and target (several annotators?): kept "
                         f"{stances[tag[:2]].label!r}; export one annotator (--annotator) for doccano")
        else:
            stances[tag[:2]] = ForeignStance(who, *tag)
    for s, e, tag_text in evidence:
        tag = parse_stance_tag(tag_text)
        st = stances.get(tag[:2]) if tag else None
        if st is None or st.label != tag[2]:
            notes.append(f"evidence [{s}, {e}) for {tag_text!r} matches no stance in cats: not imported")
            continue
        st.evidence.append(ForeignSpan(conv(s), conv(e), tag_text, None, who))
    doc.stances = list(stances.values())
    return doc


def read_doccano(path: Path, offsets: str = "codepoints", text_field: str | None = None
                 ) -> Iterator[ForeignDoc | ForeignError]:
    """Every line of a doccano JSONL export; a bad line costs itself (a ForeignError naming file:line)."""
    if offsets not in OFFSETS:
        raise ValueError(f"offsets {offsets!r}: use one of {', '.join(OFFSETS)}")
    with open(path, "rb") as fh:
        for n, raw in enumerate(iter(lambda: fh.readline(MAX_LINE_BYTES + 1), b""), 1):
            origin = f"{path}:{n}"
            if len(raw) > MAX_LINE_BYTES:
                yield ForeignError(origin, f"line longer than {MAX_LINE_BYTES:,} bytes; not read")
                while raw and not raw.endswith(b"\n"):
                    raw = fh.readline(MAX_LINE_BYTES + 1)
                continue
            if n == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            if not raw.strip():
                continue
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as e:
                yield ForeignError(origin, f"not UTF-8 ({e.reason}); doccano exports UTF-8")
                continue
            except json.JSONDecodeError as e:
                yield ForeignError(origin, f"not JSON ({e.msg.removesuffix(' at')} at column {e.colno})")
                continue
            except RecursionError:
                yield ForeignError(origin, "JSON nested too deeply")
                continue
            if not isinstance(obj, dict):
                yield ForeignError(origin, f"a JSON {type(obj).__name__}, not an object")
                continue
            yield _line_doc(obj, origin, offsets, text_field)
