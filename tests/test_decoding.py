"""Files decoded a block at a time: the same samples as faster-whisper's decoder, no partial
.wav left by a bad input or a full disk."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
import soundfile
from av.stream import Disposition
from faster_whisper import decode_audio

from tests.conftest import speech
from transcrevai_desktop.core.decoding import (
    decode_file,
    decode_to_wav,
    decoded_blocks,
    scratch_wav,
)
from transcrevai_desktop.core.errors import StorageError, UnreadableAudio


@pytest.mark.parametrize(
    "name", ["pt_picovoice_leopard_test_pt", "en_jfk", "en_sonnet001_librivox"]
)
def test_blocks_and_wav_hold_exactly_what_faster_whisper_decodes(tmp_path, name):
    """Mono, stereo FLAC, stereo MP3 (a mix of named channels is FFmpeg's, as before)."""
    clip = speech(name)
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


def _video(path: Path, seconds: float, tracks: list[tuple[np.ndarray, list[float], bool]]) -> Path:
    """A video of ``seconds`` of picture and, for each track, its sound (16 kHz mono) played
    from each of its times (a track that starts late; a second time: a gap in its
    timestamps), marked as the file's default or not."""
    with av.open(str(path), "w") as container:
        picture = container.add_stream("libx264", rate=10)
        picture.width, picture.height = 160, 120
        streams = []
        for _sound, _times, default in tracks:
            track = container.add_stream("aac", rate=16000, layout="mono")
            track.disposition = Disposition.default if default else Disposition(0)
            streams.append(track)
        for index in range(int(seconds * 10)):
            frame = av.VideoFrame.from_ndarray(np.full((120, 160, 3), index % 255, np.uint8))
            frame.pts, frame.time_base = index, Fraction(1, 10)
            container.mux(picture.encode(frame))
        container.mux(picture.encode())
        for track, (sound, times, _default) in zip(streams, tracks, strict=True):
            for start in times:
                for at in range(0, len(sound), 1024):
                    piece = sound[at : at + 1024].astype(np.float32)[None, :]
                    frame = av.AudioFrame.from_ndarray(piece, "fltp", "mono")
                    frame.sample_rate, frame.time_base = 16000, Fraction(1, 16000)
                    frame.pts = int(start * 16000) + at
                    container.mux(track.encode(frame))
            container.mux(track.encode())
    return path


def _sounding(audio: np.ndarray) -> np.ndarray:
    """The seconds (to the tenth) at which ``audio`` holds sound."""
    loud = np.flatnonzero(np.abs(audio) > 0.02) / 16000
    return np.unique(np.round(loud, 1))


def test_a_videos_sound_is_timed_as_the_video_times_it(tmp_path):
    """A track that starts 3 s after the picture, or skips 4 s, was read as if it started at
    once and ran on: every subtitle of such a video came early."""
    jfk = decode_file(speech("en_jfk").path)
    late = _video(tmp_path / "late.mp4", 16, [(jfk, [3.0], True)])
    heard = decode_file(late)
    assert 2.9 <= _sounding(heard)[0] <= 3.4  # JFK's first word, 0.1-0.3 s into his clip
    assert len(heard) / 16000 == pytest.approx(14.0, abs=0.1)
    first_half = jfk[: 5 * 16000]
    skipping = _video(tmp_path / "gap.mkv", 16, [(first_half, [0.0, 9.0], True)])
    heard = decode_file(skipping)
    assert _sounding(heard)[0] < 0.5 and not _sounding(heard[5 * 16000 : 9 * 16000]).size
    assert 9.0 <= _sounding(heard[9 * 16000 :])[0] + 9 <= 9.4  # after the gap, on time


def test_the_track_the_file_marks_as_its_default_is_read(tmp_path):
    """A film whose first track is near-silent (another language's, not the default) gave an
    empty transcript."""
    jfk = decode_file(speech("en_jfk").path)
    hush = np.full(len(jfk), 1e-4, np.float32)
    film = _video(tmp_path / "film.mkv", 12, [(hush, [0.0], False), (jfk, [0.0], True)])
    assert np.abs(decode_file(film)).max() > 0.5


def test_every_channel_is_mixed_to_mono_alike(tmp_path):
    """A recorder's microphone on track 4 of 6 (FFmpeg's mix left that one out, as a surround
    file's bass) or on any of 9 (FFmpeg could not mix them) was not heard."""
    jfk = decode_file(speech("en_jfk").path)
    for count, track in ((6, 3), (9, 8)):
        tracks = np.zeros((len(jfk), count), np.float32)
        tracks[:, track] = jfk
        path = tmp_path / f"recorder{count}.wav"
        soundfile.write(path, tracks, 16000, subtype="PCM_16")
        mixed = decode_file(path)
        np.testing.assert_allclose(mixed, jfk / count, atol=2 / 32768)


def test_one_timestamp_gone_wrong_is_no_gap():
    """One frame timed far ahead while the next goes on from before it (a damaged file): ten
    minutes of silence went in, and every later subtitle came that much late."""
    from transcrevai_desktop.core.decoding import _with_gaps

    def frames(*starts: int):
        for start in starts:
            frame = av.AudioFrame.from_ndarray(np.zeros((1, 1024), np.float32), "flt", "mono")
            frame.sample_rate, frame.time_base, frame.pts = 16000, Fraction(1, 16000), start
            yield frame

    damaged = list(_with_gaps(frames(0, 1024, 10**9, 3072, 4096), 0.0))
    assert not [item for item in damaged if isinstance(item, float)] and len(damaged) == 5
    skipping = list(_with_gaps(frames(0, 1024, 48_000, 49_024), 0.0))
    gaps = [item for item in skipping if isinstance(item, float)]
    assert gaps == [pytest.approx(3.0 - 2048 / 16000)] and len(skipping) == 5
