"""Engagement JSON import stays linear: 2,000 / 5,000 / 20,000 improvement actions.

Target: 20,000 actions import in well under 10 s, and the time per action does not grow
with the count (it grew quadratically before: 47 s for 20,000).
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from workbench.services import engagements
from workbench.services.demo import create_demo
from workbench.services.session import Session


def _time_import(folder: Path, count: int) -> float:
    db = folder / f"bench-{count}.sqlite3"
    session = Session.open(db)
    try:
        eid = create_demo(session)
        base = folder / "base.json"
        engagements.export_json(session, eid, base)
        data = json.loads(base.read_text("utf-8"))
        data["actions"] = [{"element": "D1.1", "action": f"Action {n}", "owner": "Ops",
                            "priority": "high", "due_date": "2027-01-01", "status": "open"}
                           for n in range(count)]
        source = folder / f"actions-{count}.json"
        source.write_text(json.dumps(data), "utf-8")
        start = time.perf_counter()
        engagements.import_json(session, source)
        return time.perf_counter() - start
    finally:
        session.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for count in (2_000, 5_000, 20_000):
            seconds = _time_import(folder, count)
            print(f"import {count:>6,} actions: {seconds:6.2f} s "
                  f"({seconds / count * 1e6:6.1f} µs per action; target < 10 s for 20,000)")
