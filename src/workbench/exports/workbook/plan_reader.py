"""Reading the Improvement plan sheet back: each action row as it is now, with its cells.

A row with an id is an exported action (an empty action text asks to remove it); a row
without one that holds anything is a new action. Every value is checked here, so a problem
names its cell; the services check the limits and the element again when writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workbench.core import labels
from workbench.core.engagement import Action, ActionStatus, Priority
from workbench.core.framework import Framework
from workbench.exports.workbook.cells import CellReader
from workbench.exports.workbook.layout import (
    PLAN,
    PLAN_FIRST_ROW,
    PLAN_MAX_ROWS,
    PlanCol,
    column_index,
)

EXCEL_EPOCH = dt.date(1899, 12, 30)
_COLUMNS = column_index(PlanCol.ID)


@dataclass(frozen=True)
class PlanRow:
    """One row of the plan as read: the action it describes (None: remove `action_id`)."""

    row: int
    action_id: int | None
    action: Action | None

    @property
    def cell(self) -> str:
        return f"{PlanCol.ACTION}{self.row}"


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _choice(value: Any, choices: dict[str, str]) -> str | None:
    text = _text(value).casefold()
    for key, label in choices.items():
        if text in (key.casefold(), label.casefold()):
            return key
    return None


def _date(value: Any) -> str | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value < 2958466:
        return (EXCEL_EPOCH + dt.timedelta(days=int(value))).isoformat()
    text = _text(value)
    try:
        return dt.date.fromisoformat(text[:10] if len(text) >= 10 and "T" in text
                                     else text).isoformat()
    except ValueError:
        return None


def read_plan(cells: CellReader, framework: Framework,
              problem: Callable[[str, str, str], None]) -> list[PlanRow]:
    """The action rows of the plan sheet; `problem(sheet, cell, message)` for each bad value."""
    if PLAN not in cells.sheets:
        problem(PLAN, "", "the sheet is missing (deleted or renamed)")
        return []
    declared = cells.declared_rows(PLAN)
    if declared is not None and declared > PLAN_MAX_ROWS:
        problem(PLAN, "", f"the sheet has {declared:,} rows; at most {PLAN_MAX_ROWS:,} are read")
        return []
    out: list[PlanRow] = []
    seen: set[int] = set()
    c = {name: column_index(getattr(PlanCol, name)) - 1 for name in dir(PlanCol)
         if name.isupper()}
    for n, row in cells.rows(PLAN, PLAN_FIRST_ROW, PLAN_MAX_ROWS, _COLUMNS):
        values = {name: row[i] for name, i in c.items()}
        if all(_text(v) == "" for k, v in values.items() if k != "TITLE"):
            continue
        raw_id = values["ID"]
        action_id: int | None = None
        if _text(raw_id):
            if not isinstance(raw_id, (int, float)) or isinstance(raw_id, bool) or \
                    not float(raw_id).is_integer() or raw_id in seen:
                problem(PLAN, f"{PlanCol.ID}{n}", "the hidden action id is damaged or repeated: "
                        "rows were copied; export a fresh workbook")
                continue
            action_id = int(raw_id)
            seen.add(action_id)
        text = _text(values["ACTION"])
        if not text:
            if action_id is not None:
                out.append(PlanRow(n, action_id, None))
            else:
                problem(PLAN, f"{PlanCol.ACTION}{n}", "a new action needs its text")
            continue
        element = _text(values["ELEMENT"])
        if element not in framework.element_by_code and element not in framework.enabler_by_code:
            problem(PLAN, f"{PlanCol.ELEMENT}{n}", f"{element or 'an empty cell'!r} is not the "
                    "code of an element or enabler")
            continue
        priority = _choice(values["PRIORITY"], labels.PRIORITY) if _text(values["PRIORITY"]) \
            else Priority.MEDIUM
        if priority is None:
            problem(PLAN, f"{PlanCol.PRIORITY}{n}", f"{_text(values['PRIORITY'])!r} is not a "
                    "priority (High, Medium, Low)")
            continue
        status = _choice(values["STATUS"], labels.ACTION_STATUS) if _text(values["STATUS"]) \
            else ActionStatus.OPEN
        if status is None:
            problem(PLAN, f"{PlanCol.STATUS}{n}", f"{_text(values['STATUS'])!r} is not a "
                    "status (Open, In progress, Done)")
            continue
        due = _date(values["DUE"]) if _text(values["DUE"]) else None
        if _text(values["DUE"]) and due is None:
            problem(PLAN, f"{PlanCol.DUE}{n}", f"{_text(values['DUE'])!r} is not a date "
                    "(YYYY-MM-DD)")
            continue
        out.append(PlanRow(n, action_id, Action(element, text, _text(values["OWNER"]),
                                                Priority(priority), due,
                                                ActionStatus(status), action_id)))
    return out
