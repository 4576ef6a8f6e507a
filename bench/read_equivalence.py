"""Equivalence gate of issue #13: the fast reading path gives exactly what the old one gave.

    .venv/bin/python bench/read_equivalence.py [--corpus FILE.jsonl] [--random 20000] [--seed 13]

The old implementation (before issue #13) is kept here, and only here, as a verbatim copy: the
steps of `io.readers._finish` (mojibake repair, canonicalisation, folding, boilerplate segments,
bidi note), `storage.rawcodec.encode_raw` and `storage.project.prepare_article`. The check reads
the corpus twice through `read_jsonl`, once with the old steps patched into `io.readers`, and
compares every item: record fields, raw bytes, notes, segments, the folded text and its position
map; then it prepares each article both ways and compares every field, the stored raw record by
what it decodes to (the compressed bytes may differ; the codec may not). Then each step on
`--random` random strings of Arabic, Latin, mojibake, tashkeel, presentation forms, odd spaces,
bidi controls, newlines, NUL and lone surrogates. Prints the first differences; exit status 1
when there is any.

What can go wrong: a missing corpus is reported and that part skipped.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Iterable

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from annotator.core import boilerplate as new_boilerplate  # noqa: E402
from annotator.core import fold as new_fold  # noqa: E402
from annotator.core import text as new_text  # noqa: E402
from annotator.core.boilerplate import SegmentSpan  # noqa: E402
from annotator.core.matcher import AliasMatcher  # noqa: E402
from annotator.core.search import index_text  # noqa: E402
from annotator.core.text import sha256_bytes, sha256_text  # noqa: E402
from annotator.io import decode as new_decode  # noqa: E402
from annotator.io import readers as new_readers  # noqa: E402
from annotator.io.decode import arabic_ratio  # noqa: E402
from annotator.io.readers import MAX_TEXT_CHARS, Item, title_line, too_long  # noqa: E402
from annotator.storage import project as new_project  # noqa: E402
from annotator.storage import rawcodec as new_rawcodec  # noqa: E402
from annotator.storage.project import ArticleRecord, PreparedArticle, with_proposals  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpora" / "saudinewsnet" / "saudinewsnet_10k.jsonl"

# ======================= the old implementation, verbatim (before issue #13) =======================
import zlib  # noqa: E402



# ---- core/fold.py
# Characters removed from the folded string.
_COMBINING = (
    [chr(c) for c in range(0x064B, 0x0660)]  # harakat, tanwin, shadda, sukun, maddah/hamza marks
    + ["\u0670"]  # superscript alef
    + [chr(c) for c in range(0x06D6, 0x06DD)]  # Quranic annotation marks
    + [chr(c) for c in range(0x06DF, 0x06E5)]
    + [chr(c) for c in range(0x06E7, 0x06E9)]
    + [chr(c) for c in range(0x06EA, 0x06EE)]
)
COMBINING_MARKS = frozenset(_COMBINING)
_INVISIBLE = [
    "\u0640",  # tatweel
    "\u200b", "\u200c", "\u200d",  # ZWSP, ZWNJ, ZWJ
    "\u200e", "\u200f", "\u061c",  # LRM, RLM, ALM
    "\u00ad",  # soft hyphen
    "\ufeff",  # BOM / ZWNBSP
    "\u2060",  # word joiner
] + [chr(c) for c in range(0x202A, 0x202F)] + [chr(c) for c in range(0x2066, 0x206A)]
DROPPED = frozenset(_COMBINING + _INVISIBLE)

_ONE_TO_ONE = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ة": "ه", "ۀ": "ه", "ھ": "ه",
    "ؤ": "و",
    "ئ": "ي", "ی": "ي",
    "ک": "ك",
    "\u00a0": " ", "\t": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ", "\u2002": " ",
    "\u2003": " ", "\u200a": " ",
}
for _i in range(10):
    _ONE_TO_ONE[chr(0x0660 + _i)] = str(_i)
    _ONE_TO_ONE[chr(0x06F0 + _i)] = str(_i)

_TRANSLATE = {ord(k): v for k, v in _ONE_TO_ONE.items()}
_DROP_TRANSLATE = {ord(c): None for c in DROPPED}
_FULL_TRANSLATE = {**_TRANSLATE, **_DROP_TRANSLATE}
# The 1:1 letter and space replacements as str.replace pairs (much faster than str.translate on
# non-ASCII text); the digits only when an Arabic-Indic digit occurs at all.
_LETTER_PAIRS = [(k, v) for k, v in _ONE_TO_ONE.items() if not v.isdigit()]
_DIGIT_TRANSLATE = {ord(k): v for k, v in _ONE_TO_ONE.items() if v.isdigit()}
_INDIC_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")

_PRESENTATION = "\ufb50-\ufdff\ufe70-\ufefe"
_HSPACE_CLASS = " \t\u00a0\u2009\u202f\u3000\u2002\u2003\u200a"


def _char_class(chars) -> str:
    """The inside of a regex character class for `chars`, as ranges (fast to test)."""
    codes = sorted(map(ord, chars))
    out, i = [], 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        out.append(re.escape(chr(codes[i])) + ("-" + re.escape(chr(codes[j])) if j > i else ""))
        i = j + 1
    return "".join(out)


_DROPPED_CLASS = _char_class(DROPPED)
# A "special" character is one whose folded length may not be exactly 1: dropped characters,
# presentation forms (which may expand), and white space that follows white space or a dropped
# character (it collapses into the space already emitted, if there is one). `_CANDIDATES` finds
# every run that can hold one: a run starts at a dropped or presentation character or at white space
# followed by white space (one leading character class, so the scan between runs is fast); `fold`
# decides character by character inside a run.
_RUN_CLASS = "[" + _DROPPED_CLASS + _PRESENTATION + _HSPACE_CLASS + "]"
_CANDIDATES = re.compile(
    _RUN_CLASS + "(?<=[" + _DROPPED_CLASS + _PRESENTATION + "]|[" + _HSPACE_CLASS + "](?=[" + _HSPACE_CLASS + "]))"
    + _RUN_CLASS + "*"
)
_HSPACE = frozenset(_HSPACE_CLASS)
_DROPPED_OR_HSPACE = DROPPED | _HSPACE


def _one_to_one(text: str) -> str:
    """`text` with the 1:1 letter, digit and space replacements applied (same length)."""
    for a, b in _LETTER_PAIRS:
        text = text.replace(a, b)
    if _INDIC_DIGIT.search(text):
        text = text.translate(_DIGIT_TRANSLATE)
    return text


def _fold_char(ch: str) -> str:
    """Fold one original character; may return '' (dropped) or several characters."""
    if ch in DROPPED:
        return ""
    o = ord(ch)
    if 0xFB50 <= o <= 0xFDFF or 0xFE70 <= o <= 0xFEFE:
        expanded = unicodedata.normalize("NFKC", ch)
        return expanded.translate(_FULL_TRANSLATE)
    return ch.translate(_TRANSLATE)


@dataclass(frozen=True)
class Folded:
    """A folded string with a map from folded positions back to original positions.

    `seg_fold[k]`/`seg_src[k]` start segment k. Segment kinds: a 1:1 run (`seg_expand[k] == 0`)
    or one original character expanded to several folded ones (`seg_expand[k] == 1`).
    """

    text: str
    original: str
    seg_fold: list[int] = field(repr=False)
    seg_src: list[int] = field(repr=False)
    seg_expand: list[int] = field(repr=False)

    def source_index(self, f: int) -> int:
        """Original index of folded character `f` (0 <= f < len(text))."""
        k = bisect_right(self.seg_fold, f) - 1
        if self.seg_expand[k]:
            return self.seg_src[k]
        return self.seg_src[k] + (f - self.seg_fold[k])

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map folded [start, end) to original [s, e), widened over trailing combining marks.

        A span that begins inside an expanded presentation form starts at that code point.
        """
        if end <= start:
            s = self.source_index(start) if start < len(self.text) else len(self.original)
            return s, s
        s = self.source_index(start)
        e = self.source_index(end - 1) + 1
        orig = self.original
        while e < len(orig) and orig[e] in COMBINING_MARKS:
            e += 1
        return s, e


