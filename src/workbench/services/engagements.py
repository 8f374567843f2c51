"""Engagement use cases: create, edit details, team, duplicate, archive, delete, list, JSON."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

from workbench.core import limits
from workbench.core.engagement import (
    Assessor,
    EngagementDetails,
    EngagementDocument,
    EngagementStatus,
    EngagementSummary,
)
from workbench.core.errors import InvalidValueError, TooLongError, WorkbenchError
from workbench.core.files import check_output_target, read_regular_file, write_atomically
from workbench.core.framework import DEFAULT_FRAMEWORK_ID, Framework
from workbench.core.scoring import score_engagement
from workbench.core.strict_json import control_character
from workbench.core.team import AssessorWork, Reassignment
from workbench.services import frameworks as installed_frameworks
from workbench.services import signed_record
from workbench.services.session import Change, ChangeKind, Session
from workbench.storage import documents, engagements, evidence, frameworks, site_log, team_work
from workbench.storage.db_errors import DatabaseBusyError, DiskFullError
from workbench.storage.ratings import rating_set

MAX_TEXT = limits.NAME


def new_id() -> str:
    """A short, unambiguous id a consultant can type: 10 characters of base32."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    import secrets  # hmac and OpenSSL: only when an engagement is made

    return "".join(secrets.choice(alphabet) for _ in range(10))


def _clean_details(d: EngagementDetails) -> EngagementDetails:
    cleaned = d._replace(client=d.client.strip(), site=d.site.strip(), title=d.title.strip(),
                         lead_assessor=d.lead_assessor.strip(),
                         brand=(d.brand or "default").strip())
    if not cleaned.client:
        raise InvalidValueError("an engagement needs a client name")
    if not cleaned.lead_assessor:
        raise InvalidValueError("an engagement needs a lead assessor")
    limits.check_details(cleaned)
    for name, value in (("client", cleaned.client), ("site", cleaned.site),
                        ("title", cleaned.title), ("lead assessor", cleaned.lead_assessor)):
        bad = control_character(value)
        if bad is not None:
            raise InvalidValueError(f"the {name} holds a control character "
                                    f"(U+{ord(bad):04X}); only plain text is allowed")
    from workbench.core.brand_name import BRAND_NAME

    if not BRAND_NAME.match(cleaned.brand):
        raise InvalidValueError(f"{cleaned.brand!r} is not a brand profile name (letters, "
                                "digits, - and _), and never a path")
    for name, day in (("start date", cleaned.start_date), ("end date", cleaned.end_date)):
        if day:
            try:
                dt.date.fromisoformat(day)
            except ValueError:
                raise InvalidValueError(f"the {name} {day!r} is not a date (YYYY-MM-DD)") \
                    from None
    if cleaned.start_date and cleaned.end_date and cleaned.end_date < cleaned.start_date:
        raise InvalidValueError("the end date is before the start date")
    return cleaned


def check_details(details: EngagementDetails) -> None:
    """Refuse details `create` or `update_details` would refuse (a dialog asks before closing)."""
    _clean_details(details)


def create(session: Session, details: EngagementDetails, *,
           framework_id: str = DEFAULT_FRAMEWORK_ID, framework_version: str | None = None,
           team: list[Assessor] | None = None) -> Change:
    """A new engagement on a bundled (or stored) framework; the lead assessor joins the team."""
    from workbench.core.framework_loader import bundled_framework  # pydantic: when creating

    details = _clean_details(details)
    try:
        framework = bundled_framework(framework_id, framework_version)
    except WorkbenchError:
        framework = installed_frameworks.find(session, framework_id, framework_version)
    engagement_id = new_id()
    with session.db.atomic():
        frameworks.store_framework(session.db, framework)
        engagements.insert(session.db, engagement_id, details, framework.id, framework.version)
        members = list(team or [])
        if details.lead_assessor not in [m.name for m in members]:
            members.insert(0, Assessor(details.lead_assessor, "Lead assessor"))
        for member in members:
            engagements.add_assessor(session.db, engagement_id, member)
        session.log(engagement_id, "create engagement", engagement_id,
                    new={"client": details.client, "framework": framework.id})
    return Change(ChangeKind.ENGAGEMENT_CREATED, engagement_id, new=engagement_id)


def update_details(session: Session, engagement_id: str, details: EngagementDetails) -> Change:
    details = _clean_details(details)
    with session.edit(engagement_id):
        old = engagements.details(session.db, engagement_id)
        engagements.update_details(session.db, engagement_id, details)
        team = [a.name for a in engagements.assessors(session.db, engagement_id)]
        if details.lead_assessor not in team:
            engagements.add_assessor(session.db, engagement_id,
                                     Assessor(details.lead_assessor, "Lead assessor"))
        session.log(engagement_id, "edit details", "", old._asdict(), details._asdict())
    return Change(ChangeKind.ENGAGEMENT_UPDATED, engagement_id, old=old, new=details)


