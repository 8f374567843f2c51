"""`workbench demo --out DIR`: a demo engagement and what can be made from it."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.score_json import score_to_dict

if TYPE_CHECKING:
    from workbench.services.session import Session


def cmd_demo(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import deliverables, demo, engagements, scores
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    eid = demo.create_demo(session)
    engagements.export_json(session, eid, out / "demo-engagement.json")
    result = scores.score(session, eid)
    (out / "demo-score.json").write_text(json.dumps(score_to_dict(eid, result), indent=2) + "\n")
    made = deliverables.make_deliverables(session, eid, out, "demo")
    print(eid)
    for path in [out / "demo-engagement.json", out / "demo-score.json", *made]:
        print(f"  wrote {path}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("demo", help="create a demo engagement and its deliverables",
                       parents=[parent])
    p.add_argument("--out", required=True, help="folder for the demo's files")
    p.set_defaults(func=cmd_demo, needs_db=True)