def _last_char(parts: list[str]) -> str:
    for p in reversed(parts):
        if p:
            return p[-1]
    return ""


def fold(text: str) -> Folded:
    """Fold `text` for matching, keeping a position map. Never fails on any `str` input."""
    seg_fold: list[int] = [0]
    seg_src: list[int] = [0]
    seg_expand: list[int] = [0]
    parts: list[str] = []
    mapped = _one_to_one(text)
    fpos = 0
    last = 0
    for m in _CANDIDATES.finditer(text):
        a, b = m.span()
        prev = text[a - 1] if a else ""
        for i in range(a, b):
            ch = text[i]
            special = ch not in _HSPACE or prev in _DROPPED_OR_HSPACE
            prev = ch
            if not special:
                continue
            if i > last:
                run = mapped[last:i]
                parts.append(run)
                if seg_src[-1] != last or seg_fold[-1] != fpos or seg_expand[-1]:
                    seg_fold.append(fpos)
                    seg_src.append(last)
                    seg_expand.append(0)
                fpos += len(run)
            if ch in _HSPACE and fpos and _last_char(parts) == " ":
                out = ""
            else:
                out = _fold_char(ch)
            if out:
                # an expansion (or a replacement of a presentation form by one letter)
                seg_fold.append(fpos)
                seg_src.append(i)
                seg_expand.append(1)
                parts.append(out)
                fpos += len(out)
            last = i + 1
            # the next 1:1 run starts at `last`
            seg_fold.append(fpos)
            seg_src.append(last)
            seg_expand.append(0)
    if last < len(text):
        parts.append(mapped[last:])
    return Folded("".join(parts), text, seg_fold, seg_src, seg_expand)


