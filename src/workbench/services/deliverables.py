"""The deliverables of an engagement: its workbook and its report, side by side."""

from __future__ import annotations

from pathlib import Path

from workbench.services.session import Session


def make_deliverables(session: Session, engagement_id: str, out: Path, stem: str) -> list[Path]:
    """Write the workbook and the report beside each other; return their paths."""
    # Imported here: openpyxl and reportlab are not needed by every command.
    from workbench.services import report, workbook

    return [workbook.export(session, engagement_id, out / f"{stem}.xlsx"),
            report.export(session, engagement_id, out / f"{stem}.pdf")]
