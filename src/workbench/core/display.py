"""Rounding for display, the same in the app, the workbook and the report.

Scores show one decimal. Percents show whole numbers rounded down, so that a shown
percent never crosses into a band its level does not have (59.6 % shows as 59 %,
level 3, not as 60 % beside level 3).
"""

from __future__ import annotations

import math

DASH = "—"


def score_text(value: float | None) -> str:
    return DASH if value is None else f"{value:.1f}"


def percent_value(value: float | None) -> int | None:
    # The epsilon keeps 69.99999999999999 (float noise of an exact 70) at 70.
    return None if value is None else math.floor(value + 1e-9)


def percent_text(value: float | None) -> str:
    shown = percent_value(value)
    return DASH if shown is None else f"{shown} %"


def change_text(points: float | None) -> str:
    """A change in points with its arrow: ▲ +3.2, ▼ −1.5, or = 0.0 (— when not compared)."""
    if points is None:
        return DASH
    shown = round(points, 1)
    if shown > 0:
        return f"▲ +{shown:.1f}"
    if shown < 0:
        return f"▼ −{-shown:.1f}"
    return "= 0.0"
