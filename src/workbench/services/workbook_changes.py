"""What a workbook import would change: the fields, the changes per element, the preview."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from workbench.core.engagement import EngagementDetails
from workbench.core.framework import Framework
from workbench.core.ratings import NA
from workbench.exports.workbook.layout import Basis
from workbench.exports.workbook.reader import Problem


class Field(StrEnum):
    LEVEL = "level"
    OBJECTIVE = "objective"
    TARGET = "target"
    NOTES = "notes"
    INDICATOR_NOTE = "indicator note"
    STRENGTHS = "strengths"
    OPPORTUNITIES = "opportunities"
    ACTION = "action"


@dataclass(frozen=True)
class ValueChange:
    """One value the import changes: where it is in the workbook, its old and new value."""

    field: Field
    code: str  # the indicator's code for levels and indicator notes, else the element's
    old: Any
    new: Any
    sheet: str
    cell: str
    old_text: str = ""  # the values as a person reads them ("Fully achieved", "N/A", "—")
    new_text: str = ""

    def describe(self) -> str:
        what = f"{self.code} {self.field}" if self.field in (
            Field.LEVEL, Field.INDICATOR_NOTE) else str(self.field)
        return f"{what}: {self.old_text} → {self.new_text}   ({self.sheet}!{self.cell})"


@dataclass(frozen=True)
class ElementChanges:
    element: str  # element or enabler code
    title: str
    changes: tuple[ValueChange, ...]


@dataclass(frozen=True)
class ImportPreview:
    """What importing a workbook would change; nothing has been written yet."""

    path: Path
    engagement_id: str | None  # None: the import creates a new engagement
    target: str  # "Client — Title (id)" or "new engagement: Client — Title"
    assessor: str | None  # whose ratings are written; None: the team's consensus values
    basis: Basis | None
    framework_id: str
    framework_version: str
    elements: tuple[ElementChanges, ...] = ()
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()  # remarks that do not stop the import
    new_assessor: bool = False  # the assessor joins the team on import
    details: EngagementDetails | None = None  # of the new engagement
    expected: tuple[tuple[str, str, Any], ...] = field(default=(), repr=False)

    @property
    def is_new_engagement(self) -> bool:
        return self.engagement_id is None

    @property
    def change_count(self) -> int:
        return sum(len(e.changes) for e in self.elements)

    @property
    def has_changes(self) -> bool:
        return self.change_count > 0 or (self.is_new_engagement and not self.problems)

    @property
    def is_empty(self) -> bool:
        """Nothing to import: no change and no problem."""
        return not self.has_changes and not self.problems

    @property
    def can_apply(self) -> bool:
        return self.has_changes and not self.problems

    @property
    def destination(self) -> str:
        """Whose values the import writes, in words."""
        if self.assessor is None:
            return "the team's consensus values"
        return f"{self.assessor}'s ratings" + (" (joins the team)" if self.new_assessor else "")

    def lines(self) -> list[str]:
        """The preview as plain text lines (the CLI prints these)."""
        out = [f"Workbook: {self.path.name}",
               f"Into: {self.target}",
               f"Recorded as: {self.destination}"]
        for note in self.notes:
            out.append(f"Note: {note}")
        if self.problems:
            out.append(f"Problems ({len(self.problems)}); nothing can be imported until they "
                       "are fixed:")
            out.extend(f"  {p}" for p in self.problems)
        if self.elements:
            out.append(f"Changes: {self.change_count} value(s) in {len(self.elements)} "
                       "element(s)")
            for group in self.elements:
                out.append(f"  {group.element}  {group.title}")
                out.extend(f"    {c.describe()}" for c in group.changes)
        elif not self.problems:
            out.append("No changes: the workbook matches the engagement." if not
                       self.is_new_engagement else "The workbook holds no ratings.")
        return out


def shown(value: Any, kind: Field, framework: Framework | None) -> str:
    """A value as the preview shows it: a level's label, N/A, quoted and shortened text."""
    if value is None or value == "" or value == []:
        return "—"
    if value == NA:
        return "N/A"
    if kind is Field.OBJECTIVE and framework is not None:
        for level in framework.objective_levels:
            if level.key == value:
                return level.label
    text = "; ".join(str(v) for v in value) if isinstance(value, (list, tuple)) else str(value)
    text = " ".join(text.split())
    return repr(text if len(text) <= 60 else text[:57] + "…") if isinstance(value, (
        str, list, tuple)) else text
