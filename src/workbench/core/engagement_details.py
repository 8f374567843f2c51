"""An engagement's details, team and engagement-list row (and its status, from
core.engagement_status): what opening an engagement and rating need, without the whole
document's types (core.engagement, which re-exports these) and the site-visit log's
(issue 17: fewer classes built at start)."""

from __future__ import annotations

from typing import NamedTuple

from workbench.core.engagement_status import EngagementStatus as EngagementStatus


class EngagementDetails(NamedTuple):
    """Who the engagement is for, where, by whom and when."""

    client: str
    site: str
    title: str
    lead_assessor: str
    start_date: str | None = None  # ISO dates, YYYY-MM-DD
    end_date: str | None = None
    brand: str = "default"


class Assessor(NamedTuple):
    """A member of the assessment team."""

    name: str
    role: str = ""
    initials: str = ""

    @property
    def display_initials(self) -> str:
        return self.initials or "".join(p[0] for p in self.name.replace(".", " ").split() if p)[:3]


class EngagementSummary(NamedTuple):
    """One row of the engagement list."""

    id: str
    client: str
    site: str
    title: str
    start_date: str | None
    end_date: str | None
    status: EngagementStatus
    archived: bool
    framework_id: str
    framework_version: str
    lead_assessor: str
    updated_at: str
    total: float | None = None
    level: int | None = None
