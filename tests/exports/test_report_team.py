"""The report's "How the team reached its ratings" section: only with two or more assessors."""

from __future__ import annotations

import re
from pathlib import Path

from workbench.core.agreement import agreement_stats, engagement_agreement
from workbench.core.engagement import EngagementDetails
from workbench.services import assessment, engagements, report
from workbench.services.session import Session
from workbench.storage.ratings import rating_set

from .test_report_build import flat, pdf_text


def test_the_demo_report_explains_how_the_team_agreed(session: Session, demo_id: str,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    report.export(session, demo_id, path, sections=["team", "methodology"], deterministic=True)
    text = flat(pdf_text(path))
    stats = agreement_stats(session.framework_of(demo_id), rating_set(session.db, demo_id))
    assert stats.share is not None and stats.kappa is not None
    assert "1 How the team reached its ratings" in text and "2 Methodology" in text
    assert ("The assessment team: Amira Haddad (Lead assessor), Tomás Müller (Assessor) and "
            "Zoë Lindqvist (Assessor).") in text
    assert (f"{stats.identical} of the {stats.rated_by_several} indicators rated by two or "
            f"more assessors were rated identically ({stats.share * 100:.0f} %)") in text
    assert f"Cohen’s kappa, which discounts the agreement expected by chance, was " \
           f"{stats.kappa:.2f}" in text
    assert "Where the initial spread was largest" in text
    elements = engagement_agreement(session.framework_of(demo_id),
                                    rating_set(session.db, demo_id))
    largest = sorted((e for e in elements if e.total_spread),
                     key=lambda e: (-e.total_spread, -e.max_spread))
    table = text.split("Where the initial spread was largest")[1].split("Methodology")[0]
    shown = re.findall(r"\b(D\d\.\d)\b", table)
    assert shown == [e.code for e in largest[:8]]
    assert "Agreed by consensus" in text  # D2.1 and D5.1 were agreed on day two


def test_one_assessor_gets_no_team_section(session: Session, tmp_path: Path) -> None:
    eid = engagements.create(session, EngagementDetails("Solo Ltd", "", "Solo", "Ann")) \
        .engagement_id
    assessment.rate(session, eid, "D1.1.1", 3)
    path = tmp_path / "solo.pdf"
    report.export(session, eid, path, sections=["summary", "team", "methodology"],
                  deterministic=True)
    text = flat(pdf_text(path))
    assert "How the team reached its ratings" not in text
    assert "1 Executive summary" in text and "2 Methodology" in text  # no gap in the numbers


def test_few_shared_ratings_give_no_kappa(session: Session, tmp_path: Path) -> None:
    from workbench.core.engagement import Assessor

    eid = engagements.create(session, EngagementDetails("Duo Ltd", "", "Duo", "Ann"),
                             team=[Assessor("Ann"), Assessor("Bob <b>")]).engagement_id
    assessment.rate(session, eid, "D1.1.1", 3, "Ann")
    assessment.rate(session, eid, "D1.1.1", 5, "Bob <b>")
    path = tmp_path / "duo.pdf"
    report.export(session, eid, path, sections=["team"], deterministic=True)
    text = flat(pdf_text(path))
    assert "Bob <b>" in text  # escaped, shown as typed
    assert "0 of the 1 indicators rated by two or more assessors were rated identically" in text
    assert "Kappa is not given: it needs at least 10 indicators" in text
    assert "D1.1 Define and Analyse Market Needs" in text and "Still to agree" in text


def test_only_the_team_section_of_a_solo_engagement_is_refused(session: Session,
                                                               tmp_path: Path) -> None:
    import pytest

    from workbench.core.errors import InvalidValueError

    eid = engagements.create(session, EngagementDetails("Solo Ltd", "", "Solo", "Ann")) \
        .engagement_id
    path = tmp_path / "solo.pdf"
    with pytest.raises(InvalidValueError, match="nothing to show"):
        report.export(session, eid, path, sections=["team"])
    assert not path.exists()
