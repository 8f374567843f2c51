"""Verify a signed report (Engagement ▸ Verify…): intact? signer trusted? content matches?

`VerifyDialog(session, engagement_id=None, path=None)` checks a PDF on a worker
(pyHanko takes a second to import) with its own Session on the same database,
and shows the verdict, the three facts (with the signer's name and fingerprint)
and the details beneath: the same facts and lines as `workbench verify`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from workbench.core.progress import Progress
from workbench.gui.ops import Op, Reading
from workbench.gui.tasks import TaskRunner, shared_runner
from workbench.services import signoff
from workbench.services.session import Session

SPACING = 8


class VerifyDialog(QDialog):
    """Choose a signed report and see whether it is intact and matches the database.

    Signals:
        checked(Verification): a check finished.
    """

    checked = Signal(object)

    def __init__(self, session: Session, engagement_id: str | None = None,
                 path: Path | None = None, parent: QWidget | None = None,
                 runner: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.engagement_id = engagement_id
        self.runner = runner or shared_runner()
        self.verification: signoff.Verification | None = None
        self.setWindowTitle("Verify a signed report")
        layout = QVBoxLayout(self)
        layout.setSpacing(2 * SPACING)

        layout.addLayout(self._file_row(path))
        layout.addLayout(self._verdict_row())
        self._build_facts()
        layout.addLayout(self.facts)

        self.form = QFormLayout()
        self.form.setSpacing(SPACING)
        self.fields: dict[str, QLabel] = {}
        layout.addLayout(self.form)
        layout.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        trust_button = buttons.addButton("Trusted Certificates…",
                                         QDialogButtonBox.ButtonRole.ActionRole)
        trust_button.clicked.connect(self._manage_trust)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(760, 560)
        if path:
            self.check()

    def _file_row(self, path: Path | None) -> QHBoxLayout:
        row = QHBoxLayout()
        self.path = QLineEdit(str(path) if path else "")
        self.path.setPlaceholderText("The signed report (PDF)")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._choose)
        self.check_button = QPushButton("Check")
        self.check_button.setDefault(True)
        self.check_button.clicked.connect(self.check)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        row.addWidget(self.check_button)
        return row

    def _verdict_row(self) -> QHBoxLayout:
        verdict_row = QHBoxLayout()
        self.icon = QLabel()
        self.icon.setFixedSize(40, 40)
        self.verdict = QLabel("Choose a signed report and press Check.")
        self.verdict.setWordWrap(True)
        font = self.verdict.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.verdict.setFont(font)
        verdict_row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignVCenter)
        verdict_row.addWidget(self.verdict, 1)
        return verdict_row

    def _build_facts(self) -> None:
        """One row per fact: intact, signer trusted, content matches."""
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(SPACING)
        self.facts.setVerticalSpacing(SPACING)
        self.fact_icons: dict[str, QLabel] = {}
        self.fact_texts: dict[str, QLabel] = {}
        for n, (key, label) in enumerate((("intact", "Intact"),
                                            ("trusted", "Signer trusted"),
                                            ("content_matches", "Content matches"))):
            icon, title, text = QLabel(), QLabel(f"<b>{label}</b>"), QLabel("—")
            icon.setFixedSize(20, 20)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.facts.addWidget(icon, n, 0, alignment=Qt.AlignmentFlag.AlignTop)
            self.facts.addWidget(title, n, 1, alignment=Qt.AlignmentFlag.AlignTop)
            self.facts.addWidget(text, n, 2)
            self.fact_icons[key], self.fact_texts[key] = icon, text
        self.facts.setColumnStretch(2, 1)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a signed report",
                                              self.path.text() or str(Path.home()),
                                              "PDF (*.pdf)")
        if path:
            self.path.setText(path)
            self.check()

    def check(self) -> None:
        """Check the chosen file on a worker; the result appears when it is done."""
        text = self.path.text().strip()
        if not text:
            self._show_error("Choose the PDF to check.")
            return
        target = Path(text)
        self.check_button.setEnabled(False)
        self.verdict.setText("Checking…")

        def work(session: Session, progress: Progress) -> signoff.Verification:
            progress(0.1, "Checking the signature")
            return signoff.verify_report(target, session)

        Op.with_progress(self, Reading(self.session), work).success(self._show) \
            .failure(self._show_error) \
            .run_in_background("Verifying the report", self.runner, cancellable=False)

    def _set_icon(self, ok: bool) -> None:
        pixmap = QStyle.StandardPixmap.SP_DialogApplyButton if ok else \
            QStyle.StandardPixmap.SP_MessageBoxCritical
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(36, 36))

    def _manage_trust(self) -> None:
        """The trust list, then the check again: adding a signer changes the verdict."""
        from workbench.gui.trust_dialog import TrustDialog

        TrustDialog(self).exec()
        if self.verification is not None:
            self.check()

    def _show_error(self, message: str) -> None:
        self.check_button.setEnabled(True)
        self.verification = None
        self._set_icon(False)
        self.verdict.setText(message)
        self._show_facts(None)
        self._show_lines([])

    def _show_facts(self, found: signoff.Verification | None) -> None:
        """One row per fact: holds, fails, or cannot be told here."""
        style = self.style()
        pixmaps = {True: QStyle.StandardPixmap.SP_DialogApplyButton,
                   False: QStyle.StandardPixmap.SP_MessageBoxCritical,
                   None: QStyle.StandardPixmap.SP_MessageBoxInformation}
        facts = {str(f.key): f for f in found.facts()} if found is not None else {}
        for key, icon in self.fact_icons.items():
            fact = facts.get(key)
            if fact is None:
                icon.clear()
                self.fact_texts[key].setText("—")
                continue
            icon.setPixmap(style.standardIcon(pixmaps[fact.holds]).pixmap(18, 18))
            self.fact_texts[key].setText(fact.text[:1].upper() + fact.text[1:])

    def _show_lines(self, lines: list[signoff.VerdictLine]) -> None:
        """One row per line of the verdict (the notes share one row)."""
        while self.form.rowCount():
            self.form.removeRow(0)
        self.fields = {}
        for line in lines:
            text = "\n".join((line.text, *(f"• {d}" for d in line.details)))
            if line.key in self.fields:
                self.fields[line.key].setText(f"{self.fields[line.key].text()}\n{text}")
                continue
            value = QLabel(text)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[line.key] = value
            self.form.addRow(f"{line.label}:", value)

    def _show(self, found: signoff.Verification) -> None:
        self.check_button.setEnabled(True)
        self.verification = found
        self._set_icon(found.ok)
        self.verdict.setText(found.headline)
        self._show_facts(found)
        self._show_lines(found.lines())
        self.checked.emit(found)
