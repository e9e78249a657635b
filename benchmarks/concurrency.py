"""Concurrent tabs: N sessions fed at real-time pace at once, one shared model.

Every session records the same clip (its final transcript is then comparable with the clip
recorded alone). Reported per N, median of the runs (min–max): committed-word latency (median and
p90 over all sessions' words; and the worst session's median), the most the live captions fell
behind, this process's CPU (share of all cores) while the audio played, audio lost (samples the
clip has that the .wav lacks), the share of stretches of speech whose revision came (the others
were skipped under load), and the final transcripts' WER against the reference.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from benchmarks import common
from benchmarks.wer import wer

CLIP = "en_mfa_acoustic_corpus"  # 27 s of fast and slow speech, pauses included
SESSIONS = (1, 2, 3, 4, 6)
BASELINE = ("before: 1 model worker, no revisions", {"workers": 1, "revise": False}, (1, 3, 6))


def run(runs: int, counts: Sequence[int] = SESSIONS, clip_name: str = CLIP) -> str:
    clip = common.clips([clip_name])[0]
    rows = []
    for label, settings, variant_counts in [("app", {}, counts), BASELINE]:
        engine = common.engine(**settings)
        rows += _rows(engine, clip, runs, label, variant_counts)
    return "\n\n".join([
        "## Concurrent tabs",
        f"{common.machine(engine.settings)}; clip {clip.name} ({clip.duration:.0f} s) in every "
        f"session, {runs} runs per row, median (min–max). *app*: two model workers and "
        "revisions; the baseline is the previous release's one pass at a time, measured in the "
        "same run.",
        common.table(
            ["variant", "sessions", "latency median s", "latency p90 s",
             "worst session's median s", "most behind s", "CPU %", "audio lost s",
             "revised stretches %", "worst final WER %"],
            rows,
        ),
    ])  # fmt: skip


def _rows(engine, clip: common.Clip, runs: int, label: str, counts: Sequence[int]) -> list:
    rows = []
    for count in counts:
        medians, p90s, worst, lags, cpus, lost, wers, revised = [], [], [], [], [], [], [], []
        for _ in range(runs):
            recording = common.record(engine, [clip] * count)
            words = [lat for s in recording.sessions for lat in s.latencies]
            medians.append(statistics.median(words))
            p90s.append(common.percentile(words, 90))
            worst.append(max(statistics.median(s.latencies) for s in recording.sessions))
            lags.append(max(s.max_lag for s in recording.sessions))
            cpus.append(recording.cpu_percent)
            lost.append(sum(s.lost_seconds for s in recording.sessions))
            wers.append(
                max(wer(clip.reference, s.final_text, language="en") for s in recording.sessions)
            )
            revised.append(
                sum(s.revisions for s in recording.sessions)
                / max(1, sum(s.stretches for s in recording.sessions))
            )
        rows.append([
            label, count, common.spread(medians), common.spread(p90s), common.spread(worst),
            common.spread(lags, 1), common.spread(cpus, 0), common.spread(lost, 2),
            common.spread(revised, 0, 100), common.spread(wers, 1, 100),
        ])  # fmt: skip
    return rows
