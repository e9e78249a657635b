"""Quiet audio brought up to speech level before the VAD and the model hear it.

Silero VAD, which gates the live passes and cuts the final pass's audio, stops hearing speech
whose 32 ms frames lie around -70 dBFS and below: a microphone whose volume is set at 10 % in
PulseAudio (-60 dB), a laptop's across a room, the other side of a call played softly. The live
captions then stop, and the final pass loses the words (ptbr_tts_corpus_20phrases 40 dB down:
34.5 % WER against 9.5 % as recorded). Whisper hears such speech worse too: a revision of
ptbr_nurcsp_D2_255_2129 60 dB down wrote nothing. Audio whose loudest frame is quieter than
``QUIET`` is therefore multiplied until that frame reaches ``LOUDEST``, by ``MAX_GAIN`` at
most. A live session takes its frames from the last ``SPAN`` seconds it heard
(``LiveLevel``), and brings up its VAD frames, its live passes and its revisions alike; the
final pass takes them from each piece it reads (docs/benchmarks.md, *Quiet microphones*).

A microphone set right is left exactly as it is: its speech has frames over ``QUIET`` (the
shared clips' loudest lie between -31 and -7 dBFS, but for a Common Voice clip recorded
quiet, ptbr_cv_19484624, at -45). A gain for every level below ``LOUDEST`` changed Whisper's
live words on a clip 1 dB under it (ptbr_nurcsp_D2_360_1112: no words at all where it had
eleven); Whisper's greedy passes move with any change to their audio. Nor is the room's noise
brought over ``NOISE``: before anyone speaks, a recording's loudest frame is its noise, and a
crowd-sourced clip's breathing and rustle at -45 dBFS, brought up to -30, was heard as speech
and written as words that were never said (ptbr_cv_19405032: "O que eu tinha?"). A quiet
microphone's noise is as quiet as its speech, and leaves room for the gain. The loudest frame
sets the gain, not an average, so nothing is brought above ``LOUDEST``: speech amplified past
its natural level is what the VAD hears worse (a clip 30 dB up, clipped: 7 to 13 % of its
speech frames lost, and noise taken for speech). Stationary noise does not fool Silero at any
level (white, pink and brown noise, mains hum and clicks from -70 to -20 dBFS: no frame over
its threshold).
"""

from __future__ import annotations

import logging
from collections import deque

import numpy as np

from transcrevai_desktop.core.devices import MODEL_RATE

QUIET = 10 ** (-40 / 20)  # RMS of a loudest frame under which audio is brought up (-40 dBFS)...
LOUDEST = 10 ** (-30 / 20)  # ...until that frame is this loud (-30 dBFS)...
NOISE = 10 ** (-60 / 20)  # ...or its noise this loud (-60 dBFS; its quietest tenth of frames)...
MAX_GAIN = 100.0  # ...but 40 dB at most: a muted microphone's few bits of noise stay noise
FRAME = 512  # samples a frame (32 ms at 16 kHz, the VAD's own frame)
SPAN = 30.0  # seconds of a live session's newest audio its level is taken from

log = logging.getLogger(__name__)


def frame_levels(audio: np.ndarray) -> np.ndarray:
    """The RMS of each frame of ``audio``, its last part frame too (loud audio there is
    brought up no less than anywhere else). Summed a frame at a time: a final-pass piece of
    10 min squared at once took 77 MB more."""
    whole = len(audio) // FRAME * FRAME
    frames = np.asarray(audio[:whole], np.float32).reshape(-1, FRAME)
    power = np.einsum("ij,ij->i", frames, frames, dtype=np.float64) / FRAME
    if whole < len(audio):
        power = np.append(power, np.mean(np.square(audio[whole:], dtype=np.float64)))
    levels: np.ndarray = np.sqrt(power)
    return levels


def gain(levels: np.ndarray) -> float:
    """The factor for audio whose frames have these RMS ``levels``: 1 where the loudest is
    ``QUIET`` or louder, else what brings it to ``LOUDEST`` without bringing the quietest
    tenth of the frames that hold any sound over ``NOISE``. (Frames of digital silence are no
    noise floor: a noise gate or an idle output's monitor gives them, between the rustle the
    limit is there for.)"""
    if not levels.size or levels.max() >= QUIET:
        return 1.0
    sounding = levels[levels > 0]
    noise = float(np.percentile(sounding, 10)) if sounding.size else 0.0
    wanted = min(LOUDEST / max(float(levels.max()), 1e-12), NOISE / max(noise, 1e-12), MAX_GAIN)
    return max(1.0, wanted)


def amplified(audio: np.ndarray, factor: float) -> np.ndarray:
    """``audio`` multiplied by ``factor``: the same array for 1."""
    return audio if factor == 1.0 else np.multiply(audio, factor, dtype=np.float32)


def audible(audio: np.ndarray) -> np.ndarray:
    """``audio`` brought up if it is quiet (a piece of the final pass)."""
    factor = gain(frame_levels(audio))
    if factor != 1.0:
        log.info("Quiet audio brought up by %.0f dB", 20 * np.log10(factor))
    return amplified(audio, factor)


class LiveLevel:
    """The gain of a live session: from the frames of its last ``SPAN`` seconds."""

    def __init__(self) -> None:
        self._blocks: deque[np.ndarray] = deque()  # the levels of each block heard
        self._frames = 0

    def hear(self, audio: np.ndarray) -> None:
        """Take the newest ``audio`` into the level."""
        self._blocks.append(frame_levels(audio))
        self._frames += len(self._blocks[-1])
        while self._frames - len(self._blocks[0]) >= SPAN * MODEL_RATE / FRAME:
            self._frames -= len(self._blocks.popleft())

    @property
    def factor(self) -> float:
        """What its audio is multiplied by now (``gain``)."""
        return gain(np.concatenate(self._blocks)) if self._blocks else 1.0
