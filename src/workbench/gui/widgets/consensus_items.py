"""The items of one element across the team: a row per indicator and one for the objective.

Columns: the item, each assessor's value side by side (in the level's colour), the spread,
the value the score uses now, the consensus (or the proposed default, muted) and the status.
Keyboard first: Up/Down move between items, 1–5 set a level (on the objective row, 1, 2, 3
pick the framework's achievements in order), N sets N/A, Enter accepts the proposed value,
0 / Backspace / Delete clear the consensus, Left goes back to the list of elements.
A click on an assessor's value makes it the consensus; a click on the consensus cell
accepts the proposed value.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from workbench.core.agreement import ItemAgreement, ItemStatus
from workbench.core.framework import Framework
from workbench.core.ratings import NA
from workbench.core.scoring import Source
from workbench.gui import theme
from workbench.gui.theme import GRID
from workbench.gui.widgets.tables import one_row_at_a_time

CODE_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2

STATUS_TEXT = {ItemStatus.NEEDS_CONSENSUS: "Needs consensus", ItemStatus.AGREED: "Agreed",
               ItemStatus.CONSENSUS_SET: "Consensus set", ItemStatus.SINGLE: "One rating",
               ItemStatus.UNRATED: "Unrated"}


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else name



class ConsensusItems(QTableWidget):
    """Signals:
        value_chosen(str, object): set this item's consensus to the value (None clears).
        accept_requested(str): accept the proposed value of this item.
        back_requested(): Left pressed: go back to the list of elements.
        current_item_changed(str): the item under the cursor (a code, or "").
    """

    value_chosen = Signal(str, object)
    accept_requested = Signal(str)
    back_requested = Signal()
    current_item_changed = Signal(str)

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(0, 0, parent)
        self.framework = framework
        self.assessors: tuple[str, ...] = ()
        self.entries: list[ItemAgreement] = []
        self.setObjectName("consensusItems")
        self.setAccessibleName("Indicators and objective across the team")
        one_row_at_a_time(self)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.cellClicked.connect(self._clicked)
        self.currentCellChanged.connect(lambda row, _c, _r, _p: self.current_item_changed.emit(
            self.entries[row].code if 0 <= row < len(self.entries) else ""))
        self._bold = QFont(self.font())
        self._bold.setWeight(QFont.Weight.DemiBold)

    # --- columns -----------------------------------------------------------------------
    @property
    def spread_column(self) -> int:
        return 1 + len(self.assessors)

    @property
    def used_column(self) -> int:
        return self.spread_column + 1

    @property
    def consensus_column(self) -> int:
        return self.spread_column + 2

    @property
    def status_column(self) -> int:
        return self.spread_column + 3

    def _set_columns(self, assessors: tuple[str, ...]) -> None:
        if assessors == self.assessors and self.columnCount():
            return
        self.assessors = assessors
        labels = ["Indicator", *(first_name(a) for a in assessors), "Spread", "Score uses",
                  "Consensus", "Status"]
        self.setColumnCount(len(labels))
        self.setHorizontalHeaderLabels(labels)
        for n, name in enumerate(assessors):
            header_item = self.horizontalHeaderItem(n + 1)
            if header_item is not None:
                header_item.setToolTip(name)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        metrics = self.fontMetrics()
        value_width = max([metrics.horizontalAdvance(self.short(level.key))
                           for level in self.framework.objective_levels]
                          + [metrics.horizontalAdvance("N/A")])
        widths = [max(metrics.horizontalAdvance(first_name(a)), value_width) + 2 * GRID
                  for a in assessors]
        widths += [metrics.horizontalAdvance("Spread") + 2 * GRID,
                   metrics.horizontalAdvance("Score uses") + 2 * GRID,
                   max(metrics.horizontalAdvance("Consensus"), value_width,
                       metrics.horizontalAdvance("proposed N/A")) + 2 * GRID,
                   QFontMetrics(self._bold).horizontalAdvance("Needs consensus") + 2 * GRID]
        for column, width in enumerate(widths, start=1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, width)

    # --- showing -----------------------------------------------------------------------
    def show_items(self, assessors: tuple[str, ...], items: tuple[ItemAgreement, ...],
                   reasons: dict[str, str]) -> None:
        """Show the items of one element; the cursor stays on the same item when it can."""
        keep = self.current_code()
        self._set_columns(assessors)
        self.entries = list(items)
        self.setRowCount(len(items))
        for row, item in enumerate(items):
            self._fill_row(row, item, reasons.get(item.code, ""))
        codes = [i.code for i in items]
        row = codes.index(keep) if keep in codes else self._first_open_row()
        if items:
            self.setCurrentCell(row, 0)

    def _first_open_row(self) -> int:
        for row, item in enumerate(self.entries):
            if item.status is ItemStatus.NEEDS_CONSENSUS:
                return row
        return 0

    def _fill_row(self, row: int, item: ItemAgreement, reason: str) -> None:
        if item.kind == "objective":
            element = self.framework.element_by_code[item.code]
            label, tip = "Objective", element.objective
        else:
            indicator = self.framework.indicator_by_code[item.code]
            label, tip = f"{item.code}  {indicator.text}", f"{item.code} {indicator.text}"
        first = self._cell(label, tip, item.code)
        if item.kind == "objective":
            first.setFont(self._bold)
        self.setItem(row, 0, first)
        for n, name in enumerate(self.assessors):
            value = item.values.get(name)
            cell = self._value_cell(value, item.code)
            if value is not None:
                cell.setToolTip(f"{name}: {self.describe(value)}. Click to make it the "
                                "consensus.")
            self.setItem(row, n + 1, cell)
        spread = self._cell("–" if item.spread is None else str(item.spread),
                            "Highest minus lowest value; N/A beside a level counts the "
                            "scale's full width", item.code)
        spread.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if item.spread:
            spread.setFont(self._bold)
        self.setItem(row, self.spread_column, spread)
        self.setItem(row, self.used_column, self._used_cell(item))
        self.setItem(row, self.consensus_column, self._consensus_cell(item, reason))
        status = self._cell(STATUS_TEXT[item.status], STATUS_TEXT[item.status], item.code)
        if item.status is ItemStatus.NEEDS_CONSENSUS:
            status.setFont(self._bold)
        elif item.status is not ItemStatus.CONSENSUS_SET:
            status.setForeground(QBrush(theme.muted(self)))
        self.setItem(row, self.status_column, status)

    def _cell(self, text: str, tip: str, code: str) -> QTableWidgetItem:
        cell = QTableWidgetItem(text)
        cell.setToolTip(tip)
        cell.setData(CODE_ROLE, code)
        return cell

    def _value_cell(self, value: object, code: str) -> QTableWidgetItem:
        cell = self._cell(self.short(value), "", code)
        cell.setData(VALUE_ROLE, value)
        cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if isinstance(value, int):
            cell.setBackground(QBrush(theme.level_fill(value)))
            cell.setForeground(QBrush(theme.level_text(value)))
        elif value is None:
            cell.setForeground(QBrush(theme.muted(self)))
        else:
            swatch = theme.neutral("not_applicable")
            cell.setBackground(QBrush(QColor(swatch.fill)))
            cell.setForeground(QBrush(QColor(swatch.text)))
        return cell

    def _used_cell(self, item: ItemAgreement) -> QTableWidgetItem:
        used = item.used
        if used.source is Source.MEAN:
            text = f"mean {used.fraction or 0:.0%}"
            tip = ("The assessors differ: the score uses the mean of their values until the "
                   "team sets a consensus")
        elif used.source is Source.UNRATED:
            text, tip = "–", "Nobody rated this yet"
        else:
            shown = "N/A" if used.na else self.short(used.value)
            text, tip = shown, f"{shown} ({used.source})"
        cell = self._cell(text, tip, item.code)
        cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if used.source is Source.MEAN:
            cell.setForeground(QBrush(theme.muted(self)))
        return cell

    def _consensus_cell(self, item: ItemAgreement, reason: str) -> QTableWidgetItem:
        if item.consensus is not None:
            cell = self._value_cell(item.consensus, item.code)
            cell.setFont(self._bold)
            cell.setToolTip(f"The team's consensus: {self.describe(item.consensus)}"
                            + (f"\nReason: {reason}" if reason else ""))
            return cell
        if item.proposed is None:
            return self._cell("–", "Nobody rated this yet", item.code)
        cell = self._cell(f"proposed {self.short(item.proposed)}",
                          f"Proposed: {self.describe(item.proposed)} (Enter or a click "
                          "accepts it)", item.code)
        cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        cell.setForeground(QBrush(theme.muted(self)))
        return cell

    # --- values in words -----------------------------------------------------------------
    def short(self, value: object) -> str:
        """A value in a cell: a level's number, N/A, or an achievement in a word or two."""
        if value is None:
            return "–"
        if value == NA:
            return "N/A"
        if isinstance(value, str):
            labels = {level.key: level.label for level in self.framework.objective_levels}
            if value in labels:
                # "Fully achieved", "Partially achieved": the word they share says nothing.
                last = {label.rsplit(" ", 1)[-1] for label in labels.values()}
                label = labels[value]
                if len(last) == 1 and " " in label:
                    return label.rsplit(" ", 1)[0]
                return label
        return str(value)

    def describe(self, value: object) -> str:
        if isinstance(value, int):
            return f"{value} {self.framework.scale_label(value)}"
        for level in self.framework.objective_levels:
            if level.key == value:
                return level.label
        return self.short(value)

    def keys_for(self, item: ItemAgreement) -> list[tuple[str, object]]:
        """(key, value) the keyboard offers on this item, in order."""
        if item.kind == "objective":
            return [(str(n), level.key) for n, level in
                    enumerate(self.framework.objective_levels, start=1)]
        return [(str(level.value), level.value) for level in self.framework.scale] + \
            [("N", NA)]

    # --- the cursor ----------------------------------------------------------------------
    def current_item(self) -> ItemAgreement | None:
        row = self.currentRow()
        return self.entries[row] if 0 <= row < len(self.entries) else None

    def current_code(self) -> str | None:
        item = self.current_item()
        return item.code if item else None

    def select_code(self, code: str) -> None:
        for row, item in enumerate(self.entries):
            if item.code == code:
                self.setCurrentCell(row, max(0, self.currentColumn()))

    # --- input -----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.current_item()
        key, text = event.key(), event.text().upper()
        if item is None:
            super().keyPressEvent(event)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accept_requested.emit(item.code)
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Backspace, Qt.Key.Key_Delete):
            self.value_chosen.emit(item.code, None)
        elif key == Qt.Key.Key_Left:
            self.back_requested.emit()
        elif key == Qt.Key.Key_Right:
            pass  # rows, not cells: the cursor moves up and down only
        elif text and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                            Qt.KeyboardModifier.KeypadModifier,
                                            Qt.KeyboardModifier.ShiftModifier):
            offered = dict(self.keys_for(item))
            if text in offered:
                self.value_chosen.emit(item.code, offered[text])
            else:
                super().keyPressEvent(event)
        else:
            super().keyPressEvent(event)

    def _clicked(self, row: int, column: int) -> None:
        if not 0 <= row < len(self.entries):
            return
        item = self.entries[row]
        if 1 <= column <= len(self.assessors):
            value = item.values.get(self.assessors[column - 1])
            if value is not None:
                self.value_chosen.emit(item.code, value)
        elif column == self.consensus_column and item.consensus is None \
                and item.proposed is not None:
            self.accept_requested.emit(item.code)
