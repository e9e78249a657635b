#!/usr/bin/env bash
# Puts TranscrevAI in the desktop's application menu, for this user:
#   ${XDG_DATA_HOME:-~/.local/share}/applications/transcrevai.desktop  (Exec: the launcher)
#   ${XDG_DATA_HOME:-~/.local/share}/icons/hicolor/scalable/apps/transcrevai.svg
#   scripts/install_desktop_entry.sh [LAUNCHER]   LAUNCHER: default ./.venv/bin/transcrevai
# Validates the entry when desktop-file-validate is installed; refreshes the menu and icon
# caches when their tools are installed (and never fails without them).
set -euo pipefail
repo=$(realpath "$(dirname "$0")/..")
launcher=$(realpath -s "${1:-$repo/.venv/bin/transcrevai}")  # absolute, symlinks kept as named
if [[ ! -x "$launcher" || -d "$launcher" ]]; then
  echo "install_desktop_entry.sh: $launcher is not an executable (run scripts/setup.sh)." >&2
  exit 1
fi
cd "$repo"

resources=transcrevai_desktop/resources
data=${XDG_DATA_HOME:-$HOME/.local/share}
applications=$data/applications
icons=$data/icons/hicolor
mkdir -p "$applications" "$icons/scalable/apps"

# Desktop entry values escape a backslash as \\ (string rule); Exec then quotes an argument
# with reserved characters in "..." where \ " ` $ take a backslash, and % is written %%.
string_value=$(printf '%s' "$launcher" | sed -e 's/[\\]/\\\\/g')
exec_value=$launcher
if [[ "$launcher" =~ [^A-Za-z0-9/._+-] ]]; then
  exec_value=\"$(printf '%s' "$launcher" | sed -e 's/[\\]/\\\\\\\\/g' -e 's/["`$]/\\\\&/g')\"
fi
exec_value=$(printf '%s' "$exec_value" | sed -e 's/%/%%/g')

entry=$applications/transcrevai.desktop
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
partial=$staging/transcrevai.desktop  # the validator wants the .desktop extension
while IFS= read -r line || [[ -n "$line" ]]; do
  case "$line" in
    Exec=*) printf 'Exec=%s\n' "$exec_value" ;;
    TryExec=*) printf 'TryExec=%s\n' "$string_value" ;;
    \#*) ;;  # the template's notes are for this repository's readers
    *) printf '%s\n' "$line" ;;
  esac
done <"$resources/transcrevai.desktop" >"$partial"
if command -v desktop-file-validate >/dev/null; then
  if ! desktop-file-validate "$partial"; then
    echo "install_desktop_entry.sh: the desktop entry is not valid (see above)." >&2
    exit 1
  fi
fi
install -m 0644 "$partial" "$entry"
install -m 0644 "$resources/transcrevai.svg" "$icons/scalable/apps/transcrevai.svg"

# Caches: the menu's MIME cache is rebuilt when its tool exists; an icon cache is refreshed only
# where one already exists (a new cache would hide icons other programs add without updating it).
if command -v update-desktop-database >/dev/null; then
  update-desktop-database -q "$applications" ||
    echo "install_desktop_entry.sh: update-desktop-database failed; the menu may update later." >&2
fi
if [[ -f "$icons/icon-theme.cache" ]] && command -v gtk-update-icon-cache >/dev/null; then
  gtk-update-icon-cache -q -f -t "$icons" ||
    echo "install_desktop_entry.sh: gtk-update-icon-cache failed; the icon may appear later." >&2
fi
echo "Menu entry: $entry (runs $launcher)"
