"""Engagement domain types: details, team, evidence, actions, and the whole document."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from workbench.core.engagement_details import Assessor as Assessor
from workbench.core.engagement_details import EngagementDetails as EngagementDetails
from workbench.core.engagement_details import EngagementStatus as EngagementStatus
from workbench.core.engagement_details import EngagementSummary as EngagementSummary
from workbench.core.ratings import RatingSet
from workbench.core.site_log import Interview, ReviewedDocument


class ActionStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"


class Priority(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class FindingKind(StrEnum):
    STRENGTH = "strength"
    OPPORTUNITY = "opportunity"


class ElementEvidence(NamedTuple):
    """What one assessor wrote about one element (or enabler)."""

    element: str
    assessor: str
    notes: str = ""
    strengths: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    indicator_notes: tuple[tuple[str, str], ...] = ()  # (indicator code, note)

    def is_empty(self) -> bool:
        return not (self.notes or self.strengths or self.opportunities or self.indicator_notes)


class Action(NamedTuple):
    element: str
    action: str
    owner: str = ""
    priority: Priority = Priority.MEDIUM
    due_date: str | None = None
    status: ActionStatus = ActionStatus.OPEN
    id: int | None = None


class AttachmentInfo(NamedTuple):
    id: int
    element: str
    filename: str
    caption: str
    media_type: str
    size: int
    sha256: str
    width: int | None = None
    height: int | None = None
    assessor: str | None = None

    @property
    def is_image(self) -> bool:
        return self.media_type.startswith("image/")


class EngagementDocument(NamedTuple):
    """The whole content of an engagement, as exchanged in `workbench.engagement/1` JSON."""

    details: EngagementDetails
    framework_id: str
    framework_version: str
    assessors: tuple[Assessor, ...]
    ratings: RatingSet
    evidence: tuple[ElementEvidence, ...] = ()
    actions: tuple[Action, ...] = ()
    consensus_reasons: tuple[tuple[str, str], ...] = ()  # (indicator or element code, reason)
    id: str | None = None
    status: EngagementStatus = EngagementStatus.DRAFT
    revision: int = 1
    attachments: tuple[AttachmentInfo, ...] = ()
    interviews: tuple[Interview, ...] = ()  # the site-visit log (core.site_log)
    documents: tuple[ReviewedDocument, ...] = ()
