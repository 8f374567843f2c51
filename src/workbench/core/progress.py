"""Progress reporting for long work (exports, imports, signing), independent of any GUI."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeAlias

from workbench.core.errors import WorkbenchError

# progress(fraction done in 0..1, what is happening now); may raise Cancelled to stop the work.
Progress: TypeAlias = Callable[[float, str], None]


class Cancelled(WorkbenchError):
    """The user cancelled the work; nothing was written."""


def no_progress(fraction: float, message: str) -> None:
    """A Progress that ignores reports."""
