"""The workbook's Change sheet: the same figures as `workbench compare` and the report's
change section, one row per total, category, dimension and element.

The figures are those of the export (the baseline's and this assessment's scores then): the
Summary recalculates as ratings are edited in the workbook, this record of the change does
not, and its note says so.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.core.comparison import Change, ChangeState, Figure
from workbench.core.display import percent_value, score_text
from workbench.core.scoring import Status
from workbench.exports.report.model import ChangeInput

CHANGE = "Change"
HEADERS: tuple[tuple[str, int], ...] = (
    ("Kind", 11), ("Code", 10), ("Name", 44), ("Score then", 11), ("% then", 8),
    ("Level then", 10), ("Score now", 11), ("% now", 8), ("Level now", 10),
    ("Change (points)", 15), ("Change (pp)", 12), ("Compared", 26))
STATE_WORDS = {ChangeState.COMPARED: "Yes", ChangeState.NOT_APPLICABLE: "No: N/A",
               ChangeState.NOT_ASSESSED: "No: not assessed in one of the years",
               ChangeState.ADDED: "No: new in this framework",
               ChangeState.REMOVED: "No: not in this framework"}


def _figures(f: Figure | None) -> list[object]:
    if f is None:
        return ["", "", ""]
    if f.status is Status.NOT_ASSESSED:
        return [float(score_text(f.score)), "", "Not assessed"]
    return [float(score_text(f.score)), "" if f.percent is None else percent_value(f.percent),
            "" if f.level is None else f.level]


def _row(kind: str, c: Change) -> list[object]:
    points: object = "" if c.points is None else float(
        ("-" if c.points < 0 else "") + score_text(abs(c.points)))
    pp: object = "" if c.percent is None else round(c.percent, 1)
    return [kind, c.code, c.name, *_figures(c.baseline), *_figures(c.current), points, pp,
            STATE_WORDS[c.state]]


def change_sheet(change: ChangeInput, exported_at: str
                 ) -> tuple[str, str, str, Sequence[tuple[str, int]], list[list[object]],
                            set[int], str]:
    """(sheet name, title, note, headers, rows, wrapped columns, empty text) for the writer's
    table sheet."""
    c = change.comparison
    rows = [_row("Total", c.total)]
    rows += [_row("Category", x) for x in c.categories]
    rows += [_row("Dimension", x) for x in c.dimensions]
    rows += [_row("Element", x) for x in c.elements]
    note = (f"Against the baseline “{change.baseline_title}” ({change.since}); figures as "
            f"exported{' on ' + exported_at[:10] if exported_at else ''}. The Summary "
            "recalculates as ratings change; this sheet keeps the change as it was exported. "
            "Percent changes are in percentage points; an element N/A or not assessed in "
            "either year shows no change.")
    return (CHANGE, f"Change since {change.since}", note, HEADERS, rows, {2, 11},
            "Nothing to compare.")
