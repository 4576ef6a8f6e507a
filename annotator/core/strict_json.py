"""JSON in and out holding only what JSON allows: no NaN, Infinity or numbers that overflow a float.

Python's `json` reads `NaN`, `Infinity` and `1e999` (as inf) and writes them back as `NaN` and
`Infinity`, which no other JSON reader accepts: a dataset written that way cannot be loaded. Every
JSON that comes in goes through `loads`, every JSON that goes out through `dumps`.
"""

from __future__ import annotations

import json
import math
import sys

MAX_INT_DIGITS = sys.get_int_max_str_digits() or 4300
# Deepest nesting of a record read: `json` parses up to about 990 levels, but pickling such a
# record for the import worker, or writing it back out, runs out of recursion on the way.
MAX_DEPTH = 100


class JSONNumberError(ValueError):
    """A number JSON cannot carry (NaN, Infinity, a float overflow) or Python will not read (too many digits)."""


def _reject_constant(name: str):
    raise JSONNumberError(f"{name} is not a JSON number; write a finite number, or null")


def _finite_float(s: str) -> float:
    f = float(s)
    if not math.isfinite(f):
        raise JSONNumberError(f"the number {s[:40]} is too large for a 64-bit float (it would become Infinity); "
                              "write a smaller number, or a string")
    return f


def _bounded_int(s: str) -> int:
    if len(s.lstrip("-")) > MAX_INT_DIGITS:
        raise JSONNumberError(f"an integer of {len(s.lstrip('-')):,} digits is over the {MAX_INT_DIGITS:,}-digit "
                              "limit; write it as a string")
    return int(s)


_DECODER = json.JSONDecoder(parse_constant=_reject_constant, parse_float=_finite_float, parse_int=_bounded_int)


def loads(s: str | bytes | bytearray):
    """Parse one JSON document, refusing NaN, Infinity, float overflow and integers over the digit limit.

    Raises json.JSONDecodeError for broken JSON, JSONNumberError (a ValueError) for those numbers,
    RecursionError for nesting deeper than Python's recursion limit, UnicodeDecodeError for bytes
    that are not UTF-8/16/32.
    """
    if isinstance(s, (bytes, bytearray)):
        s = s.decode(json.detect_encoding(s), "surrogatepass")
    return _DECODER.decode(s)


def too_deep(obj, limit: int = MAX_DEPTH) -> bool:
    """True when lists and objects nest more than `limit` levels deep in `obj` (checked without recursion)."""
    stack = [(obj, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = value.values()
        elif not isinstance(value, list):
            continue
        if depth > limit:
            return True
        stack.extend((v, depth + 1) for v in value if isinstance(v, (dict, list)))
    return False


def dumps(obj, **kwargs) -> str:
    """`json.dumps` with allow_nan=False.

    Raises JSONNumberError (a ValueError) naming the place of a NaN or Infinity in `obj`
    (e.g. `seconds.ali`), and ValueError/TypeError as `json.dumps` does for anything else.
    """
    try:
        return json.dumps(obj, allow_nan=False, **kwargs)
    except ValueError as e:
        where = _non_finite(obj, "")
        if where is None:
            raise
        raise JSONNumberError(f"{where[0] or 'the value'} is {where[1]!r}, which JSON cannot carry") from e


def _non_finite(obj, path: str) -> tuple[str, float] | None:
    """(path, value) of the first NaN or infinite float in `obj`, or None."""
    stack = [(obj, path)]
    while stack:
        value, where = stack.pop()
        if isinstance(value, float) and not math.isfinite(value):
            return where, value
        if isinstance(value, dict):
            stack.extend((v, f"{where}.{k}" if where else str(k)) for k, v in reversed(list(value.items())))
        elif isinstance(value, (list, tuple)):
            stack.extend((v, f"{where}[{i}]") for i, v in reversed(list(enumerate(value))))
    return None


def problem(e: BaseException) -> str:
    """What is wrong with a JSON text, from the exception `loads` (or `json.loads`) raised: the
    message and column ("Invalid control character at column 18"), or "nested too deeply"."""
    if isinstance(e, RecursionError):
        return "nested too deeply"
    if isinstance(e, json.JSONDecodeError):
        # some of json's messages end in "at" ("Invalid control character at"): not "at at column"
        return f"{e.msg.removesuffix(' at')} at column {e.colno}"
    return str(e)

