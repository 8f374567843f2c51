"""Importing a filled-in workbook: `preview_import` reads and compares, `apply_import` writes.

See `services.workbook` for whose ratings a workbook carries and what an import records.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.core import limits
from workbench.core.engagement import (
    Action,
    Assessor,
    EngagementDetails,
    EngagementDocument,
    FindingKind,
)
from workbench.core.errors import InvalidValueError, WorkbenchError
from workbench.core.framework import Framework
from workbench.core.framework_loader import bundled_framework
from workbench.core.progress import Progress, no_progress
from workbench.core.scoring import Source, resolve_indicator, resolve_objective
from workbench.exports.workbook.layout import META, Basis, Meta
from workbench.exports.workbook.reader import Problem, Read, WorkbookContent, read_workbook
from workbench.exports.workbook.text import cell_text, same_items, same_text
from workbench.services import engagements as engagement_service
from workbench.services.session import Change, ChangeKind, Session
from workbench.services.signed_record import is_signed
from workbench.services.workbook_actions import action_as_logged, action_changes, write_action
from workbench.services.workbook_changes import (
    ElementChanges,
    Field,
    ImportPreview,
    ValueChange,
    shown,
)
from workbench.storage import engagements, evidence, ratings


def _framework_lookup(session: Session) -> Any:
    def lookup(framework_id: str, version: str) -> Framework | None:
        try:
            return session.framework(framework_id, version)
        except WorkbenchError:
            pass
        try:
            return bundled_framework(framework_id, version)
        except WorkbenchError:
            return None
    return lookup


def _engagement_exists(session: Session, engagement_id: str) -> bool:
    return engagement_id in engagements.ids(session.db)


@dataclass
class _Current:
    """The destination's values now: what the import compares against and overwrites."""

    indicators: dict[str, Any]
    objectives: dict[str, Any]
    targets: dict[str, Any]
    notes: dict[str, str]
    indicator_notes: dict[str, str]
    strengths: dict[str, list[str]]
    opportunities: dict[str, list[str]]
    actions: dict[int, Action] = field(default_factory=dict)


def _current(doc: EngagementDocument | None, framework: Framework,
             assessor: str | None) -> _Current:
    if doc is None:
        return _Current({}, {}, {}, {}, {}, {}, {})
    targets = dict(doc.ratings.targets)
    plan = {a.id: a for a in doc.actions if a.id is not None}
    if assessor is None:
        indicators: dict[str, Any] = {}
        for code in framework.indicator_owner:
            found = resolve_indicator(framework, doc.ratings, code)
            if found.source in (Source.CONSENSUS, Source.AGREED):
                indicators[code] = found.value
        objectives: dict[str, Any] = {}
        for element in framework.elements():
            found = resolve_objective(framework, doc.ratings, element.code)
            if found.source in (Source.CONSENSUS, Source.AGREED):
                objectives[element.code] = found.value
        return _Current(indicators, objectives, targets, {}, {}, {}, {}, plan)
    mine = doc.ratings.assessors.get(assessor)
    current = _Current(dict(mine.indicators) if mine else {},
                       dict(mine.objectives) if mine else {}, targets, {}, {}, {}, {}, plan)
    for item in doc.evidence:
        if item.assessor != assessor:
            continue
        current.notes[item.element] = item.notes
        current.strengths[item.element] = list(item.strengths)
        current.opportunities[item.element] = list(item.opportunities)
        current.indicator_notes.update(dict(item.indicator_notes))
    return current


def _diff(content: WorkbookContent, current: _Current, *, team: bool,
          with_texts: bool) -> tuple[list[tuple[str, ValueChange]], list[str]]:
    """(owner code, change) for every input that differs; remarks on what is left alone."""
    framework = content.framework
    assert framework is not None
    found: list[tuple[str, ValueChange]] = []
    kept = 0

    def add(owner: str, kind: Field, code: str, old: Any, read: Read[Any]) -> None:
        found.append((owner, ValueChange(kind, code, old, read.value, read.sheet, read.cell,
                                         shown(old, kind, framework),
                                         shown(read.value, kind, framework))))

    for code, read in content.indicators.items():
        old = current.indicators.get(code)
        if read.value is None and team:
            kept += old is not None
            continue
        if read.value != old:
            add(framework.indicator_owner[code], Field.LEVEL, code, old, read)
    for code, judged in content.objectives.items():
        old = current.objectives.get(code)
        if judged.value is None and team:
            kept += old is not None
            continue
        if judged.value != old:
            add(code, Field.OBJECTIVE, code, old, judged)
    for code, target in content.targets.items():
        if target.value != current.targets.get(code):
            add(code, Field.TARGET, code, current.targets.get(code), target)
    if with_texts:
        for code, text in content.notes.items():
            if not same_text(current.notes.get(code, ""), text.value):
                add(code, Field.NOTES, code, current.notes.get(code, ""), text)
        for code, text in content.indicator_notes.items():
            if not same_text(current.indicator_notes.get(code, ""), text.value):
                add(framework.indicator_owner[code], Field.INDICATOR_NOTE, code,
                    current.indicator_notes.get(code, ""), text)
        for kind, mine, read_items in (
                (Field.STRENGTHS, current.strengths, content.strengths),
                (Field.OPPORTUNITIES, current.opportunities, content.opportunities)):
            for code, items in read_items.items():
                if not same_items(mine.get(code, []), items.value):
                    add(code, kind, code, mine.get(code, []), items)
    remarks = []
    if kept:
        remarks.append(f"{kept} empty rating cell(s) leave the team's values as they are; clear "
                       "team values in the workbench")
    return found, remarks


