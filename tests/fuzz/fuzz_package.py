"""Fuzz the engagement package reader (SQLite checks, manifest, hostile schema, merge preview).

Each input is written to a file and opened as a colleague's package would be: first as a
merge into a database that holds the same engagement, then as an import into an empty one.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from workbench.core.errors import WorkbenchError
from workbench.services import engagements, package
from workbench.services.session import Session

_SCRATCH = Path(tempfile.mkdtemp(prefix="fuzz-package-"))
_SEEDS = Path(__file__).parent / "corpus" / "package"
_SESSIONS: dict[str, Session] = {}


def _session(name: str) -> Session:
    """The merge database holds the seeds' engagements, so a merge preview goes deep."""
    if name not in _SESSIONS:
        session = _SESSIONS[name] = Session.open(_SCRATCH / f"{name}.sqlite3")
        if name == "merge":
            for seed in sorted(_SEEDS.glob("*.wbx")):
                package.import_package(session, seed)
    return _SESSIONS[name]


def target(data: bytes) -> object:
    path = _SCRATCH / "input.wbx"
    path.write_bytes(data)
    preview = package.preview_merge(_session("merge"), path)
    try:
        preview.lines()
        preview.to_json()
    finally:
        preview.close()
    empty = _session("import")
    change = package.import_package(empty, path)
    try:
        engagements.delete(empty, change.engagement_id)  # the next input starts from empty
    except WorkbenchError:  # a signed engagement stays: a fresh database for the next input
        _SESSIONS.pop("import").close()
        (_SCRATCH / "import.sqlite3").unlink()
    return change


if __name__ == "__main__":
    from tests.fuzz.harness import fuzz

    fuzz(target)
