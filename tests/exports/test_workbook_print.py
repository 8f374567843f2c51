"""The workbook on paper and in the hand: A4 print set-up, legible text, prompts, wrapped notes.

Read back with openpyxl, as a client's analyst's spreadsheet would read the file.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.exports.test_workbook_fixtures import (  # noqa: F401 (fixtures)
    copy_database,
    rich_template,
)
from workbench.core.framework import Framework
from workbench.exports.workbook.layout import Col, RowKind, layout_for
from workbench.exports.workbook.printing import (
    MIN_PRINTED_POINTS,
    column_points,
    page_breaks,
    printable_width,
    printed_points,
)
from workbench.services import workbook
from workbench.services.session import Session


@pytest.fixture
def db_path(tmp_path: Path, rich_template: tuple[Path, str]) -> Path:
    path = tmp_path / "workbench.sqlite3"
    copy_database(rich_template[0], path)
    return path


@pytest.fixture
def book(session: Session, rich_template: tuple[Path, str],
         tmp_path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(workbook.export(session, rich_template[1],
                                                  tmp_path / "team.xlsx"))


def _columns_between(first: str, last: str) -> list[str]:
    return [chr(c) for c in range(ord(first), ord(last) + 1)]


def test_every_rated_sheet_prints_on_a4_at_8_points_or_more(book: openpyxl.Workbook,
                                                            framework: Framework) -> None:
    for sheet in layout_for(framework).sheets:
        ws = book[sheet.name]
        setup = ws.page_setup
        assert str(setup.paperSize) == ws.PAPERSIZE_A4 and setup.orientation == "landscape"
        assert not ws.sheet_properties.pageSetUpPr.fitToPage
        smallest = min(cell.font.sz or 11 for row in ws.iter_rows(
            min_row=1, max_row=sheet.last_row, max_col=13) for cell in row if cell.value)
        assert smallest >= 10
        assert printed_points(ws, smallest) >= MIN_PRINTED_POINTS, sheet.name
        assert ws.print_area == f"'{sheet.name}'!$A$1:$M${sheet.last_row}" or \
            ws.print_area == f"{sheet.name}!$A$1:$M${sheet.last_row}"
        assert ws.print_title_rows == "$4:$5" and ws.print_title_cols == "$A:$A"
        # Two page widths: ratings and scores, then status and evidence, each fitting A4.
        assert [b.id for b in ws.col_breaks.brk] == [9]
        scale = (setup.scale or 100) / 100
        for columns in (_columns_between("A", "I"), ["A", *_columns_between("J", "M")]):
            width = sum(column_points(ws.column_dimensions[c].width) for c in columns)
            assert width * scale <= printable_width(), (sheet.name, columns)


def test_pages_break_between_elements_never_inside_one(book: openpyxl.Workbook,
                                                       framework: Framework) -> None:
    broke = 0
    for sheet in layout_for(framework).sheets:
        ws = book[sheet.name]
        heads = {s.row - 1 for s in sheet.rows if s.kind in (RowKind.ELEMENT, RowKind.ENABLER)}
        for brk in ws.row_breaks.brk:
            assert brk.id in heads, (sheet.name, brk.id)
            broke += 1
    assert broke > 0  # the rich engagement's dimensions do not fit on one page each


def test_dropdowns_carry_an_input_message(book: openpyxl.Workbook,
                                          framework: Framework) -> None:
    for sheet in layout_for(framework).sheets:
        dvs = book[sheet.name].data_validations.dataValidation
        assert dvs
        for dv in dvs:
            assert dv.showInputMessage and dv.promptTitle and dv.prompt, sheet.name
            assert len(dv.prompt) <= 255 and len(dv.promptTitle) <= 32
    dims = book[layout_for(framework).dimensions[0].name].data_validations.dataValidation
    prompts = " ".join(dv.prompt for dv in dims)
    assert "N/A" in prompts and "Fully achieved" in prompts
    assert all(f"{lv.value} {lv.label}" in prompts for lv in framework.scale)


def test_notes_and_findings_wrap_and_their_rows_grow(
        session: Session, rich_template: tuple[Path, str], tmp_path: Path,
        framework: Framework) -> None:
    from tests.exports.test_workbook_fixtures import SECOND
    from workbench.services import assessment

    eid = rich_template[1]
    assessment.set_notes(session, eid, "D1.1", "Seen in three workshops and the CX "
                         "dashboard; the owners could explain every figure. " * 3,
                         assessor=SECOND)
    for basis in (None, SECOND):
        path = workbook.export(session, eid, tmp_path / f"{basis}.xlsx", assessor=basis)
        book = openpyxl.load_workbook(path)
        seen = 0
        for sheet in layout_for(framework).sheets:
            ws = book[sheet.name]
            for spec in sheet.rows:
                for col in (Col.NOTES, Col.STRENGTHS, Col.OPPORTUNITIES):
                    cell = ws[f"{col}{spec.row}"]
                    if isinstance(cell.value, str) and len(cell.value) > 80:
                        seen += 1
                        assert cell.alignment.wrap_text, cell.coordinate
                        assert (ws.row_dimensions[spec.row].height or 0) > 15, cell.coordinate
        assert seen, basis


@given(st.lists(st.floats(min_value=1, max_value=900), min_size=1, max_size=40),
       st.floats(min_value=100, max_value=600), st.floats(min_value=100, max_value=600))
def test_page_breaks_fall_before_an_element_that_would_not_fit(
        heights: list[float], first_page: float, page: float) -> None:
    groups = []
    row = 6
    for height in heights:
        groups.append((row, height))
        row += 3
    breaks = page_breaks(groups, first_page, page)
    starts = {r - 1 for r, _ in groups[1:]}
    assert set(breaks) <= starts and breaks == sorted(set(breaks))
    # Each page of elements that each fit on a page holds no more than the page does.
    pages: list[list[float]] = [[]]
    for start, height in groups:
        if start - 1 in breaks:
            pages.append([])
        pages[-1].append(height)
    for n, on_page in enumerate(pages):
        if len(on_page) > 1 and max(on_page) <= min(page, first_page):
            assert sum(on_page) <= (first_page if n == 0 else page) + 1e-6
    if sum(heights) <= first_page:
        assert breaks == []


def test_a_note_too_long_for_its_cell_is_read_in_full_on_the_long_notes_sheet(
        session: Session, rich_template: tuple[Path, str], tmp_path: Path) -> None:
    from tests.exports.test_workbook_fixtures import SECOND
    from workbench.services import assessment

    eid = rich_template[1]
    paragraph = "The journey map is revised every quarter with the contact centre. " * 12
    long_note = "\n".join(f"{n}. {paragraph}" for n in range(1, 9))  # about 6,400 characters
    assessment.set_notes(session, eid, "D2.1", long_note, assessor=SECOND)
    path = workbook.export(session, eid, tmp_path / "ben.xlsx", assessor=SECOND)
    wb = openpyxl.load_workbook(path)
    ws = wb["D2 Design"]
    head = next(c.row for c in ws["A"] if c.value == "D2.1")
    cell = ws[f"K{head}"]
    assert cell.value == long_note and cell.comment is not None
    assert "Long notes" in cell.comment.text
    assert ws.row_dimensions[head].height <= 409
    notes = wb["Long notes"]
    rows = [r for r in notes.iter_rows(min_row=5, values_only=True) if r[0]]
    assert {r[0] for r in rows} == {"D2.1"} and rows[0][1] == f"D2 Design!K{head}"
    assert len(rows) > 1 and rows[-1][2] == f"{len(rows)} of {len(rows)}"
    joined = "\n".join(r[3] for r in rows)
    assert joined.split() == long_note.split()  # every word, in order, nothing cut
    for n in range(5, 5 + len(rows)):
        assert notes[f"D{n}"].alignment.wrap_text
        assert (notes.row_dimensions[n].height or 0) <= 409
    # The reading copy changes nothing on import: the workbook matches the engagement.
    assert workbook.preview_import(session, path).is_empty


@given(st.text(alphabet=st.sampled_from("ab \n"), max_size=3000),
       st.integers(min_value=10, max_value=120))
def test_text_parts_keep_every_word_and_fit_their_lines(text: str, width: int) -> None:
    from workbench.exports.workbook.sheet_writer import lines
    from workbench.exports.workbook.table_sheets import text_parts

    parts = text_parts(text, width, max_lines=5)
    assert "".join("".join(parts).split()) == "".join(text.split())
    assert all(lines(p, width) <= 5 for p in parts)
