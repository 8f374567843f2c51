"""Dialogs for an engagement's details and team, and for duplicating one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core import limits
from workbench.core.engagement import Assessor, EngagementDetails
from workbench.core.errors import WorkbenchError
from workbench.gui.theme import GRID, muted_label
from workbench.gui.widgets.date_field import DateField
from workbench.services.frameworks import FrameworkInfo


def brand_profiles() -> list[str]:
    """The names of the brand profiles (built-in and the firm's), `default` first."""
    return brand_choices()[0]


def brand_choices() -> tuple[list[str], dict[str, str]]:
    """Profile names, `default` first, and the label each is shown with."""
    from workbench.services import brands

    try:
        infos = brands.profiles()
    except (OSError, WorkbenchError):
        infos = []
    own = brands.default_profile()
    own_label = next((i.display_name for i in infos if i.name == own), "Your firm")
    labels = {"default": f"Default profile ({own_label})"}
    for info in infos:
        if info.name != "default":
            labels[info.name] = info.display_name
    return list(labels), labels


class EngagementDialog(QDialog):
    """New engagement, or edit the details and team of one."""

    def __init__(self, details: EngagementDetails | None = None,
                 team: list[Assessor] | None = None, parent: QWidget | None = None,
                 frameworks: list[FrameworkInfo] | None = None,
                 baselines: list[tuple[str, str]] | None = None,
                 baseline: str | None = None,
                 check: Callable[[EngagementDetails], None] | None = None) -> None:
        super().__init__(parent)
        self._check = check
        editing = details is not None
        self.setWindowTitle("Engagement Details" if editing else "New Engagement")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(3 * GRID, 2 * GRID, 3 * GRID, 2 * GRID)
        outer.setSpacing(GRID)
        outer.addLayout(self._details_form(editing, frameworks, baselines, baseline))
        self._team_table(outer)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(
            "Save" if editing else "Create")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.setMinimumWidth(520)
        if details is not None:
            self._fill(details)
        for member in team or []:
            self.add_member(member)

    def _details_form(self, editing: bool, frameworks: list[FrameworkInfo] | None,
                      baselines: list[tuple[str, str]] | None,
                      baseline: str | None) -> QFormLayout:
        form = QFormLayout()
        form.setSpacing(GRID)
        self.client = QLineEdit(self)
        self.client.setPlaceholderText("The organisation assessed")
        self.site = QLineEdit(self)
        self.site.setPlaceholderText("e.g. Head office")
        self.title = QLineEdit(self)
        self.title.setPlaceholderText(f"e.g. CEM maturity assessment {dt.date.today().year}")
        self.start = DateField(self)
        self.end = DateField(self, opens_on=self.start.opening_month)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel("to", self))
        dates.addWidget(self.end)
        self.lead = QLineEdit(self)
        self.lead.setPlaceholderText("Who leads and signs off")
        for edit in (self.client, self.site, self.title, self.lead):
            edit.setMaxLength(limits.NAME)  # the services' limit: what is typed is accepted
        self.brand = QComboBox(self)
        names, labels = brand_choices()
        for name in names:
            self.brand.addItem(labels[name], name)
        self._form = form
        self.errors: dict[str, QLabel] = {}
        for label, field, key in (("&Client", self.client, "client"),
                                  ("&Site", self.site, "site"), ("&Title", self.title, "title"),
                                  ("Dates", dates, "date"),
                                  ("&Lead assessor", self.lead, "lead assessor"),
                                  ("&Brand profile", self.brand, "brand")):
            form.addRow(label, field)
            self.errors[key] = self._error_row(form)
        self._baseline_choice(form, editing, baselines, baseline)
        self.framework = QComboBox(self)
        self.framework_about = muted_label("", self)
        self.framework_about.setWordWrap(True)
        # Room for three wrapped lines: a form layout does not grow a wrapped label by itself.
        self.framework_about.setMinimumHeight(3 * self.framework_about.fontMetrics()
                                              .lineSpacing() + GRID)
        if not editing and frameworks:
            for info in frameworks:
                self.framework.addItem(f"{info.name} ({info.version})", info)
            self.framework.currentIndexChanged.connect(self._show_framework)
            form.addRow("&Framework", self.framework)
            form.addRow("", self.framework_about)
            self._show_framework()
        else:
            self.framework.hide()  # not laid out: it would float over the Client field
            self.framework_about.hide()
        return form

    def _error_row(self, form: QFormLayout) -> QLabel:
        """A hidden line under a field for what is wrong with it (shown by `accept`)."""
        error = QLabel(self)
        error.setObjectName("fieldError")
        error.setWordWrap(True)
        error.setStyleSheet("color: #b42318; font-weight: 600;")
        form.addRow("", error)
        form.setRowVisible(error, False)
        return error

    def show_error(self, message: str) -> None:
        """Show a refusal beside the field it names (else under the first), keep the rest."""
        for error in self.errors.values():
            self._form.setRowVisible(error, False)
        text = message[:1].upper() + message[1:]
        lowered = message.lower()
        key = next((k for k in self.errors if k in lowered), "client")
        self.errors[key].setText(text)
        self._form.setRowVisible(self.errors[key], True)
        field = {"client": self.client, "site": self.site, "title": self.title,
                 "date": self.start, "lead assessor": self.lead,
                 "brand": self.brand}[key]
        field.setFocus()

    def accept(self) -> None:
        """Close only with details the services accept; otherwise say why, keep every field."""
        if self._check is not None:
            try:
                self._check(self.details())
            except WorkbenchError as exc:
                self.show_error(str(exc))
                return
        super().accept()

    def _baseline_choice(self, form: QFormLayout, editing: bool,
                         baselines: list[tuple[str, str]] | None, baseline: str | None) -> None:
        """The engagement this one is compared with (last year's): (id, label) choices."""
        self.baseline = QComboBox(self)
        self.baseline.setObjectName("baselineChoice")
        self.baseline.addItem("None", None)
        for choice_id, label in baselines or []:
            self.baseline.addItem(label, choice_id)
        self.baseline.setCurrentIndex(max(0, self.baseline.findData(baseline)))
        if editing:
            form.addRow("Base&line", self.baseline)
        else:
            self.baseline.hide()  # a new engagement has no baseline (Duplicate names one)

    def _team_table(self, outer: QVBoxLayout) -> None:
        outer.addWidget(QLabel("<b>Team</b>", self))
        outer.addWidget(muted_label("Each assessor rates on their own; the lead assessor joins "
                                    "the team automatically.", self))
        self.team = QTableWidget(0, 3, self)
        self.team.setHorizontalHeaderLabels(["Name", "Role", "Initials"])
        self.team.verticalHeader().hide()
        self.team.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.team.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.team.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.team.setMinimumHeight(6 * 3 * GRID)
        outer.addWidget(self.team)
        row = QHBoxLayout()
        add = QPushButton("Add Assessor", self)
        remove = QPushButton("Remove", self)
        add.clicked.connect(lambda: self.add_member(Assessor("", "Assessor")))
        remove.clicked.connect(self._remove_member)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        outer.addLayout(row)

    def _fill(self, details: EngagementDetails) -> None:
        self.client.setText(details.client)
        self.site.setText(details.site)
        self.title.setText(details.title)
        self.start.set_iso(details.start_date)
        self.end.set_iso(details.end_date)
        self.lead.setText(details.lead_assessor)
        index = self.brand.findData(details.brand)
        self.brand.setCurrentIndex(max(0, index))

    def _show_framework(self) -> None:
        info = self.framework.currentData()
        if isinstance(info, FrameworkInfo):
            self.framework_about.setText(
                f"{info.description} {info.elements} elements in {info.dimensions} "
                f"dimensions, {info.total_points:g} points.")

    def framework_key(self) -> tuple[str, str] | None:
        """(id, version) of the chosen framework; None when the dialog offers no choice."""
        info = self.framework.currentData()
        return info.key if isinstance(info, FrameworkInfo) else None

    def add_member(self, member: Assessor) -> None:
        n = self.team.rowCount()
        self.team.insertRow(n)
        for column, text in enumerate((member.name, member.role, member.initials)):
            self.team.setItem(n, column, QTableWidgetItem(text))
        first = self.team.item(n, 0)
        if not member.name and first is not None:
            self.team.editItem(first)

    def _remove_member(self) -> None:
        rows = sorted({i.row() for i in self.team.selectedIndexes()}, reverse=True)
        for n in rows:
            self.team.removeRow(n)

    def details(self) -> EngagementDetails:
        return EngagementDetails(self.client.text(), self.site.text(), self.title.text(),
                                 self.lead.text(), self.start.iso(), self.end.iso(),
                                 str(self.brand.currentData() or "default"))

    def baseline_id(self) -> str | None:
        chosen = self.baseline.currentData()
        return chosen if isinstance(chosen, str) else None

    def members(self) -> list[Assessor]:
        out: list[Assessor] = []
        for n in range(self.team.rowCount()):
            cells = [_cell_text(self.team.item(n, c)) for c in range(3)]
            if cells[0]:
                out.append(Assessor(cells[0], cells[1], cells[2]))
        return out


