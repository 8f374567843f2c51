"""The packaging files agree with each other and with the project (fast; no build)."""

from __future__ import annotations

import configparser
import importlib.util
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from types import ModuleType

import pytest
from defusedxml import ElementTree
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "org.assessorworkbench.Workbench"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
PROJECT_VERSION = re.search(r'^__version__ = "([^"]+)"$',  # pyproject.toml reads it there
                            (ROOT / "src" / "workbench" / "__init__.py").read_text(),
                            re.M)[1]  # type: ignore[index]


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("workbench_package_build",
                                                  PACKAGING / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_desktop_entry_launches_the_workbench_with_its_icon() -> None:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    entry.read(DESKTOP, encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == "workbench" and section["TryExec"] == "workbench"
    assert section["Icon"] == APP_ID and section["Terminal"] == "false"
    assert section["Categories"].endswith(";") and "Office" in section["Categories"]
    assert section["Name"] == "Assessor Workbench"


def test_metainfo_matches_the_desktop_entry_and_this_release() -> None:
    root = ElementTree.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name
    assert root.find("provides/binary").text == "workbench"
    assert root.findtext("project_license") == "MIT"
    released = [release.get("version") for release in root.iter("release")]
    assert released and released[0] == PROJECT_VERSION, (
        f"add a <release version=\"{PROJECT_VERSION}\"> entry (newest first) to {METAINFO.name}")


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli is not installed")
def test_appstream_validator_accepts_the_metainfo() -> None:
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None,
                    reason="desktop-file-validate is not installed")
def test_desktop_file_validator_accepts_the_entry() -> None:
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_icons_are_square_small_and_complete() -> None:
    png = Image.open(PACKAGING / "icons" / "workbench.png")
    assert png.size == (256, 256) and png.mode == "RGBA"
    assert png.getpixel((0, 0))[3] == 0 and png.getpixel((128, 128))[3] == 255  # a tile shape
    ico = Image.open(PACKAGING / "icons" / "workbench.ico")
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    assert Image.open(PACKAGING / "icons" / "workbench.icns").format == "ICNS"
    for name in ("workbench.png", "workbench.ico", "workbench.icns"):
        assert (PACKAGING / "icons" / name).stat().st_size < 200_000


def test_spec_bundles_data_where_the_app_looks_for_it() -> None:
    spec = (PACKAGING / "workbench.spec").read_text()
    from workbench.core import bundled

    # bundled._find looks in sys._MEIPASS/workbench/<name> first
    assert '"workbench" / name' in Path(bundled.__file__).read_text()
    for data in ('(str(ROOT / "resources"), "workbench/resources")',
                 '(str(ROOT / "templates"), "workbench/templates")',
                 'copy_metadata("assessor-workbench")', 'collect_submodules("workbench"'):
        assert data in spec
    for path in re.findall(r'PACKAGING / "([\w./-]+)"', spec) + \
            re.findall(r'ICONS / "([\w./-]+)"', spec):
        assert (PACKAGING / path).exists() or (PACKAGING / "icons" / path).exists(), path


def test_windows_installer_script_points_at_existing_files() -> None:
    script = (PACKAGING / "windows" / "workbench.iss").read_text()
    assert "SetupIconFile=..\\icons\\workbench.ico" in script
    assert (PACKAGING / "icons" / "workbench.ico").is_file()
    assert '#define AppExe "AssessorWorkbench.exe"' in script  # the spec's windowed executable
    assert 'executable("AssessorWorkbench", console=False)' in (
        PACKAGING / "workbench.spec").read_text()
    build = (PACKAGING / "windows" / "build.ps1").read_text()
    assert "/DAppVersion=$Version" in build and "packaging\\windows\\workbench.iss" in build


def test_build_refuses_a_stale_install(monkeypatch: pytest.MonkeyPatch) -> None:
    build = _build_module()
    monkeypatch.setattr(build, "version", lambda name: "0.0.1-stale")
    with pytest.raises(build.BuildError, match="pip install -e"):
        build.project_version()


def test_archive_keeps_modes_under_one_top_folder(tmp_path: Path) -> None:
    build = _build_module()
    bundle = tmp_path / "workbench"
    (bundle / "_internal").mkdir(parents=True)
    (bundle / "workbench").write_text("#!/bin/sh\n")
    (bundle / "workbench").chmod(0o755)
    (bundle / "_internal" / "data.txt").write_text("x")
    target = tmp_path / build.archive_name("9.9.9")
    assert target.name.startswith("assessor-workbench-9.9.9-linux-")
    build.make_archive(bundle, target, "assessor-workbench-9.9.9")
    with tarfile.open(target) as archive:
        members = {m.name: m for m in archive.getmembers()}
    assert set(members) == {"assessor-workbench-9.9.9", "assessor-workbench-9.9.9/workbench",
                            "assessor-workbench-9.9.9/_internal",
                            "assessor-workbench-9.9.9/_internal/data.txt"}
    assert members["assessor-workbench-9.9.9/workbench"].mode & 0o111
    assert members["assessor-workbench-9.9.9/workbench"].uname == "root"
    assert not list(tmp_path.glob("*.partial"))


def test_install_script_is_valid_posix_shell() -> None:
    result = subprocess.run(["sh", "-n", str(PACKAGING / "linux" / "install.sh")],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_build_script_runs_only_on_linux_elsewhere_it_points_to_the_right_script(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    build = _build_module()
    monkeypatch.setattr(sys, "platform", "win32")
    with pytest.raises(build.BuildError, match=r"windows\\build.ps1|windows/build.ps1"):
        build.build(tmp_path, tmp_path, archive=False, clean=False)
