"""Hostile workbooks: every XML member is parsed with defusedxml, whatever its name or
encoding; a missing shared text is an error; text over a limit is an error, never cut."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from tests.exports.test_workbook_fixtures import (  # noqa: F401 (fixtures)
    copy_database,
    edit_cells,
    rich_template,
)
from workbench.exports.workbook.layout import META, Col
from workbench.exports.workbook.package import WorkbookFileError
from workbench.exports.workbook.reader import MAX_DETAIL_CHARS, MAX_FINDING_CHARS
from workbench.services import workbook
from workbench.services.session import Session

D1 = "D1 Define"
ENTITY = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "Forged Ltd">]>'
          b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          b"<si><t>&e;</t></si></sst>")


@pytest.fixture
def db_path(tmp_path: Path, rich_template: tuple[Path, str]) -> Path:  # noqa: F811
    path = tmp_path / "workbench.sqlite3"
    copy_database(rich_template[0], path)
    return path


@pytest.fixture
def rich(session: Session, rich_template: tuple[Path, str]) -> str:  # noqa: F811
    return rich_template[1]


@pytest.fixture
def team_path(session: Session, rich: str, tmp_path: Path) -> Path:
    return workbook.export(session, rich, tmp_path / "team.xlsx")


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(("member", "data"), [
    ("xl/sharedStrings.xml", ENTITY.replace(b'<?xml version="1.0"?>', b"")),
    ("xl/sharedStrings.xml",  # UTF-16, which a byte search for "<!ENTITY" misses
     ENTITY.replace(b'version="1.0"', b'version="1.0" encoding="UTF-16"').decode()
     .encode("utf-16")),
    ("customXml/item1.data", ENTITY),  # not named .xml
    ("docProps/custom.bin", b"\n  " + ENTITY.replace(b'<?xml version="1.0"?>', b"")),
])
def test_entities_are_refused_in_any_member(session: Session, team_path: Path, tmp_path: Path,
                                            member: str, data: bytes) -> None:
    members = _members(team_path)
    members[member] = data
    hostile = _zip(tmp_path / "hostile.xlsx", members)
    with pytest.raises(WorkbookFileError, match="document type or entities"):
        workbook.preview_import(session, hostile)


def test_a_missing_shared_string_is_an_error_not_an_empty_cell(session: Session,
                                                               team_path: Path,
                                                               tmp_path: Path) -> None:
    members = _members(team_path)
    sheets = [n for n in members if n.startswith("xl/worksheets/sheet")]
    changed = 0
    for name in sheets:
        text = members[name].decode("utf-8")
        text, n = re.subn(r't="inlineStr"><is><t>[^<]*</t></is>', 't="s"><v>999999</v>',
                          text, count=1)
        members[name] = text.encode("utf-8")
        changed += n
    assert changed
    hostile = _zip(tmp_path / "missing.xlsx", members)
    with pytest.raises(WorkbookFileError, match="shared text 999999, which the workbook does "
                                                "not hold"):
        workbook.preview_import(session, hostile)


def test_text_over_a_limit_is_an_error_not_cut(session: Session, team_path: Path) -> None:
    long_client = "C" * (MAX_DETAIL_CHARS + 1)
    long_item = "S" * (MAX_FINDING_CHARS + 1)
    meta_row = next(r for r in range(1, 60)
                    if _meta_key(team_path, r) == "client")
    edit_cells(team_path, {(META, f"B{meta_row}"): long_client,
                           (D1, f"{Col.STRENGTHS}6"): long_item})
    preview = workbook.preview_import(session, team_path)
    messages = [str(p) for p in preview.problems]
    assert any(f"longer than {MAX_DETAIL_CHARS} characters" in m for m in messages), messages
    assert any(f"longer than {MAX_FINDING_CHARS:,} characters" in m for m in messages), messages
    assert not preview.can_apply


def _meta_key(path: Path, row: int) -> str:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return str(wb[META][f"A{row}"].value or "")
    finally:
        wb.close()
