"""PyInstaller hook for PySide6.QtGui: PyInstaller's own, minus plugins a desktop app never loads.

Dropping a plugin here (before PyInstaller follows its library dependencies) also keeps out
everything only it needs: the virtual keyboard pulls in Qt Quick and QML (about 20 MB), the
GTK theme pulls in GTK's cairo and pango from the build machine, whose versions can clash with
the user's GTK. Qt falls back to its own theme and input handling, which the app uses anyway.
"""

import re
from pathlib import PurePath

from PyInstaller.utils.hooks.qt import add_qt6_dependencies

UNUSED_PLUGINS = re.compile(
    r"/plugins/("
    r"platforminputcontexts/(lib)?qtvirtualkeyboardplugin"  # touch-screen keyboard (Qt Quick)
    r"|platforms/(lib)?q(eglfs|linuxfb|minimalegl|vnc|vkkhrdisplay)"  # embedded, no desktop
    r"|egldeviceintegrations/"  # for eglfs only
    r"|generic/"  # raw evdev/TUIO input for embedded devices
    r"|platformthemes/(lib)?qgtk3"  # see above
    r")"
)


def _keep(source: str) -> bool:
    return UNUSED_PLUGINS.search(PurePath(source).as_posix()) is None


hiddenimports, binaries, datas = add_qt6_dependencies(__file__)
binaries = [entry for entry in binaries if _keep(entry[0])]
