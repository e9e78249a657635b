"""Audio and video files decoded to the model's 16 kHz mono (or 16 kHz with every channel, when
each channel is a person), a block at a time.

PyAV (FFmpeg) decodes; faster-whisper's own frame helpers skip invalid frames and resample, so
a file decodes here as ``faster_whisper.decode_audio`` would decode it, but without holding all
of it: ``decode_to_wav`` streams a multi-hour file to disk in blocks of about 30 s, so
importing or transcribing it needs no more memory than a short one. Three things differ, for
videos and recorders' files:
- the sound is timed as the file times it: silence stands for the time before a track that
  starts after the picture (a video whose sound starts 5 s in had every subtitle 5 s early)
  and for a gap in its timestamps (``GAP_SECONDS`` or more; ``MAX_GAP_SECONDS`` at most, for
  a timestamp gone wrong);
- the track read is the one the file marks as its default (else its first): a film with a
  near-silent first track gave an empty transcript;
- channels whose places the file does not name (a recorder's tracks, not a film's left,
  right, centre…) are mixed to mono as their mean, every one alike: FFmpeg's mix of a
  6-track recorder's file left out its fourth track (as a surround file's bass) and failed on
  9 (PyAV then crashed). Named ones are mixed by FFmpeg, as before.
"""

from __future__ import annotations

import contextlib
import gc
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import av
import numpy as np
import platformdirs
import soundfile
from av.stream import Disposition
from faster_whisper.audio import _ignore_invalid_frames
from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.devices import MODEL_RATE, WAV_SUBTYPE
from transcrevai_desktop.core.errors import (
    StorageError,
    TranscrevaiError,
    TranscriptionCancelled,
    UnreadableAudio,
)
from transcrevai_desktop.core.files import scratch_folder

GROUP_SAMPLES = 500_000  # input samples resampled at once (faster-whisper's own choice)
MAX_CHANNELS = 8  # kept apart at most (a 7.1 film track); more are mixed to mono
GAP_SECONDS = 0.1  # a track's timestamps this far past its last sound: silence between
MAX_GAP_SECONDS = 600.0  # the silence a gap in timestamps stands for, at most
_SCALES = {"u8": 128.0, "s16": 32768.0, "s32": 2147483648.0}  # integer samples' full scale


def _unreadable_sentences(kind: str) -> tuple[str, str, str]:
    """What ``open_media`` says of a ``kind`` ("audio" or "video") file that is missing, that
    it may not read, or that is not media: whole sentences, translated."""
    translate = QCoreApplication.translate
    if kind == "video":
        return (
            translate("UnreadableVideo", "{file} does not exist or is not a file."),
            translate("UnreadableVideo", "{file} cannot be read: permission denied."),
            translate("UnreadableVideo", "{file} is not a readable video file."),
        )
    return (
        translate("UnreadableAudio", "{file} does not exist or is not a file."),
        translate("UnreadableAudio", "{file} cannot be read: permission denied."),
        translate("UnreadableAudio", "{file} is not a readable audio file."),
    )


def _no_audio(path: Path) -> UnreadableAudio:
    return UnreadableAudio(
        QCoreApplication.translate("UnreadableAudio", "{file} holds no audio.").format(
            file=path.name
        )
    )


def open_media(
    path: Path, unreadable: type[TranscrevaiError], kind: str
) -> av.container.InputContainer:
    """``path`` opened for reading with PyAV; ``unreadable`` (a sentence saying it is not a
    readable ``kind`` file: "audio" or "video") if it is missing, not readable or not media."""
    missing, denied, not_media = _unreadable_sentences(kind)
    if not path.is_file():
        raise unreadable(missing.format(file=path))
    try:
        return av.open(str(path), mode="r", metadata_errors="ignore")
    except PermissionError as error:  # av's PermissionError is also an FFmpegError
        raise unreadable(denied.format(file=path.name)) from error
    except Exception as error:  # PyAV raises many types for broken or non-media files
        raise unreadable(not_media.format(file=path.name)) from error


