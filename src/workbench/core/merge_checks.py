"""Checking cells that come from a package before any of them is written.

A package is input from elsewhere: every cell key and value must have the shape this
release writes, name codes of the engagement's framework and hold values it allows.
"""

from __future__ import annotations

import json
import re
from typing import Any

from workbench.core.framework import Framework
from workbench.core.merge import Cell, MergeLine, decode_key

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_UUID = re.compile(r"^[0-9A-Za-z-]{1,64}$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
MAX_NAME = 200


def _text(v: Any, limit: int = 1_000_000) -> bool:
    return isinstance(v, str) and len(v) <= limit


def _opt_text(v: Any) -> bool:
    return v is None or _text(v, 200)


def _int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and -10**9 < v < 10**9


def _a(kind: Any) -> str:
    """The kind of cell with its article: "an interview", "a finding"."""
    text = str(kind)[:40].replace("_", " ")
    return f"{'an' if text[:1] in ('a', 'e', 'i', 'o', 'u') else 'a'} {text}"


def _date(v: Any) -> bool:
    return v is None or (isinstance(v, str) and bool(_DATE.match(v)))


def _codes(v: Any, codes: set[str]) -> bool:
    return isinstance(v, list) and len(v) <= 100 and all(c in codes for c in v)


def _people(v: Any) -> bool:
    return isinstance(v, list) and 1 <= len(v) <= 30 and all(
        isinstance(p, list) and len(p) == 2 and _text(p[0], MAX_NAME) and bool(p[0].strip())
        and _text(p[1], MAX_NAME) for p in v)


def _log_checks(rest: list[Any], v: list[Any], codes: set[str]) -> dict[str, tuple[bool, bool]]:
    """The site-visit log's cells: ["interview", uuid] and ["document", uuid]."""
    key_ok = len(rest) == 1 and isinstance(rest[0], str) and bool(_UUID.match(rest[0]))
    return {
        "interview": (key_ok, len(v) == 5 and _date(v[0]) and _people(v[1])
                      and _text(v[2], 5_000) and bool(v[2].strip()) and _codes(v[3], codes)
                      and _int(v[4])),
        "document": (key_ok, len(v) == 7 and _text(v[0], 500) and bool(v[0].strip())
                     and _text(v[1], MAX_NAME) and _text(v[2], 100) and _codes(v[3], codes)
                     and (v[4] is None or v[4] in codes)
                     and (v[5] is None or (isinstance(v[5], str) and bool(_HEX64.match(v[5]))))
                     and _int(v[6])),
    }


def problem(key: str, cell: Cell, fw: Framework) -> str | None:
    """What is wrong with one incoming cell, or None when it can be written."""
    try:
        parts = decode_key(key)
        value = json.loads(cell.value) if cell.value is not None else None
    except (ValueError, TypeError, RecursionError):
        return "a cell key or value is not valid JSON"
    if not _text(cell.stamp, 40):
        return "a change time is not a time"
    kind, rest = parts[0], parts[1:]
    levels, objectives = set(fw.scale_fraction), set(fw.objective_fraction)
    codes = set(fw.element_by_code) | set(fw.enabler_by_code)
    if value is not None and not isinstance(value, list):
        return f"{_a(kind)} value is not a list"
    v = value or []
    try:
        return _verdict(kind, rest, value, v, fw, levels, objectives, codes)
    except TypeError:  # a list where a code belongs, and the like
        return f"{_a(kind)} value is out of range"


_LOG_KINDS = ("interview", "document")


def _verdict(kind: str, rest: list[Any], value: Any, v: list[Any], fw: Framework,
             levels: set[int], objectives: set[str], codes: set[str]) -> str | None:
    checks: dict[str, tuple[bool, bool]] = {
        "assessor": (len(rest) == 1 and _text(rest[0], MAX_NAME) and bool(rest[0].strip()),
                     len(v) == 3 and _text(v[0], MAX_NAME) and _text(v[1], 20) and _int(v[2])),
        "details": (rest == [], len(v) == 7 and all(_text(x, MAX_NAME) for x in v[:4])
                    and all(_opt_text(x) for x in v[4:6]) and _text(v[6], MAX_NAME)),
        "indicator": (len(rest) == 3 and _text(rest[0], MAX_NAME)
                      and rest[1] in fw.indicator_owner and rest[2] in ("value", "note"),
                      (len(v) == 2 and (v[0] is None or v[0] in levels) and v[1] in (0, 1))
                      if rest[2:] == ["value"] else (len(v) == 1 and _text(v[0]))),
        "element": (len(rest) == 3 and _text(rest[0], MAX_NAME) and rest[1] in codes
                    and rest[2] in ("objective", "notes"),
                    (len(v) == 1 and v[0] in objectives) if rest[2:] == ["objective"]
                    else (len(v) == 1 and _text(v[0]))),
        "consensus_indicator": (len(rest) == 1 and rest[0] in fw.indicator_owner,
                                len(v) == 3 and (v[0] is None or v[0] in levels)
                                and v[1] in (0, 1) and _text(v[2])),
        "consensus_element": (len(rest) == 1 and rest[0] in codes,
                              len(v) == 2 and v[0] in objectives and _text(v[1])),
        "target": (len(rest) == 1 and rest[0] in codes, len(v) == 1 and v[0] in levels),
        "finding": (len(rest) == 1 and isinstance(rest[0], str) and bool(_UUID.match(rest[0])),
                    len(v) == 5 and _text(v[0], MAX_NAME) and v[1] in codes
                    and v[2] in ("strength", "opportunity") and _text(v[3]) and _int(v[4])),
        "action": (len(rest) == 1 and isinstance(rest[0], str) and bool(_UUID.match(rest[0])),
                   len(v) == 7 and v[0] in codes and _text(v[1]) and _text(v[2], MAX_NAME)
                   and v[3] in ("high", "medium", "low") and _opt_text(v[4])
                   and v[5] in ("open", "in_progress", "done") and _int(v[6])),
        "attachment": (len(rest) == 2 and rest[0] in codes and isinstance(rest[1], str)
                       and bool(_HEX64.match(rest[1])),
                       len(v) == 8 and _opt_text(v[0]) and _text(v[1], 1000) and _text(v[2])
                       and _text(v[3], 200) and _int(v[4]) and all(
                           x is None or _int(x) for x in v[5:7]) and v[7] in (0, 1)),
    } if kind not in _LOG_KINDS else _log_checks(rest, v, codes)
    if kind not in checks:
        return f"an unknown kind of cell {kind[:40]!r}"
    key_ok, value_ok = checks[kind]
    if not key_ok:
        return f"{_a(kind)} cell names something this engagement's framework does not have"
    if value is not None and not value_ok:
        return f"{_a(kind)} value is out of range"
    return None


_FIELDS = {"finding": ("assessor", "element", "kind", "text", "position"),
           "action": ("element", "action", "owner", "priority", "due", "status", "position"),
           "attachment": ("assessor", "file", "caption", "type", "size", "width", "height",
                          "in report"),
           "assessor": ("role", "initials", "position"),
           "interview": ("date", "people", "topics", "elements", "position"),
           "document": ("title", "owner", "version", "elements", "attachment element",
                        "attachment", "position"),
           "details": ("client", "site", "title", "lead", "start", "end", "brand")}


def _plain(kind: str, field: str, value: str | None) -> Any:
    if value is None:
        return None
    v = json.loads(value)
    if kind in ("indicator", "consensus_indicator") and field == "value":
        return "na" if v[1] else v[0]
    if kind == "consensus_element":
        return v[0]
    if kind in _FIELDS:
        return dict(zip(_FIELDS[kind], v, strict=False))
    return v[0] if len(v) == 1 else v


def describe(key: str, old: Cell | None, new: Cell, applied: bool) -> MergeLine:
    """A line a person can read for one cell the merge changes (or keeps, on a conflict)."""
    parts = decode_key(key)
    kind, rest = parts[0], parts[1:]
    assessor, element, field = "", "", "value"
    if kind in ("indicator", "element"):
        assessor, element, field = rest[0], rest[1], rest[2]
    elif kind in ("consensus_indicator", "consensus_element", "target"):
        element = rest[0]
    elif kind == "attachment":
        element, field = rest[0], rest[1][:12]
    elif kind == "assessor":
        assessor, field = rest[0], "details"
    elif kind in ("finding", "action"):
        field = rest[0][:8]
        for cell in (new, old):
            if cell is not None and cell.value is not None:
                v = json.loads(cell.value)
                element = v[1] if kind == "finding" else v[0]
                assessor = v[0] if kind == "finding" else ""
                break
    elif kind in ("interview", "document"):
        field = rest[0][:8]
        for cell in (new, old):
            if cell is not None and cell.value is not None:
                linked = json.loads(cell.value)[3]
                element = linked[0] if linked else ""
                break
    old_value = old.value if old is not None else None
    conflict = old_value is not None and new.value is not None and old_value != new.value
    return MergeLine(kind, assessor, element, field,
                     _plain(kind, field, old_value), _plain(kind, field, new.value),
                     old.stamp if old else "", new.stamp, conflict, applied)
