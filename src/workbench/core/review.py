"""What is left to review on an element: the navigator's "To review" filter.

An element (or enabler) is to review when it has unrated indicators, an unjudged objective
(elements only: enablers have none), no evidence notes from anyone, or items the team has
to agree on (consensus).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from workbench.core.framework import Framework
from workbench.core.scoring import ScoreResult

REASONS = ("unrated", "objective", "notes", "consensus")
LABELS = {"unrated": "unrated indicators", "objective": "objective not judged",
          "notes": "no evidence notes", "consensus": "needs consensus"}
SHORT = {"unrated": "unrated", "objective": "objective", "notes": "without notes",
         "consensus": "consensus"}


def review_reasons(framework: Framework, score: ScoreResult,
                   noted: Collection[str]) -> dict[str, tuple[str, ...]]:
    """Every element and enabler to review, with why (in REASONS order); `noted` holds the
    codes someone wrote evidence notes on."""
    out: dict[str, tuple[str, ...]] = {}
    for code, element in score.elements.items():
        _add(out, code, element.unrated > 0, not element.objective_judged, code not in noted,
             element.needs_consensus)
    for code, enabler in score.enablers.items():
        unrated = any(r.fraction is None and not r.na for r in enabler.indicators.values())
        _add(out, code, unrated, False, code not in noted, enabler.needs_consensus)
    return out


def _add(out: dict[str, tuple[str, ...]], code: str, *flags: bool) -> None:
    why = tuple(reason for reason, on in zip(REASONS, flags, strict=True) if on)
    if why:
        out[code] = why


def counts(reasons: Mapping[str, tuple[str, ...]]) -> dict[str, int]:
    """How many elements are to review for each reason (an element may count for several)."""
    return {r: sum(1 for why in reasons.values() if r in why) for r in REASONS}


def summary(reasons: Mapping[str, tuple[str, ...]]) -> str:
    """One short line for the navigator, e.g. "9 to review: 4 unrated, 2 objective, …"."""
    if not reasons:
        return "Nothing to review"
    parts = [f"{n} {SHORT[r]}" for r, n in counts(reasons).items() if n]
    return f"{len(reasons)} to review: " + ", ".join(parts)
