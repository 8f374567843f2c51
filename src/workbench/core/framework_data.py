"""A framework as plain data with the key names of the definition format, and as YAML.

`workbench framework show --json` prints this data; an imported framework (from an
authoring workbook) is kept as this data written out as YAML, so the two agree exactly.
"""

from __future__ import annotations

from typing import Any

import yaml

from workbench.core.framework import Framework, Indicator
from workbench.core.framework_loader import FORMAT


def framework_to_dict(f: Framework) -> dict[str, Any]:
    """The framework with the key names of the definition format."""

    def indicators(items: tuple[Indicator, ...]) -> list[dict[str, str]]:
        return [{"code": i.code, "text": i.text} for i in items]

    return {
        "id": f.id, "version": f.version, "name": f.name, "description": f.description,
        "total_points": f.total_points,
        "scale": [{"value": s.value, "label": s.label, "meaning": s.meaning,
                   "fraction": s.fraction} for s in f.scale],
        "objective_levels": [{"key": o.key, "label": o.label, "fraction": o.fraction}
                             for o in f.objective_levels],
        "weights": {"indicators": f.weights.indicators, "objective": f.weights.objective},
        "bands": [{"level": b.level, "label": b.label, "min_percent": b.min_percent}
                  for b in f.bands],
        "categories": [{"id": c.id, "name": c.name, "points": c.points,
                        "description": c.description} for c in f.categories],
        "dimensions": [
            {"code": d.code, "name": d.name, "category": d.category, "question": d.question,
             "summary": d.summary, "points": d.points,
             "elements": [{"code": e.code, "title": e.title, "points": e.points,
                           "objective": e.objective, "indicators": indicators(e.indicators)}
                          for e in d.elements]}
            for d in f.dimensions],
        "enablers": [{"code": n.code, "name": n.name, "summary": n.summary,
                      "indicators": indicators(n.indicators)} for n in f.enablers],
    }


def framework_to_yaml(f: Framework) -> str:
    """The framework as a definition file the loader reads back to the same framework."""
    data = {"format": FORMAT, **framework_to_dict(f)}
    text: str = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    return text
