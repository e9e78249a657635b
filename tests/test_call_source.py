"""Both sides of a call: two devices on two clocks kept in step, and a call recorded."""

from __future__ import annotations

import queue
import threading

import numpy as np
import pytest

from tests.conftest import speech
from transcrevai_desktop.core.call_source import MAX_CORRECTION, CallSource, ChannelAligner
from transcrevai_desktop.core.capture import END, FileSource
from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.errors import DeviceLost

BLOCK = 800  # 50 ms, as the microphone delivers


def _simulate(ppm: float, seconds: float, jitter: float = 0.0, seed: int = 0) -> tuple:
    """Feed an aligner two inputs for ``seconds`` of the first device's clock; the second's
    clock runs ``ppm`` faster (negative: slower) and its blocks arrive up to ``jitter``
    seconds late. Both carry the true time of every sample; returns the aligner and the
    largest gap between the two channels' times in the last second."""
    rng = np.random.default_rng(seed)
    aligner = ChannelAligner()
    rate_b = MODEL_RATE * (1 + ppm / 1e6)
    events = []  # (arrival time, which, block of true times)
    for k in range(int(seconds * MODEL_RATE / BLOCK)):
        times = (k * BLOCK + np.arange(BLOCK)) / MODEL_RATE
        events.append((times[-1], 0, times))
    sent_b, k = 0, 0
    while sent_b / rate_b < seconds:
        times = (sent_b + np.arange(BLOCK)) / rate_b
        events.append((times[-1] + rng.uniform(0, jitter), 1, times))
        sent_b += BLOCK
    events.sort(key=lambda e: (e[0], e[1]))
    out = []
    for _, which, times in events:
        if which == 1:
            aligner.second(times.astype(np.float64))
        else:
            out.append(aligner.first(times))
    frames = np.concatenate(out)
    last = frames[-MODEL_RATE:]
    real = last[:, 1] > 0  # padded silence carries no time
    return aligner, float(np.max(np.abs(last[real, 0] - last[real, 1])))


@pytest.mark.parametrize("ppm", [100, -100])
def test_a_hundred_ppm_of_drift_over_an_hour_stays_within_50_ms(ppm):
    aligner, apart = _simulate(ppm, 3600.0)
    assert apart < 0.05, apart
    corrected = aligner.dropped if ppm > 0 else aligner.padded
    assert 0.3 * 0.36 * MODEL_RATE < corrected < 3 * 0.36 * MODEL_RATE  # 360 ms of drift


def test_late_blocks_are_not_taken_for_drift():
    aligner, apart = _simulate(0, 600.0, jitter=0.04)
    assert apart < 0.05, apart
    assert aligner.dropped <= MAX_CORRECTION * MODEL_RATE * 2


def test_a_second_input_that_falls_behind_gets_silence_without_losing_step():
    """The second input starts ahead and then delivers less (a slower clock, a dropout)
    while nothing of the first waits: silence goes into its channel, every sample of the
    first leaves once, paired."""
    aligner = ChannelAligner()
    block = np.ones(BLOCK, np.float32)
    aligner.second(block)
    aligner.second(block)
    out = []
    for k in range(400):  # 20 s; the second misses a block every 2.5 s
        if k % 50 != 49:
            aligner.second(block)
        out.append(aligner.first(block))
    frames = np.concatenate([*out, aligner.flush()])
    lead = 2 * BLOCK  # delivered before the first input's first block
    assert frames.shape == (400 * BLOCK + lead, 2), "what it led with leaves first, alone"
    assert not frames[:lead, 0].any() and frames[lead:, 0].all()
    assert aligner.padded > 0 and np.count_nonzero(frames[:, 1] == 0) == aligner.padded


