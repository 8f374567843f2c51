"""Assessment use cases: rate indicators, judge objectives, set targets, write evidence.

Each call is one autosaved edit: validated against the engagement's framework,
committed in its own transaction with an audit row, and answered with the
Change it made (old and new value), which is what undo needs.
"""

from __future__ import annotations

from typing import NamedTuple

from workbench.core import limits
from workbench.core.errors import InvalidValueError, NotFoundError
from workbench.core.framework import Framework
from workbench.core.ratings import NA, IndicatorValue
from workbench.services.session import Change, ChangeKind, Session
from workbench.storage import engagements, ratings

# As typing.TYPE_CHECKING, without importing typing (issue 17). Rating, judging and targets
# need neither the findings' storage nor the whole engagement document's types that it
# brings: the findings' functions import them when called.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from workbench.core.engagement import FindingKind

MAX_NOTE = limits.NOTE
MAX_FINDING = limits.FINDING


def parse_level(text: str) -> IndicatorValue | None:
    """A level as typed on the command line: a number, `na`, or `none`/`-` to clear."""
    lowered = text.strip().lower()
    if lowered in ("na", "n/a"):
        return NA
    if lowered in ("none", "-", "unrated", "clear"):
        return None
    try:
        return int(lowered)
    except ValueError:
        raise InvalidValueError(f"{text!r} is not a level, 'na' or 'none'") from None


def _assessor(session: Session, engagement_id: str, name: str | None) -> tuple[int, str]:
    if name is None:
        name = engagements.lead_assessor(session.db, engagement_id)
    return engagements.assessor_id(session.db, engagement_id, name), name


def _check_indicator(framework: Framework, code: str) -> str:
    owner = framework.indicator_owner.get(code)
    if owner is None:
        raise NotFoundError(f"{code!r} is not an indicator of {framework.id} {framework.version}")
    return owner


def _check_level(framework: Framework, value: IndicatorValue | None) -> None:
    if value is None or value == NA:
        return
    if isinstance(value, bool) or not isinstance(value, int) or \
            value not in framework.scale_fraction:
        levels = ", ".join(str(v) for v in sorted(framework.scale_fraction))
        raise InvalidValueError(f"{value!r} is not a level of the scale ({levels}) or N/A")


def _check_element(framework: Framework, code: str, *, enablers: bool = True) -> None:
    if code in framework.element_by_code or (enablers and code in framework.enabler_by_code):
        return
    what = "an element or enabler" if enablers else "an element"
    raise NotFoundError(f"{code!r} is not {what} of {framework.id} {framework.version}")


def rate(session: Session, engagement_id: str, indicator: str, value: IndicatorValue | None,
         assessor: str | None = None) -> Change:
    """Set one assessor's level (or N/A, or None to clear) for one indicator."""
    framework = session.framework_of(engagement_id)
    owner = _check_indicator(framework, indicator)
    _check_level(framework, value)
    with session.edit(engagement_id):
        aid, name = _assessor(session, engagement_id, assessor)
        old, _ = ratings.indicator(session.db, engagement_id, aid, indicator)
        if old != value:
            ratings.set_indicator(session.db, engagement_id, aid, indicator, value)
            session.log(engagement_id, "rate", indicator, old, value, actor=name)
    return Change(ChangeKind.INDICATOR, engagement_id, owner, indicator, name, old, value)


MAX_REASON = limits.REASON


def _check_reason(value: object, given: list[object], reason: str, code: str,
                  restoring: bool) -> str:
    """A consensus value none of the assessors gave needs a reason (not when undoing)."""
    reason = _check_text(reason.strip(), MAX_REASON, "reason")
    if value is not None and value not in given and not reason and not restoring:
        shown = "N/A" if value == NA else str(value)
        said = ", ".join(sorted({"N/A" if v == NA else str(v) for v in given})) or "nothing"
        raise InvalidValueError(
            f"the consensus {shown} for {code} differs from every assessor's value ({said}); "
            "give the reason the team chose it")
    return reason


