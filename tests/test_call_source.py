"""Both sides of a call: two devices on two clocks kept in step, and a call recorded."""

from __future__ import annotations

import numpy as np
import pytest

from transcrevai_desktop.core.call_source import MAX_CORRECTION, ChannelAligner
from transcrevai_desktop.core.devices import MODEL_RATE

BLOCK = 800  # 50 ms, as the microphone delivers


def _simulate(ppm: float, seconds: float, jitter: float = 0.0, seed: int = 0) -> tuple:
    """Feed an aligner two inputs for ``seconds`` of the first device's clock; the second's
    clock runs ``ppm`` faster (negative: slower) and its blocks arrive up to ``jitter``
    seconds late. Both carry the true time of every sample; returns the aligner and the
    largest gap between the two channels' times in the last second."""
    rng = np.random.default_rng(seed)
    aligner = ChannelAligner()
    rate_b = MODEL_RATE * (1 + ppm / 1e6)
    events = []  # (arrival time, which, block of true times)
    for k in range(int(seconds * MODEL_RATE / BLOCK)):
        times = (k * BLOCK + np.arange(BLOCK)) / MODEL_RATE
        events.append((times[-1], 0, times))
    sent_b, k = 0, 0
    while sent_b / rate_b < seconds:
        times = (sent_b + np.arange(BLOCK)) / rate_b
        events.append((times[-1] + rng.uniform(0, jitter), 1, times))
        sent_b += BLOCK
    events.sort(key=lambda e: (e[0], e[1]))
    out = []
    for _, which, times in events:
        if which == 1:
            aligner.second(times.astype(np.float64))
        else:
            out.append(aligner.first(times))
    frames = np.concatenate(out)
    last = frames[-MODEL_RATE:]
    real = last[:, 1] > 0  # padded silence carries no time
    return aligner, float(np.max(np.abs(last[real, 0] - last[real, 1])))


@pytest.mark.parametrize("ppm", [100, -100])
def test_a_hundred_ppm_of_drift_over_an_hour_stays_within_50_ms(ppm):
    aligner, apart = _simulate(ppm, 3600.0)
    assert apart < 0.05, apart
    corrected = aligner.dropped if ppm > 0 else aligner.padded
    assert 0.3 * 0.36 * MODEL_RATE < corrected < 3 * 0.36 * MODEL_RATE  # 360 ms of drift


def test_late_blocks_are_not_taken_for_drift():
    aligner, apart = _simulate(0, 600.0, jitter=0.04)
    assert apart < 0.05, apart
    assert aligner.dropped <= MAX_CORRECTION * MODEL_RATE * 2
