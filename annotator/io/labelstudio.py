"""Label Studio both ways: task export with structured stances, its labelling config, and import.

Export (`label_studio_lines`): one task per article, one annotation per annotator. Mentions are
`labels` regions of the `label` control (the actor code as the label). Every stance is one or more
`labels` regions of the `stance` control (the stance label: FAVOR, AGAINST, ...), one per evidence
span, each carrying per-region choices `holder` (AUTHOR or an actor code) and `target`, and where
set `intensity` (1-3), `explicit` (explicit/implicit) and a `note` text. A stance without evidence
gets one region on its target's first mention (else the text's first character) marked with the
per-region choice `no_evidence`, so it is not read back as evidence. `label_config` writes the
matching config; in Label Studio a stance is drawn as a span and given its holder and target in the
panel that opens when the region is selected.

Import (`read_label_studio`): Label Studio's JSON export (tasks with `annotations`) and JSON_MIN
(one flat object per annotation). Offsets are code points in both directions, as Label Studio's
Text tag counts them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator
from xml.etree import ElementTree as ET

from ..core.model import AUTHOR
from .interop import ForeignDoc, ForeignError, ForeignSpan, ForeignStance, as_span, parse_stance_tag, shown

MENTION, STANCE, HOLDER, TARGET = "label", "stance", "holder", "target"
INTENSITY, EXPLICIT, NOTE, NO_EVIDENCE = "intensity", "explicit", "note", "no_evidence"
EXPLICIT_VALUES = {True: "explicit", False: "implicit"}
NO_EVIDENCE_VALUE = "no evidence"
_PER_REGION = (HOLDER, TARGET, INTENSITY, EXPLICIT, NOTE, NO_EVIDENCE)
MAX_FILE_BYTES = 2 << 30  # a JSON export is read whole


# --------------------------------------------------------------------------- export
def _region(rid: str, name: str, kind: str, start: int, end: int, text: str, key: str, values: list) -> dict:
    """One result; a per-region text area's `text` is its list of texts, as Label Studio stores it."""
    value = {"start": start, "end": end, "text": text[start:end]}
    value[key] = values
    return {"id": rid, "from_name": name, "to_name": "text", "type": kind, "value": value}


def stance_regions(text: str, stance: dict, mentions: list[dict]) -> list[dict]:
    """The results of one stance (see the module docstring); `mentions` are the exported ones."""
    spans = [(e["start"], e["end"]) for e in stance["evidence"]]
    anchor = not spans
    if anchor:
        first = next((m for m in mentions if m["actor_id"] == stance["target_id"]), None)
        spans = [(first["start"], first["end"]) if first else (0, 1)]
    out = []
    for i, (s, e) in enumerate(spans):
        rid = f"{stance['id']}-{i}"
        out.append(_region(rid, STANCE, "labels", s, e, text, "labels", [stance["label"]]))
        out.append(_region(rid, HOLDER, "choices", s, e, text, "choices", [stance["holder_id"]]))
        out.append(_region(rid, TARGET, "choices", s, e, text, "choices", [stance["target_id"]]))
        if stance["intensity"] != -1:
            out.append(_region(rid, INTENSITY, "choices", s, e, text, "choices", [str(stance["intensity"])]))
        if stance["explicit"] != -1:
            out.append(_region(rid, EXPLICIT, "choices", s, e, text, "choices",
                               [EXPLICIT_VALUES[bool(stance["explicit"])]]))
        if stance["note"]:
            out.append(_region(rid, NOTE, "textarea", s, e, text, "text", [stance["note"]]))
        if anchor:
            out.append(_region(rid, NO_EVIDENCE, "choices", s, e, text, "choices", [NO_EVIDENCE_VALUE]))
    return out


