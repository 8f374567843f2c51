"""The workbench of one engagement: navigator, scoring form, dashboard or consensus, score."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.core.scoring import ScoreResult
from workbench.gui.context import EngagementContext
from workbench.gui.element_form import ElementForm
from workbench.gui.models.navigator import CODE_ROLE, KIND_ROLE, STATUS_ROLE, NavigatorModel
from workbench.gui.tasks import TaskRunner
from workbench.gui.theme import GRID
from workbench.gui.widgets.attachment_drag import AttachmentDrops
from workbench.gui.widgets.name_delegate import NameDelegate
from workbench.gui.widgets.review_filter import ReviewFilter
from workbench.gui.widgets.score_panel import ScorePanel
from workbench.services import attachments, review
from workbench.services.session import Change, ChangeKind

if TYPE_CHECKING:  # the three secondary tabs are built (and their modules loaded) when needed
    from workbench.gui.consensus_view import ConsensusView
    from workbench.gui.dashboard import DashboardView
    from workbench.gui.site_visit_view import SiteVisitView

NAVIGATOR_WIDTH = 280
WRAP_FROM = 360  # the name column's width from which long names wrap instead of eliding


class Workspace(QWidget):
    """Parts talk through the context's signals; this class only lays them out and routes.

    Signals:
        element_shown(str): the code of the element (or enabler) the form now shows.
    """

    element_shown = Signal(str)

    FORM_TAB, DASHBOARD_TAB, CONSENSUS_TAB, SITE_VISIT_TAB = 0, 1, 2, 3

    def __init__(self, context: EngagementContext, runner: TaskRunner,
                 parent: QWidget | None = None, autosave_ms: int = 600,
                 element: str = "") -> None:
        super().__init__(parent)
        self.context = context
        framework = context.framework
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        layout.addWidget(self.splitter)

        self._build_navigator()

        self.tabs = QTabWidget(self.splitter)
        self.tabs.setDocumentMode(True)
        self.form = ElementForm(context, runner, self.tabs, autosave_ms)
        self.tabs.addTab(self.form, "Scoring form")
        # The dashboard, consensus and site-visit tabs are built the first time they are
        # shown or asked for (issue 17: the start shows the scoring form only); until then
        # each tab holds an empty page of the same title.
        self._dashboard: DashboardView | None = None
        self._consensus: ConsensusView | None = None
        self._site_visit: SiteVisitView | None = None
        self._site_counts: tuple[int, int] | None = None
        self._read_only: tuple[bool, str] = (False, "")
        for title in ("Dashboard", "Consensus", "Site visit"):
            self.tabs.addTab(QWidget(self.tabs), title)
        self.form.site_visit.open_requested.connect(self.show_site_visit)
        context.reveal_log.connect(self.show_site_visit)
        self.tabs.currentChanged.connect(self._tab_changed)

        self.score_panel = ScorePanel(framework, self.splitter)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setStretchFactor(2, 0)
        self.splitter.setSizes([NAVIGATOR_WIDTH, 800, 232])

        self._dashboard_stale = True
        context.scored.connect(self._scored)
        context.changed.connect(self._changed)
        context.reveal.connect(self.open_element)
        context.reveal_consensus.connect(self.show_consensus)
        context.assessor_changed.connect(lambda _n: self._show_score())
        context.details_changed.connect(self.load_baseline)
        self.model.update_scores(context.score)
        self.refresh_review(context.score)
        codes = self.model.scorable_codes()
        if codes:  # straight to the element asked for (a reopening): one form filled, not two
            self.select_element(element if element in codes else codes[0])

    # --- the tabs built on first use ------------------------------------------------------
    @property
    def dashboard(self) -> DashboardView:
        if self._dashboard is None:
            from workbench.gui.dashboard import DashboardView

            view = DashboardView(self.context.framework, self.tabs)
            self._dashboard = view
            self.load_baseline()  # what it compares with: read when first shown
            view.element_activated.connect(self.open_element)
            view.consensus_requested.connect(self.show_consensus)
            view.site_visit_requested.connect(self.show_site_visit)
            self._place(self.DASHBOARD_TAB, view)
            # The log's tile counts what the log holds: the counts of the Site visit view, read
            # when it is built (and then through `counted`, see _site_log_counted).
            if self._site_counts is None:
                _ = self.site_visit
            else:
                view.set_site_log(*self._site_counts)
        return self._dashboard

    @property
    def consensus(self) -> ConsensusView:
        if self._consensus is None:
            from workbench.gui.consensus_view import ConsensusView

            view = ConsensusView(self.context, self.tabs)
            self._consensus = view
            view.set_read_only(*self._read_only)
            view.element_shown.connect(self._consensus_shown)
            self._place(self.CONSENSUS_TAB, view)
        return self._consensus

    @property
    def site_visit(self) -> SiteVisitView:
        if self._site_visit is None:
            from workbench.gui.site_visit_view import SiteVisitView

            view = SiteVisitView(self.context, self.tabs)
            self._site_visit = view
            view.set_read_only(*self._read_only)
            view.counted.connect(self._site_log_counted)
            self._place(self.SITE_VISIT_TAB, view)
            view.load()
        return self._site_visit

    def tab_view(self, index: int) -> QWidget:
        """The view of a tab, built if this is the first time it is asked for."""
        if index == self.DASHBOARD_TAB:
            return self.dashboard
        if index == self.CONSENSUS_TAB:
            return self.consensus
        if index == self.SITE_VISIT_TAB:
            return self.site_visit
        return self.form

    def _place(self, index: int, view: QWidget) -> None:
        """Put a newly built view in place of its tab's empty page (same title, same tab)."""
        empty = self.tabs.widget(index)
        current = self.tabs.currentIndex()
        title = self.tabs.tabText(index)
        blocked = self.tabs.blockSignals(True)
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, view, title)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(blocked)
        if empty is not None:
            empty.deleteLater()

    def _site_log_counted(self, interviews: int, documents: int) -> None:
        self._site_counts = (interviews, documents)
        if self._dashboard is not None:
            self._dashboard.set_site_log(interviews, documents)

    def set_read_only(self, locked: bool, message: str = "") -> None:
        """The signed-off lock on the form and on every tab (those built later get it too)."""
        self._read_only = (locked, message)
        self.form.set_read_only(locked, message)
        for view in (self._consensus, self._site_visit):
            if view is not None:
                view.set_read_only(locked, message)

    def fit_navigator(self) -> None:
        """Give the navigator the width of its longest name when the window has room (at
        1920 px every name shows in full; narrower, they are elided with a tooltip)."""
        needed = (self.tree.sizeHintForColumn(0) + self.tree.header().sectionSize(1)
                  + 2 * self.tree.indentation() + 3 * GRID)
        room = int(self.width() * 0.25) if self.width() >= 1600 else NAVIGATOR_WIDTH
        width = max(NAVIGATOR_WIDTH, min(needed, room))
        sizes = self.splitter.sizes()
        if len(sizes) == 3 and width != sizes[0]:
            self.splitter.setSizes([width, max(1, sizes[1] - (width - sizes[0])), sizes[2]])
        self.fit_names()

    def fit_names(self) -> None:
        """A wide navigator wraps a long name onto a second line (every name in full); a
        narrow one elides it (the tooltip has it): two-line rows in 280 px would double the
        tree's length on a laptop."""
        wide = self.tree.header().sectionSize(0) >= WRAP_FROM
        if wide != self.tree.wordWrap():
            self.tree.setUniformRowHeights(not wide)
            self.tree.setWordWrap(wide)
            self.tree.scheduleDelayedItemsLayout()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_names()

    def _build_navigator(self) -> None:
        """The tree of dimensions, elements and enablers, with each one's percent."""
        self.model = NavigatorModel(self.context.framework, self)
        navigator = QWidget(self.splitter)
        column = QVBoxLayout(navigator)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.tree = QTreeView(navigator)
        self.review = ReviewFilter(self.tree, navigator)
        column.addWidget(self.review)
        column.addWidget(self.tree, 1)
        self.tree.setModel(self.model)
        self.tree.setObjectName("navigator")
        self.tree.setAccessibleName("Framework navigator")
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setIndentation(GRID + GRID // 2)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setItemDelegateForColumn(0, NameDelegate(self.tree))
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # A fixed figure column: sizing to contents re-measures every row on each paint.
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(1, self.tree.fontMetrics().horizontalAdvance("100%") + 2 * GRID)
        self.tree.expandAll()
        self.tree.setMinimumWidth(220)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.viewport().installEventFilter(self)  # a click on a consensus icon
        self.tree.header().sectionResized.connect(lambda *_args: self.fit_names())
        self.drops = AttachmentDrops(self.tree, self.context.engagement_id, CODE_ROLE, KIND_ROLE,
                                     lambda: self.context.read_only)
        self.drops.dropped.connect(self.move_attachment)

    def move_attachment(self, attachment_id: int, code: str) -> None:
        """An attachment dropped on an element of the navigator: one undoable move."""
        from workbench.gui.undo_evidence import MoveAttachment

        ctx = self.context
        info = next((a for a in attachments.attachments(ctx.session, ctx.engagement_id)
                     if a.id == attachment_id), None)
        if info is None:
            ctx.failed.emit(f"no attachment #{attachment_id} in this engagement")
        elif info.element != code:
            ctx.undo_stack.push(MoveAttachment(ctx, info, code))

    # --- navigation ---------------------------------------------------------------------
    @property
    def current_code(self) -> str | None:
        return self.form.code

    def select_element(self, code: str) -> None:
        index = self.model.index_of(code)
        if index.isValid():
            self.tree.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.tree.scrollTo(index)

    def open_element(self, code: str) -> None:
        """Show an element's form (from a dashboard gap, or after an undo touched it)."""
        if self.tabs.currentIndex() != self.FORM_TAB:
            self.tabs.setCurrentIndex(self.FORM_TAB)
        self.select_element(code)

    def step_element(self, step: int) -> None:
        if self.tabs.currentIndex() == self.CONSENSUS_TAB:
            self.consensus.step_element(step)
            return
        codes = self.model.scorable_codes()
        current = self.current_code
        n = codes.index(current) + step if current in codes else 0
        self.select_element(codes[max(0, min(len(codes) - 1, n))])
        if self.tabs.currentIndex() == self.FORM_TAB:
            self.form.focus_indicator(0)  # keyboard flow: straight on to the first indicator

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A click on an element's consensus icon in the navigator opens the consensus screen."""
        if watched is self.tree.viewport() and event.type() == QEvent.Type.MouseButtonRelease \
                and isinstance(event, QMouseEvent) \
                and event.button() == Qt.MouseButton.LeftButton:
            code = self.consensus_icon_at(event.position().toPoint())
            if code is not None:
                self.select_element(code)
                self.show_consensus(code)
                return True
        return super().eventFilter(watched, event)

    def consensus_icon_at(self, pos: QPoint) -> str | None:
        """The element whose "needs consensus" icon is at `pos` in the navigator, if any."""
        index = self.tree.indexAt(pos)
        if not index.isValid() or index.column() != 0 or \
                index.data(STATUS_ROLE) != "needs_consensus":
            return None
        icon = self.icon_rect(index)
        return str(index.data(CODE_ROLE)) if icon.adjusted(-2, -2, 2, 2).contains(pos) else None

    def icon_rect(self, index: QModelIndex) -> QRect:
        """Where the navigator draws an item's status icon (in viewport coordinates)."""
        option = QStyleOptionViewItem()
        self.tree.initViewItemOption(option)
        option.rect = self.tree.visualRect(index)
        delegate = self.tree.itemDelegateForIndex(index)
        if isinstance(delegate, QStyledItemDelegate):
            delegate.initStyleOption(option, index)
        return self.tree.style().subElementRect(
            QStyle.SubElement.SE_ItemViewItemDecoration, option, self.tree)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.data(KIND_ROLE) in ("element", "enabler"):
            self.form.show_element(str(current.data(CODE_ROLE)))
            self._show_score()
            self.element_shown.emit(str(current.data(CODE_ROLE)))

    def show_form(self) -> None:
        self.tabs.setCurrentIndex(self.FORM_TAB)
        self.form.focus_indicator(0)

    def show_site_visit(self, kind: str = "", entry_id: int = 0) -> None:
        """The site-visit log; on an interview or a document when given."""
        self.tabs.setCurrentIndex(self.SITE_VISIT_TAB)
        if kind:
            self.site_visit.show_entry(kind, entry_id)

    def show_dashboard(self) -> None:
        self.tabs.setCurrentIndex(self.DASHBOARD_TAB)

    def show_consensus(self, code: str | None = None) -> None:
        """The consensus screen, on `code` when given, else ordered afresh by disagreement."""
        self.form.flush()
        if self.tabs.currentIndex() != self.CONSENSUS_TAB:
            self.tabs.setCurrentIndex(self.CONSENSUS_TAB)
        if code:
            self.consensus.select_element(code)
        else:
            self.consensus.refresh(restart=True)
        self.consensus.focus_items()

    def _consensus_shown(self, code: str) -> None:
        if self.tabs.currentIndex() == self.CONSENSUS_TAB and self.current_code != code:
            self.select_element(code)

    def _tab_changed(self, index: int) -> None:
        self.tab_view(index)  # built on its first showing
        on_dashboard = index == self.DASHBOARD_TAB
        # The dashboard shows the score larger; the consensus screen needs the width.
        self.score_panel.setVisible(index == self.FORM_TAB)
        if on_dashboard and self._dashboard_stale:
            self.dashboard.set_result(self.context.score)
            self._dashboard_stale = False

    # --- live score ---------------------------------------------------------------------
    def _scored(self, result: ScoreResult) -> None:
        self.model.update_scores(result)
        self.refresh_review(result)
        self._show_score()
        if self.tabs.currentIndex() == self.DASHBOARD_TAB and self._dashboard is not None:
            self._dashboard.set_result(result)
        else:
            self._dashboard_stale = True

    def load_baseline(self) -> None:
        """(Re)read the baseline the dashboard compares with (it may be set in Edit Details);
        only the dashboard shows it, so nothing is read before the dashboard is built."""
        if self._dashboard is None:
            return
        from workbench.services import comparison

        try:
            baseline = comparison.baseline_for(self.context.session, self.context.engagement_id)
        except WorkbenchError as exc:
            baseline = None
            self.context.failed.emit(f"The baseline cannot be compared: {exc}")
        self._dashboard.set_baseline(baseline)

    def _changed(self, change: Change) -> None:
        # the form, the list and the status bar each listen for what concerns them; the
        # review filter follows the notes (a score change refreshes it through `_scored`)
        if change.kind is ChangeKind.NOTES:
            self.refresh_review(self.context.score)

    def refresh_review(self, result: ScoreResult) -> None:
        with contextlib.suppress(WorkbenchError):  # the engagement went away: it closes
            self.review.set_reasons(review.to_review(self.context.session,
                                                     self.context.engagement_id, result))

    def _show_score(self) -> None:
        code = self.current_code
        own = None
        if code is not None and len(self.context.team) > 1:
            mine = self.context.own_score
            e = mine.elements.get(code)
            n = mine.enablers.get(code)
            own = e.percent if e is not None else n.percent if n is not None else None
        self.score_panel.show_score(self.context.score, code, own, self.context.assessor)

    def flush(self) -> None:
        self.form.flush()
