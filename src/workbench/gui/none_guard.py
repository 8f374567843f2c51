"""A guard against a PySide6 reference-count bug that crashes the app on Python 3.11.

Measured here: with PySide6 6.12.0 on CPython 3.11, every call of a Qt method that
returns nothing (``setValue``, ``update``, ``setVisible`` …) takes one reference
from ``None`` without giving one back. After some hundred thousand calls (an hour
of scoring) ``None``'s count reaches zero and the interpreter aborts with
"none_dealloc: deallocating None". Python 3.12 made ``None`` immortal, so the bug
only bites before 3.12. The guard gives ``None`` a reference count so large that
no session can exhaust it, which is what 3.12 does by design. ``True`` and ``False``
showed the same fault in a longer run (aborting with "bool_dealloc"), so they and the
other shared singletons (``...``, ``NotImplemented``, the cached small integers) get
the same reserve.
"""

from __future__ import annotations

import sys

RESERVE = 1 << 40  # a trillion calls: far more than any session makes
AFFECTED = {"6.12.0"}  # 6.11.3 was checked: 100,000 calls leave None's count unchanged


def _singletons() -> list[object]:
    return [None, True, False, Ellipsis, NotImplemented, *range(-5, 257)]


def protect_none() -> bool:
    """Make the shared singletons effectively immortal on CPython before 3.12.

    True if the guard was needed and applied (once per process).
    """
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    import PySide6

    if PySide6.__version__ not in AFFECTED:
        return False  # pyproject.toml excludes the affected release; this guards forced installs
    if sys.getrefcount(None) > RESERVE // 2:
        return False  # already done
    import ctypes  # here, not at import: an unaffected start need not load it (issue 17)

    for obj in _singletons():
        # ob_refcnt is the first field of every CPython object, at the object's address.
        ctypes.c_ssize_t.from_address(id(obj)).value += RESERVE
    return True