def _group(framework: Framework, found: list[tuple[str, ValueChange]]) -> tuple[
        ElementChanges, ...]:
    order = {c: n for n, c in enumerate([*framework.element_by_code,
                                          *framework.enabler_by_code])}
    grouped: dict[str, list[ValueChange]] = defaultdict(list)
    for owner, change in found:
        grouped[owner].append(change)
    out = []
    for owner in sorted(grouped, key=lambda c: order.get(c, 10**6)):
        title = framework.element_by_code[owner].title if owner in framework.element_by_code \
            else framework.enabler_by_code[owner].name
        out.append(ElementChanges(owner, title, tuple(grouped[owner])))
    return tuple(out)


def _details_from(meta: dict[str, str]) -> EngagementDetails:
    def date(key: str) -> str | None:
        value = meta.get(key) or None
        try:
            return dt.date.fromisoformat(value).isoformat() if value else None
        except ValueError:
            return None
    return EngagementDetails(
        client=cell_text(meta.get(Meta.CLIENT) or "Imported workbook"),
        site=cell_text(meta.get(Meta.SITE, "")),
        title=cell_text(meta.get(Meta.TITLE, "")),
        lead_assessor=cell_text(meta.get(Meta.LEAD) or meta.get(Meta.ASSESSOR)
                                or "Lead assessor"),
        start_date=date(Meta.START), end_date=date(Meta.END),
        brand=meta.get(Meta.BRAND) or "default")


def preview_import(session: Session, path: Path, engagement_id: str | None = None,
                   assessor: str | None = None,
                   progress: Progress = no_progress) -> ImportPreview:
    """Read a filled-in workbook and say what importing it would change; writes nothing."""
    progress(0.0, f"Reading {path.name}")
    content = read_workbook(path, _framework_lookup(session))
    progress(0.6, "Comparing with the engagement")
    meta, cells = content.meta, content.meta_cells
    problems = list(content.problems)
    fid, fver = meta.get(Meta.FRAMEWORK_ID, ""), meta.get(Meta.FRAMEWORK_VERSION, "")
    assessor = assessor.strip() if assessor else None
    if assessor == "":
        raise InvalidValueError("the assessor's name is empty")
    target_id = _destination(session, content, engagement_id, problems)
    doc = engagement_service.document(session, target_id) if target_id else None
    if doc is not None and content.readable and (doc.framework_id, doc.framework_version) != (
            fid, fver):
        problems.append(Problem(META, cells.get(Meta.FRAMEWORK_VERSION, ""),
                                f"the workbook is for framework {fid} {fver}; the engagement "
                                f"uses {doc.framework_id} {doc.framework_version}"))
    if doc is not None and target_id is not None and is_signed(session, target_id):
        problems.insert(0, Problem("", "", _SIGNED_OFF.format(id=target_id)))
    assessor = _whose(content, doc, assessor)
    new_assessor = doc is not None and assessor is not None and \
        assessor not in {a.name for a in doc.assessors}
    if doc is not None:
        target = f"{doc.details.client} — {doc.details.title} (id {target_id})"
    else:
        target = f"a new engagement: {_label(meta)}"
    details = _details_from(meta) if doc is None else None
    elements, remarks, expected, problems = _compare(content, doc, assessor, problems)
    problems += _too_long_names(details, assessor, cells)
    remarks += _changed_since_export(session, content, doc)
    progress(1.0, "Preview ready")
    return ImportPreview(path, target_id, target, assessor, content.basis, fid, fver, elements,
                         tuple(problems), tuple(remarks), new_assessor, details, expected)


_SIGNED_OFF = ("engagement {id} is signed off: its signed revision cannot change; amend it "
               "first (`workbench amend {id} --reason TEXT`, or Engagement ▸ Start an "
               "Amendment… in the GUI), then import the workbook into the new draft revision")


