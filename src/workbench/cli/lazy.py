"""Modules imported on first use, so that a command pays only for what it runs.

`workbench --version`, `--help` and argument parsing must not import the services, the
exports or their libraries (reportlab, openpyxl, pyHanko, pydantic...): each command module
names the modules it uses with `lazy_module` at run time and with a real import for the type
checker (and for packagers, which read the import statements):

    if TYPE_CHECKING:
        from workbench.services import brands
    else:
        brands = lazy_module("workbench.services.brands")

A help text that needs such a module (a file suffix, a list of section ids) is a
`deferred_help`: argparse builds it only when it prints that help.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import Any, cast


class _LazyModule:
    """Stands for a module; imports it on the first attribute read."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        module = self._module
        if module is None:
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def lazy_module(name: str) -> Any:
    """A stand-in for the module `name` that imports it when first used."""
    return _LazyModule(name)


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
