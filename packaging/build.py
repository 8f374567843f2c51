"""Build the Linux bundle and its archive: `make package` (`.venv/bin/python packaging/build.py`).

Writes dist/workbench/ (the one-folder application, with its menu entry, icon, AppStream
metadata and install.sh) and dist/assessor-workbench-VERSION-linux-ARCH.tar.gz, checks that
the built program starts and reports the right version, and prints the build time and sizes.
Windows and macOS have their own scripts (packaging/windows/build.ps1, packaging/macos/build.sh)
around the same spec.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
ROOT = PACKAGING.parent
SPEC = PACKAGING / "workbench.spec"
LINUX = PACKAGING / "linux"
APP_ID = "org.assessorworkbench.Workbench"
DIST_NAME = "assessor-workbench"


class BuildError(Exception):
    """The build cannot go on; the message says why and what to do."""


def project_version() -> str:
    """The version written in src/workbench/__init__.py (pyproject.toml reads it from there),
    after checking the installed metadata agrees: a stale install would ship metadata with
    the wrong number.
    """
    found = re.search(r'^__version__ = "([^"]+)"$',
                      (ROOT / "src" / "workbench" / "__init__.py").read_text(), re.M)
    if found is None:
        raise BuildError("src/workbench/__init__.py does not say the version (__version__)")
    declared = found.group(1)
    try:
        installed = version(DIST_NAME)
    except PackageNotFoundError:
        raise BuildError(f"{DIST_NAME} is not installed in this Python ({sys.executable}); "
                         "run: pip install -e .") from None
    if installed != declared:
        raise BuildError(f"the installed {DIST_NAME} is {installed} but pyproject.toml says "
                         f"{declared}; run: pip install -e . (then build again)")
    return declared


def check_pyinstaller() -> str:
    try:
        return version("pyinstaller")
    except PackageNotFoundError:
        raise BuildError("PyInstaller is not installed in this Python; run: "
                         f"{sys.executable} -m pip install pyinstaller") from None


def validate_linux_metadata() -> list[str]:
    """Validate the menu entry and AppStream file with the desktop's own tools, where present."""
    notes = []
    checks = [("appstreamcli", ["validate", "--no-net",
                                str(LINUX / f"{APP_ID}.metainfo.xml")]),
              ("desktop-file-validate", [str(LINUX / f"{APP_ID}.desktop")])]
    for tool, args in checks:
        path = shutil.which(tool)
        if path is None:
            notes.append(f"{tool} not found: not validated")
            continue
        result = subprocess.run([path, *args], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BuildError(f"{tool} rejects the metadata:\n{result.stdout}{result.stderr}")
        notes.append(f"{tool}: valid")
    return notes


def run_pyinstaller(dist: Path, work: Path, clean: bool) -> Path:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work)]
    if clean:
        command.append("--clean")
    result = subprocess.run([*command, str(SPEC)], cwd=ROOT, check=False)
    if result.returncode != 0:
        raise BuildError(f"PyInstaller failed (exit status {result.returncode}); see above")
    bundle = dist / "workbench"
    if not (bundle / "workbench").is_file():
        raise BuildError(f"PyInstaller finished but {bundle / 'workbench'} is missing")
    return bundle


def add_linux_integration(bundle: Path) -> None:
    """Menu entry, icon, AppStream metadata, installer and a short README into the bundle."""
    places = {
        LINUX / f"{APP_ID}.desktop": bundle / "share" / "applications" / f"{APP_ID}.desktop",
        LINUX / f"{APP_ID}.metainfo.xml": bundle / "share" / "metainfo"
        / f"{APP_ID}.metainfo.xml",
        PACKAGING / "icons" / "workbench.png": bundle / "share" / "icons" / "hicolor"
        / "256x256" / "apps" / f"{APP_ID}.png",
        LINUX / "install.sh": bundle / "install.sh",
        LINUX / "README.txt": bundle / "README.txt",
    }
    for source, target in places.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (bundle / "install.sh").chmod(0o755)


def check_bundle(bundle: Path, expected_version: str) -> float:
    """Start the built program once; return how long `--version` took."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    started = time.perf_counter()
    result = subprocess.run([str(bundle / "workbench"), "--version"], capture_output=True,
                            text=True, env=env, timeout=120, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode != 0 or expected_version not in result.stdout:
        raise BuildError("the built program does not start as it should: `workbench --version` "
                         f"exited {result.returncode}\n{result.stdout}{result.stderr}")
    return elapsed


def make_archive(bundle: Path, target: Path, top: str) -> None:
    """A .tar.gz of the bundle under one top-level folder, modes kept, owners anonymised."""
    def anonymise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        info.uid = info.gid = 0
        info.uname = info.gname = "root"
        return info

    partial = target.with_name(target.name + ".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
        archive.add(bundle, arcname=top, filter=anonymise)
    partial.replace(target)  # never leave a truncated archive under the real name


def folder_size(folder: Path) -> tuple[int, int]:
    """(bytes, files) of everything under `folder`, symlinks not followed."""
    total = count = 0
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            total += path.stat().st_size
            count += 1
    return total, count


def archive_name(app_version: str) -> str:
    machine = platform.machine().lower() or "unknown"
    return f"{DIST_NAME}-{app_version}-linux-{machine}.tar.gz"


def build(dist: Path, work: Path, archive: bool, clean: bool) -> Path:
    if not sys.platform.startswith("linux"):
        raise BuildError("this script builds the Linux bundle; on Windows run "
                         "packaging/windows/build.ps1, on macOS packaging/macos/build.sh")
    app_version = project_version()
    pyinstaller = check_pyinstaller()
    for note in validate_linux_metadata():
        print(f"  {note}")
    print(f"Building Assessor Workbench {app_version} with PyInstaller {pyinstaller} ...",
          flush=True)
    started = time.perf_counter()
    bundle = run_pyinstaller(dist, work, clean)
    add_linux_integration(bundle)
    built = time.perf_counter() - started
    start_up = check_bundle(bundle, app_version)
    size, files = folder_size(bundle)
    print(f"Bundle: {bundle} ({size / 1e6:.1f} MB in {files} files), built in {built:.1f} s; "
          f"`workbench --version` starts in {start_up:.2f} s")
    if archive:
        started = time.perf_counter()
        target = dist / archive_name(app_version)
        make_archive(bundle, target, f"{DIST_NAME}-{app_version}")
        print(f"Archive: {target} ({target.stat().st_size / 1e6:.1f} MB), written in "
              f"{time.perf_counter() - started:.1f} s")
    return bundle


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist",
                        help="where the bundle and archive go (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller",
                        help="PyInstaller's working folder, reused between builds "
                             "(default: build/pyinstaller)")
    parser.add_argument("--no-archive", action="store_true", help="build the folder only")
    parser.add_argument("--clean", action="store_true",
                        help="discard PyInstaller's cache first (slower, from scratch)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        build(args.dist.resolve(), args.work.resolve(), not args.no_archive, args.clean)
    except BuildError as exc:
        print(f"package: {exc}", file=sys.stderr)
        return 1
    print(f"Done in {time.perf_counter() - started:.1f} s.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
