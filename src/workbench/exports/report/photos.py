"""Photos for the report: validated, downscaled once, cached by the original's SHA-256.

A 12-megapixel photo embedded as it is costs seconds and megabytes per page; a
1000-pixel JPEG prints sharply at the size the report shows it. Pillow's
decompression-bomb warning counts as an error, a damaged or truncated file is
refused, and a refused photo becomes a placeholder with the reason, never a crash.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from workbench.core.images import MAX_PIXELS
from workbench.exports.report.model import PhotoSource

MAX_SIDE = 1000  # over 300 dpi at the 80 mm a photo is printed at
QUALITY = 82
MAX_SOURCE_BYTES = 60 * 1024 * 1024
CACHE_VERSION = "v2"  # bump when MAX_SIDE or QUALITY change, so old copies are not reused
_ALLOWED = {"JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF", "MPO"}


@dataclass(frozen=True)
class PreparedPhoto:
    source: PhotoSource
    jpeg: bytes
    width: int
    height: int


@dataclass(frozen=True)
class PhotoProblem:
    source: PhotoSource
    reason: str

    @property
    def message(self) -> str:
        return f"{self.source.filename} ({self.source.element}): {self.reason}"


class PhotoError(Exception):
    """A photo that cannot be shown; the message says why, in plain words."""


def prepare_bytes(data: bytes, max_side: int = MAX_SIDE) -> tuple[bytes, int, int]:
    """Validate image bytes and return a JPEG no larger than `max_side`, with its size."""
    if not data:
        raise PhotoError("the file is empty")
    if len(data) > MAX_SOURCE_BYTES:
        raise PhotoError(f"the file is {len(data) // 2**20} MB, too large for a photo")
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # a cut-off file is an error, not a grey stripe
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
            if image.format not in _ALLOWED:
                raise PhotoError(f"{image.format} images cannot be shown (use JPEG or PNG)")
            if image.width * image.height > MAX_PIXELS:
                raise PhotoError(f"{image.width}×{image.height} pixels is more than "
                                 f"{MAX_PIXELS // 1_000_000} megapixels")
            # JPEG decodes at 1/2, 1/4 or 1/8 scale directly, far faster than a full decode
            # and a resize; ask for the final size so the largest reduction that fits is used.
            scale = min(1.0, max_side / max(image.width, image.height))
            image.draft("RGB", (max(1, int(image.width * scale)),
                                max(1, int(image.height * scale))))
            image.load()
            image = ImageOps.exif_transpose(image) or image
            image.thumbnail((max_side, max_side), Image.Resampling.BICUBIC, reducing_gap=2.0)
            if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P"
                                                      and "transparency" in image.info):
                # Transparent parts print as white paper, not black.
                rgba = image.convert("RGBA")
                flat = Image.new("RGB", rgba.size, (255, 255, 255))
                flat.paste(rgba, mask=rgba.getchannel("A"))
                image = flat
            else:
                image = image.convert("RGB")
            out = io.BytesIO()
            image.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=False)
            return out.getvalue(), image.width, image.height
    except PhotoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoError("the image is too large to open safely (a decompression bomb?)") \
            from None
    except UnidentifiedImageError:
        raise PhotoError("the file is not an image, or a damaged one") from None
    except (OSError, ValueError, SyntaxError, EOFError) as exc:
        raise PhotoError(f"the image is damaged ({exc})") from None


class PhotoCache:
    """Downscaled copies by the original's SHA-256: in memory, and on disk when given a folder."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._memory: dict[str, tuple[bytes, int, int]] = {}

    def _path(self, digest: str) -> Path | None:
        if self.folder is None or not _is_hex(digest):
            return None
        return self.folder / f"{digest}-{MAX_SIDE}-{CACHE_VERSION}.jpg"

    def get(self, source: PhotoSource) -> PreparedPhoto | PhotoProblem:
        """The prepared photo, from the cache when it is there; a PhotoProblem if refused."""
        return self.get_many([source])[0]

    def get_many(self, sources: Sequence[PhotoSource],
                 done: Callable[[int], None] | None = None
                 ) -> list[PreparedPhoto | PhotoProblem]:
        """Every photo prepared, in order. Bytes are read in the calling thread (the loader
        may use a database connection); decoding and downscaling run on worker threads,
        where Pillow releases the GIL, with a bounded number of photos in memory at once."""
        results: list[PreparedPhoto | PhotoProblem | None] = [None] * len(sources)
        workers = max(1, min(4, os.cpu_count() or 1))
        pending: dict[Future[tuple[bytes, int, int]], tuple[int, str]] = {}
        finished = 0

        def collect(block: bool) -> None:
            nonlocal finished
            ready = list(pending) if block else [f for f in pending if f.done()]
            for future in ready:
                index, key = pending.pop(future)
                source = sources[index]
                try:
                    hit = future.result()
                except PhotoError as exc:
                    results[index] = PhotoProblem(source, str(exc))
                else:
                    if key:
                        self._memory[key] = hit
                        self._write_disk(key, hit[0])
                    results[index] = PreparedPhoto(source, *hit)
                finished += 1
                if done is not None:
                    done(finished)

        with ThreadPoolExecutor(max_workers=workers) as pool:
            for index, source in enumerate(sources):
                key = source.sha256
                hit = self._memory.get(key) if key else None
                if hit is None and key:
                    hit = self._read_disk(key)
                if hit is not None:
                    results[index] = PreparedPhoto(source, *hit)
                    finished += 1
                    if done is not None:
                        done(finished)
                    continue
                try:
                    data = source.load()
                except OSError as exc:
                    results[index] = PhotoProblem(source, f"the photo could not be read ({exc})")
                    finished += 1
                    continue
                if key and _is_hex(key) and hashlib.sha256(data).hexdigest() != key.lower():
                    key = ""  # the digest does not match the bytes: do not cache under it
                while len(pending) >= workers * 2:
                    wait(list(pending), return_when=FIRST_COMPLETED)
                    collect(block=False)
                pending[pool.submit(prepare_bytes, data)] = (index, key)
                del data
            wait(list(pending))
            collect(block=True)
        return [r for r in results if r is not None]

    def _read_disk(self, digest: str) -> tuple[bytes, int, int] | None:
        path = self._path(digest)
        if path is None or not path.is_file():
            return None
        try:
            data = path.read_bytes()
            with Image.open(io.BytesIO(data)) as image:
                if image.format != "JPEG" or max(image.size) > MAX_SIDE:
                    return None
                size = image.size
        except (OSError, ValueError, UnidentifiedImageError):
            return None  # a damaged cache entry is simply made again
        self._memory[digest] = (data, *size)
        return self._memory[digest]

    def _write_disk(self, digest: str, data: bytes) -> None:
        path = self._path(digest)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".partial")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except OSError:
            pass  # the cache only saves time; a read-only or full disk must not fail a report


def _is_hex(digest: str) -> bool:
    return len(digest) == 64 and all(c in "0123456789abcdefABCDEF" for c in digest)