def decoded_blocks(path: Path, keep_channels: bool = False) -> Iterator[np.ndarray]:
    """The audio of ``path`` as 16 kHz int16 blocks: mono, shaped (samples,), or with
    ``keep_channels`` shaped (samples, channels) in the file's own channels. Raises
    ``UnreadableAudio`` if it is missing, unreadable or not audio. A file cut short yields
    what it holds."""
    container = open_media(path, UnreadableAudio, "audio")
    resampler = None
    try:
        with container:
            if not container.streams.audio:
                raise _no_audio(path)
            stream = next(
                (s for s in container.streams.audio if s.disposition & Disposition.default),
                container.streams.audio[0],
            )
            channels = len(stream.layout.channels) if keep_channels else 1
            if not 1 < channels <= MAX_CHANNELS:
                channels = 1
            resampler = av.AudioResampler(
                format="s16", layout=stream.layout if channels > 1 else "mono", rate=MODEL_RATE
            )
            origin = (container.start_time or 0) / av.time_base  # the picture's start too
            frames = _ignore_invalid_frames(container.decode(stream))
            places = [channel.name for channel in stream.layout.channels]
            tracks = len(places) > 2 and "NONE" in places  # two: FFmpeg's mix is their mean
            timed = _with_gaps(map(_mono, frames) if channels == 1 and tracks else frames, origin)
            for item in _resampled(timed, resampler):
                block: np.ndarray = (
                    np.zeros((round(item * MODEL_RATE), channels), np.int16)  # silence
                    if isinstance(item, float)
                    else item.to_ndarray().reshape(-1, channels)  # packed: interleaved
                )
                yield block if keep_channels else block[:, 0]
    except av.FFmpegError as error:
        raise UnreadableAudio(_unreadable_sentences("audio")[2].format(file=path.name)) from error
    finally:
        del resampler
        gc.collect()  # PyAV's resampler keeps buffers until collected (faster-whisper #390)


def _mono(frame: av.AudioFrame) -> av.AudioFrame:
    """``frame`` as one channel, the mean of its own, as float samples."""
    if len(frame.layout.channels) == 1:
        return frame
    samples = frame.to_ndarray()
    if not frame.format.is_planar:  # interleaved: (1, samples × channels)
        samples = samples.reshape(-1, len(frame.layout.channels)).T
    mono = samples.mean(axis=0, dtype=np.float64)
    name = frame.format.name.removesuffix("p")
    if name in _SCALES:
        mono = (mono - (128.0 if name == "u8" else 0.0)) / _SCALES[name]
    mixed = av.AudioFrame.from_ndarray(mono.astype(np.float32)[None, :], "flt", "mono")
    mixed.sample_rate = frame.sample_rate
    mixed.pts, mixed.time_base = frame.pts, frame.time_base
    return mixed


def _with_gaps(frames: Iterator[av.AudioFrame], origin: float) -> Iterator[av.AudioFrame | float]:
    """``frames``, each after the seconds of silence that its timestamp leaves since the sound
    before it (or since ``origin``, where the media starts), when there are ``GAP_SECONDS``
    or more, and the frame after it follows on from it: a time the next frame does not
    follow is a timestamp gone wrong, and the sound goes on from before it."""
    heard_until = origin
    waiting: tuple[av.AudioFrame, float, float] | None = None  # after a gap: frame, time, gap
    for frame in frames:
        start = _time(frame)
        if waiting is not None:
            after, at, gap = waiting
            waiting = None
            if start is None or abs(start - (at + _seconds(after))) < GAP_SECONDS:
                yield gap
                heard_until = at
            yield after
            heard_until += _seconds(after)
        if start is not None and start - heard_until >= GAP_SECONDS:
            waiting = (frame, start, min(start - heard_until, MAX_GAP_SECONDS))
            continue
        heard_until = max(heard_until, start or heard_until) + _seconds(frame)
        yield frame
    if waiting is not None:  # the last frame: nothing tells against its time
        yield waiting[2]
        yield waiting[0]