def label_studio_lines(art, split: str, seen: set[str] | None = None) -> list[dict]:
    """The task of one exported article (`export._Article`); adds the actor codes used to `seen`."""
    text = art.text
    kept = [m for m in art.mentions if m["status"] != "rejected"]
    spans = [_region(m["id"], MENTION, "labels", m["start"], m["end"], text, "labels", [m["actor_id"]])
             for m in kept]
    annotators = sorted({s["annotator"] for s in art.stances} | {s["annotator"] for s in art.status})
    annotations = []
    for ann in annotators:
        result = list(spans)
        for s in art.stances:
            if s["annotator"] == ann:
                result += stance_regions(text, s, kept)
        annotations.append({"result": result})
    if not annotations and spans:
        annotations.append({"result": spans})
    if seen is not None:
        seen.update(m["actor_id"] for m in kept)
        seen.update(a for s in art.stances for a in (s["holder_id"], s["target_id"]) if a != AUTHOR)
    data = {"text": text, "article_id": art.row["id"], "title": art.row["title"], "annotators": ",".join(annotators)}
    if split:
        data["split"] = split
    return [{"data": data, "annotations": annotations}]


def label_config(actors: list[tuple[str, str]], labels: list[tuple[str, str]]) -> str:
    """Label Studio's labelling config for our tasks: `actors` and `labels` are (code, colour) pairs.

    Every value is escaped as XML, so a code with quotes or angle brackets cannot break the config.
    """
    view = ET.Element("View")
    ET.SubElement(view, "Header", value="Mentions: select text, then an actor (label); "
                  "stances and evidence: select the evidence, then a stance label, and set holder and target")
    ment = ET.SubElement(view, "Labels", name=MENTION, toName="text")
    for code, color in actors:
        ET.SubElement(ment, "Label", value=code, background=color)
    st = ET.SubElement(view, "Labels", name=STANCE, toName="text")
    for name, color in labels:
        ET.SubElement(st, "Label", value=name, background=color)
    ET.SubElement(view, "Text", name="text", value="$text")
    panel = ET.SubElement(view, "View", visibleWhen="region-selected", whenTagName=STANCE)

    def choices(name: str, header: str, values: list[str]) -> None:
        ET.SubElement(panel, "Header", value=header)
        box = ET.SubElement(panel, "Choices", name=name, toName="text", perRegion="true", choice="single",
                            showInline="true")
        for v in values:
            ET.SubElement(box, "Choice", value=v)

    codes = [code for code, _ in actors]
    choices(HOLDER, "Holder (AUTHOR = the outlet)", [AUTHOR, *codes])
    choices(TARGET, "Target", codes)
    choices(INTENSITY, "Intensity", ["1", "2", "3"])
    choices(EXPLICIT, "Explicit?", list(EXPLICIT_VALUES.values()))
    choices(NO_EVIDENCE, "This region only anchors the stance (it is not evidence)", [NO_EVIDENCE_VALUE])
    ET.SubElement(panel, "Header", value="Note")
    ET.SubElement(panel, "TextArea", name=NOTE, toName="text", perRegion="true", editable="true",
                  maxSubmissions="1", rows="2")
    ET.indent(view, "  ")
    return ET.tostring(view, encoding="unicode") + "\n"


# --------------------------------------------------------------------------- import
def _user(value: object) -> str:
    """An annotator name from Label Studio's `completed_by` / JSON_MIN `annotator`."""
    if isinstance(value, dict):
        for k in ("email", "username", "id"):
            if value.get(k) not in (None, ""):
                return _user(value[k])
        return ""
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return f"label-studio-user-{value}"
    return str(value).strip()[:200]


def _first(values: object) -> str | None:
    if isinstance(values, list) and values and isinstance(values[0], str):
        return values[0]
    return None


def _regions(results: list, annotator: str, doc: ForeignDoc, where: str) -> None:
    """Mentions and stances of one annotation's `result` list into `doc`."""
    by_id: dict[str, dict[str, dict]] = {}
    order: list[str] = []
    for r in results:
        if not isinstance(r, dict) or not isinstance(r.get("value"), dict):
            continue
        name, kind, value = r.get("from_name"), r.get("type"), r["value"]
        if kind == "textarea" and "start" not in value:
            for line in value.get("text") or []:  # our exports before stances were regions
                tag = parse_stance_tag(line)
                if tag:
                    doc.stances.append(ForeignStance(annotator, *tag))
            continue
        span = as_span(value.get("start"), value.get("end"))
        if span is None:
            if kind in ("labels", "choices"):
                doc.notes.append(f"{where}a {kind} result of {shown(str(name))} without a text span: not imported")
            continue
        rid = str(r.get("id") or f"{span}")
        if rid not in by_id:
            by_id[rid] = {}
            order.append(rid)
        by_id[rid][str(name)] = r
    stances: dict[tuple[str, str], ForeignStance] = {}
    for rid in order:
        parts = by_id[rid]
        stance = parts.get(STANCE)
        if stance is not None and stance.get("type") == "labels":
            _stance_region(parts, annotator, doc, stances, where)
        for name, r in parts.items():
            if r.get("type") != "labels" or name in _PER_REGION or name == STANCE:
                continue
            v = r["value"]
            for label in v.get("labels") or []:
                if isinstance(label, str):
                    doc.mentions.append(ForeignSpan(v["start"], v["end"], label, _text(v), annotator))
    doc.stances.extend(stances.values())


