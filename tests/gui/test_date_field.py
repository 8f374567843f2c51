"""Dates are typed like text: a whole date, over a selection (Ctrl+A), and Tab leaves."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from workbench.gui.engagement_dialogs import EngagementDialog
from workbench.gui.widgets.date_field import NO_DATE, DateField, parse_date
from workbench.services import engagements


def _form(qtbot: QtBot) -> tuple[QWidget, QLineEdit, DateField, QLineEdit]:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    before, field, after = QLineEdit(window), DateField(window), QLineEdit(window)
    for widget in (before, field, after):
        layout.addWidget(widget)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # focus moves, and editing ends, in an active window
    return window, before, field, after


def test_a_whole_date_is_typed_into_an_empty_field(qtbot: QtBot) -> None:
    window, before, field, _after = _form(qtbot)
    before.setFocus()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    assert window.focusWidget() is field.edit
    qtbot.keyClicks(field.edit, "2026-11-03")
    assert field.iso() == "2026-11-03" and field.date() == QDate(2026, 11, 3)


def test_ctrl_a_selects_the_whole_date_and_typing_replaces_it(qtbot: QtBot) -> None:
    window, _before, field, _after = _form(qtbot)
    field.set_iso("2026-05-06")
    field.setFocus()
    field.edit.setCursorPosition(2)
    qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert field.edit.selectedText() == "2026-05-06"
    assert window.isActiveWindow() and field.edit.hasFocus()
    qtbot.keyClicks(field.edit, "9/2/2027")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert field.text() == "2027-02-09"  # a UK date is shown in ISO once the focus leaves
    assert field.iso() == "2027-02-09"


def test_tab_leaves_the_field_from_any_position(qtbot: QtBot) -> None:
    window, _before, field, after = _form(qtbot)
    field.set_iso("2026-05-06")
    for position in (0, 5, 10):
        field.setFocus()
        field.edit.setCursorPosition(position)
        qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
        assert window.focusWidget() is after
    after.setFocus()
    qtbot.keyClick(after, Qt.Key.Key_Backtab)
    assert window.focusWidget() is field.edit


def test_deleting_the_text_unsets_the_date(qtbot: QtBot) -> None:
    _window, _before, field, _after = _form(qtbot)
    field.set_iso("2026-05-06")
    field.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    assert field.iso() is None and field.date() == NO_DATE


def test_letters_cannot_be_typed_and_a_non_date_is_marked(qtbot: QtBot) -> None:
    _window, _before, field, _after = _form(qtbot)
    field.setFocus()
    qtbot.keyClicks(field.edit, "tomorrow")
    assert field.text() == ""
    qtbot.keyClicks(field.edit, "2026-02-30")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert not field.is_valid() and field.date() == NO_DATE
    assert "b42318" in field.edit.styleSheet()


def test_a_typed_non_date_is_refused_beside_the_dates_and_kept(qtbot: QtBot) -> None:
    dialog = EngagementDialog(None, None, check=engagements.check_details)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.client, "Northwind")
    qtbot.keyClicks(dialog.lead, "Amira Haddad")
    qtbot.keyClicks(dialog.start.edit, "2026-13-01")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.isVisible() and dialog.errors["date"].isVisible()
    assert "not a date" in dialog.errors["date"].text()
    assert dialog.start.text() == "2026-13-01"


def test_parse_date_reads_iso_and_uk_dates_only() -> None:
    assert parse_date("2026-1-2") == parse_date("02/01/2026") == parse_date("2.1.2026")
    assert parse_date("2026-01-02") is not None
    for text in ("", "2026", "31/02/2026", "01-02-2026", "2026/01/02", "9999-99-99"):
        assert parse_date(text) is None


def test_a_day_picked_in_the_calendar_is_the_date(qtbot: QtBot) -> None:
    _window, _before, field, _after = _form(qtbot)
    field.set_iso("2026-05-06")
    field.button.click()
    calendar = field.calendarWidget()
    assert calendar.isVisible() and (calendar.yearShown(), calendar.monthShown()) == (2026, 5)
    calendar.clicked.emit(QDate(2026, 5, 20))
    assert not calendar.isVisible() and field.iso() == "2026-05-20"
