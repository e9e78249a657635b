"""Final pass speed: the app's final pass against plain faster-whisper on the same file, and
``transcrevai transcribe`` on a 10-minute file.

The app's side is ``Session.transcribe_file`` (decode, save the session's .wav, the final pass,
write .txt/.srt/.json), without speaker labels (what they add is in the *Speakers* benchmark),
timed to its ``complete`` status; plain faster-whisper decodes the same
file and runs ``transcribe()`` with the same model and settings (beam 5, Silero VAD, word
timings). The two alternate within each run, so both see the same machine state.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import soundfile

from benchmarks import common

CLIPS = ("en_lucier_sitting_in_a_room", "ptbr_tts_corpus_20phrases", "en_sonnet001_librivox")
LONG_SECONDS = 600


def _ours(engine, clip: common.Clip) -> float:
    from PySide6.QtCore import QCoreApplication

    from transcrevai_desktop.core.session import BUSY
    from transcrevai_desktop.core.session_manager import SessionManager
    from transcrevai_desktop.core.speakers import OFF

    app = QCoreApplication.instance() or QCoreApplication([])
    with tempfile.TemporaryDirectory() as library:
        manager = SessionManager(library_dir=Path(library), engine=engine)
        session = manager.get_session(manager.create_session())
        started = time.perf_counter()
        session.transcribe_file(clip.path, clip.language, speakers=OFF)  # labels: *Speakers*
        while session.status in BUSY:
            app.processEvents()
            time.sleep(0.01)
        elapsed = time.perf_counter() - started
        assert session.status == "complete", session.message
    return elapsed


def _plain(engine, clip: common.Clip) -> float:
    from faster_whisper import decode_audio

    started = time.perf_counter()
    segments, _ = engine.model().transcribe(
        decode_audio(str(clip.path)),
        language=clip.language,
        vad_filter=True,
        **engine.settings.final_options(),
    )
    list(segments)
    return time.perf_counter() - started


def _long_file(folder: Path) -> Path:
    """English clips of ../shared/speech end to end until ``LONG_SECONDS``."""
    from faster_whisper import decode_audio

    parts = [decode_audio(str(c.path)) for c in common.clips() if c.language == "en"]
    audio, total = [], 0
    while total < LONG_SECONDS * 16000:
        for part in parts:
            audio.append(part)
            total += len(part)
    path = folder / "ten-minutes.wav"
    soundfile.write(path, np.concatenate(audio)[: LONG_SECONDS * 16000], 16000)
    return path


def run(runs: int) -> str:
    engine = common.engine()
    rows = []
    for clip in common.clips(CLIPS):
        ours, plain = [], []
        for _ in range(runs):
            ours.append(_ours(engine, clip))
            plain.append(_plain(engine, clip))
        ratios = [o / p for o, p in zip(ours, plain, strict=True)]
        rows.append([
            clip.name, f"{clip.duration:.0f}", common.spread(ours), common.spread(plain),
            common.spread(ratios), f"{statistics.median(ours) / clip.duration:.3f}",
        ])  # fmt: skip
    with tempfile.TemporaryDirectory() as folder:
        long_file = _long_file(Path(folder))
        walls = []
        for _ in range(runs):
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "transcrevai_desktop", "transcribe", str(long_file),
                 "--language", "en", "--out", folder],
                check=True, capture_output=True,
            )  # fmt: skip
            walls.append(time.perf_counter() - started)
    rtf = [wall / LONG_SECONDS for wall in walls]
    return "\n\n".join([
        "## Final pass speed",
        f"{common.machine(engine.settings)}; {runs} runs, median (min–max), seconds.",
        common.table(
            ["clip", "audio s", "app's final pass s", "plain faster-whisper s", "ratio",
             "real-time factor"],
            rows,
        ),
        f"`transcrevai transcribe` on a {LONG_SECONDS // 60}-minute file (English clips end to "
        f"end), whole command including start-up and model load: {common.spread(walls, 1)} s, "
        f"real-time factor {common.spread(rtf, 3)}.",
    ])  # fmt: skip
