"""The `annotator agreement` report: reads a (merged) team project, computes with `agreement`.

Only articles that two or more annotators marked done count; on each, its coders are those
annotators. Every figure comes with `n`, the number of items (units, spans) behind it.

- Stance labels: one item per (article, holder, target) some coder recorded a stance for; a coder
  without a stance on it counts as NONE (`team.gold`). Krippendorff's alpha (nominal) over all
  annotators, overall, per target actor and per label (one-vs-rest alpha: the label against all
  others); Cohen's kappa, raw agreement and the confusion matrix per annotator pair, on the
  items both coded.
- Stance presence: one unit per (article, actor) for every actor mentioned in the article (a
  mention not rejected, proposals included) or a target of some coder's stance; a coder's value
  is whether they recorded a stance other than NONE toward it (any holder). Alpha and pairwise kappa.
- Mention spans: per annotator pair, on the articles both coded, their accepted mentions
  (exact-match and overlap F1, per actor and overall).
"""

from __future__ import annotations

from itertools import combinations

from .agreement import (
    cohen_kappa,
    confusion_matrix,
    krippendorff_alpha,
    one_vs_rest,
    percent_agreement,
    span_agreement,
    unit_count,
)
from .gold import NONE_LABEL, group_items
from .progress import multi_coded_articles


def _figure(value: float | None, n: int) -> dict:
    return {"value": None if value is None else round(value, 4), "n": n}


def _alpha(units: list[list]) -> dict:
    return _figure(krippendorff_alpha(units), unit_count(units))


def _pairs(annotators: list[str], records: list) -> list[tuple[str, str, list, list]]:
    """For each annotator pair: the two label lists over the records both labelled."""
    out = []
    for x, y in combinations(annotators, 2):
        both = [r for r, _ in records if x in r and y in r]
        out.append((x, y, [r[x] for r in both], [r[y] for r in both]))
    return out


def _units(annotators: list[str], records: list) -> list[list]:
    return [[r.get(a) for a in annotators] for r, _ in records]


Record = tuple[dict, str]  # (annotator -> value, target actor)


def _stance_records(project, articles: list[str]) -> list[Record]:
    """One record per stance item: the coders' labels and the item's target."""
    return [
        (item.labels, item.target)
        for aid in articles
        for item in group_items(aid, project.stances(aid), project.coders(aid))
    ]


def _presence_records(project, articles: list[str]) -> list[Record]:
    records = []
    for aid in articles:
        coders = project.coders(aid)
        stances = [s for s in project.stances(aid) if s.annotator in coders]
        actors = {m.actor_id for m in project.mentions(aid, include_rejected=False)} | {s.target for s in stances}
        for actor in sorted(actors):
            has = {s.annotator for s in stances if s.target == actor and s.label != NONE_LABEL}
            records.append(({c: int(c in has) for c in coders}, actor))
    return records


def _label_report(annotators: list[str], records: list) -> dict:
    units = _units(annotators, records)
    labels = sorted({v for u in units for v in u if v is not None})
    targets = sorted({t for _, t in records})
    pairs = []
    for x, y, a, b in _pairs(annotators, records):
        names, matrix = confusion_matrix(a, b, labels)
        pairs.append({"a": x, "b": y, "kappa": _figure(cohen_kappa(a, b), len(a)),
                      "agreement": _figure(percent_agreement(a, b), len(a)),
                      "confusion": {"labels": names, "matrix": matrix}})
    return {
        "items": len(records),
        "alpha": _alpha(units),
        "pairs": pairs,
        "by_target": {t: _alpha(_units(annotators, [r for r in records if r[1] == t])) for t in targets},
        "by_label": {label: _alpha(one_vs_rest(units, label)) for label in labels},
    }


def _presence_report(annotators: list[str], records: list) -> dict:
    return {
        "units": len(records),
        "alpha": _alpha(_units(annotators, records)),
        "pairs": [{"a": x, "b": y, "kappa": _figure(cohen_kappa(a, b), len(a)),
                   "agreement": _figure(percent_agreement(a, b), len(a))}
                  for x, y, a, b in _pairs(annotators, records)],
    }


def _spans(project, articles: list[str]) -> dict[str, dict[str, set]]:
    """annotator -> actor -> {(article, start, end)} of their accepted mentions on their coded articles."""
    out: dict[str, dict[str, set]] = {}
    for aid in articles:
        coders = set(project.coders(aid))
        for m in project.mentions(aid):
            if m.annotator in coders and m.status == "accepted":
                out.setdefault(m.annotator, {}).setdefault(m.actor_id, set()).add((aid, m.start, m.end))
    return out


def _figures(agreement: dict) -> dict:
    n = agreement["a"] + agreement["b"]
    return {"exact_f1": _figure(agreement["exact_f1"], n), "overlap_f1": _figure(agreement["overlap_f1"], n),
            "spans_a": agreement["a"], "spans_b": agreement["b"], "exact_matches": agreement["exact"]}


