"""Reading and validating framework definition files (`workbench.framework/1`, YAML).

Structure and types are checked by pydantic; the sums and cross-references that
span the document are checked afterwards. Every problem is reported with its
path in the document (`dimensions[2].elements[4].points`) and, where known,
its line in the file.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from workbench.core.bundled import resources_dir
from workbench.core.errors import FrameworkError, NotFoundError
from workbench.core.files import FileInputError, read_regular_file
from workbench.core.framework import DEFAULT_FRAMEWORK_ID as DEFAULT_FRAMEWORK_ID
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
from workbench.core.framework import version_key as version_key
from workbench.core.safe_yaml import YamlProblem, load_yaml

FORMAT = "workbench.framework/1"
# libyaml's parser where PyYAML has it (ten times faster: start-up parses the bundled file).
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 5 * 1024 * 1024

Text = Annotated[str, Field(min_length=1, max_length=20_000)]
Code = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
Fraction = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Points = Annotated[float, Field(gt=0, allow_inf_nan=False)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class ScaleLevelModel(_Model):
    value: int
    label: Text
    meaning: Text
    fraction: Fraction


class ObjectiveLevelModel(_Model):
    key: Code
    label: Text
    fraction: Fraction


class BandModel(_Model):
    level: int
    label: Text
    min_percent: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]


class CategoryModel(_Model):
    id: Code
    name: Text
    points: Points
    description: str = ""


class IndicatorModel(_Model):
    code: Code
    text: Text


class ElementModel(_Model):
    code: Code
    title: Text
    points: Points
    objective: Text
    indicators: Annotated[list[IndicatorModel], Field(min_length=1)]


class DimensionModel(_Model):
    code: Code
    name: Text
    category: Code
    question: str = ""
    summary: str = ""
    points: Points | None = None
    elements: Annotated[list[ElementModel], Field(min_length=1)]


class EnablerModel(_Model):
    code: Code
    name: Text
    summary: str = ""
    indicators: Annotated[list[IndicatorModel], Field(min_length=1)]


class WeightsModel(_Model):
    indicators: Fraction
    objective: Fraction


class FrameworkModel(_Model):
    format: str = FORMAT
    id: Code
    version: Annotated[str, Field(min_length=1, max_length=40)]
    name: Text
    description: str = ""
    total_points: Points | None = None
    scale: Annotated[list[ScaleLevelModel], Field(min_length=2)]
    objective_levels: Annotated[list[ObjectiveLevelModel], Field(min_length=1)]
    weights: WeightsModel
    bands: Annotated[list[BandModel], Field(min_length=1)]
    categories: Annotated[list[CategoryModel], Field(min_length=1)]
    dimensions: Annotated[list[DimensionModel], Field(min_length=1)]
    enablers: list[EnablerModel] = []

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value: Any) -> Any:
        # `version: 1.0` in YAML is a float; the contract says a string, so say so.
        if not isinstance(value, str):
            raise ValueError(f'must be a quoted string such as "1.0", not {value!r}')
        return value


def _path(loc: Sequence[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(document)"


def _line_index(text: str) -> dict[tuple[str | int, ...], int]:
    """Map each path in the YAML document to the 1-based line where its value starts."""
    lines: dict[tuple[str | int, ...], int] = {}
    try:
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError:
        return lines

    def walk(node: yaml.Node | None, path: tuple[str | int, ...]) -> None:
        if node is None:
            return
        lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value
                lines[(*path, key)] = key_node.start_mark.line + 1
                walk(value_node, (*path, key))
                lines[(*path, key)] = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                walk(item, (*path, index))

    walk(root, ())
    return lines


Loc = tuple[str | int, ...]
Locate = Callable[[Loc], "str | None"]
"""The place of a path in the source ("line 12", "Elements!D14"), or None when unknown."""


def yaml_locator(text: str) -> Locate:
    """Places as "line N", the line index built only when a problem needs it."""
    index: dict[Loc, int] = {}
    built = False

    def locate(loc: Loc) -> str | None:
        nonlocal index, built
        if not built:
            index, built = _line_index(text), True
        line = index.get(loc)
        return f"line {line}" if line else None

    return locate


class _Problems:
    """Problems with their place: the nearest enclosing path the locator knows."""

    def __init__(self, locate: Locate, show_path: bool = True) -> None:
        self.locate = locate
        self.show_path = show_path
        self.items: list[str] = []

    def place(self, loc: Sequence[str | int]) -> str | None:
        key = tuple(loc)
        where = None
        while key and where is None:
            where = self.locate(key)
            key = key[:-1]
        return where

    def add(self, loc: Sequence[str | int], message: str) -> None:
        where = self.place(loc)
        parts = [p for p in (where, _path(loc) if self.show_path or not where else None) if p]
        self.items.append(": ".join([*parts, message]))


def _duplicates(codes: Iterable[tuple[Sequence[str | int], str]], what: str,
                problems: _Problems) -> None:
    seen: dict[str, str] = {}
    for loc, code in codes:
        if code in seen:
            problems.add(loc, f"{what} {code!r} is used again (first at {seen[code]})")
        else:
            seen[code] = problems.place(loc) or _path(loc)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _check_consistency(m: FrameworkModel, problems: _Problems) -> None:
    _check_scale_and_bands(m, problems)
    category_ids = {c.id for c in m.categories}
    _duplicates(((["categories", i, "id"], c.id) for i, c in enumerate(m.categories)),
                "category id", problems)
    if m.total_points is not None:
        total = sum(c.points for c in m.categories)
        if not _close(total, m.total_points):
            problems.add(["categories"], f"points add up to {total:g}, but total_points is "
                         f"{m.total_points:g}")
    codes: list[tuple[Sequence[str | int], str]] = []
    by_category: dict[str, float] = {}
    for d_index, dim in enumerate(m.dimensions):
        d_loc: list[str | int] = ["dimensions", d_index]
        codes.append(([*d_loc, "code"], dim.code))
        if dim.category not in category_ids:
            problems.add([*d_loc, "category"], f"{dim.category!r} is not one of the categories "
                         f"({', '.join(sorted(category_ids))})")
        element_total = _check_elements(dim, d_loc, codes, problems)
        by_category[dim.category] = by_category.get(dim.category, 0.0) + element_total
    for c_index, category in enumerate(m.categories):
        got = by_category.get(category.id, 0.0)
        if not _close(got, category.points):
            problems.add(["categories", c_index, "points"], f"{category.points:g}, but the "
                         f"elements of {category.name} add up to {got:g}")
    for n_index, enabler in enumerate(m.enablers):
        n_loc: list[str | int] = ["enablers", n_index]
        codes.append(([*n_loc, "code"], enabler.code))
        _check_indicator_codes(enabler.code, "enabler", enabler.indicators, n_loc, codes,
                               problems)
    _duplicates(codes, "code", problems)


def _check_scale_and_bands(m: FrameworkModel, problems: _Problems) -> None:
    values = [s.value for s in m.scale]
    if len(set(values)) != len(values):
        problems.add(["scale"], "level values must be unique")
    if values != sorted(values):
        problems.add(["scale"], "levels must be listed from lowest to highest value")
    fractions = [s.fraction for s in m.scale]
    if fractions != sorted(fractions):
        problems.add(["scale"], "fractions must rise with the level")
    _duplicates(((["objective_levels", i, "key"], o.key) for i, o in enumerate(m.objective_levels)),
                "objective key", problems)
    if not _close(m.weights.indicators + m.weights.objective, 1.0):
        problems.add(["weights"], f"indicators {m.weights.indicators} + objective "
                     f"{m.weights.objective} must add up to 1")
    mins = [b.min_percent for b in m.bands]
    if mins != sorted(mins) or len(set(mins)) != len(mins):
        problems.add(["bands"], "min_percent must rise strictly from band to band")
    if m.bands and m.bands[0].min_percent != 0:
        problems.add(["bands", 0, "min_percent"], "the first band must start at 0")
    band_levels = [b.level for b in m.bands]
    if len(set(band_levels)) != len(band_levels):
        problems.add(["bands"], "band levels must be unique")


def _check_elements(dim: DimensionModel, d_loc: list[str | int],
                    codes: list[tuple[Sequence[str | int], str]], problems: _Problems) -> float:
    """Check a dimension's elements and their codes; return the elements' points."""
    element_total = 0.0
    for e_index, element in enumerate(dim.elements):
        e_loc: list[str | int] = [*d_loc, "elements", e_index]
        codes.append(([*e_loc, "code"], element.code))
        if not element.code.startswith(dim.code + "."):
            problems.add([*e_loc, "code"], f"{element.code!r} must start with its dimension's "
                         f"code {dim.code + '.'!r}")
        element_total += element.points
        _check_indicator_codes(element.code, "element", element.indicators, e_loc, codes,
                               problems)
    if dim.points is not None and not _close(element_total, dim.points):
        last = len(dim.elements) - 1
        problems.add([*d_loc, "elements", last, "points"] if last >= 0 else d_loc,
                     f"points {dim.elements[last].points:g} bring the elements to "
                     f"{element_total:g}, but {dim.name}'s elements must total "
                     f"{dim.points:g}")
    return element_total


def _check_indicator_codes(owner: str, kind: str, indicators: Sequence[IndicatorModel],
                           loc: list[str | int], codes: list[tuple[Sequence[str | int], str]],
                           problems: _Problems) -> None:
    """Each indicator's code starts with its owner's code and a dot."""
    for i_index, indicator in enumerate(indicators):
        i_loc = [*loc, "indicators", i_index, "code"]
        codes.append((i_loc, indicator.code))
        if not indicator.code.startswith(owner + "."):
            problems.add(i_loc, f"{indicator.code!r} must start with its {kind}'s code "
                         f"{owner + '.'!r}")


def _build(m: FrameworkModel, text: str) -> Framework:
    def indicators(items: list[IndicatorModel]) -> tuple[Indicator, ...]:
        return tuple(Indicator(i.code, i.text.strip()) for i in items)

    dimensions = tuple(
        Dimension(
            code=d.code, name=d.name, category=d.category, question=d.question.strip(),
            summary=d.summary.strip(),
            points=d.points if d.points is not None else sum(e.points for e in d.elements),
            elements=tuple(
                Element(code=e.code, title=e.title.strip(), points=e.points,
                        objective=e.objective.strip(), indicators=indicators(e.indicators),
                        dimension=d.code)
                for e in d.elements),
        )
        for d in m.dimensions)
    return Framework(
        id=m.id, version=m.version, name=m.name, description=m.description.strip(),
        total_points=m.total_points or sum(c.points for c in m.categories),
        scale=tuple(ScaleLevel(s.value, s.label, s.meaning.strip(), s.fraction) for s in m.scale),
        objective_levels=tuple(ObjectiveLevel(o.key, o.label, o.fraction)
                               for o in m.objective_levels),
        weights=Weights(m.weights.indicators, m.weights.objective),
        bands=tuple(Band(b.level, b.label, b.min_percent) for b in m.bands),
        categories=tuple(Category(c.id, c.name, c.points, c.description.strip())
                         for c in m.categories),
        dimensions=dimensions,
        enablers=tuple(Enabler(n.code, n.name, n.summary.strip(), indicators(n.indicators))
                       for n in m.enablers),
        source_text=text,
    )


def parse_framework(text: str, source: str = "<framework>") -> Framework:
    """Validate a framework definition given as YAML text; raise FrameworkError listing problems."""
    if len(text.encode("utf-8", errors="replace")) > MAX_FILE_BYTES:
        raise FrameworkError(source, [f"the file is larger than {MAX_FILE_BYTES // 1024 // 1024} MB"
                                      " — not a framework definition"])
    try:
        data = load_yaml(text)
    except YamlProblem as exc:
        raise FrameworkError(source, [str(exc)]) from None
    return framework_from_data(data, source, text, yaml_locator(text))


def framework_from_data(data: Any, source: str, text: str, locate: Locate,
                        show_path: bool = True) -> Framework:
    """Validate a definition already read into plain data (from YAML or a workbook).

    `text` is the definition as YAML, kept with the framework; `locate` names the place
    of a path in the source, so every problem says where to look.
    """
    if not isinstance(data, dict):
        raise FrameworkError(source, ["the document must be a mapping with keys such as id, "
                                      "version, scale, dimensions"])
    problems = _Problems(locate, show_path)
    if data.get("format", FORMAT) != FORMAT:
        problems.add(["format"], f"{data.get('format')!r} is not a format this version reads "
                     f"(expected {FORMAT!r})")
        raise FrameworkError(source, problems.items)
    try:
        model = FrameworkModel.model_validate(data)
    except ValidationError as exc:
        for error in exc.errors():
            loc = list(error["loc"])
            message = error["msg"]
            if error["type"] == "missing":
                message = "is required but missing"
            elif error["type"] == "extra_forbidden":
                message = "is not a known key"
            elif "input" in error and not isinstance(error["input"], dict | list):
                message = f"{error['input']!r}: {message}"
            problems.add(loc, message)
        raise FrameworkError(source, problems.items) from None
    _check_consistency(model, problems)
    if problems.items:
        raise FrameworkError(source, problems.items)
    return _build(model, text)


def load_framework_file(path: Path) -> Framework:
    """Read and validate a framework file; every failure is a FrameworkError naming the file."""
    try:
        raw = read_regular_file(path, limit=MAX_FILE_BYTES, what="framework file")
    except FileInputError as exc:
        reason = str(exc).removeprefix(f"{path}: ")
        raise FrameworkError(str(path), [reason]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise FrameworkError(str(path), [f"byte {exc.start}: not UTF-8 text"]) from None
    return parse_framework(text, str(path))


def bundled_framework_dir() -> Path:
    return resources_dir() / "frameworks"


@cache
def bundled_frameworks() -> tuple[Framework, ...]:
    """The frameworks shipped with the application, sorted by id and version."""
    found = [load_framework_file(p) for p in sorted(bundled_framework_dir().glob("*.yaml"))]
    return tuple(sorted(found, key=lambda f: (f.id, version_key(f.version))))


def bundled_framework(framework_id: str, version: str | None = None) -> Framework:
    """A bundled framework by id (the newest version unless one is named)."""
    matches = [f for f in bundled_frameworks() if f.id == framework_id
               and (version is None or f.version == version)]
    if not matches:
        known = ", ".join(sorted({f.id for f in bundled_frameworks()})) or "none"
        wanted = framework_id + (f" {version}" if version else "")
        raise NotFoundError(f"no bundled framework {wanted!r} (known: {known})")
    return matches[-1]

