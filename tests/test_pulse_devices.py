"""Every microphone and the computer's own sound, by name, on a PulseAudio server.

Two more virtual microphones join the tests' server: each a null sink ("Talker A speaker")
whose monitor is remapped into a source ("Microphone A"); what ``paplay`` plays into a sink is
what its microphone hears, and the sink's monitor is "System audio: Talker A speaker".
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import soundfile
from PySide6.QtCore import Qt

from tests.conftest import hung_sound_server, listed, pactl, speech, transcrevai, wer
from transcrevai_desktop.core import devices as devices_module
from transcrevai_desktop.core import pulse_sources as pulse_sources_module
from transcrevai_desktop.core.devices import (
    InputDevice,
    default_system_audio,
    find_input_device,
    list_input_devices,
)
from transcrevai_desktop.core.errors import DeviceNotFound
from transcrevai_desktop.core.pulse_sources import (
    ANSWER_TIMEOUT,
    SYSTEM_AUDIO,
    pulse_sources,
    source_env,
)
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.device_picker import DevicePicker
from transcrevai_desktop.ui.preferences_dialog import PreferencesDialog

ENGLISH, PORTUGUESE = "en_jfk", "pt_picovoice_leopard_test_pt"


def _virtual_microphone(letter: str) -> list[str]:
    """Load "Talker <letter> speaker" and "Microphone <letter>"; the modules to unload."""
    sink = f"talker_{letter.lower()}"
    return [
        pactl("load-module", "module-null-sink", f"sink_name={sink}", "rate=16000",
              "channels=1", f"sink_properties=\"device.description='Talker {letter} speaker'\"",
              ).strip(),
        pactl("load-module", "module-remap-source", f"master={sink}.monitor",
              f"source_name=mic_{letter.lower()}",
              f"source_properties=\"device.description='Microphone {letter}'\"").strip(),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def two_microphones(virtual_mic):
    modules = _virtual_microphone("A") + _virtual_microphone("B")
    yield virtual_mic
    for module in reversed(modules):
        pactl("unload-module", module)


def _record(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "transcrevai_desktop", "record", "--json", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def _transcript(out: Path) -> str:
    return (next(out.iterdir()) / "transcript.txt").read_text()


def test_inputs_are_listed_by_name_and_follow_devices_coming_and_going(qtbot, two_microphones):
    names = [device.name for device in list_input_devices()]
    for name in ("Virtual microphone", "Microphone A", "Microphone B",
                 f"{SYSTEM_AUDIO}Talker A speaker", f"{SYSTEM_AUDIO}Virtual speaker"):  # fmt: skip
        assert name in names, names
    assert names.index("Microphone B") < names.index(f"{SYSTEM_AUDIO}Virtual speaker")
    assert find_input_device("Microphone A").pulse_source == "mic_a"
    printed = transcrevai("devices").stdout
    assert "* " in printed.splitlines()[0] and "Virtual microphone" in printed.splitlines()[0]
    assert "Microphone B  (PulseAudio" in printed and "System audio: Talker B speaker" in printed

    modules = _virtual_microphone("C")  # plugged in while the app runs
    picker = DevicePicker("Microphone C")
    listed(picker)
    assert picker.device == "Microphone C" and picker.currentText() == "Microphone C"
    for module in reversed(modules):  # and unplugged
        pactl("unload-module", module)
    assert "Microphone C" not in [device.name for device in list_input_devices()]
    picker.showPopup()  # listed again: still chosen, marked, never another microphone
    listed(picker)
    picker.hidePopup()
    assert picker.device == "Microphone C"
    assert picker.currentText() == "Microphone C (not connected)"
    with pytest.raises(DeviceNotFound, match="No input device matches 'Microphone C'"):
        find_input_device("Microphone C")
    result = transcrevai("record", "--device", "Microphone C", "--seconds", "1")
    assert result.returncode == 1 and "'Microphone C'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.logs("The sound server did not answer")
def test_a_hung_sound_server_never_freezes_the_window(qtbot, window, virtual_mic):
    """A PipeWire that stops answering is given up on after ``ANSWER_TIMEOUT``: the window
    waited that long twice for each new tab (its two pickers) and once each time a list of
    inputs opened."""
    with hung_sound_server():
        started = time.monotonic()
        window.new_action.trigger()
        tab = window.current_tab()
        tab.device_picker.showPopup()
        tab.device_picker.hidePopup()
        waited = time.monotonic() - started
        listed(tab.device_picker)  # PortAudio's own devices, meanwhile
    assert waited < ANSWER_TIMEOUT / 4, f"the window froze {waited:.1f} s"
    assert tab.device_picker.findData(virtual_mic.device) < 0  # not heard from the server
    tab.device_picker.showPopup()  # the server answers again: its inputs are back
    listed(tab.device_picker)
    tab.device_picker.hidePopup()
    assert tab.device_picker.findData(virtual_mic.device) > 0


def test_a_microphone_not_connected_never_records_the_speakers_of_its_name(qtbot, virtual_mic):
    """A laptop's (or a Bluetooth headset's) microphone and speakers share a description: with
    the microphone gone (the card on an output-only profile, the headset in A2DP), the name
    saved for it must not open "System audio: <that name>"."""
    modules = [
        pactl("load-module", "module-null-sink", "sink_name=headset", "rate=16000",
              "channels=1", "sink_properties=\"device.description='USB Headset'\"").strip(),
        pactl("load-module", "module-remap-source", "master=headset.monitor",
              "source_name=headset_mic",
              "source_properties=\"device.description='USB Headset'\"").strip(),
    ]  # fmt: skip
    try:
        assert find_input_device("USB Headset").pulse_source == "headset_mic"
        assert find_input_device("usb head").pulse_source == "headset_mic"  # typed in part
        pactl("unload-module", modules.pop())  # the microphone goes; the speakers stay
        assert f"{SYSTEM_AUDIO}USB Headset" in [d.name for d in list_input_devices()]
        with pytest.raises(DeviceNotFound, match="No input device matches 'USB Headset'"):
            find_input_device("USB Headset")
        assert find_input_device("system audio: usb").pulse_source == "headset.monitor"
        picker = DevicePicker("USB Headset")
        listed(picker)
        assert picker.currentText() == "USB Headset (not connected)"
    finally:
        for module in reversed(modules):
            pactl("unload-module", module)


def _identical_headset(serial: str) -> list[str]:
    """A "Jabra Evolve" headset, speakers and microphone, whose server names hold ``serial``
    (as a USB headset's do); the modules to unload."""
    return [
        pactl("load-module", "module-null-sink", f"sink_name=jabra_out_{serial}", "rate=16000",
              "channels=1", "sink_properties=\"device.description='Jabra Evolve'\"").strip(),
        pactl("load-module", "module-remap-source", f"master=jabra_out_{serial}.monitor",
              f"source_name=jabra_in_{serial}",
              "source_properties=\"device.description='Jabra Evolve'\"").strip(),
    ]  # fmt: skip


def test_two_identical_headsets_keep_their_names_whatever_order_they_are_plugged_in(
    qtbot, virtual_mic
):
    """Two people with the same headset, each recorded in a tab: "Jabra Evolve (2)" is saved
    as the second one's microphone. Numbered in the server's order, it named whichever was
    plugged in second, so after a restart each tab could record the other person."""
    chosen: dict[str, str | None] = {}
    for order in (("2b", "1a"), ("1a", "2b")):
        modules = [module for serial in order for module in _identical_headset(serial)]
        try:
            for name in ("Jabra Evolve", "Jabra Evolve (2)", f"{SYSTEM_AUDIO}Jabra Evolve (2)"):
                found = find_input_device(name).pulse_source
                assert chosen.setdefault(name, found) == found, f"{name} plugged in {order}"
            picker = DevicePicker("Jabra Evolve (2)")
            listed(picker)
            assert picker.currentText() == "Jabra Evolve (2)"
        finally:
            for module in reversed(modules):
                pactl("unload-module", module)
    assert chosen == {
        "Jabra Evolve": "jabra_in_1a",
        "Jabra Evolve (2)": "jabra_in_2b",
        f"{SYSTEM_AUDIO}Jabra Evolve (2)": "jabra_out_2b.monitor",
    }


@pytest.mark.logs(r"is gone from the sound server", r" ended: ")
def test_a_microphone_unplugged_mid_recording_is_said_not_replaced(qtbot, virtual_mic, manager):
    """The server moves a stream whose source went away to its default input and tells the
    stream nothing: the recording went on from another microphone. It stops and says so, as
    for a microphone that stops delivering, and keeps what it recorded."""
    modules = _virtual_microphone("D")
    session = manager.get_session(manager.create_session())
    try:
        session.start(device="Microphone D", language="en")
        qtbot.waitUntil(lambda: session.recorded_seconds > 1.5, timeout=10_000)
        for module in reversed(modules):  # unplugged
            pactl("unload-module", module)
        modules = []
        qtbot.waitUntil(lambda: session.status == "error", timeout=10_000)
    finally:
        for module in reversed(modules):
            pactl("unload-module", module)
    assert session.message.startswith("Microphone disconnected: 'Microphone D'")
    assert soundfile.info(session.files["audio"]).duration > 1.5


def test_two_recordings_of_two_microphones_at_once_hear_their_own_talker(two_microphones, tmp_path):
    processes = {
        letter: _record("--device", f"Microphone {letter}", "--seconds", "13", "--language",
                        language, "--out", str(tmp_path / letter))
        for letter, language in (("A", "en"), ("B", "pt"))
    }  # fmt: skip
    for process in processes.values():
        assert process.stdout is not None and "recording" in process.stdout.readline()
    players = [two_microphones.play(speech(ENGLISH).path, sink="talker_a"),
               two_microphones.play(speech(PORTUGUESE).path, sink="talker_b")]  # fmt: skip
    for player in players:
        player.wait(timeout=30)
    for letter, process in processes.items():
        _, stderr = process.communicate(timeout=180)
        assert process.returncode == 0, stderr
        session = json.loads((next((tmp_path / letter).iterdir()) / "session.json").read_text())
        assert session["device"] == f"Microphone {letter}"
    english, portuguese = _transcript(tmp_path / "A"), _transcript(tmp_path / "B")
    assert wer(speech(ENGLISH).reference, english) < 0.15, english
    assert wer(speech(PORTUGUESE).reference, portuguese) < 0.3, portuguese
    assert "country" not in portuguese.lower() and "country" in english.lower()


def test_system_audio_records_what_an_output_plays(two_microphones, tmp_path):
    out = tmp_path / "out"
    process = _record("--device", f"{SYSTEM_AUDIO}Talker B speaker", "--seconds", "13",
                      "--language", "en", "--out", str(out))  # fmt: skip
    assert process.stdout is not None and "recording" in process.stdout.readline()
    quiet = two_microphones.play(speech(PORTUGUESE).path, sink="talker_a")  # another output
    two_microphones.play(speech(ENGLISH).path, sink="talker_b").wait(timeout=30)
    quiet.wait(timeout=30)
    _, stderr = process.communicate(timeout=180)
    assert process.returncode == 0, stderr
    assert wer(speech(ENGLISH).reference, _transcript(out)) < 0.15, _transcript(out)


def test_two_tabs_record_two_microphones_at_once(qtbot, window, two_microphones):
    tabs = []
    for letter in "AB":
        window.new_action.trigger()
        tab = window.current_tab()
        listed(tab.device_picker)
        tab.device_picker.setCurrentIndex(tab.device_picker.findData(f"Microphone {letter}"))
        tab.language_picker.setCurrentIndex(tab.language_picker.findData("en"))
        assert tab.device_picker.device == f"Microphone {letter}"
        tabs.append(tab)
    for tab in tabs:
        qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    two_microphones.play(speech(ENGLISH).path, sink="talker_a").wait(timeout=30)
    reader = two_microphones.play(speech("en_sonnet001_librivox").path, sink="talker_b")
    qtbot.wait(8000)
    for tab in tabs:
        qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    reader.terminate()  # 53 s long: it must not play on into the next test
    reader.wait(timeout=10)
    for tab in tabs:
        qtbot.waitUntil(lambda t=tab: t.status_label.text() == "Transcript ready", timeout=120_000)
    first, second = (tab.session.files["transcript"].read_text().lower() for tab in tabs)
    assert "country" in first and "creatures" not in first, first
    assert "creatures" in second and "country" not in second, second
    assert "country" in tabs[0].captions.toPlainText().lower()


# -- without a sound server --------------------------------------------------------------------
def test_without_a_sound_server_portaudio_devices_are_listed(monkeypatch):
    portaudio = [InputDevice(3, "USB Audio: Mic (hw:1,0)", "ALSA", 1, 48000.0, False),
                 InputDevice(7, "Stereo Mix (Realtek)", "ALSA", 2, 48000.0, True)]  # fmt: skip
    monkeypatch.setattr(devices_module, "_portaudio_devices", lambda: portaudio)
    offered = list_input_devices()  # no "pulse" device: PortAudio's own list
    assert [d.name for d in offered] == [d.name for d in portaudio]
    assert [d.is_system_audio for d in offered] == [False, True]  # Stereo Mix hears the sound
    assert find_input_device("Stereo Mix") == offered[1]
    assert find_input_device("3") == offered[0] and find_input_device(None) == offered[1]
    with pytest.raises(DeviceNotFound, match=r"Available: 3: USB Audio: Mic \(hw:1,0\), 7: "):
        find_input_device("Headset")
    pulse = InputDevice(9, "pulse", "ALSA", 32, 44100.0, False)
    monkeypatch.setattr(devices_module, "_portaudio_devices", lambda: [*portaudio, pulse])
    monkeypatch.setattr(devices_module, "pulse_sources", lambda: None)  # the server is gone
    assert [d.name for d in list_input_devices()] == [*(d.name for d in portaudio), "pulse"]


def test_the_sound_server_answers_without_waiting_out_the_timeout(virtual_mic):
    """pulsectl's timed connect waited out its whole timeout even when the server answered
    at once: each list of inputs, each Record, froze the window for a second."""
    waits = []
    for _ in range(3):
        asked = time.monotonic()
        sources = pulse_sources()
        waits.append(time.monotonic() - asked)
        assert sources is not None and virtual_mic.device in [s.label for s in sources]
    assert min(waits) < 0.25 * pulse_sources_module.ANSWER_TIMEOUT, waits


@pytest.mark.logs("The sound server did not answer")
def test_a_sound_server_that_never_answers_leaves_portaudios_list(monkeypatch, tmp_path):
    """A server that takes the connection and never replies (hung, stopped in a debugger)
    costs the wait, then PortAudio's own devices are offered."""
    hung = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    hung.bind(str(tmp_path / "native"))
    hung.listen()  # never accepted, never answered
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'native'}")
    monkeypatch.setattr(pulse_sources_module, "ANSWER_TIMEOUT", 0.3)
    portaudio = [InputDevice(0, "HDA Intel PCH: ALC892 Analog (hw:0,0)", "ALSA", 2, 44100.0, False),
                 InputDevice(9, "pulse", "ALSA", 32, 44100.0, False)]  # fmt: skip
    monkeypatch.setattr(devices_module, "_portaudio_devices", lambda: portaudio)
    try:
        assert pulse_sources() is None
        assert list_input_devices() == portaudio
    finally:
        hung.close()


