"""A corpus of hostile input files for the importers, written at test time into a folder.

`build(folder)` writes every small case (a few MB in all, in well under a second); `build_huge`
writes the 200 MB ones. `test_hostile.py` holds the expected outcome of each file.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import zlib
from pathlib import Path

# Texts that survive every encoding used below (no آ, which ISO-8859-6 lacks)
ARTICLE = ("قال وزير الدفاع الأمريكي أشتون كارتر إن الولايات المتحدة تواصل الحديث مع تركيا بشأن الرقة.\n"
           "وأضاف أن للأكراد دورا في العملية")
SECOND = "أعلنت وزارة الخارجية التركية أن أنقرة لن تقبل بدور لوحدات حماية الشعب في معركة الرقة"
HTML_LIKE = "قال المتحدث <script>alert('x')</script> و<img src=http://example.com/x.png> و<iframe src=http://example.com></iframe> انتهى"
BIDI = "قال \u202eتركيا\u202c إن \u2067YPG\u2069 و\u202dABC\u202c \u202aX\u202c \u202bY\u202c \u2066Z\u2069 \u2068W\u2069"
INJECTION = ["=cmd|' /C calc'!A0", "+1+1 قال", "-2+3 قال", "@SUM(A1:A9) قال", '=HYPERLINK("http://evil.example","انقر")']
HUGE = 200 * 1024 * 1024
BLOCK = ("قال " * 16384).encode("utf-8")  # 112 KiB, written again and again for the 200 MB cases
_HUGE_HEAD, _HUGE_TAIL = b'{"id": "huge", "text": "', b'"}\n'
HUGE_LINE_BYTES = len(_HUGE_HEAD) + HUGE // len(BLOCK) * len(BLOCK) + len(_HUGE_TAIL)
# One 200 MB line between normal records: what an absurd record looks like in a JSONL stream
HUGE_JSONL_RECORDS = 50


def text_for(name: str, base: str = ARTICLE) -> str:
    """`base` made unique to the file `name`, so that no case is a duplicate of another."""
    return f"{base} #{zlib.crc32(name.encode()) % 100_000}"


def _jsonl(*objs) -> bytes:
    return b"".join(json.dumps(o, ensure_ascii=False).encode("utf-8") + b"\n" for o in objs)



def build(folder: Path) -> None:
    """Write the small hostile files (and links, and a pipe) into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(5)
    def w(name: str, data: bytes) -> None:
        (folder / name).write_bytes(data)

    # ---- plain text: empty, binary, encodings, mojibake, NUL, surrogates, truncation
    w("empty-0-bytes.txt", b"")
    w("whitespace-only.txt", b" \n\t \r\n  \n")
    w("bom-only.txt", codecs.BOM_UTF8)
    w("binary-random.txt", rnd.randbytes(8192))
    w("png-named-txt.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + rnd.randbytes(2048))
    w("cp1256.txt", text_for('cp1256.txt').encode("cp1256"))
    w("iso-8859-6.txt", text_for('iso-8859-6.txt').encode("iso-8859-6"))
    w("utf16le-no-bom.txt", text_for('utf16le-no-bom.txt').encode("utf-16-le"))
    w("utf32be-bom.txt", codecs.BOM_UTF32_BE + text_for('utf32be-bom.txt').encode("utf-32-be"))
    first, second = text_for("mixed-utf8-cp1256.txt").split("\n")
    w("mixed-utf8-cp1256.txt", first.encode("utf-8") + b"\n" + second.encode("cp1256"))
    first, second = ARTICLE.split("\n")
    w("mojibake-utf8-as-cp1256.txt", text_for('mojibake-utf8-as-cp1256.txt').encode("utf-8").decode("cp1256").encode("utf-8"))
    w("mojibake-cp1256-as-latin1.txt", text_for('mojibake-cp1256-as-latin1.txt').encode("cp1256").decode("latin-1").encode("utf-8"))
    w("nul-bytes.txt", text_for("nul-bytes.txt").replace("الحديث", "الحد\x00يث").encode("utf-8"))
    w("lone-surrogate-wtf8.txt", text_for("lone-surrogate-wtf8.txt").replace("تركيا", "تركيا\ud800").encode("utf-8", "surrogatepass"))
    w("truncated-utf8.txt", (text_for("truncated-utf8.txt") + "ة").encode("utf-8")[:-1])  # the last letter cut in half
    w("huge-line.txt", ("قال " * 1_500_000).encode("utf-8"))  # 6,000,000 characters on one line
    w("bidi-controls.txt", BIDI.encode("utf-8"))
    w("html-looking.txt", HTML_LIKE.encode("utf-8"))
    w("emoji-and-ligatures.txt", "ﻷنقرة 😀👍🏽 قال\u0640\u0640 وزير\u200d الدفاع\u064e".encode("utf-8"))

    # ---- JSON Lines / JSON
    w("deep-nesting.jsonl", b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
      + _jsonl({"id": "ok", "text": text_for("deep-nesting.jsonl", SECOND)}))
    w("deep-nesting.json", b"[" * 50_000 + b"]" * 50_000)
    w("truncated-array.json", json.dumps([{"text": ARTICLE}, {"text": SECOND}], ensure_ascii=False,
                                         indent=1).encode("utf-8")[:-40])
    w("truncated-last-line.jsonl", _jsonl({"id": "a", "text": text_for("truncated-last-line.jsonl")}) + b'{"id": "b", "text": "\xd9\x85\xd9\x82')
    w("lone-surrogates.jsonl", (
        '{"id": "s\\ud800", "title": "عنوان\\udfff", "text": "نص عن \\ud83d تركيا", "extra": {"k\\udc00": "v\\ud800"}}\n'
    ).encode("utf-8"))
    w("nul.jsonl", b'{"id": "raw", "text": "\xd9\x86\x00\xd8\xb5"}\n' + b'{"id": "esc", "text": "\xd9\x86\\u0000\xd8\xb5 \xd8\xb9\xd9\x86 \xd8\xaa\xd8\xb1\xd9\x83\xd9\x8a\xd8\xa7"}\n')
    w("mixed-encodings.jsonl", _jsonl({"id": "u", "text": text_for("mixed-encodings.jsonl")})
      + json.dumps({"id": "w", "text": text_for("mixed-encodings.jsonl", SECOND)}, ensure_ascii=False).encode("cp1256")
      + b"\n")
    w("not-objects.jsonl", b'[1, 2]\nnull\n"a string"\n{"text": 5}\n{"title": "no text"}\n{"text": "   "}\n')
    w("utf16-bom.jsonl", codecs.BOM_UTF16_LE + (json.dumps({"id": "u16", "text": text_for("utf16-bom.jsonl")}, ensure_ascii=False)
                                                 + "\r\n").encode("utf-16-le"))
    w("binary.jsonl", b"\x00\x01\x02\x03" * 1000)
    # numbers Python reads but JSON cannot carry, or Python refuses to read, each on its own line
    w("bad-numbers.jsonl", b'{"id": "big", "text": "x", "n": ' + b"7" * 5000 + b"}\n"
      + _jsonl({"id": "ok1", "text": text_for("bad-numbers.jsonl:2", SECOND)})
      + b'{"id": "inf", "text": "x", "seconds": Infinity}\n{"id": "nan", "text": "x", "score": NaN}\n'
      + b'{"id": "ovf", "text": "x", "score": -1e999}\n'
      + _jsonl({"id": "ok2", "text": text_for("bad-numbers.jsonl:6", SECOND), "score": 1e308}))
    w("big-int-first.json", b'{"text": "x", "n": ' + b"1" * 5000 + b'}\n'
      + _jsonl({"id": "after", "text": text_for("big-int-first.json:2", SECOND)}))
    w("bidi.jsonl", _jsonl({"id": "bidi", "title": "\u202eعنوان", "text": text_for("bidi.jsonl", BIDI)}))
    w("html-looking.jsonl", _jsonl({"id": "h", "text": text_for("html-looking.jsonl", HTML_LIKE)}))
    # a JSON array just over the size that is parsed in memory
    with open(folder / "big-array.json", "wb") as fh:
        fh.write(b"[")
        for i in range(260_000):
            fh.write((b"," if i else b"") + json.dumps({"id": str(i), "text": f"{SECOND} {i}"}, ensure_ascii=False).encode())
        fh.write(b"]")

    # ---- CSV / TSV
    rows = "".join(f'{i},"{cell.replace(chr(34), chr(34) * 2)}","{cell.replace(chr(34), chr(34) * 2)}"\n'
                   for i, cell in enumerate(INJECTION))
    w("csv-injection.csv", ("id,title,text\n" + rows).encode("utf-8"))
    w("broken-quoting.csv", f'id,text\n1,"{text_for("broken-quoting.csv")}"\n2,"a"b\n3,"{text_for("broken-quoting.csv", SECOND)}"\n4,"never closed\n5,x\n'.encode("utf-8"))
    w("wrong-columns.tsv", f"id\ttext\n1\t{text_for('wrong-columns.tsv', SECOND)}\n2\ta\tb\n3\n".encode("utf-8"))
    w("mixed-encodings.csv", b"id,text\n1," + text_for("mixed-encodings.csv", SECOND).encode("utf-8") + b"\n2,"
      + text_for("mixed-encodings.csv", first).encode("cp1256") + b"\n")
    w("no-text-column.csv", "id,body\n1,نص\n".encode("utf-8"))
    w("nul-cell.csv", ("id,text\n1," + text_for("nul-cell.csv", SECOND).replace("الرقة", "الر\x00قة") + "\n").encode("utf-8"))
    w("huge-cell.tsv", b"id\ttext\n1\t" + b"x" * (33 * 1024 * 1024) + b"\n2\t" + text_for("huge-cell.tsv", SECOND).encode("utf-8") + b"\n")
    w("header-only.csv", b"id,text\n")

    # ---- HTML
    w("scripts-iframes.html", (
        "<!doctype html><html><head><title>عنوان الصفحة</title>"
        "<script src='http://evil.example/x.js'></script><script>fetch('http://evil.example')</script>"
        "<style>body{background:url(http://evil.example/bg.png)}</style>"
        "<link rel=stylesheet href=http://evil.example/s.css></head>"
        "<body onload=\"alert('x')\"><p>" + first + "</p>"
        "<img src='http://evil.example/pixel.png' onerror=alert(1)>"
        "<iframe src='http://evil.example/frame'>نص الإطار</iframe>"
        "<embed src='http://evil.example/e.swf'><object data='http://evil.example/o'>بديل</object>"
        "<p><a href=\"javascript:alert(1)\">" + second + "</a></p></body></html>").encode("utf-8"))
    w("unclosed-head.html", f"<html><head><title>عنوان<body><p>{first}</p><p>{text_for('unclosed-head.html', second)}".encode("utf-8"))
    w("meta-utf16-lie.html", f'<html><head><meta charset="utf-16"></head><body><p>{text_for("meta-utf16-lie.html", SECOND)}</p></body></html>'.encode("utf-8"))
    w("meta-cp1256-but-utf8.html", f'<html><head><meta charset="windows-1256"></head><body><p>{text_for("meta-cp1256-but-utf8.html", SECOND)}</p></body></html>'.encode("utf-8"))
    w("cp1256.html", f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><body><p>{text_for("cp1256.html", SECOND)}</p></body></html>'.encode("cp1256"))
    w("deep-divs.html", ("<div>" * 100_000 + f"<p>{text_for('deep-divs.html', SECOND)}</p>" + "</div>" * 100_000).encode("utf-8"))
    w("truncated.html", f'<html><body><p>{text_for("truncated.html", SECOND)}</p><p class="'.encode("utf-8"))
    w("only-script.html", b"<html><head><script>var x = '<p>not text</p>';</script></head><body></body></html>")

    # ---- links and special files: nothing may hang or recurse
    sub = folder / "sub"
    sub.mkdir(exist_ok=True)
    (sub / "nested.txt").write_bytes(text_for("sub/nested.txt", SECOND).encode("utf-8"))
    os.symlink("..", sub / "up-loop")  # a folder link back to its parent
    os.symlink("self-loop.txt", folder / "self-loop.txt")
    os.symlink("no-such-target.txt", folder / "broken-link.txt")
    os.mkfifo(folder / "named-pipe.txt")
    # links out of the corpus (regression, issue 9 item 5: `ln -s /etc/shadow corpus/x.txt` was imported)
    outside = folder.parent / "outside-of-corpus"
    outside.mkdir(exist_ok=True)
    (outside / "secret.txt").write_bytes(text_for("outside-of-corpus/secret.txt", SECOND).encode("utf-8"))
    os.symlink(outside / "secret.txt", folder / "link-outside.txt")
    os.symlink(outside, sub / "link-outside-folder")
    os.symlink("/proc/self/environ", folder / "link-proc-environ.txt")
    os.symlink("/dev/zero", folder / "link-dev-zero.txt")
    (folder / ".hidden-target.txt").write_bytes(text_for("link-inside.txt", SECOND).encode("utf-8"))
    os.symlink(".hidden-target.txt", folder / "link-inside.txt")  # inside the folder named: read


def build_huge(folder: Path) -> None:
    """Write the 200 MB cases: one article of 200 MB, and a JSONL with one 200 MB line among records."""
    folder.mkdir(parents=True, exist_ok=True)
    block = BLOCK
    with open(folder / "huge-200mb.txt", "wb") as fh:
        for _ in range(HUGE // len(block)):
            fh.write(block)
    records = [{"id": f"r{i}", "text": f"{SECOND} رقم {i}"} for i in range(HUGE_JSONL_RECORDS)]
    with open(folder / "huge-line.jsonl", "wb") as fh:
        fh.write(_jsonl(*records[: HUGE_JSONL_RECORDS // 2]))
        fh.write(_HUGE_HEAD)
        for _ in range(HUGE // len(block)):
            fh.write(block)
        fh.write(_HUGE_TAIL)
        fh.write(_jsonl(*records[HUGE_JSONL_RECORDS // 2:]))
