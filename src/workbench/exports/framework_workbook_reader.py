"""Reading a framework authoring workbook back into a validated framework.

The file is checked as a package first (regular file, size, zip bomb, XML entities);
then each sheet is read by its column names into the data of the definition format,
remembering the cell each value came from, and the core validates that data. Every
problem is reported with its sheet and cell, e.g.
"Elements!D14: points 30 bring the elements to 150, but Develop's elements must total 140".
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from workbench.core.errors import FrameworkError
from workbench.core.files import read_regular_file
from workbench.core.framework import Framework
from workbench.core.framework_loader import FORMAT, Loc, framework_from_data
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
    MAX_ROWS,
    OBJECTIVE_LEVELS,
    SCALE,
    Column,
    Kind,
    SheetSpec,
)
from workbench.exports.workbook.package import MAX_FILE_BYTES, WorkbookFileError, check_package

MAX_TEXT = 20_000


class _Reader:
    """Cell values as definition data, with each value's cell and every problem found."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.places: dict[Loc, str] = {}
        self.problems: list[str] = []
        self.broken: set[str] = set()  # sheets not read in full: no references checked

    def unknown(self, place: str, code: Any, sheet: str) -> None:
        if sheet not in self.broken:
            self.problem(place, f"{code!r} is not a code on the {sheet} sheet")

    def problem(self, place: str, message: str) -> None:
        self.problems.append(f"{place}: {message}")

    def value(self, raw: Any, column: Column, place: str) -> Any:
        """The value of a cell as its column's kind, or None (a problem is recorded)."""
        if isinstance(raw, str):
            raw = raw.strip()
        empty = raw is None or raw == ""
        if empty:
            if column.kind in (Kind.TEXT, Kind.CODE, Kind.NUMBER, Kind.WHOLE):
                self.problem(place, f"the {column.name} is required but the cell is empty")
            return None
        if column.kind in (Kind.TEXT, Kind.OPTIONAL_TEXT, Kind.CODE):
            text = str(raw)  # a version typed as the number 1.1 reads as "1.1"
            if len(text) > MAX_TEXT:
                self.problem(place, f"{len(text)} characters; at most {MAX_TEXT} are allowed")
                return None
            return text
        number: float | None = None
        if isinstance(raw, bool):
            number = None
        elif isinstance(raw, int | float):
            number = float(raw)
        elif isinstance(raw, str):
            try:
                number = float(raw.replace(",", "."))
            except ValueError:
                number = None
        if number is None or number != number or number in (float("inf"), float("-inf")):
            self.problem(place, f"{raw!r} is not a number; the {column.name} must be one")
            return None
        if column.kind is Kind.WHOLE:
            if not number.is_integer():
                self.problem(place, f"{raw!r}: the {column.name} must be a whole number")
                return None
            return int(number)
        return int(number) if number.is_integer() else number

    def sheet_rows(self, spec: SheetSpec) -> Iterator[tuple[int, dict[str, Any]]]:
        """(row number, {column: value}) of each non-empty row; problems recorded."""
        if spec.name not in self.wb.sheetnames:
            self.broken.add(spec.name)
            self.problem(spec.name, f"the sheet {spec.name!r} is missing; the workbook must "
                         f"have the sheets of `framework export` (found: "
                         f"{', '.join(self.wb.sheetnames)})")
            return
        ws = self.wb[spec.name]
        rows = ws.iter_rows(values_only=True)
        heading = [str(v).strip().lower() if v is not None else "" for v in next(rows, ())]
        index: dict[str, int] = {}
        for column in spec.columns:
            if column.name in heading:
                index[column.name] = heading.index(column.name)
            else:
                self.problem(f"{spec.name}!{spec.letter(column.name)}1",
                             f"the column {column.name!r} is missing (the headings in row 1 "
                             f"must be: {', '.join(c.name for c in spec.columns)})")
        if len(index) != len(spec.columns):
            self.broken.add(spec.name)
            return
        for number, values in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                self.broken.add(spec.name)
                self.problem(spec.name, f"more than {MAX_ROWS} rows; a framework has far "
                             "fewer (is this the right workbook?)")
                return
            cells = {name: (values[i] if i < len(values) else None) for name, i in index.items()}
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in cells.values()):
                continue
            out: dict[str, Any] = {}
            for column in spec.columns:
                letter = chr(ord("A") + index[column.name])
                place = f"{spec.name}!{letter}{number}"
                value = self.value(cells[column.name], column, place)
                if value is not None:
                    out[column.name] = value
                out["_" + column.name] = place
            yield number, out

    def items(self, spec: SheetSpec, loc: Loc, skip: tuple[str, ...] = ()) -> list[dict[str, Any]]:
        """The rows of a sheet as definition items at `loc` (places remembered)."""
        out: list[dict[str, Any]] = []
        for number, row in self.sheet_rows(spec):
            item = self.place_item(row, (*loc, len(out)), skip)
            self.places[(*loc, len(out))] = f"{spec.name}!A{number}"
            out.append(item)
        self.places[loc] = f"{spec.name}!A1"
        return out

    def place_item(self, row: dict[str, Any], loc: Loc, skip: tuple[str, ...]) -> dict[str, Any]:
        item: dict[str, Any] = {}
        for key, value in row.items():
            if key.startswith("_"):
                self.places[(*loc, key[1:])] = value
            elif key not in skip:
                item[key] = value
        return item


