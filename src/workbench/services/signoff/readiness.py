"""The readiness check: what is missing or inconsistent before sign-off (blockers, warnings)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from workbench.core.engagement import EngagementStatus
from workbench.core.errors import ErrorCode, WorkbenchError
from workbench.core.scoring import Status, score_engagement
from workbench.services import signed_record
from workbench.services.session import Session
from workbench.storage import documents, signoffs

LOW_INDICATORS = 0.5  # "fully achieved" with indicators below this fraction is inconsistent


class NotReadyError(WorkbenchError):
    """Sign-off refused: blockers, or warnings that were not accepted explicitly."""

    default_code = ErrorCode.NOT_READY


class Severity(StrEnum):
    BLOCKER = "blocker"  # sign-off is impossible until it is fixed
    WARNING = "warning"  # sign-off proceeds only when the warnings are accepted explicitly


class CheckKind(StrEnum):
    ALREADY_SIGNED = "already_signed"
    NOTHING_RATED = "nothing_rated"
    UNRATED_INDICATORS = "unrated_indicators"
    OBJECTIVE_NOT_JUDGED = "objective_not_judged"
    NO_EVIDENCE = "no_evidence"
    OBJECTIVE_OVERSTATED = "objective_overstated"
    NEEDS_CONSENSUS = "needs_consensus"
    NO_TARGET = "no_target"


@dataclass(frozen=True)
class ReadinessItem:
    """One thing missing or inconsistent before sign-off."""

    kind: CheckKind
    severity: Severity
    element: str | None
    text: str  # what is wrong, without the element's code (a view shows the code apart)

    @property
    def code(self) -> CheckKind:
        """What kind of problem this is; views match this, never the text."""
        return self.kind

    @property
    def message(self) -> str:
        """The whole sentence, led by the element's code."""
        return f"{self.element} {self.text}" if self.element else self.text

    def to_dict(self) -> dict[str, Any]:
        return {"kind": str(self.kind), "severity": str(self.severity),
                "element": self.element, "message": self.message}


@dataclass(frozen=True)
class Readiness:
    """The readiness check of one engagement."""

    engagement_id: str
    status: EngagementStatus
    revision: int
    items: tuple[ReadinessItem, ...]

    @property
    def blockers(self) -> tuple[ReadinessItem, ...]:
        return tuple(i for i in self.items if i.severity is Severity.BLOCKER)

    @property
    def warnings(self) -> tuple[ReadinessItem, ...]:
        return tuple(i for i in self.items if i.severity is Severity.WARNING)

    def can_sign(self, accept_warnings: bool) -> bool:
        return not self.blockers and (accept_warnings or not self.warnings)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for item in self.items:
            out[str(item.kind)] = out.get(str(item.kind), 0) + 1
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"engagement": self.engagement_id, "status": str(self.status),
                "revision": self.revision, "ready": not self.items,
                "blockers": len(self.blockers), "warnings": len(self.warnings),
                "counts": self.counts(), "items": [i.to_dict() for i in self.items]}


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def readiness(session: Session, engagement_id: str) -> Readiness:
    """What is missing or inconsistent before the engagement can be signed off."""
    status, revision = signoffs.current(session.db, engagement_id)
    signed_record.check(session, engagement_id)
    framework = session.framework_of(engagement_id)
    doc = documents.load(session.db, engagement_id)
    result = score_engagement(framework, doc.ratings)
    items: list[ReadinessItem] = []

    def add(kind: CheckKind, element: str | None, text: str,
            severity: Severity = Severity.WARNING) -> None:
        items.append(ReadinessItem(kind, severity, element, text))

    if status is EngagementStatus.SIGNED_OFF:
        add(CheckKind.ALREADY_SIGNED, None, f"Revision {revision} is already signed off; start "
            "an amendment to change it.", Severity.BLOCKER)
    rated = any(not r.is_empty() for r in doc.ratings.assessors.values()) or \
        not doc.ratings.consensus.is_empty()
    if not rated:
        add(CheckKind.NOTHING_RATED, None, "Nothing is rated yet: rate the indicators and "
            "judge the objectives first.", Severity.BLOCKER)
    noted = {e.element for e in doc.evidence if e.notes.strip()}
    targets = doc.ratings.targets
    objective_labels = {o.key: o.label for o in framework.objective_levels}
    for element in framework.elements():
        code = element.code
        score = result.elements[code]
        if score.status is Status.NOT_APPLICABLE:
            continue
        if score.unrated:
            total = score.rated + score.unrated + score.not_applicable
            add(CheckKind.UNRATED_INDICATORS, code,
                f"{element.title}: {score.unrated} of "
                f"{_plural(total, 'indicator')} not rated.")
        if not score.objective_judged:
            add(CheckKind.OBJECTIVE_NOT_JUDGED, code,
                f"{element.title}: the statement of objective is not judged.")
        if code not in noted:
            add(CheckKind.NO_EVIDENCE, code, f"{element.title}: no evidence notes.")
        if score.objective == "fully" and score.indicator_fraction is not None and \
                score.indicator_fraction < LOW_INDICATORS:
            add(CheckKind.OBJECTIVE_OVERSTATED, code,
                f"{element.title}: the objective is judged "
                f"“{objective_labels.get('fully', 'fully achieved')}” while the indicators "
                f"reach only {score.indicator_fraction * 100:.0f} %.")
        if score.needs_consensus:
            add(CheckKind.NEEDS_CONSENSUS, code,
                f"{element.title}: the assessors disagree and no consensus is recorded.")
        if targets and code not in targets:
            add(CheckKind.NO_TARGET, code, f"{element.title}: no target level.")
    for enabler in framework.enablers:
        e_score = result.enablers[enabler.code]
        if e_score.status is Status.NOT_APPLICABLE:
            continue
        unrated = sum(1 for r in e_score.indicators.values()
                      if r.fraction is None and not r.na)
        if unrated:
            add(CheckKind.UNRATED_INDICATORS, enabler.code,
                f"{enabler.name}: {unrated} of "
                f"{_plural(len(e_score.indicators), 'indicator')} not rated.")
        if e_score.needs_consensus:
            add(CheckKind.NEEDS_CONSENSUS, enabler.code,
                f"{enabler.name}: the assessors disagree and no consensus is "
                "recorded.")
    if not targets:
        add(CheckKind.NO_TARGET, None, "No target levels are set: agree them with the client "
            "so the report can show the gaps.")
    return Readiness(engagement_id, status, revision, tuple(items))


def summary(items: Sequence[ReadinessItem]) -> str:
    counts: dict[CheckKind, int] = {}
    for item in items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    words = {
        CheckKind.UNRATED_INDICATORS: ("element with unrated indicators",
                                       "elements with unrated indicators"),
        CheckKind.OBJECTIVE_NOT_JUDGED: ("objective not judged", "objectives not judged"),
        CheckKind.NO_EVIDENCE: ("element without evidence notes",
                                "elements without evidence notes"),
        CheckKind.OBJECTIVE_OVERSTATED: ("objective judged fully achieved with low indicators",
                                         "objectives judged fully achieved with low indicators"),
        CheckKind.NEEDS_CONSENSUS: ("element needing consensus", "elements needing consensus"),
        CheckKind.NO_TARGET: ("element without a target level",
                              "elements without a target level"),
    }
    parts = []
    for kind, n in counts.items():
        one, many = words.get(kind, ("problem", "problems"))
        parts.append(f"{n} {one if n == 1 else many}")
    return ", ".join(parts)
