"""The dashboard tab: total and level, completeness, radar, element bars, gaps, enablers,
and, when the engagement names a baseline, the change since it."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.comparison import Comparison, compare
from workbench.core.display import change_text, percent_value, score_text
from workbench.core.framework import Framework
from workbench.core.scoring import ScoreResult
from workbench.gui.theme import GRID, heading, muted_label
from workbench.gui.widgets.change_tables import ChangeSection
from workbench.gui.widgets.charts import ElementBars, EnablerBars, RadarChart
from workbench.gui.widgets.score_panel import LevelChip
from workbench.services.comparison import Baseline

MAX_GAPS = 6


class Tile(QFrame):
    """A headline figure: caption, value, and a detail line."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = self.box = QVBoxLayout(self)
        layout.setContentsMargins(2 * GRID, GRID + GRID // 2, 2 * GRID, GRID + GRID // 2)
        layout.setSpacing(GRID // 2)
        layout.addWidget(muted_label(caption, self))
        self.value = heading("—", 5, self)
        layout.addWidget(self.value)
        self.detail = muted_label("", self)
        self.detail.setWordWrap(True)
        layout.addWidget(self.detail)


class LinkTile(Tile):
    """A tile that opens a screen: a click, or Enter / Space when it has the focus."""

    activated = Signal()

    def __init__(self, caption: str, tip: str, parent: QWidget | None = None) -> None:
        super().__init__(caption, parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setToolTip(tip)
        self.setAccessibleName(caption.capitalize())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.activated.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activated.emit()
        else:
            super().keyPressEvent(event)


class DashboardView(QScrollArea):
    """Figures straight from the ScoreResult of services.scores, rounded only for display.

    Signals:
        element_activated(str): the user double-clicked a gap; show that element.
        consensus_requested(): the user clicked the "Needs consensus" tile.
        site_visit_requested(): the user clicked the "Site visit" tile.
    """

    element_activated = Signal(str)
    consensus_requested = Signal()
    site_visit_requested = Signal()

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.result: ScoreResult | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(3 * GRID, 2 * GRID, 3 * GRID, 3 * GRID)
        layout.setSpacing(2 * GRID)

        layout.addLayout(self._tiles(body))
        layout.addLayout(self._charts(body))
        layout.addLayout(self._lower(body))
        self.changes = ChangeSection(framework, body)
        self.changes.element_activated.connect(self.element_activated)
        self.changes.hide()
        layout.addWidget(self.changes)
        layout.addStretch(1)
        self._gap_codes: list[str] = []
        self.baseline: Baseline | None = None
        self.comparison: Comparison | None = None

    def _tiles(self, body: QWidget) -> QHBoxLayout:
        tiles = QHBoxLayout()
        tiles.setSpacing(2 * GRID)
        self.total = Tile("TOTAL SCORE", body)
        self.level = Tile("ORGANISATION LEVEL", body)
        self.level_chip = LevelChip(self.level)
        self.level.box.addWidget(self.level_chip)
        self.completeness = Tile("COMPLETENESS", body)
        self.consensus = LinkTile("NEEDS CONSENSUS", "Open the consensus screen", body)
        self.consensus.activated.connect(self.consensus_requested)
        self.site_visit = LinkTile("SITE VISIT", "Open the site-visit log: interviews and "
                                   "documents reviewed", body)
        self.site_visit.activated.connect(self.site_visit_requested)
        for tile in (self.total, self.level, self.completeness, self.consensus,
                     self.site_visit):
            tiles.addWidget(tile, 1)
        return tiles

    def set_site_log(self, interviews: int, documents: int) -> None:
        """The site-visit tile: interviews held, documents reviewed."""
        self.site_visit.value.setText(str(interviews))
        self.site_visit.detail.setText(
            f"interview{'s' if interviews != 1 else ''} · {documents} document"
            f"{'s' if documents != 1 else ''} reviewed")

    def _charts(self, body: QWidget) -> QGridLayout:
        charts = QGridLayout()
        charts.setHorizontalSpacing(3 * GRID)
        charts.setVerticalSpacing(GRID)
        charts.addWidget(heading("Maturity profile", 1, body), 0, 0)
        charts.addWidget(heading("Elements", 1, body), 0, 1)
        self.radar = RadarChart(self.framework, body)
        self.bars = ElementBars(self.framework, body)
        charts.addWidget(self.radar, 1, 0)
        charts.addWidget(self.bars, 1, 1)
        charts.setColumnStretch(0, 4)
        charts.setColumnStretch(1, 6)
        return charts

    def _lower(self, body: QWidget) -> QGridLayout:
        """The largest gaps to target and the enablers."""
        lower = QGridLayout()
        lower.setHorizontalSpacing(3 * GRID)
        lower.setVerticalSpacing(GRID)
        lower.addWidget(heading("Largest gaps to target", 1, body), 0, 0)
        if self.framework.enablers:
            lower.addWidget(heading("Framework enablers", 1, body), 0, 1)
        self.gaps = QTableWidget(0, 4, body)
        self.gaps.setHorizontalHeaderLabels(["Element", "Current", "Target", "Gap"])
        self.gaps.verticalHeader().hide()
        self.gaps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.gaps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.gaps.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.gaps.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.gaps.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.gaps.cellDoubleClicked.connect(self._gap_activated)
        self.no_gaps = muted_label("No element is below its target yet, or no target is set.",
                                   body)
        gaps_box = QVBoxLayout()
        gaps_box.addWidget(self.gaps)
        gaps_box.addWidget(self.no_gaps)
        gaps_box.addStretch(1)
        lower.addLayout(gaps_box, 1, 0)
        self.enablers = EnablerBars(self.framework, body)
        enablers_box = QVBoxLayout()
        enablers_box.addWidget(self.enablers)
        enablers_box.addStretch(1)
        lower.addLayout(enablers_box, 1, 1)
        lower.setColumnStretch(0, 1)
        lower.setColumnStretch(1, 1)
        return lower

    def set_baseline(self, baseline: Baseline | None) -> None:
        """The engagement this one is compared with (None: no baseline); shown at once."""
        self.baseline = baseline
        if self.result is not None:
            self.set_result(self.result)

    def level_text(self, level: int | None) -> str:
        return "—" if level is None else f"{level} {self.framework.band_label(level)}"

    def set_result(self, result: ScoreResult) -> None:
        self.result = result
        self.total.value.setText(f"{score_text(result.total)}")
        if result.applicable_max != result.max:
            self.total.detail.setText(f"of {result.max:g} · normalised "
                                      f"{score_text(result.normalized_total)} "
                                      f"({result.applicable_max:g} applicable)")
        else:
            self.total.detail.setText(f"of {result.max:g} points")
        self.level.value.setText("—" if result.level is None else str(result.level))
        self.level.detail.setText("" if result.level is None
                                  else self.framework.band_label(result.level))
        self.level_chip.set_level(result.level, self.level_text(result.level))
        self.level_chip.hide()
        self.completeness.value.setText(f"{percent_value(result.completeness * 100)}%")
        self.completeness.detail.setText(f"{result.complete_elements} of "
                                         f"{len(result.elements)} elements complete")
        disputed = result.needs_consensus
        self.consensus.value.setText(str(len(disputed)))
        self.consensus.detail.setText(", ".join(disputed[:6]) + (" …" if len(disputed) > 6
                                                                 else "")
                                      if disputed else "The assessors agree everywhere")
        self.radar.set_result(result)
        self.bars.set_result(result)
        self.enablers.set_result(result)
        self._show_gaps(result)
        self._show_change(result)

    def _show_change(self, result: ScoreResult) -> None:
        b = self.baseline
        self.comparison = None if b is None else compare(b.framework, b.result,
                                                         self.framework, result)
        c = self.comparison
        if b is None or c is None:
            self.radar.set_baseline(None)
            self.bars.set_changes(None)
            self.changes.hide()
            return
        since = b.side.since
        self.radar.set_baseline({d.code: d.baseline.percent if d.baseline else None
                                 for d in c.dimensions}, b.side.label)
        self.bars.set_changes({e.code: e for e in c.elements})
        self.changes.show_comparison(c, since, b.trend)
        self.changes.show()
        total = change_text(c.total.points) if c.total.compared else "no change shown"
        normalised = "normalised " if result.applicable_max != result.max else ""
        self.total.detail.setText(f"{self.total.detail.text()}\n{normalised}{total} since "
                                  f"{since}")

    def largest_gaps(self, result: ScoreResult) -> list[tuple[str, int, int, int]]:
        """(element, current level, target, gap) of elements below target, largest first."""
        rows = [(e.code, e.level, e.target, e.gap) for e in result.elements.values()
                if e.gap is not None and e.gap > 0 and e.level is not None
                and e.target is not None]
        rows.sort(key=lambda r: (-r[3], r[0]))
        return [(c, int(lv), int(t), int(g)) for c, lv, t, g in rows[:MAX_GAPS]]

    def _show_gaps(self, result: ScoreResult) -> None:
        rows = self.largest_gaps(result)
        self._gap_codes = [r[0] for r in rows]
        self.gaps.setRowCount(len(rows))
        for n, (code, level, target, gap) in enumerate(rows):
            title = self.framework.element_by_code[code].title
            cells = [f"{code}  {title}", self.level_text(level), self.level_text(target),
                     f"+{gap}"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{code} {title}" if column == 0 else text)
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.gaps.setItem(n, column, item)
        self.gaps.resizeRowsToContents()
        height = self.gaps.horizontalHeader().sizeHint().height() + sum(
            self.gaps.rowHeight(n) for n in range(len(rows))) + 2 * self.gaps.frameWidth()
        self.gaps.setFixedHeight(height)
        self.gaps.setVisible(bool(rows))
        self.no_gaps.setVisible(not rows)

    def _gap_activated(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._gap_codes):
            self.element_activated.emit(self._gap_codes[row])