def add_assessor(session: Session, engagement_id: str, assessor: Assessor) -> Change:
    limits.check_assessor(assessor)
    with session.edit(engagement_id):
        engagements.add_assessor(session.db, engagement_id, assessor)
        session.log(engagement_id, "add assessor", assessor.name, new=assessor._asdict())
    return Change(ChangeKind.ASSESSORS, engagement_id, assessor=assessor.name)


def update_assessor(session: Session, engagement_id: str, name: str, new: Assessor) -> Change:
    limits.check_assessor(new)
    with session.edit(engagement_id):
        engagements.update_assessor(session.db, engagement_id, name, new)
        session.log(engagement_id, "edit assessor", name, new=new._asdict())
    return Change(ChangeKind.ASSESSORS, engagement_id, assessor=new.name)


def assessor_work(session: Session, engagement_id: str, name: str) -> AssessorWork:
    """What an assessor has recorded (ratings, notes, findings, attachments)."""
    return team_work.work_of(session.db, engagement_id,
                             engagements.assessor_id(session.db, engagement_id, name))


def remove_assessor(session: Session, engagement_id: str, name: str, *,
                    reassign_to: str | None = None) -> Change:
    """Remove an assessor from the team; their work must move to `reassign_to` first.

    An assessor who recorded nothing is simply removed. Otherwise, without `reassign_to`,
    the removal is refused (nothing is orphaned or lost); with it, their ratings, notes,
    findings and attachments move to that colleague, whose own values win where both rated.
    The Change's `new` is the Reassignment (what moved, which values were kept), or None.
    """
    with session.edit(engagement_id):
        if engagements.details(session.db, engagement_id).lead_assessor == name:
            raise InvalidValueError(f"{name} is the lead assessor; name another lead first")
        source = engagements.assessor_id(session.db, engagement_id, name)
        work = team_work.work_of(session.db, engagement_id, source)
        moved: Reassignment | None = None
        if reassign_to is not None:
            if reassign_to == name:
                raise InvalidValueError(f"{name}'s work cannot move to {name}; choose another "
                                        "assessor")
            target = engagements.assessor_id(session.db, engagement_id, reassign_to)
            kept = team_work.move_work(session.db, engagement_id, source, target)
            moved = Reassignment(name, reassign_to, work, tuple(kept))
        elif not work.empty:
            others = [a.name for a in engagements.assessors(session.db, engagement_id)
                      if a.name != name]
            raise InvalidValueError(
                f"{name} has recorded {work.describe()}; to keep them, move them to another "
                f"assessor ({', '.join(others)}) before removing {name}")
        engagements.remove_assessor(session.db, engagement_id, name)
        session.log(engagement_id, "remove assessor", name,
                    new=None if moved is None else {"reassigned_to": moved.target,
                                                    "moved": moved.moved._asdict(),
                                                    "kept": [list(k) for k in moved.kept]})
    return Change(ChangeKind.ASSESSORS, engagement_id, assessor=name, new=moved)


def team(session: Session, engagement_id: str) -> list[Assessor]:
    return engagements.assessors(session.db, engagement_id)


def set_archived(session: Session, engagement_id: str, archived: bool = True) -> Change:
    with session.db.atomic():
        engagements.row(session.db, engagement_id)
        engagements.set_field(session.db, engagement_id, "archived", int(archived))
        session.log(engagement_id, "archive" if archived else "restore", engagement_id)
    return Change(ChangeKind.ENGAGEMENT_UPDATED, engagement_id, new={"archived": archived})


def delete(session: Session, engagement_id: str) -> Change:
    """Delete an engagement and everything recorded in it (the audit log keeps its trace)."""
    with session.db.atomic():
        old = engagements.row(session.db, engagement_id)
        if old["status"] == EngagementStatus.SIGNED_OFF:
            raise InvalidValueError("a signed-off engagement cannot be deleted; archive it")
        engagements.delete(session.db, engagement_id)
        session.log(engagement_id, "delete engagement", engagement_id,
                    old={"client": old["client"], "title": old["title"]})
    session.forget(engagement_id)
    return Change(ChangeKind.ENGAGEMENT_DELETED, engagement_id)


