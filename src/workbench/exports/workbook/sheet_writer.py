"""What every sheet writer shares: the request, the styles, and cells written through one cache."""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet

from workbench.core.engagement import EngagementDocument
from workbench.core.framework import Framework
from workbench.exports.report.model import ChangeInput
from workbench.exports.workbook.inputs import WorkbookInputs
from workbench.exports.workbook.layout import WorkbookLayout, layout_for
from workbench.exports.workbook.styles import Styles
from workbench.exports.workbook.text import put_text

LINE_HEIGHT = 13.0  # points per line of 10-point text
MAX_ROW_HEIGHT = 409.0  # points: the tallest row a spreadsheet allows


@dataclass(frozen=True)
class WorkbookRequest:
    """Everything the writer needs; the service gathers it from the database."""

    document: EngagementDocument
    framework: Framework
    inputs: WorkbookInputs
    primary: str  # brand colours, #RRGGBB
    accent: str
    app_version: str
    exported_at: str = ""
    change: ChangeInput | None = None  # the change since the baseline: a Change sheet


class Book:
    """One workbook being written: the request, its layout and styles, and a style cache."""

    def __init__(self, request: WorkbookRequest, styles: Styles) -> None:
        self.request = request
        self.layout: WorkbookLayout = layout_for(request.framework)
        self.styles = styles
        self.wb = Workbook()
        self.style_cache: dict[tuple[object, ...], StyleArray] = {}
        # Notes too long for the tallest row: (code, "Sheet!cell", text), copied in full
        # onto the Long notes sheet so that nothing is cut off on screen or paper.
        self.long_notes: list[tuple[str, str, str]] = []


class SheetWriter:
    """The cell helpers of every sheet; subclasses write one kind of sheet each."""

    def __init__(self, book: Book) -> None:
        self.book = book
        self.r = book.request
        self.fw = book.request.framework
        self.doc = book.request.document
        self.inputs = book.request.inputs
        self.layout = book.layout
        self.lists = book.layout.lists
        self.st = book.styles
        self.wb = book.wb
        self.first_level = self.fw.bands[0].level

    def _title_of(self, code: str) -> str:
        """An element's title or an enabler's name ("" for a code the framework lacks)."""
        if code in self.fw.element_by_code:
            return self.fw.element_by_code[code].title
        if code in self.fw.enabler_by_code:
            return self.fw.enabler_by_code[code].name
        return ""

    @staticmethod
    def _at(ws: Worksheet, ref: str) -> Cell:
        """The cell at a reference like "C8" (every column here is one letter)."""
        return ws.cell(row=int(ref[1:]), column=ord(ref[0]) - 64)

    def _cell(self, ws: Worksheet, ref: str, value: object = None, *, font: Font | None = None,
              fill: PatternFill | None = None, align: Alignment | None = None,
              number_format: str | None = None, border: Border | None = None,
              protection: Protection | None = None) -> None:
        cell = self._at(ws, ref)
        if value is not None:
            cell.value = value
        # Assigning style objects hashes them on every call; the resulting style index array is
        # the same for the same inputs, so it is computed once and copied after that.
        current = cell._style
        key = (tuple(current) if current is not None else (), id(font), id(fill), id(align),
               number_format, id(border), id(protection))
        found = self.book.style_cache.get(key)
        if found is not None:
            cell._style = copy(found)
            return
        if font is not None:
            cell.font = font
        if fill is not None:
            cell.fill = fill
        if align is not None:
            cell.alignment = align
        if number_format is not None:
            cell.number_format = number_format
        if border is not None:
            cell.border = border
        if protection is not None:
            cell.protection = protection
        self.book.style_cache[key] = copy(cell._style)

    def _text(self, ws: Worksheet, ref: str, text: str | None, *, font: Font | None = None,
              align: Alignment | None = None, fill: PatternFill | None = None) -> None:
        if not text and fill is None:
            return  # an empty cell needs no style; fewer cells make a faster file
        put_text(self._at(ws, ref), text)
        self._cell(ws, ref, font=font or self.st.body_font, align=align or self.st.wrap,
                   fill=fill)

    def _input(self, ws: Worksheet, ref: str, align: Alignment | None = None) -> None:
        self._cell(ws, ref, protection=self.st.unlocked, fill=self.st.input_fill,
                   border=self.st.input_border, align=align, font=self.st.body_font)

    def _header_row(self, ws: Worksheet, row: int, labels: list[str]) -> None:
        for n, label in enumerate(labels):
            self._cell(ws, f"{chr(ord('A') + n)}{row}", label, font=self.st.header_font,
                       fill=self.st.header_fill, align=self.st.header_align)
        ws.row_dimensions[row].height = 20

    def _print_setup(self, ws: Worksheet) -> None:
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_margins.left = ws.page_margins.right = 0.4
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ws.page_margins.header = ws.page_margins.footer = 0.3
        client = self.doc.details.client.replace("&", "&&")
        title = self.doc.details.title.replace("&", "&&")
        ws.oddHeader.left.text = f"{client} — {title}"[:200]
        ws.oddHeader.left.size = 8
        ws.oddFooter.center.text = "Page &P of &N"
        ws.oddFooter.center.size = 8
        ws.oddFooter.right.text = "&A"
        ws.oddFooter.right.size = 8

    @staticmethod
    def _protect(ws: Worksheet) -> None:
        """Protect the sheet without a password; analysts may still widen columns and rows."""
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False


def lines(value: object, width: float) -> int:
    """About how many lines a wrapped text takes in a column `width` characters wide."""
    if not isinstance(value, str) or not value:
        return 1
    per_line = max(1, int(width * 1.2))  # 10-point text in columns measured in 11-point digits
    return sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))
