"""A date that may be left unset: its calendar opens on a useful month (never January 2000)
and Tab leaves the field (a plain QDateEdit walks its sections with Tab)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject
from PySide6.QtWidgets import QDateEdit, QWidget

NO_DATE = QDate(2000, 1, 1)  # the minimum, shown as "Not set"


class DateField(QDateEdit):
    """`opens_on` gives the month the calendar shows while no date is set (default today)."""

    def __init__(self, parent: QWidget | None = None,
                 opens_on: Callable[[], QDate] | None = None) -> None:
        super().__init__(parent)
        self._opens_on = opens_on or QDate.currentDate
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("Not set")
        self.setDate(NO_DATE)
        self.calendarWidget().installEventFilter(self)

    def set_iso(self, value: str | None) -> None:
        self.setDate(QDate.fromString(value, "yyyy-MM-dd") if value else NO_DATE)

    def iso(self) -> str | None:
        d = self.date()
        if d == NO_DATE or not d.isValid():
            return None
        return dt.date(d.year(), d.month(), d.day()).isoformat()

    def opening_month(self) -> QDate:
        """Where the calendar opens: the date, else `opens_on` (never January 2000)."""
        if self.date() != NO_DATE:
            return self.date()
        day = self._opens_on()
        return day if day.isValid() and day != NO_DATE else QDate.currentDate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.calendarWidget() and event.type() == QEvent.Type.Show:
            day = self.opening_month()
            self.calendarWidget().setCurrentPage(day.year(), day.month())
        return super().eventFilter(watched, event)

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)