@pytest.mark.parametrize(
    ("names", "heard"),
    [(["Microphone (USB Headset)", "Speakers (Realtek Audio) [Loopback]"], 1),  # WASAPI
     (["MacBook Pro Microphone", "BlackHole 2ch"], 1),
     (["Microfone (Realtek)", "Mixagem estéreo (Realtek)"], 1),  # Windows in Portuguese
     (["Microphone (Realtek)", "CABLE Output (VB-Audio Virtual Cable)"], 1)],
)  # fmt: skip
def test_elsewhere_a_loopback_device_is_the_calls_system_audio(monkeypatch, names, heard):
    portaudio = [InputDevice(i, name, "WASAPI", 2, 48000.0, i == 0) for i, name in
                 enumerate(names)]  # fmt: skip
    monkeypatch.setattr(devices_module, "_portaudio_devices", lambda: portaudio)
    assert default_system_audio().name == names[heard]


@pytest.mark.parametrize("default_output", ["Headphones (USB Headset)", "Speakers (Realtek Hig"])
def test_elsewhere_the_calls_system_audio_is_the_default_outputs_loopback(
    monkeypatch, default_output
):
    """Windows lists a loopback per output; the call box hears the default output's, found by
    its name even cut short (MME's 31 characters), not the first listed."""
    names = ["Microphone (USB Headset)", "Speakers (Realtek High Definition Audio) [Loopback]",
             "Headphones (USB Headset) [Loopback]"]  # fmt: skip
    portaudio = [InputDevice(i, name, "Windows WASAPI", 2, 48000.0, i == 0) for i, name in
                 enumerate(names)]  # fmt: skip
    monkeypatch.setattr(devices_module, "_portaudio_devices", lambda: portaudio)
    monkeypatch.setattr(devices_module, "_default_output_name", lambda: default_output)
    assert default_system_audio().name.startswith(default_output)
    monkeypatch.setattr(devices_module, "_default_output_name", lambda: None)  # no output
    assert default_system_audio().name == names[1]


