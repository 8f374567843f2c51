"""Rotating a photo: a new version of the attachment replaces the old one."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from workbench.core.errors import InvalidValueError, NotFoundError, WorkbenchError
from workbench.services import attachments
from workbench.services.session import Session

ELEMENT = "D2.6"


def _image(fmt: str, size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 30, 200), (0, 0, size[0] // 2, size[1]))  # left half blue
    image.save(out, fmt)
    return out.getvalue()


def test_rotating_makes_a_turned_new_version_with_the_same_name_and_caption(
        session: Session, demo_id: str) -> None:
    first = attachments.attach_bytes(session, demo_id, ELEMENT, "wall.jpg", _image("JPEG"),
                                     "The journey wall").item_id
    assert first is not None
    change = attachments.rotate(session, demo_id, first)
    [info] = [a for a in attachments.attachments(session, demo_id, ELEMENT)
              if a.filename == "wall.jpg"]
    assert info.id == change.item_id != first
    assert (info.width, info.height, info.caption) == (48, 64, "The journey wall")
    turned = Image.open(io.BytesIO(attachments.content(session, demo_id, info.id)))
    assert turned.getpixel((24, 2))[2] > 150  # clockwise: the blue left half is now on top
    with pytest.raises(NotFoundError, match="no attachment"):
        attachments.content(session, demo_id, first)
    history = session.db.conn.execute(
        "SELECT action FROM audit_log WHERE engagement_id = ? ORDER BY id DESC LIMIT 1",
        (demo_id,)).fetchone()
    assert history[0] == "rotate attachment"


def test_a_png_stays_a_png_and_anticlockwise_turns_the_other_way(session: Session,
                                                                  demo_id: str) -> None:
    first = attachments.attach_bytes(session, demo_id, ELEMENT, "plan.png", _image("PNG"))
    change = attachments.rotate(session, demo_id, first.item_id or 0, clockwise=False)
    data = attachments.content(session, demo_id, change.item_id or 0)
    turned = Image.open(io.BytesIO(data))
    assert turned.format == "PNG" and turned.size == (48, 64)
    assert turned.getpixel((24, 60))[2] > 150  # anticlockwise: the blue half at the bottom


def test_a_document_cannot_be_rotated_and_nothing_changes(session: Session,
                                                          demo_id: str) -> None:
    doc = attachments.attach_bytes(session, demo_id, ELEMENT, "minutes.pdf",
                                   b"%PDF-1.4\n% minutes\n").item_id or 0
    before = attachments.attachments(session, demo_id, ELEMENT)
    with pytest.raises(InvalidValueError, match="not a photo"):
        attachments.rotate(session, demo_id, doc)
    assert attachments.attachments(session, demo_id, ELEMENT) == before


def test_restoring_the_content_of_a_turned_photo_puts_back_its_bytes(
        session: Session, demo_id: str) -> None:
    original = _image("JPEG")
    first = attachments.attach_bytes(session, demo_id, ELEMENT, "desk.jpg", original,
                                     "Service desk").item_id or 0
    turned = attachments.rotate(session, demo_id, first).item_id or 0
    back = attachments.restore_content(session, demo_id, turned, original).item_id or 0
    [info] = [a for a in attachments.attachments(session, demo_id, ELEMENT)
              if a.filename == "desk.jpg"]
    assert info.id == back and (info.width, info.height, info.caption) == (64, 48,
                                                                            "Service desk")
    assert attachments.content(session, demo_id, back) == original
    with pytest.raises(WorkbenchError, match="damaged"):  # refused, nothing changes
        attachments.restore_content(session, demo_id, back, b"\xff\xd8 not a photo")
    assert attachments.content(session, demo_id, back) == original
