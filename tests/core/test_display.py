"""The one rounding rule for display (core.display), as the report and the workbook apply it."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from workbench.core.display import percent_text, percent_value, score_text


def test_scores_round_half_up_as_a_spreadsheet_shows_them() -> None:
    # Python's own f"{x:.1f}" gives 13.2 and 0.3 here; a spreadsheet shows 13.3 and 0.4.
    assert score_text(13.25) == "13.3"
    assert score_text(0.35) == "0.4"
    assert score_text(33.75) == "33.8"
    assert score_text(11.9) == "11.9"
    assert score_text(-0.04) == "0.0" and score_text(None) == "—"


def test_percents_round_down_so_they_never_cross_a_band() -> None:
    assert percent_text(59.6) == "59 %"
    assert percent_value(59.999) == 59
    assert percent_value(70 * 0.7 / 0.7) == 70  # float noise of an exact 70 stays 70
    assert percent_text(None) == "—"


@given(st.floats(min_value=0, max_value=1000, allow_nan=False))
def test_a_shown_score_is_the_half_up_rounding_of_its_fifteen_digits(value: float) -> None:
    shown = Decimal(score_text(value))
    expected = Decimal(f"{value:.15g}").quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    assert shown == expected
    assert abs(float(shown) - value) <= 0.05 + 1e-9


@given(st.floats(min_value=0, max_value=100, allow_nan=False))
def test_a_shown_percent_never_exceeds_the_percent(value: float) -> None:
    shown = percent_value(value)
    assert shown is not None
    assert shown <= value + 1e-9 and shown > value - 1