def fold_key(text: str) -> str:
    """The folded form of `text` with surrounding white space removed (alias keys, queries)."""
    return fold(text).text.strip()


# ---- core/text.py
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_NEWLINES = re.compile("\r\n|\r|\u2028|\u2029|\x85")


def canonicalize(text: str) -> str:
    """Return the canonical form of decoded article text.

    Steps, in order: drop leading BOMs (all of them: files glued together can carry two, and one
    left behind would be dropped by the next canonicalisation); turn CRLF, CR, U+2028, U+2029 and NEL into LF (Qt shows
    U+2029 as a paragraph break and would otherwise disagree with us about offsets); replace NUL and
    lone surrogates (which SQLite and UTF-8 cannot store) with U+FFFD; NFC once. Nothing else: no
    Arabic folding, no removal of tashkeel, tatweel or bidi controls.
    """
    text = text.lstrip("\ufeff")
    text = _NEWLINES.sub("\n", text)
    text = text.replace("\x00", "\ufffd")
    text = _LONE_SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


def line_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every line of `text` (without its newline), in order."""
    spans = []
    start = 0
    for m in re.finditer("\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


# ---- io/decode.py
# UTF-8 Arabic read as cp1256: pairs like ط§ ظ„ (lead bytes D8/D9 -> ط/ظ followed by a letter), four
# or more. Both patterns start with a plain character class, so the regex engine scans for its
# letters instead of trying the whole pattern at every position.
_TRAIL = "[\u0600-\u06ff\u0080-\u00ff\u2000-\u203a\u0152-\u02dc]"
_MOJIBAKE_UTF8_AS_1256 = re.compile(f"[طظ]{_TRAIL}(?:[طظ]{_TRAIL}){{3,}}")
# cp1256 Arabic read as Latin-1: runs of Latin-1 letters in C0-FF
_MOJIBAKE_1256_AS_LATIN1 = re.compile("[\u00c0-\u00ff][\u00c0-\u00ff]{3,}")


def repair_mojibake(text: str) -> tuple[str, str]:
    """Undo a wrong decoding; returns (text, what was repaired or '')."""
    if _MOJIBAKE_UTF8_AS_1256.search(text):
        try:
            fixed = text.encode("cp1256").decode("utf-8")
        except UnicodeError:
            fixed = None
        if fixed is not None and arabic_ratio(fixed) > arabic_ratio(text):
            return fixed, "utf-8 read as cp1256"
    if _MOJIBAKE_1256_AS_LATIN1.search(text) and arabic_ratio(text) < 0.2:
        try:
            fixed = text.encode("latin-1").decode("cp1256")
        except UnicodeError:
            fixed = None
        if fixed is not None and arabic_ratio(fixed) > 0.6:
            return fixed, "cp1256 read as latin-1"
    return text, ""


# ---- core/boilerplate.py
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

_FINAL_PUNCT = re.compile(r"[.!?؟…:][\"'”»)\]]*\s*$")
_DATELINE = re.compile(
    r"^\s*[^\s()\-–—]+(?:\s[^\s()\-–—]+){0,2}\s*\((?:رويترز|أ\s?ف\s?ب|ا\s?ف\s?ب|د\s?ب\s?أ|واس|الأناضول|سبوتنيك|"
    r"رويترز|أسوشيتد برس|شينخوا|قنا|وام|بنا|كونا|سانا|AFP|Reuters|AP)\)\s*[-–—:]\s*"
)


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
    lines = line_spans(text)
    keys = (folded if folded is not None else fold(text).text).split("\n")
    if len(keys) != len(lines):
        raise ValueError("the folded text has a different number of lines than the text")
    info = []  # (start, end, lexicon result) for non-blank lines, with blank-gap before
    gap = 0
    for (s, e), key in zip(lines, keys):
        line = text[s:e]
        if not line.strip():
            gap += 1
            continue
        info.append({"s": s, "e": e, "gap": gap, "lex": _lexicon_kind(key.strip()), "line": line})
        gap = 0
    if not info:
        return []
    # runs of non-lexicon lines
    runs: list[list[int]] = []
    for i, it in enumerate(info):
        if it["lex"] is not None:
            continue
        if runs and runs[-1][-1] == i - 1 and it["gap"] < 3:
            runs[-1].append(i)
        else:
            runs.append([i])
    kinds: list[tuple[str, str]] = [("", "")] * len(info)
    for i, it in enumerate(info):
        if it["lex"]:
            kinds[i] = it["lex"]
    if runs:
        body = max(runs, key=lambda r: sum(info[i]["e"] - info[i]["s"] for i in r))
        body_first, body_last = body[0], body[-1]
        # a leading short line of a multi-line body run is its headline
        if len(body) > 1 and not _is_paragraph(info[body_first]["line"]):
            kinds[body_first] = ("headline", "rule:headline")
            body = body[1:]
            body_first = body[0]
        for i in body:
            kinds[i] = ("body", "rule:longest-run")
        headline_given = any(k[0] == "headline" for k in kinds)
        for run in runs:
            if run[0] > body_last and all(_is_paragraph(info[i]["line"]) for i in run) and len(run) > 1:
                for i in run:
                    kinds[i] = ("body", "rule:paragraphs")
        body_idx = {i for i, k in enumerate(kinds) if k[0] == "body"}
        first_body = min(body_idx)
        last_body = max(body_idx)
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
            if run[0] > last_body and len(run) == 1 and len(info[run[0]]["line"].split()) <= 4:
                kinds[run[0]] = ("byline", "rule:short-after-body")
            else:
                for i in rest:
                    kinds[i] = ("related", "rule:after-body") if i > last_body else ("body", "rule:inside-body")
    out: list[SegmentSpan] = []
    first_body_done = False
    for it, (kind, method) in zip(info, kinds):
        s, e = it["s"], it["e"]
        if kind == "body" and not first_body_done:
            first_body_done = True
            m = _DATELINE.match(text, s, e)
            if m and m.end() < e:
                out.append(SegmentSpan(s, m.end(), "dateline", "rule:dateline"))
                s = m.end()
        if out and out[-1].kind == kind and out[-1].method == method and kind != "dateline":
            prev = out[-1]
            out[-1] = SegmentSpan(prev.start, e, kind, method)
        else:
            out.append(SegmentSpan(s, e, kind, method))
    return out


# ---- io/readers.py
# Bidi embedding, override and isolate controls: kept in the text, reported on import, shown visibly
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_BIDI = re.compile("[" + "".join(sorted(BIDI_CONTROLS)) + "]")


def _storable(value: str) -> str:
    """`value` with NUL and lone surrogates (which SQLite's UTF-8 cannot hold) replaced by U+FFFD."""
    return _UNSTORABLE.sub("\ufffd", value)


def bidi_note(text: str) -> str:
    """The import note for text with bidi embedding/override/isolate controls ('' when none)."""
    if not _BIDI.search(text):
        return ""
    found = sorted({c for c in text if c in BIDI_CONTROLS})
    if not found:
        return ""
    n = sum(text.count(c) for c in found)
    names = ", ".join(f"U+{ord(c):04X}" for c in found)
    return (f"{n} bidi control character(s) ({names}) kept in the text; the article view shows each "
            "as a visible symbol, so they cannot reorder what you read")


def _finish(text: str, origin: str, raw: bytes, encoding: str, *, max_chars: int = MAX_TEXT_CHARS,
            **fields) -> Item:
    """Canonicalise, repair mojibake, check and segment one article's text."""
    text, repaired = repair_mojibake(text)
    if repaired:
        encoding = f"{encoding} (repaired: {repaired})"
    text = canonicalize(text)
    if not text.strip():
        return Item(origin, error="empty text; nothing to annotate (remove it, or check the text field/column)")
    if len(text) > max_chars:
        return Item(origin, error=too_long(len(text), max_chars))
    for k, v in fields.items():
        if isinstance(v, str):
            fields[k] = _storable(v)
    if fields.get("meta"):
        fields["meta"] = json.loads(_storable(json.dumps(fields["meta"], ensure_ascii=False)))
    folded = fold(text)
    segments = detect_segments(text, folded.text)
    if not fields.get("title"):
        head = [s for s in segments if s.kind == "headline"]
        first = head[0] if head else next((s for s in segments if s.kind == "body"), None)
        if first is not None:
            fields["title"] = title_line(text[first.start : first.end])
    rec = ArticleRecord(text=text, raw=raw, encoding=encoding, origin=origin, **fields)
    note = bidi_note(text)
    return Item(origin, rec, segments, notes=[note] if note else [], folded=folded)


# ---- storage/rawcodec.py
_LEVEL = 6
_WINDOW = -15  # a raw DEFLATE stream: no zlib header or checksum (raw_sha256 checks the result)


def encode_raw(raw: bytes, text: str) -> tuple[bytes, str]:
    """(stored bytes, codec) for the verbatim record `raw` of an article whose canonical text is `text`."""
    utf8 = text.encode("utf-8", "surrogatepass")
    if raw == utf8:
        return b"", "text"
    comp = zlib.compressobj(_LEVEL, zlib.DEFLATED, _WINDOW, zdict=utf8[-32768:] or b"\0")
    packed = comp.compress(raw) + comp.flush()
    if len(packed) >= len(raw):
        return raw, ""
    return packed, "zlib+text"


# ---- storage/project.py
def prepare_article(rec: ArticleRecord, segments: Iterable = (), *, folded: Folded | None = None,
                    matcher: AliasMatcher | None = None) -> PreparedArticle:
    """Hash, index and (with a `matcher`) match one article; `folded` is fold(rec.text) if known.

    Matching skips boilerplate and datelines, as `Project.suggest` does. Never touches a database;
    a `folded` that is not the fold of `rec.text` gives wrong index text and wrong spans.
    """
    f = folded if folded is not None else fold(rec.text)
    segs = tuple((s.start, s.end, s.kind, s.method) for s in segments)
    stored, codec = encode_raw(rec.raw, rec.text)
    prepared = PreparedArticle(rec, segs, sha256_text(rec.text), sha256_bytes(rec.raw), index_text(rec.title),
                               index_text(rec.text, f.text), raw_stored=stored, raw_codec=codec)
    return with_proposals(prepared, f, matcher) if matcher else prepared

# ======================= end of the old implementation =======================


OLD_STEPS = {"_finish": _finish, "canonicalize": canonicalize}


class Differences:
    """Collects differences; prints the first few of each kind."""

    def __init__(self):
        self.count: dict[str, int] = {}

    def __call__(self, kind: str, where: str, old, new) -> None:
        n = self.count[kind] = self.count.get(kind, 0) + 1
        if n <= 3:
            print(f"DIFFERENT {kind} at {where}:\n  old {ascii(old)[:300]}\n  new {ascii(new)[:300]}")


def same_fold(old, new) -> bool:
    """The same folded text and the same map back to the original, position by position."""
    if old.text != new.text or old.original != new.original:
        return False
    if (old.seg_fold, old.seg_src, old.seg_expand) == (new.seg_fold, new.seg_src, new.seg_expand):
        return True
    return all(old.source_index(i) == new.source_index(i) for i in range(len(old.text)))


def _items(path: Path, old: bool) -> list:
    saved = {name: getattr(new_readers, name) for name in OLD_STEPS}
    if old:
        for name, fn in OLD_STEPS.items():
            setattr(new_readers, name, fn)
    try:
        return list(new_readers.read_jsonl(path, new_readers.ReadOptions()))
    finally:
        for name, fn in saved.items():
            setattr(new_readers, name, fn)


def check_corpus(path: Path, diff: Differences) -> int:
    olds, news = _items(path, True), _items(path, False)
    if len(olds) != len(news):
        diff("item count", str(path), len(olds), len(news))
        return 0
    stored_old = stored_new = 0
    for o, n in zip(olds, news):
        for f in ("origin", "record", "segments", "error", "docs", "pos", "notes"):
            if getattr(o, f) != getattr(n, f):
                diff(f"item.{f}", o.origin, getattr(o, f), getattr(n, f))
        if (o.folded is None) != (n.folded is None) or (o.folded is not None and not same_fold(o.folded, n.folded)):
            diff("item.folded", o.origin, o.folded and o.folded.text, n.folded and n.folded.text)
        if o.record is None:
            continue
        po = prepare_article(o.record, o.segments, folded=o.folded)
        pn = new_project.prepare_article(n.record, n.segments, folded=n.folded)
        stored_old += len(po.raw_stored)
        stored_new += len(pn.raw_stored)
        compare_prepared(po, pn, o.origin, diff)
    print(f"corpus: {len(news):,} items compared; stored raw records {stored_old:,} bytes before, "
          f"{stored_new:,} now ({(stored_new - stored_old) / max(stored_old, 1):+.2%})")
    return len(news)


def compare_prepared(po: PreparedArticle, pn: PreparedArticle, where: str, diff: Differences) -> None:
    for f in fields(PreparedArticle):
        if f.name == "raw_stored":
            continue
        if getattr(po, f.name) != getattr(pn, f.name):
            diff(f"prepared.{f.name}", where, getattr(po, f.name), getattr(pn, f.name))
    back = new_rawcodec.decode_raw(pn.raw_stored, pn.raw_codec, pn.record.text)
    if back != pn.record.raw:
        diff("prepared.raw_stored decodes", where, pn.record.raw, back)
    old_back = new_rawcodec.decode_raw(po.raw_stored, po.raw_codec, po.record.text)
    if old_back != po.record.raw:
        diff("old raw_stored decodes", where, po.record.raw, old_back)


# pieces of random test strings: the characters each step treats specially, and their neighbours
_PIECES = (
    [chr(c) for c in range(0x0621, 0x064B)] * 3
    + [chr(c) for c in range(0x064B, 0x0660)] + ["\u0670", "\u0640", "\u06d6", "\u06dc", "\u06df", "\u06e4",
                                                   "\u06e7", "\u06ea", "\u06ed", "\u06dd", "\u06de", "\u06e5"]
    + list(DROPPED) + list(_HSPACE_CLASS) * 3 + [" "] * 20 + ["\n"] * 6
    + ["\r", "\r\n", "\u2028", "\u2029", "\x85", "\x00", "\ud800", "\udfff", "\udc80", "\ufeff"]
    + [chr(c) for c in range(0x0660, 0x066A)] + [chr(c) for c in range(0x06F0, 0x06FA)]
    + list(_ONE_TO_ONE) + ["ى", "ي", "ه", "ا"]
    + ["\ufb50", "\ufb51", "\ufdf2", "\ufdfa", "\ufdfb", "\ufdfc", "\ufdff", "\ufe70", "\ufe71", "\ufe80",
       "\ufe8d", "\ufe91", "\ufef5", "\ufef7", "\ufefb", "\ufefc", "\ufefe", "\ufc5e", "\ufd3e", "\ufe74"]
    + ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\u202f"]
    + ["ط§ظ„ط¹ط±ط¨ظٹط©", "ط§", "ظ„", "ط", "ظ", "ط¹ط±", "ÇáÚÑÈíÉ", "Ç", "á", "ÚÑÈ", "\u00c0", "\u00ff", "é", "ü"]
    + ["\u0653", "\u0654", "\u0655", "\u0651\u064e", "\u064e\u0651", "\u0627\u0653", "\u0648\u0654",
       "\u064a\u0654", "\u0627\u0655", "e\u0301", "\u212b", "\u0344", "\uf900", "\u1100\u1161", "\uac00\u11a8"]
    + list("abcdefgxyz ABC.!?:;,-()0123456789\"'\u00ab\u00bb\u060c\u061f\u061b\u2026\u00a9\u2013\u2014")
    + ["تابعوا", "على", "تابعونا", "شارك", "اشترك", "المصدر:", "مواضيع ذات صلة", "اقرأ أيضا", "جميع الحقوق محفوظة",
       "الكوكيز", "ملفات تعريف الارتباط", "بمواصلة التصفح", "cookies", "cookie", "©", "مباشر", "عاجل",
       "واشنطن (رويترز) -", "إعداد", "تحرير", "للنشرة العربية", "\U0001F600", "\U0001F1F8\U0001F1E6"]
)


def random_text(rng: random.Random) -> str:
    n = rng.choice((0, 1, 2, 3, 5, 8, 20, 60, 200))
    return "".join(rng.choice(_PIECES) for _ in range(n))


def _outcome(fn, *args):
    """What `fn(*args)` returns, or the type of what it raises."""
    try:
        return fn(*args)
    except Exception as e:  # noqa: BLE001 - compared, not handled
        return type(e)


def _old_meta(meta: dict):
    """What the old `_finish` stored as `meta`."""
    return _outcome(lambda: json.loads(_storable(json.dumps(meta, ensure_ascii=False))))


def check_random(count: int, seed: int, diff: Differences) -> None:
    rng = random.Random(seed)
    for k in range(count):
        t = random_text(rng)
        where = f"random #{k} {ascii(t)[:120]}"
        steps = [
            ("repair_mojibake", repair_mojibake, new_decode.repair_mojibake, t),
            ("canonicalize", canonicalize, new_text.canonicalize, t),
            ("line_spans", line_spans, new_text.line_spans, t),
            ("_storable", _storable, new_readers._storable, t),
            ("bidi_note", bidi_note, new_readers.bidi_note, t),
        ]
        for name, old_fn, new_fn, arg in steps:
            a, b = old_fn(arg), new_fn(arg)
            if a != b:
                diff(name, where, a, b)
        meta = {t[:3]: rng.choice([t, 1, -2.5, None, True, [t], {"k": t}, 10 ** 30, 2 ** 63, "\x00"]),
                "date": rng.choice(["2015-07-21", t[-4:], 0])}
        if _old_meta(meta) != _outcome(new_readers._storable_meta, meta):
            diff("meta", where, _old_meta(meta), _outcome(new_readers._storable_meta, meta))
        if not same_fold(fold(t), new_fold.fold(t)):
            diff("fold", where, fold(t).text, new_fold.fold(t).text)
        c = canonicalize(t)
        if detect_segments(c) != new_boilerplate.detect_segments(c):
            diff("detect_segments", where, detect_segments(c), new_boilerplate.detect_segments(c))
        for raw in (c.encode("utf-8", "surrogatepass"), t.encode("utf-8", "surrogatepass") + b"{}",
                    json.dumps({"title": t[:5], "content": t}, ensure_ascii=False).encode("utf-8", "surrogatepass")):
            stored, codec = new_rawcodec.encode_raw(raw, c)
            if codec != encode_raw(raw, c)[1] or new_rawcodec.decode_raw(stored, codec, c) != raw:
                diff("encode_raw", where, encode_raw(raw, c), (stored, codec))
    print(f"random: {count:,} strings compared (seed {seed})")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--random", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)
    diff = Differences()
    if args.corpus.is_file():
        check_corpus(args.corpus, diff)
    else:
        print(f"no corpus at {args.corpus}; corpus check skipped")
    check_random(args.random, args.seed, diff)
    if diff.count:
        print("DIFFERENCES:", ", ".join(f"{k}: {v}" for k, v in diff.count.items()))
        return 1
    print("identical")
    return 0


if __name__ == "__main__":
    sys.exit(main())
