"""The shared visual language (resources/visual.yaml): level colours, neutrals, brand defaults."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from workbench.core.bundled import resources_dir
from workbench.core.files import read_regular_file
from workbench.core.plain_cache import checked_plain

MAX_VISUAL_BYTES = 256 * 1024


@dataclass(frozen=True)
class Swatch:
    fill: str
    text: str
    outline: str | None = None
    dashed: bool = False
    name: str = ""


@dataclass(frozen=True)
class Visual:
    levels: dict[int, Swatch]
    neutral: dict[str, Swatch]
    brand: dict[str, str]
    target_line: str
    spacing: int

    def level(self, level: int | None) -> Swatch:
        """The swatch of a maturity level; the unrated swatch for None."""
        if level is None:
            return self.neutral["unrated"]
        return self.levels[max(min(self.levels), min(max(self.levels), level))]


@cache
def visual() -> Visual:
    """The visual language as resources/visual.yaml defines it, parsed once per version of
    the file: the plain result is kept in the cache folder, so that a command or a start
    that finds it does not import PyYAML (issue 17)."""
    text = read_regular_file(resources_dir() / "visual.yaml", limit=MAX_VISUAL_BYTES,
                             what="visual language file")
    data: dict[str, Any] = checked_plain("visual", text, lambda: _parse(text))
    return Visual(
        levels={int(k): Swatch(v["fill"], v["text"], name=v.get("name", ""))
                for k, v in data["levels"].items()},
        neutral={k: Swatch(v["fill"], v["text"], v.get("outline"), bool(v.get("dashed")))
                 for k, v in data["neutral"].items()},
        brand=dict(data["brand"]), target_line=data["target"]["line"],
        spacing=int(data["spacing"]))


def _parse(text: bytes) -> dict[str, Any]:
    import yaml

    # libyaml's safe loader where it is built in (the same result, 20 times sooner)
    loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: dict[str, Any] = yaml.load(text.decode("utf-8"), Loader=loader)
    return data


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two #RRGGBB colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    hi, lo = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
