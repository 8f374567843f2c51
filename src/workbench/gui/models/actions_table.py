"""Improvement actions of one element (or of the whole engagement) as a table."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from workbench.core import labels
from workbench.core.engagement import Action

Index = QModelIndex | QPersistentModelIndex
ID_ROLE = Qt.ItemDataRole.UserRole + 1

PRIORITY_TEXT = labels.PRIORITY
STATUS_TEXT = labels.ACTION_STATUS


class ActionColumn(IntEnum):
    ACTION = 0
    OWNER = 1
    PRIORITY = 2
    DUE = 3
    STATUS = 4


HEADERS = ("Action", "Owner", "Priority", "Due", "Status")


class ActionsModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Action] = []

    def set_actions(self, actions: list[Action]) -> None:
        self.beginResetModel()
        self._rows = list(actions)
        self.endResetModel()

    def action(self, row: int) -> Action:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ActionColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(HEADERS):
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = ActionColumn(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column == ActionColumn.ACTION:
                return item.action
            if column == ActionColumn.OWNER:
                return item.owner
            if column == ActionColumn.PRIORITY:
                return PRIORITY_TEXT.get(item.priority, str(item.priority))
            if column == ActionColumn.DUE:
                return item.due_date or ""
            return STATUS_TEXT.get(item.status, str(item.status))
        if role == ID_ROLE:
            return item.id
        return None