def _time(frame: av.AudioFrame) -> float | None:
    """When ``frame`` is heard, in seconds, as the file times it (None: it does not say)."""
    if frame.pts is None or frame.time_base is None:
        return None
    return float(frame.pts * frame.time_base)


def _seconds(frame: av.AudioFrame) -> float:
    return frame.samples / frame.sample_rate


def _resampled(
    items: Iterator[av.AudioFrame | float], resampler: av.AudioResampler
) -> Iterator[av.AudioFrame | float]:
    """The frames of ``items`` resampled ``GROUP_SAMPLES`` at a time, as faster-whisper groups
    them, with the silences (floats, in seconds) between them in their place."""
    fifo = av.audio.fifo.AudioFifo()
    for item in items:
        if isinstance(item, float):
            if fifo.samples:
                yield from resampler.resample(fifo.read())
            yield item
            continue
        item.pts = None  # timed already: the fifo checks that they follow each other
        fifo.write(item)
        if fifo.samples >= GROUP_SAMPLES:
            yield from resampler.resample(fifo.read())
    if fifo.samples:
        yield from resampler.resample(fifo.read())
    yield from resampler.resample(None)  # what it still holds


def decode_file(path: Path, keep_channels: bool = False) -> np.ndarray:
    """The whole of ``path`` as 16 kHz float32 in memory (for short files): mono, or with
    ``keep_channels`` shaped (samples, channels)."""
    blocks = list(decoded_blocks(path, keep_channels))
    audio = np.concatenate(blocks) if blocks else np.zeros(0, np.int16)
    if not audio.size:
        raise _no_audio(path)
    return audio.astype(np.float32) / 32768.0


@contextlib.contextmanager
def scratch_wav() -> Iterator[Path]:
    """A path for a temporary .wav in the user's cache folder, removed afterwards (on disk,
    not in ``/tmp``, which is often memory: an hour of audio is 115 MB), and at the next use
    if the process is killed meanwhile (``files.scratch_folder``)."""
    cache = Path(platformdirs.user_cache_dir("transcrevai-desktop"))
    try:
        cache.mkdir(parents=True, exist_ok=True)
        folder = scratch_folder(cache, "decoding-")
    except OSError as error:
        raise StorageError(
            QCoreApplication.translate(
                "StorageError", "Could not make a temporary folder in {folder}: {error}."
            ).format(folder=cache, error=error)
        ) from error
    try:
        yield folder / "audio.wav"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def decode_to_wav(
    path: Path,
    wav: Path,
    keep_channels: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
) -> float:
    """Write the audio of ``path`` to ``wav`` (16-bit PCM, 16 kHz, mono or with
    ``keep_channels`` the file's channels) a block at a time; returns its duration in
    seconds. ``UnreadableAudio`` for a bad input, ``StorageError`` if ``wav`` cannot be
    written, ``TranscriptionCancelled`` within a block of ``cancelled()`` turning true (an
    hour of video takes a minute: quitting waited for it); in every case no partial ``wav``
    is left behind."""
    frames = 0
    out: soundfile.SoundFile | None = None
    try:
        for block in decoded_blocks(path, keep_channels):
            if cancelled():
                raise TranscriptionCancelled
            if out is None:
                channels = block.shape[1] if block.ndim == 2 else 1
                out = soundfile.SoundFile(wav, "w", MODEL_RATE, channels, WAV_SUBTYPE)
            out.write(block)
            frames += len(block)
        if out is not None:
            out.close()
        if frames == 0:
            raise _no_audio(path)
    except BaseException as error:
        if out is not None and not out.closed:
            with contextlib.suppress(OSError, soundfile.SoundFileError):
                out.close()
        with contextlib.suppress(OSError):
            wav.unlink(missing_ok=True)
        if isinstance(error, OSError | soundfile.SoundFileError):
            raise StorageError(
                QCoreApplication.translate(
                    "StorageError", "Could not save the audio in {folder}: {error}."
                ).format(folder=wav.parent, error=error)
            ) from error
        raise
    return frames / MODEL_RATE
