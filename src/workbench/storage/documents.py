"""A whole engagement in and out of the database (import, export, duplicate, hashing)."""

from __future__ import annotations

from sqlite_utils import Database

from workbench.core.engagement import EngagementDocument, EngagementStatus, FindingKind
from workbench.storage import actions, engagements, evidence, ratings, site_log


def load(db: Database, engagement_id: str) -> EngagementDocument:
    r = engagements.row(db, engagement_id)
    return EngagementDocument(
        details=engagements.details(db, engagement_id),
        framework_id=r["framework_id"], framework_version=r["framework_version"],
        assessors=tuple(engagements.assessors(db, engagement_id)),
        ratings=ratings.rating_set(db, engagement_id),
        evidence=tuple(evidence.all_evidence(db, engagement_id)),
        actions=tuple(actions.actions(db, engagement_id)),
        consensus_reasons=tuple(ratings.consensus_reasons(db, engagement_id)),
        id=engagement_id, status=EngagementStatus(r["status"]), revision=r["revision"],
        attachments=tuple(evidence.attachments(db, engagement_id)),
        interviews=tuple(site_log.interviews(db, engagement_id)),
        documents=tuple(site_log.documents(db, engagement_id)))


def insert(db: Database, engagement_id: str, doc: EngagementDocument, *,
           with_ratings: bool = True, baseline_id: str | None = None) -> None:
    """Write a whole document as a new engagement (call inside `db.atomic()`)."""
    engagements.insert(db, engagement_id, doc.details, doc.framework_id, doc.framework_version,
                       baseline_id)
    ids = {a.name: engagements.add_assessor(db, engagement_id, a) for a in doc.assessors}
    if not with_ratings:
        for code, level in doc.ratings.targets.items():
            ratings.set_target(db, engagement_id, code, level)
        return
    for name, mine in doc.ratings.assessors.items():
        for code, value in mine.indicators.items():
            ratings.set_indicator(db, engagement_id, ids[name], code, value)
        for code, key in mine.objectives.items():
            ratings.set_objective(db, engagement_id, ids[name], code, key)
    reasons = dict(doc.consensus_reasons)
    for code, value in doc.ratings.consensus.indicators.items():
        ratings.set_consensus_indicator(db, engagement_id, code, value, reasons.get(code, ""))
    for code, key in doc.ratings.consensus.objectives.items():
        ratings.set_consensus_objective(db, engagement_id, code, key, reasons.get(code, ""))
    for code, level in doc.ratings.targets.items():
        ratings.set_target(db, engagement_id, code, level)
    for item in doc.evidence:
        aid = ids[item.assessor]
        if item.notes:
            ratings.set_notes(db, engagement_id, aid, item.element, item.notes)
        # A new engagement: each list starts at position 0 (no query per item).
        for n, text in enumerate(item.strengths):
            evidence.add_finding(db, engagement_id, aid, item.element, FindingKind.STRENGTH, text,
                                 n)
        for n, text in enumerate(item.opportunities):
            evidence.add_finding(db, engagement_id, aid, item.element, FindingKind.OPPORTUNITY,
                                 text, n)
        for code, note in item.indicator_notes:
            ratings.set_indicator_note(db, engagement_id, aid, code, note)
    actions.add_many(db, engagement_id, doc.actions)
