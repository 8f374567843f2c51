"""Fixtures of the workbook import tests: the session's database starts as a copy of the
rich engagement's (made once), and its team workbook. Import them into a test module."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.exports.test_workbook_fixtures import copy_database, rich_template  # noqa: F401
from workbench.services import workbook
from workbench.services.session import Session


@pytest.fixture
def db_path(tmp_path: Path, rich_template: tuple[Path, str]) -> Path:
    """The session's database starts as a copy of the rich engagement's (made once)."""
    path = tmp_path / "workbench.sqlite3"
    copy_database(rich_template[0], path)
    return path


@pytest.fixture
def rich(session: Session, rich_template: tuple[Path, str]) -> str:
    return rich_template[1]


@pytest.fixture
def team_path(session: Session, rich: str, tmp_path: Path) -> Path:
    return workbook.export(session, rich, tmp_path / "team.xlsx")
