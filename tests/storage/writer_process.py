"""A writer the kill test starts and kills: a stream of edits, each acknowledged after commit.

Usage: python writer_process.py DB ENGAGEMENT_ID SEED
Prints `will N KIND CODE VALUE` before an edit and `ack N` once the service returned.
"""

from __future__ import annotations

import random
import sys

from workbench.services import assessment
from workbench.services.session import Session


def main() -> None:
    db, eid, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    session = Session.open(db)
    framework = session.framework_of(eid)
    indicators = list(framework.indicator_owner)
    elements = list(framework.element_by_code)
    rng = random.Random(seed)
    n = 0
    while True:
        n += 1
        if rng.random() < 0.8:
            code, value = rng.choice(indicators), rng.randint(1, 5)
            print(f"will {n} rate {code} {value}", flush=True)
            assessment.rate(session, eid, code, value)
        else:
            code, value = rng.choice(elements), rng.randint(0, 10**9)
            print(f"will {n} note {code} {value}", flush=True)
            assessment.set_notes(session, eid, code, f"note {value}")
        print(f"ack {n}", flush=True)


if __name__ == "__main__":
    main()
