"""Caption latency and live-vs-offline accuracy, from the same live runs.

Each clip is fed alone through the live pipeline at real-time pace (``Session.start(input_file=)``,
the path ``transcrevai record --input`` takes), RUNS times. Latency of a committed word = when it
was emitted − the audio time its word ended, both from the first captured sample. Accuracy: WER
(and CER for Portuguese) of the live committed text and of the final-pass .txt, beside plain
faster-whisper ``transcribe()`` on the same file with the final pass's model and settings, and
with faster-whisper's defaults. The live settings under test (the app's, and a baseline such as
Whisper's full 30 s encoder context) are measured in the same run.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks import common
from benchmarks.wer import cer, wer

BASELINE_CLIPS_MAX_SECONDS = 30.0  # the baseline runs on the short clips only (time)


@dataclass
class Variant:
    label: str
    settings: dict[str, object]


def offline_texts(clip: common.Clip, engine) -> dict[str, str]:
    """Plain faster-whisper on the clip: with the final pass's settings, and its defaults."""
    from faster_whisper import decode_audio

    audio = decode_audio(str(clip.path))
    model, ours = engine.model(), engine.settings
    same = model.transcribe(
        audio,
        language=clip.language,
        beam_size=ours.final_beam_size,
        vad_filter=True,
        word_timestamps=True,
        condition_on_previous_text=False,
        hallucination_silence_threshold=2.0,
    )[0]
    defaults = model.transcribe(audio, language=clip.language)[0]
    return {
        "same": " ".join(s.text for s in same),
        "defaults": " ".join(s.text for s in defaults),
    }


def run(clip_names: Sequence[str], runs: int, variants: Sequence[Variant]) -> str:
    all_clips = common.clips(clip_names)
    latency_rows, accuracy_rows, summary_rows = [], [], []
    offline: dict[str, dict[str, str]] = {}
    for variant in variants:
        engine = common.engine(**variant.settings)
        chosen = (
            all_clips
            if variant is variants[0]
            else [clip for clip in all_clips if clip.duration <= BASELINE_CLIPS_MAX_SECONDS]
        )
        everything: list[float] = []
        live_wers, final_wers = [], []
        for clip in chosen:
            results = [common.record(engine, [clip]).sessions[0] for _ in range(runs)]
            medians = [statistics.median(r.latencies) for r in results if r.latencies]
            p90s = [common.percentile(r.latencies, 90) for r in results if r.latencies]
            everything += [lat for r in results for lat in r.latencies]
            latency_rows.append([
                clip.name, variant.label, len(results[0].latencies),
                common.spread(medians) if medians else "–", common.spread(p90s) if p90s else "–",
            ])  # fmt: skip
            live = [wer(clip.reference, r.live_text) for r in results]
            final = [wer(clip.reference, r.final_text) for r in results]
            live_wers.append(statistics.median(live))
            final_wers.append(statistics.median(final))
            if clip.name not in offline:
                offline[clip.name] = offline_texts(clip, engine)
            texts = offline[clip.name]
            row = [
                clip.name, variant.label, common.spread(live, 1, 100), common.spread(final, 1, 100),
                f"{100 * wer(clip.reference, texts['same']):.1f}",
                f"{100 * wer(clip.reference, texts['defaults']):.1f}",
            ]  # fmt: skip
            if clip.language == "pt":
                live_cer = [cer(clip.reference, r.live_text) for r in results]
                row.append(
                    f"{common.spread(live_cer, 1, 100)} / "
                    f"{100 * cer(clip.reference, results[0].final_text):.1f} / "
                    f"{100 * cer(clip.reference, texts['same']):.1f}"
                )
            else:
                row.append("")
            accuracy_rows.append(row)
        summary_rows.append([
            variant.label, len(chosen), len(everything),
            f"{statistics.median(everything):.2f}", f"{common.percentile(everything, 90):.2f}",
            f"{100 * statistics.mean(live_wers):.1f}", f"{100 * statistics.mean(final_wers):.1f}",
        ])  # fmt: skip
    settings = common.EngineSettings(**variants[0].settings)  # type: ignore[arg-type]
    return "\n\n".join([
        "## Caption latency and live accuracy",
        f"{common.machine(settings)}; {runs} runs per clip, each figure the median of the runs "
        "(min–max). Latency: committed word emitted − the audio time its word ended. WER in %, "
        "normalised by `benchmarks/wer.py` (lower case, punctuation and apostrophes dropped, "
        f"numbers as written). The baseline runs the clips of ≤ {BASELINE_CLIPS_MAX_SECONDS:.0f} s "
        "only.",
        "### Summary (all words of all runs)",
        common.table(
            ["live settings", "clips", "words", "median s", "p90 s",
             "live WER (mean of clips)", "final WER (mean of clips)"],
            summary_rows,
        ),
        "### Latency per clip",
        common.table(["clip", "live settings", "words", "median s", "p90 s"], latency_rows),
        "### Accuracy per clip (WER %)",
        "*faster-whisper, same*: `transcribe()` with the final pass's settings (beam 5, Silero "
        "VAD, word timings, no conditioning on previous text); *defaults*: `transcribe()` with its "
        "defaults. Both deterministic: one run. CER for Portuguese: live / final / "
        "faster-whisper same.",
        common.table(
            ["clip", "live settings", "live", "final pass", "faster-whisper, same",
             "faster-whisper, defaults", "CER % (pt)"],
            accuracy_rows,
        ),
    ])  # fmt: skip
