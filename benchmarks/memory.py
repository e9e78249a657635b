"""Memory: the process's RSS with the model loaded and 0, 1 and 4 open sessions.

Each measurement runs in a fresh process: load the model; warm it up (one session records the
clip, is transcribed and deleted: the buffers the first live and final passes allocate stay with
the process whatever the number of sessions); then record the clip in N sessions at once
(real-time pace, final pass included) and keep them open, as tabs would. RSS is read after a
garbage collection. "Extra per session" = (RSS with N − RSS warm with 0) / N.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys

import psutil

from benchmarks import common

CLIP = "en_jfk"
OPEN = (0, 1, 4)


def measure(count: int) -> dict[str, float]:
    """In this process: RSS (MiB) with the model loaded, warmed up, then after ``count``
    sessions."""
    process = psutil.Process()
    engine = common.engine()
    gc.collect()
    loaded = process.memory_info().rss
    common.record(engine, common.clips([CLIP]))  # its session is gone with the harness
    gc.collect()
    warm = process.memory_info().rss
    if count:
        recording = common.record(engine, common.clips([CLIP]) * count)
        assert all(s.status == "complete" for s in recording.sessions)
    gc.collect()
    return {
        "loaded": loaded / 2**20,
        "warm": warm / 2**20,
        "open": process.memory_info().rss / 2**20,
    }


def run(runs: int) -> str:
    results: dict[int, list[dict[str, float]]] = {count: [] for count in OPEN}
    for _ in range(runs):
        for count in OPEN:
            out = subprocess.run(
                [sys.executable, "-c", f"import json; from benchmarks.memory import measure; "
                 f"print(json.dumps(measure({count})))"],
                capture_output=True, text=True, check=True, cwd=common.REPO,
            )  # fmt: skip
            results[count].append(json.loads(out.stdout.splitlines()[-1]))
    rows = []
    for count in OPEN:
        rss = [r["open"] for r in results[count]]
        per = [(r["open"] - r["warm"]) / count for r in results[count]] if count else []
        rows.append([count, common.spread(rss, 0), common.spread(per, 1) if per else "–"])
    loaded = [r["loaded"] for rs in results.values() for r in rs]
    warm = [r["warm"] for rs in results.values() for r in rs]
    return "\n\n".join([
        "## Memory",
        f"{common.machine(common.EngineSettings())}; RSS in MiB, {runs} fresh processes per "
        f"row, median (min–max). Sessions recorded {CLIP} at once and stay open. Model loaded, "
        f"nothing else: {common.spread(loaded, 0)} MiB; after the warm-up (first live and final "
        f"passes): {common.spread(warm, 0)} MiB.",
        common.table(["open sessions", "RSS MiB", "extra per session MiB"], rows),
    ])  # fmt: skip
