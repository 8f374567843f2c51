"""Helpers of the package tests: copies of one engagement on several "laptops"."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from workbench.core.canonical import content_hash
from workbench.core.engagement import Assessor, EngagementDetails
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


@contextmanager
def laptops(copies: int, team: Sequence[Assessor] = ()
            ) -> Iterator[tuple[list[Session], str, Path]]:
    """`copies` laptops holding one engagement (led by Ana, made on the first and sent to
    the others), in a throw-away folder: (the sessions, the engagement id, the folder)."""
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        opened = [Session.open(tmp / f"l{n}.sqlite3") for n in range(copies)]
        try:
            eid = engagements.create(opened[0], EngagementDetails(
                "Client", "Site", "Title", "Ana"), team=list(team) or None).engagement_id
            for other in opened[1:]:
                send(opened[0], other, eid, tmp, "start")
            yield opened, eid, tmp
        finally:
            for session in opened:
                session.close()


def replay(laptops: list[Session], eid: str, tmp: Path, plan: Sequence[tuple[Any, ...]],
           edit: Callable[[Session, Any], None]) -> None:
    """Play `plan`: ("edit", laptop, what) edits on that laptop, ("sync", a, b) sends a's
    package to b. Then every laptop sends to the first, and the first to every other."""
    copies = len(laptops)
    for n, step in enumerate(plan):
        if step[0] == "edit":
            edit(laptops[step[1] % copies], step[2])
        elif step[1] % copies != step[2] % copies:
            send(laptops[step[1] % copies], laptops[step[2] % copies], eid, tmp, f"s{n}")
    for n, other in enumerate(laptops[1:]):
        send(other, laptops[0], eid, tmp, f"in{n}")
    for n, other in enumerate(laptops[1:]):
        send(laptops[0], other, eid, tmp, f"out{n}")


def assert_nothing_left_to_merge(laptops: list[Session], eid: str, tmp: Path) -> None:
    """A package of the last laptop merged into the first changes nothing."""
    again = tmp / "again.wbx"
    package.pack(laptops[-1], eid, again)
    with package.preview_merge(laptops[0], again) as preview:
        assert not preview.has_changes
