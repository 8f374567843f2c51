"""How a dimension or enabler sheet prints on A4: legible, in pages a client's analyst can read.

All thirteen visible columns on one page width would shrink 10-point text to about
5 points. So the sheet prints in two page widths: the ratings and scores (columns
A to I) first, then the status and the evidence (J to M) with the code column
repeated at their left. One fixed scale, the largest that fits the wider of the
two with room for a font a little wider than Calibri (LibreOffice without Carlito),
keeps the text at 8 points or more; rows break between elements, never inside one
that fits on a page, and the header rows repeat on every page.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.worksheet import Worksheet

from workbench.exports.workbook.layout import (
    FIRST_ROW,
    HEADER_ROW,
    TOTAL_ROW,
    Col,
    SheetLayout,
    column_index,
)

A4_LONG: Final = 841.89  # points
A4_SHORT: Final = 595.28
SIDE_MARGIN: Final = 0.3  # inches
TOP_MARGIN: Final = 0.7
HEAD_MARGIN: Final = 0.3
DEFAULT_ROW: Final = 15.0  # points: a row openpyxl writes without a height
BODY_POINTS: Final = 10.0  # the body text size of the sheets (styles.Styles.body_font)
MIN_PRINTED_POINTS: Final = 8.0
FIRST_PAGE_COLUMNS: Final = "ABCDEFGHI"  # code, text, rating … level
REPEATED_COLUMNS: Final = "A"  # printed left of the evidence columns too
EVIDENCE_COLUMNS: Final = (Col.STATUS, Col.NOTES, Col.STRENGTHS, Col.OPPORTUNITIES)
FONT_SLACK: Final = 1.2  # room for a substitute font wider than Calibri


def column_points(width: float) -> float:
    """The printed width, at 100 %, of a column `width` characters wide (Calibri 11)."""
    return (int(width * 7 + 5)) * 0.75  # 7-pixel digits, 5 pixels of padding, 96 dpi


def printable_width() -> float:
    return A4_LONG - 2 * SIDE_MARGIN * 72


def printable_height() -> float:
    return A4_SHORT - 2 * TOP_MARGIN * 72


def scale_for(widths: dict[str, float]) -> int:
    """The percentage that fits the wider of the two page widths on landscape A4."""
    first = sum(column_points(widths[c]) for c in FIRST_PAGE_COLUMNS)
    second = sum(column_points(widths[c]) for c in (*REPEATED_COLUMNS, *EVIDENCE_COLUMNS))
    return min(100, int(100 * printable_width() / (FONT_SLACK * max(first, second))))


def row_height(ws: Worksheet, row: int) -> float:
    height = ws.row_dimensions[row].height
    return float(height) if height else DEFAULT_ROW


def page_breaks(groups: Iterable[tuple[int, float]], first_page: float,
                page: float) -> list[int]:
    """The rows after which a page ends, given (first row, height) of each element.

    An element goes to a new page when it does not fit on the rest of this one; one taller
    than a page starts a page and runs on (its rows then break where the page is full).
    """
    breaks: list[int] = []
    room, used = first_page, 0.0
    for first_row, height in groups:
        if used and used + height > room:
            breaks.append(first_row - 1)
            room, used = page, 0.0
        used += height
        while used > room:  # an element taller than a page runs over
            used -= room
            room = page
    return breaks


def paginate(ws: Worksheet, sheet: SheetLayout) -> None:
    """Print areas, scale, repeated rows and columns, and page breaks of a rated sheet."""
    widths = {c: float(ws.column_dimensions[c].width or 8.43)
              for c in (*FIRST_PAGE_COLUMNS, *EVIDENCE_COLUMNS)}
    scale = scale_for(widths)
    ws.sheet_properties.pageSetUpPr.fitToPage = False
    ws.page_setup.scale = scale
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_margins.left = ws.page_margins.right = SIDE_MARGIN
    ws.page_margins.top = ws.page_margins.bottom = TOP_MARGIN
    ws.page_margins.header = ws.page_margins.footer = HEAD_MARGIN
    ws.print_options.horizontalCentered = False
    ws.page_setup.pageOrder = "overThenDown"  # a page's evidence follows its ratings
    ws.print_title_rows = f"{HEADER_ROW}:{TOTAL_ROW}"
    ws.print_title_cols = f"{REPEATED_COLUMNS[0]}:{REPEATED_COLUMNS[-1]}"
    ws.print_area = f"A1:{Col.OPPORTUNITIES}{sheet.last_row}"
    ws.col_breaks.append(Break(id=column_index(FIRST_PAGE_COLUMNS[-1])))
    page = printable_height() * 100 / scale
    repeated = sum(row_height(ws, r) for r in range(HEADER_ROW, TOTAL_ROW + 1))
    above = sum(row_height(ws, r) for r in range(1, FIRST_ROW))
    groups = [(specs[0].row, sum(row_height(ws, s.row) for s in specs))
              for specs in sheet.owners.values()]
    for row in page_breaks(groups, page - above, page - repeated):
        ws.row_breaks.append(Break(id=row))


def printed_points(ws: Worksheet, size: float = BODY_POINTS) -> float:
    """The printed size of `size`-point text at the sheet's scale."""
    return size * (ws.page_setup.scale or 100) / 100

