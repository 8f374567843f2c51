"""The scoring form of one element (or enabler): objective, indicators, evidence, actions.

Every edit goes through an undo command or a service call on the context; the form
shows what was committed when the Change comes back, and refreshes only that part.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from workbench.core.engagement import FindingKind
from workbench.core.errors import WorkbenchError
from workbench.core.ratings import NA, IndicatorValue
from workbench.gui import undo
from workbench.gui.context import EngagementContext
from workbench.gui.tasks import TaskRunner
from workbench.gui.theme import GRID, heading, muted_label, set_muted, set_shown
from workbench.gui.widgets.actions_section import ActionsSection
from workbench.gui.widgets.attachments_section import AttachmentsSection
from workbench.gui.widgets.autosave import AutosaveTextEdit
from workbench.gui.widgets.findings import FindingsEditor
from workbench.gui.widgets.indicator_row import IndicatorRow
from workbench.gui.widgets.objective_panel import ObjectivePanel
from workbench.gui.widgets.site_visit_section import SiteVisitSection
from workbench.services import assessment
from workbench.services.session import Change, ChangeKind


def _section(title: str, parent: QWidget) -> QLabel:
    label = heading(title, 1, parent)
    label.setContentsMargins(0, GRID, 0, 0)
    return label


class ElementForm(QScrollArea):
    """Scrolls vertically only; every part fits the width it is given.

    Signals:
        rated(str): an indicator was rated from this form (its code).
    """

    rated = Signal(str)

    def __init__(self, context: EngagementContext, runner: TaskRunner,
                 parent: QWidget | None = None, autosave_ms: int = 600) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        self.framework = context.framework
        self.code: str | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(self)
        body.setObjectName("formBody")
        self.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(3 * GRID, 2 * GRID, 3 * GRID, 4 * GRID)
        layout.setSpacing(GRID)
        self.body_layout = layout
        self._build_header(body)
        self.objective_box = ObjectivePanel(self.framework, body)
        self.objective_box.judged.connect(self._judge)
        self.objective_box.target_chosen.connect(self._target_chosen)
        layout.addWidget(self.objective_box)
        self._build_indicators(body)
        self._build_evidence(body, autosave_ms)
        layout.addWidget(_section("Site visit", body))
        self.site_visit = SiteVisitSection(context, body)
        layout.addWidget(self.site_visit)
        layout.addWidget(_section("Attachments", body))
        self.attachments = AttachmentsSection(context, runner, body)
        layout.addWidget(self.attachments)
        layout.addWidget(_section("Improvement actions", body))
        self.actions_panel = ActionsSection(context, body)
        layout.addWidget(self.actions_panel)
        layout.addStretch(1)
        context.changed.connect(self.on_change)
        context.assessor_changed.connect(lambda _name: self.reload())
        context.flush_requested.connect(self.flush)
        context.reloaded.connect(self.reload)

    @property
    def objective_buttons(self) -> dict[str, QPushButton]:
        return self.objective_box.buttons

    @property
    def target(self) -> QComboBox:
        return self.objective_box.target

    def _build_header(self, body: QWidget) -> None:
        """The read-only banner, then the title prominent and the code muted above it."""
        self.banner = QLabel(body)
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setContentsMargins(GRID, GRID, GRID, GRID)
        self.banner.hide()
        self.context_line = muted_label("", body)
        self.title = heading("", 4, body)
        self.title.setWordWrap(True)
        for widget in (self.banner, self.context_line, self.title):
            self.body_layout.addWidget(widget)

    def _build_indicators(self, body: QWidget) -> None:
        head = QHBoxLayout()
        head.addWidget(_section("Maturity indicators", body))
        head.addStretch(1)
        self.indicator_summary = muted_label("", body)
        head.addWidget(self.indicator_summary, 0, Qt.AlignmentFlag.AlignBottom)
        self.body_layout.addLayout(head)
        self.rows_box = QWidget(body)
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(0)
        self.body_layout.addWidget(self.rows_box)
        self.rows: list[IndicatorRow] = []
        self._separators: list[QFrame] = []

    def _build_evidence(self, body: QWidget, autosave_ms: int) -> None:
        """Evidence notes, then strengths and opportunities side by side."""
        layout = self.body_layout
        layout.addWidget(_section("Evidence notes", body))
        self.notes = AutosaveTextEdit(body, min_lines=4, max_lines=16, delay_ms=autosave_ms)
        self.notes.setPlaceholderText("What you saw and heard: interviews, documents, "
                                      "observations. Saved as you type.")
        self.notes.setAccessibleName("Evidence notes")
        self.notes.commit.connect(self._notes_committed)
        layout.addWidget(self.notes)
        findings = QGridLayout()
        findings.setHorizontalSpacing(2 * GRID)
        findings.setVerticalSpacing(GRID // 2)
        self.strengths = FindingsEditor("Add a strength and press Enter", body)
        self.opportunities = FindingsEditor("Add an opportunity and press Enter", body)
        findings.addWidget(_section("Strengths", body), 0, 0)
        findings.addWidget(_section("Opportunities for improvement", body), 0, 1)
        findings.addWidget(self.strengths, 1, 0, Qt.AlignmentFlag.AlignTop)
        findings.addWidget(self.opportunities, 1, 1, Qt.AlignmentFlag.AlignTop)
        findings.setColumnStretch(0, 1)
        findings.setColumnStretch(1, 1)
        layout.addLayout(findings)
        for editor, kind in ((self.strengths, FindingKind.STRENGTH),
                             (self.opportunities, FindingKind.OPPORTUNITY)):
            editor.added.connect(lambda text, k=kind: self._add_finding(k, text))
            editor.edited.connect(self._edit_finding)
            editor.removed.connect(lambda fid, k=kind: self._remove_finding(k, fid))

    # --- showing an element -------------------------------------------------------------
    def flush(self) -> None:
        """Save any text typed but not saved yet (before switching element or closing)."""
        self.notes.flush()
        for row in self.rows:
            if row.isVisible():
                row.note.flush()

    def show_element(self, code: str) -> None:
        if code == self.code:
            return
        self.flush()
        self.code = code
        self.reload()

    def reload(self) -> None:
        if self.code is None:
            return
        code = self.code
        try:
            sheet = assessment.element_sheet(self.context.session, self.context.engagement_id,
                                             code, self.context.assessor)
        except WorkbenchError as exc:
            from workbench.gui import dialogs

            dialogs.show_error(self, str(exc))
            return
        fw = self.framework
        element = fw.element_by_code.get(code)
        enabler = fw.enabler_by_code.get(code)
        if element is not None:
            dim = fw.dimension_by_code[element.dimension]
            category = next((c.name for c in fw.categories if c.id == dim.category), "")
            self.context_line.setText(f"{element.code}  ·  {dim.code} {dim.name}  ·  "
                                      f"{category}  ·  {element.points:g} points")
            self.title.setText(element.title)
            self.objective_box.text.setText(element.objective)
            set_shown(self.objective_box, True)
            indicators = element.indicators
        else:
            assert enabler is not None
            self.context_line.setText(f"{enabler.code}  ·  Framework enabler  ·  profiled, "
                                      "not counted in the total")
            self.title.setText(enabler.name)
            set_shown(self.objective_box, False)
            indicators = enabler.indicators
        self._ensure_rows(len(indicators))
        for n, row in enumerate(self.rows):
            if n < len(indicators):
                ind = indicators[n]
                row.bind(ind, sheet.indicators.get(ind.code), sheet.indicator_notes.get(
                    ind.code, ""))
                # Only touch visibility when it changes: show() on a shown widget relayouts.
                if row.isHidden():
                    row.show()
                if self._separators[n].isHidden() == (n > 0):
                    self._separators[n].setVisible(n > 0)
            else:
                if not row.isHidden():
                    row.hide()
                if not self._separators[n].isHidden():
                    self._separators[n].hide()
        self._show_objective(sheet.objective)
        self._show_target(sheet.target)
        self.notes.load(sheet.notes)
        self.strengths.set_items(sheet.strengths)
        self.opportunities.set_items(sheet.opportunities)
        self._update_indicator_summary()
        self.attachments.load(code)
        self.actions_panel.load(code)
        self.site_visit.load(code)
        self.verticalScrollBar().setValue(0)

    def _ensure_rows(self, count: int) -> None:
        while len(self.rows) < count:
            separator = QFrame(self.rows_box)
            separator.setFrameShape(QFrame.Shape.HLine)
            separator.setFrameShadow(QFrame.Shadow.Plain)
            set_muted_line(separator)
            row = IndicatorRow(self.framework.scale, self.rows_box)
            row.chosen.connect(self._rate)
            row.note_committed.connect(self._indicator_note)
            index = len(self.rows)
            row.next_requested.connect(lambda i=index: self.focus_indicator(i + 1))
            row.previous_requested.connect(lambda i=index: self.focus_indicator(i - 1))
            self.rows_layout.addWidget(separator)
            self.rows_layout.addWidget(row)
            self.rows.append(row)
            self._separators.append(separator)

    def visible_rows(self) -> list[IndicatorRow]:
        return [r for r in self.rows if not r.isHidden()]

    def row_for(self, indicator: str) -> IndicatorRow | None:
        for row in self.visible_rows():
            if row.code == indicator:
                return row
        return None

    def focus_indicator(self, n: int) -> None:
        rows = self.visible_rows()
        if not rows:
            return
        n = max(0, min(len(rows) - 1, n))
        rows[n].selector.setFocus(Qt.FocusReason.TabFocusReason)
        self.ensureWidgetVisible(rows[n], 0, 4 * GRID)

    def focused_indicator(self) -> int | None:
        for n, row in enumerate(self.visible_rows()):
            if row.selector.hasFocus() or row.isAncestorOf(self.focusWidget()):
                return n
        return None

    def step_indicator(self, step: int) -> None:
        current = self.focused_indicator()
        self.focus_indicator(0 if current is None else current + step)

    # --- edits --------------------------------------------------------------------------
    def _push(self, command: undo.ServiceCommand) -> None:
        self.context.undo_stack.push(command)

    def _rate(self, indicator: str, value: IndicatorValue | None) -> None:
        assert self.code is not None
        self._push(undo.SetValue.rate(self.context, self.code, indicator, value))
        self.rated.emit(indicator)

    def rate(self, indicator: str, value: IndicatorValue | None) -> None:
        """Rate as a click would (for keyboard handlers and tests)."""
        self._rate(indicator, value)

    def _indicator_note(self, indicator: str, text: str) -> None:
        assert self.code is not None
        self._push(undo.SetValue.indicator_note(self.context, self.code, indicator, text))

    def _judge(self, key: str) -> None:
        assert self.code is not None
        current = self.current_objective()
        # The buttons toggle themselves on click; show the committed value until it returns.
        self._show_objective(current)
        self._push(undo.SetValue.judge(self.context, self.code, None if key == current
                                       else key))

    def judge(self, key: str | None) -> None:
        assert self.code is not None
        self._push(undo.SetValue.judge(self.context, self.code, key))

    def current_objective(self) -> str | None:
        return self.objective_box.objective

    def _target_chosen(self, level: int | None) -> None:
        assert self.code is not None
        self._push(undo.SetValue.target(self.context, self.code, level))

    def _notes_committed(self, text: str) -> None:
        if self.code is not None:
            self._push(undo.SetValue.notes(self.context, self.code, text))

    def _add_finding(self, kind: FindingKind, text: str) -> None:
        assert self.code is not None
        self._push(undo.AddFinding(self.context, self.code, kind, text))

    def _edit_finding(self, finding_id: int, text: str) -> None:
        assert self.code is not None
        self._push(undo.SetValue.finding(self.context, self.code, finding_id, text))

    def _remove_finding(self, kind: FindingKind, finding_id: int) -> None:
        assert self.code is not None
        self._push(undo.RemoveFinding(self.context, self.code, finding_id, kind))

    # --- committed changes come back ----------------------------------------------------
    def on_change(self, change: Change) -> None:
        if self.code is not None and change.kind is ChangeKind.ATTACHMENTS \
                and change.old == self.code and change.element != self.code:
            self.attachments.load(self.code)  # one moved from here to another element
            return
        if change.element != self.code or self.code is None:
            return
        mine = change.assessor in (None, self.context.assessor)
        kind = change.kind
        if kind is ChangeKind.INDICATOR and mine:
            row = self.row_for(change.indicator or "")
            if row is not None:
                row.selector.set_value(change.new)
            self._update_indicator_summary()
        elif kind is ChangeKind.INDICATOR_NOTE and mine:
            row = self.row_for(change.indicator or "")
            if row is not None:
                row.set_note(change.new or "")
        elif kind is ChangeKind.OBJECTIVE and mine:
            self._show_objective(change.new)
        elif kind is ChangeKind.TARGET:
            self._show_target(change.new)
        elif kind is ChangeKind.NOTES and mine:
            self.notes.load(change.new or "")
        elif kind is ChangeKind.FINDINGS:
            self._load_findings()
        elif kind is ChangeKind.ATTACHMENTS:
            self.attachments.load(self.code)
        elif kind is ChangeKind.ACTIONS:
            self.actions_panel.load(self.code)
        elif kind in (ChangeKind.CONSENSUS, ChangeKind.RATINGS_IMPORTED):
            self.reload()

    def _show_objective(self, key: str | None) -> None:
        self.objective_box.show_objective(key)

    def _show_target(self, level: int | None) -> None:
        self.objective_box.show_target(level)

    def _update_indicator_summary(self) -> None:
        rows = self.visible_rows()
        values = [r.selector.value() for r in rows]
        rated = sum(1 for v in values if v is not None and v != NA)
        na = sum(1 for v in values if v == NA)
        text = f"{rated} of {len(rows)} rated"
        if na:
            text += f" · {na} N/A"
        self.indicator_summary.setText(text + f" · by {self.context.assessor}")

    def _load_findings(self) -> None:
        assert self.code is not None
        s, e, c, a = self.context.session, self.context.engagement_id, self.code, \
            self.context.assessor
        self.strengths.set_items(assessment.findings(s, e, c, FindingKind.STRENGTH, a))
        self.opportunities.set_items(assessment.findings(s, e, c, FindingKind.OPPORTUNITY, a))

    def set_read_only(self, locked: bool, message: str = "") -> None:
        self.banner.setText(message)
        self.banner.setVisible(locked)
        for widget in (self.objective_box, self.rows_box, self.notes, self.strengths,
                       self.opportunities, self.attachments, self.actions_panel):
            widget.setEnabled(not locked)
        self.site_visit.set_read_only(locked)  # its links still open the log


def set_muted_line(line: QFrame) -> None:
    line.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    set_muted(line)
