"""A comparison as `workbench compare BASELINE_ID ID --json` prints it (format
`workbench.comparison/1`; unrounded floats, keys only ever added)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from workbench.core.comparison import ActionFollowUp, Change, Comparison, Figure

FORMAT = "workbench.comparison/1"

FORMAT_HELP = """\
The JSON (format "workbench.comparison/1"; figures unrounded; keys are only ever added):
  {"format", "baseline": SIDE, "current": SIDE,
   "total": CHANGE, "categories": {ID: CHANGE}, "dimensions": {CODE: CHANGE},
   "elements": {CODE: CHANGE and "dimension"},
   "indicators": [{"code", "element", "baseline", "current", "change"}],
   "codes": {"same_framework", "added": {KIND: [CODE]}, "removed": {KIND: [CODE]},
             "renamed": [{"kind", "old", "new", "title"}]},
   "actions": [{"element", "action", "owner", "priority", "due_date",
                "status_then", "status_now"}]}
  SIDE = {"engagement", "client", "title", "date", "framework": {"id", "version"}}
  CHANGE = {"name", "state", "baseline": FIGURE|null, "current": FIGURE|null,
            "change": {"points", "percent", "levels"}|null}
  FIGURE = {"score", "max", "percent", "level", "status"}; the total's "score" is the
  normalized total (points over the applicable elements, scaled to "max")
  state: compared | not_applicable | not_assessed | added | removed; "change" is null
  unless compared (N/A and not assessed are never a change). "percent" changes are
  percentage points. An indicator's value is a level, "na", or a mean fraction; its
  "change" is in fractions of the scale (null when N/A on one side). KIND: category,
  dimension, element, indicator, enabler. "status_now" is the status of the same action
  (element and text) in the re-assessment, null when it was not carried over."""


def _figure(f: Figure | None) -> dict[str, Any] | None:
    if f is None:
        return None
    return {"score": f.score, "max": f.max, "percent": f.percent, "level": f.level,
            "status": str(f.status)}


def change_to_dict(c: Change) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": c.name, "state": str(c.state), "baseline": _figure(c.baseline),
        "current": _figure(c.current),
        "change": None if c.points is None else {"points": c.points, "percent": c.percent,
                                                 "levels": c.levels}}
    if c.dimension:
        out["dimension"] = c.dimension
    return out


def comparison_to_dict(comparison: Comparison, baseline: dict[str, Any],
                       current: dict[str, Any],
                       actions: Sequence[ActionFollowUp]) -> dict[str, Any]:
    c = comparison
    return {
        "format": FORMAT,
        "baseline": {**baseline, "framework": {"id": c.baseline_framework[0],
                                               "version": c.baseline_framework[1]}},
        "current": {**current, "framework": {"id": c.current_framework[0],
                                             "version": c.current_framework[1]}},
        "total": change_to_dict(c.total),
        "categories": {x.code: change_to_dict(x) for x in c.categories},
        "dimensions": {x.code: change_to_dict(x) for x in c.dimensions},
        "elements": {x.code: change_to_dict(x) for x in c.elements},
        "indicators": [{"code": m.code, "element": m.element, "baseline": m.baseline,
                        "current": m.current, "change": m.change} for m in c.indicators],
        "codes": {"same_framework": c.codes.same_framework,
                  "added": {k: list(v) for k, v in c.codes.added.items()},
                  "removed": {k: list(v) for k, v in c.codes.removed.items()},
                  "renamed": [{"kind": r.kind, "old": r.old, "new": r.new, "title": r.title}
                              for r in c.codes.renamed]},
        "actions": [{"element": f.action.element, "action": f.action.action,
                     "owner": f.action.owner, "priority": str(f.action.priority),
                     "due_date": f.action.due_date, "status_then": str(f.action.status),
                     "status_now": None if f.now is None else str(f.now)} for f in actions],
    }
