"""LibreOffice Writer opens the Word report (no repair) and lays out what it says.

One LibreOffice run: the demo's Word report, with hostile text, converted to PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from workbench.core.display import score_text
from workbench.core.engagement import FindingKind
from workbench.services import assessment, scores, word_report
from workbench.services.session import Session

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed; "
                                               "`.ci/run` installs libreoffice-writer-nogui"),
]


def to_pdf(path: Path) -> Path:
    assert SOFFICE is not None
    out = path.parent / "lo"
    profile = path.parent / f"lo-profile-{os.getpid()}"
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to",
         "pdf", "--outdir", str(out), str(path)], capture_output=True, text=True, timeout=240)
    pdf = out / f"{path.stem}.pdf"
    assert pdf.exists(), done.stdout + done.stderr
    return pdf


def test_libreoffice_opens_the_word_report_and_shows_its_text(
        session: Session, demo_id: str, tmp_path: Path) -> None:
    assessment.add_finding(session, demo_id, "D1.2", FindingKind.STRENGTH,
                           "R&D <i>works</i> & ships שלום")
    path = tmp_path / "northwind.docx"
    word_report.export_docx(session, demo_id, path)
    pdf = to_pdf(path)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    flat = re.sub(r"\s+", " ", text)
    result = scores.score(session, demo_id)
    for expected in ("Northwind Telecom", "1 Executive summary", "3 Findings by dimension",
                     "7 Sign-off", "D6.5", "R&D <i>works</i> & ships",
                     f"scored {score_text(result.total)} of 1000 points",
                     "editable copy of a draft report and is not signed", "Page 2 of"):
        assert expected in flat, expected
    pages = int(re.findall(r"Page \d+ of (\d+)", flat)[0])
    assert pages > 20  # every section laid out, not a page of error text
    # Narrow columns keep their headers whole (Word's wide default cell margins broke
    # "Code" into "Cod" and "e" on two lines).
    lines = [line.strip() for line in text.splitlines()]
    assert "Code" in lines and "Cod" not in lines
