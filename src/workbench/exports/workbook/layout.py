"""Where everything sits in the scoring workbook: sheets, rows, columns, format constants.

The writer and the reader both take their positions from here, so a workbook
read back is checked against exactly the layout it was written with. The layout
depends only on the framework, and its checksum (kept in the hidden metadata
sheet) tells an import whether the workbook was made for the same structure.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property
from typing import Final

from openpyxl.utils import get_column_letter

from workbench.core.framework import Framework

FORMAT: Final = "workbench.workbook/1"
FORMAT_VERSION: Final = 1

SUMMARY: Final = "Summary"
ENABLERS: Final = "Enablers"
PLAN: Final = "Improvement plan"
EVIDENCE: Final = "Evidence"
LONG_NOTES: Final = "Long notes"  # read-only copies of notes too long to show in their cell
INTERVIEWS: Final = "Interviews"  # the site-visit log, export-only
DOCUMENTS_REVIEWED: Final = "Documents reviewed"
LISTS: Final = "Lists"
META: Final = "_workbench"

NA_TEXT: Final = "N/A"
OBJECTIVE_LABEL: Final = "Objective"


class Basis(StrEnum):
    """Whose ratings a workbook carries as its inputs (recorded in the metadata sheet)."""

    TEAM = "team"  # the team's result: consensus, else the level every assessor agrees on
    ASSESSOR = "assessor"  # one assessor's own ratings


class Col:
    """Columns of the dimension and enabler sheets (letters)."""

    CODE = "A"
    TEXT = "B"
    RATING = "C"  # input: indicator level, or objective achievement on the objective row
    MEANING = "D"
    TARGET = "E"  # input on element rows
    SCORE = "F"
    POINTS = "G"
    PERCENT = "H"
    LEVEL = "I"
    STATUS = "J"
    NOTES = "K"  # input (assessor basis): element notes, indicator notes
    STRENGTHS = "L"  # input (assessor basis), one item per line
    OPPORTUNITIES = "M"  # input (assessor basis), one item per line
    # Hidden working columns: the formulas of docs/scoring.md, step by step.
    FRACTION = "N"  # an indicator's fraction ("" when N/A or unrated)
    TEAM_FRACTION = "O"  # the team's mean fraction where assessors disagree (team basis)
    OBJ_FRACTION = "P"  # element row: the objective's fraction ("" when not judged)
    RATED = "Q"
    NOT_APPLICABLE = "R"
    APPLICABLE = "S"  # element row: its points unless every indicator is N/A
    TARGET_IF = "T"  # element row: its target when the element is applicable
    MEAN = "U"  # element row: I, the indicators' mean ("" when every indicator is N/A)
    UNRATED = "V"


VISIBLE_COLUMNS: Final = "ABCDEFGHIJKLM"
HIDDEN_COLUMNS: Final = "NOPQRSTUV"
LAST_COLUMN: Final = HIDDEN_COLUMNS[-1]
READ_COLUMNS: Final = 22  # columns A..V are all the reader looks at

TITLE_ROW: Final = 1
SUBTITLE_ROW: Final = 2
HEADER_ROW: Final = 4
TOTAL_ROW: Final = 5
FIRST_ROW: Final = 6

class PlanCol:
    """Columns of the Improvement plan sheet; the hidden id ties a row to its action."""

    ELEMENT = "A"  # input on the empty rows (a new action's element or enabler)
    TITLE = "B"
    ACTION = "C"  # input: clear it to remove the action
    OWNER = "D"  # input
    PRIORITY = "E"  # input (dropdown)
    DUE = "F"  # input, YYYY-MM-DD
    STATUS = "G"  # input (dropdown)
    ID = "H"  # hidden: the action's id


PLAN_HEADER_ROW: Final = 4
PLAN_FIRST_ROW: Final = 5
PLAN_BLANK_ROWS: Final = 15  # empty rows for new actions
PLAN_MAX_ROWS: Final = 5_000

# The hidden Lists sheet: lookup tables the formulas and dropdowns use.
LIST_FIRST: Final = 2


class RowKind(StrEnum):
    ELEMENT = "element"
    OBJECTIVE = "objective"
    INDICATOR = "indicator"
    ENABLER = "enabler"


@dataclass(frozen=True)
class RowSpec:
    row: int
    kind: RowKind
    code: str  # the element's, enabler's or indicator's code (the element's on objective rows)
    owner: str  # the element or enabler it belongs to

    @property
    def label(self) -> str:
        """What column A shows on this row."""
        return OBJECTIVE_LABEL if self.kind is RowKind.OBJECTIVE else self.code


@dataclass(frozen=True)
class SheetLayout:
    name: str
    code: str  # the dimension code, or "enablers"
    rows: tuple[RowSpec, ...]

    @property
    def last_row(self) -> int:
        return self.rows[-1].row if self.rows else TOTAL_ROW

    @cached_property
    def owners(self) -> dict[str, list[RowSpec]]:
        found: dict[str, list[RowSpec]] = {}
        for spec in self.rows:
            found.setdefault(spec.owner, []).append(spec)
        return found

    def head_row(self, owner: str) -> RowSpec:
        return self.owners[owner][0]

    def indicator_rows(self, owner: str) -> list[RowSpec]:
        return [s for s in self.owners[owner] if s.kind is RowKind.INDICATOR]

    def objective_row(self, owner: str) -> RowSpec:
        return next(s for s in self.owners[owner] if s.kind is RowKind.OBJECTIVE)


@dataclass(frozen=True)
class ListsLayout:
    """Ranges on the Lists sheet, for a framework's scale, objective levels and bands."""

    scale_count: int
    objective_count: int
    band_count: int

    def _range(self, col: str, count: int) -> str:
        return f"{LISTS}!${col}${LIST_FIRST}:${col}${LIST_FIRST + count - 1}"

    @property
    def scale_values(self) -> str:
        return self._range("A", self.scale_count)

    @property
    def rating_choices(self) -> str:
        """The level dropdown: the scale's values and N/A."""
        return self._range("A", self.scale_count + 1)

    @property
    def scale_labels(self) -> str:
        return self._range("B", self.scale_count)

    @property
    def scale_fractions(self) -> str:
        return self._range("C", self.scale_count)

    @property
    def objective_labels(self) -> str:
        return self._range("E", self.objective_count)

    @property
    def objective_fractions(self) -> str:
        return self._range("F", self.objective_count)

    @property
    def band_mins(self) -> str:
        return self._range("I", self.band_count)

    @property
    def band_levels(self) -> str:
        return self._range("J", self.band_count)

    @property
    def band_labels(self) -> str:
        return self._range("K", self.band_count)

    weight_indicators: str = f"{LISTS}!$M${LIST_FIRST}"
    weight_objective: str = f"{LISTS}!$M${LIST_FIRST + 1}"


