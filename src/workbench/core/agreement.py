"""How far a team of assessors agrees: per indicator, per objective, per element, overall.

Pure functions over core types; the value the score uses always comes from the
scoring engine (core.scoring, docs/scoring.md §6), never from a second computation.

Definitions (documented for users in `workbench consensus --help`):

- **spread** of an indicator: highest minus lowest level among the assessors'
  ratings. N/A beside a level is a disagreement on whether the indicator applies
  at all and counts as the scale's full width (4 on a 1–5 scale). An objective's
  spread counts steps between achievement levels ordered by fraction
  (not yet → partially → fully). None with fewer than two ratings.
- **proposed** consensus default: the value every assessor gave when they
  agree; else N/A when more than half of the ratings are N/A; else the *lower*
  median of the levels (for an even count the more cautious of the two middle
  values). It is always one of the assessors' own values.
- **status** of an item: ``consensus set`` (the team recorded a value),
  ``agreed`` (two or more ratings, all equal), ``needs consensus`` (two or more
  differing ratings and no consensus), ``single rating``, ``unrated``.
- **agreement share**: among the indicators rated by two or more assessors, the
  share rated identically (None when there is none).
- **kappa**: Cohen's kappa when exactly two assessors rated every counted
  indicator, else Fleiss' kappa (with a varying number of raters per item);
  N/A is a category of its own. Computed only with at least ``MIN_KAPPA_ITEMS``
  indicators rated by two or more assessors, else None.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final, Literal

from workbench.core.framework import Framework
from workbench.core.ratings import NA, RatingSet
from workbench.core.scoring import Resolved, resolve_indicator, resolve_objective

MIN_KAPPA_ITEMS: Final = 10

Value = int | str  # a scale level, "na", or an objective key


class ItemStatus(StrEnum):
    CONSENSUS_SET = "consensus set"
    AGREED = "agreed"
    NEEDS_CONSENSUS = "needs consensus"
    SINGLE = "single rating"
    UNRATED = "unrated"


class ElementStatus(StrEnum):
    NEEDS_CONSENSUS = "needs consensus"
    CONSENSUS_SET = "consensus set"
    AGREED = "agreed"
    SINGLE = "single rating"
    UNRATED = "unrated"


@dataclass(frozen=True)
class ItemAgreement:
    """One indicator or one element's objective, across the team."""

    code: str  # the indicator code, or the element code for its objective
    kind: Literal["indicator", "objective"]
    values: Mapping[str, Value | None]  # every assessor, in team order; None = not rated
    spread: int | None
    consensus: Value | None
    used: Resolved  # what the score uses now (core.scoring)
    proposed: Value | None
    status: ItemStatus

    @property
    def ratings(self) -> list[Value]:
        return [v for v in self.values.values() if v is not None]

    @property
    def agreed(self) -> bool:
        given = self.ratings
        return len(given) >= 2 and all(v == given[0] for v in given)


@dataclass(frozen=True)
class ElementAgreement:
    code: str
    indicators: tuple[ItemAgreement, ...]
    objective: ItemAgreement | None  # None for an enabler
    status: ElementStatus

    @property
    def items(self) -> tuple[ItemAgreement, ...]:
        return self.indicators + ((self.objective,) if self.objective else ())

    @property
    def open_items(self) -> int:
        return sum(1 for i in self.items if i.status is ItemStatus.NEEDS_CONSENSUS)

    @property
    def total_spread(self) -> int:
        return sum(i.spread or 0 for i in self.items)

    @property
    def max_spread(self) -> int:
        return max((i.spread or 0 for i in self.items), default=0)

    @property
    def open_spread(self) -> tuple[int, int]:
        """The disagreement still to settle: (sum, largest) of the open items' spreads."""
        spreads = [i.spread or 0 for i in self.items if i.status is ItemStatus.NEEDS_CONSENSUS]
        return sum(spreads), max(spreads, default=0)

    @property
    def initial_spread(self) -> tuple[int, int]:
        """The disagreement before consensus, for sorting: (sum of spreads, largest spread)."""
        return self.total_spread, self.max_spread


