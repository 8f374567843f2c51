"""Draw the application icon (PNG, ICO, ICNS) from the visual language's colours.

Run it again only when the design changes; the files it writes are committed:
    .venv/bin/python packaging/icons/make_icons.py

The motif: five ascending maturity bars in the level ramp on the brand's deep blue, with the
orange target mark the app and the report use for "target level".
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
CANVAS = 1024  # drawn large, then scaled down with a good filter: smooth edges at every size

BACKGROUND_TOP = (0x12, 0x4A, 0x6C)   # a touch lighter than brand.primary, for depth
BACKGROUND_BOTTOM = (0x0F, 0x3D, 0x5C)  # brand.primary
# Bars from short to tall: the level ramp read from the light end, brightest at the top level,
# so every bar keeps contrast against the dark tile.
BARS = ["#6FB5C8", "#8CC6D5", "#B3DAE4", "#CDE7EE", "#F2F9FB"]
TARGET = "#E07A1F"  # the target orange (visual.yaml target.line), lifted for a dark ground


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def draw(size: int = CANVAS) -> Image.Image:
    """The icon as an RGBA image of `size` pixels square."""
    scale = size / 1024
    tile = Image.new("RGBA", (size, size), (0, 0, 0, 0))

    # Vertical gradient clipped to a rounded square (macOS-like proportions: 824 of 1024).
    gradient = Image.new("RGBA", (size, size))
    pixels = ImageDraw.Draw(gradient)
    for y in range(size):
        t = y / max(size - 1, 1)
        row = tuple(round(a + (b - a) * t) for a, b in zip(BACKGROUND_TOP, BACKGROUND_BOTTOM,
                                                            strict=True))
        pixels.line([(0, y), (size, y)], fill=(*row, 255))
    mask = Image.new("L", (size, size), 0)
    margin = round(100 * scale)
    ImageDraw.Draw(mask).rounded_rectangle(
        [margin, margin, size - margin, size - margin], radius=round(185 * scale), fill=255)
    tile.paste(gradient, (0, 0), mask)

    pen = ImageDraw.Draw(tile)
    baseline = 760 * scale
    left, bar_width, gap = 214 * scale, 92 * scale, 30 * scale
    heights = [150, 235, 320, 405, 490]
    for n, (height, colour) in enumerate(zip(heights, BARS, strict=True)):
        x0 = left + n * (bar_width + gap)
        pen.rounded_rectangle([x0, baseline - height * scale, x0 + bar_width, baseline],
                              radius=round(22 * scale), fill=_hex(colour))

    # The target: a dashed orange cap above the fourth bar, the app's "target level" motif.
    x0 = left + 3 * (bar_width + gap)
    y, thick = baseline - (heights[3] + 70) * scale, 22 * scale
    half = (bar_width - 14 * scale) / 2
    for start in (x0, x0 + half + 14 * scale):
        pen.rounded_rectangle([start, y - thick / 2, start + half, y + thick / 2],
                              radius=round(thick / 2), fill=_hex(TARGET))
    return tile


def main() -> None:
    big = draw(CANVAS)
    big.resize((256, 256), Image.Resampling.LANCZOS).save(HERE / "workbench.png", optimize=True)
    big.save(HERE / "workbench.ico",
             sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)])
    big.resize((512, 512), Image.Resampling.LANCZOS).save(HERE / "workbench.icns")
    for name in ("workbench.png", "workbench.ico", "workbench.icns"):
        print(f"{name}: {(HERE / name).stat().st_size / 1024:.1f} KiB")


if __name__ == "__main__":
    main()
