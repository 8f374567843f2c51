"""The scoring workbook use cases: export it, preview a filled-in one, import it.

Whose ratings a workbook carries (see exports/workbook_inputs.py):
- by default the **team's result** (consensus, else agreement). Its import is
  symmetric: every level, objective or target that differs from the team's
  current result is recorded as a **consensus value**; an empty cell never
  clears a team value (only the workbench can do that);
- with `assessor=NAME`, that **assessor's own** ratings and evidence. Its
  import records what differs from that assessor's current ratings as theirs.
Passing `assessor` to the import records the workbook's values as that
assessor's ratings whatever the workbook held (a client's self-assessment, a
colleague without the app); a name not in the team joins it. A workbook whose
engagement is not in this database becomes a new engagement.

Nothing is written until `apply_import`, which writes the whole preview in one
transaction after checking that nothing changed since the preview was made.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from workbench import __version__
from workbench.core import limits
from workbench.core.engagement import Assessor, EngagementDetails, EngagementDocument, FindingKind
from workbench.core.errors import InvalidValueError, NotFoundError, WorkbenchError
from workbench.core.files import check_output_target
from workbench.core.framework import Framework
from workbench.core.framework_loader import bundled_framework
from workbench.core.progress import Progress, no_progress
from workbench.core.ratings import NA
from workbench.core.scoring import Source, resolve_indicator, resolve_objective
from workbench.core.visual import visual
from workbench.exports.workbook_inputs import assessor_inputs, team_inputs
from workbench.exports.workbook_layout import META, Basis, Meta
from workbench.exports.workbook_reader import Problem, Read, WorkbookContent, read_workbook
from workbench.exports.workbook_text import cell_text, same_items, same_text
from workbench.exports.workbook_writer import WorkbookRequest, write_workbook
from workbench.services import comparison, signed_record
from workbench.services import engagements as engagement_service
from workbench.services.session import Change, ChangeKind, Session
from workbench.storage import engagements, evidence, ratings

__all__ = ["ElementChanges", "Field", "ImportPreview", "Problem", "ValueChange",
           "apply_import", "brand_colours", "export", "preview_import"]


def brand_colours(brand: str | None) -> tuple[str, str]:
    """(primary, accent) of a brand profile (`default`: the chosen default profile); the
    visual language's defaults if it cannot load."""
    try:
        from workbench.services.brands import resolve

        loaded = resolve(brand)
        return loaded.primary, loaded.accent
    except (ImportError, WorkbenchError):
        defaults = visual().brand
        return defaults["primary"], defaults["accent"]


def export(session: Session, engagement_id: str, path: Path, progress: Progress = no_progress,
           *, assessor: str | None = None, brand: str | None = None) -> Path:
    """Write the engagement's live scoring workbook: the team's result, or one assessor's.

    `brand` picks the profile whose colours it takes (a profile that does not load is an
    error); without it, the engagement's own profile, or the app's colours if that fails."""
    check_output_target(path)
    chosen = None
    if brand is not None:
        from workbench.services.brands import resolve

        loaded = resolve(brand)
        chosen = (loaded.primary, loaded.accent)
    signed_record.check(session, engagement_id)
    progress(0.0, "Reading the engagement")
    doc = engagement_service.document(session, engagement_id)
    framework = session.framework_of(engagement_id)
    if assessor is not None:
        if assessor not in {a.name for a in doc.assessors}:
            raise NotFoundError(f"{assessor!r} is not in the team of this engagement")
        inputs = assessor_inputs(doc, assessor)
    else:
        inputs = team_inputs(doc, framework)
    primary, accent = chosen or brand_colours(doc.details.brand)
    # One assessor's own workbook is for their ratings alone; the team's shows the change.
    change = comparison.change_input(session, engagement_id) if assessor is None else None
    request = WorkbookRequest(doc, framework, inputs, primary, accent, __version__,
                              _now(), change)
    return write_workbook(request, path, progress)


def _now() -> str:
    # The storage's timestamp format, so an import can tell edits made after the export.
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


# --- the preview ---------------------------------------------------------------------------

