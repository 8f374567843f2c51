"""The live score beside the form: element, dimension and total, with their levels."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from workbench.core.display import percent_value, score_text
from workbench.core.framework import Framework
from workbench.core.scoring import ElementScore, EnablerScore, ScoreResult, Status
from workbench.gui import theme
from workbench.gui.theme import GRID, heading, muted_label


class LevelChip(QWidget):
    """A small rounded badge in the level's colour, with its number and name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._level: int | None = None
        self._text = "—"
        self._dashed = False
        self.setFixedHeight(22)
        self.setMinimumWidth(96)

    def set_level(self, level: int | None, text: str, dashed: bool = False) -> None:
        self._level, self._text, self._dashed = level, text, dashed
        self.setToolTip(text)
        self.update()

    @property
    def text(self) -> str:
        return self._text

    def sizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance(self._text) + 2 * GRID, 22)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = min(self.width(), self.fontMetrics().horizontalAdvance(self._text) + 2 * GRID)
        rect = QRectF(0.5, 0.5, width - 1, self.height() - 1)
        if self._level is None:
            pen = QPen(theme.rule(self), 1, Qt.PenStyle.DashLine if self._dashed
                       else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 11, 11)
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        else:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.level_fill(self._level))
            painter.drawRoundedRect(rect, 11, 11)
            painter.setPen(theme.level_text(self._level))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._text)


class _Block(QFrame):
    """One figure: a caption, the score, its percent and the level chip."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, GRID)
        layout.setSpacing(GRID // 2)
        self.caption = muted_label(caption, self)
        self.name = QLabel(self)
        self.name.setWordWrap(True)
        self.figure = heading("—", 3, self)
        self.detail = muted_label("", self)
        self.detail.setWordWrap(True)
        self.chip = LevelChip(self)
        for widget in (self.caption, self.name, self.figure, self.detail, self.chip):
            layout.addWidget(widget)


class ScorePanel(QWidget):
    """Compact: about 232 px wide, no scrolling at 1366×768."""

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.framework = framework
        self.setMinimumWidth(208)
        self.setMaximumWidth(280)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2 * GRID, 2 * GRID, 2 * GRID, 2 * GRID)
        layout.setSpacing(GRID)
        self.element = _Block("ELEMENT", self)
        self.dimension = _Block("DIMENSION", self)
        self.total = _Block("ORGANISATION", self)
        for block in (self.element, self.dimension, self.total):
            layout.addWidget(block)
        grid = QGridLayout()
        grid.setSpacing(GRID // 2)
        self.completeness = QProgressBar(self)
        self.completeness.setRange(0, 1000)
        self.completeness.setTextVisible(False)
        self.completeness.setFixedHeight(6)
        self.completeness_text = muted_label("", self)
        grid.addWidget(muted_label("Completeness", self), 0, 0)
        grid.addWidget(self.completeness_text, 0, 1, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.completeness, 1, 0, 1, 2)
        layout.addLayout(grid)
        self.own = muted_label("", self)
        self.own.setWordWrap(True)
        layout.addWidget(self.own)
        layout.addStretch(1)
        self._code: str | None = None

    def level_text(self, level: int | None) -> str:
        return "—" if level is None else f"{level} {self.framework.band_label(level)}"

    def show_score(self, result: ScoreResult, code: str | None,
                   own_percent: float | None = None, assessor: str = "") -> None:
        self._code = code
        e = result.elements.get(code or "")
        n = result.enablers.get(code or "")
        if e is not None:
            self._show_element(result, e)
        elif n is not None:
            self._show_enabler(n)
        self._show_total(result)
        unassessed = e is not None and e.status is Status.NOT_ASSESSED
        if own_percent is not None and assessor and not unassessed:
            self.own.setText(f"{assessor}'s own ratings give this {percent_value(own_percent)}%.")
        else:
            self.own.setText("")

    def _show_element(self, result: ScoreResult, e: ElementScore) -> None:
        """The element's score, level and state, and its dimension's."""
        element = self.framework.element_by_code[e.code]
        self.element.caption.setText("ELEMENT")
        self.element.name.setText(f"{e.code} {element.title}")
        if e.status is Status.NOT_APPLICABLE:
            self.element.figure.setText("N/A")
            self.element.detail.setText("Every indicator is not applicable: its points "
                                        "leave the maximum.")
            self.element.chip.set_level(None, "N/A")
        elif e.status is Status.NOT_ASSESSED:  # never "0 %" or "1 Initial"
            self.element.figure.setText("Not assessed")
            self.element.detail.setText("Nothing rated or judged yet" + (
                f" · target {e.target}" if e.target is not None else ""))
            self.element.chip.set_level(None, "Not assessed")
        else:
            self.element.figure.setText(f"{score_text(e.score)} / {e.points:g}")
            self.element.detail.setText(self._element_detail(e.percent, e.status,
                                                             e.needs_consensus, e.target))
            self.element.chip.set_level(e.level, self.level_text(e.level),
                                        e.needs_consensus)
        dim = result.dimensions[element.dimension]
        dimension = self.framework.dimension_by_code[element.dimension]
        self.dimension.show()
        self.dimension.name.setText(f"{dimension.code} {dimension.name}")
        self.dimension.figure.setText(f"{score_text(dim.score)} / {dim.max:g}")
        pct = "—" if dim.percent is None else f"{percent_value(dim.percent)}%"
        target = f" · target {dim.target}" if dim.target is not None else ""
        self.dimension.detail.setText(f"{pct}{target}")
        self.dimension.chip.set_level(dim.level, self.level_text(dim.level))

    def _show_enabler(self, n: EnablerScore) -> None:
        enabler = self.framework.enabler_by_code[n.code]
        self.element.caption.setText("ENABLER")
        self.element.name.setText(f"{n.code} {enabler.name}")
        self.element.figure.setText(
            "N/A" if n.percent is None else f"{percent_value(n.percent)}%")
        self.element.detail.setText("Enablers are profiled, not counted in the 1000.")
        self.element.chip.set_level(n.level, self.level_text(n.level), n.needs_consensus)
        self.dimension.hide()

    def _show_total(self, result: ScoreResult) -> None:
        self.total.name.setText("Total score")
        self.total.figure.setText(f"{score_text(result.total)} / {result.max:g}")
        if result.applicable_max != result.max:
            self.total.detail.setText(f"Normalised {score_text(result.normalized_total)} of "
                                      f"{result.max:g} ({result.applicable_max:g} applicable)")
        else:
            pct = "—" if result.percent is None else f"{percent_value(result.percent)}%"
            self.total.detail.setText(pct)
        self.total.chip.set_level(result.level, self.level_text(result.level))
        self.completeness.setValue(round(result.completeness * 1000))
        self.completeness_text.setText(f"{percent_value(result.completeness * 100)}% · "
                                       f"{result.complete_elements} of {len(result.elements)}")
        self.completeness_text.setToolTip(f"{result.complete_elements} of "
                                          f"{len(result.elements)} elements fully rated and "
                                          "judged")

    @staticmethod
    def _element_detail(percent: float | None, status: Status, needs_consensus: bool,
                        target: int | None) -> str:
        words = {Status.NOT_ASSESSED: "not assessed yet", Status.INCOMPLETE: "incomplete",
                 Status.COMPLETE: "complete", Status.NOT_APPLICABLE: "not applicable"}
        parts = ["—" if percent is None else f"{percent_value(percent)}%", words[status]]
        if needs_consensus:
            parts.append("needs consensus")
        if target is not None:
            parts.append(f"target {target}")
        return " · ".join(parts)
