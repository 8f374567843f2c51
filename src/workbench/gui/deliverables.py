"""File ▸ Export and Import: workbook, report and JSON, each run on a worker with progress.

The workbook and report services are imported only when used (openpyxl and reportlab
take a while to import, and the start-up must stay quick).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

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
from workbench.gui.ops import Op
from workbench.gui.settings import Settings
from workbench.gui.tasks import TaskRunner
from workbench.gui.theme import GRID
from workbench.services import engagements
from workbench.services.session import Change, Session

if TYPE_CHECKING:
    from workbench.services.workbook import ImportPreview


def safe_file_name(text: str) -> str:
    cleaned = re.sub(r"[^\w\- ]+", "", text, flags=re.UNICODE).strip()
    return re.sub(r"\s+", " ", cleaned)[:80] or "engagement"


WORKING_PAPERS_LABEL = "Include working papers (each assessor's ratings)"
WORKING_PAPERS_TIP = ("Attach the signed revision's full content, with each assessor's own "
                      "ratings. Without it the client's report carries only a signed "
                      "reference.")


class ReportOptions(QDialog):
    """Brand profile and sections of the PDF report."""

    def __init__(self, brand: str, sections: tuple[tuple[str, str], ...],
                 parent: QWidget | None = None, word: bool = False,
                 signed: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Word Report" if word else "Export Report")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(3 * GRID, 2 * GRID, 3 * GRID, 2 * GRID)
        form = QFormLayout()
        self.brand = QComboBox(self)
        from workbench.gui.engagement_dialogs import brand_choices  # the dialogs: on use

        names, labels = brand_choices()
        for name in names:
            self.brand.addItem(labels[name], name)
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
        format_label = QLabel("Format", self)
        layout.addWidget(format_label)
        self.pdfa = QCheckBox("Archival PDF/A-2b (for long-term storage)", self)
        self.pdfa.setToolTip("Fonts embedded, an sRGB output intent and XMP metadata; the file "
                             "is validated before it is written. Signed reports are always "
                             "archival.")
        layout.addWidget(self.pdfa)
        self.working_papers = QCheckBox(WORKING_PAPERS_LABEL, self)
        self.working_papers.setToolTip(WORKING_PAPERS_TIP if signed else
                                       "Only a signed-off engagement has working papers.")
        self.working_papers.setEnabled(signed)
        layout.addWidget(self.working_papers)
        if word:  # a Word report is an editable copy: no archival format, never signed
            self.pdfa.setChecked(False)
            self.pdfa.setVisible(False)
            self.working_papers.setVisible(False)
            format_label.setText("An editable copy: the signed original of a report is "
                                 "always its PDF.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Choose File…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[str, list[str] | None, bool, bool]:
        picked = [k for k, box in self.sections.items() if box.isChecked()]
        return (str(self.brand.currentData()),
                None if len(picked) == len(self.sections) else picked, self.pdfa.isChecked(),
                self.working_papers.isEnabled() and self.working_papers.isChecked())


def ask_report_options(
        parent: QWidget, brand: str, sections: tuple[tuple[str, str], ...],
        word: bool = False, signed: bool = False,
) -> tuple[str, list[str] | None, bool, bool] | None:
    """(brand, sections or None for all, PDF/A, working papers), or None when cancelled
    (tests replace this); `word`: for the Word report (no PDF/A or working papers choice);
    `signed`: the engagement is signed off (working papers can be attached)."""
    dialog = ReportOptions(brand, sections, parent, word, signed)
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

    def _failed(self, message: str) -> None:
        dialogs.show_error(self.parent_widget, message)

    def _saved(self, written: Path, open_after: bool = False) -> None:
        self.last_path = written
        self.status.emit(f"Saved {written.name} in {written.parent}")
        if open_after:
            dialogs.open_with_system(written)

    # --- exports ------------------------------------------------------------------------
    def export_workbook(self, context: EngagementContext, path: Path | None = None) -> None:
        path = path or dialogs.choose_save_file(self.parent_widget, "Export Workbook",
                                                self._suggest(context, ".xlsx"),
                                                "Excel workbook (*.xlsx)")
        if path is None:
            return
        target = path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")
        self._remember(target)
        context.form_flush()  # text typed a moment ago belongs in the file
        eid = context.engagement_id

        def work(session: Session, progress: Progress) -> Path:
            from workbench.services import workbook

            return workbook.export(session, eid, target, progress)

        Op.with_progress(self.parent_widget, context, work).success(self._saved) \
            .run_in_background("Exporting the workbook", self.runner)

    def export_report(self, context: EngagementContext, path: Path | None = None,
                      brand: str | None = None, sections: list[str] | None = None,
                      pdfa: bool = False, include_papers: bool = False) -> None:
        if path is None:
            from workbench.services import working_papers
            from workbench.services.report import SECTIONS

            signed = working_papers.available(self.session, context.engagement_id)
            options = ask_report_options(self.parent_widget, context.details.brand,
                                         tuple(SECTIONS), False, signed)  # word, signed
            if options is None:
                return
            brand, sections, pdfa, *papers = options
            include_papers = bool(papers and papers[0])
            path = dialogs.choose_save_file(self.parent_widget, "Export Report",
                                            self._suggest(context, ".pdf"), "PDF (*.pdf)")
            if path is None:
                return
        target = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
        self._remember(target)
        context.form_flush()
        eid = context.engagement_id

        def work(session: Session, progress: Progress) -> Path:
            from workbench.services import report

            report.export_with_result(session, eid, target, brand=brand, sections=sections,
                                      progress=progress, pdfa=pdfa,
                                      include_working_papers=include_papers)
            return target

        Op.with_progress(self.parent_widget, context, work) \
            .success(lambda written: self._saved(written, open_after=True)) \
            .run_in_background("Exporting the report", self.runner)

    def export_word_report(self, context: EngagementContext, path: Path | None = None,
                           brand: str | None = None, sections: list[str] | None = None) -> None:
        """File ▸ Export Word Report: the editable .docx, in the background with progress."""
        if path is None:
            from workbench.services.report import SECTIONS

            options = ask_report_options(self.parent_widget, context.details.brand,
                                         tuple(SECTIONS), word=True)
            if options is None:
                return
            brand, sections, *_ = options
            path = dialogs.choose_save_file(self.parent_widget, "Export Word Report",
                                            self._suggest(context, ".docx"),
                                            "Word document (*.docx)")
            if path is None:
                return
        target = path if path.suffix.lower() == ".docx" else path.with_suffix(".docx")
        self._remember(target)
        context.form_flush()
        eid = context.engagement_id

        def work(session: Session, progress: Progress) -> Path:
            from workbench.services import word_report

            return word_report.export_docx(session, eid, target, brand=brand,
                                           sections=sections, progress=progress).path

        Op.with_progress(self.parent_widget, context, work) \
            .success(lambda written: self._saved(written, open_after=True)) \
            .run_in_background("Exporting the Word report", self.runner)

    def export_json(self, context: EngagementContext, path: Path | None = None) -> None:
        path = path or dialogs.choose_save_file(self.parent_widget, "Export Engagement JSON",
                                                self._suggest(context, ".json"),
                                                "Engagement JSON (*.json)")
        if path is None:
            return
        target = path
        self._remember(target)
        context.form_flush()
        eid = context.engagement_id

        def work(session: Session) -> Path:
            engagements.export_json(session, eid, target)
            return target

        Op(self.parent_widget, context, work).success(self._saved) \
            .run_in_background("Exporting the engagement", self.runner)

    # --- imports ------------------------------------------------------------------------
    def import_workbook(self, context: EngagementContext, path: Path | None = None) -> None:
        path = path or dialogs.choose_open_file(self.parent_widget, "Import Workbook",
                                                self.settings.last_directory,
                                                "Excel workbook (*.xlsx)")
        if path is None:
            return
        source = path
        self._remember(source)
        context.form_flush()
        eid, assessor = context.engagement_id, context.assessor
        host = _OpenOrNew(context, self.created.emit)

        def read(session: Session, progress: Progress) -> ImportPreview:
            from workbench.services import workbook

            return workbook.preview_import(session, source, engagement_id=eid,
                                           assessor=assessor, progress=progress)

        def apply(session: Session, progress: Progress, preview: ImportPreview) -> Change:
            from workbench.services import workbook

            progress(0.1, f"Importing {source.name}")
            return workbook.apply_import(session, preview)

        def confirm(preview: ImportPreview) -> None:
            text = "\n".join(preview.lines())
            if preview.problems:
                dialogs.show_error(self.parent_widget, text, "The workbook cannot be imported")
                return
            if not preview.has_changes:
                self.status.emit(f"{source.name}: nothing to import, the engagement already "
                                 "holds these values")
                return
            if not confirm_import(self.parent_widget, text):
                return
            Op.with_progress(self.parent_widget, host,
                             lambda s, p: apply(s, p, preview)) \
                .success(lambda _change: self.status.emit(f"Imported {source.name}")) \
                .run_in_background("Importing the workbook", self.runner)

        Op.with_progress(self.parent_widget, context, read).success(confirm) \
            .run_in_background("Reading the workbook", self.runner)

    def import_json(self, path: Path | None = None) -> None:
        path = path or dialogs.choose_open_file(self.parent_widget, "Import Engagement JSON",
                                                self.settings.last_directory,
                                                "Engagement JSON (*.json)")
        if path is None:
            return
        source = path
        self._remember(source)
        host = _OpenOrNew(None, self.created.emit, self.session)
        Op(self.parent_widget, host, lambda s: engagements.import_json(s, source)) \
            .success(lambda _change: self.status.emit(f"Imported {source.name}")) \
            .run_in_background("Importing the engagement", self.runner)


class _OpenOrNew:
    """The OpHost of an import: a Change to the open engagement goes to its context;
    any other (a new engagement) is announced through `announce` (the window opens it)."""

    def __init__(self, context: EngagementContext | None,
                 announce: Callable[[Change], None], session: Session | None = None) -> None:
        self._context = context
        self._announce = announce
        self._session = session

    @property
    def session(self) -> Session:
        if self._context is not None:
            return self._context.session
        assert self._session is not None
        return self._session

    def deliver(self, change: Change) -> None:
        if self._context is not None and change.engagement_id == self._context.engagement_id:
            self._context.deliver(change)
        else:
            self._announce(change)


__all__ = ["Deliverables", "WorkbenchError"]
