"""Printing for the command line: JSON, and plain aligned tables."""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, without importing typing for `--help`
if TYPE_CHECKING:
    from typing import Any, TextIO


def print_json(data: Any) -> None:
    import json  # not for --help, --version or a plain edit

    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]],
                right: Sequence[int] = ()) -> None:
    cells = [[("" if c is None else str(c)) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if i in right else v.ljust(w)
                         for i, (v, w) in enumerate(zip(values, widths, strict=True))).rstrip()

    print(line(headers))
    print("  ".join("-" * w for w in widths))
    for row in cells:
        print(line(row))


# What a terminal would obey rather than show: C0 controls but tab and newline, DEL, C1
# controls (U+009B is a one-character escape sequence) and the bidi overrides that reorder
# what is shown (a "Trojan source" client name).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """User text as the terminal should show it: every control character made visible."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}" if ord(m.group()) > 0xFF
                       else f"\\x{ord(m.group()):02x}", text)


class SafeStream:
    """A text stream that escapes control characters in everything written through it, so
    no text from a document, a workbook or a database can drive the terminal."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_safe(text))

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def fmt_score(value: float | None) -> str:
    """core.display.score_text, imported on first use (`--help` needs none of it)."""
    from workbench.core.display import score_text

    return score_text(value)


def fmt_percent(value: float | None) -> str:
    """core.display.percent_text, imported on first use."""
    from workbench.core.display import percent_text

    return percent_text(value)
