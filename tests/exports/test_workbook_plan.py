"""Improvement actions filled in offline: the plan sheet's inputs, imported with preview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from tests.exports.rich_workbook import db_path, rich, team_path  # noqa: F401
from tests.exports.test_workbook_fixtures import (  # noqa: F401 (fixtures)
    edit_cells,
    rich_template,
)
from workbench.cli.main import main
from workbench.core.engagement import Action, ActionStatus, Priority
from workbench.exports.workbook.layout import PLAN, PLAN_BLANK_ROWS, PLAN_FIRST_ROW, PlanCol
from workbench.services import actions, workbook
from workbench.services.session import Session


def _row_of(path: Path, text: str) -> int:
    ws = openpyxl.load_workbook(path)[PLAN]
    return next(c.row for c in ws[PlanCol.ACTION] if c.value == text)


def test_actions_are_inputs_with_their_ids_and_empty_rows_for_new_ones(
        session: Session, rich: str, team_path: Path) -> None:
    ws = openpyxl.load_workbook(team_path)[PLAN]
    listed = actions.list_actions(session, rich)
    ids = [ws[f"{PlanCol.ID}{r}"].value for r in range(PLAN_FIRST_ROW,
                                                      PLAN_FIRST_ROW + len(listed))]
    assert sorted(ids) == sorted(a.id for a in listed)
    assert ws.column_dimensions[PlanCol.ID].hidden and ws.protection.sheet
    last = PLAN_FIRST_ROW + len(listed) + PLAN_BLANK_ROWS - 1
    for col in (PlanCol.ACTION, PlanCol.OWNER, PlanCol.PRIORITY, PlanCol.DUE, PlanCol.STATUS):
        assert not ws[f"{col}{last}"].protection.locked
    assert not ws[f"{PlanCol.ELEMENT}{last}"].protection.locked
    assert ws[f"{PlanCol.ELEMENT}{PLAN_FIRST_ROW}"].protection.locked  # an action's element
    dvs = ws.data_validations.dataValidation
    assert dvs and all(dv.showInputMessage and dv.prompt for dv in dvs)
    assert any(dv.formula1 == '"High,Medium,Low"' for dv in dvs)


def test_an_unchanged_plan_imports_nothing(session: Session, rich: str, team_path: Path) -> None:
    assert workbook.preview_import(session, team_path).is_empty


def test_edited_added_and_cleared_actions_are_previewed_then_written(
        session: Session, rich: str, team_path: Path) -> None:
    before = {a.action: a for a in actions.list_actions(session, rich)}
    sponsor = _row_of(team_path, "Name a CX sponsor on the board")
    blank = PLAN_FIRST_ROW + len(before)
    hostile = next(t for t in before if t != "Name a CX sponsor on the board")
    edit_cells(team_path, {
        (PLAN, f"{PlanCol.ACTION}{sponsor}"): "Name a CX sponsor on the executive board",
        (PLAN, f"{PlanCol.STATUS}{sponsor}"): "In progress",
        (PLAN, f"{PlanCol.DUE}{sponsor}"): dt.datetime(2027, 3, 31),  # typed as a date
        (PLAN, f"{PlanCol.ACTION}{_row_of(team_path, hostile)}"): None,
        (PLAN, f"{PlanCol.ELEMENT}{blank}"): "D2.1",
        (PLAN, f"{PlanCol.ACTION}{blank}"): "Publish the journey map",
        (PLAN, f"{PlanCol.OWNER}{blank}"): "CX lead",
        (PLAN, f"{PlanCol.PRIORITY}{blank}"): "High"})
    preview = workbook.preview_import(session, team_path)
    assert not preview.problems
    changes = [c for g in preview.elements for c in g.changes if c.field == "action"]
    assert len(changes) == 3 and preview.change_count == 3
    text = "\n".join(preview.lines())
    assert "Publish the journey map" in text and "(removed)" in text
    workbook.apply_import(session, preview)
    after = {a.action: a for a in actions.list_actions(session, rich)}
    assert hostile not in after
    edited = after["Name a CX sponsor on the executive board"]
    assert edited.id == before["Name a CX sponsor on the board"].id
    assert edited.status is ActionStatus.IN_PROGRESS and edited.due_date == "2027-03-31"
    new = after["Publish the journey map"]
    assert (new.element, new.owner, new.priority) == ("D2.1", "CX lead", Priority.HIGH)
    assert workbook.preview_import(session, team_path).is_empty


def test_bad_plan_values_are_problems_with_their_cells_and_change_nothing(
        session: Session, rich: str, team_path: Path) -> None:
    before = actions.list_actions(session, rich)
    blank = PLAN_FIRST_ROW + len(before)
    sponsor = _row_of(team_path, "Name a CX sponsor on the board")
    edit_cells(team_path, {
        (PLAN, f"{PlanCol.ELEMENT}{blank}"): "Z9.9",
        (PLAN, f"{PlanCol.ACTION}{blank}"): "Something",
        (PLAN, f"{PlanCol.PRIORITY}{sponsor}"): "Urgent",
        (PLAN, f"{PlanCol.DUE}{blank + 1}"): "next week",
        (PLAN, f"{PlanCol.ELEMENT}{blank + 1}"): "D1.1",
        (PLAN, f"{PlanCol.ACTION}{blank + 1}"): "Another",
        (PLAN, f"{PlanCol.ELEMENT}{blank + 2}"): "D1.1",
        (PLAN, f"{PlanCol.ACTION}{blank + 2}"): "x" * 20_000})
    preview = workbook.preview_import(session, team_path)
    cells = {p.cell for p in preview.problems if p.sheet == PLAN}
    assert {f"A{blank}", f"E{sponsor}", f"F{blank + 1}", f"C{blank + 2}"} <= cells
    assert not preview.can_apply
    assert actions.list_actions(session, rich) == before


def test_an_action_removed_in_the_workbench_since_the_export_is_a_problem(
        session: Session, rich: str, team_path: Path) -> None:
    sponsor = next(a for a in actions.list_actions(session, rich)
                   if a.action == "Name a CX sponsor on the board")
    assert sponsor.id is not None
    actions.remove(session, rich, sponsor.id)
    preview = workbook.preview_import(session, team_path)
    assert any("no longer in the engagement" in p.message for p in preview.problems)


def test_cli_import_previews_a_new_action_and_writes_it_with_yes(
        db_path: Path, session: Session, rich: str, team_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    blank = PLAN_FIRST_ROW + len(actions.list_actions(session, rich))
    edit_cells(team_path, {(PLAN, f"{PlanCol.ELEMENT}{blank}"): "E1",
                           (PLAN, f"{PlanCol.ACTION}{blank}"): "Train the sponsors"})
    session.close()
    assert main(["--db", str(db_path), "import", "xlsx", str(team_path)]) == 0
    assert "Train the sponsors" in capsys.readouterr().out
    check = Session.open(db_path)
    try:
        assert "Train the sponsors" not in {a.action for a in actions.list_actions(check, rich)}
    finally:
        check.close()
    assert main(["--db", str(db_path), "import", "xlsx", str(team_path), "--yes"]) == 0
    check = Session.open(db_path)
    try:
        assert Action("E1", "Train the sponsors").action in {
            a.action for a in actions.list_actions(check, rich)}
    finally:
        check.close()