def _framework_fields(reader: _Reader) -> dict[str, Any]:
    if FRAMEWORK not in reader.wb.sheetnames:
        reader.problem(FRAMEWORK, f"the sheet {FRAMEWORK!r} is missing; it holds the id, "
                       "version and name")
        return {}
    ws = reader.wb[FRAMEWORK]
    found: dict[str, tuple[int, Any]] = {}
    for number, values in enumerate(ws.iter_rows(max_row=200, values_only=True), start=1):
        key = str(values[0]).strip().lower() if values and values[0] is not None else ""
        if key and key not in found:
            found[key] = (number, values[1] if len(values) > 1 else None)
    data: dict[str, Any] = {}
    for column in FRAMEWORK_FIELDS:
        if column.name not in found:
            if column.kind not in (Kind.OPTIONAL_TEXT, Kind.OPTIONAL_NUMBER):
                reader.problem(f"{FRAMEWORK}!A", f"no row for {column.name!r}; column A must "
                               f"list {', '.join(c.name for c in FRAMEWORK_FIELDS)}")
            continue
        number, raw = found[column.name]
        place = f"{FRAMEWORK}!B{number}"
        value = reader.value(raw, column, place)
        loc: Loc = (("weights", column.name.removeprefix("weight_"))
                    if column.name.startswith("weight_") else (column.name,))
        reader.places[loc] = place
        if value is not None:
            if len(loc) == 2:
                data.setdefault("weights", {})[loc[1]] = value
            else:
                data[column.name] = value
    reader.places[("weights",)] = reader.places.get(("weights", "indicators"), FRAMEWORK)
    return data


def _nest(reader: _Reader, parents: list[dict[str, Any]], parent_loc: Loc, child_key: str,
          spec: SheetSpec, owner: str, owner_sheet: str) -> None:
    """Attach the rows of `spec` to their parent item (named in column `owner`)."""
    by_code = {p.get("code"): n for n, p in enumerate(parents)}
    for parent in parents:
        parent[child_key] = []
    for number, row in reader.sheet_rows(spec):
        code = row.get(owner)
        if code is None:
            continue
        if code not in by_code:
            reader.unknown(row["_" + owner], code, owner_sheet)
            continue
        n = by_code[code]
        loc: Loc = (*parent_loc, n, child_key, len(parents[n][child_key]))
        reader.places[loc] = f"{spec.name}!A{number}"
        parents[n][child_key].append(reader.place_item(row, loc, (owner,)))
    for n in range(len(parents)):
        reader.places.setdefault((*parent_loc, n, child_key), f"{spec.name}!A1")


def read_definition(wb: Any) -> tuple[dict[str, Any], dict[Loc, str], list[str]]:
    """(definition data, the cell of each path, problems) of an opened authoring workbook."""
    reader = _Reader(wb)
    data: dict[str, Any] = {"format": FORMAT, **_framework_fields(reader)}
    data["scale"] = reader.items(SCALE, ("scale",))
    data["objective_levels"] = reader.items(OBJECTIVE_LEVELS, ("objective_levels",))
    data["bands"] = reader.items(BANDS, ("bands",))
    data["categories"] = reader.items(CATEGORIES, ("categories",))
    dimensions = reader.items(DIMENSIONS, ("dimensions",))
    _nest(reader, dimensions, ("dimensions",), "elements", ELEMENTS, "dimension", "Dimensions")
    elements = [e for d in dimensions for e in d["elements"]]
    element_locs: list[tuple[Loc, int]] = [
        (("dimensions", d, "elements"), e) for d, dim in enumerate(dimensions)
        for e in range(len(dim["elements"]))]
    _nest_indicators(reader, elements, element_locs)
    data["dimensions"] = dimensions
    enablers = reader.items(ENABLERS, ("enablers",))
    _nest(reader, enablers, ("enablers",), "indicators", ENABLER_INDICATORS, "enabler",
          "Enablers")
    data["enablers"] = enablers
    return data, reader.places, reader.problems


def _nest_indicators(reader: _Reader, elements: list[dict[str, Any]],
                     locs: list[tuple[Loc, int]]) -> None:
    by_code = {e.get("code"): n for n, e in enumerate(elements)}
    for element in elements:
        element["indicators"] = []
    for number, row in reader.sheet_rows(INDICATORS):
        code = row.get("element")
        if code is None:
            continue
        if code not in by_code:
            reader.unknown(row["_element"], code, ELEMENTS.name)
            continue
        n = by_code[code]
        base, e = locs[n]
        loc: Loc = (*base, e, "indicators", len(elements[n]["indicators"]))
        reader.places[loc] = f"{INDICATORS.name}!A{number}"
        elements[n]["indicators"].append(reader.place_item(row, loc, ("element",)))
    for base, e in locs:
        reader.places.setdefault((*base, e, "indicators"), f"{INDICATORS.name}!A1")


def _to_yaml(data: dict[str, Any]) -> str:
    import yaml

    text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return text


def read_framework_workbook(path: Path) -> Framework:
    """The validated framework an authoring workbook defines; FrameworkError names cells."""
    path = Path(path)
    data = read_regular_file(path, limit=MAX_FILE_BYTES, what="workbook")
    check_package(path)
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise WorkbookFileError(f"{path.name}: not a readable Excel workbook ({exc})") from None
    try:
        definition, places, problems = read_definition(wb)
    finally:
        wb.close()
    if problems:
        raise FrameworkError(path.name, problems)
    # The stored definition is the data as YAML, so it reads back to exactly this framework.
    return framework_from_data(definition, path.name, _to_yaml(definition),
                               lambda loc: places.get(loc), show_path=False)
