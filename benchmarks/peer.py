"""A streaming peer measured in the same run as the app: whisper_streaming's LocalAgreement-2
online processor with the faster-whisper backend, as packaged in **whisperlivekit 0.2.26**
(PyPI), on the same bundled Whisper base model (CTranslate2, int8, CPU, 2 threads).

The peer lives in its own virtual environment, never in the app's. Create it once (it needs
PyPI, about 40 s and 1.8 GB; ``torch==2.13.0`` first so the CPU build is taken, not a CUDA one —
on this project's machines that wheel lies on disk)::

    scripts/peer_setup.sh    # .peer-venv in the project folder (git ignores it)

Everything then runs offline (``HF_HUB_OFFLINE=1``; the model is the folder ``MODEL_DIR``).

Which peer, and what did not run (checked with ``pip download --no-deps`` and the packages'
source):

* **whisperlivekit 0.2.26** — ran offline. Its ``local_agreement`` package is ufal's
  whisper_streaming (``OnlineASRProcessor`` + ``HypothesisBuffer``: a word is committed when two
  consecutive hypotheses agree on it, LocalAgreement-2), with whisper_streaming's faster-whisper
  backend (beam 5, word timestamps, the committed text before the buffer as prompt). It declares
  torch and torchaudio as hard requirements and its backends module imports torch, hence the
  CPU torch above; the LocalAgreement path itself never calls torch. Its own server also puts
  Silero VAD ("VAC") and SimulStreaming in front by default; neither is used here: the runner
  drives the online processor directly, as whisper_streaming's ``whisper_online.py`` does. The
  peer's warm-up downloads a sample (whisper.cpp's jfk.wav): offline, the clip itself serves.
* **whisper-streaming 0.1.0** — not installed. It is a third party's rewrite of ufal's code
  (nkaaf/ufal-whisper_streaming), not ufal's own: its commit buffer departs from the original
  (dropping an n-gram already committed pops the wrong indices), its default sentence trimming
  raises an exception outright, it pins faster-whisper 1.1.1, and it requires ``pyalsaaudio``
  (an sdist, built against ALSA headers) even to read files.
* **realtimestt 1.1.2** — not installed. It is a different design, not a LocalAgreement
  processor: a recorder that cuts utterances with WebRTC + Silero VAD and transcribes each one
  once it ends (plus an uncommitted real-time preview), so it has no committed words to time.
  It requires torch, torchaudio and ``PyAudio`` (an sdist, built against PortAudio headers), and
  its Silero VAD comes from ``torch.hub`` at run time (offline: fails) unless the ``silero-vad``
  package is added.

How a run goes (``benchmarks/peer_runner.py``, in the peer's environment, one subprocess per clip
and run): the clip is decoded to 16 kHz mono (faster-whisper's ``decode_audio``) and fed at
real-time pace in whole 1 s chunks, as a microphone would deliver them (chunk k exists k seconds
after audio time 0); the loop is whisper_streaming's own: wait for at least one new chunk,
insert all that arrived, one ``process_iter()``; when the clip is over ``finish()`` flushes the
unconfirmed tail. Model loading and warm-up come before audio time 0. Latency of a committed
word = when ``process_iter``/``finish`` returned it − the audio time its word ended (both from
audio time 0), as in ``benchmarks/live.py``; words of the final flush count too (the app's live
captions flush at stop as well). WER: of all committed words, normalised by
``benchmarks/wer.py`` with numbers spelled out in the clip's language.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import common
from benchmarks.wer import wer
from transcrevai_desktop.core.models import ensure_bundled_model, model_cache_dir

PEER = "whisperlivekit 0.2.26 (whisper_streaming LocalAgreement-2, faster-whisper backend)"
PEER_VENV = common.REPO / ".peer-venv"
PEER_PYTHON = PEER_VENV / "bin" / "python"
RUNNER = Path(__file__).resolve().parent / "peer_runner.py"
MODEL_DIR = model_cache_dir() / "whisper-base-ct2"  # the app's bundled base model, joined
CHUNK_SECONDS = 1.0
CPU_THREADS = 2
COMPUTE_TYPE = "int8"
INSTALL = "scripts/peer_setup.sh"


@dataclass
class PeerRun:
    clip: common.Clip
    words: list[dict] = field(default_factory=list)  # word, start, end, emitted, flush
    load_seconds: float = 0.0
    calls: int = 0
    max_lag: float = 0.0  # the most arrived audio not yet processed when a call returned, s

    @property
    def latencies(self) -> list[float]:
        return [w["emitted"] - w["end"] for w in self.words]

    @property
    def text(self) -> str:
        return "".join(w["word"] for w in self.words).strip()

    @property
    def flushed(self) -> int:
        return sum(1 for w in self.words if w["flush"])


def check_venv() -> None:
    if not PEER_PYTHON.exists():
        raise SystemExit(
            f"The streaming peer's virtual environment is missing ({PEER_VENV}); create it with: "
            f"{INSTALL}"
        )


def record(clip: common.Clip, model_dir: Path = MODEL_DIR, timeout: float | None = None) -> PeerRun:
    """One run of the peer on ``clip`` at real-time pace, in the peer's environment."""
    check_venv()
    command = [
        str(PEER_PYTHON), "-I", str(RUNNER), "--audio", str(clip.path), "--language", clip.language,
        "--model", str(model_dir), "--chunk", str(CHUNK_SECONDS), "--threads", str(CPU_THREADS),
        "--compute-type", COMPUTE_TYPE,
    ]  # fmt: skip
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}  # -I: none of the app's PYTHON* variables
    done = subprocess.run(
        command, capture_output=True, text=True, env=env, cwd=RUNNER.parent,
        timeout=timeout or 120 + 3 * clip.duration,
    )  # fmt: skip
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"the streaming peer failed on {clip.name} ({done.returncode}):\n{tail}")
    run = PeerRun(clip)
    finished = False
    for line in done.stdout.splitlines():
        if not line.startswith("{"):
            continue
        entry = json.loads(line)
        if "word" in entry:
            run.words.append(entry)
        elif "loaded" in entry:
            run.load_seconds = entry["loaded"]
        elif entry.get("done"):
            run.calls, run.max_lag, finished = entry["calls"], entry["max_lag"], True
    if not finished:
        raise RuntimeError(f"the streaming peer stopped before the end of {clip.name}")
    return run


