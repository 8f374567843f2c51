"""`workbench export xlsx` and `workbench import xlsx` from the command line."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from workbench.cli.main import main
from workbench.services.demo import create_demo
from workbench.services.session import Session
from workbench.storage.ratings import rating_set


@pytest.fixture
def demo(db_path: Path) -> str:
    session = Session.open(db_path)
    try:
        return create_demo(session)
    finally:
        session.close()


def _run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


def test_export_then_import_unchanged_reports_no_change(
        db_path: Path, demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo.xlsx"
    assert _run(db_path, "export", "xlsx", demo, "-o", str(out)) == 0
    assert out.exists() and f"wrote {out}" in capsys.readouterr().out
    assert _run(db_path, "import", "xlsx", str(out)) == 0
    printed = capsys.readouterr().out
    assert "No changes" in printed and demo in printed


def test_import_shows_the_preview_and_applies_only_with_yes(
        db_path: Path, demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo.xlsx"
    _run(db_path, "export", "xlsx", demo, "-o", str(out), "--assessor", "Amira Haddad")
    wb = openpyxl.load_workbook(out)
    ws = wb["D1 Define"]
    ws["C8"] = 5 if ws["C8"].value != 5 else 4
    new = ws["C8"].value
    wb.save(out)
    capsys.readouterr()
    assert _run(db_path, "import", "xlsx", str(out)) == 0
    printed = capsys.readouterr().out
    assert "D1.1.1 level" in printed and "--yes" in printed
    assert "Recorded as: Amira Haddad's ratings" in printed
    session = Session.open(db_path)
    try:
        assert rating_set(session.db, demo).assessors["Amira Haddad"].indicators[
            "D1.1.1"] != new
    finally:
        session.close()
    assert _run(db_path, "import", "xlsx", str(out), "--yes") == 0
    assert "Imported 1 change(s)" in capsys.readouterr().out
    session = Session.open(db_path)
    try:
        assert rating_set(session.db, demo).assessors["Amira Haddad"].indicators[
            "D1.1.1"] == new
    finally:
        session.close()


def test_problems_exit_1_and_import_nothing(db_path: Path, demo: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "demo.xlsx"
    _run(db_path, "export", "xlsx", demo, "-o", str(out))
    wb = openpyxl.load_workbook(out)
    wb["D1 Define"]["C8"] = 11
    wb.save(out)
    capsys.readouterr()
    assert _run(db_path, "import", "xlsx", str(out), "--yes") == 1
    captured = capsys.readouterr()
    assert "D1 Define!C8: '11' is not a level" in captured.out
    assert "nothing was imported" in captured.err
    assert "Traceback" not in captured.err


def test_a_file_that_is_not_a_workbook_gives_one_line(db_path: Path, demo: str,
                                                      tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "scores.xlsx"
    bogus.write_text("not a workbook")
    assert _run(db_path, "import", "xlsx", str(bogus)) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: scores.xlsx: not an Excel workbook")
    assert len(err.strip().splitlines()) == 1


def test_unknown_engagement_is_a_user_error(db_path: Path, demo: str, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(db_path, "export", "xlsx", "nosuchid", "-o", str(tmp_path / "x.xlsx")) == 1
    assert "nosuchid" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def test_import_into_a_signed_off_engagement_says_so_before_any_yes(
        db_path: Path, demo: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from workbench.services import signoff

    out = tmp_path / "demo.xlsx"
    assert _run(db_path, "export", "xlsx", demo, "-o", str(out)) == 0
    session = Session.open(db_path)
    try:
        signoff.sign_off(session, demo, [signoff.Signer("Amira Haddad", "Lead assessor")],
                         accept_warnings=True)
    finally:
        session.close()
    capsys.readouterr()
    assert _run(db_path, "import", "xlsx", str(out)) == 1
    captured = capsys.readouterr()
    assert f"engagement {demo} is signed off" in captured.out
    assert len(captured.err.strip().splitlines()) == 1
    assert _run(db_path, "import", "xlsx", str(out), "--yes") == 1
