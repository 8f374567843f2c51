"""Writing the engagement interchange JSON (`workbench.engagement/1`): plain data only.

Apart from core.interchange, which reads (and checks with pydantic), so that writing a
document or hashing it (core.canonical, before every export) imports no pydantic (issue 17).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workbench.core.engagement import EngagementDocument
from workbench.core.framework import Framework
from workbench.core.ratings import Ratings

FORMAT = "workbench.engagement/1"
SITE_LOG_FORMAT = "workbench.site_log/1"


class _Order:
    """Framework order: elements then enablers, indicators as the framework lists them."""

    def __init__(self, framework: Framework) -> None:
        self.framework = framework
        self.element = {code: n for n, code in enumerate(
            [e.code for e in framework.elements()] + [n.code for n in framework.enablers])}
        self.indicator = {code: n for n, code in enumerate(framework.indicator_by_code)}

    def elements(self, codes: set[str]) -> list[str]:
        return sorted(codes, key=lambda c: self.element.get(c, 10**6))

    def indicators_of(self, element: str, values: Mapping[str, Any]) -> dict[str, Any]:
        """The values of `element`'s indicators among `values`, in framework order."""
        owner = self.framework.indicator_owner
        return {c: values[c] for c in sorted((c for c in values if owner[c] == element),
                                             key=lambda c: self.indicator[c])}


def _rating_entries(doc: EngagementDocument, order: _Order) -> list[dict[str, Any]]:
    """One entry per assessor and element they rated or wrote evidence on."""
    owner = order.framework.indicator_owner
    evidence = {(e.assessor, e.element): e for e in doc.evidence}
    ratings: list[dict[str, Any]] = []
    for assessor in doc.assessors:
        mine = doc.ratings.assessors.get(assessor.name, Ratings())
        touched = {owner[c] for c in mine.indicators} | set(mine.objectives)
        touched |= {el for (who, el) in evidence if who == assessor.name}
        for element in order.elements(touched):
            entry: dict[str, Any] = {"assessor": assessor.name, "element": element}
            values = order.indicators_of(element, mine.indicators)
            if values:
                entry["indicators"] = values
            if element in mine.objectives:
                entry["objective"] = mine.objectives[element]
            ev = evidence.get((assessor.name, element))
            if ev:
                texts = (("indicator_notes", dict(ev.indicator_notes)), ("notes", ev.notes),
                         ("strengths", list(ev.strengths)),
                         ("opportunities", list(ev.opportunities)))
                entry.update((key, value) for key, value in texts if value)
            ratings.append(entry)
    return ratings


def _consensus_entries(doc: EngagementDocument, order: _Order) -> list[dict[str, Any]]:
    """One entry per element with a consensus value, a target or a reason."""
    owner = order.framework.indicator_owner
    cons = doc.ratings.consensus
    reasons = dict(doc.consensus_reasons)
    touched = {owner[c] for c in cons.indicators} | set(cons.objectives) | \
        set(doc.ratings.targets) | {owner.get(c, c) for c in reasons}
    consensus: list[dict[str, Any]] = []
    for element in order.elements(touched):
        entry: dict[str, Any] = {"element": element}
        values = order.indicators_of(element, cons.indicators)
        if values:
            entry["indicators"] = values
        if element in cons.objectives:
            entry["objective"] = cons.objectives[element]
        if element in doc.ratings.targets:
            entry["target"] = doc.ratings.targets[element]
        mine_reasons = {c: r for c, r in reasons.items()
                        if c == element or owner.get(c) == element}
        if mine_reasons:
            entry["reasons"] = mine_reasons
        consensus.append(entry)
    return consensus


def document_to_dict(doc: EngagementDocument, framework: Framework) -> dict[str, Any]:
    """The document as `workbench.engagement/1` JSON data, in framework order (stable)."""
    order = _Order(framework)
    ratings = _rating_entries(doc, order)
    consensus = _consensus_entries(doc, order)
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
    if doc.interviews or doc.documents:  # absent when empty: older hashes stay valid
        out["site_log"] = site_log_dict(doc)
    return out


def site_log_dict(doc: EngagementDocument) -> dict[str, Any]:
    """The `site_log` extension (`workbench.site_log/1`) of a document."""
    digests = {a.id: a.sha256 for a in doc.attachments}
    return {
        "format": SITE_LOG_FORMAT,
        "interviews": [{"held_on": i.held_on,
                        "people": [{"name": p.name, "role": p.role} for p in i.people],
                        "topics": i.topics, "elements": list(i.elements)}
                       for i in doc.interviews],
        "documents": [{"title": d.title, "owner": d.owner, "version": d.version,
                       "elements": list(d.elements),
                       "attachment": digests.get(d.attachment_id)
                       if d.attachment_id is not None else None}
                      for d in doc.documents],
    }
