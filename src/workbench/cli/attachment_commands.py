"""`workbench attachments`, `caption` and `rotate`: an element's attached files (`attach`
itself is with the other edits in `engagement_commands`, which registers these too)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from workbench.cli.output import print_json, print_table

if TYPE_CHECKING:
    import argparse

    from workbench.services.session import Session

    Add = Callable[[str, object, str], argparse.ArgumentParser]


def cmd_attachments(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import attachments
    items = attachments.attachments(session, args.id, args.element)
    if args.json:
        print_json([{"id": a.id, "element": a.element, "file": a.filename,
                     "caption": a.caption, "media_type": a.media_type, "size": a.size,
                     "width": a.width, "height": a.height} for a in items])
    else:
        print_table(["id", "element", "file", "caption"],
                    [(a.id, a.element, a.filename, a.caption) for a in items])
    return 0


def cmd_caption(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import attachments
    attachments.set_caption(session, args.id, args.attachment, args.text)
    return 0


def cmd_rotate(session: Session, args: argparse.Namespace) -> int:
    from workbench.services import attachments
    change = attachments.rotate(session, args.id, args.attachment, not args.anticlockwise)
    print(change.item_id)  # the new version's id
    return 0



def _attachments_parser(add: Add) -> None:
    p = add("attachments", cmd_attachments, "list the attachments (id, element, file, caption)")
    p.add_argument("id")
    p.add_argument("element", nargs="?")
    p.add_argument("--json", action="store_true")


def _caption_parser(add: Add) -> None:
    p = add("caption", cmd_caption, "write or change an attachment's caption")
    p.add_argument("id")
    p.add_argument("attachment", type=int, help="its id, from `attachments`")
    p.add_argument("text")


def _rotate_parser(add: Add) -> None:
    p = add("rotate", cmd_rotate, "turn a photo a quarter (prints the new version's id)")
    p.add_argument("id")
    p.add_argument("attachment", type=int, help="its id, from `attachments`")
    p.add_argument("--anticlockwise", action="store_true")


ATTACHMENT_PARSERS: dict[str, Callable[[Add], None]] = {
    "attachments": _attachments_parser,
    "caption": _caption_parser,
    "rotate": _rotate_parser,
}