class DuplicateDialog(QDialog):
    """A new engagement from a previous one: its ratings as a baseline, or its structure only."""

    def __init__(self, source: EngagementDetails, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.setWindowTitle("Duplicate Engagement")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * GRID, 2 * GRID, 3 * GRID, 2 * GRID)
        layout.setSpacing(GRID)
        layout.addWidget(QLabel(f"Start a new engagement from <b>{_escape(source.client)} — "
                                f"{_escape(source.title)}</b>.", self))
        form = QFormLayout()
        self.title = QLineEdit(self)
        next_year = _next_title(source.title)
        self.title.setText(next_year)
        form.addRow("&Title of the new engagement", self.title)
        layout.addLayout(form)
        self.group = QButtonGroup(self)
        self.baseline = QRadioButton("Copy its ratings, evidence and actions as a baseline",
                                     self)
        self.structure = QRadioButton("Structure only: details and team, no ratings", self)
        self.baseline.setChecked(True)
        for n, button in enumerate((self.baseline, self.structure)):
            self.group.addButton(button, n)
            layout.addWidget(button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Duplicate")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    @property
    def with_ratings(self) -> bool:
        return self.baseline.isChecked()

    def details(self) -> EngagementDetails:
        return self.source._replace(title=self.title.text(), start_date=None, end_date=None)


def _cell_text(item: QTableWidgetItem | None) -> str:
    return item.text().strip() if item is not None else ""


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _next_title(title: str) -> str:
    """'CEM maturity 2026' becomes 'CEM maturity 2027'; any other title gets '(copy)'."""
    words = title.split()
    if words and words[-1].isdigit() and len(words[-1]) == 4:
        return " ".join([*words[:-1], str(int(words[-1]) + 1)])
    return f"{title} (copy)" if title else "Copy"


class ReassignDialog(QDialog):
    """Asked when a removed assessor has work: move it to a colleague, or keep the assessor."""

    def __init__(self, name: str, work: str, colleagues: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Remove Assessor")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * GRID, 2 * GRID, 3 * GRID, 2 * GRID)
        layout.setSpacing(GRID)
        text = QLabel(f"<b>{_escape(name)}</b> has recorded {_escape(work)}. To remove "
                      f"{_escape(name)}, move this work to a colleague. Where the colleague "
                      "rated the same item, the colleague's own value is kept; notes are "
                      "added below theirs.", self)
        text.setWordWrap(True)
        layout.addWidget(text)
        form = QFormLayout()
        self.target = QComboBox(self)
        self.target.setObjectName("reassignTarget")
        self.target.addItems(colleagues)
        form.addRow("&Move the work to", self.target)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(self)
        self.move_button = self.buttons.addButton(
            "Move and Remove", QDialogButtonBox.ButtonRole.AcceptRole)
        self.keep_button = self.buttons.addButton(
            f"Keep {name}", QDialogButtonBox.ButtonRole.RejectRole)
        self.keep_button.setDefault(True)  # a stray Enter never moves anyone's work
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def chosen(self) -> str:
        return self.target.currentText()
