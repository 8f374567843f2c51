"""The client's countersignature is captured, not asserted.

The report says the client signed only when a signature was given (a drawn image);
otherwise the sign-off page shows the client's block "to be countersigned".
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from workbench.services import signoff
from workbench.services.session import Session

from .conftest import CLIENT, LEAD, png


def _signoff_page(pdf: Path) -> str:
    assert shutil.which("pdftotext"), "poppler-utils (pdftotext) is needed for these tests"
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    pages = text.split("\f")
    page = next(p for p in pages if "Who stands behind this report" in p)
    return " ".join(page.split())


@pytest.mark.parametrize(("signers", "pending", "history"), [
    ((LEAD,), "TO BE COUNTERSIGNED", "Signed off by A. Assessor (Lead assessor)."),
    ((LEAD, CLIENT), "FOR NORTHWIND TELECOM — TO BE COUNTERSIGNED",
     "To be countersigned by Dana Client (Sponsor)."),
], ids=["no-client-named", "client-named-without-signature"])
def test_without_a_client_signature_the_block_is_to_be_countersigned(
        session: Session, demo_id: str, tmp_path: Path,
        signers: tuple[signoff.Signer, ...], pending: str, history: str) -> None:
    signoff.sign_off(session, demo_id, signers, accept_warnings=True)
    info = signoff.signoff_info(session, demo_id)
    assert info is not None and len(info.signers) == 2
    lead, client = info.signers
    assert lead.signed_on is not None and not lead.countersign_pending
    assert client.countersign_pending and client.signed_on is None
    assert history in info.history[0].description
    written = signoff.export_signed_report(session, demo_id, tmp_path / "r.pdf",
                                           deterministic=True)
    page = _signoff_page(written.path)
    assert pending in page


def test_a_drawn_client_signature_is_shown_as_signed(session: Session, demo_id: str,
                                                     tmp_path: Path) -> None:
    client = signoff.Signer(CLIENT.name, CLIENT.role, CLIENT.organisation, png((120, 40)))
    signoff.sign_off(session, demo_id, [LEAD, client], accept_warnings=True)
    info = signoff.signoff_info(session, demo_id)
    assert info is not None
    assert not info.signers[1].countersign_pending and info.signers[1].signed_on is not None
    assert info.signers[1].signature_png is not None
    written = signoff.export_signed_report(session, demo_id, tmp_path / "r.pdf",
                                           deterministic=True)
    page = _signoff_page(written.path)
    assert "COUNTERSIGNED" not in page.upper() and "FOR NORTHWIND TELECOM" in page


def test_the_lock_banner_names_only_who_signed(session: Session, demo_id: str) -> None:
    signoff.sign_off(session, demo_id, [LEAD, CLIENT], accept_warnings=True)
    banner = signoff.lock_banner(session, demo_id) or ""
    assert "by A. Assessor (revision 1" in banner and "Dana Client" not in banner