@dataclass(frozen=True)
class AgreementStats:
    rated_by_several: int  # indicators rated by two or more assessors
    identical: int
    kappa: float | None
    kappa_method: Literal["cohen", "fleiss"] | None

    @property
    def share(self) -> float | None:
        return self.identical / self.rated_by_several if self.rated_by_several else None


# --- small pure helpers (property-tested) -----------------------------------------------------

def lower_median(values: Sequence[int]) -> int:
    """The median; for an even count the lower of the two middle values."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    return ordered[(len(ordered) - 1) // 2]


def propose_level(given: Sequence[Value]) -> Value | None:
    """Agreement, else N/A if most said N/A, else the lower median level."""
    if not given:
        return None
    if all(v == given[0] for v in given):
        return given[0]
    levels = [v for v in given if v != NA]
    if len(given) - len(levels) > len(given) / 2 or not levels:
        return NA
    return lower_median([int(v) for v in levels])


def level_spread(given: Sequence[Value], scale_width: int) -> int | None:
    if len(given) < 2:
        return None
    levels = [int(v) for v in given if v != NA]
    if len(levels) != len(given) and levels:
        return scale_width
    return max(levels) - min(levels) if levels else 0


def fleiss_kappa(items: Sequence[Sequence[object]]) -> float:
    """Fleiss' kappa over items each rated by >= 2 raters (their number may vary).

    Perfect agreement gives 1.0, also when every rating falls in one category.
    """
    counts = [Counter(item) for item in items]
    if not counts or any(len(item) < 2 for item in items):
        raise ValueError("every item needs two or more ratings")
    observed = sum(
        sum(c * (c - 1) for c in item.values()) / (n * (n - 1))
        for item, n in zip(counts, (len(i) for i in items), strict=True)) / len(items)
    totals: Counter[object] = Counter()
    for item in counts:
        totals.update(item)
    n_all = sum(totals.values())
    expected = sum((c / n_all) ** 2 for c in totals.values())
    if expected >= 1.0:
        return 1.0
    return (observed - expected) / (1 - expected)


def cohen_kappa(pairs: Sequence[tuple[object, object]]) -> float:
    """Cohen's kappa of two raters; 1.0 for identical ratings."""
    if not pairs:
        raise ValueError("no pairs")
    n = len(pairs)
    observed = sum(1 for a, b in pairs if a == b) / n
    first = Counter(a for a, _ in pairs)
    second = Counter(b for _, b in pairs)
    expected = sum(first[k] * second[k] for k in first) / (n * n)
    if expected >= 1.0:
        return 1.0
    return (observed - expected) / (1 - expected)


def kappa(rows: Sequence[Mapping[str, Value]]) -> tuple[float | None, Literal["cohen", "fleiss"]
                                                        | None]:
    """Rows: per item, rater -> value (two or more each). Cohen for one fixed pair, else Fleiss."""
    if len(rows) < MIN_KAPPA_ITEMS:
        return None, None
    raters = {frozenset(r) for r in rows}
    if len(raters) == 1 and len(next(iter(raters))) == 2:
        first, second = sorted(next(iter(raters)))
        return cohen_kappa([(r[first], r[second]) for r in rows]), "cohen"
    return fleiss_kappa([list(r.values()) for r in rows]), "fleiss"


# --- the team's agreement on an engagement -----------------------------------------------------

def _status(given: Sequence[Value], consensus: Value | None) -> ItemStatus:
    if consensus is not None:
        return ItemStatus.CONSENSUS_SET
    if not given:
        return ItemStatus.UNRATED
    if len(given) == 1:
        return ItemStatus.SINGLE
    return ItemStatus.AGREED if all(v == given[0] for v in given) else \
        ItemStatus.NEEDS_CONSENSUS


