"""What assessors record: indicator levels or N/A, objective achievement, targets.

An absent key means unrated. Ratings are kept per assessor, with the team's
consensus values beside them (docs/scoring.md §6).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final, Literal, NamedTuple, TypeAlias

NA: Final = "na"
IndicatorValue: TypeAlias = int | Literal["na"]
OBJECTIVE_KEYS: Final = ("fully", "partially", "not_yet")

_EMPTY: Mapping[str, object] = MappingProxyType({})


def _frozen(mapping: Mapping[str, object] | None) -> Mapping[str, object]:
    return MappingProxyType(dict(mapping)) if mapping else _EMPTY


class _RatingsFields(NamedTuple):
    indicators: Mapping[str, IndicatorValue] = _EMPTY  # type: ignore[assignment]
    objectives: Mapping[str, str] = _EMPTY  # type: ignore[assignment]


class Ratings(_RatingsFields):
    """One assessor's (or the consensus') values: indicator code -> level or NA, element -> key.

    Immutable: the mappings given are copied into read-only views."""

    __slots__ = ()

    def __new__(cls, indicators: Mapping[str, IndicatorValue] | None = None,
                objectives: Mapping[str, str] | None = None) -> Ratings:
        return super().__new__(cls, _frozen(indicators), _frozen(objectives))  # type: ignore[arg-type]

    def is_empty(self) -> bool:
        return not self.indicators and not self.objectives


_NO_RATINGS = Ratings()


class _RatingSetFields(NamedTuple):
    assessors: Mapping[str, Ratings] = _EMPTY  # type: ignore[assignment]
    consensus: Ratings = _NO_RATINGS
    targets: Mapping[str, int] = _EMPTY  # type: ignore[assignment]


class RatingSet(_RatingSetFields):
    """Everything the scoring engine needs from an engagement (immutable, as Ratings)."""

    __slots__ = ()

    def __new__(cls, assessors: Mapping[str, Ratings] | None = None,
                consensus: Ratings | None = None,
                targets: Mapping[str, int] | None = None) -> RatingSet:
        return super().__new__(cls, _frozen(assessors), consensus or _NO_RATINGS,  # type: ignore[arg-type]
                               _frozen(targets))  # type: ignore[arg-type]

    def only(self, assessor: str) -> RatingSet:
        """The ratings of one assessor alone, without consensus (their individual view)."""
        mine = self.assessors.get(assessor, Ratings())
        return RatingSet(assessors={assessor: mine}, targets=self.targets)