def _text(value: dict) -> str | None:
    t = value.get("text")
    return t if isinstance(t, str) else None


def _stance_region(parts: dict, annotator: str, doc: ForeignDoc, stances: dict, where: str) -> None:
    v = parts[STANCE]["value"]
    label = _first(v.get("labels"))
    choice = {k: _first(parts[k]["value"].get("choices")) for k in (HOLDER, TARGET, INTENSITY, EXPLICIT, NO_EVIDENCE)
              if k in parts}
    holder, target = choice.get(HOLDER) or AUTHOR, choice.get(TARGET)
    if not label or not target:
        doc.notes.append(f"{where}stance region [{v['start']}, {v['end']}) has no "
                         f"{'label' if not label else 'target'}: not imported")
        return
    st = stances.get((holder, target))
    if st is None:
        intensity = choice.get(INTENSITY)
        explicit = {x: k for k, x in EXPLICIT_VALUES.items()}.get(choice.get(EXPLICIT) or "")
        note = _first(parts[NOTE]["value"].get("text")) if NOTE in parts else None
        st = stances[(holder, target)] = ForeignStance(
            annotator, holder, target, label, int(intensity) if intensity in ("1", "2", "3") else None,
            explicit, note or "")
    elif st.label != label:
        doc.notes.append(f"{where}stance {shown(holder)}->{shown(target)} is {shown(st.label)} in one region and "
                         f"{shown(label)} in another; kept {shown(st.label)}")
    if choice.get(NO_EVIDENCE) != NO_EVIDENCE_VALUE:
        st.evidence.append(ForeignSpan(v["start"], v["end"], label, _text(v), annotator))


def _task_doc(task: dict, origin: str, text_field: str | None) -> ForeignDoc | ForeignError:
    """One task of the JSON export (has `data`) or one item of JSON_MIN (flat)."""
    full = isinstance(task.get("data"), dict)
    data = task["data"] if full else task
    names = [text_field] if text_field else ["text"]
    text = next((data[n] for n in names if isinstance(data.get(n), str)), None)
    if text is None:
        keys = ", ".join(sorted(map(str, data))[:12])
        return ForeignError(origin, f"no text under {'data.' if full else ''}{names[0]!r} (fields: {keys});"
                            " name the field with --text-field")
    doc = ForeignDoc(origin, text, title=str(data.get("title") or ""), ext_id=str(data.get("article_id") or
                     task.get("id") or ""), meta={"label_studio_task": task.get("id")} if task.get("id") else {})
    ours = [n.strip() for n in str(data.get("annotators") or "").split(",") if n.strip()]
    if full:
        annotations = [a for a in (task.get("annotations") or task.get("completions") or [])
                       if isinstance(a, dict) and not a.get("was_cancelled")]
        for i, ann in enumerate(annotations):
            name = ours[i] if len(ours) == len(annotations) else _user(ann.get("completed_by")) or "label-studio"
            results = ann.get("result")
            if isinstance(results, list):
                _regions(results, name, doc, f"annotation {i + 1}: ")
        return doc
    name = (ours[0] if len(ours) == 1 else _user(task.get("annotator"))) or "label-studio"
    results = []
    for key, value in task.items():
        if not isinstance(value, list) or key == STANCE:
            continue
        for j, region in enumerate(value):
            if isinstance(region, dict) and "start" in region and "end" in region:
                kind = "labels" if "labels" in region else "choices" if "choices" in region else "textarea"
                results.append({"id": f"{key}-{j}", "from_name": key, "type": kind, "value": region})
    _min_stances(task, results, doc)
    _regions(results, name, doc, "")
    return doc


