"""The frameworks a user can start an engagement on: bundled ones and installed ones.

Bundled frameworks ship in resources/frameworks/; installed ones were imported by the
user (from a YAML definition or an authoring workbook) and live in the database, each
version kept apart so that an engagement always scores with the version it started on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.core.errors import NotFoundError
from workbench.core.framework import Framework
from workbench.core.framework_loader import bundled_frameworks, version_key
from workbench.services.session import Session
from workbench.storage import frameworks as stored

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def short_description(framework: Framework, limit: int = 160) -> str:
    """The description's first sentence (shortened at a word when it is very long)."""
    text = " ".join(framework.description.split())
    first = _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


@dataclass(frozen=True)
class FrameworkInfo:
    """One framework version as the list shows it."""

    id: str
    version: str
    name: str
    description: str
    dimensions: int
    elements: int
    total_points: float
    origin: str  # "bundled" or "installed"
    engagements: int  # how many engagements score with this version

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)


def _info(framework: Framework, origin: str, used: dict[tuple[str, str], int]) -> FrameworkInfo:
    return FrameworkInfo(framework.id, framework.version, framework.name,
                         short_description(framework), len(framework.dimensions),
                         len(framework.element_by_code), framework.total_points, origin,
                         used.get(framework.key, 0))


def available(session: Session) -> list[FrameworkInfo]:
    """Every bundled framework and every installed one, by id and version."""
    used = stored.usage(session.db)
    bundled = {f.key: f for f in bundled_frameworks()}
    out = [_info(f, "bundled", used) for f in bundled.values()]
    for framework_id, version, _name in stored.stored_frameworks(session.db):
        if (framework_id, version) not in bundled:
            out.append(_info(session.framework(framework_id, version), "installed", used))
    return sorted(out, key=lambda i: (i.id, version_key(i.version)))


def for_new_engagements(session: Session) -> list[FrameworkInfo]:
    """The newest version of each framework, the default framework first."""
    newest: dict[str, FrameworkInfo] = {}
    for info in available(session):
        newest[info.id] = info  # available() is sorted by version, so the last one wins
    return sorted(newest.values(), key=lambda i: (i.id != "cem-6d", i.name.lower()))


def find(session: Session, framework_id: str, version: str | None = None) -> Framework:
    """A bundled or installed framework (the newest version unless one is named)."""
    matches = [i for i in available(session) if i.id == framework_id
               and (version is None or i.version == version)]
    if not matches:
        known = ", ".join(sorted({i.id for i in available(session)})) or "none"
        wanted = framework_id + (f" {version}" if version else "")
        raise NotFoundError(f"no framework {wanted!r} (known: {known})")
    return session.framework(*matches[-1].key)
