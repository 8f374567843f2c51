"""The dialogs of the site-visit log: an interview, a reviewed document, and the element
picker both use (search over the framework's elements and enablers).

A dialog checks what was entered with the service's own check before it closes (`check`),
so a refusal is said inline beside the fields and nothing typed is lost.
`ask_interview` and `ask_document` are what the screens call (tests replace them).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core import limits
from workbench.core.engagement import AttachmentInfo
from workbench.core.errors import WorkbenchError
from workbench.core.framework import Framework
from workbench.core.site_log import Interview, Person, ReviewedDocument
from workbench.gui.theme import GRID, muted_label
from workbench.gui.widgets.date_field import DateField

CODE_ROLE = Qt.ItemDataRole.UserRole + 1


def element_names(framework: Framework) -> list[tuple[str, str]]:
    """(code, title) of every element, then every enabler, in framework order."""
    out = [(e.code, e.title) for e in framework.element_by_code.values()]
    return out + [(e.code, e.name) for e in framework.enabler_by_code.values()]


class ElementPicker(QWidget):
    """Tick the elements an entry informed; the search narrows the list by code or name."""

    def __init__(self, framework: Framework, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GRID // 2)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search elements by code or name")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        layout.addWidget(self.search)
        self.setFocusProxy(self.search)  # the form's "Elements" mnemonic lands in the search
        self.list = QListWidget(self)
        self.list.setUniformItemSizes(True)
        self.list.setMinimumHeight(7 * self.fontMetrics().lineSpacing())
        for code, title in element_names(framework):
            item = QListWidgetItem(f"{code}  {title}")
            item.setData(CODE_ROLE, code)
            item.setToolTip(f"{code} {title}")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.itemChanged.connect(lambda _item: self._count())
        layout.addWidget(self.list, 1)
        self.summary = muted_label("", self)
        layout.addWidget(self.summary)
        self._count()

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(n) for n in range(self.list.count())]

    def _filter(self, text: str) -> None:
        wanted = text.strip().lower()
        for item in self._items():
            item.setHidden(bool(wanted) and wanted not in item.text().lower())

    def _count(self) -> None:
        codes = self.codes()
        self.summary.setText("No element linked yet" if not codes else
                             f"Linked: {', '.join(codes)}")

    def set_codes(self, codes: tuple[str, ...] | list[str]) -> None:
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked if item.data(CODE_ROLE) in codes
                               else Qt.CheckState.Unchecked)

    def codes(self) -> tuple[str, ...]:
        return tuple(str(i.data(CODE_ROLE)) for i in self._items()
                     if i.checkState() == Qt.CheckState.Checked)


class _EntryDialog(QDialog):
    """Save checks with `check` and keeps the dialog open with the message when refused."""

    def __init__(self, title: str, parent: QWidget | None,
                 check: Callable[[object], object] | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._check = check
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(2 * GRID, 2 * GRID, 2 * GRID, 2 * GRID)
        self.outer.setSpacing(GRID)
        self.form = QFormLayout()
        self.form.setSpacing(GRID)
        self.outer.addLayout(self.form)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b42318; font-weight: 600;")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.outer.addWidget(self.error)
        self.outer.addWidget(self.buttons)

    def value(self) -> Interview | ReviewedDocument:
        raise NotImplementedError

    def show_error(self, message: str) -> None:
        self.error.setText(message[:1].upper() + message[1:])
        self.error.show()
        field = self.field_for(message.lower())
        if field is not None:
            field.setFocus()

    def field_for(self, message: str) -> QWidget | None:
        """The field a refusal is about (it gets the focus)."""
        return None

    def accept(self) -> None:
        if self._check is not None:
            try:
                self._check(self.value())
            except WorkbenchError as exc:
                self.show_error(str(exc))
                return
        super().accept()


class InterviewDialog(_EntryDialog):
    """Date, the people met (a row each, with their role), topics, the elements informed."""

    def __init__(self, framework: Framework, item: Interview | None = None,
                 parent: QWidget | None = None, check: Callable[[object], object] | None = None,
                 opens_on: Callable[[], QDate] | None = None,
                 elements: tuple[str, ...] = ()) -> None:
        super().__init__("Edit Interview" if item and item.id else "New Interview", parent,
                         check)
        self.original = item
        self.held_on = DateField(self, opens_on=opens_on)
        self.form.addRow("&Date", self.held_on)
        self.people = QTableWidget(0, 2, self)
        self.people.setHorizontalHeaderLabels(["Name", "Role"])
        self.people.verticalHeader().hide()
        header = self.people.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.people.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.people.setMinimumHeight(5 * self.fontMetrics().lineSpacing())
        self.people.setTabKeyNavigation(False)  # Tab leaves the table for the next field
        people = QWidget(self)
        people.setFocusProxy(self.people)
        people_box = QVBoxLayout(people)
        people_box.setContentsMargins(0, 0, 0, 0)
        people_box.addWidget(self.people)
        row = QHBoxLayout()
        self.add_person_button = QPushButton("Add Person", self)
        self.remove_person_button = QPushButton("Remove Person", self)
        self.add_person_button.clicked.connect(lambda: self.add_person(Person("", "")))
        self.remove_person_button.clicked.connect(self._remove_person)
        row.addWidget(self.add_person_button)
        row.addWidget(self.remove_person_button)
        row.addStretch(1)
        people_box.addLayout(row)
        self.form.addRow("&People", people)
        self.topics = QPlainTextEdit(self)
        self.topics.setTabChangesFocus(True)
        self.topics.setPlaceholderText("What was discussed, in a sentence or two")
        self.topics.setFixedHeight(4 * self.fontMetrics().lineSpacing() + GRID)
        self.form.addRow("&Topics", self.topics)
        self.elements = ElementPicker(framework, self)
        self.form.addRow("&Elements", self.elements)
        self.finish_layout()
        self.setMinimumWidth(560)
        if item is not None:
            self.held_on.set_iso(item.held_on)
            for person in item.people:
                self.add_person(person)
            self.topics.setPlainText(item.topics)
            self.elements.set_codes(item.elements)
        else:
            self.elements.set_codes(elements)
            self.add_person(Person("", ""))

    def field_for(self, message: str) -> QWidget | None:
        for words, field in ((("topics",), self.topics), (("person", "people", "name of",
                                                             "role of"), self.people),
                             (("date",), self.held_on), (("element",), self.elements)):
            if any(w in message for w in words):
                return field
        return None

    def add_person(self, person: Person) -> None:
        n = self.people.rowCount()
        self.people.insertRow(n)
        self.people.setItem(n, 0, QTableWidgetItem(person.name))
        self.people.setItem(n, 1, QTableWidgetItem(person.role))

    def _remove_person(self) -> None:
        for n in sorted({i.row() for i in self.people.selectedIndexes()}, reverse=True):
            self.people.removeRow(n)

    def value(self) -> Interview:
        people = []
        for n in range(self.people.rowCount()):
            cells = [self.people.item(n, c) for c in (0, 1)]
            name, role = (c.text().strip() if c is not None else "" for c in cells)
            if name or role:
                people.append(Person(name, role))
        base = self.original
        return Interview(self.held_on.iso(), tuple(people), self.topics.toPlainText().strip(),
                         self.elements.codes(), base.id if base else None,
                         base.uuid if base else None)


class DocumentDialog(_EntryDialog):
    """Title, owner, version or date, the elements it supports and, optionally, the
    attachment that holds a copy."""

    def __init__(self, framework: Framework, files: list[AttachmentInfo],
                 item: ReviewedDocument | None = None, parent: QWidget | None = None,
                 check: Callable[[object], object] | None = None,
                 elements: tuple[str, ...] = ()) -> None:
        super().__init__("Edit Reviewed Document" if item and item.id else
                         "New Reviewed Document", parent, check)
        self.original = item
        self.title = QLineEdit(self)
        self.title.setMaxLength(limits.DOC_TITLE)
        self.title.setPlaceholderText("e.g. Customer experience strategy 2026–2028")
        self.owner = QLineEdit(self)
        self.owner.setMaxLength(limits.NAME)
        self.owner.setPlaceholderText("Who owns it at the client (a role or a name)")
        self.version = QLineEdit(self)
        self.version.setMaxLength(limits.VERSION)
        self.version.setPlaceholderText("e.g. v2.1, or March 2026")
        self.attachment = QComboBox(self)
        self.attachment.addItem("None", None)
        for info in files:
            self.attachment.addItem(f"{info.filename}  ({info.element})", info.id)
        self.form.addRow("&Title", self.title)
        self.form.addRow("&Owner", self.owner)
        self.form.addRow("&Version or date", self.version)
        self.elements = ElementPicker(framework, self)
        self.form.addRow("&Elements", self.elements)
        self.form.addRow("&Attachment", self.attachment)
        self.finish_layout()
        self.setMinimumWidth(560)
        if item is not None:
            self.title.setText(item.title)
            self.owner.setText(item.owner)
            self.version.setText(item.version)
            self.elements.set_codes(item.elements)
            self.attachment.setCurrentIndex(max(0, self.attachment.findData(item.attachment_id)))
        else:
            self.elements.set_codes(elements)

    def field_for(self, message: str) -> QWidget | None:
        for words, field in ((("title",), self.title), (("owner",), self.owner),
                             (("version",), self.version), (("attachment",), self.attachment),
                             (("element",), self.elements)):
            if any(w in message for w in words):
                return field
        return None

    def value(self) -> ReviewedDocument:
        base = self.original
        chosen = self.attachment.currentData()
        return ReviewedDocument(self.title.text().strip(), self.owner.text().strip(),
                                self.version.text().strip(), self.elements.codes(),
                                chosen if isinstance(chosen, int) else None,
                                base.id if base else None, base.uuid if base else None)


def ask_interview(parent: QWidget, framework: Framework, item: Interview | None,
                  check: Callable[[object], object], opens_on: Callable[[], QDate],
                  elements: tuple[str, ...] = ()) -> Interview | None:
    """Ask for a new or changed interview (None when cancelled; tests replace this)."""
    dialog = InterviewDialog(framework, item, parent, check, opens_on, elements)
    return dialog.value() if dialog.exec() else None


def ask_document(parent: QWidget, framework: Framework, files: list[AttachmentInfo],
                 item: ReviewedDocument | None, check: Callable[[object], object],
                 elements: tuple[str, ...] = ()) -> ReviewedDocument | None:
    """Ask for a new or changed reviewed document (None when cancelled; tests replace this)."""
    dialog = DocumentDialog(framework, files, item, parent, check, elements)
    return dialog.value() if dialog.exec() else None
