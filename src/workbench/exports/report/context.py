"""What every section shares: the report's context, numbered headings, dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from reportlab.platypus import (
    Flowable,
)

from workbench.core.engagement import ActionStatus, Priority
from workbench.core.scoring import Status
from workbench.exports.report.flowables import (
    Contents,
)
from workbench.exports.report.model import ReportInput
from workbench.exports.report.photos import PhotoProblem, PreparedPhoto
from workbench.exports.report.styles import ReportStyles
from workbench.exports.report.text import fmt_percent, markup
from workbench.exports.report.writing import Paragraph

STATUS_WORDS = {Status.COMPLETE: "Complete", Status.INCOMPLETE: "Incomplete",
                Status.NOT_ASSESSED: "Not assessed", Status.NOT_APPLICABLE: "Not applicable"}
PRIORITY_WORDS = {Priority.HIGH: "High", Priority.MEDIUM: "Medium", Priority.LOW: "Low"}
ACTION_STATUS_WORDS = {ActionStatus.OPEN: "Open", ActionStatus.IN_PROGRESS: "In progress",
                       ActionStatus.DONE: "Done"}


@dataclass
class Context:
    """What every section needs: the data, the styles, the photos and the switched-on sections."""

    data: ReportInput
    styles: ReportStyles
    sections: frozenset[str]
    photos: dict[str, list[PreparedPhoto | PhotoProblem]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)
    contents: Contents = field(default_factory=Contents)

    @property
    def width(self) -> float:
        return self.styles.geometry.frame_width

    def number(self, section: str) -> str:
        n = self.numbers.get(section)
        return f"{n}" if n else ""


class Heading(Paragraph):
    """A heading that the document template turns into a contents entry and a bookmark."""

    def __init__(self, text: str, style: object, level: int, plain: str, key: str,
                 in_contents: bool = True) -> None:
        super().__init__(text, style)
        self.outline_level = level
        self.plain = plain
        self.key = key
        self.in_contents = in_contents


class EndOfBlock(Flowable):  # type: ignore[misc]
    """Marks where an element's findings end: a page after it needs no "(continued)"."""

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


def heading(ctx: Context, text: str, level: int, key: str, number: str = "",
            in_contents: bool = True, style_name: str | None = None) -> Heading:
    """A numbered heading; `text` is plain text (escaped here). `level` is its outline depth."""
    style = ctx.styles[style_name or ("h1", "h2", "h3")[min(level, 2)]]
    shown = (f'<font color="#{ctx.styles.accent.hexval()[2:]}">{number}</font>&nbsp;&nbsp;'
             if number else "") + markup(text)
    plain = f"{number}  {text}" if number else text
    return Heading(shown, style, level, plain, key, in_contents)


def level_text(ctx: Context, level: int | None) -> str:
    if level is None:
        return "–"
    return f"{level} {ctx.data.framework.band_label(level)}"


NOT_ASSESSED = "Not assessed"
NOT_JUDGED = "Not judged"


def unassessed(status: Status) -> bool:
    """Nothing rated or judged: shown as "Not assessed", never as 0 % or level 1."""
    return status is Status.NOT_ASSESSED


def shown_percent(status: Status, percent: float | None, narrow: bool = False) -> str:
    """An element's or enabler's percent as the report shows it (`narrow`: a table column
    beside a level column that says "Not assessed")."""
    if unassessed(status):
        return "–" if narrow else NOT_ASSESSED
    return fmt_percent(percent)


def dimension_unassessed(ctx: Context, code: str) -> bool:
    """No applicable element of the dimension has anything rated or judged."""
    dim = ctx.data.framework.dimension_by_code[code]
    statuses = [ctx.data.score.elements[e.code].status for e in dim.elements]
    applicable = [st for st in statuses if st is not Status.NOT_APPLICABLE]
    return bool(applicable) and all(unassessed(st) for st in applicable)


def shown_level(ctx: Context, status: Status, level: int | None) -> str:
    """An element's or enabler's level as the report shows it."""
    return NOT_ASSESSED if unassessed(status) else level_text(ctx, level)


def format_date(value: str | dt.date | None) -> str:
    if value is None or value == "":
        return ""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(value)
    except ValueError:
        return str(value)
    return f"{day.day} {day:%B %Y}"


def date_range(start: str | None, end: str | None) -> str:
    if start and end and start != end:
        a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}–{b.day} {b:%B %Y}"
        return f"{format_date(start)} – {format_date(end)}"
    return format_date(start or end)
