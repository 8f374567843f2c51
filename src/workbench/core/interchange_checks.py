"""An engagement JSON document checked against its framework: every problem, with its place.

`check_against` turns the parsed `DocumentModel` into an `EngagementDocument`, or raises
one `InterchangeError` listing the problems (the first twenty) and changes nothing.
"""

from __future__ import annotations

from typing import Any

from workbench.core.engagement import (
    Action,
    Assessor,
    ElementEvidence,
    EngagementDetails,
    EngagementDocument,
)
from workbench.core.errors import InterchangeError
from workbench.core.framework import Framework
from workbench.core.interchange_model import (
    ConsensusEntry,
    DocumentModel,
    RatingEntry,
    SiteLogModel,
)
from workbench.core.ratings import NA, IndicatorValue, Ratings, RatingSet
from workbench.core.site_log import Interview, Person, ReviewedDocument, framework_codes


class _Checker:
    """Checks values against the framework, collecting the problems."""

    def __init__(self, framework: Framework) -> None:
        self.fw = framework
        self.problems: list[str] = []
        self.levels = set(framework.scale_fraction)
        self.objective_keys = set(framework.objective_fraction)
        self.target_levels = {b.level for b in framework.bands}

    def value(self, where: str, code: str, value: Any, owner: str) -> IndicatorValue | None:
        fw = self.fw
        if fw.indicator_owner.get(code) != owner:
            known = "an indicator of " + fw.indicator_owner[code] \
                if code in fw.indicator_owner else "not an indicator of this framework"
            self.problems.append(f"{where}.indicators.{code}: {known}, not of {owner}")
            return None
        if value == NA:
            return NA
        if isinstance(value, bool) or not isinstance(value, int) or value not in self.levels:
            self.problems.append(f"{where}.indicators.{code}: {value!r} is not a level "
                                 f"({', '.join(map(str, sorted(self.levels)))}) or \"na\"")
            return None
        return value

    def values(self, where: str, values: dict[str, Any], owner: str,
               into: dict[str, IndicatorValue]) -> None:
        for code, value in values.items():
            checked = self.value(where, code, value, owner)
            if checked is not None:
                into[code] = checked

    def element(self, where: str, code: str) -> bool:
        if code in self.fw.element_by_code or code in self.fw.enabler_by_code:
            return True
        self.problems.append(f"{where}.element: {code!r} is not an element or enabler of "
                             f"{self.fw.id} {self.fw.version}")
        return False

    def objective(self, where: str, code: str, key: str | None) -> str | None:
        if key is None:
            return None
        if code in self.fw.enabler_by_code:
            self.problems.append(f"{where}.objective: enablers have no statement of objective")
            return None
        if key not in self.objective_keys:
            self.problems.append(f"{where}.objective: {key!r} is not one of "
                                 f"{', '.join(sorted(self.objective_keys))}")
            return None
        return key

    def target(self, where: str, code: str, target: int | None) -> int | None:
        if target is None:
            return None
        if code in self.fw.enabler_by_code:
            self.problems.append(f"{where}.target: enablers carry no target level")
            return None
        if target not in self.target_levels:
            self.problems.append(f"{where}.target: {target!r} is not a level "
                                 f"({', '.join(map(str, sorted(self.target_levels)))})")
            return None
        return target

    def duplicates(self, model: DocumentModel) -> None:
        names = [a.name for a in model.assessors]
        if len(set(names)) != len(names):
            self.problems.append("assessors: an assessor is listed twice")
        d = model.engagement
        if d.start_date and d.end_date and d.end_date < d.start_date:
            self.problems.append("engagement.end_date: before start_date")
        seen_entries: dict[tuple[str, str], int] = {}
        for index, entry in enumerate(model.ratings):
            first = seen_entries.setdefault((entry.assessor, entry.element), index)
            if first != index:
                self.problems.append(
                    f"ratings[{index}]: a second entry for {entry.assessor} and "
                    f"{entry.element} (the first is ratings[{first}]); merge them")
        seen_consensus: dict[str, int] = {}
        for index, c in enumerate(model.consensus):
            first = seen_consensus.setdefault(c.element, index)
            if first != index:
                self.problems.append(f"consensus[{index}]: a second entry for {c.element} "
                                     f"(the first is consensus[{first}]); merge them")


class _Assessors:
    """The assessors' own ratings, targets and evidence, read from the rating entries."""

    def __init__(self, names: list[str]) -> None:
        self.per_assessor: dict[str, tuple[dict[str, IndicatorValue], dict[str, str]]] = {
            n: ({}, {}) for n in names}
        self.targets: dict[str, int] = {}
        self.evidence: list[ElementEvidence] = []

    def read(self, check: _Checker, index: int, entry: RatingEntry) -> None:
        where = f"ratings[{index}]"
        if entry.assessor not in self.per_assessor:
            check.problems.append(f"{where}.assessor: {entry.assessor!r} is not one of the "
                                  "assessors")
            return
        if not check.element(where, entry.element):
            return
        indicators, objectives = self.per_assessor[entry.assessor]
        check.values(where, entry.indicators, entry.element, indicators)
        for code in entry.indicator_notes:
            if check.fw.indicator_owner.get(code) != entry.element:
                check.problems.append(f"{where}.indicator_notes.{code}: not an indicator of "
                                      f"{entry.element}")
        objective = check.objective(where, entry.element, entry.objective)
        if objective is not None:
            objectives[entry.element] = objective
        target = check.target(where, entry.element, entry.target)
        if target is not None:
            self.targets[entry.element] = target
        item = ElementEvidence(entry.element, entry.assessor, entry.notes,
                               tuple(entry.strengths), tuple(entry.opportunities),
                               tuple(sorted(entry.indicator_notes.items())))
        if not item.is_empty():
            self.evidence.append(item)


