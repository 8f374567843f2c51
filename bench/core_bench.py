"""Core benchmarks (issue "The core"): autosave, scoring, listing.

Each figure is printed beside a baseline measured in the same run:
- autosave of one rating through the services (validated, audited, committed) against a bare
  sqlite3 UPDATE + COMMIT on a table of the same shape with the same pragmas (WAL and
  synchronous=FULL: both survive a power cut once acknowledged);
- scoring a fully rated 32-element engagement with three assessors;
- listing 2,000 engagements with their scores, against a bare SELECT of the same rows.
"""

from __future__ import annotations

import itertools
import random
import sqlite3
import tempfile
from pathlib import Path

from bench.common import report, timings
from workbench.core.engagement import EngagementDetails
from workbench.core.framework_loader import bundled_framework
from workbench.core.ratings import Ratings, RatingSet
from workbench.core.scoring import score_engagement
from workbench.services import assessment, engagements
from workbench.services.session import Session


def bench_autosave(folder: Path) -> None:
    session = Session.open(folder / "autosave.sqlite3")
    eid = engagements.create(session, EngagementDetails("Bench", "S", "T", "Lead")).engagement_id
    codes = list(session.framework_of(eid).indicator_owner)
    code_cycle = itertools.cycle(codes)
    current = dict.fromkeys(codes, 3)

    def next_edit() -> tuple[str, int]:
        """Every edit really changes a level: an unchanged value writes nothing."""
        code = next(code_cycle)
        current[code] = current[code] % 5 + 1
        return code, current[code]

    for code in codes:  # every row exists, as on a real assessment day
        assessment.rate(session, eid, code, 3)

    def edit() -> None:
        code, level = next_edit()
        assessment.rate(session, eid, code, level)

    ours = timings(edit, 2000, warmup=50)
    session.close()

    bare = sqlite3.connect(folder / "bare.sqlite3", isolation_level=None)
    bare.execute("PRAGMA journal_mode = WAL")
    bare.execute("PRAGMA synchronous = FULL")  # the same durability as the workbench's
    bare.execute("CREATE TABLE r (e TEXT, a INTEGER, i TEXT, level INTEGER, PRIMARY KEY (e, a, i))"
                 " STRICT")
    bare.executemany("INSERT INTO r VALUES ('x', 1, ?, 3)", [(c,) for c in codes])

    def bare_update() -> None:
        code, level = next_edit()
        bare.execute("BEGIN")
        bare.execute("UPDATE r SET level = ? WHERE e = 'x' AND a = 1 AND i = ?", (level, code))
        bare.execute("COMMIT")

    base = timings(bare_update, 2000, warmup=50)
    bare.close()
    report("autosave one rating (commit acknowledged)", ours, base,
           "<= 2x the bare commit, p99 < 5 ms")


def bench_scoring() -> None:
    framework = bundled_framework("cem-6d")
    rng = random.Random(3)
    codes = list(framework.indicator_owner)
    assessors = {name: Ratings({c: rng.randint(1, 5) for c in codes},
                               {e: rng.choice(["fully", "partially", "not_yet"])
                                for e in framework.element_by_code})
                 for name in ("A", "B", "C")}
    ratings = RatingSet(assessors, targets={e: 4 for e in framework.element_by_code})
    ours = timings(lambda: score_engagement(framework, ratings), 300)
    single = RatingSet({"A": assessors["A"]})
    base = timings(lambda: score_engagement(framework, single), 300)
    report("score 32 elements, 3 assessors", ours, base, "< 2 ms (baseline: 1 assessor)")


def bench_listing(folder: Path) -> None:
    path = folder / "list.sqlite3"
    session = Session.open(path)
    first = engagements.create(session, EngagementDetails("Client 0", "Site", "Title", "Lead"))
    assessment.rate(session, first.engagement_id, "D1.1.1", 4)
    with session.db.atomic():
        for n in range(1, 2000):
            engagements.duplicate(session, first.engagement_id, with_ratings=False,
                                  details=EngagementDetails(f"Client {n}", "Site", "Title",
                                                            "Lead"))
    engagements.summaries(session)  # computes and caches each score once
    ours = timings(lambda: engagements.summaries(session), 30)
    rows = timings(lambda: session.db.conn.execute(
        "SELECT id, client, site, title, start_date, end_date, status FROM engagements "
        "WHERE archived = 0 ORDER BY updated_at DESC").fetchall(), 30)
    assert len(engagements.summaries(session)) == 2000
    session.close()
    report("list 2,000 engagements with scores", ours, rows, "< 50 ms (baseline: bare SELECT)")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bench_autosave(folder)
        bench_scoring()
        bench_listing(folder)


if __name__ == "__main__":
    main()
