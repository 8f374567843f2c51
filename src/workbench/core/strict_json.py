"""Strict JSON for documents: no duplicate keys, no huge numbers, no NaN, no control text.

Python's json module keeps the last of two equal keys, turns a 5000-digit number into an
int (or fails deep inside with ValueError) and accepts NaN; a document read with
`loads_strict` refuses each with a sentence. `control_problems` names every place whose
text holds a control character other than tab and newline.
"""

from __future__ import annotations

import json
import re
from typing import Any

MAX_INTEGER_DIGITS = 18  # no count, level or revision needs more; a 5000-digit number is hostile
# Control characters other than tab and newline have no place in a document's text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class StrictJSONError(ValueError):
    """JSON that parses but that no document may hold (a duplicate key, a huge number)."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise StrictJSONError(f"the key {key!r} appears twice in one object")
        out[key] = value
    return out


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        raise StrictJSONError(f"a number of {len(text.lstrip('-'))} digits is far outside any "
                            "value a document holds")
    return int(text)


def _refuse_constant(name: str) -> Any:
    raise StrictJSONError(f"{name} is not a number JSON allows")


def _control_characters(data: Any, where: str, found: list[str]) -> None:
    """Every path whose key or text holds a control character other than tab or newline."""
    if len(found) >= 5:
        return
    if isinstance(data, str):
        bad = _CONTROL.search(data)
        if bad is not None:
            found.append(f"{where or '(document)'}: holds a control character "
                         f"(U+{ord(bad.group()):04X}); only tab and newline are allowed in text")
    elif isinstance(data, dict):
        for key, value in data.items():
            path = f"{where}.{key}" if where else str(key)
            if _CONTROL.search(key):
                found.append(f"{where or '(document)'}: a key holds a control character")
                return
            _control_characters(value, path, found)
    elif isinstance(data, list):
        for n, value in enumerate(data):
            _control_characters(value, f"{where}[{n}]", found)


def control_character(text: str) -> str | None:
    """The first control character (other than tab and newline) in `text`, if any."""
    found = _CONTROL.search(text)
    return found.group() if found else None


def control_problems(data: Any) -> list[str]:
    """Up to five places (JSON paths) whose key or text holds a control character."""
    found: list[str] = []
    _control_characters(data, "", found)
    return found


def loads_strict(text: str | bytes) -> Any:
    """json.loads, refusing duplicate keys, numbers of over 18 digits and NaN/Infinity
    (StrictJSONError); malformed JSON raises json.JSONDecodeError as usual."""
    return json.loads(text, object_pairs_hook=_no_duplicates, parse_int=_bounded_int,
                      parse_constant=_refuse_constant)
