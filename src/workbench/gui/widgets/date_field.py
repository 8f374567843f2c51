"""A date that may be left unset, typed like any text or picked from a calendar.

A `QDateEdit` edits a date section by section: typing a whole date over "Not set" or over a
selection does not work, Ctrl+A selects one section and Tab walks the sections. So the field
is a line edit (typing, Ctrl+A and Tab behave as everywhere else) with a calendar button.
It reads ISO dates (2026-11-03) and UK ones (3/11/2026, 3.11.2026) and shows ISO once the
focus leaves. The calendar opens on a useful month (never January 2000).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

NO_DATE = QDate(2000, 1, 1)  # what `date()` gives while no date is set
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_UK = re.compile(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})")


def parse_date(text: str) -> dt.date | None:
    """The date typed (ISO or day/month/year), None when it is not one."""
    text = text.strip()
    iso, uk = _ISO.fullmatch(text), _UK.fullmatch(text)
    try:
        if iso:
            return dt.date(int(iso[1]), int(iso[2]), int(iso[3]))
        if uk:
            return dt.date(int(uk[3]), int(uk[2]), int(uk[1]))
    except ValueError:
        return None
    return None


class DateField(QWidget):
    """`opens_on` gives the month the calendar shows while no date is set (default today).

    Signals: date_changed(): the date set or typed changed (when the focus leaves or a day
    is picked).
    """

    date_changed = Signal()

    def __init__(self, parent: QWidget | None = None,
                 opens_on: Callable[[], QDate] | None = None) -> None:
        super().__init__(parent)
        self._opens_on = opens_on or QDate.currentDate
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Not set (YYYY-MM-DD)")
        self.edit.setMaxLength(10)
        self.edit.setValidator(QRegularExpressionValidator(
            QRegularExpression(r"[0-9./\- ]{0,10}"), self.edit))
        self.edit.setToolTip("Type a date (2026-11-03 or 3/11/2026), or pick one from the "
                             "calendar; leave empty for no date")
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("Not set (YYYY-MM-DD)")
                                  + 16)
        self.edit.editingFinished.connect(self._tidy)
        layout.addWidget(self.edit, 1)
        self.button = QToolButton(self)
        self.button.setArrowType(Qt.ArrowType.DownArrow)
        self.button.setToolTip("Pick the date from a calendar")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the next field
        self.button.clicked.connect(self.show_calendar)
        layout.addWidget(self.button)
        self.setFocusProxy(self.edit)
        # As wide as a date and its placeholder: a date never needs the whole row.
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._calendar = QCalendarWidget(self)
        self._calendar.setWindowFlags(Qt.WindowType.Popup)
        self._calendar.setGridVisible(True)
        self._calendar.clicked.connect(self._picked)
        self._calendar.activated.connect(self._picked)
        self._calendar.installEventFilter(self)
        self._shown = ""

    # --- the value ------------------------------------------------------------------------
    def set_iso(self, value: str | None) -> None:
        self.edit.setText(value or "")
        self._tidy()

    def iso(self) -> str | None:
        """The date as ISO text; None when empty. Text that is not a date is returned as
        typed, so the service's check names the field and the dialog stays open."""
        text = self.edit.text().strip()
        if not text:
            return None
        day = parse_date(text)
        return day.isoformat() if day is not None else text

    def setDate(self, day: QDate) -> None:
        self.set_iso(None if day == NO_DATE or not day.isValid()
                     else dt.date(day.year(), day.month(), day.day()).isoformat())

    def date(self) -> QDate:
        day = parse_date(self.edit.text())
        return QDate(day.year, day.month, day.day) if day is not None else NO_DATE

    def text(self) -> str:
        return self.edit.text()

    def is_valid(self) -> bool:
        """Empty or a real date."""
        return not self.edit.text().strip() or parse_date(self.edit.text()) is not None

    def _tidy(self) -> None:
        """Show a typed date in ISO form; mark text that is not a date."""
        day = parse_date(self.edit.text())
        if day is not None and self.edit.text() != day.isoformat():
            self.edit.setText(day.isoformat())
        self.edit.setStyleSheet("" if self.is_valid() else "border: 2px solid #b42318;")
        shown = self.edit.text()
        if shown != self._shown:
            self._shown = shown
            self.date_changed.emit()

    # --- the calendar ---------------------------------------------------------------------
    def calendarWidget(self) -> QCalendarWidget:
        return self._calendar

    def opening_month(self) -> QDate:
        """Where the calendar opens: the date, else `opens_on` (never January 2000)."""
        if self.date() != NO_DATE:
            return self.date()
        day = self._opens_on()
        return day if day.isValid() and day != NO_DATE else QDate.currentDate()

    def show_calendar(self) -> None:
        if self.date() != NO_DATE:
            self._calendar.setSelectedDate(self.date())
        self._calendar.adjustSize()
        self._calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        self._calendar.show()
        self._calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        self._calendar.hide()
        self.setDate(day)
        self.edit.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._calendar and event.type() == QEvent.Type.Show:
            day = self.opening_month()
            self._calendar.setCurrentPage(day.year(), day.month())
        return super().eventFilter(watched, event)
