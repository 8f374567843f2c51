"""The engagement's site-visit log: the interviews held and the documents reviewed.

Two tables, each with Add, Edit and Remove (double-click edits); every edit is an
undoable step (gui/undo_site_log.py) and the tables follow the committed Changes
(INTERVIEWS, DOCUMENTS) that reach the context. A signed-off engagement shows the log
read-only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.engagement import AttachmentInfo
from workbench.core.site_log import Interview, ReviewedDocument
from workbench.gui.context import DOCUMENT, INTERVIEW, EngagementContext
from workbench.gui.theme import GRID, heading, muted_label
from workbench.gui.widgets.edit_buttons import EditButtons
from workbench.gui.widgets.site_log_edits import SiteLogEditor
from workbench.services import attachments, site_log
from workbench.services.session import Change, ChangeKind

ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


def people_text(item: Interview) -> str:
    return "; ".join(p.label() for p in item.people)


class LogTable(QWidget):
    """A heading with its count, a table, and Add / Edit / Remove."""

    add_requested = Signal()
    edit_requested = Signal(object)
    remove_requested = Signal(object)

    def __init__(self, title: str, noun: str, columns: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(GRID // 2)
        self.heading = heading(title, 1, self)
        layout.addWidget(self.heading)
        self.table = QTableWidget(0, len(columns), self)
        self.table.setHorizontalHeaderLabels(columns)
        self.table.verticalHeader().hide()
        # Rows as tall as their wrapped text at the columns' real widths (measured when the
        # table is laid out, not while it is filled): the log holds tens of rows, not more.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setHighlightSections(False)
        self.table.itemSelectionChanged.connect(self._selection)
        self.table.itemDoubleClicked.connect(lambda _item: self._emit(self.edit_requested))
        layout.addWidget(self.table, 1)
        self.empty = muted_label("", self)
        buttons = EditButtons(self, f"Add {noun}…", self.add_requested.emit,
                              lambda: self._emit(self.edit_requested),
                              lambda: self._emit(self.remove_requested))
        self.add_button, self.edit_button, self.remove_button = (
            buttons.add_button, buttons.edit_button, buttons.remove_button)
        self._buttons = buttons
        buttons.addSpacing(GRID)
        buttons.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        self.locked = False
        self._selection()

    def fill(self, entries: list[Interview] | list[ReviewedDocument],
             rows: list[list[str]], empty: str) -> None:
        current = self.current()
        keep = current.id if current is not None else None
        self.table.setRowCount(len(rows))
        for n, (entry, cells) in enumerate(zip(entries, rows, strict=True)):
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                cell.setData(ENTRY_ROLE, entry)
                self.table.setItem(n, column, cell)
        self.heading.setText(f"{self.title} ({len(rows)})")
        self.empty.setText(empty if not rows else "")
        if keep is not None:
            self.select(keep)
        self._selection()

    def current(self) -> Interview | ReviewedDocument | None:
        row = self.table.currentRow()
        cell = self.table.item(row, 0) if row >= 0 and self.table.selectedItems() else None
        entry = cell.data(ENTRY_ROLE) if cell is not None else None
        return entry if isinstance(entry, (Interview, ReviewedDocument)) else None

    def select(self, entry_id: int) -> bool:
        for n in range(self.table.rowCount()):
            cell = self.table.item(n, 0)
            entry = cell.data(ENTRY_ROLE) if cell is not None else None
            if cell is not None and entry is not None and entry.id == entry_id:
                self.table.selectRow(n)
                self.table.scrollToItem(cell)
                return True
        return False

    def set_locked(self, locked: bool) -> None:
        self.locked = locked
        self._selection()

    def _selection(self) -> None:
        self._buttons.enable(selected=self.current() is not None, locked=self.locked)

    def _emit(self, signal: object) -> None:
        entry = self.current()
        if entry is not None and not self.locked:
            signal.emit(entry)  # type: ignore[attr-defined]


class SiteVisitView(QWidget):
    """The log's tab in the workspace.

    Signals: counted(int interviews, int documents): the log was (re)read.
    """

    counted = Signal(int, int)

    def __init__(self, context: EngagementContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.editor = SiteLogEditor(context, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * GRID, 2 * GRID, 3 * GRID, 2 * GRID)
        layout.setSpacing(GRID)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setContentsMargins(GRID, GRID, GRID, GRID)
        self.banner.hide()
        layout.addWidget(self.banner)
        layout.addWidget(heading("Site-visit log", 3, self))
        about = muted_label("The interviews held and the documents reviewed during the visit. "
                            "The report's “Scope and evidence base” appendix lists them; "
                            "each element's form shows those linked to it.", self)
        about.setWordWrap(True)
        layout.addWidget(about)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        self.interviews = LogTable("Interviews", "Interview",
                                   ["Date", "People and roles", "Topics", "Elements"], splitter)
        self.documents = LogTable("Documents reviewed", "Document",
                                  ["Title", "Owner", "Version or date", "Elements",
                                   "Attachment"], splitter)
        for table, widths in ((self.interviews, (96, 260, 0, 150)),
                              (self.documents, (0, 180, 130, 150, 170))):
            header = table.table.horizontalHeader()
            for column, width in enumerate(widths):
                if width:
                    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
                    header.resizeSection(column, width)
                else:
                    header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(splitter, 1)
        self.interviews.add_requested.connect(lambda: self.editor.add(document=False))
        self.documents.add_requested.connect(lambda: self.editor.add(document=True))
        for table in (self.interviews, self.documents):
            table.edit_requested.connect(self.editor.edit)
            table.remove_requested.connect(self.editor.remove)
        context.changed.connect(self._changed)
        context.reloaded.connect(self.load)

    def load(self) -> None:
        session, eid = self.context.session, self.context.engagement_id
        interviews = site_log.interviews(session, eid)
        self.interviews.fill(interviews, [
            [i.held_on or "Not dated", people_text(i), i.topics, ", ".join(i.elements)]
            for i in interviews], "No interview recorded yet: add one as you hold it.")
        files = {a.id: a for a in attachments.attachments(session, eid)}
        documents = site_log.documents(session, eid)
        self.documents.fill(documents, [
            [d.title, d.owner, d.version, ", ".join(d.elements), _file(files, d.attachment_id)]
            for d in documents], "No document recorded yet: add each one the client gives you.")
        self.counted.emit(len(interviews), len(documents))

    def _changed(self, change: Change) -> None:
        if change.kind in (ChangeKind.INTERVIEWS, ChangeKind.DOCUMENTS,
                           ChangeKind.ATTACHMENTS):
            self.load()

    def show_entry(self, kind: str, entry_id: int) -> bool:
        """Select an interview (kind "interview") or a document ("document")."""
        table = self.interviews if kind == INTERVIEW else self.documents
        found = table.select(entry_id)
        if found:
            table.table.setFocus()
        return found

    def set_read_only(self, locked: bool, message: str = "") -> None:
        self.banner.setText(message)
        self.banner.setVisible(locked)
        for table in (self.interviews, self.documents):
            table.set_locked(locked)


def _file(files: dict[int, AttachmentInfo], attachment_id: int | None) -> str:
    if attachment_id is None:
        return ""
    info = files.get(attachment_id)
    return f"{info.filename} ({info.element})" if info is not None else ""


__all__ = ["DOCUMENT", "INTERVIEW", "SiteVisitView"]
