"""Audio and video files decoded to the model's 16 kHz mono (or 16 kHz with every channel, when
each channel is a person), a block at a time.

PyAV (FFmpeg) decodes; faster-whisper's own frame helpers skip invalid frames and resample, so
a file decodes here exactly as ``faster_whisper.decode_audio`` would decode it, but without
holding all of it: ``decode_to_wav`` streams a multi-hour file to disk in blocks of about
30 s, so importing or transcribing it needs no more memory than a short one.
"""

from __future__ import annotations

import contextlib
import gc
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import av
import numpy as np
import platformdirs
import soundfile
from faster_whisper.audio import _group_frames, _ignore_invalid_frames, _resample_frames

from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.errors import StorageError, TranscrevaiError, UnreadableAudio

GROUP_SAMPLES = 500_000  # input samples resampled at once (faster-whisper's own choice)
MAX_CHANNELS = 8  # kept apart at most (a 7.1 film track); more are mixed to mono


def open_media(
    path: Path, unreadable: type[TranscrevaiError], kind: str
) -> av.container.InputContainer:
    """``path`` opened for reading with PyAV; ``unreadable`` (a sentence saying it is not a
    readable ``kind`` file) if it is missing, not readable or not media."""
    if not path.is_file():
        raise unreadable(f"{path} does not exist or is not a file.")
    try:
        return av.open(str(path), mode="r", metadata_errors="ignore")
    except PermissionError as error:  # av's PermissionError is also an FFmpegError
        raise unreadable(f"{path.name} cannot be read: permission denied.") from error
    except Exception as error:  # PyAV raises many types for broken or non-media files
        raise unreadable(f"{path.name} is not a readable {kind} file.") from error


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
                raise UnreadableAudio(f"{path.name} holds no audio.")
            layout = container.streams.audio[0].layout
            channels = len(layout.channels) if keep_channels else 1
            if not 1 < channels <= MAX_CHANNELS:
                layout, channels = "mono", 1
            resampler = av.AudioResampler(format="s16", layout=layout, rate=MODEL_RATE)
            frames = _ignore_invalid_frames(container.decode(audio=0))
            for frame in _resample_frames(_group_frames(frames, GROUP_SAMPLES), resampler):
                block = frame.to_ndarray().reshape(-1, channels)  # packed: interleaved
                yield block if keep_channels else block[:, 0]
    except av.FFmpegError as error:
        raise UnreadableAudio(f"{path.name} is not a readable audio file.") from error
    finally:
        del resampler
        gc.collect()  # PyAV's resampler keeps buffers until collected (faster-whisper #390)


def decode_file(path: Path, keep_channels: bool = False) -> np.ndarray:
    """The whole of ``path`` as 16 kHz float32 in memory (for short files): mono, or with
    ``keep_channels`` shaped (samples, channels)."""
    blocks = list(decoded_blocks(path, keep_channels))
    audio = np.concatenate(blocks) if blocks else np.zeros(0, np.int16)
    if not audio.size:
        raise UnreadableAudio(f"{path.name} holds no audio.")
    return audio.astype(np.float32) / 32768.0


@contextlib.contextmanager
def scratch_wav() -> Iterator[Path]:
    """A path for a temporary .wav in the user's cache folder, removed afterwards (on disk,
    not in ``/tmp``, which is often memory: an hour of audio is 115 MB)."""
    cache = Path(platformdirs.user_cache_dir("transcrevai-desktop"))
    try:
        cache.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="decoding-", dir=cache))
    except OSError as error:
        raise StorageError(f"Could not make a temporary folder in {cache}: {error}.") from error
    try:
        yield folder / "audio.wav"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def decode_to_wav(path: Path, wav: Path, keep_channels: bool = False) -> float:
    """Write the audio of ``path`` to ``wav`` (16-bit PCM, 16 kHz, mono or with
    ``keep_channels`` the file's channels) a block at a time; returns its duration in
    seconds. ``UnreadableAudio`` for a bad input, ``StorageError`` if ``wav`` cannot be
    written; either way no partial ``wav`` is left behind."""
    frames = 0
    out: soundfile.SoundFile | None = None
    try:
        for block in decoded_blocks(path, keep_channels):
            if out is None:
                channels = block.shape[1] if block.ndim == 2 else 1
                out = soundfile.SoundFile(wav, "w", MODEL_RATE, channels, "PCM_16")
            out.write(block)
            frames += len(block)
        if out is not None:
            out.close()
        if frames == 0:
            raise UnreadableAudio(f"{path.name} holds no audio.")
    except BaseException as error:
        if out is not None and not out.closed:
            with contextlib.suppress(OSError, soundfile.SoundFileError):
                out.close()
        with contextlib.suppress(OSError):
            wav.unlink(missing_ok=True)
        if isinstance(error, OSError | soundfile.SoundFileError):
            raise StorageError(f"Could not save the audio in {wav.parent}: {error}.") from error
        raise
    return frames / MODEL_RATE
