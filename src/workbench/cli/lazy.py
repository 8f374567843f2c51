"""Help texts made only when printed, so that a command pays only for what it runs.

`workbench --version`, `--help` and argument parsing must not import the services, the
exports or their libraries (reportlab, openpyxl, pyHanko, pydantic...): each command imports
the services it uses inside its own function (a plain import the type checker sees). A help
text that needs such a module (a file suffix, a list of section ids) is a `deferred_help`:
argparse builds it only when it prints that help.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast


class _DeferredHelp:
    """A help text made when argparse formats it (it calls `strip` and `%` on help texts)."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[], str]) -> None:
        self._make = make

    def __str__(self) -> str:
        return self._make()

    def __mod__(self, params: object) -> str:
        return self._make() % params

    def strip(self) -> str:
        return self._make().strip()


def deferred_help(make: Callable[[], str]) -> str:
    """A help text for argparse that calls `make` only when the help is printed."""
    return cast(str, _DeferredHelp(make))
