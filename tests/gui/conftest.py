"""GUI fixtures: a main window on a copy of a demo database, dialogs replaced, no stray threads."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.gui import dialogs
from workbench.gui.main_window import MainWindow
from workbench.gui.settings import Settings
from workbench.gui.tasks import running_tasks
from workbench.gui.workspace import Workspace
from workbench.services.demo import create_demo
from workbench.services.session import Session


@pytest.fixture(autouse=True)
def no_threads_left() -> Iterator[None]:
    """Fail a test that leaves a worker (a task or a Python thread) running."""
    before = set(threading.enumerate())
    yield
    running = running_tasks()
    leftover = [t for t in threading.enumerate() if t not in before and t.is_alive()
                and not isinstance(t, threading._DummyThread)]  # type: ignore[attr-defined]
    if running or leftover:
        pytest.fail(f"the test left work running: {running} task(s), threads {leftover}")


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A database holding the demo engagement, made once (it takes a couple of seconds)."""
    path = tmp_path_factory.mktemp("template") / "demo.sqlite3"
    session = Session.open(path)
    engagement_id = create_demo(session)
    session.db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    session.close()
    return path, engagement_id


@pytest.fixture
def gui_session(tmp_path: Path, demo_template: tuple[Path, str]) -> Iterator[Session]:
    """A session on this test's own copy of the demo database (closed, so a copy is safe)."""
    target = tmp_path / "workbench.sqlite3"
    shutil.copyfile(demo_template[0], target)
    session = Session.open(target)
    yield session
    session.close()


@pytest.fixture
def demo(demo_template: tuple[Path, str]) -> str:
    return demo_template[1]


class Dialogs:
    """What the modal dialogs would have shown, and the answers the test gives."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.questions: list[str] = []
        self.answers: list[bool] = []
        self.opened: list[Path] = []
        self.save_paths: list[Path] = []
        self.open_paths: list[Path] = []

    def ask(self, parent: Any, title: str, text: str, confirm: str = "OK",
            destructive: bool = False) -> bool:
        self.questions.append(text)
        if not self.answers:
            raise AssertionError(f"unexpected question: {text}")
        return self.answers.pop(0)


@pytest.fixture(autouse=True)
def modal(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    """Replace every modal conversation, so no test ever blocks on a dialog."""
    record = Dialogs()
    monkeypatch.setattr(dialogs, "ask", record.ask)
    monkeypatch.setattr(dialogs, "show_error",
                        lambda parent, message, title="": record.errors.append(message))
    monkeypatch.setattr(dialogs, "show_info",
                        lambda parent, title, text: record.errors.append(text))
    monkeypatch.setattr(dialogs, "open_with_system",
                        lambda path: record.opened.append(path) or True)
    monkeypatch.setattr(dialogs, "choose_save_file",
                        lambda *a: record.save_paths.pop(0) if record.save_paths else None)
    monkeypatch.setattr(dialogs, "choose_open_file",
                        lambda *a: record.open_paths.pop(0) if record.open_paths else None)
    monkeypatch.setattr(dialogs, "choose_open_files",
                        lambda *a: [record.open_paths.pop(0)] if record.open_paths else [])
    return record


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    s = Settings(tmp_path / "settings.ini")
    s.autosave_delay_ms = 100  # tests wait for autosave; keep the pause short
    s.firm_asked = True  # the first-start firm prompt has its own tests
    return s


@pytest.fixture
def window(qtbot: QtBot, gui_session: Session, settings: Settings) -> Iterator[MainWindow]:
    w = MainWindow(gui_session, settings)
    qtbot.addWidget(w)
    w.setWindowState(Qt.WindowState.WindowNoState)  # not maximised on the small test screen
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()


@pytest.fixture
def workspace(window: MainWindow, demo: str) -> Workspace:
    assert window.open_engagement(demo)
    assert window.workspace is not None
    return window.workspace


@pytest.fixture
def wait_tasks(window: MainWindow, qtbot: QtBot) -> Callable[[], None]:
    """Wait until the window's workers finished and their results were delivered."""

    def wait() -> None:
        qtbot.waitUntil(lambda: window.runner.active == 0, timeout=15_000)
        window.runner.wait(5_000)

    return wait
