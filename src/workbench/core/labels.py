"""The words shown for each status and priority: one map each, for the app, workbook and report."""

from __future__ import annotations

from collections.abc import Mapping

from workbench.core.engagement import ActionStatus, EngagementStatus, Priority
from workbench.core.scoring import Status

ENGAGEMENT_STATUS: dict[str, str] = {
    EngagementStatus.DRAFT: "Draft", EngagementStatus.IN_REVIEW: "In review",
    EngagementStatus.SIGNED_OFF: "Signed off"}
ACTION_STATUS: dict[str, str] = {
    ActionStatus.OPEN: "Open", ActionStatus.IN_PROGRESS: "In progress", ActionStatus.DONE: "Done"}
PRIORITY: dict[str, str] = {Priority.HIGH: "High", Priority.MEDIUM: "Medium", Priority.LOW: "Low"}
ELEMENT_STATUS: dict[str, str] = {
    Status.COMPLETE: "Complete", Status.INCOMPLETE: "Incomplete",
    Status.NOT_ASSESSED: "Not assessed", Status.NOT_APPLICABLE: "Not applicable"}


def label(labels: Mapping[str, str], value: object) -> str:
    """The word for `value` in `labels`; an unknown value shows as itself."""
    return labels.get(str(value), str(value))
