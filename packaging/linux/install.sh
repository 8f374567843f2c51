#!/bin/sh
# Installs Assessor Workbench from this unpacked folder, for you alone or for everyone.
#
#   ./install.sh                    for you: ~/.local/lib/assessor-workbench, `workbench` in
#                                   ~/.local/bin, an entry in the applications menu
#   sudo ./install.sh --system      for every user: /opt/assessor-workbench, /usr/local/bin
#   ./install.sh --uninstall        removes the application (add --system if installed so);
#                                   your assessments stay in ~/.local/share/assessor-workbench
#
# Installing again over an older version replaces it; the assessments are not touched.
set -eu

APP_ID="org.assessorworkbench.Workbench"
here=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
mode=user
action=install
for arg in "$@"; do
  case "$arg" in
    --system) mode=system ;;
    --uninstall) action=uninstall ;;
    -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

if [ "$mode" = system ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "install.sh: --system needs root; run: sudo $0 $*" >&2
    exit 1
  fi
  app_dir=/opt/assessor-workbench
  bin_dir=/usr/local/bin
  share_dir=/usr/local/share
else
  share_dir="${XDG_DATA_HOME:-$HOME/.local/share}"
  app_dir="$HOME/.local/lib/assessor-workbench"
  bin_dir="$HOME/.local/bin"
fi
desktop_file="$share_dir/applications/$APP_ID.desktop"
icon_file="$share_dir/icons/hicolor/256x256/apps/$APP_ID.png"
metainfo_file="$share_dir/metainfo/$APP_ID.metainfo.xml"

refresh_menus() {
  # Desktop caches: absent on minimal systems, and never a reason to fail.
  command -v update-desktop-database >/dev/null 2>&1 \
    && update-desktop-database -q "$share_dir/applications" 2>/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 \
    && gtk-update-icon-cache -q -t "$share_dir/icons/hicolor" 2>/dev/null || true
}

if [ "$action" = uninstall ]; then
  rm -f "$desktop_file" "$icon_file" "$metainfo_file"
  if [ -L "$bin_dir/workbench" ]; then rm -f "$bin_dir/workbench"; fi
  rm -rf "$app_dir"
  refresh_menus
  echo "Assessor Workbench is uninstalled. Your assessments are still in your user data folder."
  exit 0
fi

if [ ! -x "$here/workbench" ] || [ ! -d "$here/_internal" ]; then
  echo "install.sh: run me from the unpacked assessor-workbench folder" >&2
  exit 1
fi

# A fresh copy: files of an older version must not linger beside the new ones.
if [ "$here" != "$app_dir" ]; then
  mkdir -p "$(dirname "$app_dir")"
  rm -rf "$app_dir.new"
  cp -R "$here" "$app_dir.new"
  rm -rf "$app_dir"
  mv "$app_dir.new" "$app_dir"
fi

mkdir -p "$bin_dir" "$(dirname "$desktop_file")" "$(dirname "$icon_file")" \
  "$(dirname "$metainfo_file")"
ln -sfn "$app_dir/workbench" "$bin_dir/workbench"
# The menu entry names the program by its full path: ~/.local/bin is not always on the PATH
# of a graphical session.
sed -e "s|^Exec=.*|Exec=\"$app_dir/workbench\"|" -e "s|^TryExec=.*|TryExec=$app_dir/workbench|" \
  "$app_dir/share/applications/$APP_ID.desktop" > "$desktop_file"
cp "$app_dir/share/icons/hicolor/256x256/apps/$APP_ID.png" "$icon_file"
cp "$app_dir/share/metainfo/$APP_ID.metainfo.xml" "$metainfo_file"
refresh_menus

version=$("$app_dir/workbench" --version 2>/dev/null || echo "workbench")
echo "Installed $version in $app_dir."
echo "Start it from your applications menu (Assessor Workbench) or with: workbench"
case ":$PATH:" in
  *":$bin_dir:"*) ;;
  *) echo "Note: $bin_dir is not on your PATH; add it to start workbench from a terminal." ;;
esac

# Qt needs the system's graphics and X11 libraries, which no bundle can carry.
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig)
if [ -x "$ldconfig" ]; then
  known=$("$ldconfig" -p 2>/dev/null || true)
  missing=""
  for pair in libGL.so.1:libgl1 libEGL.so.1:libegl1 libfontconfig.so.1:libfontconfig1 \
      libxkbcommon.so.0:libxkbcommon0 libdbus-1.so.3:libdbus-1-3 libglib-2.0.so.0:libglib2.0-0 \
      libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 \
      libxcb-keysyms.so.1:libxcb-keysyms1 libxcb-image.so.0:libxcb-image0 \
      libxcb-render-util.so.0:libxcb-render-util0 libxcb-shape.so.0:libxcb-shape0 \
      libxcb-xkb.so.1:libxcb-xkb1 libxkbcommon-x11.so.0:libxkbcommon-x11-0 \
      libxcb-randr.so.0:libxcb-randr0 libX11-xcb.so.1:libx11-xcb1; do
    lib=${pair%%:*}
    if [ -e "$app_dir/_internal/$lib" ]; then continue; fi  # the bundle carries this one
    case "$known" in
      *"$lib "*) ;;
      *) missing="$missing ${pair#*:}" ;;
    esac
  done
  if [ -n "$missing" ]; then
    echo
    echo "This computer lacks system libraries the workbench's window needs. Install them with:"
    echo "  sudo apt-get install$missing"
  fi
fi
