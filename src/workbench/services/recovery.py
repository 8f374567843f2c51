"""What was kept of a session that ended without closing (a crash, a kill, a power cut).

Every edit is committed as it is made, so nothing needs restoring: this only tells the user
what the database holds from the interrupted session, so they know where they stand.
"""

from __future__ import annotations

import datetime as dt
from typing import NamedTuple

from workbench.core.errors import WorkbenchError
from workbench.services.session import Session
from workbench.storage import audit, clock

# How the audit log names an edit, in the user's words.
_WHAT = {"notes": "evidence notes", "indicator note": "indicator note", "rate": "rating",
         "judge objective": "objective", "set target": "target level", "add action": "action",
         "edit action": "action", "remove action": "action removed", "attach": "attachment",
         "caption": "attachment caption", "remove attachment": "attachment removed"}


class Recovered(NamedTuple):
    """The edits the interrupted session committed (newest first, at most `listed`)."""

    engagement_id: str
    edits: int  # how many edits it committed
    last: list[str]  # e.g. "evidence notes on D6.5 at 14:02:11"

    def message(self, title: str) -> str:
        if self.edits == 0:
            return (f"The workbench did not close normally last time. Nothing had been "
                    f"changed in “{title}” in that session.")
        listed = "\n".join(f"• {line}" for line in self.last)
        more = f"\n…and {self.edits - len(self.last)} earlier." if self.edits > len(
            self.last) else ""
        return (f"The workbench did not close normally last time. All {self.edits} "
                f"change(s) made in “{title}” in that session were saved, typed text up to "
                f"about a second before it stopped. The last:\n{listed}{more}")


def stamp() -> str:
    """Now, as the audit log writes it (what `since` compares with)."""
    return clock.now()


def _local_time(at: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at
    return moment.astimezone().strftime("%H:%M:%S")


def since(session: Session, engagement_id: str, started_at: str,
          listed: int = 5) -> Recovered | None:
    """The edits committed to the engagement since `started_at` (None if it is gone)."""
    try:
        session.framework_of(engagement_id)
    except WorkbenchError:
        return None
    rows = audit.since(session.db, engagement_id, started_at)
    last = [f"{_WHAT.get(str(r['action']), str(r['action']))} on {r['target']} at "
            f"{_local_time(str(r['at']))}" for r in rows[:listed]]
    return Recovered(engagement_id, len(rows), last)
