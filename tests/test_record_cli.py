"""``transcrevai record``: the virtual microphone path end to end, and ``--input`` files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import numpy as np
import pytest
import soundfile
import srt

from tests.conftest import speech, wer
from transcrevai_desktop.core.decoding import decode_file
from transcrevai_desktop.core.errors import SessionInUse
from transcrevai_desktop.core.session_manager import SessionManager


def _record(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "transcrevai_desktop", "record", "--json", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _recover(out: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "transcrevai_desktop", "recover", "--out", str(out), *args],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def _events(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def _committed(events: list[dict]) -> list[dict]:
    return [e for e in events if e["event"] == "committed"]


def _inside(caption: dict, revision: dict) -> bool:
    return revision["start"] <= (caption["start"] + caption["end"]) / 2 <= revision["end"]


def _live_text(events: list[dict]) -> str:
    """The live text as a consumer of ``--json`` rebuilds it: a ``revised`` event replaces
    every committed caption whose middle lies inside its [start, end]."""
    shown: list[dict] = []
    for event in events:
        if event["event"] == "committed":
            shown.append(event)
        elif event["event"] == "revised":
            kept = [e for e in shown if not _inside(e, event)]
            at = next((i for i, e in enumerate(shown) if _inside(e, event)), len(shown))
            shown = [*kept[:at], event, *kept[at:]]
    return " ".join(e["text"] for e in shown)


def _session_folder(out: Path) -> Path:
    (folder,) = [p for p in out.iterdir() if p.is_dir()]
    return folder


def test_record_from_virtual_microphone(virtual_mic, tmp_path):
    clip = speech("en_jfk")
    out = tmp_path / "out"
    seconds = 15
    process = _record("--device", virtual_mic.device, "--seconds", str(seconds),
                      "--language", "en", "--out", str(out))  # fmt: skip
    first = process.stdout.readline()
    assert json.loads(first) == {**json.loads(first), "event": "status", "text": "recording"}
    virtual_mic.play(clip.path).wait(timeout=30)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    events = _events(first + stdout)

    committed = " ".join(e["text"] for e in events if e["event"] == "committed")
    assert wer(clip.reference, committed) < 0.25, committed
    assert any(e["event"] == "tentative" and e["text"] for e in events)
    revised = [e for e in events if e["event"] == "revised"]
    assert revised, "every stretch of speech is revised once it ends"
    for revision in revised:  # the middle rule and the utterance id name the same captions
        inside = [e for e in _committed(events) if _inside(e, revision)]
        assert inside == [e for e in _committed(events) if e["utterance"] == revision["utterance"]]
        assert inside and revision["words"] and revision["t"] >= revision["end"]
    assert [e["text"] for e in events if e["event"] == "status"][-1] == "complete"
    for event in events:
        if event["event"] == "committed":
            assert 0 <= event["start"] <= event["end"] <= seconds + 0.5
            assert event["t"] >= event["end"] - 0.5, "a caption cannot precede its audio"

    folder = _session_folder(out)
    info = soundfile.info(folder / "audio.wav")
    assert (info.samplerate, info.channels, info.subtype) == (16000, 1, "PCM_16")
    assert abs(info.duration - seconds) < 0.2
    final = wer(clip.reference, (folder / "transcript.txt").read_text())
    assert final < 0.15
    live = _live_text(events)
    assert wer(clip.reference, live) <= final + 0.02, live
    cues = list(srt.parse((folder / "transcript.srt").read_text()))
    assert cues and wer(clip.reference, " ".join(c.content for c in cues)) < 0.15
    assert all(c.end.total_seconds() <= seconds + 0.5 for c in cues)
    meta = json.loads((folder / "session.json").read_text())
    assert meta["status"] == "complete" and meta["language"] == "en"
    assert meta["files"]["audio"] == "audio.wav" and meta["device"]


def test_record_input_file_portuguese_at_realtime_pace(tmp_path):
    clip = speech("ptbr_ufpalign_coxinha")
    out = tmp_path / "out"
    started = time.monotonic()
    process = _record("--input", str(clip.path), "--out", str(out))
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    duration = soundfile.info(clip.path).duration
    assert time.monotonic() - started >= duration, "a file is fed at real-time pace"
    events = _events(stdout)
    committed = " ".join(e["text"] for e in events if e["event"] == "committed")
    assert wer(clip.reference, committed) < 0.4, committed
    folder = _session_folder(out)
    assert json.loads((folder / "session.json").read_text())["language"] == "pt"
    assert wer(clip.reference, (folder / "transcript.txt").read_text()) < 0.3
    assert abs(soundfile.info(folder / "audio.wav").duration - duration) < 0.1


def _stopped_after_six_seconds(out: Path) -> subprocess.Popen:
    """`record` of en_jfk (11 s, English) into ``out``, Ctrl-C'd 6 s in."""
    process = _record("--input", str(speech("en_jfk").path), "--out", str(out), "--language", "en")
    assert json.loads(process.stdout.readline())["text"] == "recording"
    time.sleep(6)
    process.send_signal(signal.SIGINT)
    return process


