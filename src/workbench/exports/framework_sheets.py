"""The layout of the framework authoring workbook, shared by its writer and its reader.

One sheet per part of a framework definition, one row per item, the columns named in
the first row. The reader finds columns by these names, so a user may add columns of
their own to the right, but not rename or remove these.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Final


class Kind(Enum):
    TEXT = "text"  # required text
    OPTIONAL_TEXT = "optional text"
    NUMBER = "number"
    OPTIONAL_NUMBER = "optional number"
    WHOLE = "whole number"
    CODE = "code"  # required text naming something (an id or a code)


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    width: int
    help: str


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[Column, ...]
    purpose: str

    def letter(self, name: str) -> str:
        index = [c.name for c in self.columns].index(name)
        return chr(ord("A") + index)


INSTRUCTIONS: Final = "Instructions"
FRAMEWORK: Final = "Framework"
MAX_ROWS: Final = 5000  # per sheet; the largest real framework has a few hundred indicators

FRAMEWORK_FIELDS: Final = (
    Column("id", Kind.CODE, 0, "A short identifier: letters, digits, '.', '-' and '_'."),
    Column("version", Kind.CODE, 0, "Raise it for every changed definition, e.g. 1.1."),
    Column("name", Kind.TEXT, 0, "The framework's full name."),
    Column("description", Kind.OPTIONAL_TEXT, 0, "A few sentences; the first one is the "
                                                 "short description in lists."),
    Column("total_points", Kind.OPTIONAL_NUMBER, 0, "The points of all categories together."),
    Column("weight_indicators", Kind.NUMBER, 0, "Share of an element's points earned by its "
                                                "indicators (0 to 1)."),
    Column("weight_objective", Kind.NUMBER, 0, "Share earned by its statement of objective; "
                                               "the two weights add up to 1."),
)

SCALE = SheetSpec("Scale", (
    Column("value", Kind.WHOLE, 8, "The level's number, lowest first."),
    Column("label", Kind.TEXT, 16, "Its name, e.g. Managed."),
    Column("meaning", Kind.TEXT, 60, "What an assessor must see to give this level."),
    Column("fraction", Kind.NUMBER, 10, "Share of the indicator earned (0 to 1)."),
), "The levels an indicator is rated on.")

OBJECTIVE_LEVELS = SheetSpec("Objective levels", (
    Column("key", Kind.CODE, 14, "A short key, e.g. partially."),
    Column("label", Kind.TEXT, 24, "Its name, e.g. Partially achieved."),
    Column("fraction", Kind.NUMBER, 10, "Share of the objective earned (0 to 1)."),
), "How far a statement of objective can be achieved.")

BANDS = SheetSpec("Bands", (
    Column("level", Kind.WHOLE, 8, "The maturity level."),
    Column("label", Kind.TEXT, 16, "Its name."),
    Column("min_percent", Kind.NUMBER, 12, "The lowest percent in this band; the first is 0."),
), "The maturity levels that percentages fall into.")

CATEGORIES = SheetSpec("Categories", (
    Column("id", Kind.CODE, 16, "A short identifier."),
    Column("name", Kind.TEXT, 24, "Its name."),
    Column("points", Kind.NUMBER, 10, "The points of its dimensions together."),
    Column("description", Kind.OPTIONAL_TEXT, 60, "One sentence."),
), "The groups of dimensions and their points.")

DIMENSIONS = SheetSpec("Dimensions", (
    Column("code", Kind.CODE, 10, "A short code, e.g. D1."),
    Column("name", Kind.TEXT, 24, "Its name."),
    Column("category", Kind.CODE, 16, "One of the ids on the Categories sheet."),
    Column("points", Kind.OPTIONAL_NUMBER, 10, "The points of its elements together."),
    Column("question", Kind.OPTIONAL_TEXT, 40, "The question the dimension answers."),
    Column("summary", Kind.OPTIONAL_TEXT, 60, "A short summary."),
), "The dimensions, each in one category.")

ELEMENTS = SheetSpec("Elements", (
    Column("dimension", Kind.CODE, 11, "One of the codes on the Dimensions sheet."),
    Column("code", Kind.CODE, 10, "The dimension's code, a dot and a number, e.g. D1.2."),
    Column("title", Kind.TEXT, 36, "Its title."),
    Column("points", Kind.NUMBER, 10, "The points it carries."),
    Column("objective", Kind.TEXT, 60, "The statement of objective assessors judge."),
), "The scored elements, in the order of the framework.")

INDICATORS = SheetSpec("Indicators", (
    Column("element", Kind.CODE, 10, "One of the codes on the Elements sheet."),
    Column("code", Kind.CODE, 12, "The element's code, a dot and a number, e.g. D1.2.3."),
    Column("text", Kind.TEXT, 80, "One activity an assessor can look for."),
), "The maturity indicators of each element.")

ENABLERS = SheetSpec("Enablers", (
    Column("code", Kind.CODE, 10, "A short code, e.g. E1."),
    Column("name", Kind.TEXT, 36, "Its name."),
    Column("summary", Kind.OPTIONAL_TEXT, 60, "A short summary."),
), "Conditions rated on the same scale but carrying no points (may be left empty).")

ENABLER_INDICATORS = SheetSpec("Enabler indicators", (
    Column("enabler", Kind.CODE, 10, "One of the codes on the Enablers sheet."),
    Column("code", Kind.CODE, 12, "The enabler's code, a dot and a number, e.g. E1.2."),
    Column("text", Kind.TEXT, 80, "One activity an assessor can look for."),
), "The indicators of each enabler.")

SHEETS: Final = (SCALE, OBJECTIVE_LEVELS, BANDS, CATEGORIES, DIMENSIONS, ELEMENTS, INDICATORS,
                 ENABLERS, ENABLER_INDICATORS)
