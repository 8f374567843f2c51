"""The main window: a layout of parts (list page, workbench, status line), wired to actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QShowEvent
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QMenu, QStackedWidget, QToolBar

from workbench.core.errors import WorkbenchError
from workbench.gui import window_dialogs
from workbench.gui.actions import ActionId, ActionRegistry
from workbench.gui.context import EngagementContext
from workbench.gui.keyboard_flow import KeyboardFlow, advance_action
from workbench.gui.settings import PlaceKeeper, Settings
from workbench.gui.status_line import StatusLine, spacer
from workbench.gui.tasks import TaskRunner
from workbench.gui.theme import GRID
from workbench.gui.undo_actions import UndoActions
from workbench.gui.window_parts import fill_assessors, fill_recent, restore_window
from workbench.gui.workspace import Workspace
from workbench.services import engagements
from workbench.services.session import Change, ChangeKind, Session

if TYPE_CHECKING:  # built when first used
    from workbench.gui.deliverables import Deliverables
    from workbench.gui.engagement_commands import EngagementCommands
    from workbench.gui.engagement_list import EngagementListPage
    from workbench.gui.packages import Packages

APP_TITLE = "Assessor Workbench"


class MainWindow(QMainWindow):
    def __init__(self, session: Session, settings: Settings,
                 runner: TaskRunner | None = None) -> None:
        super().__init__()
        self.session = session
        self.settings = settings
        self.runner = runner or TaskRunner(self)
        self.context: EngagementContext | None = None
        self.workspace: Workspace | None = None
        self.place = PlaceKeeper(settings, self)  # where the user is, for the next start
        self.setWindowTitle(APP_TITLE)
        self.setMinimumSize(1024, 640)

        self.registry = ActionRegistry(self)
        self.undo_actions = UndoActions(self.registry[ActionId.UNDO],
                                        self.registry[ActionId.REDO])
        self._build_menus()
        self._build_toolbar()
        self.stack = QStackedWidget(self)
        # The engagement list is built when it is first shown: a start that reopens the last
        # engagement goes straight to the workbench and never builds it (issue 17).
        self._list_page: EngagementListPage | None = None
        self.setCentralWidget(self.stack)
        self.status = StatusLine(self.statusBar(), session.path)

        # exports, packages and the engagement commands: built when first used (issue 17)
        self._commands: EngagementCommands | None = None
        self._deliverables: Deliverables | None = None
        self._packages: Packages | None = None

        self._bind_actions()
        self._show_page()
        restore_window(self, settings)

    def _build_menus(self) -> None:
        menus = self.registry.build_menus(self.menuBar())
        self.recent_menu = QMenu("Open &Recent", self)
        menus["File"].insertMenu(self.registry[ActionId.EXPORT_WORKBOOK], self.recent_menu)
        menus["File"].insertSeparator(self.registry[ActionId.EXPORT_WORKBOOK])
        self.recent_menu.aboutToShow.connect(
            lambda: fill_recent(self.recent_menu, self.session, self.settings,
                                self.open_engagement))
        menus["Settings"].addAction(advance_action(self.settings, self))

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar("Main", self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.registry.build_toolbar(self.toolbar)
        self.toolbar.addWidget(spacer(self.toolbar))
        self.assessor_label = QLabel("Rating as ", self.toolbar)
        self.assessor_label.setContentsMargins(GRID, 0, GRID // 2, 0)
        self.assessor_combo = QComboBox(self.toolbar)
        self.assessor_combo.setObjectName("assessorCombo")
        self.assessor_combo.setToolTip("Who is rating: your ratings, notes and findings are "
                                       "recorded under this name")
        self.assessor_combo.setMinimumWidth(22 * GRID)
        self.assessor_combo.activated.connect(self._assessor_chosen)
        self.assessor_label.setBuddy(self.assessor_combo)
        self._assessor_actions = [self.toolbar.addWidget(self.assessor_label),
                                  self.toolbar.addWidget(self.assessor_combo)]
        self.addToolBar(self.toolbar)

    def _bind_actions(self) -> None:
        a = self.registry
        a.on(ActionId.NEW_ENGAGEMENT, self.new_engagement)
        a.on(ActionId.SHOW_ENGAGEMENTS, self.show_list)
        a.on(ActionId.QUIT, self.close)
        a.on(ActionId.UNDO, lambda: self._with_context(lambda c: c.step_history(False)))
        a.on(ActionId.REDO, lambda: self._with_context(lambda c: c.step_history(True)))
        a.on(ActionId.FIND, self._find)
        a.on(ActionId.EDIT_DETAILS, self._edit_details)
        a.on(ActionId.DUPLICATE, lambda: self._with_target(self.duplicate_engagement))
        a.on(ActionId.ARCHIVE, self._archive)
        a.on(ActionId.DELETE, lambda: self._with_target(self.commands.delete))
        a.on(ActionId.NEXT_ELEMENT, lambda: self._with_workspace(lambda ws: ws.step_element(1)))
        a.on(ActionId.PREVIOUS_ELEMENT,
             lambda: self._with_workspace(lambda ws: ws.step_element(-1)))
        a.on(ActionId.NEXT_INDICATOR,
             lambda: self._with_workspace(lambda ws: ws.form.step_indicator(1)))
        a.on(ActionId.PREVIOUS_INDICATOR,
             lambda: self._with_workspace(lambda ws: ws.form.step_indicator(-1)))
        a.on(ActionId.SHOW_FORM, lambda: self._with_workspace(lambda ws: ws.show_form()))
        a.on(ActionId.SHOW_DASHBOARD, lambda: self._with_workspace(lambda ws: ws.show_dashboard()))
        a.on(ActionId.CONSENSUS, lambda: self._with_workspace(lambda ws: ws.show_consensus()))
        a.on(ActionId.SITE_VISIT, lambda: self._with_workspace(lambda ws: ws.show_site_visit()))
        a.on(ActionId.SEND_PACKAGE, lambda: self._with_target(self.packages.send))
        a.on(ActionId.OPEN_PACKAGE, lambda: self.packages.open_package())
        a.on(ActionId.ADD_ACTION, lambda: self._with_workspace(lambda ws: ws.form.add_action()))
        a.on(ActionId.ADD_ATTACHMENT,
             lambda: self._with_workspace(lambda ws: ws.form.choose_attachments()))
        a.on(ActionId.EXPORT_WORKBOOK,
             lambda: self._with_context(self.deliverables.export_workbook))
        a.on(ActionId.EXPORT_REPORT, lambda: self._with_context(self.deliverables.export_report))
        a.on(ActionId.EXPORT_WORD,
             lambda: self._with_context(self.deliverables.export_word_report))
        a.on(ActionId.EXPORT_JSON, lambda: self._with_context(self.deliverables.export_json))
        a.on(ActionId.IMPORT_WORKBOOK,
             lambda: self._with_context(self.deliverables.import_workbook))
        a.on(ActionId.IMPORT_JSON, lambda: self.deliverables.import_json())
        a.on(ActionId.SIGN_OFF, lambda: self._with_context(lambda c: self.sign_off()))
        a.on(ActionId.AMEND, lambda: self._with_context(lambda c: self.amend()))
        a.on(ActionId.VERIFY, self.verify)
        window_dialogs.bind(a, self, self.session)  # Settings and Help

    # --- parts built on first use --------------------------------------------------------
    @property
    def list_page(self) -> EngagementListPage:
        if self._list_page is None:
            from workbench.gui.engagement_list import EngagementListPage

            page = EngagementListPage(self.session, self.settings.show_archived, self.stack)
            self._list_page = page
            self.stack.insertWidget(0, page)  # the current page when it is the only one
            page.open_requested.connect(self.open_engagement)
            page.new_requested.connect(self.new_engagement)
            page.demo_requested.connect(self._open_demo)
            page.duplicate_requested.connect(self.duplicate_engagement)
            page.archive_requested.connect(lambda e, on: self.commands.set_archived(e, on))
            page.delete_requested.connect(lambda e: self.commands.delete(e))
            page.archived.toggled.connect(
                lambda on: setattr(self.settings, "show_archived", on))
        return self._list_page

    def _to_list(self, change: Change) -> None:
        """A change for the list; a list not built reads it when shown, but selects a new one."""
        if self._list_page is not None or change.kind is ChangeKind.ENGAGEMENT_CREATED:
            self.list_page.apply(change)

    @property
    def commands(self) -> EngagementCommands:
        if self._commands is None:
            from workbench.gui.engagement_commands import EngagementCommands

            self._commands = EngagementCommands(self.session, self)
            self._commands.changed.connect(self._engagement_changed)
        return self._commands

    @property
    def deliverables(self) -> Deliverables:
        if self._deliverables is None:
            from workbench.gui.deliverables import Deliverables

            self._deliverables = Deliverables(self.session, self.runner, self.settings, self)
            self._deliverables.status.connect(self.status.message)
            self._deliverables.created.connect(self._created_elsewhere)
        return self._deliverables

    @property
    def packages(self) -> Packages:
        if self._packages is None:
            from workbench.gui.packages import Packages

            self._packages = Packages(self.session, self.runner, self.settings, self)
            self._packages.context = self.context
            self._packages.status.connect(self.status.message)
            self._packages.changed.connect(self._to_list)
            self._packages.opened.connect(self.open_engagement)
        return self._packages

    # --- pages --------------------------------------------------------------------------
    def show_list(self) -> None:
        if self.workspace is not None:
            self.workspace.flush()
        if self.context is not None and self._list_page is not None:
            self._list_page.refresh_row(self.context.engagement_id)
        self.stack.setCurrentWidget(self.list_page)
        self._show_page()
        self.list_page.table.setFocus()

    def show_workspace(self) -> None:
        if self.workspace is not None:
            self.stack.setCurrentWidget(self.workspace)
            self._show_page()

    def _show_page(self) -> None:
        on_workspace = self.workspace is not None and self.stack.currentWidget() is \
            self.workspace
        self.registry.set_engagement_open(on_workspace)
        if on_workspace and self.context is not None:
            self._lock_if_signed(self.context)  # signed: no edits, amendment instead
        for action in self._assessor_actions:
            action.setVisible(on_workspace)
        context = self.context if on_workspace else None
        self.undo_actions.bind(context)
        if context is None:
            self.setWindowTitle(APP_TITLE)
            self.status.set_engagement("", "")
        else:
            self.setWindowTitle(f"{context.title} — {APP_TITLE}")
            self.status.set_engagement(context.title, context.assessor)

    def open_engagement(self, engagement_id: str, element: str = "") -> bool:
        """Open an engagement in the workbench (the previous one is closed, its text saved),
        at `element` when it is one of its elements, else at the first."""
        if self.context is not None and self.context.engagement_id == engagement_id \
                and self.workspace is not None:
            self.show_workspace()
            if element in self.workspace.model.scorable_codes():
                self.workspace.select_element(element)
            return True
        try:
            context = EngagementContext(self.session, engagement_id,
                                        self.settings.assessor_for(engagement_id), self)
        except WorkbenchError as exc:
            self._show_error(str(exc))
            self.settings.forget_recent(engagement_id)
            return False
        self.close_engagement()
        self.context = context
        if self._packages is not None:
            self._packages.context = context
        context.saved.connect(self.status.saved)
        context.failed.connect(self._show_error)
        context.assessor_changed.connect(self._assessor_changed)
        context.details_changed.connect(self._details_changed)
        self.workspace = Workspace(context, self.runner, self.stack,
                                   self.settings.autosave_delay_ms, element)
        if self.settings.splitter_state is not None:
            self.workspace.splitter.restoreState(self.settings.splitter_state)
        else:  # the first time: as wide as the names, where the window has room
            shown = self.workspace
            QTimer.singleShot(0, lambda: shown.fit_navigator() if self.workspace is shown
                              else None)
        self.stack.addWidget(self.workspace)
        KeyboardFlow(self.workspace, self.settings, self.assessor_combo)  # keys, Ctrl+J …
        self.settings.add_recent(engagement_id)
        self.settings.set_place(engagement_id, self.workspace.current_code or "")
        self.workspace.element_shown.connect(
            lambda code, e=engagement_id: self.place.note(e, code))
        fill_assessors(self.assessor_combo, self.context)
        self.show_workspace()
        self.workspace.form.focus_indicator(0)
        return True

    def _show_error(self, message: str) -> None:
        from workbench.gui import dialogs  # the first message loads the dialogs (issue 17)

        dialogs.show_error(self, message)

    def close_engagement(self) -> None:
        if self.workspace is None or self.context is None:
            return
        self.workspace.flush()
        self.settings.splitter_state = self.workspace.splitter.saveState()
        self.undo_actions.bind(None)
        self.stack.removeWidget(self.workspace)
        self.workspace.deleteLater()
        self.context.deleteLater()
        self.workspace = None
        self.context = None
        if self._packages is not None:
            self._packages.context = None

    def _lock_if_signed(self, context: EngagementContext) -> None:
        """Show the read-only banner (and disable the forms) while the engagement is signed."""
        from workbench.services.signoff_lock import lock_banner

        try:
            banner = lock_banner(self.session, context.engagement_id)
        except WorkbenchError:
            return
        if self.workspace is not None:
            self.workspace.set_read_only(banner is not None, banner or "")
        locked = banner is not None
        context.read_only = locked
        self.undo_actions.refresh()
        for action_id in (ActionId.ADD_ACTION, ActionId.ADD_ATTACHMENT,
                          ActionId.IMPORT_WORKBOOK, ActionId.SIGN_OFF):
            self.registry[action_id].setEnabled(not locked)
        self.registry[ActionId.AMEND].setEnabled(locked)

    # --- sign-off -----------------------------------------------------------------------
    def sign_off(self) -> None:
        """The sign-off dialog: readiness, signers, lock and the signed report."""
        from workbench.gui.signoff_dialog import SignOffDialog

        if self.context is None or self.workspace is None:
            return
        self.workspace.flush()
        dialog = SignOffDialog(self.session, self.context.engagement_id, parent=self,
                               runner=self.runner)
        dialog.signed_off.connect(self._signoff_changed)
        dialog.report_written.connect(
            lambda path: self.status.message(f"Signed report written to {path}"))
        dialog.open()

    def amend(self) -> None:
        from workbench.gui.signoff_dialog import AmendDialog

        if self.context is None:
            return
        dialog = AmendDialog(self.session, self.context.engagement_id, self)
        dialog.amended.connect(self._signoff_changed)
        dialog.open()

    def verify(self) -> None:
        from workbench.gui.verify_dialog import VerifyDialog

        engagement_id = self.context.engagement_id if self.context is not None else None
        VerifyDialog(self.session, engagement_id, None, self, runner=self.runner).open()

    def _signoff_changed(self, change: Change) -> None:
        self._to_list(change)
        if self.context is not None and change.engagement_id == self.context.engagement_id:
            self._lock_if_signed(self.context)

    # --- engagement commands ------------------------------------------------------------
    def new_engagement(self) -> None:
        engagement_id = self.commands.new()
        if engagement_id is not None:
            self.open_engagement(engagement_id)

    def duplicate_engagement(self, engagement_id: str) -> None:
        new_id = self.commands.duplicate(engagement_id)
        if new_id is not None:
            self.open_engagement(new_id)

    def _open_demo(self) -> None:
        engagement_id = self.commands.open_demo()
        if engagement_id is not None:
            self.open_engagement(engagement_id)

    def _target(self) -> str | None:
        """The engagement a command acts on: the open one, else the one selected in the list."""
        if self.stack.currentWidget() is self.workspace and self.context is not None:
            return self.context.engagement_id
        return self._list_page.selected_id() if self._list_page is not None else None

    def _with_target(self, command: object) -> None:
        target = self._target()
        if target is not None:
            command(target)  # type: ignore[operator]

    def _archive(self) -> None:
        target = self._target()
        if target is None:
            return
        archived = engagements.summary(self.session, target).archived
        self.commands.set_archived(target, not archived)

    def _edit_details(self) -> None:
        target = self._target()
        if target is not None and self.commands.edit(target) and self.context is not None \
                and self.context.engagement_id == target:
            self.context.reload_details()

    def _engagement_changed(self, change: Change) -> None:
        self._to_list(change)
        open_id = self.context.engagement_id if self.context else None
        if change.engagement_id != open_id:
            return
        if change.kind is ChangeKind.ENGAGEMENT_DELETED or (
                change.kind is ChangeKind.ENGAGEMENT_UPDATED and isinstance(change.new, dict)
                and change.new.get("archived")):
            self.settings.forget_recent(change.engagement_id)
            self.place.note("", "")
            self.place.write()
            self.close_engagement()
            self.show_list()
        elif change.kind is ChangeKind.ASSESSORS and self.context is not None:
            self.context.reload_details()

    def _created_elsewhere(self, change: Change) -> None:
        self._to_list(change)
        self.status.message("A new engagement was created from the file")

    # --- assessor -----------------------------------------------------------------------
    def _assessor_chosen(self, index: int) -> None:
        if self.context is not None:
            self.workspace.flush() if self.workspace is not None else None
            self.context.set_assessor(str(self.assessor_combo.itemData(index)))

    def _assessor_changed(self, name: str) -> None:
        if self.context is not None:
            self.settings.set_assessor_for(self.context.engagement_id, name)
            self.status.set_engagement(self.context.title, name)
            self.assessor_combo.setCurrentIndex(max(0, self.assessor_combo.findData(name)))

    def _details_changed(self) -> None:
        fill_assessors(self.assessor_combo, self.context)
        self._show_page()

    # --- small helpers ------------------------------------------------------------------
    def _with_context(self, fn: object) -> None:
        if self.context is not None and self.stack.currentWidget() is self.workspace:
            fn(self.context)  # type: ignore[operator]

    def _with_workspace(self, fn: object) -> None:
        if self.workspace is not None and self.stack.currentWidget() is self.workspace:
            fn(self.workspace)  # type: ignore[operator]

    def _find(self) -> None:
        if self.stack.currentWidget() is not self.list_page:
            self.show_list()
        self.list_page.focus_search()

    # --- window state -------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        if self.stack.count() == 0:  # no engagement reopened: the window opens on the list
            self.stack.setCurrentWidget(self.list_page)
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.workspace is not None:
            self.workspace.flush()
            self.settings.splitter_state = self.workspace.splitter.saveState()
        self.settings.window_geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        self.place.write()
        self.settings.mark_closed()  # a clean close: the next start reports no crash
        self.runner.cancel_all()
        self.runner.wait(15_000)
        super().closeEvent(event)
