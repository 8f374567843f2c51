"""The scoring form of one element (or enabler): objective, indicators, evidence, actions.

Every edit goes through an undo command or a service call on the context; the form
shows what was committed when the Change comes back, and refreshes only that part.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QButtonGroup,
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

from workbench.core.engagement import Action, FindingKind
from workbench.core.errors import WorkbenchError
from workbench.core.images import downscale
from workbench.core.progress import Progress
from workbench.core.ratings import NA, IndicatorValue
from workbench.gui import dialogs, theme, undo
from workbench.gui.context import EngagementContext
from workbench.gui.tasks import TaskRunner, worker_session
from workbench.gui.theme import GRID, heading, muted_label, set_muted, set_shown
from workbench.gui.widgets.actions_panel import ActionDialog, ActionsPanel
from workbench.gui.widgets.attachments import THUMB, AttachmentsPanel
from workbench.gui.widgets.autosave import AutosaveTextEdit
from workbench.gui.widgets.findings import FindingsEditor
from workbench.gui.widgets.indicator_row import IndicatorRow
from workbench.services import actions, assessment, attachments
from workbench.services.session import Change, ChangeKind

_OPEN_DIR: Path | None = None


def edit_action(parent: QWidget, element: str, action: Action | None) -> Action | None:
    """Ask for a new or changed improvement action (tests replace this)."""
    dialog = ActionDialog(element, action, parent)
    return dialog.value() if dialog.exec() else None


def _section(title: str, parent: QWidget) -> QLabel:
    label = heading(title, 1, parent)
    label.setContentsMargins(0, GRID, 0, 0)
    return label


class ElementForm(QScrollArea):
    """Scrolls vertically only; every part fits the width it is given."""

    def __init__(self, context: EngagementContext, runner: TaskRunner,
                 parent: QWidget | None = None, autosave_ms: int = 600) -> None:
        super().__init__(parent)
        self.context = context
        self.runner = runner
        self.framework = context.framework
        self.code: str | None = None
        self._thumbs: dict[str, QImage] = {}
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

        self.banner = QLabel(body)
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setContentsMargins(GRID, GRID, GRID, GRID)
        self.banner.hide()
        layout.addWidget(self.banner)

        # Header: the title prominent, the code muted beside it.
        self.context_line = muted_label("", body)
        self.title = heading("", 4, body)
        self.title.setWordWrap(True)
        layout.addWidget(self.context_line)
        layout.addWidget(self.title)

        # Objective and target.
        self.objective_box = QFrame(body)
        self.objective_box.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self.objective_box)
        box.setContentsMargins(2 * GRID, GRID + GRID // 2, 2 * GRID, 2 * GRID)
        box.setSpacing(GRID)
        box.addWidget(muted_label("STATEMENT OF OBJECTIVE", self.objective_box))
        self.objective_text = QLabel(self.objective_box)
        self.objective_text.setWordWrap(True)
        self.objective_text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse)
        box.addWidget(self.objective_text)
        row = QHBoxLayout()
        row.setSpacing(GRID // 2)
        self.objective_group = QButtonGroup(self)
        self.objective_group.setExclusive(False)  # clicking the chosen one again clears it
        self.objective_buttons: dict[str, QPushButton] = {}
        for level in self.framework.objective_levels:
            button = QPushButton(level.label, self.objective_box)
            button.setCheckable(True)
            button.setToolTip(f"{level.label}: counts {level.fraction:.0%} of the objective "
                              "weight")
            button.clicked.connect(lambda _c=False, k=level.key: self._judge(k))
            self.objective_group.addButton(button)
            self.objective_buttons[level.key] = button
            row.addWidget(button)
        row.addSpacing(2 * GRID)
        row.addStretch(1)
        self.target_label = QLabel("Target level", self.objective_box)
        row.addWidget(self.target_label)
        self.target = QComboBox(self.objective_box)
        self.target.addItem("Not set", None)
        for band in self.framework.bands:
            self.target.addItem(f"{band.level} {band.label}", band.level)
        self.target.setToolTip("The maturity level the client aims at for this element")
        self.target.activated.connect(self._target_chosen)
        self.target_label.setBuddy(self.target)
        row.addWidget(self.target)
        box.addLayout(row)
        layout.addWidget(self.objective_box)
        accent = theme.accent().name()
        self.objective_box.setStyleSheet(
            "QPushButton { padding: 5px 12px; border: 1px solid palette(mid); border-radius: 4px;"
            " background: palette(base); color: palette(text); }"
            "QPushButton:hover { border-color: " + accent + "; }"
            "QPushButton:checked { background: " + accent + "; color: #FFFFFF;"
            " border-color: " + accent + "; }"
            "QPushButton:focus { border: 2px solid " + accent + "; }")

        # Indicators.
        head = QHBoxLayout()
        head.addWidget(_section("Maturity indicators", body))
        head.addStretch(1)
        self.indicator_summary = muted_label("", body)
        head.addWidget(self.indicator_summary, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addLayout(head)
        self.rows_box = QWidget(body)
        self.rows_layout = QVBoxLayout(self.rows_box)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_layout.setSpacing(0)
        layout.addWidget(self.rows_box)
        self.rows: list[IndicatorRow] = []
        self._separators: list[QFrame] = []

        # Evidence.
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

        layout.addWidget(_section("Attachments", body))
        self.attachments = AttachmentsPanel(body)
        self.attachments.files_dropped.connect(self.attach_files)
        self.attachments.add_requested.connect(self.choose_attachments)
        self.attachments.open_requested.connect(self.open_attachment)
        self.attachments.remove_requested.connect(self.remove_attachment)
        layout.addWidget(self.attachments)

        layout.addWidget(_section("Improvement actions", body))
        self.actions_panel = ActionsPanel(body)
        self.actions_panel.add_requested.connect(self.add_action)
        self.actions_panel.edit_requested.connect(self.edit_action)
        self.actions_panel.remove_requested.connect(self.remove_action)
        layout.addWidget(self.actions_panel)
        layout.addStretch(1)

        for edit in (self.notes,):
            edit.set_delay(autosave_ms)
        context.changed.connect(self.on_change)
        context.assessor_changed.connect(lambda _name: self.reload())
        context.flush_requested.connect(self.flush)
        context.reloaded.connect(self.reload)

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
            self.objective_text.setText(element.objective)
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
        self._load_attachments()
        self._load_actions()
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
        return self._objective

    def _target_chosen(self, index: int) -> None:
        assert self.code is not None
        level = self.target.itemData(index)
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
            self._load_attachments()
        elif kind is ChangeKind.ACTIONS:
            self._load_actions()
        elif kind in (ChangeKind.CONSENSUS, ChangeKind.RATINGS_IMPORTED):
            self.reload()

    _objective: str | None = None

    def _show_objective(self, key: str | None) -> None:
        self._objective = key
        for k, button in self.objective_buttons.items():
            button.setChecked(k == key)

    def _show_target(self, level: int | None) -> None:
        index = self.target.findData(level)
        self.target.setCurrentIndex(max(0, index))

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

    # --- attachments --------------------------------------------------------------------
    def _load_attachments(self) -> None:
        if self.code is None:
            return
        items = attachments.attachments(self.context.session, self.context.engagement_id,
                                        self.code)
        self.attachments.set_attachments(items)
        for info in items:
            if not info.is_image:
                continue
            cached = self._thumbs.get(info.sha256)
            if cached is not None:
                self.attachments.set_thumbnail(info.id, cached)
            else:
                self._make_thumbnail(info.id, info.sha256, info.filename)

    def _make_thumbnail(self, attachment_id: int, sha256: str, name: str) -> None:
        data = attachments.content(self.context.session, self.context.engagement_id,
                                   attachment_id)

        def work(progress: Progress) -> bytes:
            return downscale(data, 2 * THUMB, name)  # decoding a photo is slow: off the GUI

        def done(small: bytes) -> None:
            image = QImage.fromData(QByteArray(small))
            self._thumbs[sha256] = image
            self.attachments.set_thumbnail(attachment_id, image)

        self.runner.run(f"Thumbnail of {name}", work, on_done=done, show_progress=False)

    def choose_attachments(self) -> None:
        files = dialogs.choose_open_files(self, "Attach Files", str(Path.home()),
                                          "Photos and documents (*.jpg *.jpeg *.png *.gif "
                                          "*.webp *.pdf *.docx *.xlsx *.pptx *.txt);;"
                                          "All files (*)")
        if files:
            self.attach_files(files)

    def attach_files(self, files: list[Path]) -> None:
        """Check, store and show files; checking a photo is slow, so a worker does it."""
        if self.code is None or not files:
            return
        code, eid, path = self.code, self.context.engagement_id, self.context.session.path
        assessor = self.context.assessor

        def work(progress: Progress) -> tuple[list[Change], list[str]]:
            made: list[Change] = []
            problems: list[str] = []
            with worker_session(path) as session:
                for n, file in enumerate(files):
                    progress(n / len(files), f"Attaching {file.name}…")
                    try:
                        made.append(attachments.attach_file(session, eid, code, file,
                                                            assessor=assessor))
                    except WorkbenchError as exc:
                        problems.append(str(exc))
            return made, problems

        def done(result: tuple[list[Change], list[str]]) -> None:
            made, problems = result
            for change in made:
                self.context.commit(change)
            if problems:
                dialogs.show_error(self, "\n".join(problems),
                                   "Some files were not attached")

        self.runner.run("Attaching files", work, on_done=done,
                        on_error=lambda m: dialogs.show_error(self, m), parent=self)

    def open_attachment(self, attachment_id: int) -> None:
        global _OPEN_DIR
        try:
            info = next(a for a in attachments.attachments(
                self.context.session, self.context.engagement_id) if a.id == attachment_id)
            data = attachments.content(self.context.session, self.context.engagement_id,
                                       attachment_id)
            if _OPEN_DIR is None:
                _OPEN_DIR = Path(tempfile.mkdtemp(prefix="workbench-open-"))
            target = _OPEN_DIR / f"{attachment_id}-{Path(info.filename).name}"
            target.write_bytes(data)
        except (WorkbenchError, OSError, StopIteration) as exc:
            dialogs.show_error(self, f"the attachment cannot be opened ({exc})")
            return
        if not dialogs.open_with_system(target):
            dialogs.show_error(self, f"no program on this computer opens {info.filename}; "
                               f"a copy is at {target}")

    def remove_attachment(self, attachment_id: int) -> None:
        names = {a.id: a.filename for a in attachments.attachments(
            self.context.session, self.context.engagement_id, self.code)}
        name = names.get(attachment_id, "this attachment")
        if dialogs.ask(self, "Remove Attachment",
                       f"Remove {name} from {self.code}? The file itself stays where it was.",
                       "Remove", destructive=True):
            self.context.call(attachments.remove, attachment_id)

    # --- actions ------------------------------------------------------------------------
    def _load_actions(self) -> None:
        if self.code is not None:
            self.actions_panel.set_actions(actions.list_actions(
                self.context.session, self.context.engagement_id, self.code))

    def add_action(self) -> None:
        if self.code is None:
            return
        item = edit_action(self, self.code, None)
        if item is not None:
            self.context.call(actions.add, item)

    def edit_action(self, action: Action) -> None:
        if self.code is None or action.id is None:
            return
        item = edit_action(self, self.code, action)
        if item is not None:
            self.context.call(actions.update, action.id, item)

    def remove_action(self, action: Action) -> None:
        if action.id is not None and dialogs.ask(
                self, "Remove Action", f"Remove the action “{action.action[:80]}”?",
                "Remove", destructive=True):
            self.context.call(actions.remove, action.id)

    def set_read_only(self, locked: bool, message: str = "") -> None:
        self.banner.setText(message)
        self.banner.setVisible(locked)
        for widget in (self.objective_box, self.rows_box, self.notes, self.strengths,
                       self.opportunities, self.attachments, self.actions_panel):
            widget.setEnabled(not locked)


def set_muted_line(line: QFrame) -> None:
    line.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    set_muted(line)
