"""The dashboard's change since the baseline: the largest gains and falls, and every element.

Figures come from a core `Comparison`, rounded only for display; an element N/A or not
assessed in either year says so instead of showing a change.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.comparison import Change, ChangeState, Comparison, TrendPoint
from workbench.core.display import DASH, change_text, percent_text
from workbench.core.framework import Framework
from workbench.core.scoring import Status
from workbench.gui.theme import GRID, heading, muted_label
from workbench.gui.widgets.trend_chart import TrendChart

MAX_CHANGES = 5
STATE_TEXT = {ChangeState.NOT_APPLICABLE: "N/A", ChangeState.NOT_ASSESSED: "Not assessed",
              ChangeState.ADDED: "New in this framework",
              ChangeState.REMOVED: "Not in this framework"}
_HEADERS = ["Element", "Baseline", "Now", "Change"]


def _figure(change: Change, baseline: bool) -> str:
    figure = change.baseline if baseline else change.current
    if figure is None:
        return DASH
    if figure.status is Status.NOT_ASSESSED:
        return "Not assessed"
    return f"{percent_text(figure.percent)} · L{figure.level}" if figure.level else \
        percent_text(figure.percent)


def change_cell(change: Change) -> str:
    if change.compared:
        return f"{change_text(change.points)} pts"
    return STATE_TEXT[change.state]


def _table(parent: QWidget) -> QTableWidget:
    table = QTableWidget(0, len(_HEADERS), parent)
    table.setHorizontalHeaderLabels(_HEADERS)
    table.verticalHeader().hide()
    table.setWordWrap(False)  # one line a row, the full title in the tooltip
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    for column in range(1, len(_HEADERS)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    return table


def _fill(table: QTableWidget, rows: Sequence[Change]) -> None:
    table.setRowCount(len(rows))
    for n, change in enumerate(rows):
        cells = [f"{change.code}  {change.name}", _figure(change, True), _figure(change, False),
                 change_cell(change)]
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if column:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(n, column, item)
    height = table.horizontalHeader().sizeHint().height() + sum(
        table.rowHeight(n) for n in range(len(rows))) + 2 * table.frameWidth()
    table.setFixedHeight(height)
    table.setVisible(bool(rows))


class ChangeSection(QWidget):
    """"Change since …": largest changes beside every element's change.

    Signals: element_activated(str): the user double-clicked an element's row.
    """

    element_activated = Signal(str)

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GRID)
        self.title = heading("Change since the baseline", 1, self)
        layout.addWidget(self.title)
        self.note = muted_label("", self)
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        grid = QGridLayout()
        grid.setHorizontalSpacing(3 * GRID)
        grid.setVerticalSpacing(GRID)
        grid.addWidget(heading("Largest changes", 0, self), 0, 0)
        grid.addWidget(heading("Change per element", 0, self), 0, 1)
        self.largest = _table(self)
        self.largest.setObjectName("largestChanges")
        self.no_changes = muted_label("No element gained or fell since the baseline.", self)
        left = QVBoxLayout()
        left.addWidget(self.largest)
        left.addWidget(self.no_changes)
        left.addStretch(1)
        grid.addLayout(left, 1, 0)
        self.per_element = _table(self)
        self.per_element.setObjectName("elementChanges")
        right = QVBoxLayout()
        right.addWidget(self.per_element)
        right.addStretch(1)
        grid.addLayout(right, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.trend_title = heading("Trend", 0, self)
        self.trend = TrendChart(framework, self)
        layout.addWidget(self.trend_title)
        layout.addWidget(self.trend)
        self.largest_codes: list[str] = []
        self.element_codes: list[str] = []
        self.largest.cellDoubleClicked.connect(
            lambda row, _c: self._activate(self.largest_codes, row))
        self.per_element.cellDoubleClicked.connect(
            lambda row, _c: self._activate(self.element_codes, row))

    def show_comparison(self, comparison: Comparison, since: str,
                        trend: Sequence[TrendPoint] = ()) -> None:
        self.title.setText(f"Change since {since}")
        self.trend.set_points(trend)
        self.trend_title.setText(f"Trend over {len(trend)} assessments")
        self.trend_title.setVisible(len(trend) >= 3)
        self.trend.setVisible(len(trend) >= 3)
        gains, falls = comparison.largest(MAX_CHANGES)
        rows = [*gains, *falls]
        self.largest_codes = [c.code for c in rows]
        _fill(self.largest, rows)
        self.no_changes.setVisible(not rows)
        self.element_codes = [c.code if c.state is not ChangeState.REMOVED else ""
                              for c in comparison.elements]
        _fill(self.per_element, comparison.elements)
        self.note.setText(self._note(comparison))

    @staticmethod
    def _note(comparison: Comparison) -> str:
        total = comparison.total
        parts = [f"Total {change_cell(total)}" + (
            f" ({total.percent:+.1f} percentage points)" if total.percent is not None else "")]
        codes = comparison.codes
        if not codes.same_framework:
            parts.append(f"framework {comparison.baseline_framework[0]} "
                         f"{comparison.baseline_framework[1]} → "
                         f"{comparison.current_framework[0]} "
                         f"{comparison.current_framework[1]}: only codes in both are compared")
        for label, found in (("added", codes.added), ("removed", codes.removed)):
            listed = found.get("element", ())
            if listed:
                parts.append(f"elements {label}: {', '.join(listed)}")
        renamed = [f"{r.old} → {r.new}" for r in codes.renamed if r.kind == "element"]
        if renamed:
            parts.append("renamed: " + ", ".join(renamed))
        return "; ".join(parts) + "."

    def _activate(self, codes: list[str], row: int) -> None:
        if 0 <= row < len(codes) and codes[row]:
            self.element_activated.emit(codes[row])
