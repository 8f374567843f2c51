"""Images are checked before they are stored or drawn."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image

from workbench.core.errors import ImageError
from workbench.core.images import downscale, inspect_image


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (40, 120, 160)).save(out, "PNG")
    return out.getvalue()


def bomb_png(side: int = 20000) -> bytes:
    """A valid PNG header claiming side×side pixels, with a tiny compressed body."""
    import struct

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)  # 8-bit greyscale
    row = b"\x00" + b"\x00" * side
    body = zlib.compress(row * 50, 9)  # far fewer rows than claimed: small file
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body)
            + chunk(b"IEND", b""))


def test_a_good_image_is_described() -> None:
    info = inspect_image(png(64, 48), "p.png")
    assert (info.media_type, info.width, info.height) == ("image/png", 64, 48)


def test_a_decompression_bomb_is_refused_quickly() -> None:
    data = bomb_png()
    assert len(data) < 100_000
    with pytest.raises(ImageError, match=r"too large|larger than"):
        inspect_image(data, "bomb.png")


@pytest.mark.parametrize(
    "data", [b"just some text, not a picture", b"", b"\xff\xd8\xff\xe0garbage"])
def test_non_images_and_damaged_images_are_refused(data: bytes) -> None:
    with pytest.raises(ImageError):
        inspect_image(data, "x.jpg")


def test_a_truncated_jpeg_is_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (400, 300), (200, 10, 10)).save(out, "JPEG")
    with pytest.raises(ImageError, match="damaged"):
        inspect_image(out.getvalue()[: len(out.getvalue()) // 2], "cut.jpg")


def test_downscale_keeps_the_aspect_and_the_limit() -> None:
    small = downscale(png(3000, 1500), 800)
    image = Image.open(io.BytesIO(small))
    assert image.size == (800, 400)
