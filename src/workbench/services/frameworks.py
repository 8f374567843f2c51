"""The frameworks a user can start an engagement on: bundled ones and installed ones.

Bundled frameworks ship in resources/frameworks/; installed ones were imported by the
user (from a YAML definition or an authoring workbook) and live in the database, each
version kept apart so that an engagement always scores with the version it started on.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from workbench.core.errors import InvalidValueError, NotFoundError
from workbench.core.files import write_atomically
from workbench.core.framework import Framework, version_key
from workbench.services.session import Session
from workbench.storage import frameworks as stored
from workbench.storage.framework_cache import bundled_frameworks  # validated once, then cached

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")


def short_description(framework: Framework, limit: int = 160) -> str:
    """The description's first sentence (shortened at a word when it is very long)."""
    text = " ".join(framework.description.split())
    first = _SENTENCE_END.split(text, maxsplit=1)[0] if text else ""
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


class FrameworkInfo(NamedTuple):
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


def bundled_or_used(session: Session) -> list[FrameworkInfo]:
    """The bundled frameworks and every version some engagement scores with (for About)."""
    return [i for i in available(session) if i.origin == "bundled" or i.engagements]


def find(session: Session, framework_id: str, version: str | None = None) -> Framework:
    """A bundled or installed framework (the newest version unless one is named)."""
    matches = [i for i in available(session) if i.id == framework_id
               and (version is None or i.version == version)]
    if not matches:
        known = ", ".join(sorted({i.id for i in available(session)})) or "none"
        wanted = framework_id + (f" {version}" if version else "")
        raise NotFoundError(f"no framework {wanted!r} (known: {known})")
    return session.framework(*matches[-1].key)


AUTHORING_SUFFIXES = (".xlsx", ".yaml", ".yml")


def read_definition(path: Path) -> Framework:
    """A framework from an authoring workbook (.xlsx) or a definition file (.yaml)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from workbench.exports.framework_workbook_reader import read_framework_workbook

        return read_framework_workbook(path)
    if suffix in (".yaml", ".yml"):
        from workbench.core.framework_loader import load_framework_file

        return load_framework_file(path)
    raise InvalidValueError(f"{path.name}: a framework is imported from an authoring workbook "
                            "(.xlsx) or a definition file (.yaml)")


class Installed(NamedTuple):
    framework: Framework
    new: bool  # False when that very definition was already there


def install(session: Session, path: Path) -> Installed:
    """Validate a definition and keep it in the database as a new framework version.

    A version, once there, never changes: the same id and version with a different
    definition is refused, so no engagement's score changes under it.
    """
    framework = read_definition(path)
    from workbench.core.framework_data import framework_to_dict  # yaml: when installing

    same = framework_to_dict(framework)
    bundled = {f.key: f for f in bundled_frameworks()}
    if framework.key in bundled or framework.key in {(i, v) for i, v, _ in
                                                     stored.stored_frameworks(session.db)}:
        existing = bundled.get(framework.key) or session.framework(*framework.key)
        if framework_to_dict(existing) == same:
            return Installed(existing, new=False)
        where = "bundled with the workbench" if framework.key in bundled else "installed"
        raise InvalidValueError(
            f"{framework.id} {framework.version} is already {where} with a different "
            "definition; give the changed framework a new version (on the Framework sheet or "
            "in the version key) and import it again")
    with session.db.atomic():
        stored.store_framework(session.db, framework)
        session.log(None, "install framework", f"{framework.id} {framework.version}",
                    new={"name": framework.name, "source": Path(path).name})
    return Installed(framework, new=True)


def export(session: Session, framework_id: str, version: str | None, path: Path) -> Path:
    """Write a framework as an authoring workbook (.xlsx) or its definition file (.yaml)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in AUTHORING_SUFFIXES:
        raise InvalidValueError(f"{path.name}: export a framework to .xlsx (an authoring "
                                "workbook) or .yaml (its definition file)")
    framework = find(session, framework_id, version)
    if suffix == ".xlsx":
        from workbench.exports.framework_workbook import write_framework_workbook  # openpyxl

        return write_framework_workbook(framework, path)
    from workbench.core.framework_data import framework_to_yaml

    text = framework.source_text or framework_to_yaml(framework)
    return write_atomically(path, text.encode("utf-8"))


def delete(session: Session, framework_id: str, version: str) -> None:
    """Remove an installed framework version that no engagement uses."""
    if (framework_id, version) in {f.key for f in bundled_frameworks()}:
        raise InvalidValueError(f"{framework_id} {version} is bundled with the workbench and "
                                "cannot be deleted")
    infos = {i.key: i for i in available(session)}
    info = infos.get((framework_id, version))
    if info is None:
        raise NotFoundError(f"no installed framework {framework_id} {version}")
    if info.engagements:
        noun = "engagement uses" if info.engagements == 1 else "engagements use"
        raise InvalidValueError(f"{framework_id} {version} cannot be deleted: "
                                f"{info.engagements} {noun} it")
    with session.db.atomic():
        stored.delete_framework(session.db, framework_id, version)
        session.log(None, "delete framework", f"{framework_id} {version}")
