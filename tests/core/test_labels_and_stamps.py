"""The words for statuses and the way timestamps read: one place each, the same everywhere."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from workbench.core import labels
from workbench.core.display import parse_stamp, stamp_text
from workbench.core.engagement import ActionStatus, EngagementStatus, Priority
from workbench.core.scoring import Status


def test_every_status_and_priority_has_a_word() -> None:
    for enum, words in ((EngagementStatus, labels.ENGAGEMENT_STATUS),
                        (ActionStatus, labels.ACTION_STATUS), (Priority, labels.PRIORITY),
                        (Status, labels.ELEMENT_STATUS)):
        assert set(words) == {str(v) for v in enum}
        assert all(w and w[0].isupper() for w in words.values())
    assert labels.label(labels.ENGAGEMENT_STATUS, EngagementStatus.IN_REVIEW) == "In review"
    assert labels.label(labels.ACTION_STATUS, "in_progress") == "In progress"


def test_an_unknown_value_shows_as_itself() -> None:
    assert labels.label(labels.PRIORITY, "urgent") == "urgent"


def test_a_stamp_reads_as_a_date_and_time_in_utc() -> None:
    assert stamp_text("2026-11-04T09:30:00.000Z") == "4 November 2026, 09:30 UTC"
    assert stamp_text("2026-11-14T23:05:59+02:00") == "14 November 2026, 21:05 UTC"


def test_text_that_is_not_a_stamp_shows_as_it_is() -> None:
    assert stamp_text("") == ""
    assert stamp_text("yesterday") == "yesterday"


@given(st.datetimes(min_value=dt.datetime(1900, 1, 1), timezones=st.just(dt.UTC)))
def test_stamps_parse_back_to_the_moment_they_were_written(moment: dt.datetime) -> None:
    stamp = moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    assert parse_stamp(stamp) == moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    local = stamp_text(stamp, local=True)
    assert str(moment.astimezone().year) in local and not local.startswith("0")
