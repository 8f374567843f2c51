"""The `workbench.engagement/1` document as pydantic models: its shape and its plain limits.

What the values mean for a framework is checked afterwards, by `interchange_checks`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt

from workbench.core import limits
from workbench.core.brand_name import BRAND_NAME as BRAND_NAME  # re-exported
from workbench.core.engagement import ActionStatus, Priority

Name = Annotated[str, Field(min_length=1, max_length=200)]
Short = Annotated[str, Field(max_length=500)]
Long = Annotated[str, Field(max_length=200_000)]
Level = Any  # checked against the framework's scale by interchange_checks
# A brand is the name of a profile folder, never a path (as exports.brand checks it).
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _iso_date(value: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return dt.date.fromisoformat(value)


def _brand_name(value: Any) -> Any:
    if isinstance(value, str) and not BRAND_NAME.match(value):
        raise ValueError("must be a brand profile name (letters, digits, - and _), not a path")
    return value


IsoDate = Annotated[dt.date | None, BeforeValidator(_iso_date)]
Brand = Annotated[str, BeforeValidator(_brand_name)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FrameworkRef(_Model):
    id: Name
    version: Name


class DetailsModel(_Model):
    client: Name
    site: Short = ""
    title: Short = ""
    lead_assessor: Name
    start_date: IsoDate = None
    end_date: IsoDate = None
    brand: Brand = "default"


class AssessorModel(_Model):
    name: Name
    role: Short = ""
    initials: Annotated[str, Field(max_length=10)] = ""


class RatingEntry(_Model):
    assessor: Name
    element: Name
    indicators: dict[str, Level] = {}
    indicator_notes: dict[str, Long] = {}
    objective: str | None = None
    target: StrictInt | None = None
    notes: Long = ""
    strengths: list[Long] = []
    opportunities: list[Long] = []


class ConsensusEntry(_Model):
    element: Name
    indicators: dict[str, Level] = {}
    objective: str | None = None
    target: StrictInt | None = None
    reasons: dict[str, Long] = {}


class ActionModel(_Model):
    element: Name
    action: Annotated[str, Field(min_length=1, max_length=20_000)]
    owner: Short = ""
    priority: Priority = Priority.MEDIUM
    due_date: IsoDate = None
    status: ActionStatus = ActionStatus.OPEN




class PersonModel(_Model):
    name: Name
    role: Short = ""


class InterviewModel(_Model):
    held_on: IsoDate = None
    people: Annotated[list[PersonModel], Field(min_length=1, max_length=limits.LOG_PEOPLE)]
    topics: Annotated[str, Field(min_length=1, max_length=limits.TOPICS)]
    elements: Annotated[list[Name], Field(max_length=limits.LOG_ELEMENTS)] = []


class ReviewedDocumentModel(_Model):
    title: Annotated[str, Field(min_length=1, max_length=limits.DOC_TITLE)]
    owner: Short = ""
    version: Annotated[str, Field(max_length=limits.VERSION)] = ""
    elements: Annotated[list[Name], Field(max_length=limits.LOG_ELEMENTS)] = []
    # The SHA-256 of one of the exported attachments; informational, like `attachments`.
    attachment: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None


class SiteLogModel(_Model):
    """The versioned `site_log` extension (`workbench.site_log/1`): the site-visit log."""

    format: str
    interviews: Annotated[list[InterviewModel], Field(max_length=limits.LOG_ENTRIES)] = []
    documents: Annotated[list[ReviewedDocumentModel], Field(max_length=limits.LOG_ENTRIES)] = []


class DocumentModel(_Model):
    format: str
    framework: FrameworkRef
    engagement: DetailsModel
    assessors: Annotated[list[AssessorModel], Field(min_length=1)]
    ratings: list[RatingEntry] = []
    consensus: list[ConsensusEntry] = []
    actions: list[ActionModel] = []
    # Written by `engagement export` for information; ignored on import.
    id: str | None = None
    status: str | None = None
    revision: StrictInt | None = None
    exported_at: str | None = None
    attachments: list[dict[str, Any]] = []
    site_log: SiteLogModel | None = None
