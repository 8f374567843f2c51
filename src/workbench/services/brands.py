"""The consulting firm's brand profiles: list, edit, duplicate, delete, default, import, export.

A profile is data (a folder with `brand.yaml` and its images, see exports/brand.py)
in the per-user data folder. The app ships one neutral profile, `default` ("Your
firm", no logo), used until the consultant sets their own. An engagement whose
brand is `default` takes the profile chosen as the default (`set_default`), so
setting the firm once brands every deliverable.

Every change is written to a new folder, checked by loading it, and only then
put in place: a refused edit leaves the profile as it was.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from workbench.core.brand_name import BRAND_NAME
from workbench.core.errors import InvalidValueError, NotFoundError
from workbench.core.files import (
    FileInputError,
    check_output_target,
    read_regular_file,
    write_atomically,
)
from workbench.exports import brand_archive
from workbench.exports.brand import (
    BRAND_FILE,
    DEFAULT_BRAND,
    MAX_LOGO_BYTES,
    Brand,
    BrandError,
    brand_folder,
    check_logo,
    dump_brand,
    list_brands,
    load_brand,
    load_brand_folder,
    raw_brand,
    user_brands_dir,
)
from workbench.exports.word_template import (
    MAX_TEMPLATE_BYTES,
    TEMPLATE,
    main_content_type,
)
from workbench.exports.word_template import SUFFIXES as TEMPLATE_SUFFIXES

__all__ = ["ARCHIVE_SUFFIX", "DEFAULT_BRAND", "Brand", "BrandDraft", "BrandError",
           "ProfileInfo", "default_profile", "delete", "draft_of", "duplicate",
           "export_profile", "has_own_default", "import_profile", "profiles", "read_logo",
           "read_word_template", "resolve", "save", "set_default", "suggest_name"]

ARCHIVE_SUFFIX = brand_archive.SUFFIX
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True)
class ProfileInfo:
    name: str  # the folder name: what engagements and `--brand` use
    display_name: str
    firm_name: str
    is_default: bool
    built_in: bool  # shipped with the app: can be duplicated, not edited or deleted
    problem: str | None  # why it does not load, or None


@dataclass(frozen=True)
class BrandDraft:
    """What the brand editor and the first-start prompt edit (the rest of a profile is kept)."""

    name: str
    display_name: str
    firm_name: str
    logo: bytes | None = None
    client_logo: bytes | None = None
    primary: str = "#0F3D5C"
    accent: str = "#2B7A98"
    footer: str = "{firm}"
    confidentiality: str = "Confidential: prepared for {client}. Not for onward distribution."
    cover_text: str = ""
    paper: str = "A4"
    word_template: bytes | None = None  # the firm's .docx or .dotx house template, checked


def _default_file() -> Path:
    return user_brands_dir().parent / "default-brand.txt"


def _check_name(name: str) -> str:
    if not BRAND_NAME.match(name or ""):
        raise InvalidValueError(f"{name!r} is not a brand profile name: use letters, digits, "
                                "- and _ (a name, never a path)")
    return name


def _is_user_profile(name: str) -> bool:
    return (user_brands_dir() / name / BRAND_FILE).is_file()


def default_profile() -> str:
    """The profile used when an engagement says `default`: the chosen one, else the neutral."""
    try:
        name = read_regular_file(_default_file(), limit=200, what="setting").decode().strip()
    except (FileInputError, UnicodeDecodeError):
        return DEFAULT_BRAND
    if BRAND_NAME.match(name) and (user_brands_dir() / name / BRAND_FILE).is_file():
        return name
    return DEFAULT_BRAND


def has_own_default() -> bool:
    """Whether the consultant has chosen a profile of their own (else the neutral one serves)."""
    return default_profile() != DEFAULT_BRAND


def set_default(name: str) -> Brand:
    """Make `name` the default profile (it must load); `default` goes back to the neutral one."""
    brand = load_brand(_check_name(name))
    user_brands_dir().parent.mkdir(parents=True, exist_ok=True)
    write_atomically(_default_file(), name.encode())
    return brand


def resolve(name: str | None) -> Brand:
    """The profile an export uses: `name`, or the default profile for None and `default`."""
    if not name or name == DEFAULT_BRAND:
        return load_brand(default_profile())
    return load_brand(_check_name(name))


def profiles() -> list[ProfileInfo]:
    """Every profile, the default first, each with its firm or why it does not load."""
    default = default_profile()
    found: list[ProfileInfo] = []
    for name in list_brands():
        built_in = not _is_user_profile(name)
        try:
            brand = load_brand(name)
            info = ProfileInfo(name, brand.display_name, brand.firm_name, name == default,
                               built_in, None)
        except BrandError as exc:
            info = ProfileInfo(name, name, "", name == default, built_in, str(exc))
        found.append(info)
    return sorted(found, key=lambda p: (not p.is_default, p.name != DEFAULT_BRAND,
                                        p.display_name.lower()))


def read_logo(path: Path) -> bytes:
    """A logo file's bytes once checked (PNG, JPEG or a self-contained SVG); else one message."""
    data = read_regular_file(Path(path), limit=MAX_LOGO_BYTES, what="logo image")
    check_logo(data, Path(path).name)
    return data


