#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages the workbench needs: Qt's libraries (also offscreen),
# fonts, cairo (charts drawn to PNG for the Word report), and for the tests poppler
# (pdftotext/pdftoppm), LibreOffice Calc (recalculates exported workbooks) and Writer (opens
# the Word report); cairo's headers build pycairo (no Linux wheel) when the venv is made, so
# both lists have them.
# Usage: packaging/system-deps.sh run|test
# As root it installs what is missing; otherwise it prints the exact command and fails.
set -euo pipefail
what="${1:-test}"
qt="libgl1 libegl1 libfontconfig1 libxkbcommon0 libdbus-1-3 libglib2.0-0 fonts-dejavu-core libcairo2 libcairo2-dev pkg-config"
display="libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-randr0 libx11-xcb1"
tests="poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui xvfb xauth desktop-file-utils binutils"
case "$what" in
  run) wanted="$qt $display" ;;
  test) wanted="$qt $display $tests" ;;
  *) echo "usage: $0 run|test" >&2; exit 2 ;;
esac
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "system-deps: not a Debian/Ubuntu system; install the equivalents of: $wanted" >&2
  exit 0
fi
missing=""
for pkg in $wanted; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
cmd="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" = 0 ]; then
  echo "system-deps: installing$missing"
  sh -c "$cmd" >/tmp/workbench-apt.log 2>&1 || { tail -20 /tmp/workbench-apt.log >&2; exit 1; }
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo sh -c "$cmd"
else
  echo "system-deps: these system packages are missing:$missing" >&2
  echo "run as root:  $cmd" >&2
  exit 1
fi
