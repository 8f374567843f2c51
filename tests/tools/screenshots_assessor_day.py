"""Screens of the assessor's day on site: the site-visit log (tab, dialogs, the element form's
section, the link chooser), the photo viewer, the typed date fields, the navigator's names
and the progress dialog's first frame. Called by screenshots.py for each size."""

from __future__ import annotations

import threading
from pathlib import Path


def assessor_day_shots(app: object, window: object, session: object, demo: str, out: Path,
                settle: object, over_window: object) -> list[Path]:
    from PySide6.QtWidgets import QWidget

    from workbench.core.site_log import Interview
    from workbench.gui.main_window import MainWindow
    from workbench.gui.widgets.actions_panel import ActionDialog
    from workbench.gui.widgets.photo_viewer import PhotoViewer
    from workbench.gui.widgets.site_log_dialogs import DocumentDialog, InterviewDialog
    from workbench.gui.widgets.site_visit_section import LinkDialog, interview_line
    from workbench.services import attachments, site_log
    from workbench.services.session import Session

    assert isinstance(window, MainWindow) and isinstance(session, Session)
    wait = settle  # (app, seconds)
    shots: list[Path] = []

    def save(widget: QWidget, name: str) -> None:
        target = out / name
        widget.grab().save(str(target))
        shots.append(target)

    def save_over(dialog: QWidget, name: str) -> None:
        target = out / name
        over_window(window, dialog).save(str(target))  # type: ignore[operator]
        shots.append(target)

    window.open_engagement(demo)
    workspace = window.workspace
    assert workspace is not None
    ctx = workspace.context
    workspace.show_site_visit()
    workspace.site_visit.interviews.table.selectRow(1)
    wait(app, 0.3)  # type: ignore[operator]
    save(window, "site-visit-log.png")

    def check(item: object) -> object:
        assert isinstance(item, Interview)
        return site_log.check_interview(session, demo, item)

    existing = site_log.interviews(session, demo)[2]
    dialog = InterviewDialog(ctx.framework, existing, window, check)
    dialog.show()
    wait(app, 0.3)  # type: ignore[operator]
    save_over(dialog, "interview-dialog.png")
    dialog.close()
    new = InterviewDialog(ctx.framework, None, window, check, elements=("D5.1",))
    new.show()
    new.elements.search.setText("channel")
    new.accept()  # nobody named, no topics: said under the fields, the dialog stays
    wait(app, 0.3)  # type: ignore[operator]
    save_over(new, "interview-dialog-missing-topics.png")
    new.close()
    files = attachments.attachments(session, demo)
    document = DocumentDialog(ctx.framework, files, site_log.documents(session, demo)[0], window)
    document.show()
    wait(app, 0.3)  # type: ignore[operator]
    save_over(document, "document-dialog.png")
    document.close()

    workspace.open_element("D1.3")
    wait(app, 0.3)  # type: ignore[operator]
    form = workspace.form
    form.ensureWidgetVisible(form.site_visit, 0, 200)
    wait(app, 0.3)  # type: ignore[operator]
    save(window, "scoring-form-site-visit.png")
    entries = [(i.id or 0, interview_line(i)) for i in site_log.interviews(session, demo)
               if "D1.3" not in i.elements]
    link = LinkDialog(window, "Link an Interview to D1.3", entries, "New Interview…")
    link.show()
    wait(app, 0.3)  # type: ignore[operator]
    save_over(link, "link-interview-dialog.png")
    link.close()

    photos = [a for a in attachments.attachments(session, demo, "D2.6") if a.is_image]
    if photos:
        viewer = PhotoViewer(ctx, window.runner, "D2.6", photos[0].id, window)
        viewer.resize(min(900, window.width() - 120), min(680, window.height() - 80))
        viewer.show()
        window.runner.wait(10_000)
        wait(app, 0.4)  # type: ignore[operator]
        save_over(viewer, "photo-viewer.png")
        viewer.close()

    action = ActionDialog("D2.6", None, window)
    action.show()
    wait(app, 0.3)  # type: ignore[operator]
    save_over(action, "action-dialog.png")
    action.close()

    # The progress dialog as it first appears, before the work reports anything.
    gate = threading.Event()
    task = window.runner.run("Exporting the report", lambda _p: gate.wait(10), parent=window)
    target = out / "progress-first-frame.png"
    if task.dialog is not None:
        over_window(window, task.dialog).save(str(target))  # type: ignore[operator]
        shots.append(target)
    gate.set()
    window.runner.wait(10_000)
    wait(app, 0.2)  # type: ignore[operator]
    return shots
