"""The scoring engine: docs/scoring.md, exactly. Pure functions over core types.

Full floating-point precision throughout; rounding is for display only.
The evaluation order of each formula follows docs/scoring.md literally, so the
figures equal a hand computation to the last bit.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from workbench.core.framework import Framework, Indicator
from workbench.core.ratings import NA, IndicatorValue, RatingSet


class Status(StrEnum):
    NOT_APPLICABLE = "not_applicable"
    NOT_ASSESSED = "not_assessed"
    INCOMPLETE = "incomplete"
    COMPLETE = "complete"


class Source(StrEnum):
    """Where a resolved value came from (docs/scoring.md §6)."""

    UNRATED = "unrated"
    CONSENSUS = "consensus"
    AGREED = "agreed"
    MEAN = "mean"  # assessors disagree: the mean of their fractions, consensus needed


class Resolved(NamedTuple):
    """One indicator or objective after combining the assessors (docs/scoring.md §6).

    A NamedTuple rather than a dataclass: the engine makes hundreds per score.
    """

    source: Source
    na: bool = False
    fraction: float | None = None  # None when unrated or N/A
    value: int | str | None = None  # the agreed or consensus level/key; None for a mean

    @property
    def rated(self) -> bool:
        return self.fraction is not None


UNRATED = Resolved(Source.UNRATED)


class ElementScore(NamedTuple):
    """One element's score, level, target and status."""

    code: str
    points: float
    score: float
    indicator_fraction: float | None
    objective_fraction: float | None
    objective: str | None
    percent: float | None
    level: int | None
    target: int | None
    gap: int | None
    status: Status
    needs_consensus: bool
    rated: int
    unrated: int
    not_applicable: int
    indicators: Mapping[str, Resolved]
    # Whether anyone judged the objective. An unjudged objective scores as O = 0 (scoring.md
    # §2) but is "not judged", never "not yet achieved".
    objective_judged: bool = False


class RollupScore(NamedTuple):
    """A dimension's or a category's sums."""

    code: str
    score: float
    max: float
    applicable_max: float
    percent: float | None
    level: int | None
    target: int | None = None
    gap: int | None = None


class EnablerScore(NamedTuple):
    """One enabler's percentage, level and status."""

    code: str
    percent: float | None
    level: int | None
    indicator_fraction: float | None
    status: Status
    needs_consensus: bool
    indicators: Mapping[str, Resolved]


class ScoreResult(NamedTuple):
    """The whole score of an engagement: totals, dimensions, categories, elements, enablers."""

    framework_id: str
    framework_version: str
    total: float
    max: float
    applicable_max: float
    normalized_total: float
    percent: float | None
    level: int | None
    completeness: float
    categories: Mapping[str, RollupScore]
    dimensions: Mapping[str, RollupScore]
    elements: Mapping[str, ElementScore]
    enablers: Mapping[str, EnablerScore]

    @property
    def complete_elements(self) -> int:
        """Elements with nothing left to judge: complete, or wholly not applicable."""
        return sum(1 for e in self.elements.values()
                   if e.status in (Status.COMPLETE, Status.NOT_APPLICABLE))

    @property
    def assessed_elements(self) -> int:
        """Elements with anything rated or judged (not `not_assessed`)."""
        return sum(1 for e in self.elements.values() if e.status is not Status.NOT_ASSESSED)

    @property
    def needs_consensus(self) -> list[str]:
        found = [c for c, e in self.elements.items() if e.needs_consensus]
        return found + [c for c, n in self.enablers.items() if n.needs_consensus]


class _Fixed(NamedTuple):
    """The Resolved values that recur (consensus or agreement on a level), built once."""

    consensus: dict[object, Resolved]
    agreed: dict[object, Resolved]


