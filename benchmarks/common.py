"""What every benchmark shares: the speech clips, the in-process recording harness, the
Markdown formatting and ``docs/benchmarks.md``."""

from __future__ import annotations

import csv
import logging
import os
import re
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import psutil
import soundfile

from transcrevai_desktop.core.engine import Engine, EngineSettings
from transcrevai_desktop.core.streaming import CaptionEvent

log = logging.getLogger("benchmarks")
REPO = Path(__file__).resolve().parent.parent
SPEECH = REPO.parent / "shared" / "speech"
DOCS = REPO / "docs" / "benchmarks.md"


@dataclass(frozen=True)
class Clip:
    name: str
    path: Path
    language: str  # the code the app is given: "pt" or "en"
    duration: float
    reference: str


def clips(names: Sequence[str] = ()) -> list[Clip]:
    """The clips of ``../shared/speech`` (MANIFEST.tsv order), or those named."""
    with (SPEECH / "MANIFEST.tsv").open(encoding="utf-8") as manifest:
        rows = list(csv.DictReader(manifest, delimiter="\t"))
    found = [
        Clip(
            name=Path(row["file"]).stem,
            path=SPEECH / row["file"],
            language=row["language"].split("-")[0],
            duration=float(row["duration_seconds"]),
            reference=(SPEECH / f"{Path(row['file']).stem}.txt").read_text(encoding="utf-8"),
        )
        for row in rows
    ]
    if not names:
        return found
    by_name = {clip.name: clip for clip in found}
    missing = [name for name in names if name not in by_name]
    if missing:
        raise SystemExit(f"no such clip in {SPEECH}: {', '.join(missing)}")
    return [by_name[name] for name in names]


def engine(**settings: object) -> Engine:
    """An engine with the app's defaults (bundled base, int8) changed by ``settings``; the
    model is loaded before it is returned so no measurement pays for loading it."""
    made = Engine(EngineSettings(**settings))  # type: ignore[arg-type]
    made.model()
    return made


# -- the recording harness -------------------------------------------------------------------
@dataclass
class SessionRun:
    """One session fed a clip at real-time pace (the path of ``transcrevai record --input``)."""

    clip: Clip
    latencies: list[float] = field(default_factory=list)  # per committed word, seconds
    # per stretch revised, from its end to its first revision (a stretch revised again, with
    # the short one after it, counts once: its text was final-pass quality from the first)
    revision_latencies: list[float] = field(default_factory=list)
    live_text: str = ""  # committed, as it came
    revised_text: str = ""  # as shown once revisions came
    revisions: int = 0
    stretches: int = 0  # stretches of committed speech (each may be revised once)
    final_text: str = ""
    status: str = ""
    recorded_samples: int = 0
    clip_samples: int = 0
    max_lag: float = 0.0  # the most audio the live captions had not looked at yet, seconds
    final_seconds: float = 0.0  # end of the audio → transcript written

    @property
    def lost_seconds(self) -> float:
        return max(0, self.clip_samples - self.recorded_samples) / 16000


@dataclass
class Recording:
    sessions: list[SessionRun]
    wall_seconds: float
    cpu_percent: float  # this process, share of all cores, while the audio played


