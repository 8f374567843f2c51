"""What a workbook carries as its inputs: the team's result or one assessor's ratings.

A **team** workbook holds, per indicator and objective, the consensus value,
else the value every assessor agrees on (docs/scoring.md §6). Where the assessors
disagree and no consensus is recorded, the input is left empty and the team's
mean fraction sits in a hidden column, so the workbook's live scores equal the
application's until someone picks a level. An **assessor** workbook holds that
assessor's own ratings, notes, strengths and opportunities, all editable.
Targets belong to the engagement and are inputs in both.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from workbench.core.engagement import EngagementDocument
from workbench.core.framework import Framework
from workbench.core.ratings import IndicatorValue
from workbench.core.scoring import Source, resolve_indicator, resolve_objective
from workbench.exports.workbook.layout import Basis


@dataclass(frozen=True)
class ElementText:
    """The evidence texts shown beside one element or enabler."""

    notes: str = ""
    strengths: tuple[str, ...] = ()
    opportunities: tuple[str, ...] = ()
    indicator_notes: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class WorkbookInputs:
    basis: Basis
    assessor: str | None
    indicators: dict[str, IndicatorValue]  # absent: empty cell
    team_fractions: dict[str, float]  # indicator or element code -> the disputed mean
    objectives: dict[str, str]  # element -> objective key
    targets: dict[str, int]
    texts: dict[str, ElementText]
    texts_editable: bool


def _initials(doc: EngagementDocument) -> dict[str, str]:
    return {a.name: a.display_initials for a in doc.assessors}


def team_inputs(doc: EngagementDocument, framework: Framework) -> WorkbookInputs:
    """The team's result as inputs; evidence of every assessor, for reading."""
    indicators: dict[str, IndicatorValue] = {}
    disputed: dict[str, float] = {}
    objectives: dict[str, str] = {}
    for code in framework.indicator_owner:
        found = resolve_indicator(framework, doc.ratings, code)
        if found.source is Source.MEAN and found.fraction is not None:
            disputed[code] = found.fraction
        elif found.value is not None:
            indicators[code] = found.value  # type: ignore[assignment]
    for element in framework.elements():
        found = resolve_objective(framework, doc.ratings, element.code)
        if found.source is Source.MEAN and found.fraction is not None:
            disputed[element.code] = found.fraction
        elif isinstance(found.value, str):
            objectives[element.code] = found.value
    authors = {e.assessor for e in doc.evidence if not e.is_empty()}
    prefix = len(authors) > 1
    initials = _initials(doc)

    def tag(name: str, text: str) -> str:
        return f"{initials.get(name, name)}: {text}" if prefix else text

    notes: dict[str, list[str]] = defaultdict(list)
    strengths: dict[str, list[str]] = defaultdict(list)
    opportunities: dict[str, list[str]] = defaultdict(list)
    ind_notes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for item in doc.evidence:
        if item.notes.strip():
            notes[item.element].append(tag(item.assessor, item.notes.strip()))
        strengths[item.element].extend(tag(item.assessor, t) for t in item.strengths)
        opportunities[item.element].extend(tag(item.assessor, t) for t in item.opportunities)
        for code, note in item.indicator_notes:
            if note.strip():
                ind_notes[item.element][code].append(tag(item.assessor, note.strip()))
    codes = set(notes) | set(strengths) | set(opportunities) | set(ind_notes)
    texts = {code: ElementText("\n\n".join(notes.get(code, [])),
                               tuple(strengths.get(code, [])),
                               tuple(opportunities.get(code, [])),
                               {k: "\n".join(v) for k, v in ind_notes.get(code, {}).items()})
             for code in codes}
    return WorkbookInputs(Basis.TEAM, None, indicators, disputed, objectives,
                          dict(doc.ratings.targets), texts, texts_editable=False)


def assessor_inputs(doc: EngagementDocument, assessor: str) -> WorkbookInputs:
    """One assessor's ratings and evidence as inputs."""
    mine = doc.ratings.assessors.get(assessor)
    indicators = dict(mine.indicators) if mine else {}
    objectives = dict(mine.objectives) if mine else {}
    texts = {e.element: ElementText(e.notes, e.strengths, e.opportunities,
                                    dict(e.indicator_notes))
             for e in doc.evidence if e.assessor == assessor}
    return WorkbookInputs(Basis.ASSESSOR, assessor, indicators, {}, objectives,
                          dict(doc.ratings.targets), texts, texts_editable=True)