def test_ctrl_c_stops_cleanly_and_keeps_everything(tmp_path):
    out = tmp_path / "out"
    process = _stopped_after_six_seconds(out)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr
    folder = _session_folder(out)
    assert 5 < soundfile.info(folder / "audio.wav").duration < 8
    assert "fellow americans" in (folder / "transcript.txt").read_text().lower()


def test_a_second_ctrl_c_leaves_the_final_pass_for_recover(tmp_path):
    """Ctrl-C stops the recording; a second one, while the final transcript is written, ends
    at once without it (it used to wait for the whole pass): the session is interrupted,
    as after a crash, and `recover --transcribe` writes it later."""
    out = tmp_path / "out"
    process = _stopped_after_six_seconds(out)
    for line in process.stdout:
        if json.loads(line)["text"] == "processing":
            process.send_signal(signal.SIGINT)
            break
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert _events(stdout)[-1]["text"] == "interrupted"
    folder = _session_folder(out)
    assert json.loads((folder / "session.json").read_text())["status"] == "interrupted"
    assert not (folder / "transcript.txt").exists()
    assert 5 < soundfile.info(folder / "audio.wav").duration < 8

    recovered = _recover(out, "--transcribe", "--language", "en")
    assert recovered.returncode == 0, recovered.stderr
    assert "fellow americans" in (folder / "transcript.txt").read_text().lower()


@pytest.mark.parametrize("as_json", [True, False])
def test_a_reader_that_goes_away_ends_the_recording_and_keeps_it(tmp_path, as_json):
    """`transcrevai record --json | head -1` (or without --json): once the reader has gone,
    the recording stops as at Ctrl-C and the process ends; it used to hang for good."""
    clip = speech("en_jfk")  # 11 s
    out = tmp_path / "out"
    command = [sys.executable, "-m", "transcrevai_desktop", "record", "--input", str(clip.path),
               "--out", str(out), "--language", "en", *(["--json"] if as_json else [])]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip()  # the first line, then the reader goes
    process.stdout.close()
    assert process.wait(timeout=120) == 0
    stderr = process.stderr.read()
    assert "Traceback" not in stderr, stderr
    folder = _session_folder(out)
    assert (folder / "transcript.txt").read_text().lower().startswith("and so")
    if as_json:  # an event a caption: the first one after the reader left stops the recording
        assert soundfile.info(folder / "audio.wav").duration < 9
    else:  # a line an utterance, the first at its end; the status lines go on on stderr
        assert "Done" in stderr.splitlines(), stderr


def test_killed_process_leaves_a_playable_wav_that_recover_transcribes(tmp_path):
    clip = speech("en_jfk")
    out = tmp_path / "out"
    spawned = time.monotonic()
    process = _record("--input", str(clip.path), "--out", str(out))
    assert json.loads(process.stdout.readline())["text"] == "recording"
    announced = time.monotonic()  # the file plays from a moment before this line is read
    time.sleep(5)
    os.kill(process.pid, signal.SIGKILL)
    killed = time.monotonic()
    process.communicate(timeout=30)
    folder = _session_folder(out)
    audio, rate = soundfile.read(folder / "audio.wav")
    assert rate == 16000
    # kept: all but the last flush (every 0.5 s) and what the writer had not reached yet
    assert killed - announced - 1.5 <= len(audio) / rate <= killed - spawned

    listed = _recover(out)
    assert listed.returncode == 0, listed.stderr
    assert f"({folder.name}): " in listed.stderr and "s of audio kept" in listed.stderr
    assert "WARNING" not in listed.stderr  # "…recovery: Repairing …", in English, said it twice
    assert json.loads((folder / "session.json").read_text())["status"] == "interrupted"
    assert not (folder / "transcript.txt").exists()

    recovered = _recover(out, "--transcribe", "--language", "en")
    assert recovered.returncode == 0, recovered.stderr
    assert "fellow americans" in (folder / "transcript.txt").read_text().lower()
    meta = json.loads((folder / "session.json").read_text())
    assert meta["status"] == "complete", meta
    assert soundfile.info(folder / "audio.wav").frames >= len(audio)  # nothing was cut


