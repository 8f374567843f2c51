"""The Qt workbench (PySide6). Talks to the services only; no SQL, no scoring arithmetic."""
