"""Start-up checks for the installed (frozen) application and for a plain install alike.

Qt needs a few system libraries that no bundle can carry (the graphics stack: libGL, libEGL)
and, for a window on X11, a handful of xcb libraries. Without them Qt fails with a cryptic
import error or aborts the process. `check_qt_libraries()` finds out first, before any window
is created, and returns one clear message with the exact command that fixes it.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from workbench import __version__

APP_NAME = "Assessor Workbench"

# The Debian/Ubuntu package that provides each library Qt loads (packaging/system-deps.sh run).
CORE_LIBRARIES: dict[str, str] = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libX11.so.6": "libx11-6",
}
# What the X11 ("xcb") platform plugin loads; Qt names only the first it misses, and aborts.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libX11-xcb.so.1": "libx11-xcb1",
}
_MISSING_LIBRARY = re.compile(r"(lib[\w.+-]+?\.so(?:\.\d+)*)")

Loader = Callable[[str], object]


def is_frozen() -> bool:
    """True inside the bundle PyInstaller built (packaging/workbench.spec)."""
    return bool(getattr(sys, "frozen", False))


def bundle_dir() -> Path | None:
    """The folder holding the bundle's libraries and data, when frozen."""
    folder = getattr(sys, "_MEIPASS", None)
    return Path(folder) if folder else None


def install_command(packages: Iterable[str]) -> str:
    """The apt-get command that installs `packages` (deduplicated, in order)."""
    unique = list(dict.fromkeys(packages))
    return "sudo apt-get install " + " ".join(unique)


def check_qt_libraries(import_module: Callable[[str], object] = importlib.import_module,
                       load_library: Loader | None = None) -> str | None:
    """None when Qt can start here; otherwise a message naming what is missing and the fix.

    The arguments exist for the tests; the application calls it with none.
    """
    try:
        import_module("PySide6.QtGui")
        import_module("PySide6.QtWidgets")
    except ImportError as exc:
        return _import_failure_message(str(exc))
    if sys.platform.startswith("linux") and not _has_display():
        return (f"{APP_NAME} {__version__} needs a graphical desktop to open its window, and "
                "none is available here (neither DISPLAY nor WAYLAND_DISPLAY is set). Start it "
                "from your desktop, or use its command line: workbench --help")
    if sys.platform.startswith("linux") and _will_use_xcb():
        missing = _missing_libraries(XCB_LIBRARIES, load_library or _load_library)
        if missing:
            return _message(missing, XCB_LIBRARIES, "to open its window on this desktop")
    return None


def _import_failure_message(error: str) -> str:
    found = _MISSING_LIBRARY.search(error)
    if not sys.platform.startswith("linux"):
        return (f"{APP_NAME} {__version__} cannot start its user interface: a library it needs "
                f"could not be loaded ({error}). Reinstalling the application usually fixes "
                "this.")
    if found is None:
        return (f"{APP_NAME} {__version__} cannot start its user interface: the Qt libraries "
                f"could not be loaded ({error}). Install the system libraries it needs:\n\n  "
                + install_command(CORE_LIBRARIES.values()))
    library = found.group(1)
    return _message([library], CORE_LIBRARIES, "to start its user interface")


def _message(missing: list[str], packages: dict[str, str], purpose: str) -> str:
    names = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    wanted = [packages[name] for name in missing if name in packages]
    if len(wanted) < len(missing):  # an unknown library: suggest the whole set Qt needs
        wanted += list(packages.values())
    noun = "library" if len(missing) == 1 else "libraries"
    return (f"{APP_NAME} {__version__} needs the system {noun} {names} {purpose}, and this "
            f"computer does not have {'it' if len(missing) == 1 else 'them'}.\n\n"
            "On Debian or Ubuntu, install what is missing with:\n\n  "
            f"{install_command(wanted)}\n\n"
            "then start the workbench again. Your assessments are not affected.")


