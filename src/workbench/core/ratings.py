"""What assessors record: indicator levels or N/A, objective achievement, targets.

An absent key means unrated. Ratings are kept per assessor, with the team's
consensus values beside them (docs/scoring.md §6).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final, Literal, TypeAlias

NA: Final = "na"
IndicatorValue: TypeAlias = int | Literal["na"]
OBJECTIVE_KEYS: Final = ("fully", "partially", "not_yet")

_EMPTY: Mapping[str, object] = MappingProxyType({})


def _frozen(mapping: Mapping[str, object] | None) -> Mapping[str, object]:
    return MappingProxyType(dict(mapping)) if mapping else _EMPTY


@dataclass(frozen=True)
class Ratings:
    """One assessor's (or the consensus') values: indicator code -> level or NA, element -> key."""

    indicators: Mapping[str, IndicatorValue] = field(default_factory=dict)
    objectives: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "indicators", _frozen(self.indicators))
        object.__setattr__(self, "objectives", _frozen(self.objectives))

    def is_empty(self) -> bool:
        return not self.indicators and not self.objectives


@dataclass(frozen=True)
class RatingSet:
    """Everything the scoring engine needs from an engagement."""

    assessors: Mapping[str, Ratings] = field(default_factory=dict)
    consensus: Ratings = field(default_factory=Ratings)
    targets: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "assessors", _frozen(self.assessors))
        object.__setattr__(self, "targets", _frozen(self.targets))

    def only(self, assessor: str) -> RatingSet:
        """The ratings of one assessor alone, without consensus (their individual view)."""
        mine = self.assessors.get(assessor, Ratings())
        return RatingSet(assessors={assessor: mine}, targets=self.targets)
