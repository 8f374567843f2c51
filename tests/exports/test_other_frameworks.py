"""Every bundled framework carries through scoring, workbook, report and sign-off.

The default framework has its own, deeper tests; these take each of the other bundled
frameworks (no enablers, two to four dimensions, codes other than D1–D6) through what
a consultant delivers: a fully rated engagement, its live workbook recalculated by
LibreOffice, its PDF report, and its sign-off.
"""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

from tests.exports.test_workbook_libreoffice import assert_workbook_matches, recalculate
from workbench.core.engagement import EngagementDetails
from workbench.core.errors import LockedError
from workbench.core.ratings import NA
from workbench.core.scoring import Status
from workbench.services import assessment, engagements, report, scores, signoff, workbook
from workbench.services.session import Session

OTHERS = ("cx-implementation-4", "cx-maturity-layers", "cx-building-blocks")
LEAD = signoff.Signer("Ana Ruiz", "Lead assessor", "Meridian Advisory")


def fully_rated(session: Session, framework_id: str) -> str:
    """Every indicator rated (some N/A), every objective judged, a target on each element."""
    details = EngagementDetails("Fabrikam", "Head office", f"{framework_id} 2027", "Ana Ruiz")
    eid = engagements.create(session, details, framework_id=framework_id).engagement_id
    rnd = random.Random(framework_id)
    framework = session.framework_of(eid)
    for element in framework.elements():
        for indicator in element.indicators:
            assessment.rate(session, eid, indicator.code, rnd.choice([1, 2, 3, 4, 5, NA]))
        assessment.judge(session, eid, element.code,
                         rnd.choice(["fully", "partially", "not_yet"]))
        assessment.set_target(session, eid, element.code, rnd.choice([3, 4, 5]))
    return eid


@pytest.fixture
def rated(session: Session) -> dict[str, str]:
    return {framework_id: fully_rated(session, framework_id) for framework_id in OTHERS}


def test_a_fully_rated_engagement_is_complete(session: Session,
                                              rated: dict[str, str]) -> None:
    for framework_id, eid in rated.items():
        result = scores.score(session, eid)
        framework = session.framework_of(eid)
        assert result.max == 1000
        assert set(result.dimensions) == {d.code for d in framework.dimensions}
        assert result.enablers == {}
        assert all(e.status in (Status.COMPLETE, Status.NOT_APPLICABLE)
                   for e in result.elements.values()), framework_id
        assert 0 < result.total < 1000


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout


@pytest.mark.parametrize("framework_id", OTHERS)
def test_a_report_for_each_framework(session: Session, rated: dict[str, str],
                                     tmp_path: Path, framework_id: str) -> None:
    eid = rated[framework_id]
    framework = session.framework_of(eid)
    path = report.export(session, eid, tmp_path / "report.pdf")
    text = pdf_text(path)
    flat = " ".join(text.split())
    assert framework.name in flat
    for d in framework.dimensions:
        assert f"{d.code} {d.name}" in flat or d.name in flat, d.code
    for e in framework.elements():
        assert e.code in text, e.code
    result = scores.score(session, eid)
    assert f"{result.total:.1f}" in text
    # Nothing of the default framework leaks into another framework's report.
    assert "enabler" not in flat.lower()
    assert "six" not in flat.lower()
    assert "D1." not in text


@pytest.mark.parametrize("framework_id", OTHERS)
def test_sign_off_locks_each_framework(session: Session, rated: dict[str, str],
                                       tmp_path: Path, framework_id: str) -> None:
    eid = rated[framework_id]
    first = next(session.framework_of(eid).elements()).indicators[0].code
    creds = signoff.signing_credentials(passphrase="a good passphrase", signer=LEAD.name)
    lead = signoff.Signer(LEAD.name, LEAD.role, LEAD.organisation,
                          certificate_pem=creds.certificate_pem())
    done = signoff.sign_off(session, eid, [lead], accept_warnings=True)
    with pytest.raises(LockedError):
        assessment.rate(session, eid, first, 5)
    signed = signoff.export_signed_report(session, eid, tmp_path / "signed.pdf", creds)
    assert signed.digitally_signed
    check = signoff.verify_report(signed.path, session)
    assert check.ok and check.in_database and check.engagement_id == eid
    assert check.signature.embedded_hash == done.content_hash == check.database_hash


@pytest.mark.slow
def test_libreoffice_recalculates_each_framework_to_the_core_score(
        session: Session, rated: dict[str, str], tmp_path: Path) -> None:
    files = [workbook.export(session, eid, tmp_path / f"{framework_id}.xlsx")
             for framework_id, eid in rated.items()]
    recalculated = recalculate(files, tmp_path / "lo")  # one LibreOffice run for all three
    for path, (framework_id, eid) in zip(recalculated, rated.items(), strict=True):
        framework = session.framework_of(eid)
        checked = assert_workbook_matches(path, scores.score(session, eid), framework)
        assert checked == (len(framework.element_by_code) + len(framework.dimensions)
                           + len(framework.categories)), framework_id
        assert workbook.preview_import(session, path).is_empty, framework_id
