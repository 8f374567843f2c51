"""Validated frameworks kept in the per-user cache folder, so that a start does not parse
and validate the framework YAML again (issue 17).

Each entry is named by the SHA-256 of the definition's text and holds the validated
framework as plain tuples (core.framework_plain) in `marshal` form: a text is validated on
its first use and whenever it changes (a new digest), never on a start that finds its entry.
An entry that cannot be read or does not hold that text's framework is only a miss: the text
is validated again and the entry rewritten. Without a writable cache folder nothing is kept.
"""

from __future__ import annotations

import marshal
from collections.abc import Callable
from functools import cache
from pathlib import Path

from workbench.core.bundled import resources_dir
from workbench.core.errors import WorkbenchError
from workbench.core.files import read_regular_file, write_atomically
from workbench.core.framework import Framework, version_key
from workbench.core.framework_plain import framework_from_plain, framework_to_plain
from workbench.core.plain_cache import cache_root

MAX_TEXT_BYTES = 5 * 1024 * 1024  # as core.framework_loader.MAX_FILE_BYTES
MAX_ENTRY_BYTES = 4 * MAX_TEXT_BYTES
_memory: dict[str, Framework] = {}


def cache_dir() -> Path:
    """Where the validated frameworks are kept: a folder of the per-user cache folder
    (core.plain_cache.cache_root, worked out without importing platformdirs)."""
    return cache_root() / "frameworks"


def text_digest(text: str) -> str:
    import hashlib  # OpenSSL: only when the digest is not known already

    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


def _read(path: Path, digest: str, text: str) -> Framework | None:
    try:
        stored_digest, plain = marshal.loads(read_regular_file(path, limit=MAX_ENTRY_BYTES,
                                                               what="cache entry"))
        framework = framework_from_plain(plain)
    except Exception:  # whatever a damaged or foreign entry raises, it is only a miss
        return None
    if stored_digest != digest or framework.source_text != text:
        return None
    return framework


def _write(path: Path, digest: str, framework: Framework) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, marshal.dumps((digest, framework_to_plain(framework))))
    except Exception:  # a cache that cannot be written only costs time
        pass


def known(digest: str) -> Framework | None:
    """The framework validated in this process from the text with this SHA-256, if any."""
    return _memory.get(digest)


def validated(text: str, validate: Callable[[str], Framework],
              digest: str | None = None) -> Framework:
    """The framework `validate(text)` gives, from the cache when this text was seen before.

    `validate` raises for an invalid text; nothing is kept for it, so it raises every time.
    `digest` is the text's SHA-256 when the caller knows it already (the database keeps it
    beside the text); an entry is used only when it holds this very text, so a wrong one
    costs a validation, never a wrong framework.
    """
    digest = digest or text_digest(text)
    found = _memory.get(digest)
    if found is not None:
        return found
    path = cache_dir() / f"{digest}.marshal"
    found = _read(path, digest, text)
    if found is None:
        found = validate(text)
        if found.source_text == text:
            _write(path, digest, found)
    _memory[digest] = found
    return found


@cache
def bundled_frameworks() -> tuple[Framework, ...]:
    """The frameworks shipped with the application, sorted by id and version: the same as
    core.framework_loader.bundled_frameworks, validated only when a file is new or changed."""
    found = [_bundled(p) for p in sorted((resources_dir() / "frameworks").glob("*.yaml"))]
    return tuple(sorted(found, key=lambda f: (f.id, version_key(f.version))))


@cache
def bundled_texts() -> tuple[str, ...] | None:
    """The texts of the bundled definitions (None when one cannot be read: then only
    `bundled_frameworks` says what is wrong)."""
    try:
        return tuple(read_regular_file(p, limit=MAX_TEXT_BYTES, what="framework file").decode()
                     for p in sorted((resources_dir() / "frameworks").glob("*.yaml")))
    except (WorkbenchError, UnicodeDecodeError):
        return None


def _bundled(path: Path) -> Framework:
    def validate(_text: str) -> Framework:
        from workbench.core.framework_loader import load_framework_file  # pydantic: on a miss

        return load_framework_file(path)

    try:
        text = read_regular_file(path, limit=MAX_TEXT_BYTES, what="framework file").decode()
    except (WorkbenchError, UnicodeDecodeError):
        return validate("")  # the loader's own message for the same problem
    return validated(text, validate)
