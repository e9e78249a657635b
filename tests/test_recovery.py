"""Repairing the .wav a killed recorder left: its header counts every frame on disk."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile

from transcrevai_desktop.core.errors import StorageError
from transcrevai_desktop.core.recorder import update_header
from transcrevai_desktop.core.recovery import repair_wav


def _killed_recording(path, seconds_counted: float, seconds_after: float) -> np.ndarray:
    """A WAV whose header counts ``seconds_counted`` while more frames follow on disk, and
    half a frame cut short at the end: what SIGKILL between two header updates leaves."""
    rate = 16000
    audio = (np.sin(np.arange(int((seconds_counted + seconds_after) * rate)) / 7) * 0.3).astype(
        np.float32
    )
    counted = int(seconds_counted * rate)
    soundfile.write(path, audio[:counted], rate, subtype="PCM_16")
    with path.open("ab") as wav:
        wav.write((audio[counted:] * 32767).astype("<i2").tobytes() + b"\x01")
    return audio


@pytest.mark.logs(r"^Repairing ")
def test_repair_counts_the_frames_written_after_the_last_header_update(tmp_path):
    path = tmp_path / "audio.wav"
    audio = _killed_recording(path, 3.0, 0.7)
    assert soundfile.info(path).duration == pytest.approx(3.0)

    assert repair_wav(path) == pytest.approx(3.7)

    repaired, rate = soundfile.read(path, dtype="float32")
    assert rate == 16000 and len(repaired) == len(audio)
    assert np.allclose(repaired, audio, atol=1e-3)
    assert repair_wav(path) == pytest.approx(3.7)  # a whole file is left as it is


def test_a_file_that_is_not_a_wav_is_a_clear_error_and_is_left_alone(tmp_path):
    path = tmp_path / "audio.wav"
    path.write_bytes(b"ID3 this is an mp3, really")
    with pytest.raises(StorageError, match="not a WAV file"):
        repair_wav(path)
    assert path.read_bytes() == b"ID3 this is an mp3, really"
    with pytest.raises(StorageError, match="cannot be repaired"):
        repair_wav(tmp_path / "missing.wav")


def test_the_header_update_counts_what_is_written_while_the_file_stays_open(tmp_path):
    """``update_header`` uses soundfile's private libsndfile handle: an upgrade that breaks it
    fails here, not in a crash on a user's machine. (Readers forgive a header that counts 0
    bytes, so the data chunk's size is read from the file itself; a flush alone leaves 0.)"""

    def data_bytes() -> int:
        head = path.read_bytes()[:200]
        at = head.index(b"data")
        return int.from_bytes(head[at + 4 : at + 8], "little")

    path = tmp_path / "open.wav"
    with soundfile.SoundFile(path, "w", 16000, 1, "PCM_16") as wav:
        wav.write(np.zeros(16000, np.float32))
        wav.flush()
        assert data_bytes() == 0  # what a crash now would leave in the header
        update_header(wav)
        assert data_bytes() == 32000
        wav.write(np.zeros(8000, np.float32))
        update_header(wav)
        assert data_bytes() == 48000
