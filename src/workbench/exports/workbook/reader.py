"""Reading a filled-in scoring workbook back: its inputs, each with its sheet and cell.

The reader takes positions from `layout`, checks that every row still
holds the code it was written with, and reports each problem (a missing sheet,
moved rows, an unknown code, a value that is not a level) with the sheet and
cell, so a user can open the file and fix it. It never writes anything.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Generic, TypeVar
from xml.etree import ElementTree as ET

from workbench.core import limits
from workbench.core.framework import Framework
from workbench.core.ratings import NA, IndicatorValue
from workbench.exports.workbook.cells import CellReader
from workbench.exports.workbook.layout import (
    FIRST_ROW,
    FORMAT,
    FORMAT_VERSION,
    META,
    NA_TEXT,
    READ_COLUMNS,
    Basis,
    Col,
    Meta,
    RowKind,
    RowSpec,
    SheetLayout,
    column_index,
    layout_for,
)
from workbench.exports.workbook.package import (
    UNZIP_ERRORS,
    WorkbookFileError,
    check_package,
    read_package,
)
from workbench.exports.workbook.plan_reader import PlanRow, read_plan
from workbench.exports.workbook.text import split_items

T = TypeVar("T")
EXTRA_ROWS: Final = 200  # rows read past the layout, to notice additions
MAX_META_ROWS: Final = 200
MAX_SHEET_ROWS: Final = 20_000  # a dimension sheet has a few hundred rows
# Text limits the services apply to the same fields (a detail, a note, one finding): text
# over them is a problem to fix in the workbook, never cut silently.
MAX_DETAIL_CHARS: Final = limits.NAME
MAX_NOTE_CHARS: Final = limits.NOTE
MAX_FINDING_CHARS: Final = limits.FINDING
_DETAIL_KEYS: Final = (Meta.CLIENT, Meta.SITE, Meta.TITLE, Meta.LEAD, Meta.ASSESSOR)


@dataclass(frozen=True)
class Problem:
    """Something in the workbook that stops it being imported as it is."""

    sheet: str
    cell: str
    message: str

    def __str__(self) -> str:
        if not self.sheet:
            return self.message  # about the destination, not a place in the workbook
        where = f"{self.sheet}!{self.cell}" if self.cell else self.sheet
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class Read(Generic[T]):
    """One value read from the workbook, with where it was."""

    value: T
    sheet: str
    cell: str


@dataclass(frozen=True)
class WorkbookContent:
    """The inputs of an exported workbook as read back, and what is wrong with it."""

    path: Path
    meta: dict[str, str]
    framework: Framework | None
    basis: Basis | None
    indicators: dict[str, Read[IndicatorValue | None]] = field(default_factory=dict)
    objectives: dict[str, Read[str | None]] = field(default_factory=dict)
    targets: dict[str, Read[int | None]] = field(default_factory=dict)
    notes: dict[str, Read[str]] = field(default_factory=dict)
    indicator_notes: dict[str, Read[str]] = field(default_factory=dict)
    strengths: dict[str, Read[list[str]]] = field(default_factory=dict)
    opportunities: dict[str, Read[list[str]]] = field(default_factory=dict)
    plan: list[PlanRow] | None = None  # None: the workbook's plan is for reading only
    problems: list[Problem] = field(default_factory=list)
    meta_cells: dict[str, str] = field(default_factory=dict)  # key -> cell of its value

    @property
    def readable(self) -> bool:
        """Whether the workbook's framework and structure were recognised at all."""
        return self.framework is not None and self.basis is not None


FrameworkLookup = Callable[[str, str], Framework | None]