def rate_consensus(session: Session, engagement_id: str, indicator: str,
                   value: IndicatorValue | None, reason: str = "", *,
                   restoring: bool = False) -> Change:
    """Record the team's consensus level for an indicator (None clears it).

    A value that differs from every assessor's needs a reason; `restoring` (undo) puts back
    a value that was accepted when it was first set.
    """
    framework = session.framework_of(engagement_id)
    owner = _check_indicator(framework, indicator)
    _check_level(framework, value)
    with session.edit(engagement_id):
        given = ratings.assessor_indicator_values(session.db, engagement_id, indicator)
        reason = _check_reason(value, list(given), reason, indicator, restoring)
        old, _ = ratings.consensus_indicator(session.db, engagement_id, indicator)
        ratings.set_consensus_indicator(session.db, engagement_id, indicator, value, reason)
        session.log(engagement_id, "consensus rate", indicator, old, value)
    return Change(ChangeKind.CONSENSUS, engagement_id, owner, indicator, None, old, value)


def _check_objective(framework: Framework, element: str, key: str | None) -> None:
    _check_element(framework, element, enablers=False)
    if key is not None and key not in framework.objective_fraction:
        keys = ", ".join(framework.objective_fraction)
        raise InvalidValueError(f"{key!r} is not an objective achievement ({keys})")


def judge(session: Session, engagement_id: str, element: str, key: str | None,
          assessor: str | None = None) -> Change:
    """Judge an element's statement of objective (`fully`, `partially`, `not_yet`, or None)."""
    framework = session.framework_of(engagement_id)
    _check_objective(framework, element, key)
    with session.edit(engagement_id):
        aid, name = _assessor(session, engagement_id, assessor)
        old, _ = ratings.element(session.db, engagement_id, aid, element)
        if old != key:
            ratings.set_objective(session.db, engagement_id, aid, element, key)
            session.log(engagement_id, "judge objective", element, old, key, actor=name)
    return Change(ChangeKind.OBJECTIVE, engagement_id, element, None, name, old, key)


def judge_consensus(session: Session, engagement_id: str, element: str, key: str | None,
                    reason: str = "", *, restoring: bool = False) -> Change:
    """Record the team's consensus on an element's objective (None clears it); see above."""
    framework = session.framework_of(engagement_id)
    _check_objective(framework, element, key)
    with session.edit(engagement_id):
        given = ratings.assessor_objective_values(session.db, engagement_id, element)
        reason = _check_reason(key, list(given), reason, element, restoring)
        old, _ = ratings.consensus_objective(session.db, engagement_id, element)
        ratings.set_consensus_objective(session.db, engagement_id, element, key, reason)
        session.log(engagement_id, "consensus objective", element, old, key)
    return Change(ChangeKind.CONSENSUS, engagement_id, element, None, None, old, key)


def set_target(session: Session, engagement_id: str, element: str, level: int | None) -> Change:
    """The maturity level the client aims at for an element (None clears it)."""
    framework = session.framework_of(engagement_id)
    _check_element(framework, element, enablers=False)
    levels = sorted(b.level for b in framework.bands)
    if level is not None and (isinstance(level, bool) or level not in levels):
        raise InvalidValueError(f"{level!r} is not a maturity level "
                                f"({', '.join(map(str, levels))})")
    with session.edit(engagement_id):
        old = ratings.target(session.db, engagement_id, element)
        ratings.set_target(session.db, engagement_id, element, level)
        session.log(engagement_id, "set target", element, old, level)
    return Change(ChangeKind.TARGET, engagement_id, element, None, None, old, level)


_check_text = limits.check_text


def set_notes(session: Session, engagement_id: str, element: str, text: str,
              assessor: str | None = None) -> Change:
    """Replace one assessor's evidence notes on an element."""
    framework = session.framework_of(engagement_id)
    _check_element(framework, element)
    text = _check_text(text, MAX_NOTE, "note")
    with session.edit(engagement_id):
        aid, name = _assessor(session, engagement_id, assessor)
        _, old = ratings.element(session.db, engagement_id, aid, element)
        if old != text:
            ratings.set_notes(session.db, engagement_id, aid, element, text)
            session.log(engagement_id, "notes", element, old, text, actor=name)
    return Change(ChangeKind.NOTES, engagement_id, element, None, name, old, text)


def set_indicator_note(session: Session, engagement_id: str, indicator: str, text: str,
                       assessor: str | None = None) -> Change:
    framework = session.framework_of(engagement_id)
    owner = _check_indicator(framework, indicator)
    text = _check_text(text, MAX_NOTE, "note")
    with session.edit(engagement_id):
        aid, name = _assessor(session, engagement_id, assessor)
        _, old = ratings.indicator(session.db, engagement_id, aid, indicator)
        if old != text:
            ratings.set_indicator_note(session.db, engagement_id, aid, indicator, text)
            session.log(engagement_id, "indicator note", indicator, old, text, actor=name)
    return Change(ChangeKind.INDICATOR_NOTE, engagement_id, owner, indicator, name, old, text)