def test_without_a_loopback_device_the_call_says_how_to_get_one(qtbot, window, monkeypatch):
    portaudio = [InputDevice(0, "Microphone (Realtek)", "MME", 1, 44100.0, True)]
    monkeypatch.setattr(devices_module, "_portaudio_devices", lambda: portaudio)
    with pytest.raises(DeviceNotFound, match=r'enable "Stereo Mix" .* VB-CABLE; on macOS'):
        default_system_audio()
    window.new_action.trigger()
    tab = window.current_tab()
    tab.call_box.setChecked(True)
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert tab.session.status.value == "idle"
    assert "No input hears the computer's sound" in tab.status_label.text()
    assert "BlackHole" in tab.call_box.toolTip()
    alsa = [InputDevice(0, "HDA Intel PCH: ALC892 Analog (hw:0,0)", "ALSA", 2, 44100.0, True)]
    monkeypatch.setattr(devices_module, "_portaudio_devices", lambda: alsa)  # no sound server
    with pytest.raises(DeviceNotFound, match="PulseAudio or PipeWire sound server") as said:
        default_system_audio()
    assert "Stereo Mix" not in str(said.value)  # Windows' advice, on Linux


def test_a_stream_opens_with_its_source_and_leaves_the_variable_as_it_was(monkeypatch):
    monkeypatch.setenv("PULSE_SOURCE", "theirs")
    with source_env("mic_a"):
        assert os.environ["PULSE_SOURCE"] == "mic_a"
    assert os.environ["PULSE_SOURCE"] == "theirs"
    monkeypatch.delenv("PULSE_SOURCE")
    with source_env(None):
        assert "PULSE_SOURCE" not in os.environ
    with source_env("mic_b"):
        pass
    assert "PULSE_SOURCE" not in os.environ


