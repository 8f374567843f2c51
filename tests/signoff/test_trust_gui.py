"""Settings ▸ Trusted Certificates, and a forged report in Engagement ▸ Verify…"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from pytestqt.qtbot import QtBot

from workbench.exports import signing
from workbench.services import signoff, trust
from workbench.services.session import Session

from .helpers import forge, make_p12

pytest.importorskip("PySide6")

from workbench.gui import dialogs
from workbench.gui.actions import MENUS, ActionId
from workbench.gui.tasks import TaskRunner
from workbench.gui.trust_dialog import TrustDialog
from workbench.gui.verify_dialog import VerifyDialog

SHOTS = os.environ.get("WORKBENCH_SCREENSHOTS")


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.wait()
    qtbot.wait(20)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What the dialog told the user (errors and information), instead of message boxes."""
    said: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, message, title="": said.append(
        f"error: {message}"))
    monkeypatch.setattr(dialogs, "show_info", lambda parent, title, text: said.append(text))
    monkeypatch.setattr(dialogs, "ask", lambda *a, **k: True)
    return said


def _rows(dialog: TrustDialog) -> list[tuple[str, ...]]:
    table = dialog.table
    return [tuple(table.item(r, c).text() for c in range(table.columnCount()))
            for r in range(table.rowCount())]


def test_the_trust_dialog_lists_adds_removes_and_exports_with_fingerprints(
        qtbot: QtBot, tmp_path: Path, messages: list[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    own = signing.create_self_signed("Ann Assessor", "passphrase 1")
    dialog = TrustDialog()
    qtbot.addWidget(dialog)
    assert _rows(dialog) == [("Your own", "Ann Assessor", f"{own.not_after:%Y-%m-%d}",
                              own.fingerprint)]
    assert not dialog.remove_button.isEnabled()  # own certificates stay trusted
    assert not dialog.empty.isVisible()

    p12 = make_p12(tmp_path / "firm.p12", "firm words", name="Example Consulting CA")
    monkeypatch.setattr(dialog, "ask_passphrase", lambda path: "firm words")
    dialog.firm.setChecked(True)
    with qtbot.waitSignal(dialog.changed):
        firm = dialog.add(p12)
    assert firm is not None and firm.kind is trust.TrustKind.FIRM
    dialog.firm.setChecked(False)
    colleague = signing.load_pkcs12(make_p12(tmp_path / "c.p12", "words words",
                                             name="Chris Colleague"), "words words")
    pem = tmp_path / "chris.pem"
    pem.write_bytes(colleague.certificate.public_bytes(Encoding.PEM))
    added = dialog.add(pem)
    assert added is not None
    assert [(r[0], r[1], r[3]) for r in _rows(dialog)] == [
        ("Your own", "Ann Assessor", own.fingerprint),
        ("Firm", "Example Consulting CA", firm.fingerprint),
        ("Added", "Chris Colleague", colleague.fingerprint)]
    assert dialog.selected() == added and dialog.remove_button.isEnabled()

    junk = tmp_path / "junk.pem"
    junk.write_text("no certificate here")
    assert dialog.add(junk) is None
    assert messages[-1].startswith("error: ") and len(_rows(dialog)) == 3

    with qtbot.waitSignal(dialog.changed):
        assert dialog.remove_selected()
    assert [r[1] for r in _rows(dialog)] == ["Ann Assessor", "Example Consulting CA"]
    assert colleague.fingerprint not in [e.fingerprint for e in trust.listing()]

    dialog.table.selectRow(0)
    target = dialog.export_own(tmp_path / "mine.pem")
    assert target == tmp_path / "mine.pem" and own.fingerprint in messages[-1]
    assert b"BEGIN CERTIFICATE" in target.read_bytes()
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "trusted-certificates.png"))


def test_an_empty_trust_list_says_what_to_do(qtbot: QtBot) -> None:
    dialog = TrustDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == 0 and dialog.empty.isVisible()
    assert not dialog.export_button.isEnabled() and not dialog.remove_button.isEnabled()


def test_trusted_certificates_is_in_the_settings_menu() -> None:
    settings = dict(MENUS)["&Settings"]
    assert ActionId.TRUST in settings


def test_the_verify_dialog_refuses_a_forgery_with_the_signers_name(
        qtbot: QtBot, session: Session, signed_id: str, tmp_path: Path,
        runner: TaskRunner) -> None:
    creds = signoff.signing_credentials(passphrase="my passphrase", signer="A. Assessor")
    genuine = signoff.export_signed_report(session, signed_id, tmp_path / "signed.pdf",
                                           creds).path
    unsigned = signoff.export_signed_report(session, signed_id, tmp_path / "plain.pdf").path
    forged, _, fingerprint = forge(tmp_path, unsigned, genuine, "A. Assessor")
    dialog = VerifyDialog(session, signed_id, runner=runner)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(forged))
    with qtbot.waitSignal(dialog.checked, timeout=60_000):
        dialog.check()
    found = dialog.verification
    assert found is not None and not found.ok
    assert dialog.verdict.text().startswith("Intact, but the signer is not trusted")
    trusted = dialog.fact_texts["trusted"].text()
    assert "does not trust" in trusted and fingerprint in trusted and "A. Assessor" in trusted
    assert "matches signed revision 1" in dialog.fact_texts["content_matches"].text().lower()
    assert dialog.fields["signer"].text() == "A. Assessor"
    assert dialog.fields["certificate"].text() == f"SHA-256 {fingerprint}"
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / "verify-forged.png"))
