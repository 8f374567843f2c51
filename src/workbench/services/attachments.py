"""Photos and documents attached to elements, kept inside the database as blobs."""

from __future__ import annotations

from pathlib import Path

from workbench.core import images, limits
from workbench.core.engagement import AttachmentInfo
from workbench.core.errors import InvalidValueError, NotFoundError
from workbench.core.files import read_regular_file
from workbench.core.images import inspect_image
from workbench.core.media_types import media_type_of
from workbench.services.session import Change, ChangeKind, Session
from workbench.storage import engagements, evidence, site_log

MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024  # a phone video is not evidence; a scanned PDF is
MAX_FILENAME = limits.FILENAME


def attach_bytes(session: Session, engagement_id: str, element: str, filename: str,
                 data: bytes, caption: str = "", assessor: str | None = None) -> Change:
    """Attach file content to an element. Images are checked before anything is stored."""
    caption = limits.check_text(caption.strip(), limits.CAPTION, "caption")
    framework = session.framework_of(engagement_id)
    if element not in framework.element_by_code and element not in framework.enabler_by_code:
        raise NotFoundError(f"{element!r} is not an element or enabler of {framework.id}")
    name = Path(filename).name[:MAX_FILENAME] or "attachment"
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise InvalidValueError(f"{name}: {len(data) / 2**20:.0f} MB is larger than the "
                                f"{MAX_ATTACHMENT_BYTES // 2**20} MB an attachment may be")
    if not data:
        raise InvalidValueError(f"{name}: the file is empty")
    width = height = None
    media_type = media_type_of(name, data)  # from the content, not the name
    if media_type.startswith("image/"):
        info = inspect_image(data, name)
        media_type, width, height = info.media_type, info.width, info.height
    with session.edit(engagement_id):
        aid = None
        if assessor is not None:
            aid = engagements.assessor_id(session.db, engagement_id, assessor)
        digest = evidence.put_blob(session.db, data)
        if any(a.sha256 == digest for a in evidence.attachments(session.db, engagement_id,
                                                               element)):
            # one file is one attachment per element, on every laptop (docs/merge-rules.md)
            raise InvalidValueError(f"{name}: this file is already attached to {element}")
        item_id = evidence.add_attachment(session.db, engagement_id, element, aid, digest, name,
                                          caption, media_type, len(data), width, height)
        session.log(engagement_id, "attach", element, None, {"file": name, "sha256": digest})
    return Change(ChangeKind.ATTACHMENTS, engagement_id, element, new=name, item_id=item_id)


def attach_file(session: Session, engagement_id: str, element: str, path: Path,
                caption: str = "", assessor: str | None = None) -> Change:
    data = read_regular_file(Path(path), limit=MAX_ATTACHMENT_BYTES, what="attachment")
    return attach_bytes(session, engagement_id, element, path.name, data, caption, assessor)


def attachments(session: Session, engagement_id: str,
                element: str | None = None) -> list[AttachmentInfo]:
    return evidence.attachments(session.db, engagement_id, element)


def content(session: Session, engagement_id: str, attachment_id: int) -> bytes:
    info = evidence.attachment(session.db, engagement_id, attachment_id)
    return evidence.get_blob(session.db, info.sha256)


def set_caption(session: Session, engagement_id: str, attachment_id: int,
                caption: str) -> Change:
    caption = limits.check_text(caption.strip(), limits.CAPTION, "caption")
    with session.edit(engagement_id):
        info = evidence.attachment(session.db, engagement_id, attachment_id)
        evidence.set_caption(session.db, attachment_id, caption)
        session.log(engagement_id, "caption", info.element, info.caption, caption)
    return Change(ChangeKind.ATTACHMENTS, engagement_id, info.element, old=info.caption,
                  new=caption, item_id=attachment_id)


def rotate(session: Session, engagement_id: str, attachment_id: int,
           clockwise: bool = True) -> Change:
    """Turn a photo a quarter: a new version of the attachment (same name, caption and
    element) replaces the old one in one transaction; the Change's item_id is the new one."""
    info = evidence.attachment(session.db, engagement_id, attachment_id)
    if not info.is_image:
        raise InvalidValueError(f"{info.filename} is not a photo, so it cannot be rotated")
    turned = images.rotate(evidence.get_blob(session.db, info.sha256), info.filename, clockwise)
    return _new_version(session, engagement_id, info, turned, "rotate attachment",
                        {"turn": "clockwise" if clockwise else "anticlockwise"})


def restore_content(session: Session, engagement_id: str, attachment_id: int,
                    data: bytes) -> Change:
    """Put back a photo's earlier content (the undo of a rotation): a new version of the
    attachment, exactly these bytes, checked as any photo is."""
    info = evidence.attachment(session.db, engagement_id, attachment_id)
    if not info.is_image:
        raise InvalidValueError(f"{info.filename} is not a photo")
    return _new_version(session, engagement_id, info, data, "restore attachment", {})


def _new_version(session: Session, engagement_id: str, info: AttachmentInfo, data: bytes,
                 what: str, detail: dict[str, str]) -> Change:
    checked = inspect_image(data, info.filename)
    with session.edit(engagement_id):
        aid = None
        if info.assessor is not None:
            aid = engagements.assessor_id(session.db, engagement_id, info.assessor)
        digest = evidence.put_blob(session.db, data)
        item_id = evidence.add_attachment(session.db, engagement_id, info.element, aid, digest,
                                          info.filename, info.caption, checked.media_type,
                                          len(data), checked.width, checked.height)
        site_log.relink_attachment(session.db, info.id, item_id)  # the log follows
        evidence.remove_attachment(session.db, info.id)
        session.log(engagement_id, what, info.element,
                    {"file": info.filename, "sha256": info.sha256},
                    {"file": info.filename, "sha256": digest, **detail})
    return Change(ChangeKind.ATTACHMENTS, engagement_id, info.element, old=info.id,
                  new=info.filename, item_id=item_id)


def move(session: Session, engagement_id: str, attachment_id: int, element: str) -> Change:
    """Give an attachment to another element or enabler (a photo taken for one element that
    is evidence for another): same id, file and caption. The Change is the target element's,
    with the source element as `old` (both forms refresh)."""
    framework = session.framework_of(engagement_id)
    if element not in framework.element_by_code and element not in framework.enabler_by_code:
        raise NotFoundError(f"{element!r} is not an element or enabler of {framework.id}")
    with session.edit(engagement_id):
        info = evidence.attachment(session.db, engagement_id, attachment_id)
        if info.element == element:
            raise InvalidValueError(f"{info.filename} is already attached to {element}")
        if any(a.sha256 == info.sha256 for a in evidence.attachments(session.db, engagement_id,
                                                                    element)):
            raise InvalidValueError(f"{info.filename}: this file is already attached to "
                                    f"{element}")
        evidence.move_attachment(session.db, attachment_id, element)
        session.log(engagement_id, "move attachment", element,
                    {"file": info.filename, "element": info.element},
                    {"file": info.filename, "element": element})
    return Change(ChangeKind.ATTACHMENTS, engagement_id, element, old=info.element, new=element,
                  item_id=attachment_id)


def remove(session: Session, engagement_id: str, attachment_id: int) -> Change:
    with session.edit(engagement_id):
        info = evidence.attachment(session.db, engagement_id, attachment_id)
        evidence.remove_attachment(session.db, attachment_id)
        session.log(engagement_id, "remove attachment", info.element,
                    {"file": info.filename, "sha256": info.sha256}, None)
    return Change(ChangeKind.ATTACHMENTS, engagement_id, info.element, old=info.filename,
                  item_id=attachment_id)
