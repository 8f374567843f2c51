"""The Improvement plan sheet: the engagement's actions as inputs, and empty rows for new ones.

Each action's row carries its id in a hidden column, so an import updates that action;
clearing an action's text removes it; an empty row filled in becomes a new action.
"""

from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation

from workbench.core import labels
from workbench.exports.workbook.layout import (
    PLAN,
    PLAN_BLANK_ROWS,
    PLAN_FIRST_ROW,
    PLAN_HEADER_ROW,
    PlanCol,
)
from workbench.exports.workbook.rated_sheet import input_message
from workbench.exports.workbook.sheet_writer import LINE_HEIGHT, MAX_ROW_HEIGHT, SheetWriter, lines

HEADERS = ((PlanCol.ELEMENT, "Element", 10), (PlanCol.TITLE, "Element title", 36),
           (PlanCol.ACTION, "Action", 60), (PlanCol.OWNER, "Owner", 22),
           (PlanCol.PRIORITY, "Priority", 11), (PlanCol.DUE, "Due (YYYY-MM-DD)", 17),
           (PlanCol.STATUS, "Status", 12), (PlanCol.ID, "Id", 6))
INPUTS = (PlanCol.ACTION, PlanCol.OWNER, PlanCol.PRIORITY, PlanCol.DUE, PlanCol.STATUS)


def _choices(values: dict[str, str]) -> str:
    return '"' + ",".join(values.values()) + '"'


class PlanSheet(SheetWriter):
    """Writes the improvement plan with its actions as inputs."""

    def write(self) -> None:
        st = self.st
        ws = self.wb.create_sheet(PLAN)
        self._text(ws, "A1", "Improvement plan", font=st.title_font, align=st.top)
        self._text(ws, "A2", "Actions agreed with the client. Yellow cells are inputs: edit an "
                   "action, clear its text to remove it, or fill in an empty row to add one; "
                   "then import the workbook.", font=st.subtitle_font, align=st.top)
        for col, label, width in HEADERS:
            self._cell(ws, f"{col}{PLAN_HEADER_ROW}", label, font=st.header_font,
                       fill=st.header_fill, align=st.header_align)
            ws.column_dimensions[col].width = width
        ws.column_dimensions[PlanCol.ID].hidden = True
        ws.row_dimensions[PLAN_HEADER_ROW].height = 30
        ws.row_dimensions[1].height = 24
        priority = DataValidation(
            type="list", formula1=_choices(labels.PRIORITY), allow_blank=True,
            showErrorMessage=True, errorTitle="Not a priority", error="Choose High, Medium "
            "or Low.", **input_message("Priority", "How urgent the action is: High, Medium "
                                       "or Low."))
        status = DataValidation(
            type="list", formula1=_choices(labels.ACTION_STATUS), allow_blank=True,
            showErrorMessage=True, errorTitle="Not a status", error="Choose Open, In progress "
            "or Done.", **input_message("Status", "Where the action stands: Open, In "
                                        "progress or Done."))
        element = DataValidation(
            type="textLength", operator="lessThanOrEqual", formula1="40", allow_blank=True,
            **input_message("Element", "For a new action: the code of its element or "
                            "enabler, as on the dimension sheets (for example D1.2)."))
        for dv in (priority, status, element):
            ws.add_data_validation(dv)
        order = {c: n for n, c in enumerate([*self.fw.element_by_code,
                                              *self.fw.enabler_by_code])}
        actions = sorted(self.doc.actions, key=lambda a: (order.get(a.element, 10**6),
                                                          a.id or 0))
        row = PLAN_FIRST_ROW
        for a in actions:
            self._text(ws, f"{PlanCol.ELEMENT}{row}", a.element, align=st.top)
            self._text(ws, f"{PlanCol.TITLE}{row}", self._title_of(a.element))
            self._text(ws, f"{PlanCol.ACTION}{row}", a.action)
            self._text(ws, f"{PlanCol.OWNER}{row}", a.owner)
            self._text(ws, f"{PlanCol.PRIORITY}{row}", labels.label(labels.PRIORITY, a.priority))
            self._text(ws, f"{PlanCol.DUE}{row}", a.due_date or "")
            self._text(ws, f"{PlanCol.STATUS}{row}",
                       labels.label(labels.ACTION_STATUS, a.status))
            ws[f"{PlanCol.ID}{row}"] = a.id
            needed = max(lines(a.action, 60), lines(self._title_of(a.element), 36))
            if needed > 1:
                ws.row_dimensions[row].height = min(MAX_ROW_HEIGHT, needed * LINE_HEIGHT + 3)
            row += 1
        last = row + PLAN_BLANK_ROWS - 1
        for r in range(PLAN_FIRST_ROW, last + 1):
            for col in INPUTS:
                self._input(ws, f"{col}{r}", st.wrap)
            priority.add(f"{PlanCol.PRIORITY}{r}")
            status.add(f"{PlanCol.STATUS}{r}")
        for r in range(row, last + 1):
            self._input(ws, f"{PlanCol.ELEMENT}{r}", st.top)
            element.add(f"{PlanCol.ELEMENT}{r}")
        ws.freeze_panes = f"A{PLAN_FIRST_ROW}"
        ws.sheet_view.showGridLines = False
        ws.print_title_rows = f"{PLAN_HEADER_ROW}:{PLAN_HEADER_ROW}"
        ws.print_area = f"A1:{PlanCol.STATUS}{last}"
        self._print_setup(ws)
        self._protect(ws)

