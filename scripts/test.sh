#!/usr/bin/env bash
# Set up with the test needs and run the whole suite: lint, then pytest. The tests start their own
# PulseAudio server with a virtual microphone; here its absence is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy  # configured in pyproject.toml: strict for core/
export TRANSCREVAI_REQUIRE_MIC=1 TRANSCREVAI_REQUIRE_SPEECH=1  # fail, never skip, without them
exec .venv/bin/python -m pytest -p no:cacheprovider "$@"
