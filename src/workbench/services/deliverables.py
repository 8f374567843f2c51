"""The deliverables of an engagement (workbook, report), as far as this release makes them."""

from __future__ import annotations

import importlib
from pathlib import Path

from workbench.services.session import Session


def make_deliverables(session: Session, engagement_id: str, out: Path, stem: str) -> list[Path]:
    """Write every deliverable the installed exporters can make; return their paths."""
    made: list[Path] = []
    for module_name, suffix in (("workbench.services.workbook", ".xlsx"),
                                ("workbench.services.report", ".pdf")):
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        target = out / f"{stem}{suffix}"
        module.export(session, engagement_id, target)
        made.append(target)
    return made
