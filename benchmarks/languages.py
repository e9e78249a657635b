"""The language left to detect: recordings that change language, built from the shared clips,
and each clip alone, stepped through the live captions (as ``stepped`` does) with no language
given, against the app's final pass over the same audio.

The live passes detect a language on their first seconds and keep it; each revision of a
stretch of ``MIN_REVISION`` seconds or more detects the stretch's own, and the live passes
follow one it is sure of (``StreamingTranscriber.revise``). The final pass detects each
segment's (``Engine._decode``). WER in %, numbers as written (a mix has no one language to
spell them in).
"""

from __future__ import annotations

import statistics
import tempfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import soundfile

from benchmarks import common
from benchmarks.stepped import step_through
from benchmarks.wer import wer
from transcrevai_desktop.core.decoding import decode_file
from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.speakers import OFF

PAUSE = 1.0  # seconds of silence between the clips of a mix


def _mixes(clips: Sequence[common.Clip]) -> list[tuple[str, list[str]]]:
    portuguese = [c.name for c in clips if c.language == "pt"]
    return [
        ("en_sonnet001, then ptbr_tts", ["en_sonnet001_librivox", "ptbr_tts_corpus_20phrases"]),
        ("ptbr_tts, then en_sonnet001", ["ptbr_tts_corpus_20phrases", "en_sonnet001_librivox"]),
        (
            "8 Portuguese clips, en_jfk and en_mfa, 8 more",
            [*portuguese[:8], "en_jfk", "en_mfa_acoustic_corpus", *portuguese[8:]],
        ),
    ]


def _built(folder: Path, name: str, parts: Sequence[common.Clip]) -> common.Clip:
    """The clips ``parts`` one after another, ``PAUSE`` apart, as a .wav in ``folder``."""
    pause = np.zeros(int(PAUSE * MODEL_RATE), np.float32)
    audio = np.concatenate([piece for p in parts for piece in (decode_file(p.path), pause)])
    path = folder / f"{len(list(folder.iterdir()))}.wav"
    soundfile.write(path, audio, MODEL_RATE)
    reference = " ".join(p.reference.strip() for p in parts)
    return common.Clip(name, path, parts[0].language, len(audio) / MODEL_RATE, reference)


def run(clip_names: Sequence[str], runs: int) -> str:
    engine = common.engine()
    every = common.clips()
    by_name = {c.name: c for c in every}
    rows, means = [], {"committed": [], "revised": [], "final": []}
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        audios = [
            _built(folder, name, [by_name[n] for n in names]) for name, names in _mixes(every)
        ]
        audios += [_built(folder, c.name, [c]) for c in common.clips(clip_names)]
        for index, audio in enumerate(audios):
            results = [step_through(engine, audio, detect=True) for _ in range(runs)]
            final = engine.transcribe_recording(audio.path, None, speakers=OFF).text
            figures = {
                "committed": [wer(audio.reference, r[0]) for r in results],
                "revised": [wer(audio.reference, r[1]) for r in results],
                "final": [wer(audio.reference, final)],
            }
            if index >= len(_mixes(every)):  # the mean is over the clips alone
                for kind, values in figures.items():
                    means[kind].append(statistics.median(values))
            rows.append([
                audio.name, f"{audio.duration:.0f}", common.spread(figures["committed"], 1, 100),
                common.spread(figures["revised"], 1, 100), f"{100 * figures['final'][0]:.1f}",
            ])  # fmt: skip
    summary = (
        f"The {len(means['final'])} clips alone, mean: committed "
        f"{100 * statistics.mean(means['committed']):.1f} %, revised "
        f"{100 * statistics.mean(means['revised']):.1f} %, final "
        f"{100 * statistics.mean(means['final']):.1f} %."
        if means["final"]
        else ""
    )
    return "\n\n".join([
        "## The language left to detect",
        f"{common.machine(engine.settings)}; {runs} run(s) per recording, each figure the "
        "median (min–max). Live captions stepped through as in *Live captions stepped "
        "through*, with no language given; *final*: the app's final pass, no language given. "
        f"Mixes: clips of ../shared/speech one after another, {PAUSE:g} s apart. WER in %, "
        "numbers as written (see `benchmarks/languages.py`).",
        summary,
        common.table(["recording", "seconds", "committed", "revised", "final"], rows),
    ])  # fmt: skip
