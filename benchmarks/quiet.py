"""Quiet microphones: the live captions and the final pass of speech played softly.

Each clip's samples are scaled down by each of ``LEVELS`` (a microphone whose volume is set low,
or a laptop's across a room), then stepped through as ``benchmarks.stepped`` does (committed
and revised live text), and transcribed by the app's final pass from a 16-bit .wav as a
recording keeps it (``Engine.transcribe_recording``). The same run measures the app without
its gain for quiet audio (``core.gain``: ``MAX_GAIN`` set to 1) as the baseline.
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import soundfile

from benchmarks import common
from benchmarks.stepped import step_through
from benchmarks.wer import wer
from transcrevai_desktop.core import gain
from transcrevai_desktop.core.decoding import decode_file
from transcrevai_desktop.core.devices import MODEL_RATE, WAV_SUBTYPE
from transcrevai_desktop.core.engine import Engine
from transcrevai_desktop.core.speakers import OFF

LEVELS = (0.0, -40.0, -50.0)  # dB: as recorded, then quieter
CLIPS = (  # short clips of both languages and of every level they were recorded at
    "en_jfk",
    "en_mfa_acoustic_corpus",
    "ptbr_nurcsp_D2_255_1830.28_1844.86",
    "ptbr_nurcsp_D2_255_2129.06_2137.17",
    "ptbr_ufpalign_falabrasil",
    "pt_picovoice_leopard_test_pt",
    "ptbr_cv_19484624",  # recorded quiet: its loudest 32 ms at -45 dBFS
)


@contextmanager
def _gain(on: bool) -> Iterator[None]:
    """The app as it is, or without its gain for quiet audio (``MAX_GAIN`` set to 1)."""
    kept = gain.MAX_GAIN
    gain.MAX_GAIN = kept if on else 1.0
    try:
        yield
    finally:
        gain.MAX_GAIN = kept


def final_text(engine: Engine, clip: common.Clip, level: float) -> str:
    """The app's final pass over the clip scaled by ``level``, kept as a recording keeps it."""
    with tempfile.TemporaryDirectory() as folder:
        wav = Path(folder) / "audio.wav"
        audio = decode_file(clip.path) * np.float32(level)
        soundfile.write(wav, audio, MODEL_RATE, subtype=WAV_SUBTYPE)
        return engine.transcribe_recording(wav, clip.language, speakers=OFF).text


def run(clip_names: Sequence[str], runs: int) -> str:
    engine = common.engine()
    rows = []
    means: dict[tuple[str, float], list[float]] = {}
    for clip in common.clips(clip_names or CLIPS):
        for db in LEVELS:
            level = 10 ** (db / 20)
            cells: list[str] = [clip.name, f"{db:g}"]
            for gain_on in (False, True):
                with _gain(gain_on):
                    live = [step_through(engine, clip, level=level) for _ in range(runs)]
                    final = final_text(engine, clip, level)
                scores = [
                    statistics.median(wer(clip.reference, text, language=clip.language)
                                      for text in texts)
                    for texts in ([r[0] for r in live], [r[1] for r in live], [final])
                ]  # fmt: skip
                cells.append(" / ".join(f"{100 * s:.1f}" for s in scores))
                means.setdefault(("with" if gain_on else "without", db), []).append(scores[1])
            rows.append(cells)
    summary = "; ".join(
        f"{db:g} dB: revised {100 * statistics.mean(means[('without', db)]):.1f} % without the "
        f"gain, {100 * statistics.mean(means[('with', db)]):.1f} % with it"
        for db in LEVELS
    )
    return "\n\n".join([
        "## Quiet microphones",
        f"{common.machine(engine.settings)}; {runs} run(s) of the live captions per figure "
        "(stepped through, see *Live captions stepped through*), one final pass. Each clip "
        "scaled down by the level given, in dB. WER in %, numbers spelled out: committed / "
        "revised / final pass, without the gain for quiet audio (`core.gain`) and with it "
        "(the app).",
        f"Mean of clips: {summary}.",
        common.table(["clip", "level, dB", "without the gain", "with the gain (the app)"], rows),
    ])  # fmt: skip
