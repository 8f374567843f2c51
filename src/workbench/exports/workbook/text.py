"""User text in workbook cells: what a cell can hold, and how lists fit in one cell.

The writer puts text through `cell_text`; an import compares the stored value
passed through the same function with what it reads, so a note that had to be
shortened or cleaned for the spreadsheet is not mistaken for an edit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Final

from openpyxl.cell.cell import Cell

MAX_CELL_TEXT: Final = 32_767  # Excel's limit for one cell
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
BULLET: Final = "• "


def cell_text(text: str | None) -> str:
    """Text as a cell keeps it: control characters dropped, CR LF as LF, Excel's limit."""
    if not text:
        return ""
    cleaned = _ILLEGAL.sub("", text.replace("\r\n", "\n"))
    if len(cleaned) > MAX_CELL_TEXT:
        cleaned = cleaned[:MAX_CELL_TEXT - 1] + "…"
    return cleaned


def put_text(cell: Cell, text: str | None) -> None:
    """Write user text as text, never as a formula, and keep it text when edited in Excel."""
    value = cell_text(text)
    if not value:
        return
    cell.value = value
    cell.data_type = "s"  # openpyxl would otherwise take "=…" for a formula
    if value.startswith(FORMULA_TRIGGERS):
        cell.quotePrefix = True


def join_items(items: Iterable[str]) -> str:
    """A list (strengths, opportunities) as one cell: one item per line."""
    return "\n".join(" ".join(item.split("\n")).strip() for item in items if item.strip())


def split_items(text: str | None) -> list[str]:
    """The items of a one-item-per-line cell; bullets and blank lines dropped."""
    items = []
    for line in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if line.startswith(BULLET.strip()):
            line = line[1:].strip()
        if line:
            items.append(line)
    return items


def same_items(stored: Sequence[str], read: Sequence[str]) -> bool:
    """Whether a list read back equals what was stored, as far as a cell can show it."""
    return split_items(cell_text(join_items(stored))) == list(read)


def same_text(stored: str | None, read: str | None) -> bool:
    """Whether text read back equals stored text, as far as a cell can show it."""
    return cell_text(stored).rstrip() == cell_text(read).rstrip()
