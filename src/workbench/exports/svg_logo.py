"""SVG logos: checked before anything draws them, and drawn in a PDF with svglib.

An SVG is a program as much as a picture: it may carry scripts, embed HTML
(`foreignObject`), pull in other files or web addresses (`href`, `url(...)`,
CSS `@import`), or expand entities into a billion laughs. A logo may do none of
that: it is parsed with defusedxml (no DTD, no entities) and refused with one
message naming the first thing it may not do.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from typing import Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from workbench.core.errors import ImageError

SVG_NS = "{http://www.w3.org/2000/svg}"
MAX_SVG_ELEMENTS = 20_000
MAX_SVG_USES = 200
MAX_SVG_SIDE = 100_000.0  # points: larger than any logo, smaller than a memory bomb
_FORBIDDEN_TAGS = {"script", "foreignobject", "iframe", "embed", "object", "audio", "video",
                   "handler", "listener", "animate", "set", "animatemotion",
                   "animatetransform", "animatecolor"}
_URL = re.compile(r"url\(\s*['\"]?\s*([^)'\"\s]*)", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|mm|cm|in)?\s*$")


@dataclass(frozen=True)
class SvgInfo:
    width: float
    height: float


def _local(tag: object) -> str:
    text = str(tag)
    return text.rsplit("}", 1)[-1].lower()


def _external(reference: str) -> bool:
    # Only a reference to something inside this same file ("#id") is allowed.
    return not reference.strip().startswith("#")


def check_svg(data: bytes, name: str = "logo") -> SvgInfo:
    """Check that `data` is a self-contained SVG drawing; raise ImageError if it is not."""
    if b"<?xml-stylesheet" in data:
        raise ImageError(f"{name}: the SVG loads a style sheet from another file; a logo must "
                         "be self-contained")
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise ImageError(f"{name}: the SVG declares a DTD or entities, which a logo may not"
                         ) from None
    except Exception:
        raise ImageError(f"{name}: not a readable SVG file (damaged or not XML)") from None
    if _local(root.tag) != "svg":
        raise ImageError(f"{name}: not an SVG drawing (its root is <{_local(root.tag)}>)")
    for count, element in enumerate(root.iter(), start=1):
        if count > MAX_SVG_ELEMENTS:
            raise ImageError(f"{name}: the SVG has more than {MAX_SVG_ELEMENTS} elements")
        tag = _local(element.tag)
        if tag in _FORBIDDEN_TAGS:
            raise ImageError(f"{name}: the SVG contains <{tag}>, which a logo may not "
                             "(scripts, embedded pages and animations are refused)")
        for key, value in element.attrib.items():
            attribute = _local(key)
            if attribute.startswith("on"):
                raise ImageError(f"{name}: the SVG has a script in its {attribute!r} attribute")
            if attribute == "href" and _external(value):
                raise ImageError(f"{name}: the SVG refers to another file or address "
                                 f"({value[:60]!r}); a logo must be self-contained")
            for reference in _URL.findall(value):
                if reference and _external(reference):
                    raise ImageError(f"{name}: the SVG refers to another file or address "
                                     f"({reference[:60]!r}); a logo must be self-contained")
        if tag == "style" and element.text:
            css = element.text
            if "@import" in css.lower() or any(r and _external(r) for r in _URL.findall(css)):
                raise ImageError(f"{name}: the SVG's style sheet loads another file or "
                                 "address; a logo must be self-contained")
    _check_uses(root, name)
    width, height = _size(root.attrib)
    return SvgInfo(width, height)


def _check_uses(root: Any, name: str) -> None:
    # <use> copies another element; a <use> of something holding a <use> multiplies, and
    # ten levels of ten copies draw ten billion shapes from a few hundred bytes.
    uses = [e for e in root.iter() if _local(e.tag) == "use"]
    if len(uses) > MAX_SVG_USES:
        raise ImageError(f"{name}: the SVG repeats shapes more than {MAX_SVG_USES} times")
    holding = {e.get("id") for e in root.iter() if e.get("id") and any(
        _local(d.tag) == "use" for d in e.iter())}
    for use in uses:
        target = next((v for k, v in use.attrib.items() if _local(k) == "href"), "")
        if target.lstrip("#") in holding:
            raise ImageError(f"{name}: the SVG repeats a shape that itself repeats shapes "
                             "(a pattern that can take forever to draw)")


def _size(attrib: dict[str, str]) -> tuple[float, float]:
    view_box = attrib.get("viewBox", "").replace(",", " ").split()
    sizes: list[float] = []
    for key in ("width", "height"):
        match = _NUMBER.match(attrib.get(key, ""))
        if match:
            sizes.append(float(match.group(1)))
    if len(sizes) == 2 and all(s > 0 for s in sizes):
        width, height = sizes
    elif len(view_box) == 4:
        try:
            width, height = float(view_box[2]), float(view_box[3])
        except ValueError:
            width, height = 0.0, 0.0
    else:
        width, height = 0.0, 0.0
    if not (0 < width <= MAX_SVG_SIDE and 0 < height <= MAX_SVG_SIDE):
        return 300.0, 100.0  # no usable size: the drawing is scaled to its box anyway
    return width, height


def svg_drawing(data: bytes, name: str = "logo") -> Any:
    """The checked SVG as a reportlab Drawing; ImageError if svglib cannot make one of it."""
    check_svg(data, name)
    from svglib.svglib import svg2rlg

    try:
        drawing = svg2rlg(io.BytesIO(data), resolve_entities=False)
    except RecursionError:
        raise ImageError(f"{name}: the SVG is nested too deeply to draw") from None
    except Exception:  # svglib raises many kinds on odd input: all are "cannot draw"
        raise ImageError(f"{name}: the SVG cannot be drawn (an unsupported or damaged "
                         "drawing)") from None
    if drawing is None or not drawing.width or not drawing.height \
            or drawing.width <= 0 or drawing.height <= 0:
        raise ImageError(f"{name}: the SVG draws nothing (it has no size)")
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas

    try:  # a trial on a scratch page: a drawing reportlab cannot render is refused here
        renderPDF.draw(drawing, Canvas(io.BytesIO()), 0, 0)
    except RecursionError:
        raise ImageError(f"{name}: the SVG is nested too deeply to draw") from None
    except Exception:  # reportlab asserts on odd paths: all are "cannot draw"
        raise ImageError(f"{name}: the SVG cannot be drawn (an unsupported or damaged "
                         "drawing)") from None
    return drawing


def draw_svg(canvas: object, data: bytes, x: float, y: float, max_w: float, max_h: float,
             align: str) -> None:
    """Draw a checked SVG scaled into the box (x, y, max_w, max_h) on a reportlab canvas."""
    from reportlab.graphics import renderPDF

    drawing = svg_drawing(data)
    scale = min(max_w / drawing.width, max_h / drawing.height)
    w, h = drawing.width * scale, drawing.height * scale
    drawing.scale(scale, scale)
    drawing.width, drawing.height = w, h
    renderPDF.draw(drawing, canvas, x + (max_w - w if align == "right" else 0), y + (max_h - h))
