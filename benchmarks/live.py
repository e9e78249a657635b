"""Caption latency and live-vs-offline accuracy, from the same live runs.

Each clip is fed alone through the live pipeline at real-time pace (``Session.start(input_file=)``,
the path ``transcrevai record --input`` takes), RUNS times. Latency of a committed word = when it
was emitted − the audio time its word ended, both from the first captured sample; latency of a
revision = when it was emitted − the audio time its utterance ended (an utterance revised again
with the short one after it counts once, at its first revision). Accuracy: WER (and CER for
Portuguese) of the committed live text as it came, of the live text once revised, and of the
final-pass .txt, beside plain faster-whisper ``transcribe()`` on the same file with the final
pass's options. The variants (the app's settings, and others such as a revision prompt or
Whisper's full 30 s live context) are measured in the same run.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks import common
from benchmarks.wer import cer, wer


@dataclass
class Variant:
    label: str
    settings: dict[str, object]


def offline_text(clip: common.Clip, engine, **options: object) -> str:
    """Plain faster-whisper on the clip, with the final pass's options (and ``options``)."""
    from faster_whisper import decode_audio

    segments, _ = engine.model().transcribe(
        decode_audio(str(clip.path)),
        language=clip.language,
        vad_filter=True,
        **engine.settings.final_options(),
        **options,
    )
    return " ".join(s.text.strip() for s in segments)


def _mean(values: Sequence[float]) -> str:
    return f"{100 * statistics.mean(values):.1f}"


def run(clip_names: Sequence[str], runs: int, variants: Sequence[Variant]) -> str:
    all_clips = common.clips(clip_names)
    latency_rows, accuracy_rows, summary_rows = [], [], []
    offline: dict[str, str] = {}
    as_written: dict[str, list[float]] = {"committed": [], "revised": [], "final": []}
    for variant in variants:
        engine = common.engine(**variant.settings)
        words: list[float] = []
        revisions: list[float] = []
        means: dict[str, list[float]] = {"committed": [], "revised": [], "final": []}
        for clip in all_clips:
            results = [common.record(engine, [clip]).sessions[0] for _ in range(runs)]
            medians = [statistics.median(r.latencies) for r in results if r.latencies]
            revised_medians = [
                statistics.median(r.revision_latencies) for r in results if r.revision_latencies
            ]
            words += [lat for r in results for lat in r.latencies]
            revisions += [lat for r in results for lat in r.revision_latencies]
            latency_rows.append([
                clip.name, variant.label, len(results[0].latencies),
                common.spread(medians) if medians else "–",
                common.spread([common.percentile(r.latencies, 90) for r in results if r.latencies])
                if medians else "–",
                results[0].revisions,
                common.spread(revised_medians) if revised_medians else "–",
            ])  # fmt: skip
            language = clip.language
            scores = {
                kind: [wer(clip.reference, getattr(r, attr), language=language) for r in results]
                for kind, attr in (
                    ("committed", "live_text"), ("revised", "revised_text"), ("final", "final_text")
                )
            }  # fmt: skip
            for kind, values in scores.items():
                means[kind].append(statistics.median(values))
            if variant is variants[0]:
                for kind, attr in (
                    ("committed", "live_text"), ("revised", "revised_text"), ("final", "final_text")
                ):  # fmt: skip
                    as_written[kind].append(wer(clip.reference, getattr(results[0], attr)))
            if clip.name not in offline:
                offline[clip.name] = offline_text(clip, engine)
            row = [
                clip.name, variant.label, *(common.spread(v, 1, 100) for v in scores.values()),
                f"{100 * wer(clip.reference, offline[clip.name], language=language):.1f}",
            ]  # fmt: skip
            if language == "pt":
                row.append(" / ".join(
                    f"{100 * cer(clip.reference, getattr(results[0], attr), language=language):.1f}"
                    for attr in ("live_text", "revised_text", "final_text")
                ))  # fmt: skip
            else:
                row.append("")
            accuracy_rows.append(row)
        gaps = [r - f for r, f in zip(means["revised"], means["final"], strict=True)]
        summary_rows.append([
            variant.label, len(all_clips), len(words),
            f"{statistics.median(words):.2f}", f"{common.percentile(words, 90):.2f}",
            len(revisions),
            f"{statistics.median(revisions):.2f}" if revisions else "–",
            _mean(means["committed"]), _mean(means["revised"]), _mean(means["final"]),
            f"{100 * max(gaps):.1f}",
        ])  # fmt: skip
    settings = common.EngineSettings(**variants[0].settings)  # type: ignore[arg-type]
    return "\n\n".join([
        "## Caption latency and live accuracy",
        f"{common.machine(settings)}; {runs} run(s) per clip, each figure the median of the runs "
        "(min–max). Latency: committed word emitted − the audio time its word ended; revision "
        "emitted − the audio time its utterance ended. WER in %, normalised by "
        "`benchmarks/wer.py` with numbers spelled out in the clip's language (and English "
        "contractions as the words they stand for). *committed*: the "
        "live text as it came; *revised*: the live text once each utterance's revision replaced "
        "it (what the user reads a second or two after each pause); *final*: the final pass.",
        "### Summary (all words of all runs)",
        common.table(
            ["variant", "clips", "words", "committed median s", "committed p90 s", "revisions",
             "revision median s", "committed WER", "revised WER", "final WER",
             "worst clip: revised − final"],
            summary_rows,
        ),
        "The same runs (first variant, first run) with numbers and contractions as written, the "
        f"normaliser before issue 9: committed {_mean(as_written['committed'])} %, revised "
        f"{_mean(as_written['revised'])} %, final {_mean(as_written['final'])} % (mean of clips).",
        "### Latency per clip",
        common.table(
            ["clip", "variant", "words", "median s", "p90 s", "revisions", "revision median s"],
            latency_rows,
        ),
        "### Accuracy per clip (WER %)",
        "*faster-whisper*: `transcribe()` with the final pass's options, deterministic, one run. "
        "CER for Portuguese: committed / revised / final (first run).",
        common.table(
            ["clip", "variant", "committed", "revised", "final pass", "faster-whisper",
             "CER % (pt)"],
            accuracy_rows,
        ),
    ])  # fmt: skip
