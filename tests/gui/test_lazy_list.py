"""The engagement list is built when it is first shown (issue 17): a start that reopens the
last engagement goes straight to the workbench; the list, once shown, is the same as ever."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from workbench.core.engagement import EngagementDetails
from workbench.gui import engagement_commands
from workbench.gui.main_window import MainWindow
from workbench.gui.resume import resume
from workbench.gui.settings import Settings
from workbench.services import engagements
from workbench.services.session import Session

OLD = EngagementDetails("Fabrikam", "Leeds", "CEM maturity 2019", "Ben Okafor",
                        "2019-01-10", "2019-01-11")  # the oldest: the list's last row


def _shown(qtbot: QtBot, session: Session, settings: Settings, reopen: bool) -> MainWindow:
    window = MainWindow(session, settings)
    qtbot.addWidget(window)
    if reopen:
        resume(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_start_with_nothing_to_reopen_opens_on_the_list(
        qtbot: QtBot, gui_session: Session, settings: Settings, demo: str) -> None:
    window = _shown(qtbot, gui_session, settings, reopen=False)
    assert window.stack.count() == 1  # built by the window's showing, not by this test
    page = window.list_page
    assert window.stack.currentWidget() is page and page.isVisible()
    assert page.selected_id() == demo and page.count.text() == "1 engagement"


def test_a_reopened_start_shows_only_the_workbench(
        qtbot: QtBot, gui_session: Session, settings: Settings, demo: str) -> None:
    settings.set_place(demo, "D6.5")
    window = _shown(qtbot, gui_session, settings, reopen=True)
    assert window.stack.count() == 1 and window.stack.currentWidget() is window.workspace


def test_an_engagement_created_from_the_workbench_is_selected_in_the_list(
        qtbot: QtBot, gui_session: Session, settings: Settings, demo: str,
        monkeypatch: pytest.MonkeyPatch) -> None:
    settings.set_place(demo, "D6.5")
    window = _shown(qtbot, gui_session, settings, reopen=True)
    monkeypatch.setattr(engagement_commands, "ask_new", lambda *_a: (OLD, [], None))
    window.new_engagement()  # opens it in the workbench
    assert window.context is not None and window.context.details.client == "Fabrikam"
    window.show_list()
    page = window.list_page
    selected = page.selected_id()
    assert selected == window.context.engagement_id
    assert page.table.currentIndex().row() == page.proxy.rowCount() - 1  # not the first row


def test_archiving_the_reopened_engagement_goes_back_to_a_list_without_it(
        qtbot: QtBot, gui_session: Session, settings: Settings, demo: str) -> None:
    other = engagements.create(gui_session, OLD).engagement_id
    settings.set_place(demo, "D6.5")
    window = _shown(qtbot, gui_session, settings, reopen=True)
    window.commands.set_archived(demo, True)
    assert window.workspace is None
    page = window.list_page
    assert window.stack.currentWidget() is page
    assert page.model.row_of(demo) is None and page.model.row_of(other) is not None