_FORBIDDEN_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\']")


def sheet_name(code: str, name: str, taken: set[str]) -> str:
    """A sheet name from a code and a name: at most 31 characters, none Excel forbids."""
    base = _FORBIDDEN_IN_SHEET_NAME.sub(" ", f"{code} {name}").strip()
    base = " ".join(base.split())[:31].rstrip() or code[:31]
    candidate, n = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f" ({n})"
        candidate, n = base[:31 - len(suffix)] + suffix, n + 1
    taken.add(candidate)
    return candidate


@dataclass(frozen=True, eq=False)
class WorkbookLayout:
    framework_id: str
    framework_version: str
    dimensions: tuple[SheetLayout, ...]
    enablers: SheetLayout | None
    lists: ListsLayout

    @property
    def sheets(self) -> tuple[SheetLayout, ...]:
        return self.dimensions + ((self.enablers,) if self.enablers else ())

    @cached_property
    def checksum(self) -> str:
        """A digest of everything an import relies on: sheet names, rows, codes, columns."""
        parts = [FORMAT, self.framework_id, self.framework_version, VISIBLE_COLUMNS,
                 HIDDEN_COLUMNS, str(FIRST_ROW)]
        for sheet in self.sheets:
            parts.append(f"sheet\t{sheet.name}\t{sheet.code}")
            parts.extend(f"{s.row}\t{s.kind}\t{s.code}" for s in sheet.rows)
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def layout_for(framework: Framework) -> WorkbookLayout:
    """The workbook layout of a framework: one sheet per dimension, then the enablers."""
    taken = {SUMMARY, ENABLERS, PLAN, EVIDENCE, LONG_NOTES, LISTS, META, INTERVIEWS,
             DOCUMENTS_REVIEWED}
    dimensions = []
    for dimension in framework.dimensions:
        rows: list[RowSpec] = []
        row = FIRST_ROW
        for element in dimension.elements:
            rows.append(RowSpec(row, RowKind.ELEMENT, element.code, element.code))
            rows.append(RowSpec(row + 1, RowKind.OBJECTIVE, element.code, element.code))
            row += 2
            for indicator in element.indicators:
                rows.append(RowSpec(row, RowKind.INDICATOR, indicator.code, element.code))
                row += 1
        dimensions.append(SheetLayout(sheet_name(dimension.code, dimension.name, taken),
                                      dimension.code, tuple(rows)))
    enablers = None
    if framework.enablers:
        rows = []
        row = FIRST_ROW
        for enabler in framework.enablers:
            rows.append(RowSpec(row, RowKind.ENABLER, enabler.code, enabler.code))
            row += 1
            for indicator in enabler.indicators:
                rows.append(RowSpec(row, RowKind.INDICATOR, indicator.code, enabler.code))
                row += 1
        enablers = SheetLayout(ENABLERS, "enablers", tuple(rows))
    lists = ListsLayout(len(framework.scale), len(framework.objective_levels),
                        len(framework.bands))
    return WorkbookLayout(framework.id, framework.version, tuple(dimensions), enablers, lists)


def column_index(letter: str) -> int:
    """1-based index of a column letter (A = 1)."""
    index = 0
    for ch in letter:
        index = index * 26 + (ord(ch) - 64)
    return index


def column_letter(index: int) -> str:
    return str(get_column_letter(index))


# Keys of the hidden metadata sheet (column A key, column B value).
class Meta:
    FORMAT = "format"
    FORMAT_VERSION = "format_version"
    APP_VERSION = "app_version"
    ENGAGEMENT_ID = "engagement_id"
    FRAMEWORK_ID = "framework_id"
    FRAMEWORK_VERSION = "framework_version"
    BASIS = "basis"
    ASSESSOR = "assessor"
    EXPORTED_AT = "exported_at"
    CHECKSUM = "structure_checksum"
    CLIENT = "client"
    SITE = "site"
    TITLE = "title"
    LEAD = "lead_assessor"
    START = "start_date"
    END = "end_date"
    BRAND = "brand"
    PLAN_EDITABLE = "plan_editable"  # "1": the plan sheet's actions are inputs, with ids
