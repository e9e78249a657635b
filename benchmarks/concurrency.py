"""Concurrent tabs: N sessions fed at real-time pace at once, one shared model.

Every session records the same clip (its final transcript is then comparable with the clip
recorded alone). Reported per N, median of the runs (min–max): committed-word latency (median and
p90 over all sessions' words; and the worst session's median), the most the live captions fell
behind, this process's CPU (share of all cores) while the audio played, audio lost (samples the
clip has that the .wav lacks), and the final transcripts' WER against the reference.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from benchmarks import common
from benchmarks.wer import wer

CLIP = "en_mfa_acoustic_corpus"  # 27 s of fast and slow speech, pauses included
SESSIONS = (1, 2, 3, 4, 6)


def run(runs: int, counts: Sequence[int] = SESSIONS, clip_name: str = CLIP) -> str:
    clip = common.clips([clip_name])[0]
    engine = common.engine()
    rows = []
    for count in counts:
        medians, p90s, worst, lags, cpus, lost, wers = [], [], [], [], [], [], []
        for _ in range(runs):
            recording = common.record(engine, [clip] * count)
            words = [lat for s in recording.sessions for lat in s.latencies]
            medians.append(statistics.median(words))
            p90s.append(common.percentile(words, 90))
            worst.append(max(statistics.median(s.latencies) for s in recording.sessions))
            lags.append(max(s.max_lag for s in recording.sessions))
            cpus.append(recording.cpu_percent)
            lost.append(sum(s.lost_seconds for s in recording.sessions))
            wers.append(max(wer(clip.reference, s.final_text) for s in recording.sessions))
        rows.append([
            count, common.spread(medians), common.spread(p90s), common.spread(worst),
            common.spread(lags, 1), common.spread(cpus, 0), common.spread(lost, 2),
            common.spread(wers, 1, 100),
        ])  # fmt: skip
    return "\n\n".join([
        "## Concurrent tabs",
        f"{common.machine(engine.settings)}; clip {clip.name} ({clip.duration:.0f} s) in every "
        f"session, {runs} runs per row, median (min–max).",
        common.table(
            ["sessions", "latency median s", "latency p90 s", "worst session's median s",
             "most behind s", "CPU %", "audio lost s", "worst final WER %"],
            rows,
        ),
    ])  # fmt: skip