@lru_cache(maxsize=64)
def _fixed(fraction_of: tuple[tuple[object, float], ...]) -> _Fixed:
    consensus: dict[object, Resolved] = {NA: Resolved(Source.CONSENSUS, na=True, value=NA)}
    agreed: dict[object, Resolved] = {NA: Resolved(Source.AGREED, na=True, value=NA)}
    for value, fraction in fraction_of:
        consensus[value] = Resolved(Source.CONSENSUS, fraction=fraction, value=value)  # type: ignore[arg-type]
        agreed[value] = Resolved(Source.AGREED, fraction=fraction, value=value)  # type: ignore[arg-type]
    return _Fixed(consensus, agreed)


def _resolve(consensus: object | None, given: list[object], fraction_of: Mapping[object, float],
             fixed: _Fixed) -> Resolved:
    """Consensus, else the value every assessor agrees on, else the mean of their fractions."""
    if consensus is not None:
        return fixed.consensus[consensus]
    if not given:
        return UNRATED
    first = given[0]
    if given.count(first) == len(given):
        return fixed.agreed[first]
    # Sorted, so the mean is bit-for-bit the same whatever the order of the assessors.
    fractions = sorted([fraction_of[v] for v in given if v != NA])
    return Resolved(Source.MEAN, fraction=sum(fractions) / len(fractions))


def _scale_fixed(framework: Framework) -> _Fixed:
    return _fixed(tuple(framework.scale_fraction.items()))


def _objective_fixed(framework: Framework) -> _Fixed:
    return _fixed(tuple(framework.objective_fraction.items()))


def resolve_indicator(framework: Framework, ratings: RatingSet, code: str) -> Resolved:
    maps = [r.indicators for r in ratings.assessors.values()]
    return _resolve(ratings.consensus.indicators.get(code), [m[code] for m in maps if code in m],
                    framework.scale_fraction, _scale_fixed(framework))  # type: ignore[arg-type]


def resolve_objective(framework: Framework, ratings: RatingSet, element: str) -> Resolved:
    maps = [r.objectives for r in ratings.assessors.values()]
    return _resolve(ratings.consensus.objectives.get(element),
                    [m[element] for m in maps if element in m],
                    framework.objective_fraction, _objective_fixed(framework))  # type: ignore[arg-type]


class _IndicatorSummary(NamedTuple):
    """What an element's indicators come to: the resolved values, fraction and counts."""

    resolved: dict[str, Resolved]
    fraction: float | None  # None when every indicator is N/A
    rated: int
    unrated: int
    na: int
    needs_consensus: bool


def _summarise(framework: Framework, ratings: RatingSet,
               indicators: Iterable[Indicator]) -> _IndicatorSummary:
    maps = [r.indicators for r in ratings.assessors.values()]
    consensus = ratings.consensus.indicators
    fraction_of, fixed = framework.scale_fraction, _scale_fixed(framework)
    resolved = {i.code: _resolve(consensus.get(i.code), [m[i.code] for m in maps if i.code in m],
                                 fraction_of, fixed)  # type: ignore[arg-type]
                for i in indicators}
    total = 0.0
    rated = unrated = na = 0
    for value in resolved.values():
        if value.na:
            na += 1
        elif value.fraction is None:
            unrated += 1
        else:
            rated += 1
            total += value.fraction
    counted = rated + unrated
    fraction = total / counted if counted else None
    disputed = any(v.source is Source.MEAN for v in resolved.values())
    return _IndicatorSummary(resolved, fraction, rated, unrated, na, disputed)


def _round_half_up(value: float) -> int:
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def score_element(framework: Framework, ratings: RatingSet, code: str) -> ElementScore:
    element = framework.element_by_code[code]
    summary = _summarise(framework, ratings, element.indicators)
    objective = resolve_objective(framework, ratings, code)
    target = ratings.targets.get(code)
    needs = summary.needs_consensus or objective.source is Source.MEAN
    common = dict(code=code, points=element.points, target=target, needs_consensus=needs,
                  rated=summary.rated, unrated=summary.unrated, not_applicable=summary.na,
                  indicators=summary.resolved, objective_judged=objective.rated,
                  objective=objective.value if isinstance(objective.value, str) else None)
    if summary.fraction is None:
        return ElementScore(score=0.0, indicator_fraction=None,
                            objective_fraction=objective.fraction, percent=None, level=None,
                            gap=None, status=Status.NOT_APPLICABLE, **common)  # type: ignore[arg-type]
    i = summary.fraction
    o = objective.fraction if objective.fraction is not None else 0.0
    score = element.points * (framework.weights.indicators * i + framework.weights.objective * o)
    if summary.rated == 0 and summary.na == 0 and not objective.rated:
        status = Status.NOT_ASSESSED
    elif summary.unrated or not objective.rated:
        status = Status.INCOMPLETE
    else:
        status = Status.COMPLETE
    percent = 100 * score / element.points
    level = framework.level_for_percent(percent)
    return ElementScore(score=score, indicator_fraction=i, objective_fraction=o, percent=percent,
                        level=level, gap=None if target is None else target - level,
                        status=status, **common)  # type: ignore[arg-type]


