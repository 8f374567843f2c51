"""File ▸ Export and Import: workbook, report and JSON, each run on a worker with progress.

The workbook and report services are imported only when used (openpyxl and reportlab
take a while to import, and the start-up must stay quick).
"""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.progress import Progress
from workbench.gui import dialogs
from workbench.gui.context import EngagementContext
from workbench.gui.engagement_dialogs import brand_profiles
from workbench.gui.settings import Settings
from workbench.gui.tasks import TaskRunner, worker_session
from workbench.gui.theme import GRID
from workbench.services import engagements
from workbench.services.session import Change, Session


def service_module(name: str) -> ModuleType | None:
    """`workbench.services.<name>`, or None when this build has no such exporter."""
    full = f"workbench.services.{name}"
    try:
        return importlib.import_module(full)
    except ModuleNotFoundError as exc:
        if exc.name != full:
            raise
        return None


def call_with(fn: Callable[..., Any], *args: Any, **optional: Any) -> Any:
    """Call fn with the optional keywords it accepts (the exporters grow options over time)."""
    params = inspect.signature(fn).parameters
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    return fn(*args, **{k: v for k, v in optional.items()
                        if v is not None and (takes_any or k in params)})


def safe_file_name(text: str) -> str:
    cleaned = re.sub(r"[^\w\- ]+", "", text, flags=re.UNICODE).strip()
    return re.sub(r"\s+", " ", cleaned)[:80] or "engagement"


