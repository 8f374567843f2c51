"""Scores of an engagement: the team's result, or one assessor's own view."""

from __future__ import annotations

from workbench.core.scoring import ScoreResult, score_engagement
from workbench.services import signed_record
from workbench.services.session import Session
from workbench.storage import engagements
from workbench.storage.ratings import rating_set


def score(session: Session, engagement_id: str, assessor: str | None = None) -> ScoreResult:
    """The engagement's score (docs/scoring.md); with `assessor`, that assessor's ratings alone."""
    signed_record.check(session, engagement_id)  # never a score over an altered record
    framework = session.framework_of(engagement_id)
    ratings = rating_set(session.db, engagement_id)
    if assessor is not None:
        engagements.assessor_id(session.db, engagement_id, assessor)  # raises if unknown
        ratings = ratings.only(assessor)
    return score_engagement(framework, ratings)
