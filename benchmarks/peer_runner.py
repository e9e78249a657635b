"""Runs inside the streaming peer's own virtual environment (see ``benchmarks/peer.py``), never
in the app's: it imports only the peer (whisperlivekit), faster-whisper and the standard library.

One clip, one run: the clip's 16 kHz mono audio is fed to whisperlivekit's LocalAgreement
``OnlineASRProcessor`` (ufal whisper_streaming's online processor, LocalAgreement-2) at
real-time pace, in whole chunks of ``--chunk`` seconds, the way a microphone delivers them: chunk
k (audio [k−1, k]·chunk) exists ``k·chunk`` seconds after the start. The loop is whisper_streaming's
own (``whisper_online.py`` / its server with ``--min-chunk-size``): wait until at least one new
chunk has arrived, insert every chunk that has arrived since the last call, call
``process_iter()`` once, repeat; once the clip is over, ``finish()`` flushes the unconfirmed tail.

Prints JSON lines on stdout: ``{"loaded": s}`` (model load + warm-up), one ``{"word", "start",
"end", "emitted", "flush"}`` per committed word (times in seconds from audio time 0; ``emitted``
is the wall time since audio time 0 at which ``process_iter``/``finish`` returned it), and a final
``{"done": true, "duration", "calls", "max_lag"}`` (``max_lag``: the most audio that had arrived
but not been processed when a ``process_iter`` returned, seconds).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # nothing may come from a model hub


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--audio", required=True)
    parser.add_argument("--language", required=True)
    parser.add_argument("--model", required=True, help="CTranslate2 Whisper model folder")
    parser.add_argument("--chunk", type=float, default=1.0, help="seconds per fed chunk")
    parser.add_argument("--threads", type=int, default=2, help="CTranslate2 CPU threads")
    parser.add_argument("--compute-type", default="int8")
    args = parser.parse_args()

    from faster_whisper import WhisperModel, decode_audio
    from whisperlivekit.local_agreement import whisper_online
    from whisperlivekit.local_agreement.backends import FasterWhisperASR
    from whisperlivekit.local_agreement.online_asr import OnlineASRProcessor

    logging.getLogger().setLevel(logging.WARNING)
    for name in ("whisperlivekit", "faster_whisper"):
        logging.getLogger(name).setLevel(logging.WARNING)

    class PinnedFasterWhisperASR(FasterWhisperASR):
        """The peer's faster-whisper backend as it is (beam 5, word timestamps, previous text
        as prompt, segments with no_speech_prob > 0.9 dropped); only the model load is pinned
        to the CPU, int8 and the benchmark's thread count (the peer leaves device and compute
        type on "auto" and the thread count at CTranslate2's default)."""

        def load_model(self, model_size=None, cache_dir=None, model_dir=None):
            return WhisperModel(
                model_dir,
                device="cpu",
                compute_type=args.compute_type,
                cpu_threads=args.threads,
                local_files_only=True,
            )

    whisper_online.FasterWhisperASR = PinnedFasterWhisperASR
    loading = time.monotonic()
    asr = whisper_online.backend_factory(
        # whisperlivekit's LocalAgreement defaults (WhisperLiveKitConfig)
        backend="faster-whisper",
        lan=args.language,
        model_size="base",
        model_cache_dir=None,
        model_dir=args.model,
        model_path=None,
        lora_path=None,
        direct_english_translation=False,
        buffer_trimming="segment",
        buffer_trimming_sec=15.0,
        confidence_validation=False,
        # the peer's warm-up transcribes a sample it downloads (whisper.cpp's jfk.wav); offline,
        # the clip itself serves (transcribe() keeps no state between calls)
        warmup_file=args.audio,
    )
    online = OnlineASRProcessor(asr)
    audio = decode_audio(args.audio, sampling_rate=16000)
    _emit({"loaded": round(time.monotonic() - loading, 3)})

    rate = 16000
    step = round(args.chunk * rate)
    total = len(audio)
    fed = 0  # samples handed to the processor so far
    calls = 0
    max_lag = 0.0
    start = time.monotonic()  # audio time 0
    while fed < total:
        next_ready = start + min(fed + step, total) / rate  # the next whole chunk has arrived
        now = time.monotonic()
        if now < next_ready:
            time.sleep(next_ready - now)
        heard = int((time.monotonic() - start) * rate)  # samples the "microphone" has had
        arrived = total if heard >= total else heard // step * step
        arrived = max(arrived, min(fed + step, total))
        online.insert_audio_chunk(audio[fed:arrived])
        fed = arrived
        tokens, _ = online.process_iter()
        calls += 1
        emitted = time.monotonic() - start
        max_lag = max(max_lag, emitted - fed / rate)
        for token in tokens:
            _word(token, emitted, flush=False)
    tokens, _ = online.finish()
    emitted = time.monotonic() - start
    for token in tokens:
        _word(token, emitted, flush=True)
    _emit({"done": True, "duration": total / rate, "calls": calls, "max_lag": round(max_lag, 3)})


def _word(token, emitted: float, *, flush: bool) -> None:
    _emit({
        "word": token.text,
        "start": round(float(token.start), 3),
        "end": round(float(token.end), 3),
        "emitted": round(emitted, 3),
        "flush": flush,
    })  # fmt: skip


def _emit(record: dict) -> None:
    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
