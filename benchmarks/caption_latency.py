"""Caption latency: how long after a word is spoken it appears as committed text.

Each clip is fed through the live pipeline at real-time pace (``transcrevai record --input``);
for every committed word, latency = when it was emitted - the audio time its word ended (both
measured from the start of the recording). Prints a Markdown table: median and p90 per clip and
overall, median over RUNS runs of each figure.

    python -m benchmarks.caption_latency [CLIP_NAME ...] [--runs N] [--model NAME]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

log = logging.getLogger("benchmarks.caption_latency")
SPEECH = Path(__file__).resolve().parent.parent.parent / "shared" / "speech"
DEFAULT_CLIPS = ["en_jfk", "en_mfa_acoustic_corpus", "ptbr_ufpalign_falabrasil",
                 "pt_picovoice_leopard_test_pt"]  # fmt: skip


def word_latencies(clip: Path, model: str, language: str) -> list[float]:
    """One live run of ``clip``: the latency of every committed word, in seconds."""
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run(
            [sys.executable, "-m", "transcrevai_desktop", "record", "--json", "--input",
             str(clip), "--out", out, "--model", model, "--language", language],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
    latencies = []
    for line in result.stdout.splitlines():
        event = json.loads(line)
        if event["event"] == "committed":
            latencies += [event["t"] - word["end"] for word in event["words"]]
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clips", nargs="*", default=DEFAULT_CLIPS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--model", default="base")
    args = parser.parse_args()
    rows, everything = [], []
    for name in args.clips:
        (clip,) = [p for p in SPEECH.glob(f"{name}.*") if p.suffix != ".txt"]
        language = "pt" if name.startswith("pt") else "en"
        runs = [word_latencies(clip, args.model, language) for _ in range(args.runs)]
        medians = [float(np.median(r)) for r in runs]
        p90s = [float(np.percentile(r, 90)) for r in runs]
        everything += [lat for r in runs for lat in r]
        rows.append(
            f"| {name} | {len(runs[0])} | {statistics.median(medians):.2f} "
            f"({min(medians):.2f}–{max(medians):.2f}) | {statistics.median(p90s):.2f} "
            f"({min(p90s):.2f}–{max(p90s):.2f}) |"
        )
    print(f"Caption latency, model {args.model} int8, {os.cpu_count()} CPU cores, "
          f"{args.runs} runs per clip (median, min–max)\n")  # fmt: skip
    print("| clip | words | median s | p90 s |\n|---|---|---|---|")
    print("\n".join(rows))
    print(f"| **all** | {len(everything)} | {np.median(everything):.2f} | "
          f"{np.percentile(everything, 90):.2f} |")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