class _Consensus:
    """The team's consensus values, targets and reasons, read from the consensus entries."""

    def __init__(self) -> None:
        self.indicators: dict[str, IndicatorValue] = {}
        self.objectives: dict[str, str] = {}
        self.targets: dict[str, int] = {}
        self.reasons: list[tuple[str, str]] = []

    def read(self, check: _Checker, index: int, entry: ConsensusEntry) -> None:
        where = f"consensus[{index}]"
        if not check.element(where, entry.element):
            return
        check.values(where, entry.indicators, entry.element, self.indicators)
        objective = check.objective(where, entry.element, entry.objective)
        if objective is not None:
            self.objectives[entry.element] = objective
        target = check.target(where, entry.element, entry.target)
        if target is not None:
            self.targets[entry.element] = target
        for code, reason in entry.reasons.items():
            if code != entry.element and check.fw.indicator_owner.get(code) != entry.element:
                check.problems.append(f"{where}.reasons.{code}: not {entry.element} or one of "
                                      "its indicators")
            else:
                self.reasons.append((code, reason))


def _codes(check: _Checker, where: str, codes: list[str]) -> tuple[str, ...]:
    order = framework_codes(check.fw)
    for n, code in enumerate(codes):
        if code not in order:
            check.problems.append(f"{where}.elements[{n}]: {code!r} is not an element or "
                                  f"enabler of {check.fw.id} {check.fw.version}")
    return tuple(sorted({c for c in codes if c in order}, key=order.__getitem__))


def _blank(check: _Checker, where: str, text: str) -> str:
    if not text.strip():
        check.problems.append(f"{where}: is empty")
    return text.strip()


def _site_log(check: _Checker, log: SiteLogModel | None
              ) -> tuple[tuple[Interview, ...], tuple[ReviewedDocument, ...]]:
    """The site-visit log of the `site_log` extension, every element code checked. The
    document's attachment is not linked: an engagement JSON carries no attachment files."""
    if log is None:
        return (), ()
    interviews = []
    for n, i in enumerate(log.interviews):
        where = f"site_log.interviews[{n}]"
        people = tuple(Person(_blank(check, f"{where}.people[{k}].name", p.name), p.role.strip())
                       for k, p in enumerate(i.people))
        interviews.append(Interview(i.held_on.isoformat() if i.held_on else None, people,
                                    _blank(check, f"{where}.topics", i.topics),
                                    _codes(check, where, i.elements)))
    documents = [ReviewedDocument(_blank(check, f"site_log.documents[{n}].title", d.title),
                                  d.owner.strip(), d.version.strip(),
                                  _codes(check, f"site_log.documents[{n}]", d.elements))
                 for n, d in enumerate(log.documents)]
    return tuple(interviews), tuple(documents)


def check_against(model: DocumentModel, framework: Framework,
                  source: str) -> EngagementDocument:
    """The engagement of `model`, every value checked against `framework`."""
    check = _Checker(framework)
    check.duplicates(model)
    mine = _Assessors([a.name for a in model.assessors])
    for index, entry in enumerate(model.ratings):
        mine.read(check, index, entry)
    team = _Consensus()
    for index, c_entry in enumerate(model.consensus):
        team.read(check, index, c_entry)
    targets = {**mine.targets, **team.targets}  # a consensus entry's target wins
    actions = [Action(a.element, a.action, a.owner, a.priority,
                      a.due_date.isoformat() if a.due_date else None, a.status)
               for index, a in enumerate(model.actions)
               if check.element(f"actions[{index}]", a.element)]
    interviews, reviewed = _site_log(check, model.site_log)
    if check.problems:
        shown = "; ".join(check.problems[:20])
        more = f"; … and {len(check.problems) - 20} more" if len(check.problems) > 20 else ""
        raise InterchangeError(f"{source}: {shown}{more}")
    ratings = RatingSet(
        assessors={n: Ratings(i, o) for n, (i, o) in mine.per_assessor.items()},
        consensus=Ratings(team.indicators, team.objectives), targets=targets)
    d = model.engagement
    details = EngagementDetails(
        client=d.client, site=d.site, title=d.title, lead_assessor=d.lead_assessor,
        start_date=d.start_date.isoformat() if d.start_date else None,
        end_date=d.end_date.isoformat() if d.end_date else None, brand=d.brand)
    return EngagementDocument(
        details=details, framework_id=framework.id, framework_version=framework.version,
        assessors=tuple(Assessor(a.name, a.role, a.initials) for a in model.assessors),
        ratings=ratings, evidence=tuple(mine.evidence), actions=tuple(actions),
        consensus_reasons=tuple(team.reasons), interviews=interviews, documents=reviewed)