class ReportOptions(QDialog):
    """Brand profile and sections of the PDF report."""

    def __init__(self, brand: str, sections: tuple[tuple[str, str], ...],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Report")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * GRID, 2 * GRID, 3 * GRID, 2 * GRID)
        form = QFormLayout()
        self.brand = QComboBox(self)
        for name in brand_profiles():
            self.brand.addItem("Default" if name == "default" else name, name)
        self.brand.setCurrentIndex(max(0, self.brand.findData(brand)))
        form.addRow("Brand profile", self.brand)
        layout.addLayout(form)
        layout.addWidget(QLabel("Sections", self))
        self.sections: dict[str, QCheckBox] = {}
        for key, label in sections:
            box = QCheckBox(label, self)
            box.setChecked(True)
            self.sections[key] = box
            layout.addWidget(box)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose File…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[str, list[str] | None]:
        picked = [k for k, box in self.sections.items() if box.isChecked()]
        return str(self.brand.currentData()), (None if len(picked) == len(self.sections)
                                               else picked)


def ask_report_options(
        parent: QWidget, brand: str,
        sections: tuple[tuple[str, str], ...]) -> tuple[str, list[str] | None] | None:
    """(brand, sections or None for all), or None when cancelled (tests replace this)."""
    dialog = ReportOptions(brand, sections, parent)
    return dialog.chosen() if dialog.exec() else None


def confirm_import(parent: QWidget, summary: str) -> bool:
    """Show what an import would change; True to apply it (tests replace this)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Import Workbook")
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("These changes will be made:", dialog))
    text = QPlainTextEdit(summary, dialog)
    text.setReadOnly(True)
    text.setMinimumSize(560, 320)
    layout.addWidget(text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Apply).clicked.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout.addWidget(buttons)
    return bool(dialog.exec())


def describe_preview(preview: Any) -> str:
    """A readable text of an import preview, whatever shape the workbook service gives it."""
    lines = getattr(preview, "lines", None)
    if callable(lines):
        return "\n".join(str(line) for line in lines())
    for attribute in ("describe", "summary", "as_text"):
        value = getattr(preview, attribute, None)
        if callable(value):
            return str(value())
        if isinstance(value, str):
            return value
    changes = getattr(preview, "changes", None)
    if isinstance(changes, list | tuple):
        return "\n".join(str(c) for c in changes) or "Nothing would change."
    return str(preview)


class Deliverables(QObject):
    """Signals: status(str): a line for the status bar; created(object): a new engagement."""

    status = Signal(str)
    created = Signal(object)

    def __init__(self, session: Session, runner: TaskRunner, settings: Settings,
                 parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self.session = session
        self.runner = runner
        self.settings = settings
        self.parent_widget = parent_widget
        self.last_path: Path | None = None

    def _suggest(self, context: EngagementContext, suffix: str) -> str:
        d = context.details
        name = safe_file_name(f"{d.client} {d.title}")
        return str(Path(self.settings.last_directory) / f"{name}{suffix}")

    def _remember(self, path: Path) -> None:
        self.settings.last_directory = str(path.parent)

    def _missing(self, what: str) -> None:
        dialogs.show_error(self.parent_widget, f"this build cannot make the {what} yet")

    def _failed(self, message: str) -> None:
        dialogs.show_error(self.parent_widget, message)

    # --- exports ------------------------------------------------------------------------
    def export_workbook(self, context: EngagementContext, path: Path | None = None) -> None:
        module = service_module("workbook")
        if module is None:
            self._missing("Excel workbook")
            return
        path = path or dialogs.choose_save_file(self.parent_widget, "Export Workbook",
                                                self._suggest(context, ".xlsx"),
                                                "Excel workbook (*.xlsx)")
        if path is None:
            return
        path = path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")
        self._remember(path)
        self._export("Exporting the workbook", context, path, lambda s, p: call_with(
            module.export, s, context.engagement_id, path, progress=p,
            assessor=None))

    def export_report(self, context: EngagementContext, path: Path | None = None,
                      brand: str | None = None, sections: list[str] | None = None) -> None:
        module = service_module("report")
        if module is None:
            self._missing("PDF report")
            return
        if path is None:
            options = ask_report_options(self.parent_widget, context.details.brand,
                                         tuple(getattr(module, "SECTIONS", ())))
            if options is None:
                return
            brand, sections = options
            path = dialogs.choose_save_file(self.parent_widget, "Export Report",
                                            self._suggest(context, ".pdf"), "PDF (*.pdf)")
            if path is None:
                return
        path = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
        self._remember(path)
        self._export("Exporting the report", context, path, lambda s, p: call_with(
            module.export, s, context.engagement_id, path, brand=brand, sections=sections,
            progress=p), open_after=True)

    def export_json(self, context: EngagementContext, path: Path | None = None) -> None:
        path = path or dialogs.choose_save_file(self.parent_widget, "Export Engagement JSON",
                                                self._suggest(context, ".json"),
                                                "Engagement JSON (*.json)")
        if path is None:
            return
        self._remember(path)
        self._export("Exporting the engagement", context, path, lambda s, p: (
            engagements.export_json(s, context.engagement_id, path)))

    def _export(self, title: str, context: EngagementContext, path: Path,
                work: Callable[[Session, Progress], Any], open_after: bool = False) -> None:
        context.form_flush()  # text typed a moment ago belongs in the file
        db = self.session.path

        def run(progress: Progress) -> Path:
            progress(0.0, f"{title}…")
            with worker_session(db) as session:
                work(session, progress)
            progress(1.0, "Done")
            return path

        def done(written: Path) -> None:
            self.last_path = written
            self.status.emit(f"Saved {written.name} in {written.parent}")
            if open_after:
                dialogs.open_with_system(written)

        self.runner.run(title, run, on_done=done, on_error=self._failed,
                        parent=self.parent_widget)

    # --- imports ------------------------------------------------------------------------
    def import_workbook(self, context: EngagementContext, path: Path | None = None) -> None:
        module = service_module("workbook")
        if module is None or not hasattr(module, "preview_import"):
            self._missing("workbook import")
            return
        path = path or dialogs.choose_open_file(self.parent_widget, "Import Workbook",
                                                self.settings.last_directory,
                                                "Excel workbook (*.xlsx)")
        if path is None:
            return
        self._remember(path)
        db, eid, assessor = self.session.path, context.engagement_id, context.assessor

        def preview(progress: Progress) -> Any:
            with worker_session(db) as session:
                return call_with(module.preview_import, session, path, engagement_id=eid,
                                 assessor=assessor, progress=progress)

        def apply(prepared: Any) -> None:
            if getattr(prepared, "problems", None):
                dialogs.show_error(self.parent_widget, describe_preview(prepared),
                                   "The workbook cannot be imported")
                return
            if getattr(prepared, "has_changes", True) is False:
                self.status.emit(f"{path.name}: nothing to import, the engagement already "
                                 "holds these values")
                return
            if not confirm_import(self.parent_widget, describe_preview(prepared)):
                return

            def run(progress: Progress) -> Any:
                with worker_session(db) as session:
                    return call_with(module.apply_import, session, prepared, progress=progress)

            def applied(change: Any) -> None:
                if isinstance(change, Change):
                    if change.engagement_id == eid:
                        context.commit(change)
                    else:
                        self.created.emit(change)
                context.reload_all()
                self.status.emit(f"Imported {path.name}")

            self.runner.run("Importing the workbook", run, on_done=applied,
                            on_error=self._failed, parent=self.parent_widget)

        self.runner.run("Reading the workbook", preview, on_done=apply, on_error=self._failed,
                        parent=self.parent_widget)

    def import_json(self, path: Path | None = None) -> None:
        path = path or dialogs.choose_open_file(self.parent_widget, "Import Engagement JSON",
                                                self.settings.last_directory,
                                                "Engagement JSON (*.json)")
        if path is None:
            return
        self._remember(path)
        db = self.session.path

        def run(progress: Progress) -> Change:
            with worker_session(db) as session:
                return engagements.import_json(session, path)

        def done(change: Change) -> None:
            self.created.emit(change)
            self.status.emit(f"Imported {path.name}")

        self.runner.run("Importing the engagement", run, on_done=done, on_error=self._failed,
                        parent=self.parent_widget)


__all__ = ["Deliverables", "WorkbenchError"]
