"""Brand profiles for reports and workbooks: data in `templates/<name>/brand.yaml`, never code.

A profile is a folder holding `brand.yaml` and its images. Profiles ship in the
application's templates folder; a consultant adds their own in the user folder
(`list_brands()` shows both; a user profile with the name of a bundled one wins).
Everything in the file is checked when it is loaded, and each problem is
reported with the file and the key it concerns.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Literal

from platformdirs import user_data_path

from workbench import __version__
from workbench.core.brand_name import BRAND_NAME
from workbench.core.bundled import resources_dir, templates_dir
from workbench.core.errors import ImageError, NotFoundError
from workbench.core.files import FileInputError, read_regular_file
from workbench.core.images import inspect_image
from workbench.core.plain_cache import checked_plain
from workbench.core.visual import visual
from workbench.exports.brand_error import BrandError as BrandError  # re-exported
from workbench.exports.svg_logo import svg_drawing
from workbench.exports.word_template import (
    MAX_TEMPLATE_BYTES,
    SUFFIXES,
    TemplateError,
    main_content_type,
)

FORMAT = "workbench.brand/1"
BRAND_FILE = "brand.yaml"
DEFAULT_BRAND = "default"
MAX_BRAND_FILE_BYTES = 256 * 1024
MAX_LOGO_BYTES = 5 * 1024 * 1024
MAX_LOGO_PIXELS = 16_000_000  # a 4000 × 4000 logo is already far more than a cover needs
MAX_FILE_NAME = 255  # the longest file name a file system holds
_NAME = BRAND_NAME  # a profile is named by its folder: a name, never a path
_MODEL_REVISION = 1  # bump when exports/brand_model.py checks or defaults anything differently

PaperSize = Literal["A4", "Letter"]


@dataclass(frozen=True)
class BrandFonts:
    """The font family of a report: three TrueType files of one Unicode family."""

    family: str
    regular: Path
    bold: Path
    italic: Path


@dataclass(frozen=True)
class Brand:
    """A loaded, validated brand profile; paths are absolute and exist."""

    name: str  # the folder name, used to pick the profile (`--brand NAME`)
    display_name: str
    firm_name: str
    logo: Path | None
    client_logo: Path | None
    primary: str  # #RRGGBB
    accent: str  # #RRGGBB
    fonts: BrandFonts
    cover_title: str
    cover_subtitle: str
    cover_text: str
    footer: str
    confidentiality: str
    paper_size: PaperSize
    folder: Path
    word_template: Path | None = None  # the firm's .docx/.dotx house template

    def confidentiality_for(self, client: str) -> str:
        """The confidentiality line with `{client}` and `{firm}` filled in."""
        return _fill(self.confidentiality, client=client, firm=self.firm_name)

    def footer_for(self, client: str) -> str:
        """The footer line with `{client}` and `{firm}` filled in."""
        return _fill(self.footer, client=client, firm=self.firm_name)


def _fill(template: str, **values: str) -> str:
    # Plain replacement, not str.format: a brace typed by the consultant must not raise.
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def bundled_brands_dir() -> Path:
    """The application's own brand profiles."""
    return templates_dir()


def user_brands_dir() -> Path:
    """The folder where a consultant keeps their own brand profiles (may not exist yet)."""
    return user_data_path("assessor-workbench", appauthor=False) / "brands"


def _search_dirs() -> list[Path]:
    # The user's folder first, so a consultant can override a bundled profile by name.
    return [user_brands_dir(), bundled_brands_dir()]


def list_brands() -> list[str]:
    """Names of every brand profile that can be loaded, sorted, the default first."""
    names: set[str] = set()
    for folder in _search_dirs():
        if folder.is_dir():
            names.update(p.parent.name for p in folder.glob(f"*/{BRAND_FILE}")
                         if _NAME.match(p.parent.name))
    return sorted(names, key=lambda n: (n != DEFAULT_BRAND, n.lower()))


def brand_folder(name: str) -> Path:
    """The folder of the named profile; NotFoundError naming the profiles there are."""
    if not _NAME.match(name or ""):
        raise NotFoundError(f"{name!r} is not a brand profile name (letters, digits, - and _)")
    for folder in _search_dirs():
        candidate = folder / name
        if (candidate / BRAND_FILE).is_file():
            return candidate
    known = ", ".join(list_brands()) or "none"
    raise NotFoundError(f"there is no brand profile named {name!r} (known: {known}); "
                        f"add one as a folder with a {BRAND_FILE} in {user_brands_dir()}")