def score_enabler(framework: Framework, ratings: RatingSet, code: str) -> EnablerScore:
    enabler = framework.enabler_by_code[code]
    summary = _summarise(framework, ratings, enabler.indicators)
    if summary.fraction is None:
        return EnablerScore(code, None, None, None, Status.NOT_APPLICABLE,
                            summary.needs_consensus, summary.resolved)
    percent = 100 * summary.fraction
    if summary.rated == 0 and summary.na == 0:
        status = Status.NOT_ASSESSED
    elif summary.unrated:
        status = Status.INCOMPLETE
    else:
        status = Status.COMPLETE
    return EnablerScore(code, percent, framework.level_for_percent(percent), summary.fraction,
                        status, summary.needs_consensus, summary.resolved)


def _rollup(framework: Framework, code: str, parts: Sequence[ElementScore],
            with_target: bool) -> RollupScore:
    score = sum(p.score for p in parts)
    maximum = sum(p.points for p in parts)
    applicable = sum(p.points for p in parts if p.status is not Status.NOT_APPLICABLE)
    percent = 100 * score / applicable if applicable else None
    level = framework.level_for_percent(percent) if percent is not None else None
    target = gap = None
    if with_target:
        targets = [p.target for p in parts
                   if p.target is not None and p.status is not Status.NOT_APPLICABLE]
        if targets:
            target = _round_half_up(sum(targets) / len(targets))
            gap = target - level if level is not None else None
    return RollupScore(code, score, maximum, applicable, percent, level, target, gap)


def score_engagement(framework: Framework, ratings: RatingSet) -> ScoreResult:
    """The whole engagement's result: elements, dimensions, categories, total, enablers."""
    elements = {e.code: score_element(framework, ratings, e.code) for e in framework.elements()}
    dimensions = {
        d.code: _rollup(framework, d.code, [elements[e.code] for e in d.elements], True)
        for d in framework.dimensions}
    categories = {
        c.id: _rollup(framework, c.id, [elements[e.code] for d in framework.dimensions
                                        if d.category == c.id for e in d.elements], False)
        for c in framework.categories}
    enablers = {n.code: score_enabler(framework, ratings, n.code) for n in framework.enablers}
    total = sum(e.score for e in elements.values())
    maximum = framework.total_points
    applicable = maximum - sum(e.points for e in elements.values()
                               if e.status is Status.NOT_APPLICABLE)
    normalized = maximum * total / applicable if applicable else 0.0
    percent = 100 * normalized / maximum if applicable else None
    level = framework.level_for_percent(percent) if percent is not None else None
    # Completeness counts elements complete as scoring.md §2 defines it (every indicator
    # rated or N/A and the objective judged); a wholly N/A element has nothing left to judge.
    done = sum(1 for e in elements.values()
               if e.status in (Status.COMPLETE, Status.NOT_APPLICABLE))
    return ScoreResult(framework.id, framework.version, total, maximum, applicable, normalized,
                       percent, level, done / len(elements) if elements else 0.0, categories,
                       dimensions, elements, enablers)


def value_fraction(framework: Framework, value: IndicatorValue) -> float | None:
    """The fraction of one indicator value (None for N/A)."""
    return None if value == NA else framework.scale_fraction[int(value)]
