"""What the fuzzing harnesses share: the rule, and running one under atheris.

The rule: every input ends in success or in one of the product's own errors
(a WorkbenchError); anything else is a finding, and atheris stops with a non-zero status
and the input saved as `crash-*` for a regression test.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable

from workbench.core.errors import WorkbenchError

Target = Callable[[bytes], object]


def guarded(target: Target) -> Callable[[bytes], None]:
    """The target as a harness: a WorkbenchError is a correct answer, not a finding."""
    def one_input(data: bytes) -> None:
        with contextlib.suppress(WorkbenchError):
            target(data)
    return one_input


def fuzz(target: Target) -> None:
    """Run `target` under atheris with libFuzzer's command line (corpus folders, -flags)."""
    import atheris

    atheris.instrument_all()
    atheris.Setup(sys.argv, guarded(target))
    atheris.Fuzz()
