"""Fixtures shared by every test: an isolated home, a real database file, the demo."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from workbench.core.framework import Framework
from workbench.core.framework_loader import bundled_framework
from workbench.services.session import Session


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads or writes the real user's data, settings or crash reports."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("WORKBENCH_DB", str(home / "workbench.sqlite3"))
    return home


@pytest.fixture
def framework() -> Framework:
    return bundled_framework("cem-6d")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "workbench.sqlite3"


@pytest.fixture
def session(db_path: Path) -> Iterator[Session]:
    s = Session.open(db_path)
    yield s
    s.close()


@pytest.fixture
def demo_id(session: Session) -> str:
    from workbench.services.demo import create_demo

    return create_demo(session)
