"""The engagement list and the engagement commands: new, edit, duplicate, archive, delete."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from workbench.core.engagement import Assessor, EngagementDetails
from workbench.gui import engagement_commands
from workbench.gui.engagement_dialogs import EngagementDialog
from workbench.gui.main_window import MainWindow
from workbench.gui.models.engagement_list import Column
from workbench.gui.settings import Settings
from workbench.services import engagements, scores
from workbench.services import frameworks as installed_frameworks
from workbench.services.session import Session

from .conftest import Dialogs


def test_the_list_shows_the_demo_with_its_score(window: MainWindow, gui_session: Session,
                                                demo: str) -> None:
    page = window.list_page
    assert page.proxy.rowCount() == 1
    result = scores.score(gui_session, demo)
    index = page.proxy.index(0, Column.SCORE)
    assert index.data() == f"{result.total:.1f}"
    assert page.proxy.index(0, Column.CLIENT).data() == "Northwind Telecom"
    assert page.count.text() == "1 engagement"


def test_search_filters_and_says_when_nothing_matches(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    page = window.list_page
    qtbot.keyClicks(page.search, "leeds")
    assert page.proxy.rowCount() == 1
    page.search.clear()
    qtbot.keyClicks(page.search, "zzz")
    assert page.proxy.rowCount() == 0
    assert page.stack.currentWidget() is page.no_match


def test_create_an_engagement_and_score_it(qtbot: QtBot, window: MainWindow,
                                           gui_session: Session,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    details = EngagementDetails("Contoso Bank", "Dublin", "CEM maturity 2027", "Ana Ruiz",
                                "2027-03-01", "2027-03-03")
    team = [Assessor("Ana Ruiz", "Lead assessor"), Assessor("Ben Okafor", "Assessor", "BO")]
    monkeypatch.setattr(engagement_commands, "ask_new", lambda *_a: (details, team, None))
    window.new_engagement()
    assert window.context is not None
    eid = window.context.engagement_id
    assert engagements.details(gui_session, eid).client == "Contoso Bank"
    assert [a.name for a in engagements.team(gui_session, eid)] == ["Ana Ruiz", "Ben Okafor"]
    assert window.windowTitle().startswith("Contoso Bank — CEM maturity 2027")
    assert window.assessor_combo.count() == 2
    assert window.workspace is not None
    form = window.workspace.form
    assert form.code == "D1.1"
    assert form.visible_rows()[0].selector.hasFocus()  # ready for the number keys
    qtbot.keyClick(form.visible_rows()[0].selector, Qt.Key.Key_5)
    assert scores.score(gui_session, eid).elements["D1.1"].rated == 1
    window.show_list()
    assert window.list_page.model.row_of(eid) is not None
    assert eid in window.settings.recent_engagements


def test_a_new_engagement_needs_a_client(window: MainWindow, modal: Dialogs,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    details = EngagementDetails("  ", "Site", "Title", "Lead")
    monkeypatch.setattr(engagement_commands, "ask_new", lambda *_a: (details, [], None))
    window.new_engagement()
    assert window.context is None
    assert modal.errors == ["an engagement needs a client name"]
    assert window.list_page.model.rowCount() == 1


def test_edit_details_and_team(window: MainWindow, demo: str, gui_session: Session,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    window.open_engagement(demo)
    old = engagements.details(gui_session, demo)
    team = engagements.team(gui_session, demo)
    new = EngagementDetails(old.client, "Head office, York", old.title, old.lead_assessor,
                            old.start_date, old.end_date)
    new_team = [*team, Assessor("Priya Nair", "Observer")]
    monkeypatch.setattr(engagement_commands, "ask_details", lambda *_a: (new, new_team, None))
    window._edit_details()
    assert engagements.details(gui_session, demo).site == "Head office, York"
    assert "Priya Nair" in [window.assessor_combo.itemData(i)
                            for i in range(window.assessor_combo.count())]


def test_duplicate_with_ratings_as_baseline_or_structure_only(
        window: MainWindow, demo: str, gui_session: Session,
        monkeypatch: pytest.MonkeyPatch) -> None:
    source = engagements.details(gui_session, demo)
    copy = EngagementDetails(source.client, source.site, "CEM maturity 2027",
                             source.lead_assessor)
    monkeypatch.setattr(engagement_commands, "ask_duplicate", lambda *_a: (copy, True))
    window.duplicate_engagement(demo)
    assert window.context is not None
    baseline = window.context.engagement_id
    assert baseline != demo
    assert scores.score(gui_session, baseline).total == pytest.approx(
        scores.score(gui_session, demo).total)
    monkeypatch.setattr(engagement_commands, "ask_duplicate", lambda *_a: (copy, False))
    window.duplicate_engagement(demo)
    assert window.context is not None
    assert scores.score(gui_session, window.context.engagement_id).total == 0
    assert window.list_page.model.rowCount() == 3


def test_archive_hides_and_show_archived_brings_it_back(window: MainWindow,
                                                        demo: str) -> None:
    page = window.list_page
    page.select(demo)
    page.archive_button.click()
    assert page.model.rowCount() == 0
    assert page.stack.currentWidget() is page.empty
    page.archived.setChecked(True)
    assert page.model.rowCount() == 1
    assert "archived" in page.proxy.index(0, Column.STATUS).data()
    page.select(demo)
    assert page.archive_button.text() == "Restore"
    page.archive_button.click()
    page.archived.setChecked(False)
    assert page.model.rowCount() == 1


def test_delete_asks_first(window: MainWindow, demo: str, gui_session: Session,
                           modal: Dialogs) -> None:
    page = window.list_page
    page.select(demo)
    modal.answers = [False]
    page.delete_button.click()
    assert page.model.rowCount() == 1
    assert "cannot be undone" in modal.questions[0]
    modal.answers = [True]
    page.delete_button.click()
    assert page.model.rowCount() == 0
    assert engagements.summaries(gui_session, include_archived=True) == []


def test_deleting_the_open_engagement_closes_it(window: MainWindow, demo: str,
                                                modal: Dialogs) -> None:
    window.open_engagement(demo)
    modal.answers = [True]
    window._with_target(window.commands.delete)
    assert window.context is None and window.workspace is None
    assert window.stack.currentWidget() is window.list_page


def test_empty_state_offers_the_demo(qtbot: QtBot, tmp_path: object, settings: Settings) -> None:
    from pathlib import Path

    session = Session.open(Path(str(tmp_path)) / "empty.sqlite3")
    try:
        window = MainWindow(session, settings)
        qtbot.addWidget(window)
        window.show()  # the list is read when it shows
        page = window.list_page
        assert page.stack.currentWidget() is page.empty
        page.demo_requested.emit()
        assert window.context is not None
        assert window.context.details.client == "Northwind Telecom"
        window.close()
    finally:
        session.close()


def test_the_new_engagement_dialog_offers_every_framework_with_a_description(
        qtbot: QtBot, gui_session: Session) -> None:
    choices = installed_frameworks.for_new_engagements(gui_session)
    dialog = EngagementDialog(None, None, None, frameworks=choices)
    qtbot.addWidget(dialog)
    ids = [dialog.framework.itemData(n).id for n in range(dialog.framework.count())]
    assert ids[0] == "cem-6d"
    assert set(ids) >= {"cem-6d", "cx-implementation-4", "cx-maturity-layers",
                        "cx-building-blocks"}
    dialog.framework.setCurrentIndex(ids.index("cx-building-blocks"))
    assert "Eight building blocks" in dialog.framework_about.text()
    assert "8 elements in 3 dimensions" in dialog.framework_about.text()
    assert dialog.framework_key() == ("cx-building-blocks", "1.0")
    editing = EngagementDialog(EngagementDetails("C", "S", "T", "L"), [], None,
                               frameworks=choices)
    qtbot.addWidget(editing)
    assert editing.framework_key() is None  # an engagement's framework is fixed once created


def test_a_new_engagement_on_another_framework_opens_its_first_element(
        window: MainWindow, gui_session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    details = EngagementDetails("Fabrikam", "HQ", "Layers 2027", "Ana Ruiz")
    monkeypatch.setattr(engagement_commands, "ask_new",
                        lambda *_a: (details, [], ("cx-maturity-layers", "1.0")))
    window.new_engagement()
    assert window.context is not None
    eid = window.context.engagement_id
    assert gui_session.framework_of(eid).id == "cx-maturity-layers"
    assert window.workspace is not None
    assert window.workspace.form.code == "L1.1"
