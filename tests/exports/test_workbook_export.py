"""The exported scoring workbook, read back with openpyxl: structure, inputs, safety, look."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.exports.rich_workbook import db_path, rich  # noqa: F401
from tests.exports.test_workbook_fixtures import (  # noqa: F401 (fixtures)
    HOSTILE,
    LEAD,
    SECOND,
    copy_database,
    rich_template,
)
from workbench.core.errors import NotFoundError, WorkbenchError
from workbench.core.framework import Framework
from workbench.core.ratings import NA
from workbench.core.scoring import Source, resolve_indicator
from workbench.exports.workbook.layout import (
    ENABLERS,
    EVIDENCE,
    FORMAT,
    LISTS,
    META,
    PLAN,
    SUMMARY,
    Col,
    RowKind,
    layout_for,
)
from workbench.exports.workbook.text import cell_text, join_items, split_items
from workbench.services import workbook
from workbench.services.session import Session
from workbench.storage.ratings import rating_set


@pytest.fixture
def team_book(session: Session, rich: str, tmp_path: Path) -> openpyxl.Workbook:
    path = workbook.export(session, rich, tmp_path / "team.xlsx")
    return openpyxl.load_workbook(path)


def _meta(wb: openpyxl.Workbook) -> dict[str, object]:
    return {row[0]: row[1] for row in wb[META].iter_rows(min_row=2, values_only=True)}


def _cells_of(dv_list: list[object]) -> set[str]:
    cells: set[str] = set()
    for dv in dv_list:
        for rng in dv.sqref.ranges:  # type: ignore[attr-defined]
            for row in range(rng.min_row, rng.max_row + 1):
                for col in range(rng.min_col, rng.max_col + 1):
                    cells.add(f"{openpyxl.utils.get_column_letter(col)}{row}")
    return cells


def test_sheets_come_in_reading_order_with_working_sheets_hidden(
        team_book: openpyxl.Workbook, framework: Framework) -> None:
    layout = layout_for(framework)
    names = team_book.sheetnames
    assert names[0] == SUMMARY
    assert names[1:7] == [s.name for s in layout.dimensions]
    assert names[1] == "D1 Define"
    for name in (ENABLERS, PLAN, EVIDENCE):
        assert name in names
        assert team_book[name].sheet_state == "visible"
    assert team_book[LISTS].sheet_state == "hidden"
    assert team_book[META].sheet_state == "hidden"


def test_metadata_names_the_engagement_framework_basis_and_structure(
        session: Session, rich: str, team_book: openpyxl.Workbook, framework: Framework) -> None:
    meta = _meta(team_book)
    assert meta["format"] == FORMAT
    assert meta["format_version"] == 1
    assert meta["engagement_id"] == rich
    assert (meta["framework_id"], meta["framework_version"]) == ("cem-6d", "1.0")
    assert meta["basis"] == "team"
    assert meta["assessor"] in (None, "")
    assert meta["structure_checksum"] == layout_for(framework).checksum
    assert str(meta["exported_at"]).startswith("20")


def test_every_indicator_has_a_level_dropdown_and_every_element_objective_and_target(
        team_book: openpyxl.Workbook, framework: Framework) -> None:
    layout = layout_for(framework)
    for sheet in layout.sheets:
        ws = team_book[sheet.name]
        dvs = ws.data_validations.dataValidation
        level = [dv for dv in dvs if dv.formula1 == layout.lists.rating_choices]
        objective = [dv for dv in dvs if dv.formula1 == layout.lists.objective_labels]
        target = [dv for dv in dvs if dv.formula1 == layout.lists.band_levels]
        assert all(dv.type == "list" and dv.showErrorMessage for dv in dvs)
        level_cells, objective_cells = _cells_of(level), _cells_of(objective)
        target_cells = _cells_of(target)
        for spec in sheet.rows:
            if spec.kind is RowKind.INDICATOR:
                assert f"C{spec.row}" in level_cells, spec.code
            elif spec.kind is RowKind.OBJECTIVE:
                assert f"C{spec.row}" in objective_cells, spec.code
            elif spec.kind is RowKind.ELEMENT:
                assert f"E{spec.row}" in target_cells, spec.code
    lists = team_book[LISTS]
    choices = [lists[f"A{r}"].value for r in range(2, 2 + len(framework.scale) + 1)]
    assert choices == [1, 2, 3, 4, 5, "N/A"]
    assert [lists[f"E{r}"].value for r in range(2, 5)] == [
        "Fully achieved", "Partially achieved", "Not yet achieved"]


def test_inputs_are_unlocked_and_everything_else_is_protected_without_password(
        team_book: openpyxl.Workbook, framework: Framework) -> None:
    layout = layout_for(framework)
    for ws in team_book.worksheets:
        assert ws.protection.sheet, ws.title
        assert not ws.protection.password, ws.title
    for sheet in layout.dimensions:
        ws = team_book[sheet.name]
        for spec in sheet.rows:
            r = spec.row
            if spec.kind is RowKind.INDICATOR:
                assert not ws[f"C{r}"].protection.locked
                assert ws[f"D{r}"].protection.locked
            elif spec.kind is RowKind.OBJECTIVE:
                assert not ws[f"C{r}"].protection.locked
            else:
                assert not ws[f"E{r}"].protection.locked
                for col in "ABFGHIJ":
                    assert ws[f"{col}{r}"].protection.locked
                # A team workbook shows every assessor's evidence for reading only.
                assert ws[f"K{r}"].protection.locked


def test_scores_are_live_formulas_of_the_ratings(team_book: openpyxl.Workbook,
                                                 framework: Framework) -> None:
    layout = layout_for(framework)
    sheet = layout.dimensions[0]
    ws = team_book[sheet.name]
    head = sheet.head_row("D1.1").row
    for col in (Col.SCORE, Col.PERCENT, Col.LEVEL, Col.STATUS, Col.MEAN, Col.OBJ_FRACTION):
        assert str(ws[f"{col}{head}"].value).startswith("="), col
    first = sheet.indicator_rows("D1.1")[0].row
    assert str(ws[f"{Col.FRACTION}{first}"].value).startswith("=")
    assert f"SUM({Col.SCORE}" in str(ws["F5"].value)
    summary = team_book[SUMMARY]
    formulas = [c.value for row in summary.iter_rows() for c in row
                if isinstance(c.value, str) and c.value.startswith("=")]
    assert any("'D1 Define'!$F$5" in f for f in formulas)
    assert team_book.calculation.fullCalcOnLoad


def test_no_user_text_becomes_a_formula(team_book: openpyxl.Workbook) -> None:
    seen: set[str] = set()
    for ws in team_book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if not isinstance(value, str):
                    continue
                for text in [*HOSTILE, "=SUM(1,2)", "=cmd|' /C calc'!A0",
                             '=HYPERLINK("http://x","Client")']:
                    if text.strip() in value:
                        assert cell.data_type == "s", (ws.title, cell.coordinate, value)
                        if value.startswith(("=", "+", "-", "@", "\t")):
                            assert cell.quotePrefix, (ws.title, cell.coordinate)
                        seen.add(text)
    # Every seeded text is in the workbook somewhere, as text.
    assert seen >= {'=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "=SUM(1,2)",
                    "=cmd|' /C calc'!A0"}


def test_formula_cells_are_only_the_workbooks_own(team_book: openpyxl.Workbook) -> None:
    # A formula must never contain user text: ours reference cells, lists and literals only.
    for ws in team_book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    assert "HYPERLINK" not in str(cell.value)
                    assert "cmd|" not in str(cell.value)


def test_team_workbook_holds_consensus_and_agreed_values_and_leaves_disputes_empty(
        session: Session, rich: str, team_book: openpyxl.Workbook,
        framework: Framework) -> None:
    ratings = rating_set(session.db, rich)
    layout = layout_for(framework)
    counts = {Source.CONSENSUS: 0, Source.AGREED: 0, Source.MEAN: 0, Source.UNRATED: 0}
    for sheet in layout.sheets:
        ws = team_book[sheet.name]
        for spec in sheet.rows:
            if spec.kind is not RowKind.INDICATOR:
                continue
            found = resolve_indicator(framework, ratings, spec.code)
            counts[found.source] += 1
            cell = ws[f"C{spec.row}"].value
            team = ws[f"{Col.TEAM_FRACTION}{spec.row}"].value
            if found.source is Source.MEAN:
                assert cell is None and team == pytest.approx(found.fraction)
            elif found.source is Source.UNRATED:
                assert cell is None and team is None
            else:
                assert cell == ("N/A" if found.value == NA else found.value), spec.code
                assert team is None
    assert all(counts.values()), counts


def test_assessor_workbook_holds_that_assessors_ratings_and_editable_evidence(
        session: Session, rich: str, tmp_path: Path, framework: Framework) -> None:
    path = workbook.export(session, rich, tmp_path / "ben.xlsx", assessor=SECOND)
    wb = openpyxl.load_workbook(path)
    meta = _meta(wb)
    assert (meta["basis"], meta["assessor"]) == ("assessor", SECOND)
    mine = rating_set(session.db, rich).assessors[SECOND]
    sheet = layout_for(framework).dimensions[1]
    ws = wb[sheet.name]
    for spec in sheet.rows:
        if spec.kind is RowKind.INDICATOR:
            value = mine.indicators.get(spec.code)
            expected = None if value is None else "N/A" if value == NA else value
            assert ws[f"C{spec.row}"].value == expected
    head = sheet.head_row("D2.1").row
    assert ws[f"K{head}"].value == "Second view on the journey maps."
    assert not ws[f"K{head}"].protection.locked
    assert not ws[f"L{head}"].protection.locked
    assert "Ben Second's own ratings" in str(wb[SUMMARY]["B12"].value)


def test_export_for_an_assessor_outside_the_team_is_refused(session: Session, rich: str,
                                                            tmp_path: Path) -> None:
    with pytest.raises(NotFoundError):
        workbook.export(session, rich, tmp_path / "x.xlsx", assessor="Nobody")
    assert not (tmp_path / "x.xlsx").exists()


def test_unwritable_target_gives_one_clear_error(session: Session, rich: str,
                                                 tmp_path: Path) -> None:
    with pytest.raises(WorkbenchError, match="missing-folder does not exist"):
        workbook.export(session, rich, tmp_path / "missing-folder" / "x.xlsx")


def test_level_cells_are_coloured_by_conditional_formatting(team_book: openpyxl.Workbook,
                                                            framework: Framework) -> None:
    from workbench.core.visual import visual

    ws = team_book["D1 Define"]
    rules = [(str(cf.sqref), r) for cf in ws.conditional_formatting for r in cf.rules]
    fills = {r.formula[0]: r.dxf.fill.fgColor.rgb for _, r in rules if r.dxf and r.dxf.fill}
    for level in range(1, 6):
        assert fills[str(level)].endswith(visual().level(level).fill.lstrip("#").upper())
    assert '"N/A"' in fills
    assert any(ref.startswith("I5") for ref, _ in rules)
    assert any(ref.startswith("C6") for ref, _ in rules)


def test_sheets_are_set_up_to_read_and_print(team_book: openpyxl.Workbook) -> None:
    ws = team_book["D2 Design"]
    assert ws.freeze_panes == "C6"
    assert not ws.sheet_view.showGridLines
    assert ws.page_setup.orientation == "landscape"
    assert not ws.sheet_properties.pageSetUpPr.fitToPage  # a fixed, legible scale instead
    assert ws.print_title_rows == "$4:$5"
    assert ws.column_dimensions["B"].width >= 40
    assert ws.column_dimensions[Col.FRACTION].hidden
    assert ws["B8"].alignment.wrap_text


def test_summary_and_charts(session: Session, rich: str, tmp_path: Path) -> None:
    path = workbook.export(session, rich, tmp_path / "s.xlsx")
    with zipfile.ZipFile(path) as archive:
        charts = [n for n in archive.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 2
        xml = b"".join(archive.read(n) for n in charts)
    assert b"radarChart" in xml and b"barChart" in xml
    ws = openpyxl.load_workbook(path)[SUMMARY]
    labels = [ws[f"A{r}"].value for r in range(1, 60)]
    for label in ("Client", "Lead assessor", "Framework", "Ratings", "Dimensions",
                  "Categories", "Enablers"):
        assert label in labels


def test_improvement_plan_and_evidence_sheets_list_actions_and_attachments(
        team_book: openpyxl.Workbook) -> None:
    plan = team_book[PLAN]
    rows = list(plan.iter_rows(min_row=5, values_only=True))
    assert rows[0][0] == "D1.1" and rows[0][2] == '=HYPERLINK("http://x")'
    assert rows[1][0] == "E1"
    evidence = team_book[EVIDENCE]
    row = next(evidence.iter_rows(min_row=5, max_row=5, values_only=True))
    assert row[0] == "D1.2" and row[2] == "@board-notes.txt"
    assert row[3] == "=cmd|' /C calc'!A0"
    assert row[5] == pytest.approx(round(len(b"notes from the board") / 1024, 1))


def test_lists_fit_one_cell_each_item_on_its_own_line() -> None:
    items = ["First", "Second\nwith a break", "  ", "=Third"]
    assert split_items(join_items(items)) == ["First", "Second with a break", "=Third"]
    assert split_items("• One\n\n• Two\r\nThree") == ["One", "Two", "Three"]


def test_cell_text_drops_control_characters_and_respects_excels_limit() -> None:
    assert cell_text("a\x00b\x07c\r\nd") == "abc\nd"
    long = cell_text("x" * 40_000)
    assert len(long) == 32_767 and long.endswith("…")


def test_lead_is_named_in_the_summary(team_book: openpyxl.Workbook) -> None:
    ws = team_book[SUMMARY]
    values = [ws[f"B{r}"].value for r in range(4, 13)]
    assert LEAD in values
