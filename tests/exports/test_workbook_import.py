"""Importing a filled-in workbook: preview, round trips, every problem with its cell, safety."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tests.exports.rich_workbook import db_path, rich, team_path  # noqa: F401
from tests.exports.test_workbook_fixtures import (  # noqa: F401 (fixtures)
    LEAD,
    SECOND,
    copy_database,
    edit_cells,
    rich_template,
)
from workbench.core.engagement import EngagementStatus, FindingKind
from workbench.core.errors import LockedError, NotFoundError, WorkbenchError
from workbench.core.ratings import NA
from workbench.core.scoring import score_engagement
from workbench.exports.workbook.layout import META
from workbench.exports.workbook.package import WorkbookFileError
from workbench.services import assessment, engagements, scores, workbook, workbook_import
from workbench.services import session as session_module
from workbench.services.session import ChangeKind, Session
from workbench.storage.ratings import rating_set

D1 = "D1 Define"




@pytest.fixture
def ben_path(session: Session, rich: str, tmp_path: Path) -> Path:
    return workbook.export(session, rich, tmp_path / "ben.xlsx", assessor=SECOND)


def _changes(preview: workbook.ImportPreview) -> dict[tuple[str, str], tuple[object, object]]:
    return {(str(c.field), c.code): (c.old, c.new) for g in preview.elements for c in g.changes}


def _meta_cell(path: Path, key: str) -> str:
    ws = openpyxl.load_workbook(path)[META]
    return next(f"B{c.row}" for c in ws["A"] if c.value == key)


# --- round trips -----------------------------------------------------------------------------

def test_unchanged_team_workbook_imports_no_change(session: Session, rich: str,
                                                   team_path: Path) -> None:
    preview = workbook.preview_import(session, team_path)
    assert preview.engagement_id == rich
    assert preview.assessor is None and preview.problems == ()
    assert not preview.has_changes and preview.is_empty
    assert "No changes" in "\n".join(preview.lines())
    change = workbook.apply_import(session, preview)
    assert change.new == 0


def test_unchanged_assessor_workbook_imports_no_change(session: Session, rich: str,
                                                       ben_path: Path) -> None:
    preview = workbook.preview_import(session, ben_path)
    assert preview.assessor == SECOND
    assert preview.is_empty, preview.lines()


def test_edited_team_workbook_gives_exactly_those_changes_as_consensus(
        session: Session, rich: str, team_path: Path) -> None:
    before = rating_set(session.db, rich)
    edit_cells(team_path, {(D1, "C8"): 5, (D1, "C9"): "N/A", (D1, "C7"): "Partially achieved",
                           (D1, "E6"): 2})
    # C8, C9: D1.1.1 (1 → 5) and D1.1.2 (2 → N/A); C7: D1.1's objective; E6: its target.
    preview = workbook.preview_import(session, team_path)
    assert _changes(preview) == {("level", "D1.1.1"): (1, 5), ("level", "D1.1.2"): (2, NA),
                                 ("objective", "D1.1"): ("fully", "partially"),
                                 ("target", "D1.1"): (4, 2)}
    assert [g.element for g in preview.elements] == ["D1.1"]
    first = preview.elements[0].changes[0]
    assert (first.sheet, first.cell) == (D1, "C8")
    assert "Fully achieved → Partially achieved" in "\n".join(preview.lines())
    change = workbook.apply_import(session, preview)
    assert change.kind is ChangeKind.RATINGS_IMPORTED and change.new == 4
    after = rating_set(session.db, rich)
    assert after.consensus.indicators["D1.1.1"] == 5
    assert after.consensus.indicators["D1.1.2"] == NA
    assert after.consensus.objectives["D1.1"] == "partially"
    assert after.targets["D1.1"] == 2
    assert after.assessors == before.assessors  # nobody's own ratings were touched
    # Imported again, the same workbook changes nothing more.
    assert workbook.preview_import(session, team_path).is_empty


def test_empty_cell_in_a_team_workbook_never_clears_a_team_value(
        session: Session, rich: str, team_path: Path) -> None:
    edit_cells(team_path, {(D1, "C8"): None})
    preview = workbook.preview_import(session, team_path)
    assert preview.is_empty
    assert any("empty rating cell" in n for n in preview.notes)


def test_edited_assessor_workbook_changes_that_assessors_ratings_and_evidence(
        session: Session, rich: str, ben_path: Path) -> None:
    wb = openpyxl.load_workbook(ben_path)
    ws = wb["D2 Design"]
    head = next(c.row for c in ws["A"] if c.value == "D2.1")
    first = head + 2
    code = ws[f"A{first}"].value
    old = rating_set(session.db, rich).assessors[SECOND].indicators.get(code)
    new = 1 if old != 1 else 2
    ws[f"C{first}"] = new
    ws[f"K{head}"] = "=Rewritten notes"
    ws[f"L{head}"] = "Clear sponsor\nMonthly review"
    ws[f"K{first}"] = "Seen in the journey map"
    wb.save(ben_path)
    preview = workbook.preview_import(session, ben_path)
    assert _changes(preview) == {
        ("level", code): (old, new),
        ("notes", "D2.1"): ("Second view on the journey maps.", "=Rewritten notes"),
        ("strengths", "D2.1"): ([], ["Clear sponsor", "Monthly review"]),
        ("indicator note", code): ("", "Seen in the journey map")}
    workbook.apply_import(session, preview)
    assert rating_set(session.db, rich).assessors[SECOND].indicators[code] == new
    assert assessment.notes(session, rich, "D2.1", SECOND) == "=Rewritten notes"
    assert [t for _, t in assessment.findings(session, rich, "D2.1", FindingKind.STRENGTH,
                                              SECOND)] == ["Clear sponsor", "Monthly review"]
    assert workbook.preview_import(session, ben_path).is_empty


def test_clearing_a_level_in_an_assessor_workbook_clears_the_rating(
        session: Session, rich: str, tmp_path: Path) -> None:
    path = workbook.export(session, rich, tmp_path / "ana.xlsx", assessor=LEAD)
    edit_cells(path, {(D1, "C8"): None})
    preview = workbook.preview_import(session, path)
    assert _changes(preview) == {("level", "D1.1.1"): (1, None)}
    workbook.apply_import(session, preview)
    assert "D1.1.1" not in rating_set(session.db, rich).assessors[LEAD].indicators


def test_hostile_texts_survive_the_round_trip_as_they_were(session: Session, rich: str,
                                                           tmp_path: Path) -> None:
    path = workbook.export(session, rich, tmp_path / "ana.xlsx", assessor=LEAD)
    assert workbook.preview_import(session, path).is_empty


def test_import_as_another_assessor_adds_them_to_the_team(session: Session, rich: str,
                                                          ben_path: Path) -> None:
    preview = workbook.preview_import(session, ben_path, assessor="Client self-assessment")
    assert preview.new_assessor and preview.has_changes
    assert "joins the team" in preview.destination
    workbook.apply_import(session, preview)
    team = [a.name for a in engagements.team(session, rich)]
    assert "Client self-assessment" in team
    mine = rating_set(session.db, rich).assessors["Client self-assessment"]
    assert mine == rating_set(session.db, rich).assessors[SECOND]


def test_workbook_of_an_unknown_engagement_becomes_a_new_one(session: Session, rich: str,
                                                             ben_path: Path) -> None:
    expected = scores.score(session, rich, SECOND)
    engagements.delete(session, rich)
    preview = workbook.preview_import(session, ben_path)
    assert preview.is_new_engagement and preview.can_apply
    assert preview.target.startswith("a new engagement")
    change = workbook.apply_import(session, preview)
    new_id = change.engagement_id
    assert new_id != rich
    details = engagements.details(session, new_id)
    assert details.client == '=HYPERLINK("http://x","Client")'
    assert details.lead_assessor == LEAD
    result = scores.score(session, new_id, SECOND)
    assert result.total == pytest.approx(expected.total)
    assert result.elements.keys() == expected.elements.keys()


def test_a_text_over_its_limit_is_a_problem_with_its_cell_not_cut(
        session: Session, rich: str, ben_path: Path) -> None:
    from workbench.core import limits

    wb = openpyxl.load_workbook(ben_path)
    ws = wb["D2 Design"]
    head = next(c.row for c in ws["A"] if c.value == "D2.1")
    ws[f"L{head}"] = "Clear sponsor\n" + "s" * (limits.FINDING + 1)
    wb.save(ben_path)
    before = rating_set(session.db, rich)
    preview = workbook.preview_import(session, ben_path)
    assert not preview.can_apply
    assert [str(p) for p in preview.problems] == [
        f"D2 Design!L{head}: the strength on D2.1 is longer than 5,000 characters (5,001)"]
    with pytest.raises(WorkbenchError):
        workbook.apply_import(session, preview)
    assert rating_set(session.db, rich) == before


def test_a_new_engagement_with_a_client_name_over_its_limit_is_a_problem(
        session: Session, rich: str, ben_path: Path) -> None:
    from workbench.core import limits
    from workbench.exports.workbook.layout import Meta

    engagements.delete(session, rich)
    edit_cells(ben_path, {(META, _meta_cell(ben_path, Meta.CLIENT)): "c" * (limits.NAME + 1)})
    preview = workbook.preview_import(session, ben_path)
    assert preview.is_new_engagement and not preview.can_apply
    assert any("the client is longer than 200 characters" in str(p) for p in preview.problems)


# --- problems, each with its sheet and cell ---------------------------------------------------

def test_invalid_values_are_reported_with_their_cells(session: Session, rich: str,
                                                      team_path: Path) -> None:
    edit_cells(team_path, {(D1, "C8"): 7, (D1, "C9"): "four", (D1, "C7"): "Almost",
                           (D1, "E6"): 9})
    preview = workbook.preview_import(session, team_path)
    where = {(p.sheet, p.cell): p.message for p in preview.problems}
    assert set(where) == {(D1, "C8"), (D1, "C9"), (D1, "C7"), (D1, "E6")}
    assert "'7' is not a level" in where[(D1, "C8")]
    assert "not an objective achievement" in where[(D1, "C7")]
    assert "target" in where[(D1, "E6")]
    assert not preview.can_apply
    with pytest.raises(WorkbenchError, match="nothing was imported"):
        workbook.apply_import(session, preview)


def test_unknown_code_is_reported(session: Session, rich: str, team_path: Path) -> None:
    edit_cells(team_path, {(D1, "A8"): "D1.1.9"})
    problems = workbook.preview_import(session, team_path).problems
    assert [(p.sheet, p.cell) for p in problems] == [(D1, "A8")]
    assert "unknown code 'D1.1.9'" in problems[0].message


def test_moved_rows_are_reported_as_an_edited_structure(session: Session, rich: str,
                                                        team_path: Path) -> None:
    wb = openpyxl.load_workbook(team_path)
    wb[D1].insert_rows(9)
    wb.save(team_path)
    problems = workbook.preview_import(session, team_path).problems
    assert (problems[0].sheet, problems[0].cell) == (D1, "A9")
    assert "inserted, deleted or moved" in problems[0].message


def test_added_rows_below_the_sheet_are_reported(session: Session, rich: str,
                                                 team_path: Path) -> None:
    ws_last = openpyxl.load_workbook(team_path)[D1].max_row
    edit_cells(team_path, {(D1, f"A{ws_last + 3}"): "D1.6.1", (D1, f"C{ws_last + 3}"): 4})
    problems = workbook.preview_import(session, team_path).problems
    assert [(p.sheet, p.cell) for p in problems] == [(D1, f"A{ws_last + 3}")]
    assert "unknown code 'D1.6.1'" in problems[0].message


def test_missing_sheet_is_reported(session: Session, rich: str, team_path: Path) -> None:
    wb = openpyxl.load_workbook(team_path)
    del wb["D3 Develop"]
    wb.save(team_path)
    problems = workbook.preview_import(session, team_path).problems
    assert [(p.sheet, p.message) for p in problems] == [
        ("D3 Develop", "the sheet is missing (deleted or renamed)")]


def test_missing_metadata_sheet_is_reported(session: Session, rich: str,
                                            team_path: Path) -> None:
    wb = openpyxl.load_workbook(team_path)
    del wb[META]
    wb.save(team_path)
    preview = workbook.preview_import(session, team_path)
    assert [p.sheet for p in preview.problems] == [META]
    assert "metadata sheet is missing" in preview.problems[0].message
    assert not preview.has_changes


def test_workbook_of_another_engagement_is_reported(session: Session, rich: str,
                                                    team_path: Path, demo_id: str) -> None:
    preview = workbook.preview_import(session, team_path, engagement_id=demo_id)
    assert len(preview.problems) == 1
    problem = preview.problems[0]
    assert (problem.sheet, problem.cell) == (META, _meta_cell(team_path, "engagement_id"))
    assert "another engagement" in problem.message and rich in problem.message


def test_workbook_of_another_framework_version_is_reported(session: Session, rich: str,
                                                           team_path: Path) -> None:
    cell = _meta_cell(team_path, "framework_version")
    edit_cells(team_path, {(META, cell): "9.9"})
    problems = workbook.preview_import(session, team_path).problems
    assert problems and problems[0].sheet == META
    assert "cem-6d version 9.9" in problems[0].message


def test_damaged_structure_record_is_reported(session: Session, rich: str,
                                              team_path: Path) -> None:
    cell = _meta_cell(team_path, "structure_checksum")
    edit_cells(team_path, {(META, cell): "0" * 64})
    problems = workbook.preview_import(session, team_path).problems
    assert [(p.sheet, p.cell) for p in problems] == [(META, cell)]
    assert "checksum" in problems[0].message


def test_unknown_engagement_id_is_refused(session: Session, team_path: Path) -> None:
    with pytest.raises(NotFoundError):
        workbook.preview_import(session, team_path, engagement_id="nosuchid")


def test_signed_off_engagement_refuses_the_import(session: Session, rich: str,
                                                  team_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    edit_cells(team_path, {(D1, "C8"): 5})
    preview = workbook.preview_import(session, team_path)
    # Signing off needs the sign-off workflow; the edit guard only asks for the status.
    monkeypatch.setattr(session_module.engagements, "status",
                        lambda db, eid: EngagementStatus.SIGNED_OFF)
    with pytest.raises(LockedError):
        workbook.apply_import(session, preview)
    assert rating_set(session.db, rich).consensus.indicators.get("D1.1.1") is None


def test_preview_of_a_really_signed_off_engagement_says_so_first(
        session: Session, rich: str, team_path: Path) -> None:
    from workbench.services import signoff

    edit_cells(team_path, {(D1, "C8"): 5})
    signoff.sign_off(session, rich, [signoff.Signer(LEAD, "Lead assessor")],
                     accept_warnings=True)
    preview = workbook.preview_import(session, team_path)
    assert not preview.can_apply
    first = str(preview.problems[0])
    assert first.startswith(f"engagement {rich} is signed off") and "amend" in first
    assert any("is signed off" in line for line in preview.lines())
    with pytest.raises(WorkbenchError, match="signed off"):
        workbook.apply_import(session, preview)
    assert rating_set(session.db, rich).consensus.indicators.get("D1.1.1") is None


def test_stale_preview_is_refused_and_changes_nothing(session: Session, rich: str,
                                                      team_path: Path) -> None:
    edit_cells(team_path, {(D1, "C8"): 5, (D1, "E6"): 1})
    preview = workbook.preview_import(session, team_path)
    assessment.set_target(session, rich, "D1.1", 3)
    with pytest.raises(WorkbenchError, match="changed since the preview"):
        workbook.apply_import(session, preview)
    after = rating_set(session.db, rich)
    assert after.targets["D1.1"] == 3 and "D1.1.1" not in after.consensus.indicators


def test_a_failure_midway_leaves_nothing_written(session: Session, rich: str, team_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    edit_cells(team_path, {(D1, "C8"): 5, (D1, "E6"): 1})
    preview = workbook.preview_import(session, team_path)

    def broken(*args: object) -> None:
        raise WorkbenchError("disk full")

    monkeypatch.setattr(workbook_import.ratings, "set_target", broken)
    before = score_engagement(session.framework_of(rich), rating_set(session.db, rich))
    with pytest.raises(WorkbenchError, match="disk full"):
        workbook.apply_import(session, preview)
    after = score_engagement(session.framework_of(rich), rating_set(session.db, rich))
    assert after.total == before.total
    assert "D1.1.1" not in rating_set(session.db, rich).consensus.indicators


# --- hostile files ---------------------------------------------------------------------------

def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _refused(session: Session, path: Path, match: str) -> None:
    start = time.perf_counter()
    with pytest.raises(WorkbookFileError, match=match):
        workbook.preview_import(session, path)
    assert time.perf_counter() - start < 3


def test_a_file_that_is_not_a_zip_is_refused(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "scores.xlsx"
    path.write_text("client,score\nA,1\n")
    _refused(session, path, "not an Excel workbook")


def test_a_zip_that_is_not_a_workbook_is_refused(session: Session, tmp_path: Path) -> None:
    _refused(session, _zip(tmp_path / "a.xlsx", {"readme.txt": b"hello"}),
             "not an Excel workbook")


def test_a_zip_bomb_is_refused_fast(session: Session, tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "bomb.xlsx", {"[Content_Types].xml": b"<Types/>",
                                         "xl/workbook.xml": b"<workbook/>",
                                         "xl/worksheets/sheet1.xml": b"0" * (45 * 2**20)})
    assert bomb.stat().st_size < 200_000
    _refused(session, bomb, "unsafe")


def test_a_highly_compressed_member_is_refused(session: Session, tmp_path: Path) -> None:
    bomb = _zip(tmp_path / "ratio.xlsx", {"[Content_Types].xml": b"<Types/>",
                                          "xl/workbook.xml": b"<workbook/>",
                                          "xl/sharedStrings.xml": b" " * (8 * 2**20)})
    _refused(session, bomb, "zip bomb")


def test_too_many_members_are_refused(session: Session, tmp_path: Path) -> None:
    members = {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}
    members.update({f"xl/media/{n}.bin": b"x" for n in range(600)})
    _refused(session, _zip(tmp_path / "many.xlsx", members), "unsafe")


def test_xml_entity_expansion_is_refused(session: Session, team_path: Path,
                                         tmp_path: Path) -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (n, (b"&lol%d;" % (n - 1) if n > 1 else
                                                          b"&lol;") * 10)
                         for n in range(1, 10))
              + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                b'count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')
    members: dict[str, bytes] = {}
    with zipfile.ZipFile(team_path) as archive:
        for name in archive.namelist():
            members[name] = archive.read(name)
    members["xl/sharedStrings.xml"] = laughs
    _refused(session, _zip(tmp_path / "laughs.xlsx", members), "document type or entities")


def test_an_encrypted_or_damaged_package_is_refused(session: Session, team_path: Path,
                                                    tmp_path: Path) -> None:
    data = team_path.read_bytes()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(data[: len(data) // 2])
    with pytest.raises(WorkbookFileError):
        workbook.preview_import(session, broken)


def test_a_sheet_claiming_a_million_rows_is_refused_quickly(session: Session, rich: str,
                                                            team_path: Path,
                                                            tmp_path: Path) -> None:
    members: dict[str, bytes] = {}
    with zipfile.ZipFile(team_path) as archive:
        for name in archive.namelist():
            members[name] = archive.read(name)
    sheet = "xl/worksheets/sheet2.xml"  # the first dimension sheet
    xml = members[sheet]
    start = xml.index(b"<dimension ref=")
    end = xml.index(b"/>", start)
    members[sheet] = xml[:start] + b'<dimension ref="A1:V1048576"' + xml[end:]
    started = time.perf_counter()
    preview = workbook.preview_import(session, _zip(tmp_path / "tall.xlsx", members))
    assert time.perf_counter() - started < 3
    assert any("rows" in p.message and p.sheet == D1 for p in preview.problems)


def test_real_workbooks_are_far_below_the_limits(team_path: Path) -> None:
    from workbench.exports.workbook import package as limits

    with zipfile.ZipFile(team_path) as archive:
        infos = archive.infolist()
    assert len(infos) < limits.MAX_MEMBERS / 5
    assert max(i.file_size for i in infos) < limits.MAX_MEMBER_BYTES / 20
    assert team_path.stat().st_size < limits.MAX_FILE_BYTES / 20
    assert io.BytesIO(team_path.read_bytes()).getbuffer().nbytes > 0
