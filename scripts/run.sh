#!/usr/bin/env bash
# Set up (see setup.sh) and launch TranscrevAI Desktop on the bundled Whisper base model.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/transcrevai "$@"