def run(clip_names: Sequence[str], runs: int) -> str:
    """The "## Streaming peer" section: each clip fed RUNS times to the peer."""
    check_venv()
    ensure_bundled_model(MODEL_DIR.parent)
    all_clips = common.clips(clip_names)
    rows, words, means = [], [], []
    for clip in all_clips:
        results = [record(clip) for _ in range(runs)]
        medians = [statistics.median(r.latencies) for r in results if r.latencies]
        p90s = [common.percentile(r.latencies, 90) for r in results if r.latencies]
        scores = [wer(clip.reference, r.text, language=clip.language) for r in results]
        words += [lat for r in results for lat in r.latencies]
        means.append(statistics.median(scores))
        rows.append([
            clip.name, len(results[0].words), results[0].flushed,
            common.spread(medians) if medians else "–",
            common.spread(p90s) if p90s else "–",
            common.spread([r.max_lag for r in results]),
            common.spread(scores, 1, 100),
        ])  # fmt: skip
    settings = common.EngineSettings(compute_type=COMPUTE_TYPE)
    summary = [[
        PEER, len(all_clips), len(words),
        f"{statistics.median(words):.2f}" if words else "–",
        f"{common.percentile(words, 90):.2f}" if words else "–",
        f"{100 * statistics.mean(means):.1f}",
    ]]  # fmt: skip
    return "\n\n".join([
        "## Streaming peer",
        f"{common.machine(settings)}; {runs} run(s) per clip, each figure the median of the runs "
        f"(min–max). Peer: {PEER}, installed from PyPI in its own virtual environment, on the "
        f"same model folder ({COMPUTE_TYPE}, CPU, {CPU_THREADS} threads, the peer's beam size "
        f"5), fed at real-time pace in {CHUNK_SECONDS:g} s chunks; its end-of-stream flush "
        "counts as committed. Latency: committed word emitted − the audio time its word ended; "
        "WER in % of the committed text, normalised by `benchmarks/wer.py` with numbers spelled "
        "out in the clip's language.",
        "### Summary (all words of all runs)",
        common.table(
            ["peer", "clips", "words", "committed median s", "committed p90 s",
             "committed WER (mean of clips)"],
            summary,
        ),
        "### Per clip",
        "*flushed*: words committed only by the end-of-stream flush (first run); *max lag*: "
        "the most audio that had arrived but was not yet processed when a call returned, s.",
        common.table(
            ["clip", "words", "flushed", "median s", "p90 s", "max lag s", "WER %"], rows
        ),
    ])  # fmt: skip
