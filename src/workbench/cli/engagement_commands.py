"""`workbench engagement …`, the edits (`rate`, `judge`, `target`, `note`, `attach`) and `score`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.cli.attachment_commands import ATTACHMENT_PARSERS
from workbench.cli.output import fmt_percent, fmt_score, print_json, print_table
from workbench.core.errors import InvalidValueError
from workbench.core.framework import DEFAULT_FRAMEWORK_ID

if TYPE_CHECKING:
    import argparse  # not imported for `rate` and `score` (cli.quick): annotations only

    from workbench.services.session import Session


def cmd_list(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import engagements
    rows = engagements.summaries(session, include_archived=args.all, search=args.search or "")
    if args.json:
        print_json([{**r._asdict(), "status": str(r.status)} for r in rows])
        return 0
    if not rows:
        print("No engagements yet. Create one with `workbench engagement create` or run "
              "`workbench demo`.")
        return 0
    print_table(["id", "client", "site", "title", "dates", "status", "score", "level"],
                [(r.id, r.client, r.site, r.title,
                  f"{r.start_date or ''}–{r.end_date or ''}" if r.start_date else "",
                  str(r.status) + (" (archived)" if r.archived else ""), fmt_score(r.total),
                  r.level) for r in rows], right=(6, 7))
    return 0


def cmd_show(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import comparison, engagements, signed_record
    signed_record.check(session, args.id)  # a signed engagement is shown only when intact
    summary = engagements.summary(session, args.id)
    team = engagements.team(session, args.id)
    if args.json:
        print_json({**summary._asdict(), "status": str(summary.status),
                    "brand": engagements.details(session, args.id).brand,
                    "baseline_id": comparison.baseline_of(session, args.id),
                    "assessors": [a._asdict() for a in team]})
        return 0
    d = engagements.details(session, args.id)
    print(f"{d.client} — {d.title}")
    print(f"  id:         {summary.id}")
    print(f"  site:       {d.site}")
    print(f"  dates:      {d.start_date or '?'} to {d.end_date or '?'}")
    print(f"  framework:  {summary.framework_id} {summary.framework_version}")
    baseline = comparison.baseline_of(session, args.id)
    if baseline:
        print(f"  baseline:   {baseline}")
    print(f"  status:     {summary.status}{' (archived)' if summary.archived else ''}")
    print(f"  score:      {fmt_score(summary.total)} / 1000, level {summary.level}")
    print("  team:       " + "; ".join(f"{a.name} ({a.role})" if a.role else a.name
                                       for a in team))
    from workbench.services import site_log
    interviews = len(site_log.interviews(session, args.id))
    documents = len(site_log.documents(session, args.id))
    print(f"  site log:   {interviews} interview{'' if interviews == 1 else 's'}, {documents} "
          f"document{'' if documents == 1 else 's'} reviewed")
    return 0


def cmd_create(session: Session, args: argparse.Namespace) -> int:
    from workbench.core.engagement_details import Assessor, EngagementDetails
    from workbench.services import engagements
    team = [Assessor(name.strip()) for name in (args.assessor or [])]
    change = engagements.create(
        session, EngagementDetails(args.client, args.site, args.title, args.lead,
                                   args.start, args.end, args.brand),
        framework_id=args.framework, framework_version=args.framework_version, team=team)
    print(change.engagement_id)
    return 0


def cmd_import(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import engagements
    print(engagements.import_json(session, Path(args.file)).engagement_id)
    return 0


def cmd_export(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import engagements
    engagements.export_json(session, args.id, Path(args.output))
    return 0


def cmd_duplicate(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import engagements
    change = engagements.duplicate(session, args.id, with_ratings=not args.structure_only)
    print(change.engagement_id)
    return 0


def cmd_set_baseline(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import comparison
    if (args.baseline_id is None) == (not args.clear):
        raise InvalidValueError("name the baseline engagement, or give --clear (not both)")
    comparison.set_baseline(session, args.id, None if args.clear else args.baseline_id)
    return 0


def cmd_archive(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import engagements
    engagements.set_archived(session, args.id, not args.restore)
    return 0


def cmd_delete(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import engagements
    if not args.yes:
        raise InvalidValueError("deleting removes every rating, note and attachment of the "
                                "engagement; add --yes to confirm")
    engagements.delete(session, args.id)
    return 0


def cmd_assessor(session: Session, args: argparse.Namespace) -> int:
    from workbench.core.engagement_details import Assessor
    from workbench.services import engagements
    engagements.add_assessor(session, args.id, Assessor(args.name, args.role or "",
                                                        args.initials or ""))
    return 0


def cmd_remove_assessor(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import engagements
    change = engagements.remove_assessor(session, args.id, args.name,
                                         reassign_to=args.reassign_to)
    if change.new is not None:
        print(change.new.describe())
    return 0


def _reason_needs_consensus(args: argparse.Namespace) -> None:
    if args.reason is not None and not args.consensus:
        raise InvalidValueError("--reason goes with --consensus: it explains a team value")


def cmd_rate(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import assessment
    value = assessment.parse_level(args.level)
    _reason_needs_consensus(args)
    if args.consensus:
        assessment.rate_consensus(session, args.id, args.indicator, value, args.reason or "")
    else:
        assessment.rate(session, args.id, args.indicator, value, args.assessor)
    return 0


def cmd_judge(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import assessment
    key = None if args.achievement in ("none", "-") else args.achievement
    _reason_needs_consensus(args)
    if args.consensus:
        assessment.judge_consensus(session, args.id, args.element, key, args.reason or "")
    else:
        assessment.judge(session, args.id, args.element, key, args.assessor)
    return 0


def cmd_target(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import assessment
    level = None if args.level in ("none", "-") else _int(args.level, "target level")
    assessment.set_target(session, args.id, args.element, level)
    return 0


def _int(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidValueError(f"{text!r} is not a {what}") from None


def cmd_note(session: Session, args: argparse.Namespace) -> int:
    from workbench.core.engagement import FindingKind
    from workbench.services import assessment
    if args.kind == "notes":
        assessment.set_notes(session, args.id, args.element, args.text, args.assessor)
    else:
        assessment.add_finding(session, args.id, args.element, FindingKind(args.kind),
                               args.text, args.assessor)
    return 0


def cmd_attach(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import attachments
    attachments.attach_file(session, args.id, args.element, Path(args.file), args.caption or "",
                            args.assessor)
    return 0


def cmd_action(session: Session, args: argparse.Namespace) -> int:
    from workbench.core.engagement import Action, Priority
    from workbench.services import actions
    actions.add(session, args.id, Action(args.element, args.text, args.owner or "",
                                         Priority(args.priority), args.due))
    return 0


def cmd_score(session: Session, args: argparse.Namespace) -> int:
    from workbench.core.score_json import score_to_dict
    from workbench.core.scoring import Status
    from workbench.services import scores
    result = scores.score(session, args.id, args.assessor)
    if args.json:
        print_json(score_to_dict(args.id, result))
        return 0
    framework = session.framework_of(args.id)
    print(f"Total {fmt_score(result.total)} / {result.max:g}   normalized "
          f"{fmt_score(result.normalized_total)}   level {result.level} "
          f"{framework.band_label(result.level) if result.level else ''}   "
          f"{fmt_percent(result.completeness * 100)} complete "
          f"({result.complete_elements} of {len(result.elements)} elements)")
    rows = []
    for d in framework.dimensions:
        ds = result.dimensions[d.code]
        rows.append((d.code, d.name, fmt_score(ds.score), f"{ds.max:g}", fmt_percent(ds.percent),
                     ds.level or "—", ds.target or "", ""))
        for e in d.elements:
            es = result.elements[e.code]
            unassessed = es.status is Status.NOT_ASSESSED  # never "0 %" or level 1
            rows.append(("  " + e.code, "  " + e.title[:48], fmt_score(es.score), f"{e.points:g}",
                         "—" if unassessed else fmt_percent(es.percent),
                         "—" if unassessed else es.level or "—", es.target or "",
                         str(es.status) + (" *" if es.needs_consensus else "")))
    print_table(["code", "name", "score", "max", "percent", "level", "target", "status"], rows,
                right=(2, 3, 4, 5, 6))
    if result.enablers:
        print()
        print_table(["enabler", "name", "percent", "level"],
                    [(n.code, n.name[:60], fmt_percent(result.enablers[n.code].percent),
                      result.enablers[n.code].level or "—") for n in framework.enablers],
                    right=(2, 3))
    if result.needs_consensus:
        print("\n* needs consensus: " + ", ".join(result.needs_consensus))
    return 0


if TYPE_CHECKING:
    Parsers = argparse._SubParsersAction[argparse.ArgumentParser]
    Add = Callable[[str, object, str], argparse.ArgumentParser]


def _adder(into: Parsers, parent: argparse.ArgumentParser) -> Add:
    def add(name: str, func: object, help_text: str) -> argparse.ArgumentParser:
        p = into.add_parser(name, help=help_text, parents=[parent])
        p.set_defaults(func=func, needs_db=True)
        return p
    return add


def register(sub: Parsers, parent: argparse.ArgumentParser, only: str | None = None) -> None:
    """The module's commands; with `only`, just that one (a command pays for its own parser;
    the command table lists the others)."""
    if only in (None, "engagement"):
        e = sub.add_parser("engagement", help="create, list, import and export engagements")
        esub = e.add_subparsers(dest="action", required=True, metavar="ACTION")
        _engagement_parsers(_adder(esub, parent))
    add = _adder(sub, parent)
    for name, build in _RATING_PARSERS.items():
        if only in (None, name):
            build(add)


def _who(p: argparse.ArgumentParser, consensus: bool) -> None:
    """--assessor, or with `consensus` --consensus and its --reason."""
    group = p.add_mutually_exclusive_group()
    group.add_argument("--assessor", help="whose rating (default: the lead assessor)")
    if consensus:
        group.add_argument("--consensus", action="store_true",
                           help="record the team's consensus value")
        p.add_argument("--reason", metavar="TEXT",
                       help="why the team chose this value; required with --consensus "
                            "when it differs from every assessor's value")


def _engagement_parsers(add: Add) -> None:
    p = add("list", cmd_list, "list engagements")
    p.add_argument("--json", action="store_true")
    p.add_argument("--all", action="store_true", help="include archived engagements")
    p.add_argument("--search", help="only those whose client, site, title or lead match")
    p = add("show", cmd_show, "show one engagement")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p = add("create", cmd_create, "create an engagement; prints its id")
    p.add_argument("--client", required=True)
    p.add_argument("--site", default="")
    p.add_argument("--title", default="")
    p.add_argument("--lead", required=True, help="the lead assessor's name")
    p.add_argument("--assessor", action="append", help="another assessor (repeatable)")
    p.add_argument("--start", help="start date, YYYY-MM-DD")
    p.add_argument("--end", help="end date, YYYY-MM-DD")
    p.add_argument("--brand", default="default", help="the brand profile of its report")
    p.add_argument("--framework", default=DEFAULT_FRAMEWORK_ID)
    p.add_argument("--framework-version", default=None)
    p = add("import", cmd_import, "import a workbench.engagement/1 JSON file; prints the new id")
    p.add_argument("file")
    p = add("export", cmd_export, "export an engagement as workbench.engagement/1 JSON")
    p.add_argument("id")
    p.add_argument("-o", "--output", required=True)
    p = add("duplicate", cmd_duplicate, "start a new engagement from a previous one")
    p.add_argument("id")
    p.add_argument("--structure-only", action="store_true",
                   help="copy the details, team and targets but no ratings")
    p = add("set-baseline", cmd_set_baseline,
            "name the engagement this one is compared with (a previous year's), or --clear it")
    p.add_argument("id")
    p.add_argument("baseline_id", nargs="?", metavar="BASELINE_ID")
    p.add_argument("--clear", action="store_true", help="no baseline any more")
    p = add("archive", cmd_archive, "archive (or --restore) an engagement")
    p.add_argument("id")
    p.add_argument("--restore", action="store_true")
    p = add("delete", cmd_delete, "delete an engagement and everything in it")
    p.add_argument("id")
    p.add_argument("--yes", action="store_true", help="confirm the deletion")
    p = add("add-assessor", cmd_assessor, "add an assessor to the team")
    p.add_argument("id")
    p.add_argument("name")
    p.add_argument("--role")
    p.add_argument("--initials")
    p = add("remove-assessor", cmd_remove_assessor,
            "remove an assessor; one who has recorded work needs --reassign-to")
    p.add_argument("id")
    p.add_argument("name")
    p.add_argument("--reassign-to", metavar="NAME",
                   help="move their ratings, notes, findings and attachments to this assessor; "
                        "where both rated, NAME's own values are kept (and listed)")


def _rate_parser(add: Add) -> None:
    p = add("rate", cmd_rate, "rate an indicator: a level, na, or none")
    p.add_argument("id")
    p.add_argument("indicator")
    p.add_argument("level")
    _who(p, True)


def _judge_parser(add: Add) -> None:
    p = add("judge", cmd_judge, "judge an element's statement of objective")
    p.add_argument("id")
    p.add_argument("element")
    p.add_argument("achievement", choices=["fully", "partially", "not_yet", "none"])
    _who(p, True)


def _target_parser(add: Add) -> None:
    p = add("target", cmd_target, "set an element's target level")
    p.add_argument("id")
    p.add_argument("element")
    p.add_argument("level")


def _note_parser(add: Add) -> None:
    p = add("note", cmd_note, "set evidence notes, or add a strength or opportunity")
    p.add_argument("id")
    p.add_argument("element")
    p.add_argument("text")
    p.add_argument("--kind", choices=["notes", "strength", "opportunity"], default="notes")
    _who(p, False)


def _attach_parser(add: Add) -> None:
    p = add("attach", cmd_attach, "attach a photo or document to an element")
    p.add_argument("id")
    p.add_argument("element")
    p.add_argument("file")
    p.add_argument("--caption")
    _who(p, False)


def _action_parser(add: Add) -> None:
    from workbench.core.engagement import Priority
    p = add("action", cmd_action, "add an improvement action")
    p.add_argument("id")
    p.add_argument("element")
    p.add_argument("text")
    p.add_argument("--owner")
    p.add_argument("--priority", choices=[str(x) for x in Priority], default="medium")
    p.add_argument("--due", help="due date, YYYY-MM-DD")


def _score_parser(add: Add) -> None:
    p = add("score", cmd_score, "the engagement's score")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.add_argument("--assessor", help="one assessor's own ratings only")


# In the order `--help` lists them (as cli.main.COMMANDS).
_RATING_PARSERS: dict[str, Callable[[Add], None]] = {
    "rate": _rate_parser,
    "judge": _judge_parser,
    "target": _target_parser,
    "note": _note_parser,
    "attach": _attach_parser,
    **ATTACHMENT_PARSERS,
    "action": _action_parser,
    "score": _score_parser,
}
