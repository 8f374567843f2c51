"""Helpers of the package tests: copies of one engagement on several "laptops"."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.core.canonical import content_hash
from workbench.core.score_json import score_to_dict
from workbench.services import engagements, package, scores
from workbench.services.session import Session


def open_laptop(tmp: Path, name: str) -> Session:
    return Session.open(tmp / f"{name}.sqlite3")


def send(source: Session, target: Session, eid: str, tmp: Path, name: str = "x") -> int:
    """Pack on `source` and merge (or import) on `target`; the number of changes applied."""
    path = tmp / f"{name}-{source.path.stem}-to-{target.path.stem}.wbx"
    package.pack(source, eid, path)
    if eid not in [s.id for s in engagements.summaries(target, include_archived=True)]:
        package.import_package(target, path)
        return -1
    with package.preview_merge(target, path) as preview:
        if preview.has_changes:
            package.apply_merge(target, preview)
        return len(preview.changes)


def digest(session: Session, eid: str) -> str:
    return content_hash(engagements.document(session, eid), session.framework_of(eid))


def score_json(session: Session, eid: str) -> str:
    return json.dumps(score_to_dict(eid, scores.score(session, eid)), sort_keys=True)
