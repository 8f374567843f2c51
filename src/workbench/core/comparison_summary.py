"""A short written account of a comparison, assembled from its figures (report, workbook).

Every sentence is built from the data: which way the total moved and by how much, the
dimensions and elements that gained and fell most, the level moves, what could not be
compared, and where last year's improvement actions stand. Nothing is said that the
figures do not show; a sentence with nothing to say is left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from workbench.core.comparison import ActionFollowUp, Change, ChangeState, Comparison
from workbench.core.display import percent_text, score_text
from workbench.core.engagement import ActionStatus

LevelName = Callable[[int], str]


def _points(value: float) -> str:
    return f"{score_text(abs(value))} point{'' if score_text(abs(value)) == '1.0' else 's'}"


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _level(level: int | None, name: LevelName) -> str:
    return "no level" if level is None else f"level {level} ({name(level)})"


def _total(c: Change, since: str, name: LevelName) -> str:
    if not c.compared or c.points is None or c.baseline is None or c.current is None:
        side = "the baseline" if c.baseline is None or c.baseline.status == "not_assessed" \
            else "this assessment"
        return (f"The totals cannot be compared: {side} has no assessed element, so no "
                "change is shown.")
    then, now = score_text(c.baseline.score), score_text(c.current.score)
    if score_text(abs(c.points)) == "0.0":
        moved = f"Since {since} the total is unchanged at {now} points"
    else:
        verb = "rose" if c.points > 0 else "fell"
        moved = f"Since {since} the total {verb} by {_points(c.points)}, from {then} to {now}"
    if c.levels:
        return (f"{moved}, moving from {_level(c.baseline.level, name)} to "
                f"{_level(c.current.level, name)}.")
    return f"{moved}, {'staying' if c.points else 'still'} at {_level(c.current.level, name)}."


def _detail(c: Change, with_levels: bool = True) -> str:
    """"+3.2 points, level 3 → 4" or "−1.5 points, 56 % → 52 %"."""
    assert c.points is not None and c.baseline is not None and c.current is not None
    detail = f"{'+' if c.points > 0 else '−'}{_points(c.points)}"
    if with_levels and c.levels:
        return f"{detail}, level {c.baseline.level} → {c.current.level}"
    return f"{detail}, {percent_text(c.baseline.percent)} → {percent_text(c.current.percent)}"


def _item(c: Change) -> str:
    return f"{c.code} {c.name} ({_detail(c)})"


def _dimensions(c: Comparison) -> str:
    moved = [d for d in c.dimensions if d.points is not None and score_text(abs(d.points))
             != "0.0"]
    if not moved:
        compared = [d for d in c.dimensions if d.compared]
        return "No dimension changed its score." if compared else ""
    best = max(moved, key=lambda d: (d.points or 0.0, d.code))
    worst = min(moved, key=lambda d: (d.points or 0.0, d.code))
    parts = []
    if (best.points or 0) > 0:
        parts.append(f"{best.name} gained most among the dimensions "
                     f"({_detail(best, False)})")
    if (worst.points or 0) < 0:
        parts.append(f"{worst.name} fell most ({_detail(worst, False)})")
    return _join(parts) + "." if parts else ""


def _elements(c: Comparison, count: int) -> list[str]:
    gains, falls = c.largest(count)
    out = []
    if gains:
        noun = "gain was" if len(gains) == 1 else "gains were"
        out.append(f"The largest {noun} in {_join([_item(g) for g in gains])}.")
    if falls:
        noun = "fall was" if len(falls) == 1 else "falls were"
        out.append(f"The largest {noun} in {_join([_item(f) for f in falls])}.")
    if not gains and not falls and any(e.compared for e in c.elements):
        out.append("No element gained or fell.")
    up = sum(1 for e in c.elements if e.levels and e.levels > 0)
    down = sum(1 for e in c.elements if e.levels and e.levels < 0)
    if up or down:
        moves = [f"{up} up" if up else "", f"{down} down" if down else ""]
        total = up + down
        out.append(f"{total} element{'' if total == 1 else 's'} moved by a level or more "
                   f"({_join([m for m in moves if m])}).")
    return out


def _not_compared(c: Comparison) -> str:
    counts = {state: sum(1 for e in c.elements if e.state is state)
              for state in (ChangeState.NOT_ASSESSED, ChangeState.NOT_APPLICABLE,
                            ChangeState.ADDED, ChangeState.REMOVED)}
    parts = []
    if counts[ChangeState.NOT_ASSESSED]:
        parts.append(f"{counts[ChangeState.NOT_ASSESSED]} not assessed in one of the years")
    if counts[ChangeState.NOT_APPLICABLE]:
        parts.append(f"{counts[ChangeState.NOT_APPLICABLE]} not applicable in one of them")
    if counts[ChangeState.ADDED]:
        parts.append(f"{counts[ChangeState.ADDED]} new in this framework version")
    if counts[ChangeState.REMOVED]:
        parts.append(f"{counts[ChangeState.REMOVED]} no longer in the framework")
    if not parts:
        return ""
    total = sum(counts.values())
    if len(parts) == 1:
        parts = [parts[0].split(" ", 1)[1]]  # "not assessed in one of the years"
    return (f"{total} element{'' if total == 1 else 's'} could not be compared "
            f"({_join(parts)}) and show{'s' if total == 1 else ''} no change.")


def _actions(actions: Sequence[ActionFollowUp]) -> str:
    if not actions:
        return ""  # the section's table of actions says so
    by = {s: sum(1 for a in actions if a.status is s) for s in ActionStatus}
    words = {ActionStatus.DONE: "done", ActionStatus.IN_PROGRESS: "in progress",
             ActionStatus.OPEN: "still open"}
    parts = [f"{by[s]} {words[s]}" for s in (ActionStatus.DONE, ActionStatus.IN_PROGRESS,
                                              ActionStatus.OPEN) if by[s]]
    n = len(actions)
    head = f"Of the {n} improvement action{'' if n == 1 else 's'} agreed at the baseline"
    if len(parts) == 1:
        return f"{head}, {'it is' if n == 1 else 'all are'} {parts[0].split(' ', 1)[1]}."
    return f"{head}, {_join(parts)}."


def summary(comparison: Comparison, since: str, level_name: LevelName,
            actions: Sequence[ActionFollowUp], count: int = 3) -> list[str]:
    """The account as sentences grouped in short paragraphs."""
    first = " ".join(s for s in (_total(comparison.total, since, level_name),
                                 _dimensions(comparison)) if s)
    second = " ".join([*_elements(comparison, count), _not_compared(comparison)]).strip()
    return [p for p in (first, second, _actions(actions)) if p]
