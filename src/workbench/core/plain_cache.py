"""Checked data kept as plain values in the per-user cache folder (issue 17).

A file the application parses and checks on every use (a brand profile, the visual
language) is read as bytes; the plain result of parsing and checking it (dicts, lists,
strings, numbers, None) is kept in `marshal` form, named by the SHA-256 of those bytes and
of anything else the result depends on (`salt`). A later run that finds its entry takes the
result from it and imports neither the parser nor the validator. A text that fails its check
is never kept, so it fails the same way every time. An entry that cannot be read or holds
another key is only a miss; without a writable cache folder nothing is kept.
"""

from __future__ import annotations

import marshal
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from workbench.core.files import read_regular_file, write_atomically

MAX_ENTRY_BYTES = 4 * 1024 * 1024


def cache_root() -> Path:
    """The application's per-user cache folder, as platformdirs names it.

    On Linux that is the XDG Base Directory rule (`$XDG_CACHE_HOME` when it is an absolute
    path, else `~/.cache`), worked out here: importing platformdirs (and the tempfile,
    random and shutil modules it brings) would cost every command a few milliseconds.
    Only caches live here: where platformdirs would answer otherwise (a relative $HOME),
    the cost is a parse and a check, never a wrong result.
    """
    if sys.platform.startswith("linux"):
        base = os.environ.get("XDG_CACHE_HOME", "")
        if not os.path.isabs(base):
            base = os.path.join(os.path.expanduser("~"), ".cache")
        return Path(base) / "assessor-workbench"
    from platformdirs import user_cache_path

    return user_cache_path("assessor-workbench", appauthor=False)


def checked_plain(kind: str, data: bytes, check: Callable[[], Any], salt: str = "") -> Any:
    """`check()` (the plain result of parsing and checking `data`), from the cache when the
    same `data` and `salt` were checked before. `check` raises for bad data: nothing is kept."""
    import hashlib  # OpenSSL: only here, never for a command that reads no such file

    key = hashlib.sha256(salt.encode("utf-8") + b"\x00" + data).hexdigest()
    path = cache_root() / kind / f"{key}.marshal"
    try:
        stored_key, plain = marshal.loads(read_regular_file(path, limit=MAX_ENTRY_BYTES,
                                                            what="cache entry"))
        if stored_key == key:
            return plain
    except Exception:  # whatever a missing, damaged or foreign entry raises, it is a miss
        pass
    plain = check()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, marshal.dumps((key, plain)))
    except Exception:  # a cache that cannot be written only costs time
        pass
    return plain
