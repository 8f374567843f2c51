"""The consensus step (product.md step 3): compare the assessors, record the team's values.

`overview` gives everything a consensus screen or `workbench consensus` shows: per element
and indicator each assessor's value, the spread, the value the score uses now, the proposed
default and the status, the assessors' notes and findings side by side, the reasons recorded
with consensus values, and the team's agreement before consensus. `set_consensus` records
one value (a reason is required when it differs from every assessor's) and returns a Change
whose old and new are `ConsensusValue`s, so `undo` can put the previous value back.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from workbench.core.agreement import (
    AgreementStats,
    ElementAgreement,
    ElementStatus,
    ItemAgreement,
    agreement_stats,
    engagement_agreement,
    largest_disagreement_first,
)
from workbench.core.engagement import ElementEvidence
from workbench.core.errors import InvalidValueError, NotFoundError
from workbench.core.ratings import NA, IndicatorValue
from workbench.services import assessment
from workbench.services.session import Change, ChangeKind, Session
from workbench.storage import engagements, evidence
from workbench.storage import ratings as stored


@dataclass(frozen=True)
class ConsensusValue:
    """A consensus value with its reason: what `set_consensus` changed, for undo."""

    value: IndicatorValue | str | None
    reason: str = ""


@dataclass(frozen=True)
class ElementConsensus:
    """One element (or enabler) across the team."""

    code: str
    title: str
    agreement: ElementAgreement
    reasons: Mapping[str, str]  # indicator or element code -> the reason recorded
    evidence: tuple[ElementEvidence, ...]  # one per assessor, in team order (may be empty)

    @property
    def status(self) -> ElementStatus:
        return self.agreement.status

    @property
    def items(self) -> tuple[ItemAgreement, ...]:
        return self.agreement.items


@dataclass(frozen=True)
class ConsensusOverview:
    engagement_id: str
    assessors: tuple[str, ...]
    elements: tuple[ElementConsensus, ...]  # framework order: elements, then enablers
    stats: AgreementStats  # agreement before consensus

    def element(self, code: str) -> ElementConsensus:
        for e in self.elements:
            if e.code == code:
                return e
        raise NotFoundError(f"{code!r} is not an element or enabler of this engagement")

    @property
    def needing(self) -> list[ElementConsensus]:
        """The elements that need consensus, largest disagreement first."""
        order = largest_disagreement_first(e.agreement for e in self.elements)
        by_code = {e.code: e for e in self.elements}
        return [by_code[a.code] for a in order]

    def count(self, status: ElementStatus) -> int:
        return sum(1 for e in self.elements if e.status is status)

    @property
    def summary(self) -> str:
        """One line that tells the team where they stand."""
        need = self.count(ElementStatus.NEEDS_CONSENSUS)
        agreed = self.count(ElementStatus.AGREED) + self.count(ElementStatus.CONSENSUS_SET)
        parts = [f"{need} element{'s' if need != 1 else ''} "
                 f"need{'s' if need == 1 else ''} consensus", f"{agreed} agreed"]
        if self.stats.share is not None:
            parts.append(f"inter-rater agreement {self.stats.share * 100:.0f} %")
        if self.stats.kappa is not None:
            name = "Cohen's" if self.stats.kappa_method == "cohen" else "Fleiss'"
            parts.append(f"{name} kappa {self.stats.kappa:.2f}")
        if len(self.assessors) < 2:
            parts.append("one assessor only")
        return " · ".join(parts)


def overview(session: Session, engagement_id: str) -> ConsensusOverview:
    """The whole engagement across the team, read in a few queries."""
    framework = session.framework_of(engagement_id)
    ratings = stored.rating_set(session.db, engagement_id)
    team = tuple(a.name for a in engagements.assessors(session.db, engagement_id))
    reasons = dict(stored.consensus_reasons(session.db, engagement_id))
    written: dict[str, dict[str, ElementEvidence]] = {}
    for item in evidence.all_evidence(session.db, engagement_id):
        written.setdefault(item.element, {})[item.assessor] = item
    titles = {e.code: e.title for e in framework.elements()}
    titles.update({n.code: n.name for n in framework.enablers})
    elements = []
    for agreement in engagement_agreement(framework, ratings):
        mine = written.get(agreement.code, {})
        elements.append(ElementConsensus(
            agreement.code, titles[agreement.code], agreement,
            MappingProxyType({c.code: reasons[c.code] for c in agreement.items
                              if c.code in reasons}),
            tuple(mine.get(name, ElementEvidence(agreement.code, name)) for name in team)))
    return ConsensusOverview(engagement_id, team, tuple(elements),
                             agreement_stats(framework, ratings))


def current(session: Session, engagement_id: str, code: str) -> ConsensusValue:
    """The consensus recorded for an indicator or an element's objective, with its reason."""
    framework = session.framework_of(engagement_id)
    if code in framework.indicator_owner:
        value, reason = stored.consensus_indicator(session.db, engagement_id, code)
        return ConsensusValue(value, reason)
    if code in framework.element_by_code:
        key, reason = stored.consensus_objective(session.db, engagement_id, code)
        return ConsensusValue(key, reason)
    raise NotFoundError(f"{code!r} is not an indicator or element of {framework.id} "
                        f"{framework.version}")


def set_consensus(session: Session, engagement_id: str, code: str,
                  value: IndicatorValue | str | None, reason: str = "", *,
                  restoring: bool = False) -> Change:
    """Record the team's value for an indicator (a level or "na") or an objective (a key).

    `code` names an indicator, or an element for its objective; None clears the value.
    A value that differs from every assessor's needs a reason. The Change's old and new are
    ConsensusValues, so `undo(session, change)` restores the previous value and reason.
    """
    before = current(session, engagement_id, code)
    framework = session.framework_of(engagement_id)
    if code in framework.indicator_owner:
        level: IndicatorValue | None
        if isinstance(value, str):
            if value != NA:
                raise InvalidValueError(f"{value!r} is not a level of the scale or N/A")
            level = NA
        else:
            level = value
        change = assessment.rate_consensus(session, engagement_id, code, level, reason,
                                           restoring=restoring)
    else:
        if value is not None and not isinstance(value, str):
            raise InvalidValueError(f"{value!r} is not an objective achievement")
        change = assessment.judge_consensus(session, engagement_id, code, value, reason,
                                            restoring=restoring)
    after = current(session, engagement_id, code)
    return change._replace(old=before, new=after)


def undo(session: Session, change: Change) -> Change:
    """Put back what `set_consensus` replaced (its value and its reason)."""
    if change.kind is not ChangeKind.CONSENSUS or not isinstance(change.old, ConsensusValue):
        raise InvalidValueError("this change is not a consensus edit")
    code = change.indicator or change.element
    assert code is not None
    return set_consensus(session, change.engagement_id, code, change.old.value,
                         change.old.reason, restoring=True)


def accept_proposal(session: Session, engagement_id: str, code: str, reason: str = "") -> Change:
    """Record the proposed default (agreement, else the lower median) as the consensus."""
    framework = session.framework_of(engagement_id)
    element = framework.indicator_owner.get(code, code)
    found = overview(session, engagement_id).element(element)
    for item in found.items:
        if item.code == code and (item.kind == "indicator") == (code != element):
            if item.proposed is None:
                raise InvalidValueError(f"nobody has rated {code} yet; there is nothing to "
                                        "propose")
            return set_consensus(session, engagement_id, code, item.proposed, reason)
    raise NotFoundError(f"{code!r} is not an indicator or element of {framework.id} "
                        f"{framework.version}")