def test_ctrl_c_during_recover_leaves_the_recording_to_recover_again(tmp_path):
    """Ctrl-C while `recover --transcribe` writes a transcript: the recording stays
    interrupted (it was marked failed, and no later recover found it)."""
    out = tmp_path / "out"
    folder = out / str(uuid.uuid4())  # what a recording's process left when it died
    folder.mkdir(parents=True)
    audio = np.tile(decode_file(speech("en_lucier_sitting_in_a_room").path), 4)  # 400 s
    soundfile.write(folder / "audio.wav", audio, 16000, subtype="PCM_16")
    metadata = {"id": folder.name, "name": "Aula", "status": "recording",
                "created_at": "2026-11-29T09:00:00+00:00",
                "files": {"audio": "audio.wav"}}  # fmt: skip
    (folder / "session.json").write_text(json.dumps(metadata), encoding="utf-8")

    recovering = subprocess.Popen(
        [sys.executable, "-m", "transcrevai_desktop", "recover", "--transcribe", "--out",
         str(out), "--language", "en"],
        stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    next(line for line in recovering.stderr if "s of audio kept" in line)  # then transcribes
    time.sleep(3)  # the model loaded, the pass under way
    recovering.send_signal(signal.SIGINT)
    _, stderr = recovering.communicate(timeout=120)
    assert recovering.returncode == 130 and "Traceback" not in stderr, stderr
    assert json.loads((folder / "session.json").read_text())["status"] == "interrupted"
    assert not (folder / "transcript.txt").exists()
    listed = _recover(out)
    assert f"({folder.name}): " in listed.stderr


def test_unknown_device_is_one_clear_line(tmp_path):
    process = _record("--device", "no such microphone", "--out", str(tmp_path))
    _, stderr = process.communicate(timeout=120)
    assert process.returncode != 0
    assert stderr.strip().splitlines()[-1].startswith("transcrevai: error: No input device")
    assert "Traceback" not in stderr


def test_a_recordings_folder_that_cannot_be_is_one_clear_line(tmp_path):
    """--out inside a file: one sentence, nothing logged about the folder it could not make."""
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    process = _record(
        "--input", str(speech("en_jfk").path), "--out", str(tmp_path / "notes.txt" / "x")
    )
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 1
    assert stderr.strip().splitlines() == [
        f"transcrevai: error: Could not create a recording folder in {tmp_path}/notes.txt/x: "
        "Not a directory."
    ]


def test_a_recording_another_process_makes_is_left_alone(tmp_path, engine):
    out = tmp_path / "out"
    process = _record("--input", str(speech("en_jfk").path), "--out", str(out))
    assert json.loads(process.stdout.readline())["text"] == "recording"
    folder = _session_folder(out)
    manager = SessionManager(library_dir=out, engine=engine)
    time.sleep(2)  # its first audio on disk: listed

    [entry], _ = manager.library()
    assert entry.status == "recording" and entry.in_use
    with pytest.raises(SessionInUse, match="another TranscrevAI window"):
        manager.open_session(entry.id)  # reopened, it was marked interrupted
    with pytest.raises(SessionInUse):
        manager.delete_session(entry.id, delete_files=True)
    listed = _recover(out)
    assert listed.returncode == 0 and "left alone" in listed.stderr, listed.stderr
    assert json.loads((folder / "session.json").read_text())["status"] == "recording"

    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    [entry], _ = manager.library()
    assert entry.status == "complete" and not entry.in_use
    assert manager.open_session(entry.id) is not None


def test_a_recording_a_lost_microphone_ended_is_one_recover_transcribes(engine, tmp_path):
    """ "Microphone disconnected … What was recorded until then is kept and can be
    transcribed", said `record`; then `recover` answered "No interrupted recordings"."""
    from tests.session_files import keep_audio
    from transcrevai_desktop.core.session import SessionStatus

    out = tmp_path / "out"
    manager = SessionManager(library_dir=out, engine=engine)
    lost, failed = (manager.get_session(manager.create_session()) for _ in "ab")
    keep_audio(lost)
    soundfile.write(lost.files["audio"], decode_file(speech("en_jfk").path), 16000)
    lost.status, lost.message = SessionStatus.ERROR, "Microphone disconnected."
    lost.save_metadata()
    failed.folder.mkdir(parents=True)  # a device that never opened: no audio to transcribe
    failed.status = SessionStatus.ERROR
    failed.save_metadata()

    recovered = _recover(out, "--transcribe", "--language", "en")

    assert recovered.returncode == 0, recovered.stderr
    assert f"({lost.id}): " in recovered.stderr and failed.id not in recovered.stderr
    assert "fellow americans" in (lost.folder / "transcript.txt").read_text().lower()
    assert json.loads((lost.folder / "session.json").read_text())["status"] == "complete"
