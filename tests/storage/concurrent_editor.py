"""A second program editing the same engagement (run as a child by test_database_trouble).

Usage: python concurrent_editor.py DB ENGAGEMENT WORKER COUNT
Prints "ok N" for each acknowledged edit and "refused N: MESSAGE" for each refused one.
"""

from __future__ import annotations

import sys

from workbench.core.engagement import FindingKind
from workbench.core.errors import WorkbenchError
from workbench.services import assessment
from workbench.services.session import Session


def main() -> int:
    db, engagement_id, worker, count = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    session = Session.open(db)
    try:
        for n in range(count):
            try:
                assessment.add_finding(session, engagement_id, "D1.1", FindingKind.STRENGTH,
                                       f"{worker}-{n}")
            except WorkbenchError as exc:
                print(f"refused {n}: {exc}", flush=True)
            else:
                print(f"ok {n}", flush=True)
    finally:
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
