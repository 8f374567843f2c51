"""The New Engagement dialog keeps what was typed and says inline what is wrong; its dates."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from workbench.gui.engagement_dialogs import EngagementDialog
from workbench.gui.widgets.date_field import NO_DATE
from workbench.services import engagements


def _dialog(qtbot: QtBot) -> EngagementDialog:
    dialog = EngagementDialog(None, None, check=engagements.check_details)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _create(dialog: EngagementDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_a_missing_client_is_said_beside_it_and_nothing_typed_is_lost(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.site, "Head office")
    qtbot.keyClicks(dialog.title, "CEM 2026")
    qtbot.keyClicks(dialog.lead, "Amira Haddad")
    _create(dialog)
    assert dialog.isVisible() and dialog.result() == 0
    error = dialog.errors["client"]
    assert error.isVisible() and "client" in error.text()
    assert not dialog.errors["lead assessor"].isVisible()
    assert (dialog.site.text(), dialog.title.text(), dialog.lead.text()) == (
        "Head office", "CEM 2026", "Amira Haddad")
    assert dialog.focusWidget() is dialog.client
    qtbot.keyClicks(dialog.client, "Northwind")
    _create(dialog)
    assert dialog.result() == 1
    assert dialog.details().client == "Northwind"


def test_dates_in_the_wrong_order_are_said_beside_the_dates(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    qtbot.keyClicks(dialog.client, "Northwind")
    qtbot.keyClicks(dialog.lead, "Amira Haddad")
    dialog.start.setDate(QDate(2026, 5, 10))
    dialog.end.setDate(QDate(2026, 5, 1))
    _create(dialog)
    assert dialog.isVisible() and dialog.errors["date"].isVisible()
    assert "end date" in dialog.errors["date"].text()
    assert not dialog.errors["client"].isVisible()


def test_date_pickers_open_on_today_or_on_the_start_date(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    assert dialog.start.date() == NO_DATE and dialog.start.iso() is None
    assert dialog.start.opening_month() == QDate.currentDate()
    assert dialog.end.opening_month() == QDate.currentDate()
    dialog.start.setDate(QDate(2027, 3, 15))
    assert dialog.end.opening_month() == QDate(2027, 3, 15)
    calendar = dialog.end.calendarWidget()
    QApplication.sendEvent(calendar, QShowEvent())  # what the popup sends as it opens
    assert (calendar.yearShown(), calendar.monthShown()) == (2027, 3)
    dialog.end.setDate(QDate(2027, 6, 2))
    QApplication.sendEvent(calendar, QShowEvent())
    assert (calendar.yearShown(), calendar.monthShown()) == (2027, 6)


def test_tab_leaves_a_date_field(qtbot: QtBot) -> None:
    dialog = _dialog(qtbot)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    dialog.start.setFocus()
    dialog.start.setDate(QDate(2026, 1, 1))
    qtbot.keyClick(dialog.start, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.end.edit
