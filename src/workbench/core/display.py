"""Rounding for display, the same in the app, the workbook and the report.

Scores show one decimal, rounded half up from the value's 15 significant digits, as a
spreadsheet shows it (so 13.25 and 0.35 show as 13.3 and 0.4 in the report and in the
workbook alike). Percents show whole numbers rounded down, so that a shown percent never
crosses into a band its level does not have (59.6 % shows as 59 %, level 3, not as 60 %
beside level 3).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

DASH = "—"


def score_text(value: float | None) -> str:
    if value is None:
        return DASH
    shown = Decimal(f"{value:.15g}").quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{shown:.1f}" if shown else "0.0"  # never "-0.0"


def percent_value(value: float | None) -> int | None:
    # The epsilon keeps 69.99999999999999 (float noise of an exact 70) at 70.
    return None if value is None else math.floor(value + 1e-9)


def percent_text(value: float | None) -> str:
    shown = percent_value(value)
    return DASH if shown is None else f"{shown} %"


def parse_stamp(stamp: str) -> dt.datetime:
    """An ISO 8601 timestamp as stored ("2026-11-04T09:30:00.000Z"); ValueError if it is not one."""
    return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def stamp_text(stamp: str, *, local: bool = False) -> str:
    """A stored timestamp as people read it: "4 November 2026, 09:30 UTC", or in local time.

    A text that is not a timestamp shows as it is.
    """
    try:
        moment = parse_stamp(stamp)
    except ValueError:
        return stamp
    if local:
        return moment.astimezone().strftime("%d %B %Y, %H:%M").lstrip("0")
    return moment.astimezone(dt.UTC).strftime("%d %B %Y, %H:%M UTC").lstrip("0")


def change_text(points: float | None) -> str:
    """A change in points with its arrow: ▲ +3.2, ▼ −1.5, or = 0.0 (— when not compared);
    the magnitude rounded as `score_text` rounds a score."""
    if points is None:
        return DASH
    shown = score_text(abs(points))
    if shown == "0.0":
        return "= 0.0"
    return f"▲ +{shown}" if points > 0 else f"▼ −{shown}"
