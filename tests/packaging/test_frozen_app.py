"""Smoke test of the installable application: build the PyInstaller bundle once per session,
then run it as a user would, with no Python: `--version`, `demo` headless, the GUI offscreen,
and the archive's installer.

Set WORKBENCH_TEST_BUNDLE=/path/to/dist/workbench to test a bundle built before (for example by
`make package`) instead of building one. The measured figures (bundle size, build time,
start-up beside `python -m workbench`) are printed at the end of the module.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.metadata import version
from importlib.util import find_spec
from pathlib import Path

import pytest

from workbench.core.score_json import score_to_dict
from workbench.services import scores
from workbench.services.session import Session

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "packaging" / "build.py"
APP_ID = "org.assessorworkbench.Workbench"
VERSION = version("assessor-workbench")
GUI_STAYS_UP_S = 4.0


@dataclass
class FrozenApp:
    bundle: Path
    archive: Path | None
    figures: dict[str, str] = field(default_factory=dict)

    @property
    def executable(self) -> Path:
        return self.bundle / "workbench"


def _skip(reason: str) -> None:
    print(f"\nfrozen app tests skipped: {reason}", file=sys.stderr)
    pytest.skip(reason)


def _pyinstaller_problem() -> str | None:
    """Why PyInstaller cannot build here, or None."""
    if not sys.platform.startswith("linux"):
        return ("the Linux bundle is built on Linux only (Windows: packaging/windows/build.ps1, "
                "macOS: packaging/macos/build.sh)")
    if find_spec("PyInstaller") is None:
        return (f"PyInstaller is not installed in {sys.executable} "
                "(pip install pyinstaller, or the `test` extra)")
    if getattr(sys, "frozen", False):
        return "the tests themselves run frozen"
    return None


def _folder_megabytes(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*")
               if p.is_file() and not p.is_symlink()) / 1e6


@pytest.fixture(scope="session")
def frozen_app(tmp_path_factory: pytest.TempPathFactory,
               request: pytest.FixtureRequest) -> Iterator[FrozenApp]:
    prebuilt = os.environ.get("WORKBENCH_TEST_BUNDLE")
    if prebuilt:
        bundle = Path(prebuilt).resolve()
        assert (bundle / "workbench").is_file(), f"WORKBENCH_TEST_BUNDLE: no executable in {bundle}"
        archives = sorted(bundle.parent.glob(f"assessor-workbench-{VERSION}-linux-*.tar.gz"))
        app = FrozenApp(bundle, archives[-1] if archives else None)
        app.figures["build"] = f"reused {bundle}"
    else:
        problem = _pyinstaller_problem()
        if problem:
            _skip(problem)
        dist = tmp_path_factory.mktemp("dist")
        # PyInstaller's cache is kept under build/ between sessions (git-ignored): a rebuild
        # with unchanged dependencies is much faster. One folder per xdist worker.
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        work = ROOT / "build" / f"pyinstaller-test-{worker}"
        started = time.perf_counter()
        result = subprocess.run([sys.executable, str(BUILD_SCRIPT), "--dist", str(dist),
                                 "--work", str(work)], cwd=ROOT, capture_output=True, text=True,
                                timeout=900, check=False)
        elapsed = time.perf_counter() - started
        assert result.returncode == 0, f"the build failed:\n{result.stdout}\n{result.stderr}"
        archives = sorted(dist.glob("assessor-workbench-*.tar.gz"))
        assert len(archives) == 1, f"expected one archive in {dist}: {archives}"
        app = FrozenApp(dist / "workbench", archives[0])
        app.figures["build (bundle and archive)"] = f"{elapsed:.1f} s"
        app.figures["build script says"] = " | ".join(
            line.strip() for line in result.stdout.splitlines()
            if line.startswith(("Bundle:", "Archive:")))
    app.figures["bundle size"] = f"{_folder_megabytes(app.bundle):.1f} MB"
    if app.archive is not None:
        app.figures["archive size"] = f"{app.archive.stat().st_size / 1e6:.1f} MB"
    yield app
    _report_figures(request.config, app.figures)


def _report_figures(config: pytest.Config, figures: dict[str, str]) -> None:
    """Show the measurements in the test run's output, passed or not."""
    lines = [f"{name}: {value}" for name, value in figures.items()]
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if reporter is None:  # an xdist worker: no terminal of its own
        print("\n".join(["Frozen application figures:", *lines]), file=sys.stderr)
        return
    capture = config.pluginmanager.get_plugin("capturemanager")
    with capture.global_and_fixture_disabled():  # fixture teardown runs under capture
        reporter.ensure_newline()
        reporter.section("frozen application figures", sep="-")
        for line in lines:
            reporter.write_line(line)


