"""JSON import with the shared text limits (core/limits.py): it must stay linear.

Imports the architecture example grown to 5,000 and to 20,000 improvement actions into a
fresh database and prints the time of each, the time per action, and the ratio of the two
per-action times (about 1 when linear). The limits check is timed on its own beside it.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from bench.common import report, timings
from workbench.core import limits
from workbench.core.framework_loader import bundled_framework
from workbench.core.interchange import parse_document
from workbench.services import engagements
from workbench.services.session import Session

EXAMPLE = Path(__file__).parent.parent / "tests" / "data" / "architecture_example.json"


def _document(folder: Path, count: int) -> Path:
    data = json.loads(EXAMPLE.read_text())
    data["actions"] = [{"element": "D1.1", "action": f"Action {n} " + "x" * 200,
                        "owner": "Owner", "priority": "medium"} for n in range(count)]
    path = folder / f"actions-{count}.json"
    path.write_text(json.dumps(data))
    return path


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        per_action: dict[int, float] = {}
        for count in (5_000, 20_000):
            source = _document(folder, count)
            session = Session.open(folder / f"import-{count}.sqlite3")
            start = time.perf_counter()
            engagements.import_json(session, source)
            took = time.perf_counter() - start
            session.close()
            per_action[count] = took / count
            print(f"import JSON with {count:>6,} actions          {took * 1000:9.1f} ms  "
                  f"({per_action[count] * 1e6:6.1f} µs per action)", flush=True)
        print(f"per-action time 20,000 / 5,000: {per_action[20_000] / per_action[5_000]:.2f}x "
              "(target: under 1.5x, linear)", flush=True)
        doc = parse_document(_document(folder, 20_000).read_bytes(), "bench", bundled_framework)
        report("limits.check_document (20,000 actions)",
               timings(lambda: limits.check_document(doc), 20), target="< 50 ms")


if __name__ == "__main__":
    main()
