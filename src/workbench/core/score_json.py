"""The score as `workbench score ID --json` prints it (architecture.md, "Score JSON")."""

from __future__ import annotations

from typing import Any

from workbench.core.scoring import RollupScore, ScoreResult


def _rollup(r: RollupScore, with_target: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"score": r.score, "max": r.max, "applicable_max": r.applicable_max,
                           "percent": r.percent, "level": r.level}
    if with_target:
        out["target"] = r.target
        out["gap"] = r.gap
    return out


def score_to_dict(engagement_id: str, result: ScoreResult) -> dict[str, Any]:
    """Unrounded figures; keys of the contract first, extensions after."""
    return {
        "engagement": engagement_id,
        "framework": {"id": result.framework_id, "version": result.framework_version},
        "total": result.total,
        "max": result.max,
        "applicable_max": result.applicable_max,
        "normalized_total": result.normalized_total,
        "level": result.level,
        "percent": result.percent,
        "completeness": result.completeness,
        "categories": {c: _rollup(r, False) for c, r in result.categories.items()},
        "dimensions": {d: _rollup(r, True) for d, r in result.dimensions.items()},
        "elements": {
            code: {
                "score": e.score, "max": e.points, "indicator_fraction": e.indicator_fraction,
                "objective_fraction": e.objective_fraction, "percent": e.percent,
                "level": e.level, "target": e.target, "status": str(e.status),
                "needs_consensus": e.needs_consensus, "gap": e.gap, "objective": e.objective,
                "rated": e.rated, "unrated": e.unrated, "not_applicable": e.not_applicable,
                "objective_judged": e.objective_judged,
            }
            for code, e in result.elements.items()},
        "enablers": {
            code: {"percent": n.percent, "level": n.level,
                   "indicator_fraction": n.indicator_fraction, "status": str(n.status),
                   "needs_consensus": n.needs_consensus}
            for code, n in result.enablers.items()},
    }