def load_brand(name: str | None = None) -> Brand:
    """Load and validate the named brand profile (the default one when `name` is empty)."""
    return load_brand_folder(brand_folder(name or DEFAULT_BRAND))


def load_brand_folder(folder: Path) -> Brand:
    """Load and validate the brand profile in `folder`; BrandError lists every problem."""
    source = folder / BRAND_FILE
    if not os.path.lexists(source):
        raise BrandError(f"{source}: the brand profile file is missing")
    try:
        data = read_regular_file(source, limit=MAX_BRAND_FILE_BYTES, what="brand profile")
    except FileInputError as exc:
        raise BrandError(str(exc)) from None
    return parse_brand(data, source, folder)


def parse_brand(data: bytes, source: Path, folder: Path) -> Brand:
    """Validate a brand profile's text (`source` names it in messages; files are beside it).

    The text's YAML and keys are checked once per text (core.plain_cache): a profile loaded
    before with the very same bytes takes its checked values from the cache, without PyYAML
    or pydantic (issue 17). The files it names (logos, fonts, the Word template) are checked
    on every load, as they may have changed since.
    """
    values = checked_plain("brands", data, partial(_validated, data, source), salt=_cache_salt())
    problems: list[str] = []
    logo = _image(folder, values["firm"]["logo"], "firm.logo", problems)
    client_logo = _image(folder, values["client_logo"], "client_logo", problems)
    fonts = BrandFonts(
        family=values["fonts"]["family"],
        regular=_font(folder, values["fonts"]["regular"], "fonts.regular", problems),
        bold=_font(folder, values["fonts"]["bold"], "fonts.bold", problems),
        italic=_font(folder, values["fonts"]["italic"], "fonts.italic", problems))
    word_template = _template(folder, values["word_template"], problems)
    if problems:
        raise BrandError(f"{source}: {len(problems)} problem(s) in the brand profile:\n"
                         + "\n".join(f"  {p}" for p in problems))
    return Brand(
        name=folder.name, display_name=values["name"], firm_name=values["firm"]["name"],
        logo=logo, client_logo=client_logo,
        primary=values["colours"]["primary"], accent=values["colours"]["accent"], fonts=fonts,
        cover_title=values["cover"]["title"], cover_subtitle=values["cover"]["subtitle"],
        cover_text=values["cover"]["text"], footer=values["footer"],
        confidentiality=values["confidentiality"], paper_size=values["paper"],
        folder=folder.resolve(), word_template=word_template)


def _cache_salt() -> str:
    """What the checked values depend on besides the text: the model and its defaults."""
    brand = visual().brand
    return f"{FORMAT} {_MODEL_REVISION} {__version__} {brand['primary']} {brand['accent']}"


def _validated(data: bytes, source: Path) -> dict[str, Any]:
    from workbench.exports.brand_model import brand_values  # PyYAML and pydantic: on a miss

    return brand_values(data, source)


def _inside(folder: Path, relative: str, key: str, problems: list[str]) -> Path | None:
    # A profile names files beside it; an absolute path or ../ could point anywhere on disk.
    candidate = Path(relative)
    if "\x00" in relative or len(relative) > MAX_FILE_NAME or any(
            len(part) > MAX_FILE_NAME for part in candidate.parts):
        problems.append(f"{key}: {relative[:60]!r}… is not a file name")
        return None
    if candidate.is_absolute() or ".." in candidate.parts:
        problems.append(f"{key}: {relative!r} must be a file name inside the profile's folder")
        return None
    return folder / candidate


def _image(folder: Path, relative: str | None, key: str, problems: list[str]) -> Path | None:
    if not relative:
        return None
    path = _inside(folder, relative, key, problems)
    if path is None:
        return None
    if not os.path.lexists(path):
        problems.append(f"{key}: the image {relative!r} is not in {folder}")
        return None
    try:
        check_logo(read_regular_file(path, limit=MAX_LOGO_BYTES, what="logo image"), relative)
    except (FileInputError, ImageError) as exc:
        problems.append(f"{key}: {exc}")
        return None
    return path.resolve()


