"""GUI benchmarks, each beside its baseline measured in the same run.

1. Start-up to the main window shown and idle, 200 engagements in the database, the last
   engagement reopened at its last element as `run_gui` does (the workspace built), against
   a bare PySide6 window process (target: at most 1.5×). Beside them, in the same loop, the
   floor: the bare window plus the Qt enum types our start makes PySide6 build (START_ENUMS),
   the part of our start that is Qt's own and that no change of ours can remove; and the
   window built again in the process that started it (imports and enum types paid), which
   added to the floor gives the lowest start this window could have.
2. Switching element: selection to form painted (target: median < 16 ms, p95 < 33 ms),
   beside repainting the same form without switching.
3. Longest GUI-thread stall while an export runs on a worker (target < 50 ms), beside
   the same measurement with nothing running. The export is the Excel workbook
   (`workbench.services.workbook.export`) when this build has it, else the JSON export
   plus a CPU-heavy scoring loop; the line printed says which.
"""

from __future__ import annotations

import ast
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from bench.common import bytecode_compiled

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow
    app = QApplication(sys.argv[:1])
    w = QMainWindow(); w.resize(1366, 768); w.show()
    QTimer.singleShot(0, app.quit)
    app.exec()
""")

WORKBENCH = textwrap.dedent("""
    import gc, sys
    gc.disable()  # as workbench.launcher does for the GUI's start
    from PySide6.QtCore import QTimer
    from workbench.gui.app import application, build_main_window, collector_on
    from workbench.services.demo import ensure_demo
    from workbench.services.session import Session
    app = application()
    session = Session.open(sys.argv[1])
    ensure_demo(session)
    w = build_main_window(session, sys.argv[2])
    from workbench.gui.resume import resume
    resume(w)  # before the window shows, as run_gui does
    w.showNormal(); w.resize(1366, 768)
    collector_on()  # as run_gui does before its event loop
    QTimer.singleShot(0, app.quit)
    app.exec()
    assert w.workspace is not None and w.stack.currentWidget() is w.workspace, "not reopened"
    w.settings.mark_closed()
