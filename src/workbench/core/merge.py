"""Merging copies of one engagement: a last-writer-wins map of cells.

A copy of an engagement is a map from cell keys (one assessor's indicator value, a
consensus value, a finding, ...) to `Cell(stamp, value)`: the UTC time the cell last
changed and its value as canonical JSON text, or None once cleared (a tombstone). Merging
keeps, per key, the cell with the later stamp; equal stamps are broken by the value
(None lowest, then the JSON text), so the merge is commutative, associative and
idempotent: every laptop that has seen the same edits holds the same engagement.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, order=True)
class Cell:
    """One merge cell: when it last changed (UTC ISO 8601, "" if unknown) and its value."""

    stamp: str
    value: str | None

    def rank(self) -> tuple[str, int, str]:
        return (self.stamp, 0 if self.value is None else 1, self.value or "")


Cells = Mapping[str, Cell]


def winner(a: Cell | None, b: Cell | None) -> Cell | None:
    """The cell that survives a merge of `a` and `b` (either may be missing)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if a.rank() >= b.rank() else b


def merge(local: Cells, incoming: Cells) -> dict[str, Cell]:
    """The cells of `incoming` that win over `local` (what applying the merge writes)."""
    out: dict[str, Cell] = {}
    for key, theirs in incoming.items():
        mine = local.get(key)
        if mine is None:
            if theirs.value is not None or theirs.stamp:
                out[key] = theirs
        elif theirs.rank() > mine.rank():
            out[key] = theirs
    return out


def merged(a: Cells, b: Cells) -> dict[str, Cell]:
    """The whole merged map of two copies."""
    out = {k: c for k, c in a.items() if c.stamp or c.value is not None}
    out.update(merge(a, b))
    return out  # a cell with neither time nor value is the same as no cell


def visible(cells: Cells) -> dict[str, str]:
    """Key -> value of the cells that hold a value (what the user sees)."""
    return {k: c.value for k, c in cells.items() if c.value is not None}


def decode_key(key: str) -> list[Any]:
    parsed = json.loads(key)
    if not isinstance(parsed, list) or not parsed or not isinstance(parsed[0], str):
        raise ValueError(f"not a merge cell key: {key[:80]!r}")
    return parsed


def encode_value(value: list[Any] | None) -> str | None:
    """The canonical JSON text of a cell value (compact, as SQLite's json_array writes it)."""
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class MergeLine:
    """One cell that a merge changes, or a conflict it settles, for a person to read."""

    kind: str  # indicator, element, consensus_indicator, ..., action, attachment, interview
    assessor: str  # "" when the cell belongs to the engagement, not to one assessor
    element: str  # element or indicator code, or "" (details, assessors)
    field: str  # value, note, objective, notes, text, ...
    old: Any
    new: Any
    old_stamp: str
    new_stamp: str
    conflict: bool  # both copies hold a different value
    applied: bool  # the package's value wins (False: this copy's later edit is kept)

    def text(self) -> str:
        who = f"{self.assessor} · " if self.assessor else ""
        where = f"{self.element} " if self.element else ""
        label = f"{who}{where}{self.kind.replace('_', ' ')} {self.field}".strip()
        if not self.applied:
            return (f"{label}: yours {_show(self.old)} ({self.old_stamp or '?'}) is kept over "
                    f"theirs {_show(self.new)} ({self.new_stamp or '?'}), the later edit wins")
        line = f"{label}: {_show(self.old)} → {_show(self.new)}"
        if self.conflict:
            line += (f"  [conflict: edited on both laptops; theirs ({self.new_stamp or '?'}) is "
                     f"later than yours ({self.old_stamp or '?'})]")
        return line

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "assessor": self.assessor, "element": self.element,
                "field": self.field, "old": self.old, "new": self.new,
                "old_time": self.old_stamp or None, "new_time": self.new_stamp or None,
                "conflict": self.conflict, "applied": self.applied}


def _show(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        if "text" in value:
            return f"{value.get('kind', '')} {_show(value['text'])}".strip()
        if "action" in value:
            return f"{_show(value['action'])} ({value.get('status', '')})"
        if "file" in value:
            return f"{value['file']} {_show(value.get('caption') or '')}"
        if "topics" in value:
            return f"{value.get('date') or 'undated'} {_show(value['topics'])}"
        if "title" in value and "owner" in value:
            return f"{_show(value['title'])} {value.get('version') or ''}".strip()
        return ", ".join(f"{k} {v}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    return str(value)
