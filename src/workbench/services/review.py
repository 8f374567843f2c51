"""The elements left to review in an engagement (see workbench.core.review)."""

from __future__ import annotations

from workbench.core.review import review_reasons
from workbench.core.scoring import ScoreResult
from workbench.services.session import Session
from workbench.storage import evidence


def to_review(session: Session, engagement_id: str,
              score: ScoreResult | None = None) -> dict[str, tuple[str, ...]]:
    """Element code -> why it is to review; `score` saves rescoring when the caller has it."""
    if score is None:
        from workbench.services import scores

        score = scores.score(session, engagement_id)
    noted = {e.element for e in evidence.all_evidence(session.db, engagement_id)
             if e.notes.strip()}
    return review_reasons(session.framework_of(engagement_id), score, noted)
