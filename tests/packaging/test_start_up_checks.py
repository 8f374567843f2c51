"""`workbench.frozen`: a missing system library gives one clear message, never a crash."""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest

from workbench import frozen, launcher

LINUX = sys.platform.startswith("linux")


def _import_fails(message: str) -> Callable[[str], object]:
    def fake(name: str) -> object:
        raise ImportError(message)
    return fake


def _loader_without(*missing: str) -> Callable[[str], object]:
    def load(name: str) -> object:
        if name in missing:
            raise OSError(f"{name}: cannot open shared object file")
        return object()
    return load


@pytest.mark.skipif(not LINUX, reason="Linux library names")
def test_missing_libegl_names_the_library_and_the_exact_command() -> None:
    message = frozen.check_qt_libraries(_import_fails(
        "libEGL.so.1: cannot open shared object file: No such file or directory"))
    assert message is not None
    assert "libEGL.so.1" in message
    assert "sudo apt-get install libegl1\n" in message
    assert "Traceback" not in message


@pytest.mark.skipif(not LINUX, reason="Linux library names")
def test_an_unknown_missing_library_suggests_everything_qt_needs() -> None:
    message = frozen.check_qt_libraries(_import_fails(
        "libfoo.so.3: cannot open shared object file: No such file or directory"))
    assert message is not None and "libfoo.so.3" in message
    for package in ("libgl1", "libegl1", "libfontconfig1", "libxkbcommon0"):
        assert package in message


@pytest.mark.skipif(not LINUX, reason="X11 only")
def test_missing_xcb_libraries_are_all_named_when_qt_would_use_x11(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    message = frozen.check_qt_libraries(
        lambda name: None, _loader_without("libxcb-cursor.so.0", "libxcb-shape.so.0"))
    assert message is not None
    assert "libxcb-cursor.so.0 and libxcb-shape.so.0" in message
    assert "sudo apt-get install libxcb-cursor0 libxcb-shape0\n" in message


@pytest.mark.skipif(not LINUX, reason="X11 and Wayland")
def test_no_display_at_all_is_explained(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    message = frozen.check_qt_libraries(lambda name: None, _loader_without())
    assert message is not None and "graphical desktop" in message
    assert "workbench --help" in message


def test_offscreen_and_wayland_need_no_xcb_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    nothing_loads = _loader_without(*frozen.XCB_LIBRARIES)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert frozen.check_qt_libraries(lambda name: None, nothing_loads) is None
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert frozen.check_qt_libraries(lambda name: None, nothing_loads) is None


def test_this_machine_can_start_qt_offscreen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert frozen.check_qt_libraries() is None


@pytest.mark.skipif(not LINUX, reason="Linux library names")
def test_real_loader_finds_a_system_library_and_rejects_a_missing_one() -> None:
    frozen._load_library("libc.so.6")
    with pytest.raises(OSError):
        frozen._load_library("libworkbench-does-not-exist.so.9")


def test_launcher_shows_the_problem_and_exits_1_instead_of_opening_the_gui(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(frozen, "check_qt_libraries", lambda: "the message for the user")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)

    def no_gui(db: object) -> int:
        raise AssertionError("the GUI must not start")

    import workbench.gui.app
    monkeypatch.setattr(workbench.gui.app, "run_gui", no_gui)
    assert launcher.main([]) == 1
    assert "the message for the user" in capsys.readouterr().err


def test_dialog_tools_get_the_system_library_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setenv("LD_LIBRARY_PATH", "/bundle/_internal")
    monkeypatch.setenv("LD_LIBRARY_PATH_ORIG", "/usr/lib/custom")
    env = frozen._system_env()
    assert env["LD_LIBRARY_PATH"] == "/usr/lib/custom" and "LD_LIBRARY_PATH_ORIG" not in env
    monkeypatch.delenv("LD_LIBRARY_PATH_ORIG")
    assert "LD_LIBRARY_PATH" not in frozen._system_env()


def test_the_app_icon_is_found_in_a_source_checkout() -> None:
    path = frozen.app_icon_path()
    assert path is not None and path.name == "workbench.png" and path.stat().st_size > 1000