def test_a_call_records_both_sides_on_two_channels(two_microphones, tmp_path):
    """The microphone hears the user (Talker A); the call's other side plays on an output
    (Talker B speaker), which the user does not hear in the microphone (headphones)."""
    out = tmp_path / "out"
    process = _record("--device", "Microphone A", "--also-system-audio",
                      f"{SYSTEM_AUDIO}Talker B speaker", "--seconds", "14", "--language", "en",
                      "--out", str(out))  # fmt: skip
    assert process.stdout is not None and "recording" in process.stdout.readline()
    you = two_microphones.play(speech(ENGLISH).path, sink="talker_a")
    others = two_microphones.play(speech("en_sonnet001_librivox").path, sink="talker_b")
    you.wait(timeout=30)
    stdout, stderr = process.communicate(timeout=180)
    others.terminate()
    others.wait(timeout=10)
    assert process.returncode == 0, stderr
    folder = next(out.iterdir())
    assert soundfile.info(folder / "audio.wav").channels == 2
    session = json.loads((folder / "session.json").read_text())
    assert session["device"] == f"Microphone A + {SYSTEM_AUDIO}Talker B speaker"
    data = json.loads((folder / "transcript.json").read_text())
    assert [(s["id"], s["name"]) for s in data["speakers"]] == [("C1", "You"), ("C2", "Others")]
    said = {s["name"]: " ".join(x["text"] for x in data["segments"] if x["speaker"] == s["id"])
            for s in data["speakers"]}  # fmt: skip
    assert wer(speech(ENGLISH).reference, said["You"]) < 0.15, said
    assert "creatures" in said["Others"].lower() and "country" not in said["Others"].lower()
    text = (folder / "transcript.txt").read_text()
    assert "You: And so" in text and "Others: " in text
    live = " ".join(json.loads(line)["text"] for line in stdout.splitlines()
                    if '"committed"' in line)  # fmt: skip
    heard = set(re.findall(r"\w+", live.lower()))  # the captions hear the mix: both talkers
    assert heard & {"fellow", "americans", "ask", "country"}, live
    # words only the sonnet has, some of which the captions of the mix may mishear
    sonnet = {"fairest", "creature", "creatures", "desire", "increase", "thereby", "beauty",
              "rose", "riper", "deceased", "tender", "memory"}  # fmt: skip
    assert heard & sonnet, live


