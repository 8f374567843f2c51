"""Starting the GUI."""

from __future__ import annotations

import sys
from pathlib import Path


def run_gui(db: str | Path | None = None) -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

    from workbench.core.errors import WorkbenchError
    from workbench.services import engagements
    from workbench.services.demo import ensure_demo
    from workbench.services.session import Session

    app = QApplication.instance() or QApplication(sys.argv)
    try:
        session = Session.open(db)
    except WorkbenchError as exc:
        QMessageBox.critical(None, "Assessor Workbench", str(exc))
        return 1
    ensure_demo(session)
    rows = engagements.summaries(session)
    label = QLabel("\n".join(f"{r.client} — {r.title}: {r.total or 0:.1f}" for r in rows))
    label.setWindowTitle("Assessor Workbench")
    label.show()
    return int(app.exec())