_C = {name: column_index(getattr(Col, name)) - 1 for name in dir(Col) if name.isupper()}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Reader:
    def __init__(self, path: Path, lookup: FrameworkLookup, data: bytes | None = None) -> None:
        self.path = path
        self.data = data
        self.lookup = lookup
        self.problems: list[Problem] = []

    def read(self) -> WorkbookContent:
        data = self.data if self.data is not None else read_package(self.path)
        check_package(self.path, data)
        try:
            with CellReader(self.path, data) as cells:
                return self._read(cells)
        except WorkbookFileError:
            raise
        except (*UNZIP_ERRORS, ET.ParseError, ValueError, KeyError) as exc:
            raise WorkbookFileError(f"{self.path.name}: the workbook could not be read "
                                    f"({type(exc).__name__}: {exc})") from None

    def _problem(self, sheet: str, cell: str, message: str) -> None:
        self.problems.append(Problem(sheet, cell, message))

    def _read(self, cells: CellReader) -> WorkbookContent:
        if META not in cells.sheets:
            self._problem(META, "", "the hidden metadata sheet is missing: this workbook was "
                          "not exported by the workbench, or the sheet was deleted")
            return WorkbookContent(self.path, {}, None, None, problems=self.problems)
        meta, where = self._meta(cells)
        framework, basis = self._check_meta(meta, where)
        content = WorkbookContent(self.path, meta, framework, basis, problems=self.problems,
                                  meta_cells=where,
                                  plan=[] if meta.get(Meta.PLAN_EDITABLE) == "1" else None)
        if framework is None or basis is None:
            return content
        layout = layout_for(framework)
        if meta.get(Meta.CHECKSUM) != layout.checksum:
            self._problem(META, where.get(Meta.CHECKSUM, ""),
                          "the structure checksum does not match the framework's layout: the "
                          "workbook was made by another version of the workbench or edited")
            return content
        for sheet in layout.sheets:
            if sheet.name not in cells.sheets:
                self._problem(sheet.name, "", "the sheet is missing (deleted or renamed)")
                continue
            self._sheet(cells, sheet, content, framework)
        if content.plan is not None:
            content.plan.extend(read_plan(cells, framework, self._problem))
        return content

    def _meta(self, cells: CellReader) -> tuple[dict[str, str], dict[str, str]]:
        meta: dict[str, str] = {}
        where: dict[str, str] = {}
        for n, row in cells.rows(META, 1, MAX_META_ROWS, 2):
            if row[0] is None:
                continue
            key = _text(row[0]).strip()
            meta[key] = _text(row[1]).strip()
            where[key] = f"B{n}"
        for key in _DETAIL_KEYS:
            if len(meta.get(key, "")) > MAX_DETAIL_CHARS:
                self._problem(META, where[key], f"the {key.replace('_', ' ')} is longer than "
                              f"{MAX_DETAIL_CHARS} characters")
        return meta, where

    def _check_meta(self, meta: dict[str, str],
                    cells: dict[str, str]) -> tuple[Framework | None, Basis | None]:
        if meta.get(Meta.FORMAT) != FORMAT:
            self._problem(META, cells.get(Meta.FORMAT, "B2"),
                          f"not a workbench scoring workbook (format "
                          f"{meta.get(Meta.FORMAT) or 'missing'!r}, expected {FORMAT!r})")
            return None, None
        try:
            version = int(meta.get(Meta.FORMAT_VERSION, ""))
        except ValueError:
            version = -1
        if version < 1 or version > FORMAT_VERSION:
            self._problem(META, cells.get(Meta.FORMAT_VERSION, ""),
                          f"workbook format version {meta.get(Meta.FORMAT_VERSION)!r} is not "
                          f"one this version of the workbench reads (1 to {FORMAT_VERSION}); "
                          "update the workbench")
            return None, None
        try:
            basis = Basis(meta.get(Meta.BASIS, ""))
        except ValueError:
            self._problem(META, cells.get(Meta.BASIS, ""), "the record of whose ratings the "
                          "workbook holds is damaged")
            basis = None
        if basis is Basis.ASSESSOR and not meta.get(Meta.ASSESSOR):
            self._problem(META, cells.get(Meta.ASSESSOR, ""), "the assessor's name is missing")
        fid, fver = meta.get(Meta.FRAMEWORK_ID, ""), meta.get(Meta.FRAMEWORK_VERSION, "")
        framework = self.lookup(fid, fver) if fid and fver else None
        if framework is None:
            self._problem(META, cells.get(Meta.FRAMEWORK_ID, ""),
                          f"the workbook was made for framework {fid or '?'} version "
                          f"{fver or '?'}, which this workbench does not have")
        return framework, basis

    # --- one sheet -----------------------------------------------------------------------

    def _sheet(self, cells: CellReader, sheet: SheetLayout, content: WorkbookContent,
               framework: Framework) -> None:
        name = sheet.name
        declared = cells.declared_rows(name)
        if declared is not None and declared > MAX_SHEET_ROWS:
            self._problem(name, "", f"the sheet has {declared:,} rows; the exported sheet has "
                          f"{sheet.last_row} (rows were added; refused)")
            return
        expected = {s.row: s for s in sheet.rows}
        values: dict[int, tuple[Any, ...]] = {}
        for n, row in cells.rows(name, FIRST_ROW, sheet.last_row + EXTRA_ROWS, READ_COLUMNS):
            spec = expected.get(n)
            found = _text(row[_C["CODE"]]).strip()
            if spec is None:
                if any(row[_C[c]] not in (None, "") for c in
                       ("CODE", "RATING", "TARGET", "NOTES", "STRENGTHS", "OPPORTUNITIES")):
                    known = found in framework.indicator_owner or \
                        found in framework.element_by_code
                    what = (f"{found!r} is not where the workbook put it" if known else
                            f"unknown code {found!r}" if found else "content")
                    self._problem(name, f"A{n}", f"{what} below the exported rows; rows "
                                  "cannot be added to the workbook")
                    return
                continue
            if found != spec.label:
                if found and found not in framework.indicator_owner and \
                        found not in framework.element_by_code and \
                        found not in framework.enabler_by_code and found != spec.label:
                    message = (f"unknown code {found!r} where {spec.label} was exported: "
                               "rows were inserted, deleted or moved")
                else:
                    message = (f"expected {spec.label}, found {found or 'an empty cell'!r}: "
                               "rows were inserted, deleted or moved; export a fresh workbook "
                               "or undo the change")
                self._problem(name, f"A{n}", message)
                return
            values[n] = row
        missing = [s for s in sheet.rows if s.row not in values]
        if missing:
            self._problem(name, f"A{missing[0].row}", f"the row of {missing[0].label} is empty "
                          "or missing: rows were deleted")
            return
        for spec in sheet.rows:
            self._values(spec, values[spec.row], name, content, framework)

    def _values(self, spec: RowSpec, row: tuple[Any, ...], name: str,
                content: WorkbookContent, framework: Framework) -> None:
        r = spec.row
        if spec.kind is RowKind.INDICATOR:
            content.indicators[spec.code] = Read(
                self._level(row[_C["RATING"]], framework, name, f"{Col.RATING}{r}"), name,
                f"{Col.RATING}{r}")
            content.indicator_notes[spec.code] = Read(
                self._long_text(row[_C["NOTES"]], name, f"{Col.NOTES}{r}"), name,
                f"{Col.NOTES}{r}")
        elif spec.kind is RowKind.OBJECTIVE:
            content.objectives[spec.code] = Read(
                self._objective(row[_C["RATING"]], framework, name, f"{Col.RATING}{r}"), name,
                f"{Col.RATING}{r}")
        else:
            if spec.kind is RowKind.ELEMENT:
                content.targets[spec.code] = Read(
                    self._target(row[_C["TARGET"]], framework, name, f"{Col.TARGET}{r}"), name,
                    f"{Col.TARGET}{r}")
            content.notes[spec.code] = Read(
                self._long_text(row[_C["NOTES"]], name, f"{Col.NOTES}{r}"), name,
                f"{Col.NOTES}{r}")
            content.strengths[spec.code] = Read(
                self._items(row[_C["STRENGTHS"]], name, f"{Col.STRENGTHS}{r}"), name,
                f"{Col.STRENGTHS}{r}")
            content.opportunities[spec.code] = Read(
                self._items(row[_C["OPPORTUNITIES"]], name, f"{Col.OPPORTUNITIES}{r}"), name,
                f"{Col.OPPORTUNITIES}{r}")

    def _long_text(self, value: Any, sheet: str, cell: str) -> str:
        text = _text(value)
        if len(text) > MAX_NOTE_CHARS:
            self._problem(sheet, cell, f"the notes are longer than {MAX_NOTE_CHARS:,} "
                          "characters; shorten them")
        return text

    def _items(self, value: Any, sheet: str, cell: str) -> list[str]:
        items = split_items(_text(value))
        for item in items:
            if len(item) > MAX_FINDING_CHARS:
                self._problem(sheet, cell, f"an item is longer than {MAX_FINDING_CHARS:,} "
                              "characters; shorten it or split it into several")
                break
        return items

    def _level(self, value: Any, framework: Framework, sheet: str,
               cell: str) -> IndicatorValue | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, str) and value.strip().upper() == NA_TEXT:
            return NA
        number = _integral(value)
        if number is not None and number in framework.scale_fraction:
            return number
        levels = ", ".join(str(v) for v in sorted(framework.scale_fraction))
        self._problem(sheet, cell, f"{_text(value)!r} is not a level of the scale ({levels}) "
                      f"or {NA_TEXT}")
        return None

    def _objective(self, value: Any, framework: Framework, sheet: str, cell: str) -> str | None:
        text = _text(value).strip()
        if not text:
            return None
        for level in framework.objective_levels:
            if text.casefold() in (level.label.casefold(), level.key.casefold()):
                return level.key
        labels = ", ".join(level.label for level in framework.objective_levels)
        self._problem(sheet, cell, f"{text!r} is not an objective achievement ({labels})")
        return None

    def _target(self, value: Any, framework: Framework, sheet: str, cell: str) -> int | None:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        number = _integral(value)
        levels = sorted(b.level for b in framework.bands)
        if number is not None and number in levels:
            return number
        self._problem(sheet, cell, f"{_text(value)!r} is not a maturity level "
                      f"({', '.join(map(str, levels))}) for a target")
        return None


def _integral(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = value.strip()
        try:
            number = float(text)
        except ValueError:
            return None
        return int(number) if number.is_integer() else None
    return None


def read_workbook(path: Path, lookup: FrameworkLookup,
                  data: bytes | None = None) -> WorkbookContent:
    """Read an exported workbook's inputs; raises WorkbookFileError for a file it cannot read.

    `lookup(framework_id, version)` returns the framework the workbook names, or None.
    `data`, when given, is the file's content already read (`path` then only names it).
    """
    return _Reader(path, lookup, data).read()


__all__ = ["Problem", "Read", "WorkbookContent", "WorkbookFileError", "read_workbook"]
