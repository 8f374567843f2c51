"""Opening an attachment with the program the computer uses for its kind (a copy of it, in a
temporary folder of this run)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtWidgets import QWidget

from workbench.core.errors import WorkbenchError
from workbench.gui.context import EngagementContext
from workbench.services import attachments

_OPEN_DIR: list[Path] = []  # one temporary folder per run for attachments opened


def open_attachment(parent: QWidget, context: EngagementContext, attachment_id: int) -> None:
    """Open a copy of an attachment with the program the computer uses for its kind."""
    from workbench.gui import dialogs

    session, eid = context.session, context.engagement_id
    try:
        info = next(a for a in attachments.attachments(session, eid) if a.id == attachment_id)
        data = attachments.content(session, eid, attachment_id)
        if not _OPEN_DIR:
            _OPEN_DIR.append(Path(tempfile.mkdtemp(prefix="workbench-open-")))
        target = _OPEN_DIR[0] / f"{attachment_id}-{Path(info.filename).name}"
        target.write_bytes(data)
    except (WorkbenchError, OSError, StopIteration) as exc:
        dialogs.show_error(parent, f"the attachment cannot be opened ({exc})")
        return
    if not dialogs.open_with_system(target):
        dialogs.show_error(parent, f"no program on this computer opens {info.filename}; "
                           f"a copy is at {target}")
