"""The change between a baseline engagement and a re-assessment (pure; no second scoring).

Both sides are `ScoreResult`s of the scoring engine. Elements, dimensions, categories and
indicators are matched by code, so a comparison works across framework versions; codes only
one side has are listed as added or removed (and as renamed when a removed and an added one
carry the same title), never silently dropped. An element that is N/A or not assessed on
either side has no change: it is shown as such, never as a fall of 100 %.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from workbench.core.engagement import Action, ActionStatus
from workbench.core.framework import Element, Framework
from workbench.core.scoring import ElementScore, Resolved, RollupScore, ScoreResult, Status


class ChangeState(StrEnum):
    COMPARED = "compared"
    NOT_APPLICABLE = "not_applicable"  # N/A on one side or both
    NOT_ASSESSED = "not_assessed"  # not assessed on one side or both
    ADDED = "added"  # only the current framework has the code
    REMOVED = "removed"  # only the baseline's framework has the code


@dataclass(frozen=True)
class Figure:
    """One side's figures of an element, dimension, category or the total."""

    score: float
    max: float
    percent: float | None
    level: int | None
    status: Status


@dataclass(frozen=True)
class Change:
    """One code's baseline and current figures and the change (None when not comparable)."""

    code: str
    name: str
    baseline: Figure | None
    current: Figure | None
    state: ChangeState
    points: float | None = None  # current score - baseline score
    percent: float | None = None  # in percentage points
    levels: int | None = None  # current level - baseline level
    dimension: str = ""  # an element's dimension (the current framework's, else the baseline's)

    @property
    def compared(self) -> bool:
        return self.state is ChangeState.COMPARED


@dataclass(frozen=True)
class IndicatorMove:
    """An indicator rated on both sides whose value changed (a level, "na", or a mean)."""

    code: str
    element: str
    baseline: int | str | float
    current: int | str | float
    change: float | None  # in fraction of the scale; None when N/A on one side


@dataclass(frozen=True)
class Renamed:
    kind: str  # "dimension", "element" or "indicator"
    old: str
    new: str
    title: str


@dataclass(frozen=True)
class CodeChanges:
    """What differs between the two frameworks' codes."""

    same_framework: bool
    added: Mapping[str, tuple[str, ...]]  # kind -> codes only the current framework has
    removed: Mapping[str, tuple[str, ...]]  # kind -> codes only the baseline's has
    renamed: tuple[Renamed, ...]

    @property
    def empty(self) -> bool:
        return not any(self.added.values()) and not any(self.removed.values())


@dataclass(frozen=True)
class TrendPoint:
    """One assessment of a chain of baselines: its label and percents (None: not assessed)."""

    label: str
    total: float | None
    dimensions: Mapping[str, float | None]  # dimension code -> percent


@dataclass(frozen=True)
class Comparison:
    baseline_framework: tuple[str, str]
    current_framework: tuple[str, str]
    total: Change
    categories: tuple[Change, ...]
    dimensions: tuple[Change, ...]
    elements: tuple[Change, ...]
    indicators: tuple[IndicatorMove, ...]
    codes: CodeChanges

    def largest(self, count: int = 5) -> tuple[list[Change], list[Change]]:
        """The largest gains and the largest falls in points (compared elements only)."""
        moved = [c for c in self.elements if c.points is not None]
        gains = sorted((c for c in moved if c.points is not None and c.points > 1e-9),
                       key=lambda c: (-(c.points or 0.0), c.code))
        falls = sorted((c for c in moved if c.points is not None and c.points < -1e-9),
                       key=lambda c: (c.points or 0.0, c.code))
        return gains[:count], falls[:count]


def _element_figure(e: ElementScore) -> Figure:
    return Figure(e.score, e.points, e.percent, e.level, e.status)


def _element_change(element: Element, old: ElementScore | None,
                    new: ElementScore | None) -> Change:
    before = _element_figure(old) if old else None
    after = _element_figure(new) if new else None
    if old is None or new is None:
        change = Change(element.code, element.title, before, after,
                        ChangeState.REMOVED if new is None else ChangeState.ADDED)
    else:
        change = _rollup_change(element.code, element.title, before, after)
    return replace(change, dimension=element.dimension)


def _compared(code: str, name: str, before: Figure, after: Figure) -> Change:
    if before.percent is None or after.percent is None:
        return Change(code, name, before, after, ChangeState.NOT_APPLICABLE)
    levels = None if before.level is None or after.level is None else after.level - before.level
    return Change(code, name, before, after, ChangeState.COMPARED, after.score - before.score,
                  after.percent - before.percent, levels)


def _rollup_status(parts: Sequence[ElementScore]) -> Status:
    applicable = [p for p in parts if p.status is not Status.NOT_APPLICABLE]
    if not applicable:
        return Status.NOT_APPLICABLE
    if all(p.status is Status.NOT_ASSESSED for p in applicable):
        return Status.NOT_ASSESSED
    if all(p.status is Status.COMPLETE for p in applicable):
        return Status.COMPLETE
    return Status.INCOMPLETE


def _rollup_figure(r: RollupScore, parts: Sequence[ElementScore]) -> Figure:
    return Figure(r.score, r.max, r.percent, r.level, _rollup_status(parts))


def _rollup_change(code: str, name: str, before: Figure | None, after: Figure | None) -> Change:
    if before is None or after is None:
        return Change(code, name, before, after,
                      ChangeState.REMOVED if after is None else ChangeState.ADDED)
    statuses = (before.status, after.status)
    if Status.NOT_APPLICABLE in statuses:
        return Change(code, name, before, after, ChangeState.NOT_APPLICABLE)
    if Status.NOT_ASSESSED in statuses:
        return Change(code, name, before, after, ChangeState.NOT_ASSESSED)
    return _compared(code, name, before, after)