def test_a_call_without_headphones_keeps_the_other_side_once(two_microphones, tmp_path):
    """The microphone hears the user and, quieter, the call's other side from the
    loudspeakers: the other side's words are the Others', not the user's too."""
    out = tmp_path / "out"
    process = _record("--device", "Microphone A", "--also-system-audio",
                      f"{SYSTEM_AUDIO}Talker B speaker", "--seconds", "22", "--language", "en",
                      "--out", str(out))  # fmt: skip
    assert process.stdout is not None and "recording" in process.stdout.readline()
    # The call's other side starts a second in, as calls do. (Played the moment both inputs
    # opened, its first words were once timed into the silence before them and kept under
    # "You" too; loudness_in now measures such words around their time.)
    time.sleep(1)
    others = speech("en_sonnet001_librivox").path
    playing = [two_microphones.play(others, sink="talker_b"),  # the call
               two_microphones.play(others, sink="talker_a", volume=0.35)]  # fmt: skip
    time.sleep(9)
    two_microphones.play(speech(ENGLISH).path, sink="talker_a").wait(timeout=30)
    _, stderr = process.communicate(timeout=180)
    for player in playing:
        player.terminate()
        player.wait(timeout=10)
    assert process.returncode == 0, stderr
    data = json.loads((next(out.iterdir()) / "transcript.json").read_text())
    said = {s["name"]: " ".join(x["text"] for x in data["segments"] if x["speaker"] == s["id"])
            for s in data["speakers"]}  # fmt: skip
    sonnet = {"from", "fairest", "creatures", "desire", "increase", "beauty", "rose", "tender"}
    assert not sonnet & set(re.findall(r"\w+", said["You"].lower())), said
    assert wer(speech(ENGLISH).reference, said["You"]) < 0.2, said
    assert "creatures" in said["Others"].lower() and "country" not in said["Others"].lower()


