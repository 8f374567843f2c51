"""Import discipline of the GUI's start (issue 17): the window is shown, and the last
engagement reopened, without the report builder, the workbook writer, the signing stack or
the validation libraries; these load when an export, an import or a signature needs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import workbench

NOT_BEFORE_THE_WINDOW = ("yaml", "reportlab", "openpyxl", "pyhanko", "pikepdf", "pydantic",
                         "sqlite_utils", "docx", "workbench.exports.report",
                         "workbench.exports.workbook", "workbench.exports.docx",
                         "workbench.exports.signing", "workbench.core.framework_loader",
                         "workbench.core.interchange", "workbench.services.signoff.signed_report",
                         "workbench.services.signoff.verification",
                         # the workspace's other tabs are built when first shown
                         "workbench.gui.dashboard", "workbench.gui.consensus_view",
                         "workbench.gui.site_visit_view",
                         # the sign-off workflow (the lock banner is services.signoff_lock),
                         # the consensus service, a comparison, the engagement dialogs
                         "workbench.services.signoff", "workbench.services.consensus",
                         "workbench.core.comparison", "workbench.gui.engagement_dialogs",
                         # the modal dialogs, the exports and packages, the engagement
                         # commands, the undo commands of the evidence and the site-visit log,
                         # the date field of the dialogs, the baseline comparison (read when
                         # the dashboard first shows): each loads when first used
                         "workbench.gui.dialogs", "workbench.gui.deliverables",
                         "workbench.gui.packages", "workbench.gui.engagement_commands",
                         "workbench.gui.undo_evidence", "workbench.gui.undo_site_log",
                         "workbench.gui.widgets.site_log_dialogs",
                         "workbench.gui.widgets.date_field", "workbench.services.comparison",
                         # the engagement list: built when first shown
                         "workbench.gui.engagement_list", "workbench.gui.models.engagement_list",
                         # the start's records are NamedTuples and small classes (a dataclass
                         # costs ten times as much to define); ctypes only on an X11 desktop
                         "dataclasses", "ctypes")

PROBE = """
import json, sys
from PySide6.QtCore import QTimer
from workbench.gui.app import application, build_main_window
from workbench.gui.resume import resume
from workbench.services.session import Session
app = application()
session = Session.open(sys.argv[2])
window = build_main_window(session, sys.argv[3])
resume(window)  # as run_gui does: the last place first, then the window shows
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"reopened": window.workspace is not None, "modules": sorted(sys.modules)}, out)
window.settings.mark_closed()
session.close()
"""


def _heavy(modules: set[str]) -> list[str]:
    return sorted(m for m in modules
                  if any(m == h or m.startswith(h + ".") for h in NOT_BEFORE_THE_WINDOW))


def test_the_window_and_the_last_engagement_need_no_heavy_module(tmp_path: Path) -> None:
    from workbench.gui.settings import Settings
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    db, ini = tmp_path / "start.sqlite3", tmp_path / "settings.ini"
    session = Session.open(db)
    demo = create_demo(session)
    element = list(session.framework_of(demo).elements())[2].code
    session.close()
    settings = Settings(ini)
    settings.set_place(demo, element)
    settings.sync()
    env = dict(os.environ, PYTHONPATH=str(Path(workbench.__file__).parent.parent),
               QT_QPA_PLATFORM="offscreen", XDG_CACHE_HOME=str(tmp_path / "cache"))
    dump = tmp_path / "modules.json"
    for _ in range(2):  # the second start finds the framework cache the first one filled
        done = subprocess.run([sys.executable, "-c", PROBE, str(dump), str(db), str(ini)],
                              capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(dump.read_text(encoding="utf-8"))
    assert result["reopened"]
    modules = set(result["modules"])
    assert "workbench.gui.workspace" in modules  # the probe did open the engagement
    assert _heavy(modules) == []


def test_the_collector_comes_back_on_when_the_window_is_up() -> None:
    import gc

    from workbench.gui.app import collector_on

    collector_on()  # on already (as in the tests): nothing changes
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()  # as the launcher does for the GUI's start
    try:
        collector_on()
        assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
