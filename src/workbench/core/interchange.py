"""The engagement interchange JSON (`workbench.engagement/1`): reading and writing.

Reading checks the structure first and then every code, level and name
against the framework the document names; every problem is reported with
its JSON path, and nothing is returned unless the whole document is valid.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictInt, ValidationError

from workbench.core.engagement import (
    Action,
    ActionStatus,
    Assessor,
    ElementEvidence,
    EngagementDetails,
    EngagementDocument,
    Priority,
)
from workbench.core.errors import InterchangeError
from workbench.core.framework import Framework
from workbench.core.ratings import NA, IndicatorValue, Ratings, RatingSet
from workbench.core.strict_json import (
    StrictJSONError,
    control_problems,
    loads_strict,
)

FORMAT = "workbench.engagement/1"
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

Name = Annotated[str, Field(min_length=1, max_length=200)]
Short = Annotated[str, Field(max_length=500)]
Long = Annotated[str, Field(max_length=200_000)]
Level = Any  # checked against the framework's scale in _check_against
# A brand is the name of a profile folder, never a path (as exports.brand checks it).
BRAND_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _iso_date(value: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise ValueError("must be a date written YYYY-MM-DD")
    return dt.date.fromisoformat(value)


def _brand_name(value: Any) -> Any:
    if isinstance(value, str) and not BRAND_NAME.match(value):
        raise ValueError("must be a brand profile name (letters, digits, - and _), not a path")
    return value


IsoDate = Annotated[dt.date | None, BeforeValidator(_iso_date)]
Brand = Annotated[str, BeforeValidator(_brand_name)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class FrameworkRef(_Model):
    id: Name
    version: Name


class DetailsModel(_Model):
    client: Name
    site: Short = ""
    title: Short = ""
    lead_assessor: Name
    start_date: IsoDate = None
    end_date: IsoDate = None
    brand: Brand = "default"


class AssessorModel(_Model):
    name: Name
    role: Short = ""
    initials: Annotated[str, Field(max_length=10)] = ""


class RatingEntry(_Model):
    assessor: Name
    element: Name
    indicators: dict[str, Level] = {}
    indicator_notes: dict[str, Long] = {}
    objective: str | None = None
    target: StrictInt | None = None
    notes: Long = ""
    strengths: list[Long] = []
    opportunities: list[Long] = []


class ConsensusEntry(_Model):
    element: Name
    indicators: dict[str, Level] = {}
    objective: str | None = None
    target: StrictInt | None = None
    reasons: dict[str, Long] = {}


class ActionModel(_Model):
    element: Name
    action: Annotated[str, Field(min_length=1, max_length=20_000)]
    owner: Short = ""
    priority: Priority = Priority.MEDIUM
    due_date: IsoDate = None
    status: ActionStatus = ActionStatus.OPEN


class DocumentModel(_Model):
    format: str
    framework: FrameworkRef
    engagement: DetailsModel
    assessors: Annotated[list[AssessorModel], Field(min_length=1)]
    ratings: list[RatingEntry] = []
    consensus: list[ConsensusEntry] = []
    actions: list[ActionModel] = []
    # Written by `engagement export` for information; ignored on import.
    id: str | None = None
    status: str | None = None
    revision: StrictInt | None = None
    exported_at: str | None = None
    attachments: list[dict[str, Any]] = []


def _loc(parts: tuple[int | str, ...] | list[int | str]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + str(part)
    return out or "(document)"


def parse_document(text: str | bytes, source: str,
                   framework_for: Callable[[str, str], Framework]) -> EngagementDocument:
    """Parse and validate an engagement document; `framework_for(id, version)` finds it."""
    if len(text) > MAX_DOCUMENT_BYTES:
        raise InterchangeError(f"{source}: larger than {MAX_DOCUMENT_BYTES // 2**20} MB — not an "
                               "engagement document")
    try:
        data = loads_strict(text)
    except StrictJSONError as exc:
        raise InterchangeError(f"{source}: {exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = f"line {exc.lineno}, column {exc.colno}: " if isinstance(
            exc, json.JSONDecodeError) else ""
        raise InterchangeError(f"{source}: {where}not valid JSON "
                               f"({getattr(exc, 'msg', None) or exc})") from None
    except RecursionError:
        raise InterchangeError(f"{source}: nested too deeply to be an engagement document") \
            from None
    if not isinstance(data, dict):
        raise InterchangeError(f"{source}: the document must be a JSON object")
    if data.get("format") != FORMAT:
        raise InterchangeError(f"{source}: format: {data.get('format')!r} is not {FORMAT!r}")
    controls = control_problems(data)
    if controls:
        raise InterchangeError(f"{source}: " + "; ".join(controls))
    try:
        model = DocumentModel.model_validate(data)
    except ValidationError as exc:
        problems = []
        for err in exc.errors()[:30]:
            msg = "is required" if err["type"] == "missing" else (
                "is not a known key" if err["type"] == "extra_forbidden" else err["msg"])
            problems.append(f"{_loc(list(err['loc']))}: {msg}")
        raise InterchangeError(f"{source}: " + "; ".join(problems)) from None
    try:
        framework = framework_for(model.framework.id, model.framework.version)
    except Exception as exc:  # the lookup raises a NotFoundError with its own message
        raise InterchangeError(f"{source}: framework: {exc}") from None
    return _check_against(model, framework, source)


def _check_against(model: DocumentModel, framework: Framework,
                   source: str) -> EngagementDocument:
    problems: list[str] = []
    names = [a.name for a in model.assessors]
    if len(set(names)) != len(names):
        problems.append("assessors: an assessor is listed twice")
    levels = set(framework.scale_fraction)
    objective_keys = set(framework.objective_fraction)
    target_levels = {b.level for b in framework.bands}
    d = model.engagement
    if d.start_date and d.end_date and d.end_date < d.start_date:
        problems.append("engagement.end_date: before start_date")

    def check_value(where: str, code: str, value: Level, owner: str) -> IndicatorValue | None:
        if framework.indicator_owner.get(code) != owner:
            known = "an indicator of " + framework.indicator_owner[code] \
                if code in framework.indicator_owner else "not an indicator of this framework"
            problems.append(f"{where}.indicators.{code}: {known}, not of {owner}")
            return None
        if value == NA:
            return NA
        if isinstance(value, bool) or not isinstance(value, int) or value not in levels:
            problems.append(f"{where}.indicators.{code}: {value!r} is not a level "
                            f"({', '.join(map(str, sorted(levels)))}) or \"na\"")
            return None
        return value

    def check_element(where: str, code: str) -> bool:
        if code in framework.element_by_code or code in framework.enabler_by_code:
            return True
        problems.append(f"{where}.element: {code!r} is not an element or enabler of "
                        f"{framework.id} {framework.version}")
        return False

    def check_objective(where: str, code: str, key: str | None) -> str | None:
        if key is None:
            return None
        if code in framework.enabler_by_code:
            problems.append(f"{where}.objective: enablers have no statement of objective")
            return None
        if key not in objective_keys:
            problems.append(f"{where}.objective: {key!r} is not one of "
                            f"{', '.join(sorted(objective_keys))}")
            return None
        return key

    def check_target(where: str, code: str, target: int | None) -> int | None:
        if target is None:
            return None
        if code in framework.enabler_by_code:
            problems.append(f"{where}.target: enablers carry no target level")
            return None
        if target not in target_levels:
            problems.append(f"{where}.target: {target!r} is not a level "
                            f"({', '.join(map(str, sorted(target_levels)))})")
            return None
        return target

    per_assessor: dict[str, tuple[dict[str, IndicatorValue], dict[str, str]]] = {
        n: ({}, {}) for n in names}
    seen_entries: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(model.ratings):
        first = seen_entries.setdefault((entry.assessor, entry.element), index)
        if first != index:
            problems.append(f"ratings[{index}]: a second entry for {entry.assessor} and "
                            f"{entry.element} (the first is ratings[{first}]); merge them")
    seen_consensus: dict[str, int] = {}
    for index, c in enumerate(model.consensus):
        first = seen_consensus.setdefault(c.element, index)
        if first != index:
            problems.append(f"consensus[{index}]: a second entry for {c.element} (the first "
                            f"is consensus[{first}]); merge them")
    targets: dict[str, int] = {}
    evidence: list[ElementEvidence] = []
    for index, entry in enumerate(model.ratings):
        where = f"ratings[{index}]"
        if entry.assessor not in per_assessor:
            problems.append(f"{where}.assessor: {entry.assessor!r} is not one of the assessors")
            continue
        if not check_element(where, entry.element):
            continue
        indicators, objectives = per_assessor[entry.assessor]
        for code, value in entry.indicators.items():
            checked = check_value(where, code, value, entry.element)
            if checked is not None:
                indicators[code] = checked
        for code in entry.indicator_notes:
            if framework.indicator_owner.get(code) != entry.element:
                problems.append(f"{where}.indicator_notes.{code}: not an indicator of "
                                f"{entry.element}")
        objective = check_objective(where, entry.element, entry.objective)
        if objective is not None:
            objectives[entry.element] = objective
        target = check_target(where, entry.element, entry.target)
        if target is not None:
            targets[entry.element] = target
        item = ElementEvidence(entry.element, entry.assessor, entry.notes,
                               tuple(entry.strengths), tuple(entry.opportunities),
                               tuple(sorted(entry.indicator_notes.items())))
        if not item.is_empty():
            evidence.append(item)

    consensus_indicators: dict[str, IndicatorValue] = {}
    consensus_objectives: dict[str, str] = {}
    consensus_targets: dict[str, int] = {}
    reasons: list[tuple[str, str]] = []
    for index, c_entry in enumerate(model.consensus):
        where = f"consensus[{index}]"
        if not check_element(where, c_entry.element):
            continue
        for code, value in c_entry.indicators.items():
            checked = check_value(where, code, value, c_entry.element)
            if checked is not None:
                consensus_indicators[code] = checked
        objective = check_objective(where, c_entry.element, c_entry.objective)
        if objective is not None:
            consensus_objectives[c_entry.element] = objective
        target = check_target(where, c_entry.element, c_entry.target)
        if target is not None:
            consensus_targets[c_entry.element] = target
        for code, reason in c_entry.reasons.items():
            if code != c_entry.element and framework.indicator_owner.get(code) != c_entry.element:
                problems.append(f"{where}.reasons.{code}: not {c_entry.element} or one of its "
                                "indicators")
            else:
                reasons.append((code, reason))
    targets.update(consensus_targets)  # a consensus entry's target wins

    actions = []
    for index, a in enumerate(model.actions):
        if check_element(f"actions[{index}]", a.element):
            actions.append(Action(a.element, a.action, a.owner, a.priority,
                                  a.due_date.isoformat() if a.due_date else None, a.status))
    if problems:
        shown = "; ".join(problems[:20])
        more = f"; … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise InterchangeError(f"{source}: {shown}{more}")
    ratings = RatingSet(
        assessors={n: Ratings(i, o) for n, (i, o) in per_assessor.items()},
        consensus=Ratings(consensus_indicators, consensus_objectives),
        targets=targets)
    details = EngagementDetails(
        client=d.client, site=d.site, title=d.title, lead_assessor=d.lead_assessor,
        start_date=d.start_date.isoformat() if d.start_date else None,
        end_date=d.end_date.isoformat() if d.end_date else None, brand=d.brand)
    return EngagementDocument(
        details=details, framework_id=framework.id, framework_version=framework.version,
        assessors=tuple(Assessor(a.name, a.role, a.initials) for a in model.assessors),
        ratings=ratings, evidence=tuple(evidence), actions=tuple(actions),
        consensus_reasons=tuple(reasons))


def document_to_dict(doc: EngagementDocument, framework: Framework) -> dict[str, Any]:
    """The document as `workbench.engagement/1` JSON data, in framework order (stable)."""
    order = {code: n for n, code in enumerate(
        [e.code for e in framework.elements()] + [n.code for n in framework.enablers])}
    indicator_order = {code: n for n, code in enumerate(framework.indicator_by_code)}
    evidence = {(e.assessor, e.element): e for e in doc.evidence}
    ratings: list[dict[str, Any]] = []
    for assessor in doc.assessors:
        mine = doc.ratings.assessors.get(assessor.name, Ratings())
        touched = {framework.indicator_owner[c] for c in mine.indicators} | set(mine.objectives)
        touched |= {el for (who, el) in evidence if who == assessor.name}
        for element in sorted(touched, key=lambda c: order.get(c, 10**6)):
            entry: dict[str, Any] = {"assessor": assessor.name, "element": element}
            values = {c: v for c, v in mine.indicators.items()
                      if framework.indicator_owner[c] == element}
            if values:
                entry["indicators"] = {c: values[c] for c in
                                       sorted(values, key=lambda c: indicator_order[c])}
            if element in mine.objectives:
                entry["objective"] = mine.objectives[element]
            ev = evidence.get((assessor.name, element))
            if ev:
                if ev.indicator_notes:
                    entry["indicator_notes"] = dict(ev.indicator_notes)
                if ev.notes:
                    entry["notes"] = ev.notes
                if ev.strengths:
                    entry["strengths"] = list(ev.strengths)
                if ev.opportunities:
                    entry["opportunities"] = list(ev.opportunities)
            ratings.append(entry)
    consensus: list[dict[str, Any]] = []
    cons = doc.ratings.consensus
    reasons = dict(doc.consensus_reasons)
    touched = {framework.indicator_owner[c] for c in cons.indicators} | set(cons.objectives) | \
        set(doc.ratings.targets) | {framework.indicator_owner.get(c, c) for c in reasons}
    for element in sorted(touched, key=lambda c: order.get(c, 10**6)):
        c_entry: dict[str, Any] = {"element": element}
        values = {c: v for c, v in cons.indicators.items()
                  if framework.indicator_owner[c] == element}
        if values:
            c_entry["indicators"] = {c: values[c] for c in
                                     sorted(values, key=lambda c: indicator_order[c])}
        if element in cons.objectives:
            c_entry["objective"] = cons.objectives[element]
        if element in doc.ratings.targets:
            c_entry["target"] = doc.ratings.targets[element]
        mine_reasons = {c: r for c, r in reasons.items()
                        if c == element or framework.indicator_owner.get(c) == element}
        if mine_reasons:
            c_entry["reasons"] = mine_reasons
        consensus.append(c_entry)
    d = doc.details
    out: dict[str, Any] = {
        "format": FORMAT,
        "framework": {"id": doc.framework_id, "version": doc.framework_version},
        "engagement": {"client": d.client, "site": d.site, "title": d.title,
                       "lead_assessor": d.lead_assessor, "start_date": d.start_date,
                       "end_date": d.end_date, "brand": d.brand},
        "assessors": [{"name": a.name, "role": a.role, "initials": a.initials}
                      for a in doc.assessors],
        "ratings": ratings,
        "consensus": consensus,
        "actions": [{"element": a.element, "action": a.action, "owner": a.owner,
                     "priority": str(a.priority), "due_date": a.due_date,
                     "status": str(a.status)} for a in doc.actions],
    }
    if doc.id is not None:
        out["id"] = doc.id
        out["status"] = str(doc.status)
        out["revision"] = doc.revision
    if doc.attachments:
        out["attachments"] = [{"element": a.element, "filename": a.filename,
                               "caption": a.caption, "media_type": a.media_type,
                               "size": a.size, "sha256": a.sha256} for a in doc.attachments]
    return out
