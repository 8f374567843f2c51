"""The app's settings, declared once and typed, over QSettings (with defaults and a version)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, QTimer

SETTINGS_VERSION = 1
MAX_RECENT = 8


class Settings:
    """Window state, recent engagements and preferences.

    Every key is read through a typed property with its default, so no other module
    spells a key or guesses a type. `path` gives an INI file (tests); otherwise the
    user's native settings store is used.
    """

    def __init__(self, path: Path | None = None) -> None:
        if path is not None:
            self._q = QSettings(str(path), QSettings.Format.IniFormat)
        else:
            self._q = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                "assessor-workbench", "workbench")
        self._upgrade()

    def _upgrade(self) -> None:
        """Bring settings written by an older release up to this version."""
        found = self._int("meta/version", 0)
        if found > SETTINGS_VERSION:
            return  # a newer release wrote these; read what we know, write nothing back
        if found < 1:
            pass  # version 0 is "no settings yet": the defaults stand
        self._q.setValue("meta/version", SETTINGS_VERSION)

    # --- typed access -------------------------------------------------------------------
    def _int(self, key: str, default: int) -> int:
        value = self._q.value(key, default)
        try:
            return int(str(value))
        except (TypeError, ValueError):
            return default

    def _bool(self, key: str, default: bool) -> bool:
        value = self._q.value(key, default)
        if isinstance(value, str):
            return value.lower() in ("1", "true", "yes")
        return bool(value)

    def _str(self, key: str, default: str) -> str:
        value = self._q.value(key, default)
        return value if isinstance(value, str) else default

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._q.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def sync(self) -> None:
        self._q.sync()

    @property
    def file_name(self) -> str:
        return self._q.fileName()

    # --- window state -------------------------------------------------------------------
    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self._q.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._q.setValue("window/state", value)

    @property
    def splitter_state(self) -> QByteArray | None:
        return self._bytes("window/splitter")

    @splitter_state.setter
    def splitter_state(self, value: QByteArray) -> None:
        self._q.setValue("window/splitter", value)

    # --- recent engagements -------------------------------------------------------------
    @property
    def recent_engagements(self) -> list[str]:
        value = self._q.value("recent/engagements", [])
        if isinstance(value, str):
            value = [value] if value else []
        if not isinstance(value, list | tuple):
            return []
        return [str(v) for v in value][:MAX_RECENT]

    def add_recent(self, engagement_id: str) -> None:
        known = self.recent_engagements
        ids = ([engagement_id] + [e for e in known if e != engagement_id])[:MAX_RECENT]
        if ids != known:  # an unchanged list is not written again (see set_place)
            self._q.setValue("recent/engagements", ids)

    def forget_recent(self, engagement_id: str) -> None:
        self._q.setValue("recent/engagements",
                         [e for e in self.recent_engagements if e != engagement_id])

    # --- preferences --------------------------------------------------------------------
    @property
    def autosave_delay_ms(self) -> int:
        """The pause after typing before text is saved."""
        return max(100, min(5000, self._int("preferences/autosave_delay_ms", 600)))

    @autosave_delay_ms.setter
    def autosave_delay_ms(self, value: int) -> None:
        self._q.setValue("preferences/autosave_delay_ms", int(value))

    @property
    def firm_asked(self) -> bool:
        """Whether the first-start prompt for the firm's brand was answered (or put off)."""
        return self._bool("preferences/firm_asked", False)

    @firm_asked.setter
    def firm_asked(self, value: bool) -> None:
        self._q.setValue("preferences/firm_asked", bool(value))

    @property
    def show_archived(self) -> bool:
        return self._bool("preferences/show_archived", False)

    @show_archived.setter
    def show_archived(self, value: bool) -> None:
        self._q.setValue("preferences/show_archived", bool(value))

    def assessor_for(self, engagement_id: str) -> str:
        """Who last rated in this engagement on this machine ("" for the lead assessor)."""
        return self._str(f"assessor/{engagement_id}", "")

    def set_assessor_for(self, engagement_id: str, name: str) -> None:
        self._q.setValue(f"assessor/{engagement_id}", name)

    @property
    def last_directory(self) -> str:
        return self._str("preferences/last_directory", str(Path.home()))

    @last_directory.setter
    def last_directory(self, value: str) -> None:
        self._q.setValue("preferences/last_directory", value)

    @property
    def advance_after_rating(self) -> bool:
        """After a rating, move the focus to the next unrated indicator (on by default)."""
        return self._bool("preferences/advance_after_rating", True)

    @advance_after_rating.setter
    def advance_after_rating(self, value: bool) -> None:
        self._q.setValue("preferences/advance_after_rating", bool(value))

    # --- where the user was, and whether the last run ended cleanly ------------------------
    @property
    def last_place(self) -> tuple[str, str]:
        """The engagement and element open when the app last stopped ("" for none)."""
        return self._str("session/engagement", ""), self._str("session/element", "")

    def set_place(self, engagement_id: str, element: str = "") -> None:
        """Written and synced at once, so that a crash right after still finds the place.

        The place a start reopens is the one already on disk: QSettings rewrites the whole
        file for a value set again unchanged, so an unchanged place is not set (issue 17)."""
        if (engagement_id, element) != self.last_place:
            self._q.setValue("session/engagement", engagement_id)
            self._q.setValue("session/element", element)
        self._q.sync()

    @property
    def running_since(self) -> tuple[str, int]:
        """When the app that has not closed yet started (UTC ISO, "" if none) and its pid."""
        return self._str("session/running_since", ""), self._int("session/pid", 0)

    def mark_running(self, started_at: str, pid: int) -> None:
        """Written (and synced) at start; cleared on a clean close, so a crash leaves it."""
        self._q.setValue("session/running_since", started_at)
        self._q.setValue("session/pid", pid)
        self._q.sync()

    def mark_closed(self) -> None:
        self._q.remove("session/running_since")
        self._q.remove("session/pid")
        self._q.sync()


class PlaceKeeper(QObject):
    """Writes where the user is (`Settings.set_place`) a second after they settle on an
    element: writing the settings file on every switch would slow switching by ~5 ms."""

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self._place: tuple[str, str] | None = None  # None: nothing noted since written
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.write)

    def note(self, engagement_id: str, element: str) -> None:
        self._place = (engagement_id, element)
        self._timer.start()

    def write(self) -> None:
        self._timer.stop()
        if self._place is not None:
            self.settings.set_place(*self._place)
            self._place = None
