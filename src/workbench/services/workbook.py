"""The scoring workbook use cases: export it, preview a filled-in one, import it.

Whose ratings a workbook carries (see exports/workbook/inputs.py):
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
from pathlib import Path

from workbench import __version__
from workbench.core.errors import NotFoundError, WorkbenchError
from workbench.core.files import check_output_target
from workbench.core.progress import Progress, no_progress
from workbench.core.visual import visual
from workbench.exports.workbook.inputs import assessor_inputs, team_inputs
from workbench.exports.workbook.reader import Problem
from workbench.exports.workbook.writer import WorkbookRequest, write_workbook
from workbench.services import comparison, signed_record
from workbench.services import engagements as engagement_service
from workbench.services.session import Session
from workbench.services.workbook_changes import (
    ElementChanges,
    Field,
    ImportPreview,
    ValueChange,
)
from workbench.services.workbook_import import apply_import, preview_import

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
