"""Line rules that mark boilerplate in scraped article text. They mark; they never delete.

The result covers every non-blank line with exactly one segment kind. Rules, in order:
1. phrase lexicon per line (social, cookie, related, credit, nav);
2. the body is the longest run of lines (by characters) not broken by a lexicon line or by three or
   more blank lines; later runs made of real paragraphs (ending in sentence punctuation) join it;
3. the last short line before the body is the headline; other lines before it are navigation;
4. after the body, a lone short line of at most four words is a byline, anything else is
   unrelated material (related headlines);
5. a wire dateline at the start of the first body line (`واشنطن (رويترز) -`) is its own segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .fold import fold

# Patterns run on the folded line (hamza/alef, teh marbuta, tashkeel already unified); True: the
# pattern must match at the start of the line.
_RULES = [
    ("social", "follow-us", True, r"تابعو(?:(?:ا|نا)\b.*\bعل[ىي]\b|نا)"),
    ("social", "share", True, r"(?:شارك|مشاركه|شارك الخبر|شارك المقال)\b"),
    ("social", "subscribe", True, r"اشترك|النشره البريديه"),
    ("social", "app", True, r"حمل تطبيق"),
    ("cookie", "cookie", False, r"ملفات تعريف الارتباط|الكوكيز|بمواصله التصفح|cookies?\b"),
    ("related", "related", True, r"مواضيع ذات صله|اقرا (?:ايضا|ايضاً|المزيد)|الاكثر قراءه|اخبار ذات صله|المزيد من الاخبار"),
    ("credit", "copyright", False, r"جميع الحقوق محفوظه|©"),
    ("credit", "source", True, r"المصدر\s*:"),
    ("credit", "wire-credit", True, r"(?:اعداد|تحرير)\s.*(?:للنشره العربيه|تحرير)"),
    ("nav", "nav-word", True, r"(?:مباشر|الرئيسيه|اعلان|اخبار|عاجل|فيديو|الصفحه الرئيسيه)$"),
]
_LEXICON: list[tuple[str, str, re.Pattern]] = [
    (kind, name, re.compile(f"^(?:{pat})" if anchored else pat)) for kind, name, anchored, pat in _RULES
]
# Any rule at all, in two quick tests: most lines match none, and then the rules are not tried one
# by one. The anchored rules are tried at the line start only (one `match`); the others form one
# alternation of literals, which the regex engine scans for by their first letters.
_ANY_ANCHORED = re.compile("|".join(f"(?:{pat})" for _, _, anchored, pat in _RULES if anchored))
_ANY_UNANCHORED = re.compile("|".join(pat for _, _, anchored, pat in _RULES if not anchored))
# For each rule that may match anywhere in a line: literals, one of which is in every line it
# matches. A text without any of them (one `in` test each, on the whole folded text) has no line
# for those rules, and the per-line search for them, the dearest step here, is skipped (issue 13).
_NEEDLES = {
    "cookie": ("ملفات تعريف الارتباط", "الكوكيز", "بمواصله التصفح", "cookie"),
    "copyright": ("جميع الحقوق محفوظه", "©"),
}

_FINAL_PUNCT = re.compile(r"[.!?؟…:][\"'”»)\]]*\s*$")
_DATELINE = re.compile(
    r"^\s*[^\s()\-–—]+(?:\s[^\s()\-–—]+){0,2}\s*\((?:رويترز|أ\s?ف\s?ب|ا\s?ف\s?ب|د\s?ب\s?أ|واس|الأناضول|سبوتنيك|"
    r"رويترز|أسوشيتد برس|شينخوا|قنا|وام|بنا|كونا|سانا|AFP|Reuters|AP)\)\s*[-–—:]\s*"
)


@dataclass(frozen=True)
class SegmentSpan:
    start: int
    end: int
    kind: str
    method: str


def _anywhere_rules_may_match(folded: str) -> bool:
    """False when no line of the folded text can match a rule that is not anchored at the line start."""
    return any(needle in folded for needles in _NEEDLES.values() for needle in needles)


def _lexicon_kind(key: str) -> tuple[str, str] | None:
    """The first lexicon rule matching a folded, stripped line, if any."""
    if not (_ANY_ANCHORED.match(key) or _ANY_UNANCHORED.search(key)):
        return None
    for kind, name, pat in _LEXICON:
        if pat.search(key):
            return kind, "rule:" + name
    return None


def _is_paragraph(line: str) -> bool:
    return bool(_FINAL_PUNCT.search(line)) or len(line.split()) >= 15


def detect_segments(text: str, folded: str | None = None) -> list[SegmentSpan]:
    """Classify every non-blank line of `text`; consecutive lines of one kind become one segment.

    `folded` is `fold(text).text` when the caller already has it: folding keeps every line break
    and folds each line as it would alone, so its lines are the folded lines of `text`. A string
    with another number of lines raises ValueError.
    """
    if folded is None:
        folded = fold(text).text
    lines = text.split("\n")
    keys = folded.split("\n")
    if len(keys) != len(lines):
        raise ValueError("the folded text has a different number of lines than the text")
    # the two quick tests of `_lexicon_kind`, here, to spare most lines a call
    anchored = _ANY_ANCHORED.match
    anywhere = _ANY_UNANCHORED.search if _anywhere_rules_may_match(folded) else None
    # the non-blank lines, as parallel lists: start, end, lexicon rule, blank lines before, text
    starts: list[int] = []
    ends: list[int] = []
    lexes: list = []
    gaps: list[int] = []
    texts: list[str] = []
    gap = 0
    e = -1
    for line, key in zip(lines, keys):
        s = e + 1
        e = s + len(line)
        if not line or line.isspace():  # as `not line.strip()`, without the copy
            gap += 1
            continue
        key = key.strip()
        starts.append(s)
        ends.append(e)
        lexes.append(_lexicon_kind(key) if anchored(key) or (anywhere and anywhere(key)) else None)
        gaps.append(gap)
        texts.append(line)
        gap = 0
    if not starts:
        return []
    # runs of non-lexicon lines
    runs: list[list[int]] = []
    for i, lex in enumerate(lexes):
        if lex is not None:
            continue
        if runs and runs[-1][-1] == i - 1 and gaps[i] < 3:
            runs[-1].append(i)
        else:
            runs.append([i])
    kinds: list[tuple[str, str]] = [lex or ("", "") for lex in lexes]
    if runs:
        body = max(runs, key=lambda r: sum(ends[i] - starts[i] for i in r))
        body_first, body_last = body[0], body[-1]
        # a leading short line of a multi-line body run is its headline
        if len(body) > 1 and not _is_paragraph(texts[body_first]):
            kinds[body_first] = ("headline", "rule:headline")
            body = body[1:]
            body_first = body[0]
        for i in body:
            kinds[i] = ("body", "rule:longest-run")
        headline_given = any(k[0] == "headline" for k in kinds)
        for run in runs:
            if run[0] > body_last and len(run) > 1 and all(_is_paragraph(texts[i]) for i in run):
                for i in run:
                    kinds[i] = ("body", "rule:paragraphs")
        body_idx = [i for i, k in enumerate(kinds) if k[0] == "body"]
        first_body = body_idx[0]
        last_body = body_idx[-1]
        before = [i for run in runs for i in run if i < first_body and not kinds[i][0]]
        if before and not headline_given:
            h = before[-1]
            kinds[h] = ("headline", "rule:headline")
        for i in before:
            if not kinds[i][0]:
                kinds[i] = ("nav", "rule:before-body")
        for run in runs:
            rest = [i for i in run if not kinds[i][0]]
            if not rest:
                continue
            if run[0] > last_body and len(run) == 1 and len(texts[run[0]].split()) <= 4:
                kinds[run[0]] = ("byline", "rule:short-after-body")
            else:
                for i in rest:
                    kinds[i] = ("related", "rule:after-body") if i > last_body else ("body", "rule:inside-body")
    out: list[list] = []  # [start, end, kind, method]; a frozen SegmentSpan per line was dear
    first_body_done = False
    for s, e, (kind, method) in zip(starts, ends, kinds):
        if kind == "body" and not first_body_done:
            first_body_done = True
            m = _DATELINE.match(text, s, e)
            if m and m.end() < e:
                out.append([s, m.end(), "dateline", "rule:dateline"])
                s = m.end()
        if out and out[-1][2] == kind and out[-1][3] == method and kind != "dateline":
            out[-1][1] = e
        else:
            out.append([s, e, kind, method])
    return [SegmentSpan(*span) for span in out]
