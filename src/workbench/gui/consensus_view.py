"""The consensus screen: where the team compares its ratings and records the agreed values.

Top: the summary line (elements that need consensus, agreed, inter-rater agreement and
kappa). Left: the elements that need consensus, largest disagreement first (the order is
kept while the team works, so a settled element stays in place, marked done). Right: the
chosen element's items across the team (widgets/consensus_items.py) and what each assessor
wrote (widgets/team_evidence.py). Every consensus value goes through `SetConsensus` on the
current assessor's undo history, so it is undoable and committed at once like any edit; a
value that differs from every assessor's asks for the reason first.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.agreement import ElementStatus, ItemAgreement, ItemStatus
from workbench.core.ratings import IndicatorValue
from workbench.gui import theme
from workbench.gui.context import EngagementContext
from workbench.gui.ops import Op, Reading
from workbench.gui.theme import GRID, heading, muted_label
from workbench.gui.undo import SetConsensus, SetValue
from workbench.gui.widgets.consensus_items import ConsensusItems
from workbench.gui.widgets.tables import one_row_at_a_time
from workbench.gui.widgets.team_evidence import TeamEvidence
from workbench.services import consensus
from workbench.services.consensus import ConsensusOverview, ElementConsensus
from workbench.services.session import Change, ChangeKind

LIST_WIDTH = 248
KEYS_HINT = ("1–5 set · N N/A · Enter accepts the proposed value · 0 clears · "
             "Up/Down move · Left back to the list")


class ReasonDialog(QDialog):
    """Why the team chose a value none of the assessors gave."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Reason for the Consensus")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * GRID, 2 * GRID, 3 * GRID, 2 * GRID)
        label = QLabel(text, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("e.g. the documents seen on day two settle it")
        self.reason.setMaxLength(2_000)
        layout.addWidget(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, parent=self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Set Consensus")
        ok.setEnabled(False)
        self.reason.textChanged.connect(lambda t: ok.setEnabled(bool(t.strip())))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)


def ask_reason(parent: QWidget, text: str) -> str | None:
    """The reason the team gives, or None when cancelled (tests replace this)."""
    dialog = ReasonDialog(text, parent)
    if dialog.exec():
        return dialog.reason.text().strip()
    return None


class ElementList(QTableWidget):
    """The elements to settle: code and title, open items, spread. Right enters the items."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("consensusElements")
        self.setAccessibleName("Elements that need consensus")
        self.setHorizontalHeaderLabels(["Element", "Open", "Spread"])
        for column, tip in ((1, "Items still to settle"),
                            (2, "The sum of the items' spreads before consensus")):
            header_item = self.horizontalHeaderItem(column)
            if header_item is not None:
                header_item.setToolTip(tip)
        one_row_at_a_time(self)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, self.fontMetrics().horizontalAdvance("Spread")
                                 + 2 * GRID)
        self.codes: list[str] = []
        self.enter: Callable[[], None] = lambda: None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enter()
        else:
            super().keyPressEvent(event)


class ConsensusView(QWidget):
    """The consensus screen of one engagement (a tab of the workspace).

    Signals:
        element_shown(str): the screen now shows this element (the navigator follows).
    """

    element_shown = Signal(str)

    def __init__(self, context: EngagementContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.overview: ConsensusOverview | None = None
        self._order: list[str] = []  # the list's elements, in the order first shown
        self._stale = True
        self.read_only = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * GRID, 2 * GRID, 3 * GRID, GRID)
        layout.setSpacing(GRID)
        layout.addLayout(self._top_line())
        self.pages = QStackedWidget(self)
        layout.addWidget(self.pages, 1)
        self.empty = muted_label("", self.pages)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.pages.addWidget(self.empty)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self.pages)
        self.splitter.setChildrenCollapsible(False)
        self.pages.addWidget(self.splitter)

        self.elements = ElementList(self.splitter)
        self.elements.setMinimumWidth(200)
        self.elements.currentCellChanged.connect(lambda row, _c, _r, _p: self._show_row(row))
        self.elements.enter = self.focus_items
        self._detail_pane()
        self.vertical.setStretchFactor(0, 3)
        self.vertical.setStretchFactor(1, 2)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([LIST_WIDTH, 900])
        self.setFocusProxy(self.items)

        context.changed.connect(self._changed)
        context.reloaded.connect(self._mark_stale)
        context.assessor_changed.connect(lambda _n: self._show_evidence())
        context.details_changed.connect(self._mark_stale)

    def _top_line(self) -> QHBoxLayout:
        top = QHBoxLayout()
        self.summary = heading("", 2, self)
        self.summary.setObjectName("consensusSummary")
        top.addWidget(self.summary, 1)
        self.show_all = QCheckBox("Show settled elements", self)
        self.show_all.setToolTip("List every element rated by two or more assessors, to "
                                 "revisit a value")
        self.show_all.toggled.connect(lambda _on: self._rebuild_list())
        top.addWidget(self.show_all)
        return top

    def _detail_pane(self) -> None:
        """The chosen element: its title, the items across the team, the evidence."""
        right = QWidget(self.splitter)
        box = QVBoxLayout(right)
        box.setContentsMargins(2 * GRID, 0, 0, 0)
        box.setSpacing(GRID // 2)
        self.title = heading("", 1, right)
        self.title.setWordWrap(True)
        box.addWidget(self.title)
        self.keys = muted_label(KEYS_HINT, right)
        self.keys.setWordWrap(True)
        box.addWidget(self.keys)
        self.vertical = QSplitter(Qt.Orientation.Vertical, right)
        self.vertical.setChildrenCollapsible(False)
        upper = QWidget(self.vertical)
        upper_box = QVBoxLayout(upper)
        upper_box.setContentsMargins(0, 0, 0, 0)
        upper_box.setSpacing(GRID // 2)
        self.items = ConsensusItems(self.context.framework, upper)
        self.items.value_chosen.connect(self.set_value)
        self.items.accept_requested.connect(self.accept_proposed)
        self.items.back_requested.connect(self.elements.setFocus)
        self.items.current_item_changed.connect(lambda _code: self._show_detail())
        upper_box.addWidget(self.items, 1)
        self.detail = muted_label("", upper)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        upper_box.addWidget(self.detail)
        self.evidence = TeamEvidence(self.vertical)
        self.evidence.save_requested.connect(self._save_notes)
        box.addWidget(self.vertical, 1)

    # --- loading ---------------------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        if change.kind in (ChangeKind.INDICATOR, ChangeKind.OBJECTIVE, ChangeKind.CONSENSUS,
                           ChangeKind.NOTES, ChangeKind.FINDINGS, ChangeKind.INDICATOR_NOTE,
                           ChangeKind.ASSESSORS, ChangeKind.RATINGS_IMPORTED):
            if change.kind is ChangeKind.NOTES:
                self.evidence.forget()
            self._mark_stale()

    def _mark_stale(self) -> None:
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self, restart: bool = False) -> None:
        """Read the team's values afresh; `restart` orders the list by disagreement again."""
        eid = self.context.engagement_id
        loaded = Op(self, Reading(self.context.session),
                    lambda s: consensus.overview(s, eid)).run()
        if loaded is None:
            return
        self._stale = False
        self.overview = loaded
        if restart:
            self._order = []
        self.summary.setText(loaded.summary)
        self._rebuild_list()

    def _rebuild_list(self) -> None:
        view = self.overview
        if view is None:
            return
        self._order += [e.code for e in view.needing if e.code not in self._order]
        shown = list(self._order)
        if self.show_all.isChecked():
            shown += [e.code for e in view.elements if e.code not in shown
                      and e.status in (ElementStatus.AGREED, ElementStatus.CONSENSUS_SET)]
        keep = self.current_element()
        table = self.elements
        table.blockSignals(True)
        table.setRowCount(len(shown))
        table.codes = shown
        for row, code in enumerate(shown):
            self._fill_element_row(row, view.element(code))
        table.blockSignals(False)
        if not shown:
            self.pages.setCurrentWidget(self.empty)
            self.empty.setText(self._empty_text(view))
            return
        self.pages.setCurrentWidget(self.splitter)
        row = shown.index(keep) if keep in shown else 0
        table.setCurrentCell(row, 0)
        self._show_row(row)

    @staticmethod
    def _empty_text(view: ConsensusOverview) -> str:
        if len(view.assessors) < 2:
            return ("Consensus needs two or more assessors; this engagement has one. Add "
                    "colleagues with Engagement ▸ Edit Details.")
        return ("No element needs consensus: the assessors agree wherever two or more of "
                "them rated. Tick “Show settled elements” to revisit a value.")

    def _fill_element_row(self, row: int, element: ElementConsensus) -> None:
        settled = element.status is not ElementStatus.NEEDS_CONSENSUS
        name = QTableWidgetItem(f"{'✓ ' if settled else ''}{element.code}  {element.title}")
        name.setToolTip(f"{element.code} {element.title}\n{element.status}")
        open_items = QTableWidgetItem(str(element.agreement.open_items))
        spread = QTableWidgetItem(str(element.agreement.total_spread))
        for cell in (open_items, spread):
            cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        if settled:
            for cell in (name, open_items, spread):
                cell.setForeground(QBrush(theme.muted(self)))
        else:
            font = QFont(self.font())
            font.setWeight(QFont.Weight.DemiBold)
            open_items.setFont(font)
        for column, cell in enumerate((name, open_items, spread)):
            self.elements.setItem(row, column, cell)

    # --- showing one element ---------------------------------------------------------------
    def current_element(self) -> str | None:
        row = self.elements.currentRow()
        return self.elements.codes[row] if 0 <= row < len(self.elements.codes) else None

    def _show_row(self, row: int) -> None:
        code = self.elements.codes[row] if 0 <= row < len(self.elements.codes) else None
        if code is None or self.overview is None:
            return
        element = self.overview.element(code)
        self.title.setText(f"{element.code}  {element.title} — {element.status}")
        self.items.show_items(self.overview.assessors, element.items, dict(element.reasons))
        self._show_detail()
        self._show_evidence()
        self.element_shown.emit(code)

    def _show_evidence(self) -> None:
        code = self.current_element()
        if code is None or self.overview is None:
            return
        self.evidence.show_evidence(code, self.overview.element(code).evidence,
                                    self.context.assessor)

    def _show_detail(self) -> None:
        item = self.items.current_item()
        code = self.current_element()
        if item is None or code is None or self.overview is None:
            self.detail.setText("")
            return
        reason = self.overview.element(code).reasons.get(item.code, "")
        framework = self.context.framework
        if item.kind == "objective":
            text = f"Objective: {framework.element_by_code[item.code].objective}"
            keys = ", ".join(f"{k} {self.items.describe(v)}"
                             for k, v in self.items.keys_for(item))
            parts = [f"Keys on the objective: {keys}"]
        else:
            text = f"{item.code}  {framework.indicator_by_code[item.code].text}"
            parts = []
        if item.proposed is not None and item.consensus is None:
            parts.append(f"Enter accepts {self.items.describe(item.proposed)}")
        if reason:
            parts.append(f"Reason: {reason}")
        self.detail.setText(text + ("\n" + " · ".join(parts) if parts else ""))

    def select_element(self, code: str) -> None:
        """Show one element (from the navigator's icon, the dashboard or an undo)."""
        if self.overview is None or self._stale:
            self.refresh()
        view = self.overview
        if view is None or not any(code == e.code for e in view.elements):
            return
        if code not in self.elements.codes:  # a settled element: listed below the rest
            self._order.append(code)
            self._rebuild_list()
        self.elements.setCurrentCell(self.elements.codes.index(code), 0)

    def focus_items(self) -> None:
        self.items.setFocus()
        if self.items.currentRow() < 0 and self.items.rowCount():
            self.items.setCurrentCell(0, 0)

    def step_element(self, step: int) -> None:
        codes = self.elements.codes
        if codes:
            row = max(0, min(len(codes) - 1, self.elements.currentRow() + step))
            self.elements.setCurrentCell(row, 0)
            self.focus_items()

    # --- setting values --------------------------------------------------------------------
    def set_read_only(self, locked: bool, message: str = "") -> None:
        """A signed-off engagement: the team's values can be read, not changed."""
        self.read_only = locked
        self.keys.setText(message if locked else KEYS_HINT)
        self.evidence.agreed.setReadOnly(locked)
        self.evidence.save.setEnabled(not locked)

    def _item(self, code: str) -> ItemAgreement | None:
        return next((i for i in self.items.entries if i.code == code), None)

    def set_value(self, code: str, chosen: object) -> None:
        """Record the team's value for one item (asks the reason when nobody gave it)."""
        value = cast(IndicatorValue | str | None, chosen)
        item, element = self._item(code), self.current_element()
        if item is None or element is None or self.read_only:
            return
        if value == item.consensus:
            return
        reason = ""
        if value is not None and value not in item.ratings:
            given = ", ".join(sorted({self.items.short(v) for v in item.ratings})) or "nothing"
            where = "the objective of " + element if item.kind == "objective" else code
            asked = ask_reason(self, f"No assessor gave {self.items.describe(value)} for "
                                     f"{where} (they said {given}). Why does the team "
                                     "choose it?")
            if asked is None:
                return
            reason = asked
        self.context.undo_stack.push(SetConsensus(self.context, element, code, value, reason))
        self.items.select_code(code)

    def accept_proposed(self, code: str) -> None:
        item = self._item(code)
        if item is None or item.proposed is None:
            return
        self.set_value(code, item.proposed)
        self._next_open(code)

    def _next_open(self, code: str) -> None:
        """After Enter, on to the next item that still needs the team's word."""
        codes = [i.code for i in self.items.entries]
        start = codes.index(code) + 1 if code in codes else 0
        for item in self.items.entries[start:]:
            if item.consensus is None and item.status is ItemStatus.NEEDS_CONSENSUS:
                self.items.select_code(item.code)
                return

    def _save_notes(self, text: str) -> None:
        element = self.current_element()
        if element is not None and not self.read_only:
            self.context.undo_stack.push(SetValue.notes(self.context, element, text))
