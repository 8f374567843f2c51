"""Crash reports: an unexpected error is written to a file the user can send, never lost."""

from __future__ import annotations

import datetime as dt
import platform
import sys
from pathlib import Path

from platformdirs import user_log_path

from workbench import __version__


def crash_dir() -> Path:
    return user_log_path("assessor-workbench", appauthor=False)


def write_crash_report(details: str) -> Path:
    """Write the details with version and platform; return the file's path."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    header = (f"Assessor Workbench {__version__}\nPython {sys.version}\n"
              f"{platform.platform()}\n{dt.datetime.now().isoformat()}\n\n")
    for folder in (crash_dir(), Path.home(), Path.cwd()):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"workbench-crash-{stamp}.txt"
            path.write_text(header + details, encoding="utf-8")
            return path
        except OSError:
            continue
    return Path("(could not be written)")