def _min_stances(task: dict, results: list, doc: ForeignDoc) -> None:
    """Stance regions of a JSON_MIN item. JSON_MIN lists each per-region control's values in
    region order without saying which region each belongs to: a control with one value per stance
    region is matched by position; holder and target must be (our exports always set both); other
    controls with fewer values are left out and reported. An unplaceable `no_evidence` mark is
    taken to belong to the regions lying exactly on a mention of their target (where our export
    puts the anchor of a stance without evidence)."""
    regions = [r for r in task.get(STANCE) or [] if isinstance(r, dict) and "start" in r and "end" in r]
    if not regions:
        return
    n = len(regions)

    def aligned(key: str) -> list | None:
        v = task.get(key)
        if isinstance(v, str) and n == 1:
            return [v]
        return v if isinstance(v, list) and len(v) == n and all(isinstance(x, str) for x in v) else None

    if aligned(HOLDER) is None or aligned(TARGET) is None:
        doc.notes.append(f"{n} stance region(s) not imported: JSON_MIN does not say which holder and target belong "
                         "to which region; export JSON from Label Studio")
        return
    lost = [k for k in (INTENSITY, EXPLICIT, NOTE) if k in task and aligned(k) is None]
    if lost:
        doc.notes.append(f"{', '.join(lost)} of the stances left out: JSON_MIN does not say which region they belong "
                         "to; export JSON from Label Studio to keep them")
    anchors = aligned(NO_EVIDENCE)
    if anchors is None and NO_EVIDENCE in task:
        mentions = {(r["value"]["start"], r["value"]["end"], label) for r in results if r["type"] == "labels"
                    for label in r["value"].get("labels") or []}
        targets = aligned(TARGET)
        anchors = [NO_EVIDENCE_VALUE if (reg["start"], reg["end"], targets[j]) in mentions else ""
                   for j, reg in enumerate(regions)]
    for j, region in enumerate(regions):
        rid = f"{STANCE}-{j}"
        results.append({"id": rid, "from_name": STANCE, "type": "labels", "value": region})
        for k in (HOLDER, TARGET, INTENSITY, EXPLICIT, NOTE, NO_EVIDENCE):
            values = anchors if k == NO_EVIDENCE else aligned(k)
            if values and values[j]:
                key = "text" if k == NOTE else "choices"
                results.append({"id": rid, "from_name": k, "type": "textarea" if k == NOTE else "choices",
                                "value": {"start": region["start"], "end": region["end"], key: [values[j]]}})


def read_label_studio(path: Path, text_field: str | None = None) -> Iterator[ForeignDoc | ForeignError]:
    """Every task of a Label Studio JSON / JSON_MIN export (a JSON array, or one object).

    A file that is not JSON costs itself (one ForeignError naming it); a task without text or with
    a broken annotation costs that task.
    """
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        yield ForeignError(str(path), f"{size:,} bytes is more than the {MAX_FILE_BYTES:,} a JSON export may have")
        return
    raw = path.read_bytes()
    try:
        tasks = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as e:
        yield ForeignError(str(path), f"not UTF-8 ({e.reason} at byte {e.start}); Label Studio exports UTF-8")
        return
    except json.JSONDecodeError as e:
        yield ForeignError(f"{path}:{e.lineno}", f"not JSON ({e.msg.removesuffix(' at')} at column {e.colno}); "
                           "export JSON or JSON_MIN from Label Studio")
        return
    except RecursionError:
        yield ForeignError(str(path), "JSON nested too deeply")
        return
    if isinstance(tasks, dict):
        tasks = [tasks]
    if not isinstance(tasks, list):
        yield ForeignError(str(path), "not a JSON array of tasks")
        return
    for i, task in enumerate(tasks, 1):
        origin = f"{path}:task {i}"
        if not isinstance(task, dict):
            yield ForeignError(origin, f"a JSON {type(task).__name__}, not a task object")
            continue
        yield _task_doc(task, origin, text_field)
