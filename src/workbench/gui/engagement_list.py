"""The engagement list page: search, sort, open, and the engagement-level commands."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.gui.models.engagement_list import (
    ID_ROLE,
    Column,
    EngagementFilterProxy,
    EngagementTableModel,
)
from workbench.gui.theme import GRID, heading, muted_label
from workbench.services import engagements
from workbench.services.session import Change, ChangeKind, Session


class _Table(QTableView):
    activated_row = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated_row.emit()
            return
        super().keyPressEvent(event)


class EngagementListPage(QWidget):
    """Signals: open_requested(str), new_requested(), demo_requested(),
    duplicate_requested(str), archive_requested(str, bool), delete_requested(str)."""

    open_requested = Signal(str)
    new_requested = Signal()
    demo_requested = Signal()
    duplicate_requested = Signal(str)
    archive_requested = Signal(str, bool)
    delete_requested = Signal(str)

    def __init__(self, session: Session, show_archived: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * GRID, 3 * GRID, 3 * GRID, 2 * GRID)
        layout.setSpacing(2 * GRID)

        layout.addLayout(self._top_bar(show_archived))
        self._build_table()
        self._build_empty_pages()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.no_match)
        layout.addWidget(self.stack, 1)

        layout.addLayout(self._bottom_bar())
        # The rows are read when the page is first shown (or a change asks for them): a start
        # that reopens the last engagement never shows the list, and skips reading it.
        self._loaded = False
        self._selection()

    def showEvent(self, event: QShowEvent) -> None:
        if not self._loaded:
            self.reload()
        super().showEvent(event)

    def _ensure_loaded(self) -> bool:
        """Read the rows if they were not yet; True when this call read them."""
        if self._loaded:
            return False
        self.reload()
        return True

    def _top_bar(self, show_archived: bool) -> QHBoxLayout:
        top = QHBoxLayout()
        top.setSpacing(2 * GRID)
        titles = QVBoxLayout()
        titles.setSpacing(GRID // 2)
        titles.addWidget(heading("Engagements", 4, self))
        self.count = muted_label("", self)
        titles.addWidget(self.count)
        top.addLayout(titles)
        top.addStretch(1)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Search client, site, title, lead…")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(36 * GRID)
        self.search.textChanged.connect(self._filter)
        self.search.setAccessibleName("Search engagements")
        top.addWidget(self.search, 0, Qt.AlignmentFlag.AlignBottom)
        self.archived = QCheckBox("Show archived", self)
        self.archived.setChecked(show_archived)
        self.archived.toggled.connect(lambda _on: self.reload())
        top.addWidget(self.archived, 0, Qt.AlignmentFlag.AlignBottom)
        self.new_button = QPushButton("New Engagement…", self)
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self.new_requested)
        top.addWidget(self.new_button, 0, Qt.AlignmentFlag.AlignBottom)
        return top

    def _build_table(self) -> None:
        self.model = EngagementTableModel(self)
        self.proxy = EngagementFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = _Table(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Engagements")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.DATES, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(4 * GRID)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((Column.CLIENT, 200), (Column.SITE, 170), (Column.DATES, 190),
                              (Column.STATUS, 110), (Column.SCORE, 80), (Column.LEVEL, 120)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda index: self._open(index))
        self.table.activated_row.connect(lambda: self._open(self.table.currentIndex()))
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection())

    def _build_empty_pages(self) -> None:
        self.empty = QFrame(self)
        empty = QVBoxLayout(self.empty)
        empty.addStretch(1)
        message = heading("No engagements yet — create one or open the demo.", 2, self.empty)
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.addWidget(message)
        hint = muted_label("An engagement holds one assessment of one client: its team, "
                           "ratings, evidence and actions.", self.empty)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.addWidget(hint)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        create = QPushButton("New Engagement…", self.empty)
        create.clicked.connect(self.new_requested)
        demo = QPushButton("Open the Demo", self.empty)
        demo.clicked.connect(self.demo_requested)
        buttons.addWidget(create)
        buttons.addWidget(demo)
        buttons.addStretch(1)
        empty.addLayout(buttons)
        empty.addStretch(2)
        self.no_match = muted_label("No engagement matches the search. Clear it to see "
                                    "them all, or tick “Show archived”.", self)
        self.no_match.setAlignment(Qt.AlignmentFlag.AlignCenter)

    def _bottom_bar(self) -> QHBoxLayout:
        bottom = QHBoxLayout()
        bottom.setSpacing(GRID)
        self.open_button = QPushButton("Open", self)
        self.duplicate_button = QPushButton("Duplicate…", self)
        self.archive_button = QPushButton("Archive", self)
        self.delete_button = QPushButton("Delete…", self)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentIndex()))
        self.duplicate_button.clicked.connect(lambda: self._with_selected(
            self.duplicate_requested.emit))
        self.archive_button.clicked.connect(self._archive)
        self.delete_button.clicked.connect(lambda: self._with_selected(
            self.delete_requested.emit))
        for button in (self.open_button, self.duplicate_button, self.archive_button):
            bottom.addWidget(button)
        bottom.addStretch(1)
        bottom.addWidget(self.delete_button)
        return bottom

    # --- data ---------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the whole list (when first shown and when "show archived" flips)."""
        self._loaded = True
        try:
            rows = engagements.summaries(self.session, include_archived=self.show_archived)
        except WorkbenchError:
            rows = []
        self.model.set_rows(rows)
        self._after_change()
        if self.proxy.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    @property
    def show_archived(self) -> bool:
        return self.archived.isChecked()

    def apply(self, change: Change) -> None:
        """Refresh only the row a Change concerns."""
        if self._ensure_loaded():
            if change.kind is ChangeKind.ENGAGEMENT_CREATED:
                self.select(change.engagement_id)
            return
        if change.kind is ChangeKind.ENGAGEMENT_DELETED:
            self.model.remove(change.engagement_id)
        else:
            self.refresh_row(change.engagement_id)
            if change.kind is ChangeKind.ENGAGEMENT_CREATED:
                self.select(change.engagement_id)
        self._after_change()

    def refresh_row(self, engagement_id: str) -> None:
        if self._ensure_loaded():
            return
        try:
            summary = engagements.summary(self.session, engagement_id)
        except WorkbenchError:
            self.model.remove(engagement_id)
            return
        if summary.archived and not self.show_archived:
            self.model.remove(engagement_id)
        else:
            self.model.upsert(summary)

    def select(self, engagement_id: str) -> None:
        self._ensure_loaded()
        row = self.model.row_of(engagement_id)
        if row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if index.isValid():
            self.table.selectRow(index.row())
            self.table.scrollTo(index)

    def selected_id(self) -> str | None:
        if not self._loaded:
            return None  # nothing is selected in a list not yet read
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().hasSelection():
            return None
        return str(self.proxy.data(self.proxy.index(index.row(), 0), ID_ROLE))

    def _after_change(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        if total and not shown:
            self.stack.setCurrentWidget(self.no_match)
        elif total or self.show_archived:
            self.stack.setCurrentWidget(self.table)
        else:
            self.stack.setCurrentWidget(self.empty)
        noun = "engagement" if total == 1 else "engagements"
        filtered = f" · {shown} shown" if shown != total else ""
        self.count.setText(f"{total} {noun}{filtered}")
        self._selection()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._after_change()

    def _selection(self) -> None:
        engagement_id = self.selected_id()
        for button in (self.open_button, self.duplicate_button, self.archive_button,
                       self.delete_button):
            button.setEnabled(engagement_id is not None)
        if engagement_id is not None:
            row = self.model.row_of(engagement_id)
            archived = row is not None and self.model.summary(row).archived
            self.archive_button.setText("Restore" if archived else "Archive")

    def _with_selected(self, emit: object) -> None:
        engagement_id = self.selected_id()
        if engagement_id is not None:
            emit(engagement_id)  # type: ignore[operator]

    def _archive(self) -> None:
        engagement_id = self.selected_id()
        if engagement_id is None:
            return
        row = self.model.row_of(engagement_id)
        archived = row is not None and self.model.summary(row).archived
        self.archive_requested.emit(engagement_id, not archived)

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(str(self.proxy.data(self.proxy.index(index.row(), 0),
                                                         ID_ROLE)))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