def read_word_template(path: Path) -> bytes:
    """A house template's bytes once checked: a .docx or .dotx file of bounded size, a plain
    Word document or template (no macros, not a zip bomb); else one clear message."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".dotm", ".docm"):
        raise InvalidValueError(f"{path.name}: a macro-enabled Word file is refused; save "
                                "the template as a plain .docx or .dotx")
    if suffix not in TEMPLATE_SUFFIXES:
        raise InvalidValueError(f"{path.name}: not a Word file; a house template is a .docx "
                                "or .dotx file")
    data = read_regular_file(path, limit=MAX_TEMPLATE_BYTES, what="Word template")
    main_content_type(data, path.name)
    return data


def draft_of(name: str) -> BrandDraft:
    """The editable fields of a profile."""
    brand = load_brand(_check_name(name))
    return BrandDraft(
        name=brand.name, display_name=brand.display_name, firm_name=brand.firm_name,
        logo=brand.logo.read_bytes() if brand.logo else None,
        client_logo=brand.client_logo.read_bytes() if brand.client_logo else None,
        primary=brand.primary, accent=brand.accent, footer=brand.footer,
        confidentiality=brand.confidentiality, cover_text=brand.cover_text,
        paper=brand.paper_size,
        word_template=brand.word_template.read_bytes() if brand.word_template else None)


def suggest_name(display_name: str) -> str:
    """A free profile name made from a firm's name ("Acme & Co." → "acme-co")."""
    ascii_text = unicodedata.normalize("NFKD", display_name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:40] or "firm"
    taken = set(list_brands())
    candidate, n = base, 2
    while candidate in taken or candidate == DEFAULT_BRAND:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def save(draft: BrandDraft, *, base: str | None = None, replace_existing: bool = False) -> Brand:
    """Write the draft as the user profile `draft.name` and return it loaded.

    `base` is the profile it was edited from: its other keys and files (fonts) are kept.
    A profile of that name is replaced only with `replace_existing` (an edit); the
    neutral `default` cannot be overwritten.
    """
    name = _check_name(draft.name.strip())
    if name == DEFAULT_BRAND:
        raise InvalidValueError("'default' is the app's neutral profile; give your profile "
                                "another name")
    for colour, key in ((draft.primary, "primary colour"), (draft.accent, "accent colour")):
        if not _HEX.match(colour.strip()):
            raise InvalidValueError(f"the {key} {colour[:40]!r} is not a colour: write it as "
                                    "#RRGGBB, for example #0F3D5C")
    if not draft.firm_name.strip():
        raise InvalidValueError("the firm's name is empty")
    if not replace_existing and (user_brands_dir() / name).exists():
        raise InvalidValueError(f"there is already a brand profile named {name!r}")
    raw: dict[str, Any] = {}
    files: dict[str, bytes] = {}
    if base is not None:
        base_folder = brand_folder(_check_name(base))
        raw = raw_brand(base_folder)
        fonts = raw.get("fonts")
        if isinstance(fonts, dict):
            for key in ("regular", "bold", "italic"):
                file = fonts.get(key)
                if isinstance(file, str) and BRAND_NAME.match(Path(file).stem or "") \
                        and (base_folder / file).is_file() and "/" not in file:
                    files[file] = (base_folder / file).read_bytes()
    raw["name"] = draft.display_name.strip() or draft.firm_name.strip()
    firm: dict[str, Any] = {"name": draft.firm_name.strip()}
    if draft.logo is not None:
        firm["logo"] = "logo" + check_logo(draft.logo, "logo")
        files[firm["logo"]] = draft.logo
    raw["firm"] = firm
    raw.pop("client_logo", None)
    if draft.client_logo is not None:
        raw["client_logo"] = "client-logo" + check_logo(draft.client_logo, "client logo")
        files[raw["client_logo"]] = draft.client_logo
    raw["colours"] = {"primary": draft.primary.strip().upper(),
                      "accent": draft.accent.strip().upper()}
    cover = raw.get("cover") if isinstance(raw.get("cover"), dict) else {}
    raw["cover"] = {**(cover or {}), "text": draft.cover_text.strip()}
    raw["footer"] = draft.footer.strip()
    raw["confidentiality"] = draft.confidentiality.strip()
    raw["paper"] = draft.paper
    raw.pop("word_template", None)
    if draft.word_template is not None:
        kind = main_content_type(draft.word_template, "house template")
        raw["word_template"] = "house-template" + (".dotx" if kind == TEMPLATE else ".docx")
        files[raw["word_template"]] = draft.word_template
    files[BRAND_FILE] = dump_brand(raw)
    return _install(name, files, replace_existing=replace_existing)


