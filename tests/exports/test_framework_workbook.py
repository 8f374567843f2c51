"""The framework authoring workbook: round trip, and one test per class of error."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from workbench.core.errors import FrameworkError, WorkbenchError
from workbench.core.framework_data import framework_to_dict
from workbench.core.framework_loader import bundled_framework, bundled_frameworks
from workbench.exports.framework_workbook import write_framework_workbook
from workbench.exports.framework_workbook_reader import read_framework_workbook


@pytest.fixture(autouse=True)
def time_limit() -> Iterator[None]:
    """No hostile workbook may keep the reader busy: each test fails after 30 seconds."""

    def expired(*_: Any) -> None:
        raise TimeoutError("the authoring workbook reader took more than 30 seconds")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("framework_id", sorted({f.id for f in bundled_frameworks()}))
def test_round_trip_gives_the_same_framework(tmp_path: Path, framework_id: str) -> None:
    original = bundled_framework(framework_id)
    path = write_framework_workbook(original, tmp_path / "f.xlsx")
    again = read_framework_workbook(path)
    assert framework_to_dict(again) == framework_to_dict(original)
    assert again.key == original.key


def test_the_workbook_has_instructions_sheets_and_dropdowns(tmp_path: Path) -> None:
    path = write_framework_workbook(bundled_framework("cem-6d"), tmp_path / "f.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Instructions", "Framework", "Scale", "Objective levels", "Bands",
                             "Categories", "Dimensions", "Elements", "Indicators", "Enablers",
                             "Enabler indicators"]
    assert "How to author a framework" in str(wb["Instructions"]["A1"].value)
    lists = {(ws.title, str(dv.sqref).split(":")[0], dv.formula1)
             for ws in wb.worksheets for dv in ws.data_validations.dataValidation
             if dv.type == "list"}
    assert ("Elements", "A2", "='Dimensions'!$A$2:$A$5000") in lists
    assert ("Dimensions", "C2", "='Categories'!$A$2:$A$5000") in lists
    assert ("Indicators", "A2", "='Elements'!$B$2:$B$5000") in lists
    assert ("Enabler indicators", "A2", "='Enablers'!$A$2:$A$5000") in lists
    elements = wb["Elements"]
    assert [c.value for c in elements[1]] == ["dimension", "code", "title", "points",
                                              "objective"]
    assert [c.value for c in elements[2]][:4] == ["D1", "D1.1", bundled_framework(
        "cem-6d").element_by_code["D1.1"].title, 20]


def edited(tmp_path: Path, edit: Callable[[openpyxl.Workbook], None]) -> Path:
    path = write_framework_workbook(bundled_framework("cem-6d"), tmp_path / "f.xlsx")
    wb = openpyxl.load_workbook(path)
    edit(wb)
    wb.save(path)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        read_framework_workbook(path)
    assert str(caught.value).startswith("f.xlsx: ")
    return caught.value.problems


def row_of(wb: openpyxl.Workbook, sheet: str, code: str, column: int = 2) -> int:
    ws = wb[sheet]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(r, column).value == code)


def test_points_that_do_not_add_up_name_the_cell_and_the_total(tmp_path: Path) -> None:
    rows: dict[str, int] = {}

    def edit(wb: openpyxl.Workbook) -> None:
        rows["D3.5"] = row_of(wb, "Elements", "D3.5")
        rows["D3.7"] = row_of(wb, "Elements", "D3.7")
        wb["Elements"][f"D{rows['D3.5']}"] = 30

    found = problems(edited(tmp_path, edit))
    assert (f"Elements!D{rows['D3.7']}: points 20 bring the elements to 150, but Develop's "
            "elements must total 140") in found
    assert "Categories!C2: 400, but the elements of Alignment add up to 410" in found


def test_text_where_a_number_belongs(tmp_path: Path) -> None:
    found = problems(edited(tmp_path, lambda wb: wb["Elements"].__setitem__("D5", "twenty")))
    assert found == ["Elements!D5: 'twenty' is not a number; the points must be one"]


def test_a_required_cell_left_empty(tmp_path: Path) -> None:
    found = problems(edited(tmp_path, lambda wb: wb["Indicators"].__setitem__("C9", None)))
    assert found == ["Indicators!C9: the text is required but the cell is empty"]


def test_a_value_out_of_range(tmp_path: Path) -> None:
    found = problems(edited(tmp_path, lambda wb: wb["Scale"].__setitem__("D3", 1.25)))
    assert len(found) == 1 and found[0].startswith("Scale!D3: 1.25:")
    assert "less than or equal to 1" in found[0]


def test_a_reference_to_something_not_defined(tmp_path: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        wb["Elements"]["A3"] = "D9"
        wb["Dimensions"]["C4"] = "nowhere"

    found = problems(edited(tmp_path, edit))
    assert "Elements!A3: 'D9' is not a code on the Dimensions sheet" in found
    # The reader stops at what it cannot place; once that is fixed the core checks the rest.
    found = problems(edited(tmp_path, lambda wb: wb["Dimensions"].__setitem__("C4", "nowhere")))
    assert found[0] == ("Dimensions!C4: 'nowhere' is not one of the categories "
                        "(alignment, performance)")


def test_a_code_given_twice_names_both_cells(tmp_path: Path) -> None:
    found = problems(edited(tmp_path, lambda wb: wb["Indicators"].__setitem__("B3", "D1.1.1")))
    assert found == ["Indicators!B3: code 'D1.1.1' is used again (first at Indicators!B2)"]


def test_a_missing_sheet(tmp_path: Path) -> None:
    found = problems(edited(tmp_path, lambda wb: wb.remove(wb["Bands"])))
    assert len(found) == 1 and found[0].startswith("Bands: the sheet 'Bands' is missing")


def test_a_renamed_column(tmp_path: Path) -> None:
    found = problems(edited(tmp_path, lambda wb: wb["Elements"].__setitem__("D1", "pts")))
    assert found == ["Elements!D1: the column 'points' is missing (the headings in row 1 must "
                     "be: dimension, code, title, points, objective)"]


def test_a_missing_framework_field(tmp_path: Path) -> None:
    found = problems(edited(tmp_path, lambda wb: wb["Framework"].__setitem__("B3", None)))
    assert found == ["Framework!B3: the version is required but the cell is empty"]


def test_too_many_rows(tmp_path: Path) -> None:
    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb["Enablers"]
        for r in range(2, 5100):
            ws.cell(r, 1, f"X{r}")

    found = problems(edited(tmp_path, edit))
    assert found[-1] == ("Enablers: more than 5000 rows; a framework has far fewer (is this "
                         "the right workbook?)")


def test_not_a_workbook_at_all(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    path.write_text("id,version\nx,1\n")
    with pytest.raises(WorkbenchError, match="not an Excel workbook"):
        read_framework_workbook(path)


def test_a_fifo_or_a_device_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "f.xlsx"
    os.mkfifo(fifo)
    with pytest.raises(WorkbenchError, match="not a regular file"):
        read_framework_workbook(fifo)
    with pytest.raises(WorkbenchError, match="not a regular file"):
        read_framework_workbook(Path("/dev/zero"))
