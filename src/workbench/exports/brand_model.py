"""The checks of a brand profile's text (exports/brand.py): its YAML and its keys.

Imported only when a text is not in the cache of checked profiles (core.plain_cache), so
that an export of a known profile needs neither PyYAML nor pydantic (issue 17).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from workbench.core.safe_yaml import YamlProblem, load_yaml
from workbench.core.visual import visual
from workbench.exports.brand_error import BrandError

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")

Line = Annotated[str, Field(max_length=300)]
Paragraph = Annotated[str, Field(max_length=3000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _FirmModel(_Model):
    name: Annotated[str, Field(min_length=1, max_length=120)]
    logo: str | None = None


class _ColoursModel(_Model):
    primary: str = visual().brand["primary"]
    accent: str = visual().brand["accent"]

    @field_validator("primary", "accent")
    @classmethod
    def _hex(cls, value: str) -> str:
        if not _HEX.match(value):
            raise ValueError(f"{value!r} is not a colour written as #RRGGBB")
        return value.upper()


class _FontsModel(_Model):
    family: Annotated[str, Field(min_length=1, max_length=60,
                                 pattern=r"^[A-Za-z0-9][A-Za-z0-9 _-]*$")] = "DejaVu Sans"
    regular: str = "DejaVuSans.ttf"
    bold: str = "DejaVuSans-Bold.ttf"
    italic: str = "DejaVuSans-Oblique.ttf"


class _CoverModel(_Model):
    title: Line = "Customer Experience Management Maturity Assessment"
    subtitle: Line = "Assessment report"
    text: Paragraph = ""


class _BrandModel(_Model):
    format: Literal["workbench.brand/1"] = "workbench.brand/1"
    name: Annotated[str, Field(min_length=1, max_length=120)]
    firm: _FirmModel
    client_logo: str | None = None
    colours: _ColoursModel = _ColoursModel()
    fonts: _FontsModel = _FontsModel()
    cover: _CoverModel = _CoverModel()
    footer: Line = "{firm}"
    confidentiality: Line = "Confidential: prepared for {client}. Not for onward distribution."
    paper: Literal["A4", "Letter"] = "A4"
    word_template: str | None = None


def brand_values(data: bytes, source: Path) -> dict[str, Any]:
    """The checked keys of a profile's text as plain values, defaults filled in; BrandError
    names `source` and lists every problem."""
    try:
        # No aliases or repeated keys in the YAML.
        raw: Any = load_yaml(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise BrandError(f"{source}: the file is not UTF-8 text") from None
    except YamlProblem as exc:
        if exc.message.startswith("not valid YAML"):
            where = f" at line {exc.line}" if exc.line else ""
            raise BrandError(f"{source}: not valid YAML{where}") from None
        raise BrandError(f"{source}: line {exc.line}: {exc.message}") from None
    except RecursionError:
        raise BrandError(f"{source}: nested too deeply to be a brand profile") from None
    if not isinstance(raw, dict):
        raise BrandError(f"{source}: expected a mapping of keys (name, firm, colours, …)")
    try:
        model = _BrandModel.model_validate(raw)
    except ValidationError as exc:
        issues = [f"{'.'.join(str(p) for p in err['loc']) or '(top)'}: {err['msg']}"
                  for err in exc.errors()]
        raise BrandError(f"{source}: {len(issues)} problem(s) in the brand profile:\n"
                         + "\n".join(f"  {p}" for p in issues)) from None

    return model.model_dump()
