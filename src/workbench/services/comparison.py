"""Re-assessment against a baseline: the link between engagements, and the change between them."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from workbench.core.engagement import EngagementDetails
from workbench.core.errors import InvalidValueError, WorkbenchError
from workbench.core.framework import Framework
from workbench.core.scoring import ScoreResult
from workbench.services import scores
from workbench.services.session import Change, ChangeKind, Session
from workbench.storage import actions, engagements

if TYPE_CHECKING:  # core.comparison loads when a comparison is made (issue 17: not at start)
    from workbench.core.comparison import ActionFollowUp, Comparison, TrendPoint
    from workbench.exports.report.model import ChangeInput


class Side(NamedTuple):
    """One engagement of a comparison: its id and details."""

    id: str
    details: EngagementDetails

    @property
    def date(self) -> str:
        """When it was assessed: its start date, else its end date, else empty."""
        return self.details.start_date or self.details.end_date or ""

    @property
    def since(self) -> str:
        """How a heading names it: "Change since <this>"."""
        return self.date or self.details.title or self.id

    @property
    def label(self) -> str:
        return self.date[:4] if self.date else self.details.title or self.id


class ComparisonReport(NamedTuple):
    baseline: Side
    current: Side
    comparison: Comparison
    actions: tuple[ActionFollowUp, ...]


class Baseline(NamedTuple):
    """An engagement's baseline as a view compares against it: who, which framework, score,
    and, with three or more linked assessments, the trend over them (oldest first)."""

    side: Side
    framework: Framework
    result: ScoreResult
    trend: tuple[TrendPoint, ...] = ()


def baseline_for(session: Session, engagement_id: str) -> Baseline | None:
    """The engagement's baseline with its score, or None when it names none."""
    baseline_id = engagements.baseline_id(session.db, engagement_id)
    if baseline_id is None:
        return None
    return Baseline(Side(baseline_id, engagements.details(session.db, baseline_id)),
                    session.framework_of(baseline_id), scores.score(session, baseline_id),
                    trend(session, engagement_id))


def baseline_of(session: Session, engagement_id: str) -> str | None:
    """The engagement's baseline, or None."""
    return engagements.baseline_id(session.db, engagement_id)


def set_baseline(session: Session, engagement_id: str, baseline_id: str | None) -> Change:
    """Name (or, with None, clear) the engagement this one is compared against.

    Any other engagement may be the baseline, of any framework; never the engagement itself
    nor one whose own chain of baselines leads back to it.
    """
    with session.edit(engagement_id):
        old = engagements.baseline_id(session.db, engagement_id)
        if baseline_id is not None:
            if baseline_id == engagement_id:
                raise InvalidValueError("an engagement cannot be its own baseline")
            engagements.row(session.db, baseline_id)  # raises NotFoundError
            seen = {engagement_id}
            step: str | None = baseline_id
            while step is not None:
                if step in seen:
                    raise InvalidValueError(
                        f"{baseline_id} cannot be the baseline of {engagement_id}: "
                        f"{baseline_id}'s own baselines lead back to {engagement_id}")
                seen.add(step)
                step = engagements.baseline_id(session.db, step)
        engagements.set_baseline(session.db, engagement_id, baseline_id)
        session.log(engagement_id, "set baseline" if baseline_id else "clear baseline",
                    engagement_id, old=old, new=baseline_id)
    return Change(ChangeKind.ENGAGEMENT_UPDATED, engagement_id, old=old, new=baseline_id)


def history(session: Session, engagement_id: str) -> list[str]:
    """The engagement and its chain of baselines, oldest first."""
    chain = [engagement_id]
    step = engagements.baseline_id(session.db, engagement_id)
    while step is not None and step not in chain:
        chain.append(step)
        step = engagements.baseline_id(session.db, step)
    return chain[::-1]


def compare_engagements(session: Session, baseline_id: str, engagement_id: str
                        ) -> ComparisonReport:
    """The change from `baseline_id` to `engagement_id`, with the baseline's actions' status."""
    if baseline_id == engagement_id:
        raise InvalidValueError("an engagement compared with itself shows no change; name its "
                                "baseline and the re-assessment")
    from workbench.core.comparison import compare, follow_up

    old = scores.score(session, baseline_id)
    new = scores.score(session, engagement_id)
    comparison = compare(session.framework_of(baseline_id), old,
                         session.framework_of(engagement_id), new)
    followed = follow_up(actions.actions(session.db, baseline_id),
                         actions.actions(session.db, engagement_id))
    return ComparisonReport(
        Side(baseline_id, engagements.details(session.db, baseline_id)),
        Side(engagement_id, engagements.details(session.db, engagement_id)),
        comparison, tuple(followed))


def _trend_point(session: Session, engagement_id: str) -> TrendPoint:
    from workbench.core.comparison import TrendPoint

    result = scores.score(session, engagement_id)
    side = Side(engagement_id, engagements.details(session.db, engagement_id))
    assessed = {code for code, e in result.elements.items() if e.status != "not_assessed"}
    framework = session.framework_of(engagement_id)
    dims = {d.code: result.dimensions[d.code].percent
            if any(e.code in assessed for e in d.elements) else None
            for d in framework.dimensions}
    return TrendPoint(side.label, result.percent if assessed else None, dims)


def trend(session: Session, engagement_id: str) -> tuple[TrendPoint, ...]:
    """The total and dimension percents of the chain of baselines up to this engagement,
    oldest first; empty when the chain holds fewer than three assessments."""
    chain = history(session, engagement_id)
    return tuple(_trend_point(session, e) for e in chain) if len(chain) >= 3 else ()


def change_input(session: Session, engagement_id: str) -> ChangeInput | None:
    """What the report's change section shows, or None when the engagement has no baseline.

    A baseline that cannot be scored (its signed record was altered) stops the export with
    a message that says how to go on without it.
    """
    baseline_id = engagements.baseline_id(session.db, engagement_id)
    if baseline_id is None:
        return None
    try:
        report = compare_engagements(session, baseline_id, engagement_id)
        points = trend(session, engagement_id)
    except WorkbenchError as exc:
        raise WorkbenchError(f"the baseline {baseline_id} cannot be compared ({exc}); clear "
                             "the baseline in Edit Details to export without the change "
                             "section") from exc
    from workbench.exports.report.model import ChangeInput  # the report package: on export

    return ChangeInput(report.baseline.since, report.baseline.details.title, report.comparison,
                       report.actions, points)
