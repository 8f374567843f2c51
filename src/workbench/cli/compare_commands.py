"""`workbench compare BASELINE_ID ID [--json]`: the change since a baseline."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from workbench.cli.output import fmt_percent, fmt_score, print_json, print_table
from workbench.core.comparison import Change, ChangeState, Figure
from workbench.core.comparison_json import FORMAT_HELP, comparison_to_dict
from workbench.core.display import DASH, change_text
from workbench.core.scoring import Status

if TYPE_CHECKING:
    from workbench.services.comparison import ComparisonReport, Side
    from workbench.services.session import Session

_STATE_TEXT = {ChangeState.NOT_APPLICABLE: "N/A", ChangeState.NOT_ASSESSED: "not assessed",
               ChangeState.ADDED: "new code", ChangeState.REMOVED: "code removed"}


def _side(side: Side) -> dict[str, str]:
    return {"engagement": side.id, "client": side.details.client, "title": side.details.title,
            "date": side.date}


def _figures(f: Figure | None) -> tuple[object, ...]:
    if f is None:
        return ("", "", "")
    if f.status is Status.NOT_ASSESSED:  # never "0 %" or level 1
        return (fmt_score(f.score), DASH, DASH)
    return (fmt_score(f.score), fmt_percent(f.percent), f.level or DASH)


def _row(c: Change, indent: str = "") -> tuple[object, ...]:
    pp = DASH if c.percent is None else f"{c.percent:+.1f}"
    levels = "" if not c.levels else f"{c.levels:+d}"
    return (indent + c.code, indent + c.name[:44], *_figures(c.baseline), *_figures(c.current),
            change_text(c.points) if c.compared else _STATE_TEXT[c.state], pp, levels)


def _name(side: Side) -> str:
    d = side.details
    return " — ".join(x for x in (d.client, d.title) if x)


def _total(f: Figure | None) -> str:
    if f is None or f.status is Status.NOT_ASSESSED:
        return "not assessed"
    return fmt_score(f.score)


def print_report(report: ComparisonReport) -> None:
    c = report.comparison
    b, n = report.baseline, report.current
    print(f"Baseline  {b.id}  {_name(b)}  {b.date}".rstrip())
    print(f"Current   {n.id}  {_name(n)}  {n.date}".rstrip())
    t = c.total
    print(f"Total     {_total(t.baseline)} → {_total(t.current)}   "
          f"{change_text(t.points) if t.compared else 'no change shown'}")
    rows = [_row(x) for x in c.categories]
    print()
    for d in c.dimensions:
        rows.append(_row(d))
        rows += [_row(e, "  ") for e in c.elements if e.dimension == d.code]
    print_table(["code", "name", "then", "%", "lvl", "now", "%", "lvl", "change", "pp",
                 "levels"], rows, right=(2, 3, 4, 5, 6, 7, 9, 10))
    gains, falls = c.largest()
    for title, items in (("Largest gains", gains), ("Largest falls", falls)):
        if items:
            print(f"\n{title}: " + "; ".join(f"{x.code} {change_text(x.points)}"
                                             for x in items))
    if c.indicators:
        print(f"\nIndicators that moved ({len(c.indicators)}):")
        print_table(["indicator", "then", "now"],
                    [(m.code, _value(m.baseline), _value(m.current)) for m in c.indicators])
    codes = c.codes
    if not codes.same_framework:
        print(f"\nFramework {c.baseline_framework[0]} {c.baseline_framework[1]} → "
              f"{c.current_framework[0]} {c.current_framework[1]}; only codes in both are "
              "compared")
    for label, found in (("added", codes.added), ("removed", codes.removed)):
        for kind, listed in found.items():
            if listed:
                print(f"  {kind} codes {label}: {', '.join(listed)}")
    for r in codes.renamed:
        print(f"  {r.kind} renamed: {r.old} → {r.new} ({r.title[:50]})")
    if report.actions:
        print(f"\nLast year's improvement actions ({len(report.actions)}):")
        print_table(["element", "action", "owner", "then", "now"],
                    [(f.action.element, f.action.action[:60], f.action.owner,
                      str(f.action.status), str(f.now) if f.now else "not carried over")
                     for f in report.actions])


def _value(value: int | str | float) -> str:
    return f"mean {value:.2f}" if isinstance(value, float) else str(value)


def cmd_compare(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import comparison as service
    report = service.compare_engagements(session, args.baseline_id, args.id)
    if args.json:
        print_json(comparison_to_dict(report.comparison, _side(report.baseline),
                                      _side(report.current), report.actions))
    else:
        print_report(report)
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "compare", parents=[parent], formatter_class=argparse.RawDescriptionHelpFormatter,
        help="the change from a baseline engagement to a re-assessment",
        description="Per element, dimension, category and total: the baseline's and the "
                    "current score, percent and level, and the change; the indicators that "
                    "moved; framework codes added, removed or renamed; the baseline's "
                    "improvement actions with their status.",
        epilog=FORMAT_HELP)
    p.set_defaults(func=cmd_compare, needs_db=True)
    p.add_argument("baseline_id", metavar="BASELINE_ID")
    p.add_argument("id", metavar="ID")
    p.add_argument("--json", action="store_true", help="the workbench.comparison/1 JSON below")
