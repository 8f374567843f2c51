"""The sign-off dialog: readiness checklist, signers with signature pads, certificate, lock.

`SignOffDialog(session, engagement_id)` shows what is missing or inconsistent;
warnings can be passed only by ticking an explicit box, blockers not at all.
Signing off is quick and happens on the GUI thread; writing (and digitally
signing) the report runs on a worker with its own Session. `AmendDialog`
reopens a signed-off engagement as a new revision with a reason.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core import limits
from workbench.core.engagement import EngagementDetails
from workbench.core.errors import WorkbenchError
from workbench.core.progress import Progress
from workbench.gui.deliverables import WORKING_PAPERS_LABEL, WORKING_PAPERS_TIP
from workbench.gui.ops import Op, Reading
from workbench.gui.signature_pad import SignaturePad
from workbench.gui.tasks import TaskRunner, shared_runner
from workbench.services import engagements, signoff
from workbench.services.session import Change, Session

SPACING = 8


class _SignerBox(QGroupBox):
    """Name, role, organisation and a signature pad for one signer."""

    def __init__(self, title: str, name: str, role: str, organisation: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        form = QFormLayout()
        form.setSpacing(SPACING)
        self.name = QLineEdit(name)
        self.role = QLineEdit(role)
        self.organisation = QLineEdit(organisation)
        for edit, what in ((self.name, "Name"), (self.role, "Role"),
                           (self.organisation, "Organisation")):
            edit.setMaxLength(limits.NAME)
            edit.setAccessibleName(f"{title}: {what}")
            form.addRow(f"{what}:", edit)
        self.pad = SignaturePad()
        clear = QPushButton("Clear")
        clear.setToolTip("Erase the drawn signature")
        clear.clicked.connect(self.pad.clear)
        pad_row = QHBoxLayout()
        pad_row.addWidget(self.pad, 1)
        pad_row.addWidget(clear, 0, Qt.AlignmentFlag.AlignBottom)
        form.addRow("Signature:", pad_row)
        self.setLayout(form)

    def signer(self, certificate_pem: str | None = None) -> signoff.Signer:
        return signoff.Signer(self.name.text(), self.role.text(), self.organisation.text(),
                              self.pad.to_png(), certificate_pem)


class SignOffDialog(QDialog):
    """Check readiness, collect the signers, lock the revision and write the signed report.

    Signals:
        signed_off(Change): the engagement was signed off (refresh views, show the banner).
        report_written(Path): the signed report was written.
    """

    signed_off = Signal(object)
    report_written = Signal(object)

    def __init__(self, session: Session, engagement_id: str, parent: QWidget | None = None,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.engagement_id = engagement_id
        self.runner = runner or shared_runner()
        self.result_info: signoff.SignOffResult | None = None
        self.written: signoff.SignedReport | None = None
        details = engagements.details(session, engagement_id)
        self.setWindowTitle(f"Sign off — {details.client}")
        self.setMinimumWidth(640)

        outer = QVBoxLayout(self)
        outer.setSpacing(SPACING)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(2 * SPACING)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self._readiness_box(layout)
        self._signer_boxes(layout, details)
        layout.addWidget(self._certificate_box())
        layout.addLayout(self._report_row(details))
        layout.addWidget(self.working_papers)
        self._error_and_buttons(outer)
        self.readiness = self.refresh()
        self.resize(720, fitting_height(self, 760))

    def _readiness_box(self, layout: QVBoxLayout) -> None:
        intro = QLabel("Signing off locks this revision of the assessment: its content hash "
                       "is recorded, and any later change needs an amendment with a reason.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        check_box = QGroupBox("Readiness check")
        check_layout = QVBoxLayout(check_box)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.checklist = QTreeWidget()
        self.checklist.setHeaderLabels(["Element", "What to look at"])
        self.checklist.setRootIsDecorated(False)
        self.checklist.setAlternatingRowColors(True)
        self.checklist.setMinimumHeight(150)
        self.checklist.setColumnWidth(0, 90)
        self.accept_warnings = QCheckBox()
        self.accept_warnings.toggled.connect(self._update_button)
        check_layout.addWidget(self.summary)
        check_layout.addWidget(self.checklist)
        check_layout.addWidget(self.accept_warnings)
        layout.addWidget(check_box)

    def _signer_boxes(self, layout: QVBoxLayout, details: EngagementDetails) -> None:
        self.lead = _SignerBox("Lead assessor", details.lead_assessor, "Lead assessor", "")
        self.lead.name.textChanged.connect(self._update_button)
        self.lead.role.textChanged.connect(self._update_button)
        layout.addWidget(self.lead)
        self.client = _SignerBox("Client representative countersigns", "", "",
                                 details.client)
        self.client.setCheckable(True)
        self.client.setChecked(False)
        self.client.toggled.connect(self._update_button)
        self.client.name.textChanged.connect(self._update_button)
        self.client.role.textChanged.connect(self._update_button)
        layout.addWidget(self.client)

    def _certificate_box(self) -> QGroupBox:
        self.certificate = QGroupBox("Sign the PDF digitally (PAdES)")
        self.certificate.setCheckable(True)
        self.certificate.setChecked(False)
        cert_form = QFormLayout(self.certificate)
        cert_form.setSpacing(SPACING)
        self.own_cert = QRadioButton("My own certificate, kept by the workbench "
                                     "(created on first use)")
        self.file_cert = QRadioButton("A certificate file (PKCS#12: .p12 or .pfx)")
        self.own_cert.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.own_cert)
        group.addButton(self.file_cert)
        self.cert_path = QLineEdit()
        self.cert_path.setPlaceholderText("Choose a .p12 or .pfx file")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._choose_certificate)
        file_row = QHBoxLayout()
        file_row.addWidget(self.cert_path, 1)
        file_row.addWidget(browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("Protects the signing key")
        cert_form.addRow(self.own_cert)
        cert_form.addRow(self.file_cert)
        cert_form.addRow("File:", file_row)
        cert_form.addRow("Passphrase:", self.passphrase)
        self.file_cert.toggled.connect(self.cert_path.setEnabled)
        self.file_cert.toggled.connect(browse.setEnabled)
        self.cert_path.setEnabled(False)
        browse.setEnabled(False)
        return self.certificate

    def _report_row(self, details: EngagementDetails) -> QHBoxLayout:
        report_row = QHBoxLayout()
        self.write_report = QCheckBox("Write the signed report to")
        self.write_report.setChecked(True)
        self.report_path = QLineEdit(str(self._suggested_path(details.client, details.title)))
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._choose_report)
        report_row.addWidget(self.write_report)
        report_row.addWidget(self.report_path, 1)
        report_row.addWidget(choose)
        self.working_papers = QCheckBox(WORKING_PAPERS_LABEL)
        self.working_papers.setToolTip(WORKING_PAPERS_TIP)
        self.write_report.toggled.connect(self.working_papers.setEnabled)
        return report_row

    def _error_and_buttons(self, outer: QVBoxLayout) -> None:
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.setStyleSheet("color: palette(highlighted-text); background: #9b1c1c; "
                                 "padding: 8px; border-radius: 4px;")
        self.error.hide()
        outer.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = self.buttons.addButton("Sign off and lock",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.sign_button.setIcon(self.style().standardIcon(
            QStyle.StandardPixmap.SP_DialogApplyButton))
        self.buttons.rejected.connect(self.reject)
        self.sign_button.clicked.connect(self.sign)
        outer.addWidget(self.buttons)

    # ------------------------------------------------------------ readiness

    def refresh(self) -> signoff.Readiness:
        """Run the readiness check again and show it."""
        ready = signoff.readiness(self.session, self.engagement_id)
        self.readiness = ready
        self.checklist.clear()
        style = self.style()
        icons = {signoff.Severity.BLOCKER: style.standardIcon(
                     QStyle.StandardPixmap.SP_MessageBoxCritical),
                 signoff.Severity.WARNING: style.standardIcon(
                     QStyle.StandardPixmap.SP_MessageBoxWarning)}
        for item in ready.items:
            row = QTreeWidgetItem([item.element or "—", item.text])
            row.setIcon(0, icons[item.severity])
            row.setToolTip(1, item.message)
            row.setData(0, Qt.ItemDataRole.UserRole, str(item.code))
            self.checklist.addTopLevelItem(row)
        if not ready.items:
            self.summary.setText("Everything is rated, judged, noted and agreed: ready to "
                                 "sign off.")
            self.checklist.hide()
        elif ready.blockers:
            n = len(ready.blockers)
            self.summary.setText(f"<b>{n} {'problem prevents' if n == 1 else 'problems prevent'}"
                                 " sign-off.</b> Fix them first.")
        else:
            n = len(ready.warnings)
            self.summary.setText(f"<b>{n} {'point' if n == 1 else 'points'} to review</b> "
                                 "before signing off. You can sign off anyway, but only "
                                 "explicitly.")
        n = len(ready.warnings)
        self.accept_warnings.setText(
            "I have reviewed this warning and sign off anyway" if n == 1 else
            f"I have reviewed these {n} warnings and sign off anyway")
        self.accept_warnings.setVisible(bool(ready.warnings) and not ready.blockers)
        self._update_button()
        return ready

    def _update_button(self) -> None:
        ready = self.readiness if hasattr(self, "readiness") else None
        ok = ready is not None and ready.can_sign(self.accept_warnings.isChecked())
        ok = ok and bool(self.lead.name.text().strip()) and bool(self.lead.role.text().strip())
        if self.client.isChecked():
            ok = ok and bool(self.client.name.text().strip()) and \
                bool(self.client.role.text().strip())
        self.sign_button.setEnabled(ok)

    # ------------------------------------------------------------ choices

    @staticmethod
    def _suggested_path(client: str, title: str) -> Path:
        stem = re.sub(r"[^\w\-]+", "-", f"{client} {title}".strip()).strip("-")[:80]
        folder = Path.home() / "Documents"
        if not folder.is_dir():
            folder = Path.home()
        return folder / f"{stem or 'report'}-signed.pdf"

    def _choose_certificate(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a certificate", str(Path.home()),
                                              "PKCS#12 certificates (*.p12 *.pfx)")
        if path:
            self.cert_path.setText(path)

    def _choose_report(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save the signed report",
                                              self.report_path.text(), "PDF (*.pdf)")
        if path:
            self.report_path.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    # ------------------------------------------------------------ signing

    def credentials(self) -> signoff.Credentials | None:
        """The certificate chosen, opened with its passphrase (None when not signing)."""
        if not self.certificate.isChecked():
            return None
        if self.file_cert.isChecked():
            path = self.cert_path.text().strip()
            if not path:
                raise WorkbenchError("choose the certificate file, or use your own certificate")
            return signoff.signing_credentials(certificate=Path(path),
                                               passphrase=self.passphrase.text())
        return signoff.signing_credentials(passphrase=self.passphrase.text(),
                                           signer=self.lead.name.text(),
                                           organisation=self.lead.organisation.text())

    def sign(self) -> None:
        """Sign off: alone here (quick), or with its report as one step on a worker."""
        self.show_error("")
        try:
            # The certificate first: a wrong passphrase must leave the engagement unlocked.
            creds = self.credentials()
            signers = [self.lead.signer(creds.certificate_pem() if creds else None)]
            if self.client.isChecked():
                signers.append(self.client.signer())
            target = self.report_path.text().strip()
            if self.write_report.isChecked() and target:
                # The report's target and brand too: a bad one must leave it unlocked.
                signoff.check_report_target(self.session, self.engagement_id, Path(target))
                self._sign_with_report(Path(target), signers, creds)
                return
            self.result_info = signoff.sign_off(self.session, self.engagement_id, signers,
                                                self.accept_warnings.isChecked())
        except WorkbenchError as exc:
            self.show_error(str(exc))
            self.refresh()
            return
        self.signed_off.emit(self.result_info.change)
        self.accept()

    def _sign_with_report(self, path: Path, signers: list[signoff.Signer],
                          creds: signoff.Credentials | None) -> None:
        """Lock and write the signed report in one transaction: if the report cannot be
        written, nothing is locked (the same step as `workbench signoff -o`)."""
        eid, accept = self.engagement_id, self.accept_warnings.isChecked()
        papers = self.working_papers.isChecked()
        self.sign_button.setEnabled(False)

        def work(session: Session, progress: Progress
                 ) -> tuple[signoff.SignOffResult, signoff.SignedReport]:
            return signoff.sign_off_with_report(session, eid, signers, path, creds,
                                                accept_warnings=accept, progress=progress,
                                                include_working_papers=papers)

        def done(result: tuple[signoff.SignOffResult, signoff.SignedReport]) -> None:
            self.result_info, self.written = result
            self.signed_off.emit(self.result_info.change)
            self.report_written.emit(self.written.path)
            self.accept()

        def failed(message: str) -> None:
            self.show_error(f"Not signed off: {message}")
            self.sign_button.setEnabled(True)
            self.refresh()

        Op.with_progress(self, Reading(self.session), work).success(done).failure(failed) \
            .run_in_background("Signing off and writing the report", self.runner,
                               cancellable=False)


class AmendDialog(QDialog):
    """Reopen a signed-off engagement as a new revision; the signed one stays as it was.

    Signals:
        amended(Change): the engagement is editable again (hide the banner, refresh).
    """

    amended = Signal(object)

    def __init__(self, session: Session, engagement_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.engagement_id = engagement_id
        self.change: Change | None = None
        self.setWindowTitle("Amend the signed-off assessment")
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        banner = signoff.lock_banner(session, engagement_id) or ""
        text = QLabel(f"{banner}<br><br>An amendment opens the next revision for changes. "
                      "The signed revision, its hash and its report stay exactly as they "
                      "are, and the report of the amended revision lists the reason.")
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addWidget(QLabel("Reason for the amendment (what changes, and why):"))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("e.g. The client supplied the 2026 retention report "
                                       "after the visit; D5.3 is re-rated.")
        self.reason.setMaximumHeight(110)
        layout.addWidget(self.reason)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.amend_button = buttons.addButton("Start amendment",
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.amend_button.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: self.amend_button.setEnabled(bool(self.reason.toPlainText().strip())))
        self.amend_button.clicked.connect(self.amend)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 320)

    def amend(self) -> None:
        try:
            self.change = signoff.amend(self.session, self.engagement_id,
                                        self.reason.toPlainText())
        except WorkbenchError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.amended.emit(self.change)
        self.accept()


def fitting_height(widget: QWidget, wanted: int) -> int:
    """`wanted`, or less so the dialog and its title bar fit the screen's free area (a
    1366×768 laptop leaves about 700 px); the scroll area takes up the rest."""
    screen = widget.screen() or QApplication.primaryScreen()
    free = screen.availableGeometry().height() if screen is not None else wanted
    return max(320, min(wanted, free - 64))
