"""Read-only tables of rows chosen one at a time: the Frameworks and Trusted Certificates
dialogs (`row_table`), the consensus lists (`one_row_at_a_time`)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget

from workbench.gui.theme import GRID


def row_table(columns: Sequence[str], stretch: int, parent: QWidget | None = None
              ) -> QTableWidget:
    """Columns sized to their contents except `stretch`, which takes the rest; rows are
    selected whole, one at a time, and never edited in place."""
    table = QTableWidget(0, len(columns), parent)
    table.setHorizontalHeaderLabels(list(columns))
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = table.horizontalHeader()
    for n in range(len(columns)):
        header.setSectionResizeMode(n, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def one_row_at_a_time(table: QTableWidget) -> None:
    """A read-only table of one-line rows, picked a whole row at a time, without row numbers."""
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setWordWrap(False)
    table.verticalHeader().setDefaultSectionSize(4 * GRID)