def _template(folder: Path, relative: str | None, problems: list[str]) -> Path | None:
    """The house template's path once checked like a logo: inside the folder, a regular
    file of bounded size, a plain Word document or template."""
    key = "word_template"
    if not relative:
        return None
    path = _inside(folder, relative, key, problems)
    if path is None:
        return None
    if path.suffix.lower() not in SUFFIXES:
        problems.append(f"{key}: {relative!r} is not a .docx or .dotx file")
        return None
    if not os.path.lexists(path):
        problems.append(f"{key}: the template {relative!r} is not in {folder}")
        return None
    try:
        main_content_type(read_regular_file(path, limit=MAX_TEMPLATE_BYTES,
                                            what="Word template"), relative)
    except (FileInputError, TemplateError) as exc:
        problems.append(f"{key}: {exc}")
        return None
    return path.resolve()


def logo_suffix(data: bytes) -> str:
    """".svg", ".png" or ".jpg": the file name ending for a logo's bytes (already checked)."""
    head = data[:16]
    if head.startswith(b"\x89PNG"):
        return ".png"
    if head.startswith(b"\xff\xd8"):
        return ".jpg"
    return ".svg"


def check_logo(data: bytes, name: str = "logo") -> str:
    """Check a logo (PNG, JPEG or a self-contained SVG); its file name ending, or ImageError."""
    stripped = data.lstrip()[:512].lower()
    if stripped.startswith(b"<") and (b"<svg" in stripped or stripped.startswith(b"<?xml")):
        svg_drawing(data, name)  # checked, and one svglib can draw on the cover
        return ".svg"
    info = inspect_image(data, name)
    if info.media_type not in ("image/png", "image/jpeg"):
        raise ImageError(f"{name}: a logo must be a PNG, JPEG or SVG image")
    if info.width * info.height > MAX_LOGO_PIXELS:
        raise ImageError(f"{name}: {info.width}×{info.height} pixels is too large for a logo "
                         f"(at most {MAX_LOGO_PIXELS // 1_000_000} megapixels)")
    return logo_suffix(data)


def _font(folder: Path, relative: str, key: str, problems: list[str]) -> Path:
    path = _inside(folder, relative, key, problems)
    candidates = [p for p in (path, resources_dir() / "fonts" / relative) if p is not None]
    for candidate in candidates:
        try:
            present = candidate.is_file()
        except (OSError, ValueError):  # a name no file system can hold
            present = False
        if present:
            with candidate.open("rb") as handle:
                magic = handle.read(4)
            if magic not in (b"\x00\x01\x00\x00", b"true"):
                problems.append(f"{key}: {relative!r} is not a TrueType font (.ttf)")
            return candidate.resolve()
    problems.append(f"{key}: the font {relative!r} is neither in {folder} nor bundled")
    return candidates[0] if candidates else folder / relative


def raw_brand(folder: Path) -> dict[str, Any]:
    """The profile's `brand.yaml` as a plain mapping (to edit it and write it back)."""
    source = folder / BRAND_FILE
    try:
        data = read_regular_file(source, limit=MAX_BRAND_FILE_BYTES, what="brand profile")
        from workbench.core.safe_yaml import YamlProblem, load_yaml

        raw: Any = load_yaml(data.decode("utf-8"))
    except FileInputError as exc:
        raise BrandError(str(exc)) from None
    except (UnicodeDecodeError, YamlProblem, RecursionError):
        raise BrandError(f"{source}: not a readable brand profile") from None
    if not isinstance(raw, dict):
        raise BrandError(f"{source}: expected a mapping of keys (name, firm, colours, …)")
    return raw


def dump_brand(raw: dict[str, Any]) -> bytes:
    """The text of a `brand.yaml` for a mapping (checked again when it is loaded)."""
    import yaml

    header = "# Brand profile (format workbench.brand/1), written by Assessor Workbench.\n"
    body = yaml.safe_dump({"format": FORMAT, **{k: v for k, v in raw.items() if k != "format"}},
                          sort_keys=False, allow_unicode=True, width=100)
    return (header + body).encode("utf-8")
