"""The command line's ArgumentParser: argparse's own, with the help width worked out here."""

from __future__ import annotations

import argparse
import os
import sys


def terminal_columns() -> int:
    """The terminal's width as `shutil.get_terminal_size().columns` gives it ($COLUMNS when
    a positive number, else the width of the terminal on standard output, else 80)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
        columns = columns or 80
    return columns


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help formatter gets the width argparse would work out (the
    terminal's less 2) without argparse importing shutil for it on every argument added:
    shutil brings bz2, lzma and fnmatch, a millisecond and a half of every command (issue
    17). Sub-command parsers are of the same class (argparse makes them so)."""

    def _get_formatter(self) -> argparse.HelpFormatter:
        # every argparse formatter class takes `width` (typeshed's protocol names only prog)
        return self.formatter_class(prog=self.prog, width=terminal_columns() - 2)  # type: ignore[call-arg]