""")


# PySide6 builds a Python enum class (functional Enum API, slow on 3.11) for every enum of a
# Qt class the first time the class is used, and all ~90 of the Qt namespace at once. These are
# the enum types the start below makes it build (the bare window makes the first 37 of
# them too); `python -m bench.gui_bench --record-enums` records the list again.
START_ENUMS: tuple[str, ...] = (
    "QtCore.QCborKnownTags", "QtCore.QCborSimpleType", "QtCore.QCborTag", "QtCore.QtMsgType",
    "QtCore.QOperatingSystemVersion.OSType", "QtCore.QNativeIpcKey.Type",
    "QtCore.QLocale.Language", "QtCore.QLocale.Script", "QtCore.QLocale.Country",
    "QtCore.QLocale.MeasurementSystem", "QtCore.QLocale.FormatType", "QtCore.QLocale.NumberOption",
    "QtCore.QLocale.FloatingPointPrecisionOption", "QtCore.QLocale.TagSeparator",
    "QtCore.QLocale.CurrencySymbolFormat", "QtCore.QLocale.DataSizeFormat",
    "QtCore.QLocale.LanguageCodeType", "QtCore.QLocale.QuotationStyle",
    "QtCore.QTimeZone.Initialization", "QtCore.QTimeZone.TimeType", "QtCore.QTimeZone.NameType",
    "QtCore.QDeadlineTimer.ForeverConstant", "QtCore.QMetaObject.Call", "QtCore.Qt.GlobalColor",
    "QtCore.Qt.ColorScheme", "QtCore.Qt.ContrastPreference", "QtCore.Qt.MouseButton",
    "QtCore.Qt.Orientation", "QtCore.Qt.FocusPolicy", "QtCore.Qt.TabFocusBehavior",
    "QtCore.Qt.SortOrder", "QtCore.Qt.SplitBehaviorFlags", "QtCore.Qt.TileRule",
    "QtCore.Qt.AlignmentFlag", "QtCore.Qt.TextFlag", "QtCore.Qt.TextElideMode",
    "QtCore.Qt.WhiteSpaceMode", "QtCore.Qt.HitTestAccuracy", "QtCore.Qt.WindowType",
    "QtCore.Qt.WindowState", "QtCore.Qt.ApplicationState", "QtCore.Qt.ScreenOrientation",
    "QtCore.Qt.WidgetAttribute", "QtCore.Qt.ApplicationAttribute", "QtCore.Qt.ImageConversionFlag",
    "QtCore.Qt.BGMode", "QtCore.Qt.Key", "QtCore.Qt.KeyboardModifier", "QtCore.Qt.Modifier",
    "QtCore.Qt.ArrowType", "QtCore.Qt.PenStyle", "QtCore.Qt.PenCapStyle", "QtCore.Qt.PenJoinStyle",
    "QtCore.Qt.BrushStyle", "QtCore.Qt.SizeMode", "QtCore.Qt.UIEffect", "QtCore.Qt.CursorShape",
    "QtCore.Qt.TextFormat", "QtCore.Qt.AspectRatioMode", "QtCore.Qt.DockWidgetArea",
    "QtCore.Qt.DockWidgetAreaSizes", "QtCore.Qt.ToolBarArea", "QtCore.Qt.ToolBarAreaSizes",
    "QtCore.Qt.DateFormat", "QtCore.Qt.TimeSpec", "QtCore.Qt.DayOfWeek",
    "QtCore.Qt.ScrollBarPolicy", "QtCore.Qt.CaseSensitivity", "QtCore.Qt.Corner", "QtCore.Qt.Edge",
    "QtCore.Qt.ConnectionType", "QtCore.Qt.ShortcutContext", "QtCore.Qt.FillRule",
    "QtCore.Qt.MaskMode", "QtCore.Qt.ClipOperation", "QtCore.Qt.ItemSelectionMode",
    "QtCore.Qt.ItemSelectionOperation", "QtCore.Qt.TransformationMode", "QtCore.Qt.Axis",
    "QtCore.Qt.FocusReason", "QtCore.Qt.ContextMenuPolicy", "QtCore.Qt.ContextMenuTrigger",
    "QtCore.Qt.InputMethodQuery", "QtCore.Qt.InputMethodHint", "QtCore.Qt.EnterKeyType",
    "QtCore.Qt.ToolButtonStyle", "QtCore.Qt.LayoutDirection", "QtCore.Qt.AnchorPoint",
    "QtCore.Qt.FindChildOption", "QtCore.Qt.DropAction", "QtCore.Qt.CheckState",
    "QtCore.Qt.ItemDataRole", "QtCore.Qt.ItemFlag", "QtCore.Qt.MatchFlag",
    "QtCore.Qt.WindowModality", "QtCore.Qt.TextInteractionFlag", "QtCore.Qt.EventPriority",
    "QtCore.Qt.SizeHint", "QtCore.Qt.WindowFrameSection", "QtCore.Qt.CoordinateSystem",
    "QtCore.Qt.TouchPointState", "QtCore.Qt.GestureState", "QtCore.Qt.GestureType",
    "QtCore.Qt.GestureFlag", "QtCore.Qt.NativeGestureType", "QtCore.Qt.NavigationMode",
    "QtCore.Qt.CursorMoveStyle", "QtCore.Qt.TimerType", "QtCore.Qt.TimerId",
    "QtCore.Qt.ScrollPhase", "QtCore.Qt.MouseEventSource", "QtCore.Qt.MouseEventFlag",
    "QtCore.Qt.ChecksumType", "QtCore.Qt.HighDpiScaleFactorRoundingPolicy",
    "QtCore.Qt.PermissionStatus", "QtCore.Qt.ReturnByValueConstant",
    "QtGui.QRhiShaderResourceBinding.Type", "QtGui.QRhiShaderResourceBinding.StageFlag",
    "QtGui.QRhi.Implementation", "QtGui.QRhi.Flag", "QtGui.QRhi.FrameOpResult",
    "QtGui.QRhi.Feature", "QtGui.QRhi.BeginFrameFlag", "QtGui.QRhi.EndFrameFlag",
    "QtGui.QRhi.ResourceLimit", "QtGui.QColor.Spec", "QtGui.QColor.NameFormat", "QtGui.QIcon.Mode",
    "QtGui.QIcon.State", "QtGui.QIcon.ThemeIcon", "QtGui.QIconEngine.IconEngineHook",
    "QtGui.QFont.StyleHint", "QtGui.QFont.StyleStrategy", "QtGui.QFont.HintingPreference",
    "QtGui.QFont.Weight", "QtGui.QFont.Style", "QtGui.QFont.Stretch", "QtGui.QFont.Capitalization",
    "QtGui.QFont.SpacingType", "QtGui.QPalette.ColorGroup", "QtGui.QPalette.ColorRole",
    "QtGui.QPaintDevice.PaintDeviceMetric", "QtWidgets.QWidget.RenderFlag",
    "QtWidgets.QFrame.Shape", "QtWidgets.QFrame.Shadow", "QtWidgets.QFrame.StyleMask",
    "QtWidgets.QStyle.StateFlag", "QtWidgets.QStyle.PrimitiveElement",
    "QtWidgets.QStyle.ControlElement", "QtWidgets.QStyle.SubElement",
    "QtWidgets.QStyle.ComplexControl", "QtWidgets.QStyle.SubControl",
    "QtWidgets.QStyle.PixelMetric", "QtWidgets.QStyle.ContentsType",
    "QtWidgets.QStyle.RequestSoftwareInputPanel", "QtWidgets.QStyle.StyleHint",
    "QtWidgets.QStyle.StandardPixmap", "QtCore.QEvent.Type", "QtWidgets.QComboBox.InsertPolicy",
    "QtWidgets.QComboBox.SizeAdjustPolicy", "QtWidgets.QComboBox.LabelDrawingMode",
    "QtWidgets.QMainWindow.DockOption", "QtGui.QAction.MenuRole", "QtGui.QAction.Priority",
    "QtGui.QAction.ActionEvent", "QtGui.QKeySequence.StandardKey",
    "QtGui.QKeySequence.SequenceFormat", "QtGui.QKeySequence.SequenceMatch",
    "QtCore.QEventLoop.ProcessEventsFlag", "QtWidgets.QProgressBar.Direction",
    "QtWidgets.QDialog.DialogCode", "QtCore.QByteArray.Base64Option",
    "QtCore.QByteArray.Base64DecodingStatus", "QtCore.QSettings.Status", "QtCore.QSettings.Format",
    "QtCore.QSettings.Scope", "QtCore.QItemSelectionModel.SelectionFlag",
    "QtWidgets.QAbstractScrollArea.SizeAdjustPolicy", "QtWidgets.QAbstractItemView.SelectionMode",
    "QtWidgets.QAbstractItemView.SelectionBehavior", "QtWidgets.QAbstractItemView.ScrollHint",
    "QtWidgets.QAbstractItemView.EditTrigger", "QtWidgets.QAbstractItemView.ScrollMode",
    "QtWidgets.QAbstractItemView.DragDropMode", "QtWidgets.QAbstractItemView.CursorAction",
    "QtWidgets.QAbstractItemView.State", "QtWidgets.QAbstractItemView.DropIndicatorPosition",
    "QtWidgets.QHeaderView.ResizeMode", "QtWidgets.QAbstractItemDelegate.EndEditHint",
    "QtWidgets.QStyleOption.OptionType", "QtWidgets.QStyleOption.StyleOptionType",
    "QtWidgets.QStyleOption.StyleOptionVersion", "QtWidgets.QStyleOptionViewItem.StyleOptionType",
    "QtWidgets.QStyleOptionViewItem.StyleOptionVersion", "QtWidgets.QStyleOptionViewItem.Position",
    "QtWidgets.QStyleOptionViewItem.ViewItemFeature",
    "QtWidgets.QStyleOptionViewItem.ViewItemPosition", "QtWidgets.QTabWidget.TabPosition",
    "QtWidgets.QTabWidget.TabShape", "QtWidgets.QLayout.SizeConstraint",
    "QtWidgets.QBoxLayout.Direction", "QtWidgets.QSizePolicy.PolicyFlag",
    "QtWidgets.QSizePolicy.Policy", "QtWidgets.QSizePolicy.ControlType",
    "QtWidgets.QDialogButtonBox.ButtonRole", "QtWidgets.QDialogButtonBox.StandardButton",
    "QtWidgets.QDialogButtonBox.ButtonLayout", "QtWidgets.QFormLayout.FieldGrowthPolicy",
    "QtWidgets.QFormLayout.RowWrapPolicy", "QtWidgets.QFormLayout.ItemRole",
    "QtWidgets.QLineEdit.ActionPosition", "QtWidgets.QLineEdit.EchoMode",
    "QtWidgets.QPlainTextEdit.LineWrapMode", "QtCore.QAbstractItemModel.LayoutChangeHint",
    "QtCore.QAbstractItemModel.CheckIndexOption", "QtGui.QImage.InvertMode", "QtGui.QImage.Format",
    "QtWidgets.QListView.Movement", "QtWidgets.QListView.Flow", "QtWidgets.QListView.ResizeMode",
    "QtWidgets.QListView.LayoutMode", "QtWidgets.QListView.ViewMode",
    "QtWidgets.QListWidgetItem.ItemType", "QtWidgets.QToolButton.ToolButtonPopupMode",
    "QtGui.QPainter.RenderHint", "QtGui.QPainter.PixmapFragmentHint",
    "QtGui.QPainter.CompositionMode", "QtWidgets.QTabBar.Shape",
    "QtWidgets.QTabBar.ButtonPosition", "QtWidgets.QTabBar.SelectionBehavior",
    "QtWidgets.QRubberBand.Shape", "QtWidgets.QRhiWidget.Api",
    "QtWidgets.QRhiWidget.TextureFormat", "QtWidgets.QMdiSubWindow.SubWindowOption",
    "QtWidgets.QLCDNumber.Mode", "QtWidgets.QLCDNumber.SegmentStyle",
    "QtWidgets.QTextEdit.LineWrapMode", "QtWidgets.QTextEdit.AutoFormattingFlag",
    "QtWidgets.QMdiArea.AreaOption", "QtWidgets.QMdiArea.WindowOrder",
    "QtWidgets.QMdiArea.ViewMode", "QtWidgets.QGraphicsView.ViewportAnchor",
    "QtWidgets.QGraphicsView.CacheModeFlag", "QtWidgets.QGraphicsView.DragMode",
    "QtWidgets.QGraphicsView.ViewportUpdateMode", "QtWidgets.QGraphicsView.OptimizationFlag",
    "QtWidgets.QDockWidget.DockWidgetFeature", "QtWidgets.QWizard.WizardButton",
    "QtWidgets.QWizard.WizardPixmap", "QtWidgets.QWizard.WizardStyle",
    "QtWidgets.QWizard.WizardOption", "QtWidgets.QMessageBox.Option", "QtWidgets.QMessageBox.Icon",
    "QtWidgets.QMessageBox.ButtonRole", "QtWidgets.QMessageBox.StandardButton",
    "QtWidgets.QInputDialog.InputDialogOption", "QtWidgets.QInputDialog.InputMode",
    "QtWidgets.QFontDialog.FontDialogOption", "QtWidgets.QColorDialog.ColorDialogOption",
    "QtWidgets.QFileDialog.ViewMode", "QtWidgets.QFileDialog.FileMode",
    "QtWidgets.QFileDialog.AcceptMode", "QtWidgets.QFileDialog.DialogLabel",
    "QtWidgets.QFileDialog.Option", "QtWidgets.QFontComboBox.FontFilter",
    "QtWidgets.QCalendarWidget.HorizontalHeaderFormat",
    "QtWidgets.QCalendarWidget.VerticalHeaderFormat", "QtWidgets.QCalendarWidget.SelectionMode",
    "QtWidgets.QAbstractSpinBox.StepEnabledFlag", "QtWidgets.QAbstractSpinBox.ButtonSymbols",
    "QtWidgets.QAbstractSpinBox.CorrectionMode", "QtWidgets.QAbstractSpinBox.StepType",
    "QtWidgets.QDateTimeEdit.Section", "QtWidgets.QAbstractSlider.SliderAction",
    "QtWidgets.QAbstractSlider.SliderChange", "QtWidgets.QSlider.TickPosition",
    "QtGui.QScrollEvent.ScrollState", "QtGui.QPlatformSurfaceEvent.SurfaceEventType",
    "QtGui.QInputMethodEvent.AttributeType", "QtGui.QContextMenuEvent.Reason",
    "QtWidgets.QGraphicsSceneContextMenuEvent.Reason", "QtGui.QTextDocument.MetaInformation",
    "QtGui.QTextDocument.MarkdownFeature", "QtGui.QTextDocument.FindFlag",
    "QtGui.QTextDocument.ResourceType", "QtGui.QTextDocument.Stacks",
)

FLOOR = BARE + textwrap.dedent("""
    import importlib
    for name in sys.argv[1:]:  # what our start builds, touched as its imports touch it
        module, *path = name.split(".")
        owner = importlib.import_module("PySide6." + module)
        for part in path:
            owner = getattr(owner, part)
