"""The next start reopens where the user was and reports a run that did not close."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from workbench.gui.main_window import MainWindow
from workbench.gui.resume import resume
from workbench.gui.settings import Settings
from workbench.services import assessment, engagements, recovery
from workbench.services.session import Session

ELEMENT = "D6.5"


def _window(qtbot: QtBot, session: Session, settings: Settings) -> MainWindow:
    window = MainWindow(session, settings)
    qtbot.addWidget(window)
    return window


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_clean_start_reopens_engagement_element_and_assessor(
        qtbot: QtBot, gui_session: Session, settings: Settings, demo: str) -> None:
    settings.set_place(demo, ELEMENT)
    settings.set_assessor_for(demo, "Tomás Müller")
    window = _window(qtbot, gui_session, settings)
    assert resume(window) is None
    assert window.workspace is not None and window.workspace.current_code == ELEMENT
    assert window.context is not None and window.context.assessor == "Tomás Müller"


def test_choosing_an_element_is_remembered(qtbot: QtBot, gui_session: Session,
                                           settings: Settings, demo: str) -> None:
    window = _window(qtbot, gui_session, settings)
    assert window.open_engagement(demo) and window.workspace is not None
    window.workspace.select_element("D2.3")
    # written a second after the user settles (not on every switch: that slowed switching)
    qtbot.waitUntil(lambda: Settings(Path(settings.file_name)).last_place == (demo, "D2.3"),
                    timeout=3000)


def test_a_run_that_did_not_close_is_reported_with_its_last_edits(
        qtbot: QtBot, gui_session: Session, settings: Settings, demo: str) -> None:
    settings.set_place(demo, ELEMENT)
    settings.mark_running(recovery.stamp(), _dead_pid())
    assessment.set_notes(gui_session, demo, ELEMENT, "Typed before the crash")
    assessment.rate(gui_session, demo, "D6.5.1", 3)
    message = resume(_window(qtbot, gui_session, settings))
    assert message is not None
    assert "All 2 change(s)" in message
    assert message.index("rating on D6.5.1") < message.index(f"evidence notes on {ELEMENT}")


def test_another_window_still_running_is_not_a_crash(
        qtbot: QtBot, gui_session: Session, settings: Settings, demo: str) -> None:
    settings.mark_running(recovery.stamp(), os.getppid())  # alive: our parent process
    assert resume(_window(qtbot, gui_session, settings)) is None


def test_a_deleted_engagement_is_not_reopened(qtbot: QtBot, gui_session: Session,
                                              settings: Settings, demo: str) -> None:
    settings.set_place(demo, ELEMENT)
    settings.mark_running(recovery.stamp(), _dead_pid())
    engagements.delete(gui_session, demo)
    window = _window(qtbot, gui_session, settings)
    message = resume(window)
    assert window.workspace is None
    assert message is not None and "did not close normally" in message
    assert settings.last_place == ("", "")


def test_a_reopened_start_reads_the_list_when_the_user_goes_back_to_it(
        qtbot: QtBot, gui_session: Session, settings: Settings, demo: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.core.engagement import EngagementDetails
    from workbench.gui import engagement_commands
    from workbench.gui.models.engagement_list import Column

    other = engagements.create(gui_session, EngagementDetails(
        "Contoso Bank", "Dublin", "CEM maturity 2027", "Ana Ruiz", "2027-03-01", "2027-03-03")
    ).engagement_id
    settings.set_place(demo, ELEMENT)
    read: list[bool] = []
    original = engagements.summaries

    def counted(*args: object, **kwargs: object) -> object:
        read.append(bool(kwargs.get("only_id")))
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engagements, "summaries", counted)
    window = _window(qtbot, gui_session, settings)
    resume(window)  # before the window shows, as run_gui does
    window.show()
    qtbot.waitExposed(window)
    assert window.stack.currentWidget() is window.workspace
    assert read == [True]  # only the reopened engagement's own row: the list was not read
    # a new engagement made from the workbench is the list's selected row when it shows
    new = EngagementDetails("Fabrikam", "Leeds", "CEM maturity 2028", "Ben Okafor",
                            "2028-01-10", "2028-01-11")
    monkeypatch.setattr(engagement_commands, "ask_new", lambda *_a: (new, [], None))
    window.new_engagement()
    window.show_list()
    page = window.list_page
    clients = sorted(str(page.proxy.index(n, Column.CLIENT).data())
                     for n in range(page.proxy.rowCount()))
    assert clients == ["Contoso Bank", "Fabrikam", "Northwind Telecom"]
    assert page.count.text() == "3 engagements"
    selected = page.selected_id()
    assert selected is not None and selected not in (demo, other)
    assert engagements.details(gui_session, selected).client == "Fabrikam"
