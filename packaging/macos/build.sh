#!/usr/bin/env bash
# Builds the macOS app of Assessor Workbench from packaging/workbench.spec (with BUNDLE):
#   dist/Assessor Workbench.app
#   dist/assessor-workbench-VERSION-macos-ARCH.dmg      drag-to-Applications disk image
#
# Needs Python 3.11+ from python.org (or Homebrew) for the Mac's architecture, and the Xcode
# command line tools (codesign, hdiutil come with macOS). From the repository:
#   bash packaging/macos/build.sh            (PYTHON=/path/to/python3 to choose the Python)
# Signing with a Developer ID: WORKBENCH_CODESIGN_IDENTITY="Developer ID Application: ..."
# (see packaging/macos/README.md for notarisation); without it the app is signed ad hoc.
set -euo pipefail
started=$(date +%s)
cd "$(dirname "$0")/../.."
root=$(pwd)
python=${PYTHON:-python3}
venv="$root/build/venv-macos"

if [ "$(uname -s)" != Darwin ]; then
  echo "build.sh: this builds the macOS app and must run on macOS" >&2
  exit 1
fi
[ "${1:-}" = "--clean" ] && rm -rf "$venv" "$root/build/pyinstaller-macos"
[ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet --upgrade . pyinstaller
version=$("$venv/bin/python" -c "from importlib.metadata import version; print(version('assessor-workbench'))")
echo "Building Assessor Workbench $version for macOS ($(uname -m)) ..."

"$venv/bin/python" -m PyInstaller --noconfirm --log-level WARN --distpath "$root/dist" \
  --workpath "$root/build/pyinstaller-macos" packaging/workbench.spec

app="$root/dist/Assessor Workbench.app"
reported=$("$app/Contents/MacOS/workbench" --version)
if [ "$reported" != "workbench $version" ]; then
  echo "build.sh: the built program reports '$reported', not $version" >&2
  exit 1
fi
if [ -z "${WORKBENCH_CODESIGN_IDENTITY:-}" ]; then
  # Apple silicon refuses unsigned code: an ad-hoc signature over the whole bundle.
  codesign --force --deep --sign - "$app"
fi
codesign --verify --deep --strict "$app"

dmg="$root/dist/assessor-workbench-$version-macos-$(uname -m).dmg"
staging="$root/build/dmg"
rm -rf "$staging" "$dmg"
mkdir -p "$staging"
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
hdiutil create -quiet -volname "Assessor Workbench $version" -srcfolder "$staging" -ov \
  -format UDZO "$dmg"
rm -rf "$staging"

echo "App: $app ($(du -sh "$app" | cut -f1))"
echo "Disk image: $dmg ($(du -sh "$dmg" | cut -f1)); done in $(( $(date +%s) - started )) s"
