"""The workbook's look: fonts, fills, borders and formats from the shared visual language.

Built once per export from the brand's two colours; openpyxl shares equal style
objects, so every cell of one kind points at the same style record.
"""

from __future__ import annotations

from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.worksheet import Worksheet

from workbench.core.visual import Visual

FONT_NAME = "Calibri"
SCORE_FORMAT = "0.0"
PERCENT_FORMAT = '0" %"'
POINTS_FORMAT = "0"


def _argb(colour: str) -> str:
    return "FF" + colour.lstrip("#").upper()


def tint(colour: str, share: float) -> str:
    """`colour` mixed with white: share 0 is the colour, 1 is white."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * share) for c in channels]
    return "#" + "".join(f"{c:02X}" for c in mixed)


def fill(colour: str) -> PatternFill:
    return PatternFill("solid", start_color=_argb(colour), end_color=_argb(colour))


class Styles:
    """Every style the writer uses, made from the brand and the visual language."""

    def __init__(self, visual: Visual, primary: str, accent: str) -> None:
        self.visual, self.primary, self.accent = visual, primary, accent
        v = visual
        rule = Side(style="thin", color=_argb(v.brand["rule"]))
        strong = Side(style="medium", color=_argb(primary))
        muted = _argb(v.brand["muted_text"])
        self.title_font = Font(name=FONT_NAME, size=16, bold=True, color=_argb(primary))
        self.subtitle_font = Font(name=FONT_NAME, size=10, italic=True, color=muted)
        self.banner_fill = fill(primary)
        self.banner_font = Font(name=FONT_NAME, size=18, bold=True, color="FFFFFFFF")
        self.banner_sub_font = Font(name=FONT_NAME, size=11, color="FFFFFFFF")
        self.header_font = Font(name=FONT_NAME, size=10, bold=True, color="FFFFFFFF")
        self.header_fill = fill(primary)
        self.section_font = Font(name=FONT_NAME, size=12, bold=True, color=_argb(primary))
        self.body_font = Font(name=FONT_NAME, size=10)
        self.bold_font = Font(name=FONT_NAME, size=10, bold=True)
        self.big_font = Font(name=FONT_NAME, size=14, bold=True, color=_argb(primary))
        self.muted_font = Font(name=FONT_NAME, size=10, color=muted)
        self.muted_italic = Font(name=FONT_NAME, size=10, italic=True, color=muted)
        self.element_fill = fill(tint(accent, 0.85))
        self.total_fill = fill(tint(primary, 0.85))
        self.zebra_fill = fill(v.brand["zebra"])
        self.input_fill = fill("#FFFBEA")
        self.rule_border = Border(bottom=rule)
        self.input_border = Border(left=rule, right=rule, top=rule, bottom=rule)
        self.total_border = Border(top=strong, bottom=strong)
        self.wrap = Alignment(wrap_text=True, vertical="top")
        self.top = Alignment(vertical="top")
        self.centre = Alignment(horizontal="center", vertical="top")
        self.right = Alignment(horizontal="right", vertical="top")
        self.middle = Alignment(horizontal="center", vertical="center")
        self.header_align = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.unlocked = Protection(locked=False)
        self._palette: dict[int | str, tuple[PatternFill, Font]] = {}  # made once per export

    def level_palette(self, ws: Worksheet, ranges: str, levels: list[int],
                      with_na: bool = False) -> None:
        """Colour the cells of `ranges` by the level they hold, live as values change."""
        for level in levels:
            level_fill, level_font = self._swatch_styles(level)
            ws.conditional_formatting.add(ranges, CellIsRule(
                operator="equal", formula=[str(level)], fill=level_fill, font=level_font))
        if with_na:
            na_fill, na_font = self._swatch_styles("N/A")
            ws.conditional_formatting.add(ranges, CellIsRule(
                operator="equal", formula=['"N/A"'], fill=na_fill, font=na_font))

    def _swatch_styles(self, level: int | str) -> tuple[PatternFill, Font]:
        """The fill and font of a level's swatch ("N/A": the not-applicable one)."""
        found = self._palette.get(level)
        if found is None:
            if isinstance(level, int):
                swatch = self.visual.level(level)
                found = fill(swatch.fill), Font(color=_argb(swatch.text), bold=True)
            else:
                swatch = self.visual.neutral["not_applicable"]
                found = fill(swatch.fill), Font(color=_argb(swatch.text), italic=True)
            self._palette[level] = found
        return found