class Field(StrEnum):
    LEVEL = "level"
    OBJECTIVE = "objective"
    TARGET = "target"
    NOTES = "notes"
    INDICATOR_NOTE = "indicator note"
    STRENGTHS = "strengths"
    OPPORTUNITIES = "opportunities"


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


def _show(value: Any, kind: Field, framework: Framework | None) -> str:
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


def _current(doc: EngagementDocument | None, framework: Framework,
             assessor: str | None) -> _Current:
    if doc is None:
        return _Current({}, {}, {}, {}, {}, {}, {})
    targets = dict(doc.ratings.targets)
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
        return _Current(indicators, objectives, targets, {}, {}, {}, {})
    mine = doc.ratings.assessors.get(assessor)
    current = _Current(dict(mine.indicators) if mine else {},
                       dict(mine.objectives) if mine else {}, targets, {}, {}, {}, {})
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
                                         _show(old, kind, framework),
                                         _show(read.value, kind, framework))))

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
    workbook_eid = meta.get(Meta.ENGAGEMENT_ID, "")
    if engagement_id is not None:
        engagements.row(session.db, engagement_id)  # NotFoundError for an unknown id
        target_id: str | None = engagement_id
        if content.readable and workbook_eid and workbook_eid != engagement_id:
            problems.append(Problem(META, cells.get(Meta.ENGAGEMENT_ID, ""),
                                    f"this workbook was exported from another engagement "
                                    f"({_label(meta)}, id {workbook_eid}), not {engagement_id}"))
    else:
        target_id = workbook_eid if workbook_eid and _engagement_exists(session,
                                                                        workbook_eid) else None
    doc = engagement_service.document(session, target_id) if target_id else None
    if doc is not None and content.readable and (doc.framework_id, doc.framework_version) != (
            fid, fver):
        problems.append(Problem(META, cells.get(Meta.FRAMEWORK_VERSION, ""),
                                f"the workbook is for framework {fid} {fver}; the engagement "
                                f"uses {doc.framework_id} {doc.framework_version}"))
    # Whose values the workbook's inputs become.
    basis = content.basis
    if assessor is None and basis is Basis.ASSESSOR:
        assessor = meta.get(Meta.ASSESSOR) or None
    if assessor is None and doc is None:
        assessor = _details_from(meta).lead_assessor
    team = assessor is None
    new_assessor = doc is not None and assessor is not None and \
        assessor not in {a.name for a in doc.assessors}
    if doc is not None:
        target = f"{doc.details.client} — {doc.details.title} (id {target_id})"
    else:
        target = f"a new engagement: {_label(meta)}"
    details = _details_from(meta) if doc is None else None
    elements: tuple[ElementChanges, ...] = ()
    remarks: list[str] = []
    expected: tuple[tuple[str, str, Any], ...] = ()
    if content.readable and content.framework is not None:
        current = _current(doc, content.framework, assessor)
        found, remarks = _diff(content, current, team=team,
                               with_texts=basis is Basis.ASSESSOR and not team)
        elements = _group(content.framework, found)
        expected = tuple((str(c.field), c.code, _freeze(c.old)) for _, c in found)
        too_long = _too_long([c for _, c in found])
        # The reader checks lengths too; one message per cell, the one naming the element.
        places = {(p.sheet, p.cell) for p in too_long}
        problems = [p for p in problems if (p.sheet, p.cell) not in places] + too_long
    problems += _too_long_names(details, assessor, cells)
    if doc is not None and content.readable:
        exported = meta.get(Meta.EXPORTED_AT, "")
        updated = engagements.row(session.db, doc.id or "").get("updated_at", "")
        if exported and updated and str(updated) > exported:
            remarks.append("the engagement changed in the workbench after this workbook was "
                           "exported; the changes listed replace the values it has now")
    progress(1.0, "Preview ready")
    return ImportPreview(path, target_id, target, assessor, basis, fid, fver, elements,
                         tuple(problems), tuple(remarks), new_assessor, details, expected)


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
    return tuple(value) if isinstance(value, list) else value


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
