#!/usr/bin/env bash
# The streaming peer the live benchmark measures beside the app (benchmarks/peer.py): whisperlivekit,
# in its own virtual environment .peer-venv, never in the app's. torch==2.13.0 first: the CPU build
# (on this project's machines its wheel lies on disk); a plain "torch" would pull a CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[[ -x .peer-venv/bin/python ]] || "$python" -m venv .peer-venv
.peer-venv/bin/python -m pip install -q torch==2.13.0 whisperlivekit==0.2.26
