"""Fixtures of the sign-off tests: a signed-off demo engagement."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from workbench.services import attachments, signoff
from workbench.services.session import Session

LEAD = signoff.Signer("A. Assessor", "Lead assessor", "Example Consulting")
CLIENT = signoff.Signer("Dana Client", "Sponsor", "Northwind Telecom")


@pytest.fixture
def signed_id(session: Session, demo_id: str) -> str:
    """The demo, with a photo attached, signed off by the lead assessor and the client."""
    attachments.attach_bytes(session, demo_id, "D1.1", "board.png", png(), "The CX board")
    signoff.sign_off(session, demo_id, [LEAD, CLIENT], accept_warnings=True)
    return demo_id


def png(size: tuple[int, int] = (40, 20), colour: str = "navy") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()