def add_finding(session: Session, engagement_id: str, element: str, kind: FindingKind,
                text: str, assessor: str | None = None, position: int | None = None) -> Change:
    """Add a strength or an opportunity for improvement to an element: at the end of its
    list, or at `position` (`finding_position` of one removed: undo puts it back there)."""
    from workbench.storage import evidence
    framework = session.framework_of(engagement_id)
    _check_element(framework, element)
    text = _check_text(text.strip(), MAX_FINDING, str(kind))
    if not text:
        raise InvalidValueError(f"an empty {kind} cannot be added")
    with session.edit(engagement_id):
        aid, name = _assessor(session, engagement_id, assessor)
        item_id = evidence.add_finding(session.db, engagement_id, aid, element, kind, text,
                                       position)
        session.log(engagement_id, f"add {kind}", element, None, text, actor=name)
    return Change(ChangeKind.FINDINGS, engagement_id, element, None, name, None, text, item_id)


def update_finding(session: Session, engagement_id: str, finding_id: int, text: str) -> Change:
    from workbench.storage import evidence
    text = _check_text(text.strip(), MAX_FINDING, "text")
    with session.edit(engagement_id):
        element, kind, old = evidence.finding(session.db, engagement_id, finding_id)
        if not text:
            evidence.remove_finding(session.db, finding_id)
        else:
            evidence.update_finding(session.db, finding_id, text)
        session.log(engagement_id, f"edit {kind}", element, old, text)
    return Change(ChangeKind.FINDINGS, engagement_id, element, None, None, old, text, finding_id)


def remove_finding(session: Session, engagement_id: str, finding_id: int) -> Change:
    from workbench.storage import evidence
    with session.edit(engagement_id):
        element, kind, old = evidence.finding(session.db, engagement_id, finding_id)
        evidence.remove_finding(session.db, finding_id)
        session.log(engagement_id, f"remove {kind}", element, old, None)
    return Change(ChangeKind.FINDINGS, engagement_id, element, None, None, old, None, finding_id)


def finding_position(session: Session, engagement_id: str, finding_id: int) -> int:
    from workbench.storage import evidence
    return evidence.finding_position(session.db, engagement_id, finding_id)


def findings(session: Session, engagement_id: str, element: str, kind: FindingKind,
             assessor: str | None = None) -> list[tuple[int, str]]:
    from workbench.storage import evidence
    aid, _ = _assessor(session, engagement_id, assessor)
    return evidence.findings(session.db, engagement_id, aid, element, kind)


def notes(session: Session, engagement_id: str, element: str, assessor: str | None = None) -> str:
    aid, _ = _assessor(session, engagement_id, assessor)
    return ratings.element(session.db, engagement_id, aid, element)[1]


# --- appended for the GUI's scoring form (issue 3) -------------------------------------------

class ElementSheet(NamedTuple):
    """What one assessor recorded on one element or enabler: everything a scoring form shows."""

    element: str
    assessor: str
    indicators: dict[str, IndicatorValue | None]  # indicator code -> level, NA, or None
    indicator_notes: dict[str, str]
    objective: str | None
    notes: str
    target: int | None
    strengths: list[tuple[int, str]]  # (finding id, text), in order
    opportunities: list[tuple[int, str]]


def element_sheet(session: Session, engagement_id: str, element: str,
                  assessor: str | None = None) -> ElementSheet:
    """One assessor's ratings, notes and findings on one element, read in a few small queries."""
    from workbench.core.engagement import FindingKind
    from workbench.storage import evidence
    framework = session.framework_of(engagement_id)
    _check_element(framework, element)
    aid, name = _assessor(session, engagement_id, assessor)
    values: dict[str, IndicatorValue | None] = {}
    notes_of: dict[str, str] = {}
    for indicator in framework.indicators_of(element):
        values[indicator.code], notes_of[indicator.code] = ratings.indicator(
            session.db, engagement_id, aid, indicator.code)
    objective, text = ratings.element(session.db, engagement_id, aid, element)
    target = ratings.target(session.db, engagement_id, element) \
        if element in framework.element_by_code else None
    return ElementSheet(
        element, name, values, notes_of, objective, text, target,
        evidence.findings(session.db, engagement_id, aid, element, FindingKind.STRENGTH),
        evidence.findings(session.db, engagement_id, aid, element, FindingKind.OPPORTUNITY))