def _union(first: Iterable[str], second: Iterable[str]) -> list[str]:
    """The codes of both sides: the current framework's order, then the removed ones."""
    order = list(second)
    seen = set(order)
    return order + [c for c in first if c not in seen]


def _codes(framework: Framework) -> dict[str, dict[str, str]]:
    return {
        "category": {c.id: c.name for c in framework.categories},
        "dimension": {d.code: d.name for d in framework.dimensions},
        "element": {e.code: e.title for e in framework.elements()},
        "indicator": {i.code: i.text for e in framework.elements() for i in e.indicators},
        "enabler": {n.code: n.name for n in framework.enablers},
    }


def code_changes(old: Framework, new: Framework) -> CodeChanges:
    """Codes added, removed and renamed (a removed and an added code with one title)."""
    before, after = _codes(old), _codes(new)
    added = {k: tuple(c for c in after[k] if c not in before[k]) for k in after}
    removed = {k: tuple(c for c in before[k] if c not in after[k]) for k in before}
    renamed = []
    for kind in ("dimension", "element", "indicator"):
        titles: dict[str, list[str]] = {}
        for code in added[kind]:
            titles.setdefault(after[kind][code].strip().casefold(), []).append(code)
        for code in removed[kind]:
            title = before[kind][code].strip().casefold()
            matches = titles.get(title, [])
            if title and len(matches) == 1:
                renamed.append(Renamed(kind, code, matches[0], before[kind][code]))
    return CodeChanges(old.key == new.key, added, removed, tuple(renamed))


def _value(r: Resolved) -> int | str | float:
    if r.na:
        return "na"
    if isinstance(r.value, int):
        return r.value
    return r.fraction if r.fraction is not None else ""


def _indicator_moves(old: ScoreResult, new: ScoreResult) -> list[IndicatorMove]:
    moves = []
    for code, element in new.elements.items():
        before = old.elements.get(code)
        if before is None:
            continue
        for indicator, now in element.indicators.items():
            was = before.indicators.get(indicator)
            if was is None or not (was.rated or was.na) or not (now.rated or now.na):
                continue
            if was.na == now.na and was.fraction == now.fraction:
                continue
            change = None if was.na or now.na else (now.fraction or 0.0) - (was.fraction or 0.0)
            moves.append(IndicatorMove(indicator, code, _value(was), _value(now), change))
    return moves


def compare(old_framework: Framework, old: ScoreResult, new_framework: Framework,
            new: ScoreResult) -> Comparison:
    """The change from the baseline (`old`) to the re-assessment (`new`)."""
    old_elements = {e.code: e for e in old_framework.elements()}
    new_elements = {e.code: e for e in new_framework.elements()}
    elements = tuple(
        _element_change(new_elements.get(code) or old_elements[code], old.elements.get(code),
                        new.elements.get(code))
        for code in _union(old.elements, new.elements))

    def parts(result: ScoreResult, codes: Iterable[str]) -> list[ElementScore]:
        return [result.elements[c] for c in codes if c in result.elements]

    def dimension_side(framework: Framework, result: ScoreResult, code: str) -> Figure | None:
        dim = framework.dimension_by_code.get(code)
        if dim is None or code not in result.dimensions:
            return None
        return _rollup_figure(result.dimensions[code],
                              parts(result, (e.code for e in dim.elements)))

    names = {d.code: d.name for d in old_framework.dimensions}
    names.update({d.code: d.name for d in new_framework.dimensions})
    dimensions = tuple(
        _rollup_change(code, names[code], dimension_side(old_framework, old, code),
                       dimension_side(new_framework, new, code))
        for code in _union(old.dimensions, new.dimensions))

    def category_side(framework: Framework, result: ScoreResult, code: str) -> Figure | None:
        if code not in result.categories:
            return None
        codes = [e.code for d in framework.dimensions if d.category == code for e in d.elements]
        return _rollup_figure(result.categories[code], parts(result, codes))

    category_names = {c.id: c.name for c in old_framework.categories}
    category_names.update({c.id: c.name for c in new_framework.categories})
    categories = tuple(
        _rollup_change(code, category_names[code], category_side(old_framework, old, code),
                       category_side(new_framework, new, code))
        for code in _union(old.categories, new.categories))

    def total_side(result: ScoreResult) -> Figure:
        return Figure(result.normalized_total, result.max, result.percent, result.level,
                      _rollup_status(list(result.elements.values())))

    total = _rollup_change("total", "Total", total_side(old), total_side(new))
    return Comparison(old_framework.key, new_framework.key, total, categories, dimensions,
                      elements, tuple(_indicator_moves(old, new)),
                      code_changes(old_framework, new_framework))


@dataclass(frozen=True)
class ActionFollowUp:
    """One of the baseline's improvement actions, and what became of it.

    `now` is the status of the same action (same element and text) in the re-assessment,
    where it was carried over; None when it was not.
    """

    action: Action
    now: ActionStatus | None

    @property
    def status(self) -> ActionStatus:
        return self.now if self.now is not None else self.action.status


def follow_up(baseline: Iterable[Action], current: Iterable[Action]) -> list[ActionFollowUp]:
    found = {(a.element, a.action.strip().casefold()): a.status for a in current}
    return [ActionFollowUp(a, found.get((a.element, a.action.strip().casefold())))
            for a in baseline]
