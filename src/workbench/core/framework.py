"""The framework model: immutable, typed, with the lookups the scoring engine needs.

Its records are NamedTuples, and Framework a small class of its own, rather than frozen
dataclasses: every command and the window load them at start, and a dataclass costs about ten
times as much to define (and `dataclasses` with `inspect` about 5 ms to import; issue 17).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import NamedTuple

DEFAULT_FRAMEWORK_ID = "cem-6d"  # the bundled framework a new engagement uses


def version_key(version: str) -> tuple[tuple[int, str], ...]:
    """Sort key that orders "1.10" after "1.9"."""
    return tuple((int(part), "") if part.isdigit() else (-1, part)
                 for part in version.replace("-", ".").split("."))


class ScaleLevel(NamedTuple):
    """One level of the rating scale: its number, label, meaning and the fraction it scores."""

    value: int
    label: str
    meaning: str
    fraction: float


class ObjectiveLevel(NamedTuple):
    """One answer to an element's statement of objective and the fraction it scores."""

    key: str
    label: str
    fraction: float


class Band(NamedTuple):
    """A maturity band: the level reached from `min_percent` upwards."""

    level: int
    label: str
    min_percent: float


class Category(NamedTuple):
    """A group of dimensions and the points it carries."""

    id: str
    name: str
    points: float
    description: str = ""


class Indicator(NamedTuple):
    """One indicator of an element or enabler: its code and wording."""

    code: str
    text: str


class Element(NamedTuple):
    """An element of a dimension: its points, statement of objective and indicators."""

    code: str
    title: str
    points: float
    objective: str
    indicators: tuple[Indicator, ...]
    dimension: str


class Dimension(NamedTuple):
    """A dimension of the framework and its elements."""

    code: str
    name: str
    category: str
    question: str
    summary: str
    points: float
    elements: tuple[Element, ...]


class Enabler(NamedTuple):
    """An enabler: indicators rated like an element but scored apart from the total."""

    code: str
    name: str
    summary: str
    indicators: tuple[Indicator, ...]


class Weights(NamedTuple):
    """How an element's score divides between its indicators and its objective."""

    indicators: float
    objective: float


class Framework:
    """A maturity framework: scale, objective levels, weights, bands and the tree of elements.

    Immutable once made; two frameworks are the same only when they are the same object (the
    lookups below are worked out once per framework and kept)."""

    id: str
    version: str
    name: str
    description: str
    total_points: float
    scale: tuple[ScaleLevel, ...]
    objective_levels: tuple[ObjectiveLevel, ...]
    weights: Weights
    bands: tuple[Band, ...]
    categories: tuple[Category, ...]
    dimensions: tuple[Dimension, ...]
    enablers: tuple[Enabler, ...]
    source_text: str

    def __init__(self, id: str, version: str, name: str, description: str,
                 total_points: float, scale: tuple[ScaleLevel, ...],
                 objective_levels: tuple[ObjectiveLevel, ...], weights: Weights,
                 bands: tuple[Band, ...], categories: tuple[Category, ...],
                 dimensions: tuple[Dimension, ...], enablers: tuple[Enabler, ...],
                 source_text: str = "") -> None:
        self.__dict__.update(
            id=id, version=version, name=name, description=description,
            total_points=total_points, scale=scale, objective_levels=objective_levels,
            weights=weights, bands=bands, categories=categories, dimensions=dimensions,
            enablers=enablers, source_text=source_text)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a framework cannot be changed (tried to set {name!r})")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a framework cannot be changed (tried to delete {name!r})")

    def __repr__(self) -> str:
        return f"Framework(id={self.id!r}, version={self.version!r}, name={self.name!r})"

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)

    def elements(self) -> Iterator[Element]:
        for dimension in self.dimensions:
            yield from dimension.elements

    @cached_property
    def element_by_code(self) -> dict[str, Element]:
        return {e.code: e for e in self.elements()}

    @cached_property
    def enabler_by_code(self) -> dict[str, Enabler]:
        return {e.code: e for e in self.enablers}

    @cached_property
    def dimension_by_code(self) -> dict[str, Dimension]:
        return {d.code: d for d in self.dimensions}

    @cached_property
    def indicator_owner(self) -> dict[str, str]:
        """Indicator code -> the code of the element or enabler it belongs to."""
        owners: dict[str, str] = {}
        for element in self.elements():
            for indicator in element.indicators:
                owners[indicator.code] = element.code
        for enabler in self.enablers:
            for indicator in enabler.indicators:
                owners[indicator.code] = enabler.code
        return owners

    @cached_property
    def indicator_by_code(self) -> dict[str, Indicator]:
        found: dict[str, Indicator] = {}
        for element in self.elements():
            found.update((i.code, i) for i in element.indicators)
        for enabler in self.enablers:
            found.update((i.code, i) for i in enabler.indicators)
        return found

    @cached_property
    def scale_fraction(self) -> dict[int, float]:
        return {level.value: level.fraction for level in self.scale}

    @cached_property
    def objective_fraction(self) -> dict[str, float]:
        return {level.key: level.fraction for level in self.objective_levels}

    def indicators_of(self, code: str) -> tuple[Indicator, ...]:
        """The indicators of an element or an enabler."""
        if code in self.element_by_code:
            return self.element_by_code[code].indicators
        if code in self.enabler_by_code:
            return self.enabler_by_code[code].indicators
        raise KeyError(code)

    def level_for_percent(self, percent: float) -> int:
        """The maturity band a percent falls in (the highest band whose minimum it reaches).

        The percent is compared at nine decimals, so float noise such as 39.99999999999999
        for an exact 40 % falls in the band a spreadsheet (and a person) would put it in.
        """
        chosen = self.bands[0].level
        rounded = round(percent, 9)
        for band in self.bands:
            if rounded >= band.min_percent:
                chosen = band.level
        return chosen

    def band_label(self, level: int) -> str:
        for band in self.bands:
            if band.level == level:
                return band.label
        return str(level)

    def scale_label(self, value: int) -> str:
        for level in self.scale:
            if level.value == value:
                return level.label
        return str(value)

    @property
    def min_level(self) -> int:
        return min(level.value for level in self.scale)

    @property
    def max_level(self) -> int:
        return max(level.value for level in self.scale)
