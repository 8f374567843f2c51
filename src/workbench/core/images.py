"""Checking and downscaling images from bytes (attachments, report photos, thumbnails).

Pillow only warns between MAX_IMAGE_PIXELS and twice that; here the warning is
an error, so a decompression bomb is refused before it is decoded.
"""

from __future__ import annotations

import io
import mimetypes
import warnings
from typing import TYPE_CHECKING, NamedTuple

from workbench.core.errors import ImageError

if TYPE_CHECKING:  # Pillow is imported when an image is read (not to open a form)
    from PIL import Image

MAX_PIXELS = 50_000_000  # a 50-megapixel photo is the largest a consultant's camera gives
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif",
               "WEBP": "image/webp", "BMP": "image/bmp", "TIFF": "image/tiff"}
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff"}


class ImageInfo(NamedTuple):
    media_type: str
    width: int
    height: int


def _open(data: bytes, name: str) -> Image.Image:
    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.width * image.height > MAX_PIXELS:
                raise ImageError(f"{name}: {image.width}×{image.height} pixels is larger than "
                                 f"{MAX_PIXELS // 1_000_000} megapixels")
            return image
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageError(f"{name}: the image is too large to open safely (more than "
                         f"{MAX_PIXELS // 1_000_000} megapixels)") from None
    except UnidentifiedImageError:
        raise ImageError(f"{name}: not an image Pillow can read, or a damaged one") from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise ImageError(f"{name}: a damaged image ({exc})") from None


def inspect_image(data: bytes, name: str = "image") -> ImageInfo:
    """Check that `data` is a whole, decodable image of a sane size; raise ImageError if not."""
    from PIL import Image

    image = _open(data, name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.verify()  # checks the structure and the checksums where the format has them
        image = _open(data, name)
        image.load()  # decodes every pixel: a truncated file fails here
    except ImageError:
        raise
    except Exception as exc:
        raise ImageError(f"{name}: a damaged image ({exc})") from None
    media_type = IMAGE_TYPES.get(image.format or "")
    if media_type is None:
        raise ImageError(f"{name}: {image.format} images are not supported (use JPEG or PNG)")
    return ImageInfo(media_type, image.width, image.height)


def looks_like_image(filename: str) -> bool:
    return any(filename.lower().endswith(s) for s in IMAGE_SUFFIXES)


def guess_media_type(filename: str) -> str:
    return mimetypes.guess_type(filename)[0] or "application/octet-stream"


def downscale(data: bytes, max_side: int, name: str = "image", quality: int = 85) -> bytes:
    """A JPEG (or PNG when the image has transparency) no larger than `max_side` on either side."""
    image = _open(data, name)
    try:
        image.load()
        from PIL import Image, ImageOps
        image = ImageOps.exif_transpose(image)
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=3.0)
        out = io.BytesIO()
        if (image.mode in ("RGBA", "LA", "P") and "transparency" in image.info) \
                or image.mode in ("RGBA", "LA"):
            image.save(out, "PNG", optimize=True)
        else:
            image.convert("RGB").save(out, "JPEG", quality=quality, optimize=True)
        return out.getvalue()
    except ImageError:
        raise
    except Exception as exc:
        raise ImageError(f"{name}: a damaged image ({exc})") from None


def rotate(data: bytes, name: str = "image", clockwise: bool = True) -> bytes:
    """The image turned a quarter (upright first, as its EXIF orientation says), in its own
    format where that is PNG, else as a high-quality JPEG."""
    image = _open(data, name)
    try:
        image.load()
        from PIL import Image, ImageOps

        kind = image.format
        image = ImageOps.exif_transpose(image)
        turned = image.transpose(Image.Transpose.ROTATE_270 if clockwise
                                 else Image.Transpose.ROTATE_90)
        out = io.BytesIO()
        if kind == "PNG":
            turned.save(out, "PNG", optimize=True)
        else:
            turned.convert("RGB").save(out, "JPEG", quality=92, optimize=True)
        return out.getvalue()
    except ImageError:
        raise
    except Exception as exc:
        raise ImageError(f"{name}: a damaged image ({exc})") from None