""")

# The window built again in the process that has just started it: every import done and every
# enum type built, so what is left is building, filling and showing the window itself.
AGAIN = WORKBENCH + textwrap.dedent("""
    import shutil, statistics, tempfile, time
    from pathlib import Path
    from workbench.services.session import Session
    times = []
    for _ in range(int(sys.argv[3])):
        ini = Path(tempfile.mkdtemp()) / "settings.ini"
        shutil.copyfile(sys.argv[2] + ".orig", ini)
        start = time.perf_counter()
        again = build_main_window(session, ini)
        resume(again)
        again.showNormal(); again.resize(1366, 768)
        QTimer.singleShot(0, app.quit)
        app.exec()
        times.append(time.perf_counter() - start)
        again.settings.mark_closed()
        again.close(); again.deleteLater()
    print(statistics.median(times))
""")

RECORD = textwrap.dedent("""
    import enum, sys
    made = []
    _call = enum.EnumType.__call__
    def _record(cls, value, names=None, *args, **kwargs):
        if names is None:
            return _call(cls, value, *args, **kwargs)
        made.append(_call(cls, value, names, *args, **kwargs))
        return made[-1]
    enum.EnumType.__call__ = _record
""") + WORKBENCH + textwrap.dedent("""
    def _named(owner, prefix, out, seen):
        for key, value in list(vars(owner).items()):
            if not isinstance(value, type) or id(value) in seen:
                continue
            if isinstance(value, enum.EnumType):
                out[id(value)] = f"{prefix}.{key}"
            elif value.__module__.startswith("PySide6") and value.__qualname__.endswith(key):
                seen.add(id(value))
                _named(value, f"{prefix}.{key}", out, seen)
    names, seen = {}, set()
    for module_name, module in list(sys.modules.items()):
        if module_name.startswith("PySide6.Qt") and module is not None:
            _named(module, module_name.split(".")[1], names, seen)
    print(repr(tuple(names.get(id(e), "?" + e.__qualname__) for e in made)))
