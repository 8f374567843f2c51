"""The improvement actions of one element: a table, and a dialog to add or edit one."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal, SignalInstance
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.engagement import Action, ActionStatus, Priority
from workbench.gui.models.actions_table import (
    PRIORITY_TEXT,
    STATUS_TEXT,
    ActionColumn,
    ActionsModel,
)
from workbench.gui.theme import GRID, set_shown
from workbench.gui.widgets.edit_buttons import EditButtons


class ActionDialog(QDialog):
    """What to do, who owns it, how urgent, by when, and how far it is."""

    def __init__(self, element: str, action: Action | None = None,
                 parent: QWidget | None = None) -> None:
        from workbench.gui.widgets.date_field import DateField  # not needed at start (issue 17)

        super().__init__(parent)
        self.element = element
        self.original = action
        self.setWindowTitle("Edit Improvement Action" if action else "New Improvement Action")
        layout = QFormLayout(self)
        layout.setContentsMargins(2 * GRID, 2 * GRID, 2 * GRID, 2 * GRID)
        layout.setSpacing(GRID)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText("What the organisation should do")
        self.text.setFixedHeight(5 * self.fontMetrics().lineSpacing())
        self.owner = QLineEdit(self)
        self.owner.setPlaceholderText("Role or name")
        self.priority = QComboBox(self)
        for priority in Priority:
            self.priority.addItem(PRIORITY_TEXT[priority], str(priority))
        self.due = DateField(self)
        self.due.edit.setPlaceholderText("No due date (YYYY-MM-DD)")
        self.status = QComboBox(self)
        for status in ActionStatus:
            self.status.addItem(STATUS_TEXT[status], str(status))
        layout.addRow("Action", self.text)
        layout.addRow("Owner", self.owner)
        layout.addRow("Priority", self.priority)
        layout.addRow("Due date", self.due)
        layout.addRow("Status", self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.setMinimumWidth(460)
        if action is not None:
            self.text.setPlainText(action.action)
            self.owner.setText(action.owner)
            self.priority.setCurrentIndex(self.priority.findData(str(action.priority)))
            self.status.setCurrentIndex(self.status.findData(str(action.status)))
            self.due.set_iso(action.due_date)
        else:
            self.priority.setCurrentIndex(self.priority.findData(str(Priority.MEDIUM)))
            self.due.setDate(QDate.currentDate().addMonths(3))

    def value(self) -> Action:
        return Action(self.element, self.text.toPlainText().strip(), self.owner.text().strip(),
                      Priority(self.priority.currentData()), self.due.iso(),
                      ActionStatus(self.status.currentData()),
                      self.original.id if self.original else None)


class ActionsPanel(QWidget):
    """Signals: add_requested(), edit_requested(object Action), remove_requested(object)."""

    add_requested = Signal()
    edit_requested = Signal(object)
    remove_requested = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GRID // 2)
        self.model = ActionsModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # One line per action (the whole text is in the tooltip): rows sized before the
        # table knows its width would otherwise come out many lines tall.
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setDefaultSectionSize(3 * GRID + GRID // 2)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(ActionColumn.ACTION, QHeaderView.ResizeMode.Stretch)
        for column in (ActionColumn.OWNER, ActionColumn.PRIORITY, ActionColumn.DUE,
                       ActionColumn.STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.table.doubleClicked.connect(lambda index: self.edit_requested.emit(
            self.model.action(index.row())))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection())
        layout.addWidget(self.table)
        row = EditButtons(self, "Add Action…", self.add_requested.emit,
                          lambda: self._emit(self.edit_requested),
                          lambda: self._emit(self.remove_requested))
        row.setSpacing(GRID)
        self.add_button, self.edit_button, self.remove_button = (
            row.add_button, row.edit_button, row.remove_button)
        self._buttons = row
        row.addStretch(1)
        layout.addLayout(row)
        self.set_actions([])

    def set_actions(self, actions: list[Action]) -> None:
        self.model.set_actions(actions)
        rows = sum(self.table.rowHeight(n) for n in range(self.model.rowCount()))
        self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height() + rows
                                  + 2 * self.table.frameWidth())
        set_shown(self.table, bool(actions))
        self._selection()

    def _selected(self) -> Action | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.action(rows[0].row()) if rows else None

    def _selection(self) -> None:
        self._buttons.enable(selected=self._selected() is not None)

    def _emit(self, signal: SignalInstance) -> None:
        action = self._selected()
        if action is not None:
            signal.emit(action)