def _frozen_env(home: Path, db: Path) -> dict[str, str]:
    """What a user's desktop gives the program: no Python anywhere in sight."""
    env = {k: v for k, v in os.environ.items()
           if k not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV",
                        "LD_LIBRARY_PATH"} and not k.startswith(("XDG_", "WORKBENCH_"))}
    env.update(HOME=str(home), PATH="/usr/local/bin:/usr/bin:/bin", WORKBENCH_DB=str(db),
               QT_QPA_PLATFORM="offscreen", LANG="C.UTF-8")
    return env


def _best_of(command: list[str], env: dict[str, str], cwd: Path, runs: int = 3) -> float:
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True,
                                timeout=120, check=False)
        best = min(best, time.perf_counter() - started)
        assert result.returncode == 0, f"{command} failed:\n{result.stdout}{result.stderr}"
    return best


def test_version_and_start_up_time(frozen_app: FrozenApp, tmp_path: Path) -> None:
    env = _frozen_env(tmp_path / "home", tmp_path / "unused.sqlite3")
    result = subprocess.run([str(frozen_app.executable), "--version"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"workbench {VERSION}"  # the metadata travelled with it

    frozen = _best_of([str(frozen_app.executable), "--version"], env, tmp_path)
    source_env = {**os.environ, "WORKBENCH_DB": str(tmp_path / "unused.sqlite3")}
    source = _best_of([sys.executable, "-m", "workbench", "--version"], source_env, ROOT)
    frozen_app.figures["start-up, `workbench --version` (best of 3)"] = (
        f"frozen {frozen:.2f} s, `python -m workbench` {source:.2f} s")
    assert frozen < 15, f"the frozen app took {frozen:.1f} s to print its version"
    assert not (tmp_path / "unused.sqlite3").exists()  # --version opens no database


def test_demo_headless_writes_the_deliverables(frozen_app: FrozenApp, tmp_path: Path,
                                               session: Session, demo_id: str) -> None:
    db, out = tmp_path / "fresh.sqlite3", tmp_path / "out"
    env = _frozen_env(tmp_path / "home", tmp_path / "not-this.sqlite3")
    started = time.perf_counter()
    result = subprocess.run([str(frozen_app.executable), "--db", str(db), "demo", "--out",
                             str(out)], env=env, cwd=tmp_path, capture_output=True, text=True,
                            timeout=300, check=False)
    frozen_s = time.perf_counter() - started
    assert result.returncode == 0, f"demo failed:\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr
    assert db.is_file() and not (tmp_path / "not-this.sqlite3").exists()  # --db wins

    source_out = tmp_path / "source-out"
    started = time.perf_counter()
    source = subprocess.run([sys.executable, "-m", "workbench", "--db",
                             str(tmp_path / "source.sqlite3"), "demo", "--out", str(source_out)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    source_s = time.perf_counter() - started
    assert source.returncode == 0, source.stderr
    frozen_app.figures["time to `demo --out DIR`"] = (
        f"frozen {frozen_s:.2f} s, `python -m workbench` {source_s:.2f} s")

    engagement = json.loads((out / "demo-engagement.json").read_text())
    assert engagement["format"] == "workbench.engagement/1"
    client = engagement["engagement"]["client"]
    assert client and engagement["ratings"]

    # The frozen program scores exactly as the source tree does (the `demo_id` fixture).
    frozen_score = json.loads((out / "demo-score.json").read_text())
    reference = score_to_dict(demo_id, scores.score(session, demo_id))
    frozen_score.pop("engagement")
    reference.pop("engagement")
    assert frozen_score == json.loads(json.dumps(reference))
    assert 0 < frozen_score["total"] <= 1000

    # Every exporter the source tree has must have made its file in the frozen app too.
    expected = {".xlsx": "workbench.services.workbook", ".pdf": "workbench.services.report"}
    for suffix, module in expected.items():
        made = out / f"demo{suffix}"
        if find_spec(module) is None:
            assert not made.exists()
            continue
        assert made.is_file(), f"{module} exists but the frozen demo wrote no {made.name}:\n" \
                               f"{result.stdout}\n{result.stderr}"
        if suffix == ".xlsx":
            _check_workbook(made, client)
        else:
            _check_report(made, client)


def _check_workbook(path: Path, client: str) -> None:
    from openpyxl import load_workbook

    workbook = load_workbook(path, read_only=True)
    try:
        assert workbook.sheetnames
        cells = [str(value) for sheet in workbook.worksheets
                 for row in sheet.iter_rows(values_only=True) for value in row
                 if value is not None]
    finally:
        workbook.close()
    assert len(cells) > 50, f"{path.name} is nearly empty"
    assert any(client in cell for cell in cells), f"{client!r} appears nowhere in {path.name}"


def _check_report(path: Path, client: str) -> None:
    from pypdf import PdfReader

    reader = PdfReader(path)
    assert len(reader.pages) >= 2
    text = " ".join(page.extract_text() or "" for page in reader.pages[:3])
    assert client in text, f"{client!r} is not on the report's first pages"
    fonts = set()
    for page in reader.pages[:2]:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont", "")))
    assert any("DejaVu" in name for name in fonts), f"bundled fonts not embedded: {fonts}"


def test_signoff_and_verify_through_the_frozen_app(frozen_app: FrozenApp,
                                                   tmp_path: Path) -> None:
    """pyHanko and cryptography load lazily; signing a report proves they travelled along."""
    if find_spec("workbench.cli.signoff_commands") is None:
        pytest.skip("this release has no sign-off commands yet")
    env = _frozen_env(tmp_path / "home", tmp_path / "sign.sqlite3")

    def frozen(*args: str) -> subprocess.CompletedProcess[str]:
        result = subprocess.run([str(frozen_app.executable), *args], env=env, cwd=tmp_path,
                                capture_output=True, text=True, timeout=300, check=False)
        assert result.returncode == 0, f"{args[0]} failed:\n{result.stdout}\n{result.stderr}"
        return result

    engagement_id = frozen("demo", "--out", str(tmp_path / "out")).stdout.split()[0]
    (tmp_path / "passphrase.txt").write_text("a long enough passphrase\n")
    frozen("signoff", engagement_id, "--signer", "Amira Haddad", "--role", "Lead assessor",
           "--passphrase-file", str(tmp_path / "passphrase.txt"), "--accept-warnings",
           "-o", str(tmp_path / "signed.pdf"))
    verified = frozen("verify", str(tmp_path / "signed.pdf"))
    assert "intact" in verified.stdout and "OK" in verified.stdout


def test_gui_starts_offscreen_and_stays_up(frozen_app: FrozenApp, tmp_path: Path) -> None:
    db = tmp_path / "gui.sqlite3"
    home = tmp_path / "home"
    env = _frozen_env(home, db)
    # run_gui quits by itself after this delay where it supports it; otherwise terminate it
    env["WORKBENCH_QUIT_AFTER_MS"] = str(int(GUI_STAYS_UP_S * 1000) + 2000)
    started = time.perf_counter()
    process = subprocess.Popen([str(frozen_app.executable)], env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = started + GUI_STAYS_UP_S
        while time.perf_counter() < deadline and process.poll() is None:
            time.sleep(0.1)
        alive = process.poll() is None
        if not alive:
            out, err = process.communicate()
            pytest.fail(f"the GUI exited after {time.perf_counter() - started:.1f} s with "
                        f"status {process.returncode}:\n{out}\n{err}")
        try:
            process.wait(timeout=10)
            quit_by_itself = True
        except subprocess.TimeoutExpired:
            quit_by_itself = False
            process.terminate()
            process.wait(timeout=20)
        out, err = process.communicate()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if quit_by_itself:
        assert process.returncode == 0, f"the GUI quit with status {process.returncode}:\n{err}"
    else:
        assert process.returncode == -signal.SIGTERM, (
            f"the GUI did not end on SIGTERM as expected: {process.returncode}\n{err}")
    assert "Traceback" not in err and "error:" not in err.lower(), err
    assert not list(home.rglob("workbench-crash-*.txt")), "the GUI wrote a crash report"
    # It opened (and so created and migrated) the database it was given, nowhere else.
    assert db.is_file()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    connection.close()
    assert "engagements" in tables
    frozen_app.figures["GUI offscreen"] = (
        "quit by itself (WORKBENCH_QUIT_AFTER_MS)" if quit_by_itself
        else f"up for {GUI_STAYS_UP_S:.0f} s, ended by SIGTERM")


def test_gui_without_a_display_explains_instead_of_crashing(frozen_app: FrozenApp,
                                                            tmp_path: Path) -> None:
    env = _frozen_env(tmp_path / "home", tmp_path / "gui.sqlite3")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    result = subprocess.run([str(frozen_app.executable)], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1, (result.returncode, result.stderr)  # not a Qt abort (-6)
    assert "needs a graphical desktop" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "gui.sqlite3").exists()


def test_archive_unpacks_and_installs_for_one_user(frozen_app: FrozenApp,
                                                   tmp_path: Path) -> None:
    if frozen_app.archive is None:
        pytest.skip("WORKBENCH_TEST_BUNDLE was given without its archive beside it")
    top = f"assessor-workbench-{VERSION}"
    assert frozen_app.archive.name == f"{top}-linux-x86_64.tar.gz" or \
        frozen_app.archive.name.startswith(f"{top}-linux-")
    with tarfile.open(frozen_app.archive) as archive:
        names = archive.getnames()
        assert all(name == top or name.startswith(top + "/") for name in names)
        members = {m.name: m for m in archive.getmembers()}
        assert members[f"{top}/workbench"].mode & 0o111
        assert members[f"{top}/install.sh"].mode & 0o111
        archive.extractall(tmp_path / "unpacked", filter="tar")
    unpacked = tmp_path / "unpacked" / top

    home = tmp_path / "home"
    data = home / ".local" / "share" / "assessor-workbench"
    data.mkdir(parents=True)
    (data / "workbench.sqlite3").write_bytes(b"the user's assessments")
    env = _frozen_env(home, data / "workbench.sqlite3")
    env["PATH"] = f"{home / '.local' / 'bin'}:{env['PATH']}"
    install = subprocess.run(["sh", str(unpacked / "install.sh")], env=env, cwd=tmp_path,
                             capture_output=True, text=True, timeout=300, check=False)
    assert install.returncode == 0, install.stderr
    assert f"workbench {VERSION}" in install.stdout

    app_dir = home / ".local" / "lib" / "assessor-workbench"
    launcher = home / ".local" / "bin" / "workbench"
    desktop = home / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    icon = home / ".local" / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png"
    metainfo = home / ".local" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert launcher.is_symlink() and launcher.resolve() == (app_dir / "workbench").resolve()
    assert icon.is_file() and metainfo.is_file()
    entry = desktop.read_text()
    assert f'Exec="{app_dir}/workbench"' in entry and f"TryExec={app_dir}/workbench" in entry
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True,
                               text=True, check=False)
        assert check.returncode == 0, check.stdout + check.stderr

    shutil.rmtree(tmp_path / "unpacked")  # the installed copy must not need the unpacked one
    result = subprocess.run(["workbench", "--version"], env=env, cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, check=False)
    assert result.stdout.strip() == f"workbench {VERSION}", result.stderr

    uninstall = subprocess.run(["sh", str(app_dir / "install.sh"), "--uninstall"], env=env,
                               cwd=tmp_path, capture_output=True, text=True, timeout=120,
                               check=False)
    assert uninstall.returncode == 0, uninstall.stderr
    for path in (app_dir, launcher, desktop, icon, metainfo):
        assert not path.exists() and not path.is_symlink(), f"{path} survived uninstall"
    assert (data / "workbench.sqlite3").read_bytes() == b"the user's assessments"
