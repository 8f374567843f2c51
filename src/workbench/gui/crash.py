"""The crash handler: an unexpected error writes a report and tells the user where it is."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from workbench.services.crash import write_crash_report

Notifier = Callable[[Path], None]


def _tell_user(path: Path) -> None:
    parent = QApplication.activeWindow()
    QMessageBox.critical(
        parent, "Something went wrong",
        "The workbench met an unexpected error. Your work up to the last change is saved.\n\n"
        f"A report was written to:\n{path}\n\nPlease send it to your support contact.")


def install_crash_handler(notify: Notifier = _tell_user) -> Callable[..., None]:
    """Replace sys.excepthook: write a crash report, then tell the user (once per error)."""
    showing = False

    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        path = write_crash_report(details)
        sys.stderr.write(details)
        if showing:
            return  # an error while the message is open must not stack dialogs
        showing = True
        try:
            notify(path)
        finally:
            showing = False

    sys.excepthook = hook
    return hook