def duplicate(session: Session, source_id: str, *, with_ratings: bool = True,
              details: EngagementDetails | None = None) -> Change:
    """A new engagement from a previous one: its ratings as a baseline, or its structure only."""
    doc = documents.load(session.db, source_id)
    new_details = _clean_details(details) if details else doc.details._replace(
        title=(doc.details.title + " (copy)")[:MAX_TEXT], start_date=None,
        end_date=None)
    engagement_id = new_id()
    with session.db.atomic():
        documents.insert(session.db, engagement_id, doc._replace(details=new_details),
                         with_ratings=with_ratings, baseline_id=source_id)
        if new_details.lead_assessor not in [a.name for a in doc.assessors]:
            engagements.add_assessor(session.db, engagement_id,
                                     Assessor(new_details.lead_assessor, "Lead assessor"))
        if with_ratings:
            ids = {a.name: engagements.assessor_id(session.db, engagement_id, a.name)
                   for a in doc.assessors}
            for item in doc.attachments:
                evidence.add_attachment(
                    session.db, engagement_id, item.element,
                    ids.get(item.assessor) if item.assessor else None, item.sha256,
                    item.filename, item.caption, item.media_type, item.size, item.width,
                    item.height)
        session.log(engagement_id, "duplicate engagement", source_id,
                    new={"from": source_id, "with_ratings": with_ratings})
    return Change(ChangeKind.ENGAGEMENT_CREATED, engagement_id, old=source_id, new=engagement_id)


def summaries(session: Session, include_archived: bool = False, search: str = "",
              only_id: str | None = None) -> list[EngagementSummary]:
    """The engagement list, with each total and level (computed once after each change)."""
    rows = engagements.summaries(session.db, include_archived, search, only_id)
    # A signed engagement's cached score is never trusted: anyone with the file can
    # rewrite a cache column, so it is recomputed from the (hash-checked) ratings.
    stale = [r for r in rows if r.total is None or r.status is EngagementStatus.SIGNED_OFF]
    if not stale:
        return rows
    fresh = {}
    for r in stale:
        framework = session.framework(r.framework_id, r.framework_version)
        result = score_engagement(framework, rating_set(session.db, r.id))
        fresh[r.id] = r._replace(total=result.total, level=result.level)
    caches = [r for r in stale if r.status is not EngagementStatus.SIGNED_OFF]
    if caches and not session.read_only:
        # The cache only saves time: when another program holds the database (or the disk
        # is full), the list is shown from the fresh scores without keeping them.
        with contextlib.suppress(DatabaseBusyError, DiskFullError), session.db.atomic():
            for r in caches:
                total = fresh[r.id].total
                if total is not None:
                    engagements.cache_score(session.db, r.id, total, fresh[r.id].level)
    return [fresh.get(r.id, r) for r in rows]


def details(session: Session, engagement_id: str) -> EngagementDetails:
    return engagements.details(session.db, engagement_id)


def summary(session: Session, engagement_id: str) -> EngagementSummary:
    found = summaries(session, only_id=engagement_id)
    if not found:
        engagements.row(session.db, engagement_id)  # raises NotFoundError
    return found[0]


def document(session: Session, engagement_id: str) -> EngagementDocument:
    return documents.load(session.db, engagement_id)


def export_json(session: Session, engagement_id: str, path: Path) -> Path:
    from workbench.core.interchange_dict import document_to_dict

    check_output_target(path)
    signed_record.check(session, engagement_id)
    doc = documents.load(session.db, engagement_id)
    data = document_to_dict(doc, session.framework_of(engagement_id))
    data["exported_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    write_atomically(path, text.encode("utf-8"))
    return path


def import_json(session: Session, path: Path) -> Change:
    """A new engagement from a `workbench.engagement/1` file; nothing is written unless valid."""
    from workbench.core.framework_loader import bundled_framework  # pydantic: when importing
    from workbench.core.interchange import MAX_DOCUMENT_BYTES, parse_document

    raw = read_regular_file(path, limit=MAX_DOCUMENT_BYTES, what="engagement JSON file")

    def framework_for(framework_id: str, version: str) -> Framework:
        try:
            return session.framework(framework_id, version)
        except WorkbenchError:
            return bundled_framework(framework_id, version)

    doc = parse_document(raw, str(path), framework_for)
    try:
        limits.check_document(doc)  # the same limits as every edit: an export imports back
    except TooLongError as exc:
        raise TooLongError(f"{path}: {exc}") from None
    framework = framework_for(doc.framework_id, doc.framework_version)
    engagement_id = new_id()
    with session.db.atomic():
        frameworks.store_framework(session.db, framework)
        documents.insert(session.db, engagement_id, doc)
        site_log.add_many(session.db, engagement_id, doc.interviews, doc.documents)
        if doc.details.lead_assessor not in [a.name for a in doc.assessors]:
            engagements.add_assessor(session.db, engagement_id,
                                     Assessor(doc.details.lead_assessor, "Lead assessor"))
        session.log(engagement_id, "import engagement", str(path),
                    new={"client": doc.details.client})
    return Change(ChangeKind.ENGAGEMENT_CREATED, engagement_id, new=engagement_id)

