"""The four bundled frameworks: each valid, its points adding up, its wording usable."""

from __future__ import annotations

import pytest

from workbench.core.framework import Framework
from workbench.core.framework_loader import bundled_framework, bundled_frameworks

NEW = {
    # id: (dimension codes, elements per dimension, categories and their points)
    "cx-implementation-4": (["IN", "OUT"], [2, 2], {"inward": 500, "outward": 500}),
    "cx-maturity-layers": (["L1", "L2", "L3", "L4"], [3, 3, 2, 2], {"maturity": 1000}),
    "cx-building-blocks": (["B1", "B2", "B3"], [3, 3, 2], {"framework": 1000}),
}


def test_all_four_frameworks_are_bundled() -> None:
    assert {f.id for f in bundled_frameworks()} == {"cem-6d", *NEW}


@pytest.mark.parametrize("framework_id", sorted(NEW))
def test_structure_and_points(framework_id: str) -> None:
    f = bundled_framework(framework_id)
    codes, counts, categories = NEW[framework_id]
    assert [d.code for d in f.dimensions] == codes
    assert [len(d.elements) for d in f.dimensions] == counts
    assert {c.id: c.points for c in f.categories} == categories
    assert f.total_points == 1000
    assert sum(e.points for e in f.elements()) == 1000
    # Spread evenly over the elements: none of the three models weights its parts.
    assert len({e.points for e in f.elements()}) == 1
    for d in f.dimensions:
        assert d.points == sum(e.points for e in d.elements)
    assert f.enablers == ()


@pytest.mark.parametrize("framework_id", sorted(NEW))
def test_same_scale_levels_weights_and_bands_as_the_default(framework_id: str,
                                                             framework: Framework) -> None:
    f = bundled_framework(framework_id)
    assert f.scale == framework.scale
    assert f.objective_levels == framework.objective_levels
    assert f.weights == framework.weights
    assert f.bands == framework.bands


@pytest.mark.parametrize("framework_id", sorted(NEW))
def test_objectives_and_one_activity_indicators(framework_id: str) -> None:
    f = bundled_framework(framework_id)
    assert 40 < len(f.description) < 600
    for d in f.dimensions:
        assert d.question.endswith("?") and len(d.summary) > 60, d.code
    for e in f.elements():
        assert len(e.objective) > 60 and e.objective.endswith("."), e.code
        assert len(e.indicators) >= 4, e.code
        assert [i.code for i in e.indicators] == [f"{e.code}.{n}" for n in
                                                 range(1, len(e.indicators) + 1)]
        for i in e.indicators:
            # One activity: one sentence that starts with what the organisation does.
            assert i.text.endswith(".") and i.text.count(". ") == 0, i.code
            assert 4 <= len(i.text.split()) <= 20, i.code
            assert i.text.split()[0].endswith("s"), i.code  # "Measures …", "Runs …"
        texts = [i.text for i in e.indicators]
        assert len(set(texts)) == len(texts), e.code


def test_the_models_name_their_parts() -> None:
    titles = {f.id: [e.title for e in f.elements()] for f in bundled_frameworks()}
    assert titles["cx-implementation-4"] == [
        "Employee Experience for Engagement", "Customer Experience for Innovation",
        "Customer Care for Improvement", "Customer Feedback for Intelligence"]
    assert titles["cx-building-blocks"] == [
        "Vision", "Strategy", "Actions and Initiatives", "People", "Tools and Technology",
        "Methods and Processes", "Measurement", "Governance"]
    layers = bundled_framework("cx-maturity-layers")
    assert [d.name for d in layers.dimensions] == ["Cultural", "Governance and Strategy",
                                                   "Process", "Technology"]
