"""The settings file is written when what it keeps changes, not when a start reopens the place
it already holds (issue 17: QSettings rewrites the whole file for a value set again)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from workbench.gui.settings import Settings


def _file_id(path: Path) -> tuple[int, int]:
    stat = path.stat()  # QSettings writes a new file and renames it over the old one
    return stat.st_ino, stat.st_mtime_ns


def test_reopening_the_same_place_leaves_the_file_alone(tmp_path: Path) -> None:
    ini = tmp_path / "settings.ini"
    settings = Settings(ini)
    settings.add_recent("E-2")
    settings.add_recent("E-1")
    settings.set_place("E-1", "1.2")
    before = _file_id(ini)
    settings.add_recent("E-1")  # the most recent already
    settings.set_place("E-1", "1.2")  # as a start that reopens it does
    assert _file_id(ini) == before
    assert settings.recent_engagements == ["E-1", "E-2"]


def test_a_new_place_is_on_disk_at_once(tmp_path: Path) -> None:
    ini = tmp_path / "settings.ini"
    settings = Settings(ini)
    settings.set_place("E-1", "1.2")
    settings.add_recent("E-2")
    settings.set_place("E-2", "3.1")
    other = QSettings(str(ini), QSettings.Format.IniFormat)  # as the next start reads it
    assert other.value("session/engagement") == "E-2"
    assert other.value("session/element") == "3.1"
    assert Settings(ini).recent_engagements == ["E-2"]
    settings.set_place("E-2", "3.2")  # a new element of the same engagement
    assert Settings(ini).last_place == ("E-2", "3.2")
