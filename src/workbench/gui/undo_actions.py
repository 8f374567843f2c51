"""Edit ▸ Undo and Redo following the open engagement's group of per-assessor histories."""

from __future__ import annotations

import contextlib

from PySide6.QtGui import QAction, QKeySequence, QUndoGroup

from workbench.gui.context import EngagementContext


class UndoActions:
    """Keeps the two actions' state, texts and tooltips in step with the bound context."""

    def __init__(self, undo: QAction, redo: QAction) -> None:
        self.undo, self.redo = undo, redo
        self.context: EngagementContext | None = None
        self._group: QUndoGroup | None = None

    def _signals(self, group: QUndoGroup) -> tuple[object, ...]:
        return (group.canUndoChanged, group.canRedoChanged, group.undoTextChanged,
                group.redoTextChanged, group.activeStackChanged)

    def bind(self, context: EngagementContext | None) -> None:
        """Follow `context`'s histories (None: no engagement open)."""
        if self._group is not None:
            for signal in self._signals(self._group):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(self.refresh)  # type: ignore[attr-defined]
        self.context = context
        self._group = context.undo_group if context is not None else None
        if self._group is not None:
            for signal in self._signals(self._group):
                signal.connect(self.refresh)  # type: ignore[attr-defined]
        self.refresh()

    def refresh(self, *_args: object) -> None:
        group = self._group
        editable = self.context is not None and not self.context.read_only
        can_undo = bool(group is not None and group.canUndo() and editable)
        can_redo = bool(group is not None and group.canRedo() and editable)
        self.undo.setEnabled(can_undo)
        self.redo.setEnabled(can_redo)
        self.undo.setText(f"&Undo {group.undoText()}" if group is not None and can_undo
                          else "&Undo")
        self.redo.setText(f"&Redo {group.redoText()}" if group is not None and can_redo
                          else "&Redo")
        # The toolbar keeps short labels (so it never reflows); what would change is in the
        # tooltip, and in the Edit menu's full text.
        for action, short in ((self.undo, "Undo"), (self.redo, "Redo")):
            action.setIconText(short)
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(action.text().replace("&", "") + (f" ({keys})" if keys else ""))
