"""The Qt workbench (PySide6). Talks to the services only; no SQL, no scoring arithmetic."""

from workbench.gui.none_guard import protect_none

protect_none()
