"""What a session that did not close left in the database, in the user's words."""

from __future__ import annotations

import time

from workbench.services import assessment, recovery
from workbench.services.session import Session


def _later_stamp() -> str:
    """A start stamp after every edit made so far (the log's clock counts milliseconds)."""
    time.sleep(0.005)
    stamp = recovery.stamp()
    time.sleep(0.005)
    return stamp


def test_only_edits_after_the_start_are_counted_newest_first(session: Session,
                                                            demo_id: str) -> None:
    assessment.set_notes(session, demo_id, "D6.4", "before this run")
    started = _later_stamp()
    assessment.set_notes(session, demo_id, "D6.5", "typed")
    assessment.set_target(session, demo_id, "D6.5", 4)
    kept = recovery.since(session, demo_id, started)
    assert kept is not None and kept.edits == 2
    assert kept.last[0].startswith("target level on D6.5 at ")
    assert kept.last[1].startswith("evidence notes on D6.5 at ")
    assert "All 2 change(s) made in “Demo” in that session were saved" in kept.message("Demo")


def test_a_long_session_lists_the_last_few_and_counts_the_rest(session: Session,
                                                               demo_id: str) -> None:
    started = _later_stamp()
    for n in range(8):
        assessment.set_notes(session, demo_id, "D6.5", f"draft {n}")
    kept = recovery.since(session, demo_id, started, listed=3)
    assert kept is not None and kept.edits == 8 and len(kept.last) == 3
    assert "…and 5 earlier." in kept.message("Demo")


def test_no_edit_and_an_unknown_engagement(session: Session, demo_id: str) -> None:
    kept = recovery.since(session, demo_id, _later_stamp())
    assert kept is not None and kept.edits == 0
    assert "Nothing had been changed" in kept.message("Demo")
    assert recovery.since(session, "no-such-id", "") is None
