"""Errors the user can act on. Every layer raises these; the GUI and CLI show `str(error)`."""

from __future__ import annotations


class WorkbenchError(Exception):
    """A problem the user can understand and fix; its message is shown as it is."""


class FrameworkError(WorkbenchError):
    """A framework definition file is malformed; lists every problem with its place."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        noun = "problem" if len(problems) == 1 else "problems"
        super().__init__(f"{source}: {len(problems)} {noun} in the framework definition:\n"
                         f"{shown}{more}")


class InterchangeError(WorkbenchError):
    """An engagement JSON document is malformed or does not fit its framework."""


class NotFoundError(WorkbenchError):
    """An engagement, assessor, framework or code that does not exist."""


class InvalidValueError(WorkbenchError):
    """A value outside what the framework allows (a level, an objective key, a code)."""


class LockedError(WorkbenchError):
    """The engagement is signed off and can no longer change."""


class ImageError(WorkbenchError):
    """An attachment that claims to be an image but cannot be used as one."""