def test_a_microphone_that_starts_late_is_paired_with_what_the_other_side_said_then():
    """The system audio delivers at once, the microphone a second later (a Bluetooth headset
    switching profiles): paired first sample to first sample, the other side was a second late
    for the whole call; dropped, its first words were lost. Both carry the true time of every
    sample."""
    aligner = ChannelAligner()
    events = []  # (arrival, which, the true times of the block's samples)
    for which, start in ((1, 0.0), (0, 1.0)):
        for k in range(int(20 * MODEL_RATE / BLOCK)):
            times = 1.0 + start + (k * BLOCK + np.arange(BLOCK)) / MODEL_RATE
            events.append((times[-1], which, times))
    out = []
    for _, which, times in sorted(events, key=lambda e: (e[0], e[1])):
        if which == 1:
            aligner.second(times)
        else:
            out.append(aligner.first(times))
    frames = np.concatenate(out)
    others = frames[:, 1][frames[:, 1] > 0]  # padded silence carries no time
    assert others[0] == 1.0 and len(others) == 20 * MODEL_RATE, "nothing of the other side lost"
    before = frames[:, 0] == 0
    assert frames[before, 1].max() < 2.0, "alone only before the microphone starts"
    both = ~before & (frames[:, 1] > 0)
    assert np.max(np.abs(frames[both, 0] - frames[both, 1])) < 0.06


class _Device:
    """A fake device (fault injection) on a thread of its own, as PortAudio delivers: a tone in
    blocks of 50 ms at ``speed`` times real time, as ``plan`` says: ("tone", seconds), ("pause",
    seconds: nothing comes, nothing fails: a suspended source, a Bluetooth drop-out), "fail"
    (as a device does), "end". After its plan it is silent."""

    rate, channels, description = MODEL_RATE, 1, "Headset sound"

    def __init__(self, *plan: tuple[str, float] | str, speed: float = 1.0) -> None:
        self.plan, self.speed = plan, speed
        self._stop = threading.Event()

    def start(self, blocks) -> None:
        threading.Thread(target=self._run, args=(blocks,), daemon=True).start()

    def _run(self, blocks) -> None:
        tone = np.sin(np.arange(BLOCK) / 5).astype(np.float32)[:, None]
        step = BLOCK / MODEL_RATE / self.speed
        for part in self.plan:
            if part == "fail":
                blocks.put(DeviceLost.disconnected(self.description))
                return
            if part == "end":
                blocks.put(END)
                return
            kind, seconds = part
            for _ in range(round(seconds * MODEL_RATE / BLOCK)):
                if self._stop.wait(step):
                    return
                if kind == "tone":
                    blocks.put(tone)

    def stop(self) -> None:
        self._stop.set()


def _recorded(microphone, others) -> tuple[np.ndarray, list[str], CallSource]:
    """A call of the two sources recorded to its end, and what it told of lost devices."""
    told: list[str] = []
    call = CallSource(microphone, others, on_lost=told.append)
    blocks: queue.SimpleQueue = queue.SimpleQueue()
    call.start(blocks)
    frames = []
    while (item := blocks.get(timeout=10)) is not END:
        frames.append(item)
    call.stop()
    return np.concatenate(frames), told, call


@pytest.mark.logs(r"stopped; the recording goes on")
def test_the_microphone_records_on_when_the_system_audio_fails():
    microphone = FileSource(speech("en_jfk").path, speed=20.0)
    audio, told, call = _recorded(microphone, _Device(("tone", 2.0), "fail", speed=20.0))
    assert audio.shape == (len(microphone.audio), 2)  # every microphone sample, two channels
    assert np.array_equal(audio[:, 0], microphone.audio[:, 0])
    assert np.abs(audio[: 2 * MODEL_RATE - BLOCK, 1]).max() > 0.5  # the tone, then silence
    assert not audio[3 * MODEL_RATE :, 1].any()
    assert told == call.lost and "other side, 'Headset sound', stopped" in told[0]


@pytest.mark.logs(r"stopped; the recording goes on")
def test_the_system_audio_records_on_when_the_microphone_fails():
    others = FileSource(speech("en_jfk").path, speed=20.0)
    audio, told, call = _recorded(_Device(("tone", 2.0), "fail", speed=20.0), others)
    assert np.abs(audio[: 2 * MODEL_RATE - BLOCK, 0]).max() > 0.5  # the tone, then silence
    assert not audio[2 * MODEL_RATE :, 0].any()
    heard = audio[:, 1]
    assert np.count_nonzero(heard) == np.count_nonzero(others.audio)  # nothing of it lost...
    tail = 5 * MODEL_RATE
    assert np.array_equal(heard[-tail:], others.audio[-tail:, 0])  # ...and it ends as it does
    assert told == call.lost and "microphone 'Headset sound' stopped" in told[0]