def _destination(session: Session, content: WorkbookContent, engagement_id: str | None,
                 problems: list[Problem]) -> str | None:
    """The engagement the import goes to: the one asked for, else the workbook's if it is here."""
    meta = content.meta
    workbook_eid = meta.get(Meta.ENGAGEMENT_ID, "")
    if engagement_id is None:
        return workbook_eid if workbook_eid and _engagement_exists(session, workbook_eid) \
            else None
    engagements.row(session.db, engagement_id)  # NotFoundError for an unknown id
    if content.readable and workbook_eid and workbook_eid != engagement_id:
        problems.append(Problem(META, content.meta_cells.get(Meta.ENGAGEMENT_ID, ""),
                                f"this workbook was exported from another engagement "
                                f"({_label(meta)}, id {workbook_eid}), not {engagement_id}"))
    return engagement_id


def _whose(content: WorkbookContent, doc: EngagementDocument | None,
           assessor: str | None) -> str | None:
    """Whose values the workbook's inputs become: an assessor's name, or None for the team's."""
    if assessor is None and content.basis is Basis.ASSESSOR:
        assessor = content.meta.get(Meta.ASSESSOR) or None
    if assessor is None and doc is None:
        assessor = _details_from(content.meta).lead_assessor
    return assessor


def _compare(content: WorkbookContent, doc: EngagementDocument | None, assessor: str | None,
             problems: list[Problem]) -> tuple[tuple[ElementChanges, ...], list[str],
                                               tuple[tuple[str, str, Any], ...], list[Problem]]:
    """The changes per element, remarks, the values expected at import, and the problems."""
    if not content.readable or content.framework is None:
        return (), [], (), problems
    team = assessor is None
    current = _current(doc, content.framework, assessor)
    found, remarks = _diff(content, current, team=team,
                           with_texts=content.basis is Basis.ASSESSOR and not team)
    # Action ids are the exporting engagement's: another engagement's workbook is already a
    # problem, and its plan is not compared.
    if doc is None or content.meta.get(Meta.ENGAGEMENT_ID) == doc.id:
        planned, plan_problems, plan_remarks = action_changes(
            content, current.actions if doc is not None else None)
        found += planned
        problems = problems + plan_problems
        remarks += plan_remarks
    expected = tuple((str(c.field), c.code, _freeze(c.old)) for _, c in found)
    too_long = _too_long([c for _, c in found])
    # The reader checks lengths too; one message per cell, the one naming the element.
    places = {(p.sheet, p.cell) for p in too_long}
    problems = [p for p in problems if (p.sheet, p.cell) not in places] + too_long
    return _group(content.framework, found), remarks, expected, problems


def _changed_since_export(session: Session, content: WorkbookContent,
                          doc: EngagementDocument | None) -> list[str]:
    if doc is None or not content.readable:
        return []
    exported = content.meta.get(Meta.EXPORTED_AT, "")
    updated = engagements.row(session.db, doc.id or "").get("updated_at", "")
    if exported and updated and str(updated) > exported:
        return ["the engagement changed in the workbench after this workbook was exported; "
                "the changes listed replace the values it has now"]
    return []


_TEXT_LIMITS = {Field.NOTES: (limits.NOTE, "note"), Field.INDICATOR_NOTE: (limits.NOTE, "note"),
                Field.STRENGTHS: (limits.FINDING, "strength"),
                Field.OPPORTUNITIES: (limits.FINDING, "opportunity for improvement")}


def _too_long(changes: list[ValueChange]) -> list[Problem]:
    """The texts over their limit (`core.limits`, as for any edit): problems, never cut."""
    out = []
    for c in changes:
        if c.field not in _TEXT_LIMITS:
            continue
        limit, what = _TEXT_LIMITS[c.field]
        for text in ([c.new] if isinstance(c.new, str) else c.new):
            try:
                limits.check_text(text, limit, f"{what} on {c.code}")
            except WorkbenchError as exc:
                out.append(Problem(c.sheet, c.cell, str(exc)))
    return out


def _too_long_names(details: EngagementDetails | None, assessor: str | None,
                    cells: dict[str, str]) -> list[Problem]:
    try:
        if details is not None:
            limits.check_details(details)
        limits.check_text(assessor or "", limits.NAME, "assessor's name")
    except WorkbenchError as exc:
        return [Problem(META, cells.get(Meta.CLIENT, ""), str(exc))]
    return []


def _label(meta: dict[str, str]) -> str:
    parts = [p for p in (meta.get(Meta.CLIENT), meta.get(Meta.TITLE)) if p]
    return " — ".join(parts) or "an unnamed engagement"


