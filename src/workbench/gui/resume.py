"""Starting where the user left off: the engagement, element and assessor of the last run,
and, when that run ended without closing (a crash, a kill), a word on what was kept."""

from __future__ import annotations

import os

from workbench.gui.main_window import MainWindow
from workbench.services import engagements, recovery


def _alive(pid: int) -> bool:
    """Whether another process with this id runs (another window of the app, still open)."""
    if pid <= 0 or pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, we may not signal it
    return True


def resume(window: MainWindow) -> str | None:
    """Reopen the last place and mark this run as running; return the crash message, if any.

    The assessor comes back with the engagement (the settings keep it per engagement).
    """
    settings = window.settings
    started, pid = settings.running_since
    crashed = bool(started) and not _alive(pid)
    settings.mark_running(recovery.stamp(), os.getpid())
    engagement_id, element = settings.last_place
    if not engagement_id:
        return _crash_message(window, "", started) if crashed else None
    found = engagements.summaries(window.session, include_archived=True, only_id=engagement_id)
    if not found or found[0].archived:
        settings.set_place("")
        return _crash_message(window, "", started) if crashed else None
    window.open_engagement(engagement_id, element)  # at the element, if it is still one
    return _crash_message(window, engagement_id, started) if crashed else None


def _crash_message(window: MainWindow, engagement_id: str, started: str) -> str:
    if not engagement_id:
        return ("The workbench did not close normally last time. Every change was saved "
                "as it was made, typed text up to about a second before it stopped.")
    kept = recovery.since(window.session, engagement_id, started)
    title = window.context.title if window.context is not None else engagement_id
    if kept is None:
        return ("The workbench did not close normally last time. Every change was saved "
                "as it was made.")
    return kept.message(title)


def tell_recovered(window: MainWindow, message: str) -> None:
    """Show what `resume` found of a run that did not close (in a box and on the status line)."""
    from workbench.gui import dialogs

    window.status.message(message.splitlines()[0])
    dialogs.show_info(window, "Work recovered", message)
