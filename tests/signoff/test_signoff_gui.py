"""The sign-off, amendment and verification dialogs, driven as a user would."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from workbench.core.engagement import EngagementStatus
from workbench.core.errors import WorkbenchError
from workbench.core.images import inspect_image
from workbench.services import engagements, signoff
from workbench.services.session import Session
from workbench.services.signoff import signed_report

from .helpers import make_p12

pytest.importorskip("PySide6")

from workbench.gui.signature_pad import SignaturePad
from workbench.gui.signoff_dialog import AmendDialog, SignOffDialog
from workbench.gui.tasks import TaskRunner
from workbench.gui.verify_dialog import VerifyDialog

SHOTS = os.environ.get("WORKBENCH_SCREENSHOTS")


def _shot(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}.png"))  # type: ignore[attr-defined]


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    """The window's task runner, which outlives its dialogs (and is waited for here)."""
    r = TaskRunner()
    yield r
    r.wait()
    qtbot.wait(20)


def _draw(pad: SignaturePad) -> None:
    pad.add_stroke([(20, 80), (40, 40), (60, 85), (80, 35), (110, 70), (150, 50)])
    pad.add_stroke([(160, 75), (230, 60)])


def test_an_empty_pad_gives_no_image_and_a_drawn_one_a_png(qtbot: QtBot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    assert pad.to_png() is None
    with qtbot.waitSignal(pad.changed):
        _draw(pad)
    data = pad.to_png()
    assert data is not None
    info = inspect_image(data)
    assert info.media_type == "image/png" and info.width > 200
    pad.clear()
    assert pad.is_empty() and pad.to_png() is None


def test_the_pad_records_mouse_strokes(qtbot: QtBot) -> None:
    from PySide6.QtCore import QPoint, Qt

    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(400, 130)
    pad.show()
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, 60))
    for x in range(40, 200, 20):
        qtbot.mouseMove(pad, QPoint(x, 60 + (x % 40)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(210, 70))
    assert not pad.is_empty()


def test_sign_off_proceeds_past_warnings_only_explicitly(qtbot: QtBot, session: Session,
                                                         demo_id: str, tmp_path: Path,
                                                         runner: TaskRunner) -> None:
    dialog = SignOffDialog(session, demo_id, runner=runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.checklist.topLevelItemCount() == len(dialog.readiness.items) > 0
    assert not dialog.sign_button.isEnabled()
    dialog.accept_warnings.setChecked(True)
    assert dialog.sign_button.isEnabled()
    dialog.client.setChecked(True)
    assert not dialog.sign_button.isEnabled()  # the countersigner needs a name and role
    dialog.client.name.setText("Dana Client")
    dialog.client.role.setText("Sponsor")
    assert dialog.sign_button.isEnabled()
    _draw(dialog.lead.pad)
    _draw(dialog.client.pad)
    dialog.certificate.setChecked(True)
    dialog.passphrase.setText("a good long passphrase")
    dialog.report_path.setText(str(tmp_path / "signed.pdf"))
    _shot(dialog, "signoff-dialog")
    with qtbot.waitSignal(dialog.report_written, timeout=120_000):
        dialog.sign_button.click()
    assert dialog.result_info is not None
    assert engagements.summary(session, demo_id).status is EngagementStatus.SIGNED_OFF
    [record] = signoff.history(session, demo_id)
    assert all(s.signature_sha256 for s in record.signers)
    assert record.signers[0].certificate is not None
    assert signoff.verify_report(tmp_path / "signed.pdf", session).ok
    assert "Signed off on" in (signoff.lock_banner(session, demo_id) or "")


def test_a_wrong_passphrase_shows_a_message_and_locks_nothing(qtbot: QtBot, session: Session,
                                                              demo_id: str,
                                                              tmp_path: Path) -> None:
    p12 = make_p12(tmp_path / "mine.p12", "the right one")
    dialog = SignOffDialog(session, demo_id)
    qtbot.addWidget(dialog)
    dialog.accept_warnings.setChecked(True)
    dialog.certificate.setChecked(True)
    dialog.file_cert.setChecked(True)
    dialog.cert_path.setText(str(p12))
    dialog.passphrase.setText("the wrong one")
    dialog.sign_button.click()
    assert dialog.error.isVisibleTo(dialog)
    assert "passphrase is wrong" in dialog.error.text()
    assert engagements.summary(session, demo_id).status is EngagementStatus.DRAFT
    _shot(dialog, "signoff-dialog-error")


def test_a_signed_engagement_shows_the_blocker_and_cannot_be_signed_again(
        qtbot: QtBot, session: Session, signed_id: str) -> None:
    dialog = SignOffDialog(session, signed_id)
    qtbot.addWidget(dialog)
    assert not dialog.sign_button.isEnabled()
    assert not dialog.accept_warnings.isVisibleTo(dialog)
    kinds = [dialog.checklist.topLevelItem(i).data(0, 256)
             for i in range(dialog.checklist.topLevelItemCount())]
    assert "already_signed" in kinds


def test_an_amendment_needs_a_reason_and_reopens_editing(qtbot: QtBot, session: Session,
                                                         signed_id: str) -> None:
    dialog = AmendDialog(session, signed_id)
    qtbot.addWidget(dialog)
    assert not dialog.amend_button.isEnabled()
    dialog.reason.setPlainText("The client sent the 2026 retention figures.")
    _shot(dialog, "amend-dialog")
    with qtbot.waitSignal(dialog.amended):
        dialog.amend_button.click()
    assert engagements.summary(session, signed_id).status is EngagementStatus.DRAFT
    assert signoff.lock_banner(session, signed_id) is None


def test_the_verify_dialog_tells_intact_from_tampered(qtbot: QtBot, session: Session,
                                                      signed_id: str, tmp_path: Path,
                                                      runner: TaskRunner) -> None:
    creds = signoff.signing_credentials(passphrase="another passphrase", signer="A. Assessor")
    out = signoff.export_signed_report(session, signed_id, tmp_path / "signed.pdf", creds)
    dialog = VerifyDialog(session, signed_id, runner=runner)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(out.path))
    with qtbot.waitSignal(dialog.checked, timeout=60_000):
        dialog.check()
    assert dialog.verification is not None and dialog.verification.ok
    assert "Intact, signer trusted and matching" in dialog.verdict.text()
    assert [dialog.fact_texts[k].text() for k in ("intact", "trusted", "content_matches")] \
        == [f.text[:1].upper() + f.text[1:] for f in dialog.verification.facts()]
    assert out.path.stat().st_mode & 0o777 == 0o666 & ~_umask()  # normal permissions
    assert dialog.fields["signer"].text() == "A. Assessor"
    assert dialog.fields["database"].text() == \
        "matches signed revision 1 in the local database"
    # the dialog shows the very lines `workbench verify` prints
    assert [label.text() for label in dialog.fields.values()] == [
        "\n".join((line.text, *(f"• {d}" for d in line.details)))
        for line in dialog.verification.lines()]
    assert "not one this computer knows" not in dialog.fields["signature"].text()
    _shot(dialog, "verify-dialog-ok")
    data = bytearray(out.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    (tmp_path / "tampered.pdf").write_bytes(bytes(data))
    dialog.path.setText(str(tmp_path / "tampered.pdf"))
    with qtbot.waitSignal(dialog.checked, timeout=60_000):
        dialog.check()
    assert dialog.verification is not None and not dialog.verification.ok
    assert "Not intact" in dialog.verdict.text()
    _shot(dialog, "verify-dialog-tampered")


def test_a_report_that_cannot_be_written_locks_nothing(qtbot: QtBot, session: Session,
                                                        demo_id: str, tmp_path: Path,
                                                        runner: TaskRunner,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    def no_room(*_args: object, **_kwargs: object) -> None:
        raise WorkbenchError(f"{tmp_path / 'signed.pdf'}: the disk is full; nothing was written")

    # where sign_off_with_report looks it up (services/signoff/signed_report.py)
    monkeypatch.setattr(signed_report, "export_signed_report", no_room)
    dialog = SignOffDialog(session, demo_id, runner=runner)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept_warnings.setChecked(True)
    _draw(dialog.lead.pad)
    dialog.report_path.setText(str(tmp_path / "signed.pdf"))
    dialog.sign_button.click()
    qtbot.waitUntil(lambda: "Not signed off" in dialog.error.text(), timeout=120_000)
    assert "the disk is full" in dialog.error.text()
    assert engagements.summary(session, demo_id).status is EngagementStatus.DRAFT
    assert not (tmp_path / "signed.pdf").exists()
    assert dialog.sign_button.isEnabled()  # fix the cause and sign again


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_the_working_papers_box_reaches_the_signed_report(qtbot: QtBot, session: Session,
                                                          demo_id: str, tmp_path: Path,
                                                          runner: TaskRunner) -> None:
    import pikepdf

    from workbench.services import working_papers

    dialog = SignOffDialog(session, demo_id, runner=runner)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.working_papers.text() == "Include working papers (each assessor's ratings)"
    assert not dialog.working_papers.isChecked()  # the client's report carries a reference
    dialog.write_report.setChecked(False)
    assert not dialog.working_papers.isEnabled()  # papers go into the report only
    dialog.write_report.setChecked(True)
    dialog.accept_warnings.setChecked(True)
    dialog.working_papers.setChecked(True)
    dialog.report_path.setText(str(tmp_path / "papers.pdf"))
    _shot(dialog, "signoff-dialog-working-papers")
    with qtbot.waitSignal(dialog.report_written, timeout=120_000):
        dialog.sign_button.click()
    with pikepdf.open(tmp_path / "papers.pdf") as pdf:
        assert set(pdf.attachments) == {working_papers.reference_name(demo_id, 1),
                                        working_papers.working_papers_name(demo_id, 1)}


def test_the_sign_off_dialog_fits_a_laptop_screen(qtbot: QtBot, session: Session, demo_id: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen

    monkeypatch.setattr(QScreen, "availableGeometry", lambda _s: QRect(0, 0, 1366, 728))
    dialog = SignOffDialog(session, demo_id)
    qtbot.addWidget(dialog)
    assert dialog.height() <= 728 - 64  # the title bar and the buttons stay on screen
    monkeypatch.setattr(QScreen, "availableGeometry", lambda _s: QRect(0, 0, 1920, 1040))
    tall = SignOffDialog(session, demo_id)
    qtbot.addWidget(tall)
    assert tall.height() == 760
