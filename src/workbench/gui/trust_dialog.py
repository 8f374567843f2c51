"""Settings ▸ Trusted Certificates: whose signatures `verify` trusts, with fingerprints.

The list is the user's (services.trust): their own signing certificates, always
trusted, the firm's certificate and any certificate they added. Adding reads a PEM,
DER or PKCS#12 file; removing asks first; exporting writes the user's own
certificate as PEM for a client or colleague to add.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.gui import dialogs
from workbench.gui.theme import GRID, muted_label
from workbench.gui.widgets.tables import row_table
from workbench.services import trust
from workbench.services.trust import TrustedCertificate, TrustKind

COLUMNS = ("Kind", "Subject", "Expires", "SHA-256 fingerprint")
KIND_LABELS = {TrustKind.OWN: "Your own", TrustKind.FIRM: "Firm", TrustKind.ADDED: "Added"}
FILTERS = "Certificates (*.pem *.crt *.cer *.der *.p12 *.pfx);;All files (*)"
PKCS12_SUFFIXES = (".p12", ".pfx")


class TrustDialog(QDialog):
    """List, add, remove and export trusted certificates.

    Signals:
        changed(): the trust list changed.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[TrustedCertificate] = []
        self.setWindowTitle("Trusted Certificates")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(3 * GRID, 2 * GRID, 3 * GRID, 2 * GRID)
        outer.setSpacing(GRID)
        about = muted_label(
            "A signed report verifies only when its signer's certificate is trusted here: "
            "your own signing certificates (always), your firm's certificate, and any you "
            "add. A certificate that merely carries a known name is not trusted; compare "
            "the fingerprint with its owner before adding it. The list is yours, kept in "
            f"your data folder ({trust.where()}), not in any engagement database.", self)
        about.setWordWrap(True)
        outer.addWidget(about)
        self.table = row_table(COLUMNS, 1, self)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        outer.addWidget(self.table, 1)
        self.empty = muted_label("No certificate is trusted yet: sign a report digitally to "
                                 "make your own, or add a colleague's or your firm's.", self)
        outer.addWidget(self.empty)

        row = QHBoxLayout()
        self.add_button = QPushButton("&Add…", self)
        self.firm = QCheckBox("as the &firm's certificate", self)
        self.remove_button = QPushButton("&Remove", self)
        self.export_button = QPushButton("&Export My Certificate…", self)
        self.add_button.clicked.connect(lambda: self.add())
        self.remove_button.clicked.connect(lambda: self.remove_selected())
        self.export_button.clicked.connect(lambda: self.export_own())
        for widget in (self.add_button, self.firm, self.remove_button, self.export_button):
            row.addWidget(widget)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        row.addWidget(buttons)
        outer.addLayout(row)
        self.resize(1040, 420)
        self.refresh()

    # ------------------------------------------------------------ the list

    def refresh(self, select: str | None = None) -> None:
        self.entries = trust.listing()
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.table.setRowCount(len(self.entries))
        for r, entry in enumerate(self.entries):
            values = (KIND_LABELS[entry.kind], entry.subject, f"{entry.not_after:%Y-%m-%d}",
                      entry.fingerprint)
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(f"{entry.subject}\nSHA-256 {entry.fingerprint}\n{entry.path}")
                if c == 3:
                    item.setFont(mono)
                self.table.setItem(r, c, item)
        self.empty.setVisible(not self.entries)
        fingerprints = [e.fingerprint for e in self.entries]
        if select in fingerprints:
            self.table.selectRow(fingerprints.index(select))
        elif self.entries:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> TrustedCertificate | None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.entries[min(rows)] if rows else None

    def _update_buttons(self) -> None:
        entry = self.selected()
        self.remove_button.setEnabled(entry is not None and entry.removable)
        self.remove_button.setToolTip(
            "Your own signing certificates stay trusted while you keep them"
            if entry is not None and not entry.removable else "Stop trusting this certificate")
        self.export_button.setEnabled(any(e.kind is TrustKind.OWN for e in self.entries))

    # ------------------------------------------------------------ actions

    def ask_passphrase(self, path: Path) -> str | None:
        """The passphrase of a PKCS#12 file (None: cancelled; empty: none)."""
        text, ok = QInputDialog.getText(
            self, "Certificate Passphrase", f"The passphrase of {path.name} (leave empty if "
            "it has none):", QLineEdit.EchoMode.Password)
        return text if ok else None

    def add(self, path: Path | None = None) -> TrustedCertificate | None:
        if path is None:
            path = dialogs.choose_open_file(self, "Trust a Certificate", str(Path.home()),
                                            FILTERS)
        if path is None:
            return None
        passphrase = None
        if path.suffix.lower() in PKCS12_SUFFIXES:
            passphrase = self.ask_passphrase(path)
            if passphrase is None:
                return None
        try:
            entry = trust.add(path, firm=self.firm.isChecked(), passphrase=passphrase or None)
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc), "Could not trust the certificate")
            return None
        self.refresh(entry.fingerprint)
        self.changed.emit()
        return entry

    def remove_selected(self) -> bool:
        entry = self.selected()
        if entry is None or not entry.removable:
            return False
        if not dialogs.ask(self, "Stop Trusting", f"Stop trusting {entry.subject}? Reports "
                           "signed with this certificate will no longer verify.\n\nSHA-256 "
                           f"{entry.fingerprint}", "Stop Trusting", destructive=True):
            return False
        try:
            trust.remove(entry.fingerprint)
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc), "Could not remove the certificate")
            return False
        self.refresh()
        self.changed.emit()
        return True

    def export_own(self, path: Path | None = None) -> Path | None:
        entry = self.selected()
        own = entry.fingerprint if entry is not None and entry.kind is TrustKind.OWN else None
        if path is None:
            path = dialogs.choose_save_file(self, "Export My Certificate",
                                            str(Path.home() / "my-certificate.pem"),
                                            "PEM certificate (*.pem)")
        if path is None:
            return None
        try:
            written = trust.export_own(path, own)
        except WorkbenchError as exc:
            dialogs.show_error(self, str(exc), "Could not export the certificate")
            return None
        dialogs.show_info(self, "Certificate Exported",
                          f"{written.subject}'s certificate is in {path}. Give it to the "
                          "client or colleague who will verify your reports, with this "
                          f"fingerprint to compare:\n\nSHA-256 {written.fingerprint}")
        return path

