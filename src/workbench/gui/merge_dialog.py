"""The merge preview: what a colleague's package would change here, before anything changes.

One row per value, grouped by assessor ("Team" for the engagement's own values: consensus,
targets, actions) and element: this laptop's value → the package's, and what the merge
does. Conflicts (the value was edited on both laptops) are highlighted and say which edit
is later and wins. Apply / Cancel; with nothing to merge only Close is offered.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.merge import MergeLine
from workbench.gui import theme
from workbench.gui.theme import GRID, heading, muted_label
from workbench.services.package import MergePreview

HEADERS = ("Assessor", "Element", "What", "This laptop", "Package", "Result")
WHAT = {"indicator": "rating", "element": "element", "consensus_indicator": "consensus",
        "consensus_element": "consensus objective", "target": "target", "finding": "finding",
        "action": "action", "attachment": "attachment", "assessor": "assessor",
        "details": "details"}


def shown(value: Any) -> str:
    """A value of a merge line in a few words."""
    if value is None or value == "":
        return "—"
    if value == "na":
        return "N/A"
    if isinstance(value, dict):
        for key in ("text", "action", "file"):
            if key in value:
                return str(shown(value[key]))
        return ", ".join(f"{k} {shown(v)}" for k, v in value.items() if v not in (None, ""))
    if isinstance(value, str):
        text = " ".join(value.split())
        return text if len(text) <= 80 else text[:77] + "…"
    return str(value)


def what(line: MergeLine) -> str:
    kind = WHAT.get(line.kind, line.kind.replace("_", " "))
    if line.kind in ("indicator", "element") and line.field not in ("value", ""):
        return line.field.replace("_", " ")
    return kind


def when(stamp: str) -> str:
    """An audit time as a person reads it: "2026-11-03 14:05" (UTC)."""
    return stamp[:16].replace("T", " ") if stamp else "an unknown time"


def result(line: MergeLine) -> str:
    if not line.applied:
        return f"Conflict · yours kept ({when(line.old_stamp)} is later)"
    if line.conflict:
        return f"Conflict · theirs wins ({when(line.new_stamp)} is later)"
    if line.old is None:
        return "Added"
    if line.new is None:
        return "Removed"
    return "Updated"


def preview_rows(preview: MergePreview) -> list[MergeLine]:
    """The changes and the conflicts kept, by assessor (the team last) and element."""
    kept = [c for c in preview.conflicts if not c.applied]
    rows = list(preview.changes) + kept
    return sorted(rows, key=lambda r: (r.assessor == "", r.assessor, r.element, r.kind,
                                       r.field))


class MergePreviewDialog(QDialog):
    def __init__(self, preview: MergePreview, title: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle("Merge a Colleague's Package")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * GRID, 2 * GRID, 3 * GRID, 2 * GRID)
        layout.setSpacing(GRID)
        layout.addWidget(heading(f"Merge {preview.path.name} into {title}", 2, self))
        self._summary(layout)
        self._build_table()
        layout.addWidget(self.table, 1)
        layout.addLayout(self._bottom_line())
        self.resize(1040, 600)

    def _summary(self, layout: QVBoxLayout) -> None:
        n, c = len(self.preview.changes), len(self.preview.conflicts)
        if self.preview.has_changes:
            text = (f"{n} change{'s' if n != 1 else ''} · {c} conflict{'s' if c != 1 else ''}"
                    " — each assessor's work comes from their own laptop; where a value was "
                    "edited on both, the later edit wins.")
        else:
            text = "Nothing to merge: this laptop already has every edit in the package."
        self.summary = QLabel(text, self)
        self.summary.setObjectName("mergeSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        notes = [f"Signed revision: {r}" for r in self.preview.revisions]
        if self.preview.adopt_signed:
            notes.append("The package is signed off: its signed content replaces this copy's.")
        if notes:
            extra = muted_label("\n".join(notes), self)
            extra.setWordWrap(True)
            layout.addWidget(extra)

    def _build_table(self) -> None:
        self.rows = preview_rows(self.preview)
        self.table = QTableWidget(len(self.rows), len(HEADERS), self)
        self.table.setObjectName("mergeTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setDefaultSectionSize(4 * GRID)
        self._fill()
        header = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        strong = QFont(self.font())
        strong.setWeight(QFont.Weight.DemiBold)
        bold_metrics = QFontMetrics(strong)
        widths = {0: metrics.horizontalAdvance("Zoë Lindqvist") + 3 * GRID,
                  1: metrics.horizontalAdvance("D6.5.10") + 3 * GRID,
                  2: metrics.horizontalAdvance("consensus") + 3 * GRID,
                  5: bold_metrics.horizontalAdvance("Conflict · theirs wins (2026-11-03 14:05 "
                                                    "is later)") + 3 * GRID}
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.setVisible(bool(self.rows))
        self.table.setCurrentIndex(QModelIndex())  # no cell looks chosen before a pick

    def _bottom_line(self) -> QHBoxLayout:
        bottom = QHBoxLayout()
        self.conflicts_only = QCheckBox("Show conflicts only", self)
        self.conflicts_only.setEnabled(any(r.conflict or not r.applied for r in self.rows))
        self.conflicts_only.toggled.connect(self._filter)
        bottom.addWidget(self.conflicts_only)
        bottom.addStretch(1)
        if self.preview.has_changes:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply
                                       | QDialogButtonBox.StandardButton.Cancel, parent=self)
            apply = buttons.button(QDialogButtonBox.StandardButton.Apply)
            apply.setText("Apply Merge")
            apply.setDefault(True)
            apply.clicked.connect(self.accept)
        else:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        bottom.addWidget(buttons)
        return bottom

    def _fill(self) -> None:
        bold = QFont(self.font())
        bold.setWeight(QFont.Weight.DemiBold)
        tint = theme.accent()
        tint.setAlphaF(0.16)  # a quiet wash of the brand accent, readable light or dark
        for row, line in enumerate(self.rows):
            cells = [line.assessor or "Team", line.element or "—", what(line),
                     shown(line.old), shown(line.new), result(line)]
            flagged = line.conflict or not line.applied
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(line.text())
                if flagged:
                    item.setBackground(QBrush(tint))
                    if column == 5:
                        item.setFont(bold)
                if column == 3 and line.applied and line.old is not None and not flagged:
                    item.setForeground(QBrush(theme.muted(self.table)))
                self.table.setItem(row, column, item)

    def _filter(self, only: bool) -> None:
        for row, line in enumerate(self.rows):
            self.table.setRowHidden(row, only and line.applied and not line.conflict)


def confirm_merge(parent: QWidget | None, preview: MergePreview, title: str) -> bool:
    """Show the preview; True when the user applies it (tests replace this)."""
    return bool(MergePreviewDialog(preview, title, parent).exec())
