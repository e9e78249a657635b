"""Files decoded a block at a time: the same samples as faster-whisper's decoder, no partial
.wav left by a bad input or a full disk."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile
from faster_whisper import decode_audio

from tests.conftest import speech
from transcrevai_desktop.core.decoding import (
    decode_file,
    decode_to_wav,
    decoded_blocks,
    scratch_wav,
)
from transcrevai_desktop.core.errors import StorageError, UnreadableAudio


def test_blocks_and_wav_hold_exactly_what_faster_whisper_decodes(tmp_path):
    clip = speech("pt_picovoice_leopard_test_pt")
    expected = decode_audio(str(clip.path), sampling_rate=16000)
    wav = tmp_path / "audio.wav"

    seconds = decode_to_wav(clip.path, wav)

    np.testing.assert_array_equal(decode_file(clip.path), expected)
    saved, rate = soundfile.read(wav, dtype="float32")
    assert rate == 16000 and soundfile.info(wav).subtype == "PCM_16"
    np.testing.assert_array_equal(saved, expected)
    assert seconds == pytest.approx(len(expected) / 16000)


def test_a_long_file_comes_in_blocks_of_about_thirty_seconds(tmp_path):
    long_file = tmp_path / "long.flac"
    soundfile.write(long_file, np.zeros(95 * 16000, np.float32) + 0.01, 16000)
    sizes = [len(block) for block in decoded_blocks(long_file)]
    assert len(sizes) == 4 and max(sizes) <= 32 * 16000 and sum(sizes) == 95 * 16000


@pytest.mark.parametrize(
    ("name", "content", "sentence"),
    [
        ("empty.wav", b"", "is not a readable audio file"),
        ("notes.mp3", b"this is not audio\n" * 50, "is not a readable audio file"),
        ("missing.wav", None, "does not exist or is not a file"),
    ],
)
def test_a_bad_input_is_one_sentence_and_leaves_no_wav(tmp_path, name, content, sentence):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    wav = tmp_path / "audio.wav"
    with pytest.raises(UnreadableAudio, match=sentence):
        decode_to_wav(source, wav)
    assert not wav.exists()


def test_a_video_file_without_sound_holds_no_audio(tmp_path):
    import av

    video = tmp_path / "silent-film.mp4"
    with av.open(str(video), "w") as container:
        stream = container.add_stream("mpeg4", rate=5)
        stream.width, stream.height = 64, 64
        for _ in range(5):
            frame = av.VideoFrame.from_ndarray(np.zeros((64, 64, 3), np.uint8), format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode())
    with pytest.raises(UnreadableAudio, match="holds no audio"):
        decode_to_wav(video, tmp_path / "audio.wav")
    assert not (tmp_path / "audio.wav").exists()


def test_a_destination_that_cannot_be_written_is_a_storage_error(tmp_path):
    clip = speech("pt_picovoice_leopard_test_pt")
    gone = tmp_path / "gone" / "audio.wav"
    with pytest.raises(StorageError, match=f"Could not save the audio in {gone.parent}"):
        decode_to_wav(clip.path, gone)
    assert not gone.parent.exists()


def test_a_scratch_wav_lives_in_the_cache_folder_and_goes_afterwards(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with scratch_wav() as wav:
        decode_to_wav(speech("pt_picovoice_leopard_test_pt").path, wav)
        assert wav.parent.parent == tmp_path / "cache" / "transcrevai-desktop"
        assert soundfile.info(wav).duration > 4
    assert not wav.parent.exists()

    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "not-a-folder"))
    with pytest.raises(StorageError, match="Could not make a temporary folder"), scratch_wav():
        pass
