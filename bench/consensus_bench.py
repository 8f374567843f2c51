"""Consensus benchmarks (issue 10): what the consensus screen waits for after each edit.

- the overview of a fully rated 32-element engagement with three assessors who disagree
  often (agreement, spreads, notes side by side, kappa), beside scoring the same engagement
  (`services.scores.score`, the screen's other refresh) measured in the same run;
- one consensus edit through the service (reason rule, audit, commit, the old and new value
  read back for undo), beside a plain assessor rating (`assessment.rate`).
"""

from __future__ import annotations

import itertools
import random
import tempfile
from pathlib import Path

from bench.common import report, timings
from workbench.core.engagement import Assessor, EngagementDetails, FindingKind
from workbench.services import assessment, consensus, engagements, scores
from workbench.services.session import Session

TEAM = ("Lead", "Second", "Third")


def build(folder: Path) -> tuple[Session, str]:
    session = Session.open(folder / "consensus.sqlite3")
    eid = engagements.create(session, EngagementDetails("Bench", "S", "T", "Lead"),
                             team=[Assessor(n) for n in TEAM]).engagement_id
    framework = session.framework_of(eid)
    rng = random.Random(3)
    for element in framework.elements():
        for indicator in element.indicators:
            base = rng.randint(1, 5)
            for who in TEAM:
                level = max(1, min(5, base + rng.choice((-1, 0, 0, 1))))
                assessment.rate(session, eid, indicator.code, level, who)
        for who in TEAM:
            assessment.judge(session, eid, element.code,
                             rng.choice(("fully", "partially", "not_yet")), who)
            assessment.set_notes(session, eid, element.code, f"Notes of {who} " * 20, who)
            assessment.add_finding(session, eid, element.code, FindingKind.STRENGTH,
                                   f"A strength seen by {who}", who)
    return session, eid


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        session, eid = build(Path(folder))
        ours = timings(lambda: consensus.overview(session, eid), 30)
        base = timings(lambda: scores.score(session, eid), 30)
        report("consensus overview, 3 assessors, 32 elements", ours, base,
               "< 150 ms (refresh after each edit)")
        codes = itertools.cycle(session.framework_of(eid).indicator_owner)
        levels = itertools.cycle((1, 2, 3, 4, 5))
        edit = timings(lambda: consensus.set_consensus(session, eid, next(codes), next(levels),
                                                       "benchmark"), 300)
        rate = timings(lambda: assessment.rate(session, eid, next(codes), next(levels), "Lead"),
                       300)
        report("one consensus edit (reason rule, audit, undo data)", edit, rate,
               "p99 < 20 ms (an edit the team waits for)")
        session.close()


if __name__ == "__main__":
    main()
