"""Start-up: from process start to a usable window (offscreen), and to the model ready.

Each run is a fresh process with its own empty settings and library. "First start" also gets an
empty cache, so it includes joining and verifying the bundled model (once per machine).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile

from benchmarks import common

_PROBE = """
import json, time, psutil
started = psutil.Process().create_time()
from PySide6.QtWidgets import QApplication
from transcrevai_desktop.app import build_window
from transcrevai_desktop.settings import Settings
app = QApplication([])
window = build_window(Settings())
window.show()
window.new_recording()
app.processEvents()
usable = time.time() - started
ready = {}
window.model_state.connect(lambda ok, error: ready.setdefault("at", time.time() - started))
window.load_model()
while "at" not in ready:
    app.processEvents()
    time.sleep(0.005)
print(json.dumps({"usable": usable, "ready": ready["at"]}))
"""


def _probe(fresh_cache: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   XDG_CONFIG_HOME=f"{home}/config", XDG_DATA_HOME=f"{home}/data")  # fmt: skip
        if fresh_cache:
            env["XDG_CACHE_HOME"] = f"{home}/cache"
        out = subprocess.run(
            [sys.executable, "-c", _PROBE], env=env, cwd=common.REPO,
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    return json.loads(out.stdout.splitlines()[-1])


def run(runs: int) -> str:
    rows = []
    for label, fresh in (("usual start", False), ("first start (joins the model)", True)):
        probes = [_probe(fresh) for _ in range(runs)]
        rows.append([
            label, common.spread([p["usable"] for p in probes]),
            common.spread([p["ready"] for p in probes]),
        ])  # fmt: skip
    return "\n\n".join([
        "## Start-up",
        f"{common.machine(common.EngineSettings())}; {runs} fresh processes per row, seconds "
        "from process start, median (min–max); offscreen Qt.",
        common.table(["", "window usable s", "model ready s"], rows),
    ])  # fmt: skip
