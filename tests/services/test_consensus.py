"""The consensus step as a service: overview, setting values with reasons, undo."""

from __future__ import annotations

import pytest

from workbench.core.agreement import ElementStatus, ItemStatus
from workbench.core.engagement import Assessor, EngagementDetails, FindingKind
from workbench.core.errors import InvalidValueError
from workbench.core.ratings import NA
from workbench.core.scoring import Source
from workbench.services import assessment, consensus, engagements, scores
from workbench.services.session import ChangeKind, Session
from workbench.storage import audit


@pytest.fixture
def eid(session: Session) -> str:
    change = engagements.create(session, EngagementDetails("Client", "Site", "Title", "Ann"),
                                team=[Assessor("Ann"), Assessor("Bob")])
    return change.engagement_id


def test_overview_lists_disagreements_largest_first_with_notes_side_by_side(
        session: Session, eid: str) -> None:
    assessment.rate(session, eid, "D1.1.1", 2, "Ann")
    assessment.rate(session, eid, "D1.1.1", 3, "Bob")
    assessment.rate(session, eid, "D2.1.1", 1, "Ann")
    assessment.rate(session, eid, "D2.1.1", 5, "Bob")
    assessment.rate(session, eid, "D3.1.1", 4, "Ann")
    assessment.rate(session, eid, "D3.1.1", 4, "Bob")
    assessment.set_notes(session, eid, "D2.1", "Journey maps seen", "Ann")
    assessment.add_finding(session, eid, "D2.1", FindingKind.STRENGTH, "Sponsor", "Bob")
    view = consensus.overview(session, eid)
    assert view.assessors == ("Ann", "Bob")
    assert [e.code for e in view.needing] == ["D2.1", "D1.1"]
    d21 = view.element("D2.1")
    assert [(e.assessor, e.notes, e.strengths) for e in d21.evidence] == [
        ("Ann", "Journey maps seen", ()), ("Bob", "", ("Sponsor",))]
    first = d21.agreement.indicators[0]
    assert first.values == {"Ann": 1, "Bob": 5} and first.spread == 4
    assert first.used.source is Source.MEAN and first.proposed == 1
    assert view.element("D3.1").status is ElementStatus.AGREED
    assert view.summary.startswith("2 elements need consensus · 1 agreed · "
                                   "inter-rater agreement 33 %")
    assert "kappa" not in view.summary  # fewer than 10 indicators rated by both


def test_a_value_no_assessor_gave_needs_a_reason(session: Session, eid: str) -> None:
    assessment.rate(session, eid, "D1.1.1", 2, "Ann")
    assessment.rate(session, eid, "D1.1.1", 4, "Bob")
    before = scores.score(session, eid).total
    with pytest.raises(InvalidValueError, match="differs from every assessor's value "
                                                r"\(2, 4\); give the reason"):
        consensus.set_consensus(session, eid, "D1.1.1", 3)
    with pytest.raises(InvalidValueError, match="reason"):
        consensus.set_consensus(session, eid, "D1.1.1", 3, "   ")
    assert scores.score(session, eid).total == before  # nothing changed
    assert consensus.current(session, eid, "D1.1.1").value is None
    change = consensus.set_consensus(session, eid, "D1.1.1", 3, "Half the sites do it")
    assert change.kind is ChangeKind.CONSENSUS
    assert change.new == consensus.ConsensusValue(3, "Half the sites do it")
    view = consensus.overview(session, eid)
    assert view.element("D1.1").reasons == {"D1.1.1": "Half the sites do it"}
    item = view.element("D1.1").agreement.indicators[0]
    assert item.status is ItemStatus.CONSENSUS_SET and item.used.value == 3


def test_one_of_the_assessors_values_needs_no_reason_and_undo_restores(
        session: Session, eid: str) -> None:
    assessment.judge(session, eid, "D2.2", "fully", "Ann")
    assessment.judge(session, eid, "D2.2", "not_yet", "Bob")
    first = consensus.set_consensus(session, eid, "D2.2", "partially", "Middle ground")
    second = consensus.set_consensus(session, eid, "D2.2", "fully")
    assert second.old == consensus.ConsensusValue("partially", "Middle ground")
    assert scores.score(session, eid).elements["D2.2"].objective == "fully"
    consensus.undo(session, second)
    assert consensus.current(session, eid, "D2.2") == consensus.ConsensusValue(
        "partially", "Middle ground")
    consensus.undo(session, first)
    assert consensus.current(session, eid, "D2.2").value is None
    assert scores.score(session, eid).elements["D2.2"].needs_consensus
    actions = [r["action"] for r in audit.history(session.db, eid)]
    assert actions.count("consensus objective") == 4


def test_accepting_the_proposal_records_the_lower_median(session: Session, eid: str) -> None:
    engagements.add_assessor(session, eid, Assessor("Cy"))
    for who, level in (("Ann", 5), ("Bob", 2), ("Cy", NA)):
        assessment.rate(session, eid, "D5.1.1", level, who)
    change = consensus.accept_proposal(session, eid, "D5.1.1")
    assert change.new == consensus.ConsensusValue(2, "")
    with pytest.raises(InvalidValueError, match=r"nobody has rated D5\.1\.2"):
        consensus.accept_proposal(session, eid, "D5.1.2")


def test_a_bad_value_or_code_is_refused(session: Session, eid: str) -> None:
    with pytest.raises(InvalidValueError):
        consensus.set_consensus(session, eid, "D1.1.1", "fully", "x")
    with pytest.raises(InvalidValueError):
        consensus.set_consensus(session, eid, "D1.1", 3, "x")
    with pytest.raises(InvalidValueError, match="longer than"):
        consensus.set_consensus(session, eid, "D1.1.1", 3, "x" * 5000)
    with pytest.raises(Exception, match="not an indicator or element"):
        consensus.set_consensus(session, eid, "Z9", 3, "x")


def test_the_demo_shows_real_disagreement(session: Session, demo_id: str) -> None:
    view = consensus.overview(session, demo_id)
    assert len(view.assessors) >= 2
    assert len(view.needing) >= 5
    assert view.stats.kappa is not None and view.stats.share is not None
    assert "kappa" in view.summary
