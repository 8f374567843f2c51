"""`workbench interview …` and `workbench document …`: the site-visit log from the shell.

The twins of the engagement tab's interview log and document register: add (prints the new
entry's id), list (a table, or --json), edit and remove.
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.cli.output import print_json, print_table
from workbench.core.errors import InvalidValueError
from workbench.core.site_log import Interview, Person, ReviewedDocument

if TYPE_CHECKING:
    from workbench.services.session import Session

    Parsers = argparse._SubParsersAction[argparse.ArgumentParser]

INTERVIEW_HELP = """\
The interviews held during the visit: the date, the people and their roles, the topics,
and the elements or enablers each one informed. The report's "Scope and evidence base"
appendix lists them by role. --json prints [{"id", "held_on": DATE|null, "people":
[{"name", "role"}], "topics", "elements": [CODE]}] in date order, undated last."""

DOCUMENT_HELP = """\
The client's documents reviewed during the visit: title, owner, version (or date) and the
elements or enablers each one supports, optionally linked to an attachment. --json prints
[{"id", "title", "owner", "version", "elements": [CODE], "attachment": ID|null, "file":
NAME|null}] in the order they were entered."""


def _person(text: str) -> Person:
    name, _, role = text.partition(":")
    return Person(name.strip(), role.strip())


def _people(values: list[str] | None) -> tuple[Person, ...]:
    return tuple(_person(v) for v in values or ())


# --- interviews ---------------------------------------------------------------------------


def _interview_json(item: Interview) -> dict[str, Any]:
    return {"id": item.id, "held_on": item.held_on,
            "people": [{"name": p.name, "role": p.role} for p in item.people],
            "topics": item.topics, "elements": list(item.elements)}


def cmd_interview_add(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import site_log
    change = site_log.add_interview(session, args.id, Interview(
        args.date, _people(args.person), args.topics, tuple(args.element or ())))
    print(change.item_id)
    return 0


def cmd_interview_list(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import site_log
    items = site_log.interviews(session, args.id, args.element)
    if args.json:
        print_json([_interview_json(i) for i in items])
        return 0
    print_table(["id", "date", "people", "topics", "elements"],
                [(i.id, i.held_on or "undated", "; ".join(p.label() for p in i.people),
                  _short(i.topics), " ".join(i.elements)) for i in items], right=(0,))
    return 0


def cmd_interview_edit(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import site_log
    old = site_log.interview(session, args.id, args.entry)
    new = old._replace(held_on=None if args.no_date else (args.date or old.held_on),
                  people=_people(args.person) or old.people,
                  topics=old.topics if args.topics is None else args.topics,
                  elements=old.elements if args.element is None else tuple(args.element))
    site_log.update_interview(session, args.id, args.entry, new)
    return 0


def cmd_interview_remove(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import site_log
    site_log.remove_interview(session, args.id, args.entry)
    return 0


# --- documents reviewed -------------------------------------------------------------------


def _attachment_for(session: Session, args: argparse.Namespace) -> int | None:
    """The attachment to link: --attachment N, or the file of --attach, attached to the first
    --element (or the attachment it already is there)."""
    if args.attach is None:
        return args.attachment  # type: ignore[no-any-return]
    from workbench.core.files import read_regular_file
    from workbench.services import attachments
    from workbench.services.attachments import MAX_ATTACHMENT_BYTES

    if not args.element:
        raise InvalidValueError("--attach needs an --element: the file is attached to the "
                                "first element given")
    path = Path(args.attach)
    data = read_regular_file(path, limit=MAX_ATTACHMENT_BYTES, what="attachment")
    digest = hashlib.sha256(data).hexdigest()
    for item in attachments.attachments(session, args.id, args.element[0]):
        if item.sha256 == digest:
            return item.id
    return attachments.attach_bytes(session, args.id, args.element[0], path.name, data,
                                    caption=args.title.strip()).item_id


def cmd_document_add(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import site_log
    item = ReviewedDocument(args.title, args.owner or "", args.version or "",
                            tuple(args.element or ()))
    site_log.check_document(session, args.id, item)  # refused before any file is attached
    item = item._replace(attachment_id=_attachment_for(session, args))
    print(site_log.add_document(session, args.id, item).item_id)
    return 0


def _document_json(item: ReviewedDocument, files: dict[int, str]) -> dict[str, Any]:
    return {"id": item.id, "title": item.title, "owner": item.owner, "version": item.version,
            "elements": list(item.elements), "attachment": item.attachment_id,
            "file": files.get(item.attachment_id) if item.attachment_id is not None else None}


def cmd_document_list(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import attachments, site_log
    items = site_log.documents(session, args.id, args.element)
    files = {a.id: a.filename for a in attachments.attachments(session, args.id)}
    if args.json:
        print_json([_document_json(d, files) for d in items])
        return 0
    print_table(["id", "title", "owner", "version", "elements", "file"],
                [(d.id, _short(d.title), d.owner, d.version, " ".join(d.elements),
                  files.get(d.attachment_id, "") if d.attachment_id is not None else "")
                 for d in items], right=(0,))
    return 0


def cmd_document_edit(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import site_log
    old = site_log.document(session, args.id, args.entry)
    new = old._replace(title=old.title if args.title is None else args.title,
                  owner=old.owner if args.owner is None else args.owner,
                  version=old.version if args.version is None else args.version,
                  elements=old.elements if args.element is None else tuple(args.element),
                  attachment_id=None if args.no_attachment else (
                      old.attachment_id if args.attachment is None else args.attachment))
    site_log.update_document(session, args.id, args.entry, new)
    return 0


def cmd_document_remove(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import site_log
    site_log.remove_document(session, args.id, args.entry)
    return 0


def _short(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[:width - 1] + "…"


# --- parsers ------------------------------------------------------------------------------

Add = Callable[[str, object, str], argparse.ArgumentParser]


def _adder(into: Parsers, parent: argparse.ArgumentParser) -> Add:
    def add(name: str, func: object, help_text: str) -> argparse.ArgumentParser:
        p = into.add_parser(name, help=help_text, parents=[parent])
        p.set_defaults(func=func, needs_db=True)
        p.add_argument("id", help="the engagement")
        return p
    return add


def _elements(p: argparse.ArgumentParser, what: str) -> None:
    p.add_argument("--element", action="append", metavar="CODE",
                   help=f"an element or enabler the {what} (repeatable)")


def _interview_parsers(add: Add) -> None:
    p = add("add", cmd_interview_add, "record an interview; prints its id")
    p.add_argument("--person", action="append", required=True, metavar="NAME[:ROLE]",
                   help="someone interviewed, with their role after a colon (repeatable)")
    p.add_argument("--topics", required=True, metavar="TEXT", help="what was discussed")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="when it was held")
    _elements(p, "interview informed")
    p = add("list", cmd_interview_list, "the interviews, in date order")
    p.add_argument("--element", metavar="CODE", help="only those linked to this element")
    p.add_argument("--json", action="store_true")
    p = add("edit", cmd_interview_edit, "change an interview (what is given replaces it)")
    p.add_argument("entry", type=int, metavar="N", help="the interview's id")
    p.add_argument("--person", action="append", metavar="NAME[:ROLE]",
                   help="the people interviewed (repeatable; replaces the list)")
    p.add_argument("--topics", metavar="TEXT")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--date", metavar="YYYY-MM-DD")
    group.add_argument("--no-date", action="store_true", help="the date is not known")
    _elements(p, "interview informed (replaces the list)")
    p = add("remove", cmd_interview_remove, "remove an interview from the log")
    p.add_argument("entry", type=int, metavar="N", help="the interview's id")


def _document_parsers(add: Add) -> None:
    p = add("add", cmd_document_add, "record a document reviewed; prints its id")
    p.add_argument("--title", required=True)
    p.add_argument("--owner", help="who in the client's organisation owns it")
    p.add_argument("--version", help="its version label or date")
    _elements(p, "document supports")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--attach", metavar="FILE",
                       help="attach this file to the first --element and link it")
    group.add_argument("--attachment", type=int, metavar="N",
                       help="link an attachment of the engagement (its id)")
    p = add("list", cmd_document_list, "the documents reviewed")
    p.add_argument("--element", metavar="CODE", help="only those linked to this element")
    p.add_argument("--json", action="store_true")
    p = add("edit", cmd_document_edit, "change a document (what is given replaces it)")
    p.add_argument("entry", type=int, metavar="N", help="the document's id")
    p.add_argument("--title")
    p.add_argument("--owner")
    p.add_argument("--version")
    _elements(p, "document supports (replaces the list)")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--attachment", type=int, metavar="N", help="link this attachment")
    group.add_argument("--no-attachment", action="store_true", help="drop the link")
    p = add("remove", cmd_document_remove, "remove a document from the log")
    p.add_argument("entry", type=int, metavar="N", help="the document's id")


def register(sub: Parsers, parent: argparse.ArgumentParser) -> None:
    p = sub.add_parser("interview", help="the interviews of the site-visit log",
                       description=INTERVIEW_HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    _interview_parsers(_adder(p.add_subparsers(dest="action", required=True,
                                               metavar="ACTION"), parent))
    p = sub.add_parser("document", help="the documents reviewed, in the site-visit log",
                       description=DOCUMENT_HELP,
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    _document_parsers(_adder(p.add_subparsers(dest="action", required=True,
                                              metavar="ACTION"), parent))