def _call_captions(qtbot, tab, two_microphones, speaking: str) -> list[str]:
    """While ``tab`` records: the sonnet plays on the default output and en_jfk on the sink
    ``speaking``; then Stop. The captions' paragraphs once the transcript is ready."""
    default_output = two_microphones.play(speech("en_sonnet001_librivox").path)
    time.sleep(1)  # as calls do: played the moment both inputs open, its start can be cut
    two_microphones.play(speech(ENGLISH).path, sink=speaking).wait(timeout=30)
    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    default_output.terminate()
    default_output.wait(timeout=10)
    qtbot.waitUntil(lambda: tab.status_label.text() == "Transcript ready", timeout=120_000)
    return tab.captions.toPlainText().split("\n")


def test_a_tab_records_a_call_with_the_default_output(qtbot, window, two_microphones):
    window.new_action.trigger()
    tab = window.current_tab()
    listed(tab.device_picker, tab.other_side_picker)
    tab.device_picker.setCurrentIndex(tab.device_picker.findData("Microphone A"))
    tab.language_picker.setCurrentIndex(tab.language_picker.findData("en"))
    tab.call_box.setChecked(True)
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert tab.session.device == f"Microphone A + {SYSTEM_AUDIO}Virtual speaker"  # the default
    assert not tab.call_box.isEnabled()
    paragraphs = _call_captions(qtbot, tab, two_microphones, "talker_a")
    assert tab.speaker_list.names() == ["You", "Others"]
    assert any(p.startswith("You: And so") for p in paragraphs), paragraphs
    assert any(p.startswith("Others: ") and "creatures" in p for p in paragraphs), paragraphs