def indicator_agreement(framework: Framework, ratings: RatingSet, code: str) -> ItemAgreement:
    values = {name: r.indicators.get(code) for name, r in ratings.assessors.items()}
    given = [v for v in values.values() if v is not None]
    levels = list(framework.scale_fraction)
    consensus = ratings.consensus.indicators.get(code)
    return ItemAgreement(code, "indicator", values,
                         level_spread(given, max(levels) - min(levels)), consensus,
                         resolve_indicator(framework, ratings, code), propose_level(given),
                         _status(given, consensus))


def objective_rank(framework: Framework) -> dict[str, int]:
    """Objective keys in order of their fraction: 0 for the lowest."""
    ordered = sorted(framework.objective_levels, key=lambda o: (o.fraction, o.key))
    return {o.key: n for n, o in enumerate(ordered)}


def objective_agreement(framework: Framework, ratings: RatingSet, element: str) -> ItemAgreement:
    values = {name: r.objectives.get(element) for name, r in ratings.assessors.items()}
    given = [v for v in values.values() if v is not None]
    rank = objective_rank(framework)
    by_rank = {n: k for k, n in rank.items()}
    ranks = [rank[v] for v in given if v in rank]
    spread = max(ranks) - min(ranks) if len(ranks) >= 2 else None
    proposed: Value | None = None
    if ranks:
        proposed = given[0] if all(v == given[0] for v in given) else by_rank[lower_median(ranks)]
    consensus = ratings.consensus.objectives.get(element)
    return ItemAgreement(element, "objective", values, spread, consensus,
                         resolve_objective(framework, ratings, element), proposed,
                         _status(given, consensus))


def _element_status(items: Iterable[ItemAgreement]) -> ElementStatus:
    statuses = {i.status for i in items}
    for item_status, status in ((ItemStatus.NEEDS_CONSENSUS, ElementStatus.NEEDS_CONSENSUS),
                                (ItemStatus.CONSENSUS_SET, ElementStatus.CONSENSUS_SET),
                                (ItemStatus.AGREED, ElementStatus.AGREED),
                                (ItemStatus.SINGLE, ElementStatus.SINGLE)):
        if item_status in statuses:
            return status
    return ElementStatus.UNRATED


def element_agreement(framework: Framework, ratings: RatingSet, code: str) -> ElementAgreement:
    """An element's (or an enabler's) indicators and objective across the team."""
    indicators = tuple(indicator_agreement(framework, ratings, i.code)
                       for i in framework.indicators_of(code))
    objective = objective_agreement(framework, ratings, code) \
        if code in framework.element_by_code else None
    items = indicators + ((objective,) if objective else ())
    return ElementAgreement(code, indicators, objective, _element_status(items))


def engagement_agreement(framework: Framework, ratings: RatingSet) -> list[ElementAgreement]:
    """Every element, then every enabler, in framework order."""
    codes = [e.code for e in framework.elements()] + [n.code for n in framework.enablers]
    return [element_agreement(framework, ratings, code) for code in codes]


def agreement_stats(framework: Framework, ratings: RatingSet) -> AgreementStats:
    """Agreement before consensus over every indicator (elements and enablers)."""
    rows: list[dict[str, Value]] = []
    codes = [i.code for e in framework.elements() for i in e.indicators] + \
        [i.code for n in framework.enablers for i in n.indicators]
    for code in codes:
        row = {name: r.indicators[code] for name, r in ratings.assessors.items()
               if code in r.indicators}
        if len(row) >= 2:
            rows.append(row)  # type: ignore[arg-type]
    identical = sum(1 for r in rows if len(set(r.values())) == 1)
    value, method = kappa(rows)
    return AgreementStats(len(rows), identical, value, method)


def largest_disagreement_first(elements: Iterable[ElementAgreement]) -> list[ElementAgreement]:
    """Elements needing consensus, largest disagreement first.

    "Largest" compares the items still open: the sum of their spreads, then the largest
    spread, then how many are open. The order is stable: ties keep the framework order.
    """
    needing = [e for e in elements if e.status is ElementStatus.NEEDS_CONSENSUS]
    return sorted(needing, key=lambda e: (-e.open_spread[0], -e.open_spread[1], -e.open_items))
