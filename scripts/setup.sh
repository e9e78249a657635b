#!/usr/bin/env bash
# Installs what TranscrevAI Desktop needs on Debian/Ubuntu into ./.venv.
#   scripts/setup.sh          the app: PortAudio + Qt runtime libraries + Python packages
#   scripts/setup.sh --test   also the test needs: PulseAudio, paplay, Xvfb, pytest
set -euo pipefail
cd "$(dirname "$0")/.."

# PortAudio, libpulse (pulsectl lists the sound server's inputs by name), DejaVu (captions
# burned into a video need a font with accents), then what Qt's xcb
# platform plugin loads (it names libxcb-cursor0 when missing).
packages=(libportaudio2 libasound2-plugins libpulse0 fonts-dejavu-core python3-venv
          libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
          libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
          libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1)
extras=""
if [[ "${1:-}" == "--test" ]]; then
  # desktop-file-utils checks the menu entry; a Chinese font is what a Chinese desktop has,
  # for the burned captions' test (the app uses the desktop's own: core/video.py)
  packages+=(pulseaudio pulseaudio-utils xvfb desktop-file-utils fonts-wqy-zenhei)
  extras="[test]"
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

python=${PYTHON:-python3}
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "TranscrevAI Desktop needs Python 3.11 or newer (found $("$python" --version))." >&2
  exit 1
fi
[[ -x .venv/bin/python ]] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extras}"
scripts/install_desktop_entry.sh  # TranscrevAI in the application menu, with its icon
