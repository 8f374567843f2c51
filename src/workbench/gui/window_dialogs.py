"""The main window's Settings and Help dialogs, each opened modally over the window."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from workbench.gui.actions import ActionId, ActionRegistry
from workbench.services.session import Session


def bind(registry: ActionRegistry, parent: QWidget, session: Session) -> None:
    """The actions that open these dialogs over `parent`."""
    registry.on(ActionId.ABOUT, lambda: about(parent, session))
    registry.on(ActionId.FRAMEWORKS, lambda: frameworks(parent, session))
    registry.on(ActionId.TRUST, lambda: trust(parent))
    registry.on(ActionId.BRAND_PROFILES, lambda: brands(parent))
    registry.on(ActionId.SHORTCUTS, lambda: shortcuts(parent, registry))


def frameworks(parent: QWidget, session: Session) -> None:
    from workbench.gui.frameworks_dialog import FrameworksDialog

    FrameworksDialog(session, parent).exec()


def trust(parent: QWidget) -> None:
    from workbench.gui.trust_dialog import TrustDialog

    TrustDialog(parent).exec()


def brands(parent: QWidget) -> None:
    from workbench.gui.brand_profiles_dialog import BrandProfilesDialog

    BrandProfilesDialog(parent).exec()


def about(parent: QWidget, session: Session) -> None:
    """The version, the database, and the frameworks bundled or in use."""
    from workbench.gui.dialogs import AboutDialog
    from workbench.services import frameworks as known

    listed = [(i.id, i.version, i.name) for i in known.bundled_or_used(session)]
    AboutDialog(session.path, listed, parent).exec()


def shortcuts(parent: QWidget, registry: ActionRegistry) -> None:
    from workbench.gui.dialogs import ShortcutsDialog

    ShortcutsDialog(registry.shortcut_table(), parent).exec()
