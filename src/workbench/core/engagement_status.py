"""Where an engagement stands: draft, in review or signed off. In a module of its own,
as every edit and every score checks it and need build no other class for it (issue 17);
core.engagement_details and core.engagement re-export it."""

from __future__ import annotations

from enum import StrEnum


class EngagementStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    SIGNED_OFF = "signed_off"
