"""Settings ▸ Frameworks: the bundled and installed frameworks, their structure, and
importing, exporting and deleting them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.gui import dialogs
from workbench.gui.theme import GRID, heading, muted_label
from workbench.gui.widgets.tables import row_table
from workbench.services import frameworks
from workbench.services.frameworks import FrameworkInfo
from workbench.services.session import Session

COLUMNS = ("Id", "Version", "Name", "Source", "Elements", "Points", "Engagements")
FILTERS = "Framework workbook or definition (*.xlsx *.yaml *.yml)"


class FrameworksDialog(QDialog):
    """List, import, export, show and delete frameworks."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.infos: list[FrameworkInfo] = []
        self.setWindowTitle("Frameworks")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(3 * GRID, 2 * GRID, 3 * GRID, 2 * GRID)
        outer.setSpacing(GRID)
        outer.addWidget(muted_label(
            "Bundled frameworks ship with the workbench. Imported ones are kept in this "
            "database, each version apart, so an engagement always scores with the version "
            "it started on.", self))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.table = row_table(COLUMNS, 2, splitter)
        self.table.itemSelectionChanged.connect(self._show_selected)
        lower = QWidget(splitter)
        box = QVBoxLayout(lower)
        box.setContentsMargins(0, GRID, 0, 0)
        self.title = heading("", 1, lower)
        self.about = muted_label("", lower)
        self.about.setWordWrap(True)
        self.structure = QTreeWidget(lower)
        self.structure.setHeaderLabels(["Code", "Dimension, element or indicator", "Points"])
        self.structure.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.structure.header().setStretchLastSection(False)
        box.addWidget(self.title)
        box.addWidget(self.about)
        box.addWidget(self.structure, 1)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        outer.addWidget(splitter, 1)
        row = QHBoxLayout()
        self.import_button = QPushButton("&Import…", self)
        self.export_button = QPushButton("&Export…", self)
        self.delete_button = QPushButton("&Delete", self)
        self.import_button.clicked.connect(self.import_framework)
        self.export_button.clicked.connect(self.export_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.import_button, self.export_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        outer.addLayout(row)
        self.resize(900, 640)
        self.refresh()

    def refresh(self, select: tuple[str, str] | None = None) -> None:
        self.infos = frameworks.available(self.session)
        self.table.setRowCount(len(self.infos))
        for r, info in enumerate(self.infos):
            values = (info.id, info.version, info.name, info.origin, str(info.elements),
                      f"{info.total_points:g}", str(info.engagements))
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c in (4, 5, 6):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)
        keys = [i.key for i in self.infos]
        self.table.selectRow(keys.index(select) if select in keys else 0)
        self._show_selected()

    def selected(self) -> FrameworkInfo | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.infos[min(rows)] if rows else None

    def _show_selected(self) -> None:
        info = self.selected()
        self.structure.clear()
        self.export_button.setEnabled(info is not None)
        deletable = info is not None and info.origin == "installed" and not info.engagements
        self.delete_button.setEnabled(deletable)
        if info is None:
            self.title.setText("")
            self.about.setText("")
            return
        self.delete_button.setToolTip(
            "Delete this installed framework version" if deletable else
            "Bundled frameworks and frameworks in use cannot be deleted")
        framework = self.session.framework(*info.key)
        self.title.setText(f"{framework.name} ({framework.id} {framework.version})")
        self.about.setText(framework.description)
        for d in framework.dimensions:
            top = QTreeWidgetItem(self.structure, [d.code, d.name, f"{d.points:g}"])
            for e in d.elements:
                child = QTreeWidgetItem(top, [e.code, e.title, f"{e.points:g}"])
                for i in e.indicators:
                    QTreeWidgetItem(child, [i.code, i.text, ""])
            top.setExpanded(True)
        if framework.enablers:
            group = QTreeWidgetItem(self.structure, ["", "Framework enablers", ""])
            for n in framework.enablers:
                child = QTreeWidgetItem(group, [n.code, n.name, ""])
                for i in n.indicators:
                    QTreeWidgetItem(child, [i.code, i.text, ""])

    def _busy(self, work: object) -> object:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return work()  # type: ignore[operator]
        finally:
            QGuiApplication.restoreOverrideCursor()

    def import_framework(self) -> bool:
        path = dialogs.choose_open_file(self, "Import a Framework", str(Path.home()), FILTERS)
        if path is None:
            return False
        try:
            done = self._busy(lambda: frameworks.install(self.session, path))
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc), "Could not import the framework")
            return False
        assert isinstance(done, frameworks.Installed)
        f = done.framework
        self.refresh(f.key)
        if not done.new:
            dialogs.show_info(self, "Framework Unchanged",
                              f"{f.name} {f.version} is already here with exactly this "
                              "definition; nothing changed.")
        return done.new

    def export_selected(self) -> Path | None:
        info = self.selected()
        if info is None:
            return None
        suggested = str(Path.home() / f"{info.id}-{info.version}.xlsx")
        path = dialogs.choose_save_file(self, "Export the Framework", suggested,
                                        "Authoring workbook (*.xlsx);;Definition (*.yaml)")
        if path is None:
            return None
        try:
            written = self._busy(lambda: frameworks.export(self.session, info.id, info.version,
                                                            path))
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc), "Could not export the framework")
            return None
        assert isinstance(written, Path)
        return written

    def delete_selected(self) -> bool:
        info = self.selected()
        if info is None:
            return False
        if not dialogs.ask(self, "Delete Framework",
                           f"Delete the installed framework “{info.name}” version "
                           f"{info.version}? No engagement uses it.", "Delete",
                           destructive=True):
            return False
        try:
            frameworks.delete(self.session, info.id, info.version)
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc), "Could not delete the framework")
            return False
        self.refresh()
        return True
