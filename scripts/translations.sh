#!/usr/bin/env bash
# Bring the interface's translations up to date with the code: pyside6-lupdate collects every
# tr()/translate() text into resources/i18n/*.ts (new ones unfinished, gone ones dropped), then
# pyside6-lrelease compiles the .qm files the app loads. Translate what is unfinished (Qt
# Linguist: .venv/bin/pyside6-linguist FILE.ts) and run this again. Both kinds are committed.
# Usage: scripts/translations.sh [FOLDER]  (FOLDER: where the .ts/.qm are; the package's own)
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
folder=$(realpath "${1:-transcrevai_desktop/resources/i18n}")
mapfile -t sources < <(git ls-files --cached --others --exclude-standard 'transcrevai_desktop/*.py')
common=(-no-obsolete -locations none -source-language en)
"$bin/pyside6-lupdate" "${sources[@]}" "${common[@]}" -target-language pt_BR \
    -ts "$folder/transcrevai_pt_BR.ts"
# English is the source language: its file holds only the plural forms ("1 recording").
"$bin/pyside6-lupdate" "${sources[@]}" "${common[@]}" -pluralonly -target-language en \
    -ts "$folder/transcrevai_en.ts"
for ts in "$folder"/*.ts; do
    "$bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
