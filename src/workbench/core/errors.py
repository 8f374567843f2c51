"""Errors the user can act on. Every layer raises these; the GUI and CLI show `str(error)`.

Every error carries a `code`, so a view or a script can tell errors apart without reading
their text (the text is for people and may be reworded). To add a kind of error: append a
member to `ErrorCode` (never rename or reuse one) and give the new subclass it as
`default_code`; a module that keeps its own codes may use plain string constants instead.
"""

from __future__ import annotations

from enum import StrEnum

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing for `--help`
if TYPE_CHECKING:
    from typing import ClassVar


class ErrorCode(StrEnum):
    """Stable codes of errors; append only."""

    GENERAL = "general"
    FRAMEWORK = "framework"
    INTERCHANGE = "interchange"
    NOT_FOUND = "not_found"
    INVALID_VALUE = "invalid_value"
    LOCKED = "locked"
    IMAGE = "image"
    TOO_LONG = "too_long"
    NOT_READY = "not_ready"


class WorkbenchError(Exception):
    """A problem the user can understand and fix; its message is shown as it is."""

    default_code: ClassVar[str] = ErrorCode.GENERAL

    def __init__(self, *args: object, code: str | None = None) -> None:
        super().__init__(*args)
        self.code: str = code or self.default_code


class FrameworkError(WorkbenchError):
    """A framework definition file is malformed; lists every problem with its place."""

    default_code = ErrorCode.FRAMEWORK

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

    default_code = ErrorCode.INTERCHANGE


class NotFoundError(WorkbenchError):
    """An engagement, assessor, framework or code that does not exist."""

    default_code = ErrorCode.NOT_FOUND


class InvalidValueError(WorkbenchError):
    """A value outside what the framework allows (a level, an objective key, a code)."""

    default_code = ErrorCode.INVALID_VALUE


class TooLongError(InvalidValueError):
    """A text or a name longer than `workbench.core.limits` allows; nothing was cut."""

    default_code = ErrorCode.TOO_LONG


class LockedError(WorkbenchError):
    """The engagement is signed off and can no longer change."""

    default_code = ErrorCode.LOCKED


class ImageError(WorkbenchError):
    """An attachment that claims to be an image but cannot be used as one."""

    default_code = ErrorCode.IMAGE