def test_a_tab_records_a_call_whose_app_plays_to_another_output(qtbot, window, two_microphones):
    window.new_action.trigger()
    tab = window.current_tab()
    listed(tab.device_picker, tab.other_side_picker)
    tab.device_picker.setCurrentIndex(tab.device_picker.findData("Microphone A"))
    tab.language_picker.setCurrentIndex(tab.language_picker.findData("en"))
    picker = tab.other_side_picker
    assert not picker.isEnabled() and not picker.isHidden(), "it picks for a call only"
    tab.call_box.setChecked(True)
    headset = f"{SYSTEM_AUDIO}Talker B speaker"
    offered = [picker.itemData(i) for i in range(picker.count())]
    assert offered[0] == "" and headset in offered and "Microphone B" not in offered, offered
    picker.setCurrentIndex(picker.findData(headset))
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    assert tab.session.device == f"Microphone A + {headset}"
    assert picker.isHidden(), "the microphone's field names both inputs"
    paragraphs = _call_captions(qtbot, tab, two_microphones, "talker_b")  # the sonnet: not it
    others = [p for p in paragraphs if p.startswith("Others: ")]
    assert any("ask not what your country" in p for p in others), paragraphs
    assert "creatures" not in tab.captions.toPlainText()
    window.new_action.trigger()  # the next call starts from the same choice
    assert window.current_tab().other_side_picker.device == headset


def test_preferences_choose_where_a_calls_other_side_is_heard(qtbot, two_microphones):
    settings = Settings()
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    picker = dialog.system_audio
    listed(picker)
    offered = [picker.itemData(i) for i in range(picker.count())]
    assert offered[0] == "" and picker.itemText(0) == "The default output's sound"
    assert all(name.startswith(SYSTEM_AUDIO) for name in offered[1:]), offered
    picker.setCurrentIndex(picker.findData(f"{SYSTEM_AUDIO}Talker A speaker"))
    dialog.accept()
    assert settings.get(Key.SYSTEM_AUDIO) == f"{SYSTEM_AUDIO}Talker A speaker"


def test_on_windows_each_input_is_offered_once(monkeypatch):
    apis = {"MME": ["Microsoft Sound Mapper - Input", "Microphone (Realtek High Defini",
                    "Stereo Mix (Realtek High Defin"],
            "Windows DirectSound": ["Primary Sound Capture Driver",
                                    "Microphone (Realtek High Definition Audio)"],
            "Windows WASAPI": ["Microphone (Realtek High Definition Audio)",
                               "Speakers (Realtek High Definition Audio) [Loopback]"],
            "Windows WDM-KS": ["Microphone (Realtek HD Audio Mic input)"]}  # fmt: skip
    named = [(api, name) for api, names in apis.items() for name in names]
    portaudio = [InputDevice(i, name, api, 2, 44100.0, i == 0) for i, (api, name) in
                 enumerate(named)]  # fmt: skip
    monkeypatch.setattr(devices_module, "_portaudio_devices", lambda: portaudio)

    assert [d.name for d in list_input_devices()] == [
        *apis["MME"],
        "Speakers (Realtek High Definition Audio) [Loopback]",
    ]
    # a device saved from another host API by its whole name still opens
    assert find_input_device("Microphone (Realtek High Definition Audio)").host_api != "MME"


def test_a_system_audio_is_named_in_portuguese_and_found_by_that_name(portuguese, virtual_mic):
    """`transcrevai devices` listed "System audio: …" in Portuguese, and errors said it too."""
    shown = "Áudio do sistema: Virtual speaker"
    brazilian = {"LANG": "pt_BR.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""}
    assert shown in transcrevai("devices", env=brazilian).stdout
    assert find_input_device(shown).name == f"{SYSTEM_AUDIO}Virtual speaker"
    with pytest.raises(DeviceNotFound, match=r"'Áudio do sistema: Gone'.*Áudio do sistema: Virt"):
        find_input_device(f"{SYSTEM_AUDIO}Gone")