def _has_display() -> bool:
    """False when Qt would find no screen at all (an SSH session, a service) and abort."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True  # offscreen, vnc, eglfs, ...: the caller chose; Qt reports its own errors
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _will_use_xcb() -> bool:
    """True when Qt will pick its X11 platform plugin (the one that aborts on a missing lib)."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":", 1)[0] == "xcb"
    if os.environ.get("WAYLAND_DISPLAY"):
        return False  # Qt 6 prefers Wayland where a compositor runs
    return bool(os.environ.get("DISPLAY"))


def _missing_libraries(libraries: dict[str, str], load: Loader) -> list[str]:
    missing = []
    for name in libraries:
        try:
            load(name)
        except OSError:
            missing.append(name)
    return missing


def _load_library(name: str) -> object:
    """dlopen `name` from the system or from Qt's own folder (where PySide6 ships some)."""
    import ctypes  # only on an X11 desktop (issue 17: not for the window's every start)

    try:
        return ctypes.CDLL(name)
    except OSError:
        for folder in _qt_library_dirs():
            candidate = folder / name
            if candidate.exists():
                return ctypes.CDLL(str(candidate))
        raise


def _qt_library_dirs() -> list[Path]:
    folders = []
    bundle = bundle_dir()
    if bundle is not None:
        folders += [bundle, bundle / "PySide6" / "Qt" / "lib"]
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    for location in (spec.submodule_search_locations or []) if spec else []:
        folders.append(Path(location) / "Qt" / "lib")
    return folders


def show_startup_problem(message: str) -> None:
    """Tell the user why the application cannot start: on the terminal and, when started
    from a desktop menu (no terminal to read), in a dialog of the desktop itself."""
    stream = sys.stderr
    if stream is not None:
        print(f"{message}\n", file=stream)
    if stream is not None and stream.isatty():
        return
    import subprocess  # only here: a normal start never needs it

    # Without a dialog tool, the message above is all that can be done.
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        _desktop_dialog(message)


def _desktop_dialog(message: str) -> None:
    import ctypes
    import subprocess

    if sys.platform == "win32":
        windll = getattr(ctypes, "windll", None)
        if windll is not None:
            windll.user32.MessageBoxW(None, message, APP_NAME, 0x10)  # MB_ICONERROR
        return
    if sys.platform == "darwin":
        escaped = message.replace("\\", "\\\\").replace('"', '\\"')
        subprocess.run(["osascript", "-e", f'display alert "{APP_NAME}" message "{escaped}" '
                        'as critical'], check=False, timeout=600, env=_system_env())
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return
    for tool, args in (("zenity", ["--error", "--no-markup", f"--title={APP_NAME}",
                                   f"--text={message}"]),
                       ("kdialog", ["--title", APP_NAME, "--error", message]),
                       ("xmessage", ["-center", message])):
        path = shutil.which(tool)
        if path:
            subprocess.run([path, *args], check=False, timeout=600, env=_system_env())
            return


def _system_env() -> dict[str, str]:
    """The environment for a system program: without the bundle's library path, so that the
    program loads the system's libraries rather than the copies inside the bundle."""
    env = dict(os.environ)
    if is_frozen():
        original = env.pop("LD_LIBRARY_PATH_ORIG", None)
        env.pop("LD_LIBRARY_PATH", None)
        if original:
            env["LD_LIBRARY_PATH"] = original
    return env


def app_icon_path() -> Path | None:
    """The application icon (PNG) for `QApplication.setWindowIcon`, where one is shipped:
    inside the bundle (packaging/workbench.spec puts it there) or in a source checkout."""
    bundle = bundle_dir()
    candidates = [bundle / "workbench" / "icons" / "workbench.png"] if bundle else []
    try:
        from workbench.core.bundled import resources_dir

        candidates.append(resources_dir() / "icons" / "workbench.png")  # wheels too
    except FileNotFoundError:
        pass
    candidates.append(Path(__file__).resolve().parents[2] / "packaging" / "icons"
                      / "workbench.png")
    return next((path for path in candidates if path.is_file()), None)