def _install(name: str, files: dict[str, bytes], *, replace_existing: bool) -> Brand:
    """Write the files to a new folder, load it (every check), then swap it into place."""
    home = user_brands_dir()
    home.mkdir(parents=True, exist_ok=True)
    target = home / name
    if target.exists() and not replace_existing:
        raise InvalidValueError(f"there is already a brand profile named {name!r}")
    staging = home / f".new-{uuid.uuid4().hex}"  # not a profile name: never listed
    staging.mkdir()
    try:
        for file, content in files.items():
            write_atomically(staging / file, content)
        try:
            load_brand_folder(staging)  # every check of an export, before anything is replaced
        except BrandError as exc:
            raise BrandError(str(exc).replace(str(staging), str(target))) from None
        old = home / f".old-{uuid.uuid4().hex}"
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return load_brand(name)


def duplicate(name: str, new_name: str | None = None) -> Brand:
    """A copy of a profile (a built-in one too) under a new name, to edit."""
    draft = draft_of(name)
    target = _check_name(new_name) if new_name else suggest_name(draft.display_name)
    return save(replace(draft, name=target, display_name=f"{draft.display_name} (copy)"),
                base=name)


def delete(name: str) -> None:
    """Delete a user profile; the default goes back to the neutral one if it was this one."""
    _check_name(name)
    if not _is_user_profile(name):
        if name in list_brands():
            raise InvalidValueError(f"{name!r} ships with the app and cannot be deleted")
        raise NotFoundError(f"there is no brand profile named {name!r}")
    was_default = default_profile() == name
    shutil.rmtree(user_brands_dir() / name)
    if was_default:
        _default_file().unlink(missing_ok=True)


def export_profile(name: str, path: Path) -> Path:
    """Write the profile as one `.brand.zip` file a colleague imports."""
    brand = load_brand(_check_name(name))
    check_output_target(Path(path))
    folder = brand.folder
    files = [p.name for p in (brand.logo, brand.client_logo, brand.fonts.regular,
                              brand.fonts.bold, brand.fonts.italic, brand.word_template)
             if p is not None and p.parent == folder]
    write_atomically(Path(path), brand_archive.pack(folder, files))
    return Path(path)


def import_profile(path: Path, name: str | None = None, *, replace_existing: bool = False
                   ) -> Brand:
    """Add the profile in a `.brand.zip` file (checked whole before it is added)."""
    data = read_regular_file(Path(path), limit=brand_archive.MAX_ARCHIVE_BYTES,
                             what="brand profile file")
    files = brand_archive.unpack(data, str(path))
    if name is None:
        display = "profile"
        try:
            from workbench.core.safe_yaml import load_yaml

            raw = load_yaml(files[BRAND_FILE].decode("utf-8"))
            if isinstance(raw, dict) and isinstance(raw.get("name"), str):
                display = raw["name"]
        except Exception:
            pass
        name = suggest_name(display)
        if replace_existing and BRAND_NAME.match(display):
            name = display
    name = _check_name(name)
    if name == DEFAULT_BRAND:
        raise InvalidValueError("'default' is the app's neutral profile; import under "
                                "another name")
    try:
        return _install(name, files, replace_existing=replace_existing)
    except BrandError as exc:
        # Name the file the user chose, not the staging folder.
        message = str(exc).split(": ", 1)[-1]
        raise BrandError(f"{path}: {message}") from None