@pytest.mark.logs(r"went silent; the recording goes on")
def test_the_system_audio_records_on_while_the_microphone_is_silent_and_it_again_after():
    """A microphone that stops delivering without an error (a Bluetooth drop-out) ended the
    whole call when the recorder heard nothing for 3 s: the other side goes on meanwhile, and
    the microphone is heard again when it is back."""
    others = FileSource(speech("en_jfk").path)  # 11 s
    microphone = _Device(("tone", 2.0), ("pause", 3.5), ("tone", 3.0), "end")
    audio, told, call = _recorded(microphone, others)
    assert told == call.lost and "microphone 'Headset sound' went silent" in told[0]
    assert np.abs(audio[MODEL_RATE : 2 * MODEL_RATE - BLOCK, 0]).max() > 0.5  # the tone...
    assert not audio[int(2.5 * MODEL_RATE) : int(4.5 * MODEL_RATE), 0].any()  # ...a gap...
    assert np.abs(audio[int(6.5 * MODEL_RATE) : int(7.5 * MODEL_RATE), 0]).max() > 0.5  # back
    heard = audio[: int(8 * MODEL_RATE), 1]
    assert np.count_nonzero(heard) >= 0.95 * np.count_nonzero(others.audio[: int(8 * MODEL_RATE)])


@pytest.mark.parametrize(
    ("failing", "goes_on", "heard"),
    [("System audio: Headset", "with the microphone alone", "You"),
     ("Mic", "with the system audio alone", "Others"),
     ("Mic stalls", "with the system audio, and with the microphone again", "Others")],
)  # fmt: skip
@pytest.mark.logs(r"(stopped|went silent); the recording goes on")
def test_a_session_says_which_device_of_a_call_stopped(
    qtbot, manager, monkeypatch, failing, goes_on, heard
):
    from transcrevai_desktop.core import session as session_module

    def source(device, channels=1):  # fault injection: the devices behind the names
        if failing == "Mic stalls" and device == "Mic":
            return _Device(("tone", 2.0))
        if device == failing:
            return _Device(("tone", 2.0), "fail")
        return FileSource(speech("en_jfk").path)

    monkeypatch.setattr(session_module, "MicrophoneSource", source)
    session = manager.get_session(manager.create_session())
    messages: list[str] = []
    session.status_changed.connect(lambda status, message: messages.append(message))
    session.start(device="Mic", language="en", system_audio="System audio: Headset")
    qtbot.waitUntil(lambda: "'Headset sound'" in session.message, timeout=10_000)
    assert session.status.value == "recording"
    session.pause()  # paused and resumed, the tab still says a side is not recorded
    assert session.status.value == "paused" and goes_on in session.message
    session.resume()
    assert session.status.value == "recording" and goes_on in session.message
    qtbot.waitUntil(lambda: messages[-1:] == [session.message])
    qtbot.waitUntil(lambda: session.recorded_seconds > 6, timeout=20_000)
    session.stop()
    qtbot.waitUntil(lambda: session.status.value == "complete", timeout=120_000)
    assert any(goes_on in m for m in messages)
    assert [s.name for s in session.transcript().speakers] == [heard]  # the other said nothing
    assert "fellow americans" in session.transcript().text.lower()


@pytest.mark.logs(r"stopped; the recording goes on")  # the shorter file ends first
def test_a_calls_speaker_whose_name_is_cleared_is_you_again(qtbot, manager, monkeypatch):
    """A blank name gives a speaker back the name it had: a call's "You" became "Channel 1"."""
    from transcrevai_desktop.core import session as session_module

    def source(device, channels=1):  # the call's two sides, played from files
        clip = "en_jfk" if device == "Mic" else "en_digits_10001-90210-01803"
        return FileSource(speech(clip).path, speed=4.0)

    monkeypatch.setattr(session_module, "MicrophoneSource", source)
    session = manager.get_session(manager.create_session())
    session.start(device="Mic", language="en", system_audio="System audio: Headset")
    qtbot.waitUntil(lambda: session.status.value == "complete", timeout=180_000)
    assert [s.name for s in session.transcript().speakers] == ["You", "Others"]
    session.rename_speaker("C1", "Maria")
    session.rename_speaker("C1", "  ")
    assert [s.name for s in session.transcript().speakers] == ["You", "Others"]
    session.wait_saved()
    assert "You:" in session.files["transcript"].read_text()
