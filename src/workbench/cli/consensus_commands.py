"""`workbench consensus ID [--json]`: where the team agrees, and where it must still decide."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from workbench.cli.output import print_json, print_table
from workbench.core.agreement import ElementStatus, ItemAgreement
from workbench.core.ratings import NA
from workbench.core.scoring import Source

if TYPE_CHECKING:
    from workbench.services.consensus import ConsensusOverview, ElementConsensus
    from workbench.services.session import Session

FORMAT = "workbench.consensus/1"

HELP = f"""\
Per element and indicator: each assessor's value, the spread, the value the score uses,
the consensus value and its reason, the proposed default and the status. Elements that
need consensus come first, largest disagreement first (sum of the open items' spreads,
then the largest spread); the others follow in framework order. Elements nobody rated are
left out of the table unless --all is given (--json always lists every element).

Spread: highest minus lowest level; N/A beside a level counts as the scale's full width;
an objective counts steps between not yet, partially and fully. Proposed default: the
agreed value, else N/A if most said N/A, else the lower median level. Status: agreed,
needs consensus, consensus set, single rating, unrated. Agreement: the share of
indicators rated identically among those rated by two or more assessors; kappa (Cohen's
for two assessors, else Fleiss') once 10 or more indicators have two or more ratings.

Set a value with `workbench rate ID INDICATOR LEVEL --consensus [--reason TEXT]` or
`workbench judge ID ELEMENT KEY --consensus [--reason TEXT]`; a value that differs from
every assessor's needs --reason.

--json prints {{"format": "{FORMAT}", "engagement": ID, "assessors": [NAME, ...],
"summary": TEXT, "agreement": {{"rated_by_several": N, "identical": N, "share": F|null,
"kappa": F|null, "kappa_method": "cohen"|"fleiss"|null}}, "elements": [{{"code", "title",
"status", "open_items", "spread_sum", "spread_max", "items": [{{"code", "kind":
"indicator"|"objective", "values": {{NAME: VALUE|null}}, "spread": N|null, "consensus":
VALUE|null, "reason": TEXT, "used": {{"source": "consensus"|"agreed"|"mean"|"unrated",
"value": VALUE|null, "fraction": F|null}}, "proposed": VALUE|null, "status": TEXT}}],
"evidence": [{{"assessor", "notes", "strengths": [TEXT], "opportunities": [TEXT]}}]}}]}}
where VALUE is a level (integer), "na", or an objective key (fully, partially, not_yet),
and floats are unrounded."""


def _shown(value: object) -> str:
    if value is None:
        return "–"
    return "N/A" if value == NA else str(value)


def _used(item: ItemAgreement) -> str:
    used = item.used
    if used.source is Source.MEAN:
        return f"mean {used.fraction:.2f}"
    return _shown(used.value)


def _ordered(view: ConsensusOverview) -> list[ElementConsensus]:
    first = view.needing
    done = {e.code for e in first}
    return first + [e for e in view.elements if e.code not in done]


def _item_json(item: ItemAgreement, reason: str) -> dict[str, Any]:
    return {"code": item.code, "kind": item.kind, "values": dict(item.values),
            "spread": item.spread, "consensus": item.consensus, "reason": reason,
            "used": {"source": str(item.used.source), "value": item.used.value,
                     "fraction": item.used.fraction},
            "proposed": item.proposed, "status": str(item.status)}


def to_json(view: ConsensusOverview) -> dict[str, Any]:
    stats = view.stats
    return {
        "format": FORMAT, "engagement": view.engagement_id, "assessors": list(view.assessors),
        "summary": view.summary,
        "agreement": {"rated_by_several": stats.rated_by_several, "identical": stats.identical,
                      "share": stats.share, "kappa": stats.kappa,
                      "kappa_method": stats.kappa_method},
        "elements": [{
            "code": e.code, "title": e.title, "status": str(e.status),
            "open_items": e.agreement.open_items, "spread_sum": e.agreement.total_spread,
            "spread_max": e.agreement.max_spread,
            "items": [_item_json(i, e.reasons.get(i.code, "")) for i in e.items],
            "evidence": [{"assessor": w.assessor, "notes": w.notes,
                          "strengths": list(w.strengths),
                          "opportunities": list(w.opportunities)} for w in e.evidence],
        } for e in _ordered(view)]}


def cmd_consensus(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import consensus
    view = consensus.overview(session, args.id)
    if args.json:
        print_json(to_json(view))
        return 0
    print(view.summary)
    shown = [e for e in _ordered(view)
             if args.all or e.status is not ElementStatus.UNRATED]
    if not shown:
        print("Nothing is rated yet.")
        return 0
    rows: list[tuple[object, ...]] = []
    for e in shown:
        rows.append((e.code, e.title[:40], *([""] * len(view.assessors)), "", "", "", "",
                     str(e.status)))
        for item in e.items:
            label = "  objective" if item.kind == "objective" else "  " + item.code
            consensus_text = _shown(item.consensus)
            if item.code in e.reasons:
                consensus_text += " *"
            rows.append((label, "", *(_shown(item.values[n]) for n in view.assessors),
                         _shown(item.spread) if item.spread is not None else "",
                         _used(item), consensus_text,
                         _shown(item.proposed) if item.proposed is not None else "",
                         str(item.status)))
    print()
    print_table(["code", "element", *view.assessors, "spread", "uses", "consensus", "proposed",
                 "status"], rows)
    reasons = [(c, r) for e in shown for c, r in e.reasons.items()]
    if reasons:
        print("\n* reasons recorded with consensus values:")
        for code, reason in reasons:
            print(f"  {code}: {reason}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser],
             parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("consensus", parents=[parent],
                       help="compare the assessors' ratings: spread, consensus and status",
                       description=HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(func=cmd_consensus, needs_db=True)
    p.add_argument("id")
    p.add_argument("--json", action="store_true", help=f"print {FORMAT} JSON (see above)")
    p.add_argument("--all", action="store_true", help="list unrated elements too")
