"""Writing a framework as an authoring workbook that a consultant edits in Excel.

The workbook holds an Instructions sheet, the framework's own fields, and one sheet per
part of the definition (see framework_sheets). Values that must come from a list (an
element's dimension, a dimension's category, an indicator's element) have dropdowns,
and numbers are checked as they are typed. `framework import` reads it back.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from workbench.core.files import write_atomically
from workbench.core.framework import Framework
from workbench.exports.framework_sheets import (
    BANDS,
    CATEGORIES,
    DIMENSIONS,
    ELEMENTS,
    ENABLER_INDICATORS,
    ENABLERS,
    FRAMEWORK,
    FRAMEWORK_FIELDS,
    INDICATORS,
    INSTRUCTIONS,
    MAX_ROWS,
    OBJECTIVE_LEVELS,
    SCALE,
    SHEETS,
    Kind,
    SheetSpec,
)

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
WRAP = Alignment(wrap_text=True, vertical="top")
TOP = Alignment(vertical="top")

INSTRUCTION_TEXT = (
    "How to author a framework in this workbook",
    "",
    "Each sheet holds one part of the definition, one item per row. Keep the column "
    "headings in the first row as they are; you may add notes in columns to the right.",
    "Change the version on the Framework sheet whenever you change a definition that is "
    "already installed: each installed version stays as it is, so engagements that use it "
    "keep scoring the same way.",
    "Codes: an element's code is its dimension's code, a dot and a number (D1.2); an "
    "indicator's code is its element's code, a dot and a number (D1.2.3).",
    "Points: the points of the elements in a dimension add up to the dimension's points, "
    "and the dimensions of a category add up to the category's points.",
    "Fractions are between 0 and 1; the two weights on the Framework sheet add up to 1.",
    "Columns with a dropdown take a value defined on another sheet: add the category, "
    "dimension, element or enabler there first.",
    "Import the workbook with `workbench framework import FILE.xlsx` or Settings > "
    "Frameworks > Import. Every problem is reported with its sheet and cell.",
    "",
    "Sheets",
)


def _header(ws: Worksheet, spec: SheetSpec) -> None:
    for n, column in enumerate(spec.columns, start=1):
        cell = ws.cell(row=1, column=n, value=column.name)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        letter = cell.column_letter
        ws.column_dimensions[letter].width = column.width
    ws.freeze_panes = "A2"


def _lines(text: str, width: int) -> int:
    """About how many lines `text` wraps to in a column `width` characters wide."""
    return max(1, math.ceil(len(text) / max(1, width - 2)))


def _rows(ws: Worksheet, rows: Sequence[Sequence[Any]], spec: SheetSpec) -> None:
    for r, values in enumerate(rows, start=2):
        # Spreadsheet programs do not always grow a row for wrapped text: set its height.
        lines = max((_lines(v, spec.columns[c].width) for c, v in enumerate(values)
                     if isinstance(v, str) and c < len(spec.columns)), default=1)
        ws.row_dimensions[r].height = 15 * lines
        for c, value in enumerate(values, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.alignment = WRAP if isinstance(value, str) and len(value) > 30 else TOP
            if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
                cell.data_type = "s"  # text from the definition is never a formula


def _list_from(ws: Worksheet, spec: SheetSpec, column: str, source: SheetSpec,
               source_column: str) -> None:
    letter = spec.letter(column)
    src = source.letter(source_column)
    dv = DataValidation(type="list", formula1=f"='{source.name}'!${src}$2:${src}${MAX_ROWS}",
                        allow_blank=True, showErrorMessage=True,
                        errorTitle=f"Not on the {source.name} sheet",
                        error=f"Choose one of the {source_column}s on the {source.name} "
                              "sheet, or add it there first.")
    dv.add(f"{letter}2:{letter}{MAX_ROWS}")
    ws.add_data_validation(dv)


def _number_checks(ws: Worksheet, spec: SheetSpec) -> None:
    for column in spec.columns:
        letter = spec.letter(column.name)
        if column.kind in (Kind.NUMBER, Kind.OPTIONAL_NUMBER):
            bounds = ("0", "1") if column.name == "fraction" else ("0", "100000")
            if column.name == "min_percent":
                bounds = ("0", "100")
            dv = DataValidation(type="decimal", operator="between", formula1=bounds[0],
                                formula2=bounds[1], allow_blank=True, showErrorMessage=True,
                                errorTitle="A number is expected",
                                error=f"Enter a number from {bounds[0]} to {bounds[1]}.")
        elif column.kind is Kind.WHOLE:
            dv = DataValidation(type="whole", operator="between", formula1="0",
                                formula2="1000", allow_blank=True, showErrorMessage=True,
                                errorTitle="A whole number is expected",
                                error="Enter a whole number.")
        else:
            continue
        dv.add(f"{letter}2:{letter}{MAX_ROWS}")
        ws.add_data_validation(dv)


def _framework_sheet(wb: Workbook, f: Framework) -> None:
    ws = wb.create_sheet(FRAMEWORK)
    values = {"id": f.id, "version": f.version, "name": f.name,
              "description": f.description, "total_points": f.total_points,
              "weight_indicators": f.weights.indicators,
              "weight_objective": f.weights.objective}
    for n, title in enumerate(("field", "value", "what it is"), start=1):
        cell = ws.cell(row=1, column=n, value=title)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    for r, column in enumerate(FRAMEWORK_FIELDS, start=2):
        ws.cell(row=r, column=1, value=column.name).font = Font(bold=True)
        cell = ws.cell(row=r, column=2, value=values[column.name])
        cell.alignment = WRAP
        if isinstance(values[column.name], str):
            cell.data_type = "s"
        ws.cell(row=r, column=3, value=column.help).alignment = WRAP
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 60
    ws.column_dimensions["C"].width = 50
    ws.freeze_panes = "A2"


def _instructions(wb: Workbook) -> None:
    ws = wb.active
    assert ws is not None
    ws.title = INSTRUCTIONS
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    r = 1
    for n, line in enumerate(INSTRUCTION_TEXT):
        cell = ws.cell(row=r, column=1, value=line)
        if n in (0, len(INSTRUCTION_TEXT) - 1):
            cell.font = Font(bold=True, size=14 if n == 0 else 11)
        else:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
            cell.alignment = WRAP
            ws.row_dimensions[r].height = 15 * _lines(line, 124)
        r += 1
    for spec in (SheetSpec(FRAMEWORK, FRAMEWORK_FIELDS, "The framework's own fields."),
                 *SHEETS):
        label = ws.cell(row=r, column=1, value=spec.name)
        label.font, label.alignment = Font(bold=True), TOP
        text = (spec.purpose + " Columns: "
                + "; ".join(f"{c.name} ({c.help.rstrip('.')})" for c in spec.columns) + ".")
        ws.cell(row=r, column=2, value=text).alignment = WRAP
        ws.row_dimensions[r].height = 15 * _lines(text, 100)
        r += 1


def framework_workbook_bytes(f: Framework) -> bytes:
    """The authoring workbook of `f` as .xlsx bytes."""
    wb = Workbook()
    _instructions(wb)
    _framework_sheet(wb, f)
    rows: dict[str, list[tuple[Any, ...]]] = {
        SCALE.name: [(s.value, s.label, s.meaning, s.fraction) for s in f.scale],
        OBJECTIVE_LEVELS.name: [(o.key, o.label, o.fraction) for o in f.objective_levels],
        BANDS.name: [(b.level, b.label, b.min_percent) for b in f.bands],
        CATEGORIES.name: [(c.id, c.name, c.points, c.description) for c in f.categories],
        DIMENSIONS.name: [(d.code, d.name, d.category, d.points, d.question, d.summary)
                          for d in f.dimensions],
        ELEMENTS.name: [(e.dimension, e.code, e.title, e.points, e.objective)
                        for e in f.elements()],
        INDICATORS.name: [(e.code, i.code, i.text) for e in f.elements()
                          for i in e.indicators],
        ENABLERS.name: [(n.code, n.name, n.summary) for n in f.enablers],
        ENABLER_INDICATORS.name: [(n.code, i.code, i.text) for n in f.enablers
                                  for i in n.indicators],
    }
    sheets: dict[str, Worksheet] = {}
    for spec in SHEETS:
        ws = wb.create_sheet(spec.name)
        sheets[spec.name] = ws
        _header(ws, spec)
        _rows(ws, rows[spec.name], spec)
        _number_checks(ws, spec)
    _list_from(sheets[DIMENSIONS.name], DIMENSIONS, "category", CATEGORIES, "id")
    _list_from(sheets[ELEMENTS.name], ELEMENTS, "dimension", DIMENSIONS, "code")
    _list_from(sheets[INDICATORS.name], INDICATORS, "element", ELEMENTS, "code")
    _list_from(sheets[ENABLER_INDICATORS.name], ENABLER_INDICATORS, "enabler", ENABLERS, "code")
    for ws in wb.worksheets:  # printed, every sheet is one page wide
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.page_setup.orientation = "landscape"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_framework_workbook(f: Framework, path: Path) -> Path:
    """Write the authoring workbook of `f` to `path` (whole, or not at all)."""
    return write_atomically(Path(path), framework_workbook_bytes(f))