def record(engine: Engine, batch: Sequence[Clip]) -> Recording:
    """Feed every clip of ``batch`` into its own session at once, at real-time pace, and wait
    for their final transcripts; one shared engine, as in the app."""
    from PySide6.QtCore import QCoreApplication

    from transcrevai_desktop.core.decoding import decode_file
    from transcrevai_desktop.core.session import BUSY, SessionStatus
    from transcrevai_desktop.core.session_manager import SessionManager

    app = QCoreApplication.instance() or QCoreApplication([])
    process = psutil.Process()
    with tempfile.TemporaryDirectory(prefix="transcrevai-bench-") as library:
        manager = SessionManager(library_dir=Path(library), engine=engine)
        sessions = [manager.get_session(manager.create_session()) for _ in batch]
        runs = [SessionRun(clip) for clip in batch]
        ended: dict[int, float] = {}  # audio over, by session
        done: dict[int, float] = {}  # transcript written (or failed), by session
        first_revisions: list[dict[int, CaptionEvent]] = [{} for _ in batch]  # by utterance

        def on_caption(index: int, event: CaptionEvent) -> None:
            if event.kind == "revised":
                first_revisions[index].setdefault(event.utterance, event)

        def on_status(index: int, status: str) -> None:
            if status == SessionStatus.PROCESSING:
                ended[index] = time.monotonic()
            elif status not in BUSY:
                done[index] = time.monotonic()

        for index, (session, clip) in enumerate(zip(sessions, batch, strict=True)):
            assert session is not None
            session.status_changed.connect(lambda s, _m, i=index: on_status(i, s))
            session.caption.connect(lambda event, i=index: on_caption(i, event))
            session.start(language=clip.language, input_file=clip.path)
        started, cpu_before = time.monotonic(), process.cpu_times()
        cpu_percent = None
        while any(s.status in BUSY for s in sessions):
            app.processEvents()
            for run, session in zip(runs, sessions, strict=True):
                run.max_lag = max(run.max_lag, session.caption_lag)
            if cpu_percent is None and len(ended) == len(sessions):
                cpu_percent = _cpu_share(process, cpu_before, time.monotonic() - started)
            time.sleep(0.05)
        wall = time.monotonic() - started
        app.processEvents()  # the last captions, if they were queued to this thread
        for index, (run, session) in enumerate(zip(runs, sessions, strict=True)):
            run.status = session.status.value
            origin = session.audio_origin or started
            run.latencies = [
                event.emitted_at - (origin + word.end)
                for event in session.committed
                for word in event.words
            ]
            run.revision_latencies = [
                event.emitted_at - (origin + event.end) for event in first_revisions[index].values()
            ]
            run.revisions = len(session.revisions)
            run.stretches = len({event.utterance for event in session.committed})
            run.live_text = session.committed_text
            run.revised_text = session.caption_text
            # the words only: transcript.txt names the speakers when it finds two or more
            transcript = session.transcript()
            run.final_text = transcript.text if transcript is not None else ""
            run.recorded_samples = soundfile.info(session.files["audio"]).frames
            run.clip_samples = len(decode_file(run.clip.path))
            run.final_seconds = done.get(index, 0.0) - ended.get(index, 0.0)
        engine.wait()
    return Recording(runs, wall, cpu_percent or 0.0)


def _cpu_share(process: psutil.Process, before, wall: float) -> float:
    after = process.cpu_times()
    used = (after.user - before.user) + (after.system - before.system)
    return 100 * used / (wall * (os.cpu_count() or 1))


# -- tables ----------------------------------------------------------------------------------
def spread(values: Sequence[float], digits: int = 2, scale: float = 1.0) -> str:
    """ "median (min–max)" of several runs."""
    scaled = [v * scale for v in values]
    median = statistics.median(scaled)
    if min(scaled) == max(scaled):
        return f"{median:.{digits}f}"
    return f"{median:.{digits}f} ({min(scaled):.{digits}f}–{max(scaled):.{digits}f})"


def percentile(values: Sequence[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def machine(settings: EngineSettings) -> str:
    cpu = re.sub(r"\s+", " ", _cpu_model())
    return (
        f"{os.cpu_count()} CPU cores ({cpu}), model {settings.model} {settings.compute_type}, "
        f"{time.strftime('%Y-%m-%d')}"
    )


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def publish(name: str, markdown: str) -> None:
    """Print a benchmark's section and put it into docs/benchmarks.md (replacing its last run,
    keeping the other sections)."""
    print(markdown, flush=True)
    begin, end = f"<!-- begin {name} -->", f"<!-- end {name} -->"
    block = f"{begin}\n{markdown.strip()}\n{end}"
    text = DOCS.read_text(encoding="utf-8") if DOCS.exists() else "# Benchmarks\n"
    if begin in text:
        text = re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOCS.write_text(text, encoding="utf-8")
