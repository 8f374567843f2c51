"""The bundled framework and the validation of framework files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from workbench.core.errors import FrameworkError
from workbench.core.framework import Framework
from workbench.core.framework_loader import (
    bundled_framework,
    bundled_framework_dir,
    load_framework_file,
    parse_framework,
)

POINTS = {"D1": (5, 20), "D2": (8, 20), "D3": (7, 20), "D4": (2, 50), "D5": (5, 50),
          "D6": (5, 50)}


def test_bundled_framework_has_the_structure_of_scoring_md(framework: Framework) -> None:
    assert (framework.id, framework.version) == ("cem-6d", "1.0")
    assert [d.code for d in framework.dimensions] == ["D1", "D2", "D3", "D4", "D5", "D6"]
    assert [d.name for d in framework.dimensions] == ["Define", "Design", "Develop", "Deploy",
                                                      "Discover", "Devise"]
    for d in framework.dimensions:
        count, points = POINTS[d.code]
        assert [e.code for e in d.elements] == [f"{d.code}.{n}" for n in range(1, count + 1)]
        assert all(e.points == points for e in d.elements)
    assert sum(e.points for e in framework.elements()) == 1000
    assert {c.id: c.points for c in framework.categories} == {"alignment": 400,
                                                              "performance": 600}
    assert len(framework.element_by_code) == 32


def test_every_element_has_an_objective_and_numbered_indicators(framework: Framework) -> None:
    for e in framework.elements():
        assert len(e.objective) > 40, e.code
        assert len(e.indicators) >= 3, e.code
        assert [i.code for i in e.indicators] == [f"{e.code}.{n}" for n in
                                                 range(1, len(e.indicators) + 1)]
        assert all(len(i.text.split()) >= 5 for i in e.indicators), e.code


def test_five_enablers_with_indicators(framework: Framework) -> None:
    assert [n.code for n in framework.enablers] == ["E1", "E2", "E3", "E4", "E5"]
    assert all(re.fullmatch(rf"{n.code}\.\d+", i.code) for n in framework.enablers
               for i in n.indicators)


def test_scale_objectives_weights_and_bands(framework: Framework) -> None:
    assert [(s.value, s.label, s.fraction) for s in framework.scale] == [
        (1, "Initial", 0.0), (2, "Developing", 0.25), (3, "Defined", 0.5), (4, "Managed", 0.75),
        (5, "Optimised", 1.0)]
    assert framework.objective_fraction == {"fully": 1.0, "partially": 0.5, "not_yet": 0.0}
    assert (framework.weights.indicators, framework.weights.objective) == (0.7, 0.3)
    assert [b.min_percent for b in framework.bands] == [0, 20, 40, 60, 80]


def bundled_text() -> str:
    return (bundled_framework_dir() / "cem-6d.yaml").read_text("utf-8")


def problems_of(text: str) -> list[str]:
    with pytest.raises(FrameworkError) as caught:
        parse_framework(text, "test.yaml")
    assert str(caught.value).startswith("test.yaml: ")
    return caught.value.problems


def test_wrong_points_name_the_place_and_the_expected_total() -> None:
    lines = bundled_text().splitlines()
    # Give D3.5 30 points instead of 20.
    at = next(n for n, line in enumerate(lines) if line.strip() == "- code: D3.5")
    points_line = next(n for n in range(at, at + 5) if lines[n].strip().startswith("points:"))
    lines[points_line] = lines[points_line].replace("20", "30")
    problems = problems_of("\n".join(lines) + "\n")
    assert any("dimensions[2].elements[6].points" in p and "Develop's elements must total 140"
               in p for p in problems), problems
    assert any("categories[0].points" in p for p in problems), problems


def test_every_problem_is_reported_with_its_line() -> None:
    text = bundled_text().replace("fraction: 0.25", "fraction: 1.25", 1).replace(
        "code: D1.1.2", "code: D1.1.1", 1).replace("name: Define", "nmae: Define", 1)
    problems = problems_of(text)
    joined = "\n".join(problems)
    assert "scale[1].fraction" in joined and "less than or equal to 1" in joined
    assert "dimensions[0].nmae: is not a known key" in joined
    assert all(p.startswith("line ") for p in problems), problems


def test_duplicate_codes_are_refused() -> None:
    text = bundled_text().replace("code: D1.1.2,", "code: D1.1.1,", 1).replace(
        "code: D1.1.2\n", "code: D1.1.1\n", 1)
    assert any("used again" in p for p in problems_of(text))


def test_malformed_yaml_names_line_and_column() -> None:
    problems = problems_of("id: x\nversion: '1'\n  bad: [\n")
    assert problems[0].startswith("line ") and "not valid YAML" in problems[0]


def test_version_must_be_a_string() -> None:
    problems = problems_of(bundled_text().replace('version: "1.0"', "version: 1.0", 1))
    assert any("version" in p and "quoted string" in p for p in problems)


def test_not_a_mapping_and_not_utf8(tmp_path: Path) -> None:
    assert "mapping" in problems_of("- a\n- b\n")[0]
    binary = tmp_path / "f.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(FrameworkError, match="not UTF-8"):
        load_framework_file(binary)
    with pytest.raises(FrameworkError, match="no such file"):
        load_framework_file(tmp_path / "missing.yaml")


def test_weights_must_add_up_to_one() -> None:
    text = bundled_text().replace("objective: 0.3}", "objective: 0.4}", 1)
    assert any("must add up to 1" in p for p in problems_of(text))


def test_bundled_framework_lookup_errors() -> None:
    from workbench.core.errors import NotFoundError

    with pytest.raises(NotFoundError, match="no bundled framework 'nope'"):
        bundled_framework("nope")
