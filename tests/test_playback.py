"""Playback of a recording, heard for real: the Player plays into a null sink of the tests'
PulseAudio server ("playback_test", chosen by name through PULSE_SINK) while the sink's monitor
is recorded, and the recorded sound is compared with the recording.

The monitor gives exact zeros while nothing plays, so the first non-zero sample is the first
sample played; cross-correlation then says which part of the recording was heard (at 1×
sample for sample; at 1.5× by loudness envelopes, the recording's taken in steps 1.5 times
longer).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pytest
import soundfile
from scipy import signal

from tests.conftest import PLAYBACK_SINK as SINK
from tests.conftest import correlation, sounding, speech
from transcrevai_desktop.core.decoding import decode_file
from transcrevai_desktop.core.errors import OutputDeviceNotFound, UnreadableAudio
from transcrevai_desktop.core.playback import Player, stretched

RATE = 16_000
HOP = 160  # envelope step of the played sound: 10 ms


@pytest.fixture(scope="module")
def recording(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, np.ndarray]:
    """en_jfk (11 s) as a 16 kHz 16-bit .wav, as a session records it, and its samples."""
    path = tmp_path_factory.mktemp("playback") / "recording.wav"
    soundfile.write(path, decode_file(speech("en_jfk").path), RATE, subtype="PCM_16")
    return path, soundfile.read(path, dtype="float32")[0]


def _envelope(audio: np.ndarray, hop: int) -> np.ndarray:
    """Loudness every ``hop`` samples, less its mean."""
    frames = audio[: len(audio) // hop * hop].reshape(-1, hop)
    loudness = np.sqrt((frames**2).mean(axis=1))
    return loudness - loudness.mean()


def _centroid(audio: np.ndarray) -> float:
    """Spectral centroid, Hz: a pitch raised 1.5 times raises it 1.5 times."""
    frequencies, power = signal.welch(audio, RATE, nperseg=512)
    return float((frequencies * power).sum() / power.sum())


def test_plays_the_segment_asked_for_then_seeks_and_stops_at_once(monitor, recording):
    path, samples = recording
    player = Player(path, device=SINK)
    start = time.monotonic()
    player.play(3.0)
    time.sleep(1.2)
    player.seek(7.0)
    time.sleep(0.8)
    heard_at_stop = player.position
    stopping = time.monotonic()
    player.stop()
    stopped = time.monotonic()
    time.sleep(0.4)

    assert stopped - stopping < 0.1 and not player.playing
    assert player.position == pytest.approx(heard_at_stop, abs=0.01)
    assert 7.7 < heard_at_stop < 7.9
    assert not monitor.since(stopped + 0.2).any(), "sound after stop"
    audio = monitor.since(start, stopped + 0.2)
    first, last = sounding(audio)
    opening = correlation(audio[first : first + RATE], samples)  # the first second heard
    lag = np.argmax(opening)
    assert lag / RATE == pytest.approx(3.0, abs=0.1)
    assert opening[lag] > 0.95
    elsewhere = np.r_[opening[: max(0, lag - RATE // 2)], opening[lag + RATE // 2 :]]
    assert elsewhere.max() < 0.5, "another part of the recording matches as well"
    closing = correlation(audio[last - RATE // 2 : last], samples)  # the last 0.5 s heard
    assert np.argmax(closing) / RATE + 0.5 == pytest.approx(heard_at_stop, abs=0.1)
    assert closing.max() > 0.95


def test_one_and_a_half_times_faster_at_the_same_pitch_to_the_end(monitor, recording):
    path, samples = recording
    ended = threading.Event()
    threads = []

    def on_end() -> None:
        threads.append(threading.current_thread())
        ended.set()

    player = Player(path, on_end=on_end, device=SINK)
    player.set_speed(1.5)
    start = time.monotonic()
    player.play(6.5)  # 4.5 s of recording: 3 s heard
    time.sleep(1.0)
    early = (time.monotonic(), player.position)
    time.sleep(1.0)
    later = (time.monotonic(), player.position)
    assert ended.wait(3.0), "the end was not reported"
    assert threads[0] is not threading.main_thread()
    assert not (player.playing or player.paused)
    assert player.position == pytest.approx(player.duration)

    assert (later[1] - early[1]) / (later[0] - early[0]) == pytest.approx(1.5, abs=0.1)
    audio = monitor.since(start)
    first, last = sounding(audio)
    assert (last - first) / RATE == pytest.approx(4.5 / 1.5, abs=0.15)
    heard = audio[first:last]
    compressed = _envelope(samples, round(HOP * 1.5))  # the recording in 15 ms steps
    matches = correlation(_envelope(heard[: int(2.5 * RATE)], HOP), compressed)
    assert np.argmax(matches) * HOP * 1.5 / RATE == pytest.approx(6.5, abs=0.1)
    assert matches.max() > 0.8
    as_if_1x = correlation(_envelope(heard[: int(2.5 * RATE)], HOP), _envelope(samples, HOP))
    assert as_if_1x.max() < matches.max() - 0.2, "the sound is not 1.5 times faster"
    original = samples[int(6.5 * RATE) :]
    assert _centroid(heard) / _centroid(original) == pytest.approx(1.0, abs=0.15)


def test_pause_silences_and_resume_continues_where_it_paused(monitor, recording):
    path, samples = recording
    player = Player(path, device=SINK)
    start = time.monotonic()
    player.play(2.0)
    time.sleep(0.4)
    early = (time.monotonic(), player.position)
    time.sleep(0.6)
    later = (time.monotonic(), player.position)
    player.pause()
    paused = time.monotonic()
    paused_at = player.position
    time.sleep(0.6)
    assert not player.playing and player.paused and player.position == paused_at
    silence = monitor.since(paused + 0.2, paused + 0.6)
    assert len(silence) > 0.3 * RATE and not silence.any(), "sound while paused"
    player.resume()
    assert player.playing and not player.paused
    time.sleep(1.0)
    player.stop()

    assert (later[1] - early[1]) / (later[0] - early[0]) == pytest.approx(1.0, abs=0.1)
    before = monitor.since(start, paused + 0.2)
    first, last = sounding(before)
    assert 2.0 + (last - first) / RATE == pytest.approx(paused_at, abs=0.1), (
        "the sound stopped elsewhere than the position said"
    )
    after = monitor.since(paused + 0.4)
    resumed, _ = sounding(after)
    matches = correlation(after[resumed : resumed + RATE // 2], samples)
    assert np.argmax(matches) / RATE == pytest.approx(paused_at, abs=0.1)
    assert matches.max() > 0.95


def test_speed_changes_while_playing_continue_from_the_position(monitor, recording):
    path, _ = recording
    player = Player(path, device=SINK)
    player.play(1.0)
    time.sleep(0.5)
    player.set_speed(2.0)
    changed_at = player.position
    time.sleep(0.3)
    early = (time.monotonic(), player.position)
    time.sleep(0.6)
    later = (time.monotonic(), player.position)
    player.stop()
    assert changed_at == pytest.approx(1.5, abs=0.1)
    assert 0.4 < early[1] - changed_at < 0.65  # 0.3 s at 2×, less the new start's silence
    assert (later[1] - early[1]) / (later[0] - early[0]) == pytest.approx(2.0, abs=0.15)
    with pytest.raises(ValueError):
        player.set_speed(2.5)


def test_two_channels_are_heard_together(monitor, recording, tmp_path):
    _, samples = recording
    stereo = tmp_path / "call.wav"  # "You" speaks on the left, "Others" are silent
    soundfile.write(stereo, np.stack([samples, np.zeros_like(samples)], axis=1), RATE)
    player = Player(stereo, device=SINK)
    start = time.monotonic()
    player.play(4.0)
    time.sleep(0.8)
    player.stop()
    audio = monitor.since(start)
    first, _ = sounding(audio)
    matches = correlation(audio[first : first + RATE // 2], samples)
    assert np.argmax(matches) / RATE == pytest.approx(4.0, abs=0.1)
    assert matches.max() > 0.95


def test_unreadable_files_and_unknown_outputs_are_named(virtual_mic, recording, tmp_path):
    with pytest.raises(UnreadableAudio, match="does not exist"):
        Player(tmp_path / "missing.wav")
    broken = tmp_path / "broken.wav"
    broken.write_bytes(b"RIFF not really a wave file")
    with pytest.raises(UnreadableAudio, match=r"broken\.wav cannot be played"):
        Player(broken)
    # the server's outputs are named, so the user sees what there is to choose from
    for device, named in (("no_such_sink", f"Available: .*{SINK}"), (999, "Available: ")):
        player = Player(recording[0], device=device)
        with pytest.raises(OutputDeviceNotFound, match=f"'{device}'. {named}"):
            player.play()
        assert not player.playing


def test_stretching_resamples_for_an_output_that_wants_another_rate():
    second = np.sin(np.arange(RATE) * 2 * np.pi * 440 / RATE).astype(np.float32)
    blocks = np.split(second, 16)
    assert sum(map(len, stretched(blocks, RATE, RATE, 1.0))) == RATE  # untouched
    for speed, out_rate in ((1.0, 48_000), (2.0, 48_000), (0.75, RATE)):
        produced = np.concatenate(list(stretched(blocks, RATE, out_rate, speed)))
        assert produced.dtype == np.float32
        assert len(produced) == pytest.approx(out_rate / speed, rel=0.02)
