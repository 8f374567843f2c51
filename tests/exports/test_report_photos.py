"""Report photos: bombs and damaged files refused with a reason, big photos made small once."""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from workbench.exports.report.model import PhotoSource
from workbench.exports.report.photos import (
    MAX_SIDE,
    PhotoCache,
    PhotoError,
    PhotoProblem,
    PreparedPhoto,
    prepare_bytes,
)


def jpeg(width: int, height: int, colour: tuple[int, int, int] = (40, 120, 160)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "JPEG", quality=90)
    return out.getvalue()


def bomb_png(side: int = 20000) -> bytes:
    """A PNG whose header claims side×side pixels, compressed to about 50 KB."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    body = zlib.compress((b"\x00" * (side + 1)) * 2000, 9)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body)
            + chunk(b"IEND", b""))


def source(data: bytes, name: str = "p.jpg", calls: list[int] | None = None) -> PhotoSource:
    def load() -> bytes:
        if calls is not None:
            calls.append(1)
        return data

    return PhotoSource("D1.1", name, "a caption", hashlib.sha256(data).hexdigest(), load)


def test_the_bomb_is_about_fifty_kilobytes() -> None:
    assert 20_000 < len(bomb_png()) < 120_000


def test_a_decompression_bomb_is_refused_before_decoding() -> None:
    with pytest.raises(PhotoError, match=r"megapixels|too large"):
        prepare_bytes(bomb_png())


def test_a_truncated_jpeg_is_refused() -> None:
    data = jpeg(800, 600)
    with pytest.raises(PhotoError, match="damaged"):
        prepare_bytes(data[: len(data) // 2])


def test_a_corrupt_jpeg_is_refused() -> None:
    data = bytearray(jpeg(800, 600))
    data[200:400] = b"\xff" * 200  # garbage in the middle of the header and scan
    with pytest.raises(PhotoError):
        prepare_bytes(bytes(data))


def test_a_text_file_named_jpg_is_refused() -> None:
    with pytest.raises(PhotoError, match="not an image"):
        prepare_bytes(b"Minutes of the meeting, not a photo.\n" * 20)


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(PhotoError, match="empty"):
        prepare_bytes(b"")


def test_a_twelve_megapixel_photo_is_downscaled_to_a_small_jpeg() -> None:
    data = jpeg(4000, 3000)
    small, width, height = prepare_bytes(data)
    assert max(width, height) <= MAX_SIDE
    assert abs(width / height - 4 / 3) < 0.01
    with Image.open(io.BytesIO(small)) as image:
        assert image.format == "JPEG" and image.size == (width, height)


def test_transparency_prints_as_white_paper() -> None:
    out = io.BytesIO()
    Image.new("RGBA", (50, 50), (0, 0, 0, 0)).save(out, "PNG")
    small, _, _ = prepare_bytes(out.getvalue())
    with Image.open(io.BytesIO(small)) as image:
        assert image.convert("RGB").getpixel((25, 25)) == pytest.approx((255, 255, 255),
                                                                        abs=3)


def test_the_cache_prepares_each_photo_once(tmp_path: Path) -> None:
    calls: list[int] = []
    photo = source(jpeg(3000, 2000), calls=calls)
    first = PhotoCache(tmp_path).get(photo)
    assert isinstance(first, PreparedPhoto)
    assert list(tmp_path.glob("*.jpg"))
    again = PhotoCache(tmp_path).get(photo)  # a new export, same disk cache
    assert isinstance(again, PreparedPhoto) and again.jpeg == first.jpeg
    assert len(calls) == 1


def test_a_damaged_cache_entry_is_made_again(tmp_path: Path) -> None:
    photo = source(jpeg(300, 200))
    PhotoCache(tmp_path).get(photo)
    for entry in tmp_path.glob("*.jpg"):
        entry.write_bytes(b"rubbish")
    assert isinstance(PhotoCache(tmp_path).get(photo), PreparedPhoto)


def test_a_refused_photo_becomes_a_problem_with_its_reason(tmp_path: Path) -> None:
    item = PhotoCache(tmp_path).get(source(b"not an image at all", "minutes.jpg"))
    assert isinstance(item, PhotoProblem)
    assert "minutes.jpg" in item.message and "not an image" in item.message
    assert not list(tmp_path.glob("*.jpg"))
