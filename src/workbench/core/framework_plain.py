"""A validated framework as plain tuples and back, for the start-up cache (issue 17).

The plain form holds only str, int, float and tuples, in the fields' order, so that
`marshal` can keep it; `framework_from_plain` rebuilds the same `Framework` (equal to the
one validated) without validating again, and raises ValueError for anything else.
"""

from __future__ import annotations

from typing import Any

from workbench.core.framework import (
    Band,
    Category,
    Dimension,
    Element,
    Enabler,
    Framework,
    Indicator,
    ObjectiveLevel,
    ScaleLevel,
    Weights,
)

PLAIN_FORMAT = 1  # bump when Framework's fields change


def _indicators(items: tuple[Indicator, ...]) -> tuple[Any, ...]:
    return tuple((i.code, i.text) for i in items)


def framework_to_plain(f: Framework) -> tuple[Any, ...]:
    return (
        PLAIN_FORMAT, f.id, f.version, f.name, f.description, f.total_points,
        tuple((s.value, s.label, s.meaning, s.fraction) for s in f.scale),
        tuple((o.key, o.label, o.fraction) for o in f.objective_levels),
        (f.weights.indicators, f.weights.objective),
        tuple((b.level, b.label, b.min_percent) for b in f.bands),
        tuple((c.id, c.name, c.points, c.description) for c in f.categories),
        tuple((d.code, d.name, d.category, d.question, d.summary, d.points,
               tuple((e.code, e.title, e.points, e.objective, _indicators(e.indicators),
                      e.dimension) for e in d.elements))
              for d in f.dimensions),
        tuple((n.code, n.name, n.summary, _indicators(n.indicators)) for n in f.enablers),
        f.source_text,
    )


def _to_indicators(items: Any) -> tuple[Indicator, ...]:
    return tuple(Indicator(*i) for i in items)


def framework_from_plain(data: Any) -> Framework:
    """The framework `framework_to_plain` gave `data` for; ValueError when it is not one."""
    try:
        (fmt, fid, version, name, description, total, scale, objective_levels, weights,
         bands, categories, dimensions, enablers, source_text) = data
        if fmt != PLAIN_FORMAT:
            raise ValueError(f"plain framework format {fmt!r}")
        return Framework(
            id=fid, version=version, name=name, description=description, total_points=total,
            scale=tuple(ScaleLevel(*s) for s in scale),
            objective_levels=tuple(ObjectiveLevel(*o) for o in objective_levels),
            weights=Weights(*weights),
            bands=tuple(Band(*b) for b in bands),
            categories=tuple(Category(*c) for c in categories),
            dimensions=tuple(
                Dimension(code, dname, category, question, summary, points,
                          tuple(Element(ecode, title, epoints, objective, _to_indicators(inds),
                                        dim) for ecode, title, epoints, objective, inds, dim
                                in elements))
                for code, dname, category, question, summary, points, elements in dimensions),
            enablers=tuple(Enabler(code, ename, summary, _to_indicators(inds))
                           for code, ename, summary, inds in enablers),
            source_text=source_text,
        )
    except (TypeError, ValueError) as exc:
        raise ValueError(f"not a plain framework: {exc}") from None