def _mention_report(project, annotators: list[str], articles: list[str]) -> list[dict]:
    pairs = []
    for x, y in combinations(annotators, 2):
        both = [a for a in articles if {x, y} <= set(project.coders(a))]
        spans = _spans(project, both)
        sx, sy = spans.get(x, {}), spans.get(y, {})
        actors = sorted(set(sx) | set(sy))
        every_x = {s for v in sx.values() for s in v}
        every_y = {s for v in sy.values() for s in v}
        pairs.append({
            "a": x, "b": y, "articles": len(both), "overall": _figures(span_agreement(every_x, every_y)),
            "by_actor": {t: _figures(span_agreement(sx.get(t, set()), sy.get(t, set()))) for t in actors},
        })
    return pairs


def agreement_report(project) -> dict:
    """Every agreement figure of the project as a JSON-ready dict (see the module docstring).

    With no article done by two annotators the report has zero counts and None values.
    """
    articles = multi_coded_articles(project)
    annotators = sorted({c for aid in articles for c in project.coders(aid)})
    return {
        "articles": len(articles),
        "annotators": annotators,
        "stance": _label_report(annotators, _stance_records(project, articles)),
        "presence": _presence_report(annotators, _presence_records(project, articles)),
        "mentions": _mention_report(project, annotators, articles),
        "definitions": {
            "items": "one per (article, holder, target) with a stance by a coder; no stance counts as NONE",
            "by_label": "one-vs-rest Krippendorff's alpha (nominal)",
            "presence": "per (article, actor mentioned or stanced): a stance other than NONE, yes or no",
            "mentions": "accepted mentions; exact-match and overlap F1 per annotator pair",
            "n": "items (units with two or more values for alpha; items both coded for kappa; spans of both)",
        },
    }


# --------------------------------------------------------------------------- text
def _num(figure: dict) -> str:
    v = figure["value"]
    return "  n/a" if v is None else f"{v:5.3f}"


def _stance_lines(s: dict) -> list[str]:
    lines = [f"Stance labels: {s['items']} item(s); an annotator without a stance on an item counts as {NONE_LABEL}",
             f"  Krippendorff's alpha, all annotators: {_num(s['alpha'])}  (n={s['alpha']['n']})",
             f"  {'pair':<24} {'kappa':>6} {'agree':>6} {'n':>6}"]
    lines += [f"  {p['a'] + ' / ' + p['b']:<24} {_num(p['kappa']):>6} {_num(p['agreement']):>6} {p['kappa']['n']:>6}"
              for p in s["pairs"]]
    lines.append(f"  {'by target actor':<24} {'alpha':>6} {'n':>6}")
    lines += [f"  {t:<24} {_num(f):>6} {f['n']:>6}" for t, f in s["by_target"].items()]
    lines.append(f"  {'by label (one-vs-rest)':<24} {'alpha':>6} {'n':>6}")
    lines += [f"  {label:<24} {_num(f):>6} {f['n']:>6}" for label, f in s["by_label"].items()]
    return lines


def _confusion_lines(s: dict) -> list[str]:
    lines = ["Confusion matrices (rows: first annotator, columns: second)"]
    for p in s["pairs"]:
        labels, matrix = p["confusion"]["labels"], p["confusion"]["matrix"]
        width = max([len(str(x)) for x in labels] + [5])
        lines.append(f"  {p['a']} / {p['b']}")
        lines.append("    " + " " * width + "".join(f" {str(x):>{width}}" for x in labels))
        lines += ["    " + f"{str(x):<{width}}" + "".join(f" {c:>{width}}" for c in row)
                  for x, row in zip(labels, matrix)]
    return lines


def _presence_lines(p: dict) -> list[str]:
    lines = [f"Which actors have a stance: {p['units']} (article, actor) unit(s)",
             f"  Krippendorff's alpha, all annotators: {_num(p['alpha'])}  (n={p['alpha']['n']})"]
    lines += [f"  {q['a'] + ' / ' + q['b']:<24} kappa {_num(q['kappa'])}  agree {_num(q['agreement'])}"
              f"  (n={q['kappa']['n']})" for q in p["pairs"]]
    return lines


def _mention_lines(pairs: list[dict]) -> list[str]:
    lines = ["Mention spans (accepted mentions): F1 exact / overlap"]
    for p in pairs:
        o = p["overall"]
        lines.append(f"  {p['a']} / {p['b']} on {p['articles']} article(s): {_num(o['exact_f1'])} / "
                     f"{_num(o['overlap_f1'])}  ({o['spans_a']} + {o['spans_b']} spans)")
        lines += [f"    {t:<22} {_num(f['exact_f1'])} / {_num(f['overlap_f1'])}  ({f['spans_a']} + {f['spans_b']})"
                  for t, f in p["by_actor"].items()]
    return lines


def format_report(report: dict) -> str:
    """The report as plain-text tables for the terminal."""
    if report["articles"] == 0:
        return "no article has been marked done by two or more annotators yet: nothing to compare"
    head = (f"Agreement on {report['articles']} article(s) done by two or more annotators"
            f" ({', '.join(report['annotators'])})")
    parts = [[head], _stance_lines(report["stance"]), _confusion_lines(report["stance"]),
             _presence_lines(report["presence"]), _mention_lines(report["mentions"])]
    return "\n\n".join("\n".join(p) for p in parts)