""")


def _percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _process_time(code: str, args: list[str]) -> float:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, env=env)
    return time.perf_counter() - start


def _last_place(settings_path: Path, db: Path) -> None:
    """Settings as a closed run left them: the demo engagement open at its second element."""
    from workbench.gui.settings import Settings
    from workbench.services import engagements
    from workbench.services.session import Session

    session = Session.open(db)
    demo = next(s.id for s in engagements.summaries(session) if s.client == "Northwind Telecom")
    element = list(session.framework_of(demo).elements())[1].code
    session.close()
    settings = Settings(settings_path)
    settings.set_place(demo, element)
    settings.mark_closed()
    settings.sync()


def _database_with(work: Path, count: int) -> Path:
    from workbench.core.engagement import EngagementDetails
    from workbench.services import engagements
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    path = work / "bench.sqlite3"
    session = Session.open(path)
    create_demo(session)
    for n in range(count - 1):
        engagements.create(session, EngagementDetails(
            f"Client {n:03d}", "Head office", f"CEM maturity {2020 + n % 7}", "A. Assessor",
            "2026-01-05", "2026-01-07"))
    engagements.summaries(session)  # scores cached, as after any normal session
    session.close()
    return path


def bench_startup(work: Path, repeat: int = 15) -> None:
    db = _database_with(work, 200)
    _last_place(work / "settings.ini", db)
    args = [str(db), str(work / "settings.ini")]
    _process_time(BARE, []), _process_time(WORKBENCH, args)  # warm the file cache
    _process_time(FLOOR, list(START_ENUMS))
    bare, floor, ours = [], [], []
    for _ in range(repeat):  # alternating, so that the machine's load falls on all alike
        bare.append(_process_time(BARE, []))
        floor.append(_process_time(FLOOR, list(START_ENUMS)))
        ours.append(_process_time(WORKBENCH, args))
    b, f, o = statistics.median(bare), statistics.median(floor), statistics.median(ours)
    print(f"{'start-up, idle, last engagement reopened (200)':<48} median {o * 1000:7.0f} ms"
          f"  | bare PySide6 window {b * 1000:7.0f} ms  ratio {o / b:4.2f}x  | target <= 1.5x",
          flush=True)
    print(f"{'  floor: bare window + our Qt enum types':<48} median {f * 1000:7.0f} ms"
          f"  | bare PySide6 window {b * 1000:7.0f} ms  ratio {f / b:4.2f}x"
          f"  | ours over the floor {o / f:4.2f}x  ({len(START_ENUMS)} enum types)", flush=True)
    again = _window_again(work, db)
    print(f"{'  the window again, imports and enums paid':<48} median {again * 1000:7.0f} ms"
          f"  | floor + that {(f + again) * 1000:7.0f} ms  ratio {(f + again) / b:4.2f}x: "
          "a start whose own modules took no time to load", flush=True)


def _window_again(work: Path, db: Path, rounds: int = 7) -> float:
    """Seconds to build, fill and show the window once more in a process that started it."""
    ini = work / "settings.ini"
    shutil.copyfile(ini, str(ini) + ".orig")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run([sys.executable, "-c", AGAIN, str(db), str(ini), str(rounds)],
                          check=True, env=env, capture_output=True, text=True)
    return float(done.stdout.strip().splitlines()[-1])


def record_enums(work: Path) -> tuple[str, ...]:
    """The Qt enum types (module.Class.Enum) that the start of WORKBENCH makes PySide6 build."""
    db = _database_with(work, 200)
    _last_place(work / "settings.ini", db)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    done = subprocess.run([sys.executable, "-c", RECORD, str(db), str(work / "settings.ini")],
                          check=True, env=env, capture_output=True, text=True)
    names: tuple[str, ...] = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return names


def bench_switch_and_stall(work: Path) -> None:
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from workbench.gui.app import application, build_main_window
    from workbench.gui.tasks import worker_session
    from workbench.services.demo import create_demo
    from workbench.services.session import Session

    app = application()
    session = Session.open(work / "switch.sqlite3")
    demo = create_demo(session)
    window = build_main_window(session, work / "switch.ini")
    window.showNormal()  # not maximised on the small offscreen screen
    window.resize(1366, 768)
    QApplication.processEvents()
    window.open_engagement(demo)
    workspace = window.workspace
    assert workspace is not None
    codes = workspace.model.scorable_codes()
    form = workspace.form

    def painted() -> None:
        # The whole visible form is painted now; the navigator's and score panel's dirty
        # regions are painted by the event loop, as they would be on screen.
        form.widget().repaint()
        QApplication.processEvents()

    switches, repaints = [], []
    for round_ in range(3):
        for code in codes:
            start = time.perf_counter()
            workspace.select_element(code)
            painted()
            if round_:
                switches.append(time.perf_counter() - start)
            start = time.perf_counter()
            painted()
            if round_:
                repaints.append(time.perf_counter() - start)
    print(f"{'switching element: selection to form painted':<48} median "
          f"{statistics.median(switches) * 1000:7.2f} ms  p95 "
          f"{_percentile(switches, 95) * 1000:6.2f} ms  | repaint only median "
          f"{statistics.median(repaints) * 1000:6.2f} ms  | target median < 16, p95 < 33",
          flush=True)

    try:
        from workbench.services import workbook
    except ModuleNotFoundError:
        workbook = None  # type: ignore[assignment]

    def export(progress: object) -> None:
        with worker_session(session.path) as own:
            if workbook is not None:
                workbook.export(own, demo, work / "stall.xlsx")
            else:
                from workbench.services import engagements, scores

                engagements.export_json(own, demo, work / "stall.json")
                for _ in range(150):
                    scores.score(own, demo)

    what = "workbook export" if workbook is not None else "JSON export + scoring loop"

    def longest_gap(run_export: bool) -> tuple[float, float]:
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.nsecsElapsed()]
        timer = QTimer()
        timer.setInterval(5)

        def tick() -> None:
            now = clock.nsecsElapsed()
            gaps.append((now - last[0]) / 1e9)
            last[0] = now

        timer.timeout.connect(tick)
        timer.start()
        started = time.perf_counter()
        if run_export:
            task = window.runner.run("bench export", export)
            while not task.is_done:
                QApplication.processEvents()
                time.sleep(0.001)
        else:
            while time.perf_counter() - started < 1.0:
                QApplication.processEvents()
                time.sleep(0.001)
        duration = time.perf_counter() - started
        timer.stop()
        window.runner.wait()
        QApplication.processEvents()
        return max(gaps) - 0.005, duration

    idle, _ = longest_gap(False)
    busy, took = longest_gap(True)
    print(f"{'longest GUI stall during ' + what:<48} {busy * 1000:7.1f} ms (export "
          f"{took:.2f} s)  | idle {idle * 1000:6.1f} ms  | target < 50 ms", flush=True)
    window.close()
    session.close()
    del app


def main() -> None:
    bytecode_compiled()
    with tempfile.TemporaryDirectory(prefix="workbench-gui-bench-") as folder:
        work = Path(folder)
        if "--record-enums" in sys.argv[1:]:
            names = record_enums(work)
            print("\n".join(f"    {name!r}," for name in names))
            return
        bench_startup(work)
        bench_switch_and_stall(work)


if __name__ == "__main__":
    main()