def _freeze(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else action_as_logged(value)


# --- applying ------------------------------------------------------------------------------

def apply_import(session: Session, preview: ImportPreview) -> Change:
    """Write a preview's changes in one transaction; refused if it has problems or is stale."""
    if preview.problems:
        raise InvalidValueError(f"{preview.path.name}: {len(preview.problems)} problem(s) in "
                                f"the workbook, nothing was imported; the first: "
                                f"{preview.problems[0]}")
    if not preview.has_changes:
        return Change(ChangeKind.RATINGS_IMPORTED, preview.engagement_id or "",
                      assessor=preview.assessor, new=0)
    with session.db.atomic():
        if preview.engagement_id is None:
            assert preview.details is not None
            team = [Assessor(preview.assessor)] if preview.assessor else []
            engagement_id = engagement_service.create(
                session, preview.details, framework_id=preview.framework_id,
                framework_version=preview.framework_version, team=team).engagement_id
        else:
            engagement_id = preview.engagement_id
        with session.edit(engagement_id):
            _apply(session, engagement_id, preview)
            session.log(engagement_id, "import workbook", str(preview.path),
                        new={"changes": preview.change_count,
                             "recorded_as": preview.assessor or "consensus"})
    session.forget(engagement_id)
    return Change(ChangeKind.RATINGS_IMPORTED, engagement_id, assessor=preview.assessor,
                  new=preview.change_count)


def _apply(session: Session, engagement_id: str, preview: ImportPreview) -> None:
    db = session.db
    framework = session.framework_of(engagement_id)
    aid: int | None = None
    if preview.assessor is not None:
        if preview.assessor not in {a.name for a in engagements.assessors(db, engagement_id)}:
            engagements.add_assessor(db, engagement_id, limits.check_assessor(
                Assessor(preview.assessor, "Assessor")))
        aid = engagements.assessor_id(db, engagement_id, preview.assessor)
    if preview.engagement_id is not None:
        doc = engagement_service.document(session, engagement_id)
        now = _current(doc, framework, preview.assessor)
        if _stale(now, preview):
            raise WorkbenchError("the engagement changed since the preview was made; preview "
                                 "the workbook again")
    reason = f"Imported from workbook {preview.path.name}"
    actor = preview.assessor
    for group in preview.elements:
        for c in group.changes:
            _write(session, engagement_id, aid, c, reason)
            session.log(engagement_id, f"import {c.field}", c.code, _freeze(c.old),
                        _freeze(c.new), actor=actor)


def _stale(now: _Current, preview: ImportPreview) -> bool:
    tables = {Field.LEVEL: now.indicators, Field.OBJECTIVE: now.objectives,
              Field.TARGET: now.targets, Field.NOTES: now.notes,
              Field.INDICATOR_NOTE: now.indicator_notes, Field.STRENGTHS: now.strengths,
              Field.OPPORTUNITIES: now.opportunities}
    empty: dict[Field, Any] = {Field.NOTES: "", Field.INDICATOR_NOTE: "",
                               Field.STRENGTHS: (), Field.OPPORTUNITIES: ()}
    for kind, code, old in preview.expected:
        field_kind = Field(kind)
        if field_kind is Field.ACTION:
            if old is not None and _freeze(now.actions.get(old["id"])) != old:
                return True
            continue
        value = _freeze(tables[field_kind].get(code, empty.get(field_kind)))
        if value != old:
            return True
    return False


def _write(session: Session, engagement_id: str, aid: int | None, c: ValueChange,
           reason: str) -> None:
    db = session.db
    if c.field is Field.TARGET:
        ratings.set_target(db, engagement_id, c.code, c.new)
    elif c.field is Field.LEVEL:
        if aid is None:
            ratings.set_consensus_indicator(db, engagement_id, c.code, c.new, reason)
        else:
            ratings.set_indicator(db, engagement_id, aid, c.code, c.new)
    elif c.field is Field.OBJECTIVE:
        if aid is None:
            ratings.set_consensus_objective(db, engagement_id, c.code, c.new, reason)
        else:
            ratings.set_objective(db, engagement_id, aid, c.code, c.new)
    elif c.field is Field.ACTION:
        write_action(session, engagement_id, c)
    elif aid is None:
        raise AssertionError("evidence texts are imported only as an assessor's")
    elif c.field is Field.NOTES:
        ratings.set_notes(db, engagement_id, aid, c.code,
                          limits.check_text(c.new, limits.NOTE, f"note on {c.code}"))
    elif c.field is Field.INDICATOR_NOTE:
        ratings.set_indicator_note(db, engagement_id, aid, c.code,
                                   limits.check_text(c.new, limits.NOTE, f"note on {c.code}"))
    else:
        kind = FindingKind.STRENGTH if c.field is Field.STRENGTHS else FindingKind.OPPORTUNITY
        for finding_id, _ in evidence.findings(db, engagement_id, aid, c.code, kind):
            evidence.remove_finding(db, finding_id)
        for text in c.new:
            evidence.add_finding(db, engagement_id, aid, c.code, kind,
                                 limits.check_text(text, limits.FINDING, str(kind)))
