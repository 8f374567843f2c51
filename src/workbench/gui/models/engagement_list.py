"""The engagement list: a table model of summaries and a searchable, sortable proxy."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from workbench.core import labels
from workbench.core.engagement import EngagementSummary
from workbench.core.visual import visual

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
LEVEL_ROLE = Qt.ItemDataRole.UserRole + 3

STATUS_TEXT = labels.ENGAGEMENT_STATUS


class Column(IntEnum):
    CLIENT = 0
    SITE = 1
    TITLE = 2
    DATES = 3
    STATUS = 4
    SCORE = 5
    LEVEL = 6


HEADERS = {Column.CLIENT: "Client", Column.SITE: "Site", Column.TITLE: "Engagement",
           Column.DATES: "Dates", Column.STATUS: "Status", Column.SCORE: "Score",
           Column.LEVEL: "Level"}


def date_range(start: str | None, end: str | None) -> str:
    if start and end and start != end:
        return f"{start} – {end}"
    return start or end or ""


class EngagementTableModel(QAbstractTableModel):
    """One row per engagement summary; rows are replaced one at a time as Changes arrive."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[EngagementSummary] = []
        self._levels = {b: visual().levels[b].name for b in visual().levels}

    def set_rows(self, rows: list[EngagementSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, engagement_id: str) -> int | None:
        for n, row in enumerate(self._rows):
            if row.id == engagement_id:
                return n
        return None

    def summary(self, row: int) -> EngagementSummary:
        return self._rows[row]

    def upsert(self, summary: EngagementSummary) -> None:
        """Insert a new engagement at the top, or refresh the one row that changed."""
        n = self.row_of(summary.id)
        if n is None:
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._rows.insert(0, summary)
            self.endInsertRows()
        else:
            self._rows[n] = summary
            self.dataChanged.emit(self.index(n, 0), self.index(n, len(Column) - 1))

    def remove(self, engagement_id: str) -> None:
        n = self.row_of(engagement_id)
        if n is not None:
            self.beginRemoveRows(QModelIndex(), n, n)
            del self._rows[n]
            self.endRemoveRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(Column):
            if role == Qt.ItemDataRole.DisplayRole:
                return HEADERS[Column(section)]
            if role == Qt.ItemDataRole.TextAlignmentRole and section == Column.SCORE:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == LEVEL_ROLE:
            return row.level
        if role == SORT_ROLE:
            if column == Column.SCORE:
                return -1.0 if row.total is None else float(row.total)
            if column == Column.LEVEL:
                return row.level or 0
            if column == Column.DATES:
                return row.start_date or ""
            return (self._display(row, column) or "").lower()
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.SCORE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.archived:
            return QColor(visual().brand["muted_text"])
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.client} — {row.title}\nLead assessor: {row.lead_assessor}\n" \
                   f"Framework: {row.framework_id} {row.framework_version}\nID: {row.id}"
        return None

    def _display(self, row: EngagementSummary, column: Column) -> str:
        if column == Column.CLIENT:
            return row.client
        if column == Column.SITE:
            return row.site
        if column == Column.TITLE:
            return row.title
        if column == Column.DATES:
            return date_range(row.start_date, row.end_date)
        if column == Column.STATUS:
            text = STATUS_TEXT.get(row.status, str(row.status))
            return f"{text} (archived)" if row.archived else text
        if column == Column.SCORE:
            return "" if row.total is None else f"{row.total:.1f}"
        if row.level is None:
            return ""
        return f"{row.level} {self._levels.get(row.level, '')}".strip()


class EngagementFilterProxy(QSortFilterProxyModel):
    """Case-insensitive search over every column; numeric sorting of score and level."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
