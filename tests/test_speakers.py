"""Speaker labels: who said what, in the transcript and every export, from real voices."""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest
import soundfile
import srt

from tests.conftest import pactl, speech, transcrevai, wer
from transcrevai_desktop.core.decoding import decode_file
from transcrevai_desktop.core.devices import MODEL_RATE
from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.exporters import to_srt, to_txt, to_vtt
from transcrevai_desktop.core.speakers import (
    MIN_SPEAKER_SECONDS,
    OFF,
    Voices,
    labelled,
    parse_speakers,
    speech_stretches,
    windows_of,
)
from transcrevai_desktop.core.transcript import Segment, Speaker, Transcript, Word
from transcrevai_desktop.core.transcript_edits import edit_text


def _transcribe(*args: str) -> subprocess.CompletedProcess:
    return transcrevai("transcribe", *args)


def _speaker_of(data: dict, word: str) -> str:
    """The speaker of the first word of transcript.json data that reads ``word``."""
    return next(
        w["speaker"]
        for s in data["segments"]
        for w in s["words"]
        if re.sub(r"\W", "", w["text"]).lower() == word
    )


@pytest.fixture(scope="module")
def two_talkers(tmp_path_factory) -> Path:
    """A sonnet read by one man, JFK, then the reader again: 2 talkers, 3 turns."""
    sonnet = decode_file(speech("en_sonnet001_librivox").path)
    jfk = decode_file(speech("en_jfk").path)
    pause = np.zeros(MODEL_RATE // 2, np.float32)
    audio = np.concatenate([sonnet[: 18 * MODEL_RATE], pause, jfk, pause,
                            sonnet[18 * MODEL_RATE : 34 * MODEL_RATE]])  # fmt: skip
    path = tmp_path_factory.mktemp("speakers") / "two_talkers.wav"
    soundfile.write(path, audio, MODEL_RATE, subtype="PCM_16")
    return path


@pytest.mark.slow
def test_three_real_talkers_get_three_labels_in_every_format(tmp_path):
    clip = speech("en_picovoice_diarization_3spk")
    result = _transcribe(str(clip.path), "--language", "en", "--out", str(tmp_path),
                         "--formats", "txt,srt,vtt,json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    stem = tmp_path / clip.path.stem
    data = json.loads(stem.with_suffix(".json").read_text())
    assert [s["id"] for s in data["speakers"]] == ["S1", "S2", "S3"]
    assert abs(sum(s["share"] for s in data["speakers"]) - 1) < 0.01
    assert all(s["speaker"] and all(w["speaker"] == s["speaker"] for w in s["words"])
               for s in data["segments"])  # fmt: skip
    # [speaker 1] and so it begins [2] ... crocodile ... [3] ladies and gentlemen ...
    first, second, third = (_speaker_of(data, w) for w in ("begins", "crocodile", "gentlemen"))
    assert (first, second, third) == ("S1", "S2", "S3")
    paragraphs = stem.with_suffix(".txt").read_text().strip().split("\n\n")
    assert [p.split(":")[0] for p in paragraphs] == ["Speaker 1", "Speaker 2", "Speaker 3"]
    assert "crocodile" in paragraphs[1] and "gentlemen" in paragraphs[2]
    cues = list(srt.parse(stem.with_suffix(".srt").read_text()))
    assert cues[0].content.startswith("Speaker 1: ")
    assert any(c.content.startswith("Speaker 3: ") and "gentlemen" in c.content for c in cues)
    assert "<v Speaker 2>" in stem.with_suffix(".vtt").read_text()


@pytest.mark.slow
def test_two_talkers_in_turn_and_a_fixed_count(tmp_path, two_talkers):
    for setting in ("auto", "2"):
        out = tmp_path / setting
        result = _transcribe(str(two_talkers), "--language", "en", "--out", str(out),
                             "--formats", "txt,json", "--speakers", setting)  # fmt: skip
        assert result.returncode == 0, result.stderr
        data = json.loads((out / "two_talkers.json").read_text())
        assert len(data["speakers"]) == 2, setting
        reader, president = _speaker_of(data, "thereby"), _speaker_of(data, "country")
        assert (reader, president) == ("S1", "S2"), setting
        turns = [p.split(":")[0] for p in (out / "two_talkers.txt").read_text().split("\n\n")]
        assert turns == ["Speaker 1", "Speaker 2", "Speaker 1"], setting


@pytest.mark.slow
def test_one_talker_gets_one_label_and_no_names_in_the_text(engine, tmp_path):
    for name in ("en_lucier_sitting_in_a_room", "ptbr_tts_corpus_20phrases"):
        wav = tmp_path / f"{name}.wav"
        soundfile.write(wav, decode_file(speech(name).path), MODEL_RATE, subtype="PCM_16")
        transcript = engine.transcribe_recording(wav, name[:2])
        assert [s.id for s in transcript.speakers] == ["S1"], name
        assert all(w.speaker == "S1" for s in transcript.segments for w in s.words)
        assert "Speaker" not in to_txt(transcript) + to_srt(transcript)


@pytest.mark.slow
def test_silence_and_a_two_second_file_do_not_fail(engine, tmp_path):
    silence = tmp_path / "silence.wav"
    soundfile.write(silence, np.zeros(5 * MODEL_RATE, np.float32), MODEL_RATE)
    transcript = engine.transcribe_recording(silence, "en")
    assert transcript.segments == [] and transcript.speakers == []
    short = tmp_path / "short.wav"
    jfk = decode_file(speech("en_jfk").path)
    soundfile.write(short, jfk[int(0.3 * MODEL_RATE) : int(2.3 * MODEL_RATE)], MODEL_RATE)
    transcript = engine.transcribe_recording(short, "en")
    assert [s.id for s in transcript.speakers] == ["S1"] and transcript.segments
    assert 1 <= len(engine.transcribe_recording(short, "en", speakers=3).speakers) <= 3


@pytest.mark.slow
def test_speakers_off_and_a_bad_setting(engine, tmp_path, two_talkers):
    transcript = engine.transcribe_recording(two_talkers, "en", speakers=OFF)
    assert transcript.speakers == [] and all(s.speaker is None for s in transcript.segments)
    data = transcript.to_dict()
    assert data["speakers"] == [] and not any("speaker" in s for s in data["segments"])
    result = _transcribe(str(two_talkers), "--speakers", "many", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "not a speaker setting: use auto, off, channels or a number" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_renaming_a_speaker_rewrites_the_transcript_and_exports(qtbot, manager, tmp_path):
    session = manager.get_session(manager.create_session())
    with qtbot.waitSignal(session.status_changed, timeout=120_000,
                          check_params_cb=lambda status, _: status == "complete"):  # fmt: skip
        session.transcribe_file(speech("en_picovoice_diarization_3spk").path, "en")
    crocodile = next(s.speaker for s in session.transcript().segments if "crocodile" in s.text)
    session.rename_speaker(crocodile, "  Ana  Lúcia ")
    assert session.transcript().speaker_name(crocodile) == "Ana Lúcia"  # at once
    session.wait_saved()  # the files are written on the session's saver thread
    text = (session.folder / "transcript.txt").read_text()
    assert re.search(r"^Ana Lúcia: This is what a crocodile", text, re.MULTILINE), text
    data = json.loads((session.folder / "transcript.json").read_text())
    assert {s["id"]: s["name"] for s in data["speakers"]}[crocodile] == "Ana Lúcia"
    exported = session.export("vtt", tmp_path / "out.vtt").read_text()
    assert re.search(r"<v Ana Lúcia>This\s+is\s+what\s+a\s+crocodile", exported), exported
    session._transcript = None  # read back from disk, as a reopened session does
    assert session.transcript().speaker_name(crocodile) == "Ana Lúcia"
    first = session.transcript().segments[0].text
    session.edit_transcript(edit_text(session.transcript(), 0, "Corrected words."))
    session.rename_speaker(crocodile, "Bia")  # named after a correction: not undone by Revert
    reverted = session.revert_transcript()
    assert reverted.segments[0].text == first and reverted.speaker_name(crocodile) == "Bia"
    session.rename_speaker(crocodile, "")
    session.wait_saved()
    assert "Speaker 2: This is what" in (session.folder / "transcript.txt").read_text()


# -- no model: the rules around the labels ---------------------------------------------------
def _labelled() -> Transcript:
    words = [Word(0.0, 0.5, " Oi,", 0.9, "S1"), Word(0.5, 1.0, " tudo", 0.9, "S1"),
             Word(1.0, 1.4, " bem?", 0.9, "S1"), Word(1.6, 2.0, " Tudo", 0.9, "S2"),
             Word(2.0, 2.6, " ótimo.", 0.9, "S2"),
             Word(3.0, 3.5, " E <você>?", 0.9, "S2")]  # fmt: skip
    segments = [Segment(0.0, 1.4, "Oi, tudo bem?", tuple(words[:3]), "S1"),
                Segment(1.6, 2.6, "Tudo ótimo.", tuple(words[3:5]), "S2"),
                Segment(3.0, 3.5, "E <você>?", tuple(words[5:]), "S2")]  # fmt: skip
    return Transcript("pt", 4.0, segments, [Speaker("S1", "Ana", 1.4, 0.5),
                                             Speaker("S2", "Speaker 2", 1.6, 0.5)])  # fmt: skip


def test_text_exports_name_a_speaker_where_the_speaker_changes():
    transcript = _labelled()
    assert to_txt(transcript) == "Ana: Oi, tudo bem?\n\nSpeaker 2: Tudo ótimo. E <você>?\n"
    assert [c.content for c in srt.parse(to_srt(transcript))] == [
        "Ana: Oi, tudo bem?", "Speaker 2: Tudo ótimo.", "E <você>?"]  # fmt: skip
    vtt = to_vtt(transcript)
    assert "<v Ana>Oi, tudo bem?\n" in vtt and "<v Speaker 2>Tudo ótimo.\n" in vtt
    assert "\nE &lt;você&gt;?\n" in vtt
    assert Transcript.from_dict(transcript.to_dict()) == transcript


def test_speaker_settings_and_windows():
    assert [parse_speakers(v) for v in ("auto", " OFF ", "3", 4, "Channels")] == [
        "auto",
        "off",
        3,
        4,
        "channels",
    ]
    for bad in ("0", "21", "two", "-1", "channel"):
        with pytest.raises(TranscrevaiError, match="not a speaker setting"):
            parse_speakers(bad)
    words = [Word(0.0, 0.4, " a"), Word(0.5, 0.9, " b"), Word(2.0, 2.2, " c")]
    assert speech_stretches(words) == [(0.0, 0.9), (2.0, 2.2)]
    assert windows_of(2.0, 2.2) == [(1.6, 2.6)]  # widened around a short stretch
    windows = windows_of(0.0, 4.0)
    assert windows[0] == (0.0, 1.5) and windows[-1][1] == pytest.approx(4.0)
    assert all(b[0] - a[0] <= 0.75 + 1e-9 for a, b in itertools.pairwise(windows))


# -- each channel a person -------------------------------------------------------------------
@pytest.mark.slow
def test_each_channel_of_a_file_is_a_person(tmp_path):
    clip = speech("en_stereo_diarization_2spk")  # two people at once, one a channel
    result = _transcribe(str(clip.path), "--speakers", "channels", "--language", "en",
                         "--out", str(tmp_path), "--formats", "txt,json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / f"{clip.path.stem}.json").read_text())
    assert [(s["id"], s["name"]) for s in data["speakers"]] == [("C1", "Channel 1"),
                                                               ("C2", "Channel 2")]  # fmt: skip
    for channel, side in (("C1", "left"), ("C2", "right")):
        said = " ".join(s["text"] for s in data["segments"] if s["speaker"] == channel)
        reference = clip.path.with_name(f"{clip.path.stem}.{side}.txt").read_text()
        assert wer(reference, said) < 0.15, (channel, said)
    text = (tmp_path / f"{clip.path.stem}.txt").read_text()
    assert "Channel 1: He began" in text and "Channel 2: The horizon" in text


@pytest.mark.slow
def test_a_stereo_copy_of_one_voice_is_not_two_people(tmp_path):
    clip = speech("en_jfk")  # stereo, both channels the same
    result = _transcribe(str(clip.path), "--speakers", "channels", "--language", "en",
                         "--out", str(tmp_path), "--formats", "txt,json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "en_jfk.json").read_text())
    assert [s["id"] for s in data["speakers"]] == ["S1"]  # told by voice instead
    assert wer(clip.reference, (tmp_path / "en_jfk.txt").read_text()) < 0.15  # said once


@pytest.fixture
def two_channel_mic(virtual_mic):
    """A 2-channel virtual microphone, "Two-channel microphone" (a null sink and its remapped
    monitor); the name to record it by."""
    modules = [
        pactl("load-module", "module-null-sink", "sink_name=vmic2_sink", "rate=16000",
              "channels=2", "channel_map=front-left,front-right"),
        pactl("load-module", "module-remap-source", "master=vmic2_sink.monitor",
              "source_name=vmic2", "channels=2", "channel_map=front-left,front-right",
              "source_properties=\"device.description='Two-channel microphone'\""),
    ]  # fmt: skip
    yield "Two-channel microphone"
    for module in reversed(modules):
        pactl("unload-module", module.strip())


@pytest.mark.slow
def test_recording_a_two_channel_microphone_keeps_each_person_apart(two_channel_mic, tmp_path):
    jfk = decode_file(speech("en_jfk").path)
    sonnet = decode_file(speech("en_sonnet001_librivox").path)[: 9 * MODEL_RATE]
    stereo = np.zeros((14 * MODEL_RATE, 2), np.float32)
    stereo[: len(jfk), 0] = jfk  # the interviewer's microphone
    stereo[4 * MODEL_RATE : 4 * MODEL_RATE + len(sonnet), 1] = sonnet  # the guest's
    wav = tmp_path / "call.wav"
    soundfile.write(wav, stereo, MODEL_RATE, subtype="PCM_16")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "transcrevai_desktop", "record", "--device", two_channel_mic,
         "--speakers", "channels", "--seconds", "15", "--language", "en", "--out", str(out),
         "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    assert "recording" in process.stdout.readline()
    subprocess.run(["paplay", "--device=vmic2_sink", str(wav)], check=True, timeout=30)
    _, stderr = process.communicate(timeout=180)
    assert process.returncode == 0, stderr
    folder = next(out.iterdir())
    assert soundfile.info(folder / "audio.wav").channels == 2
    data = json.loads((folder / "transcript.json").read_text())
    said = {s["id"]: " ".join(x["text"] for x in data["segments"] if x["speaker"] == s["id"])
            for s in data["speakers"]}  # fmt: skip
    assert set(said) == {"C1", "C2"}, said
    assert wer(speech("en_jfk").reference, said["C1"]) < 0.2, said
    assert "country" not in said["C2"].lower() and "creatures" in said["C2"].lower(), said


@pytest.mark.slow
def test_a_conversation_recorded_from_the_microphone_says_who_said_what(virtual_mic, tmp_path):
    clip = speech("en_picovoice_diarization_3spk")
    out = tmp_path / "out"
    process = subprocess.Popen(
        [sys.executable, "-m", "transcrevai_desktop", "record", "--device", virtual_mic.device,
         "--seconds", "22", "--language", "en", "--out", str(out), "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    assert "recording" in process.stdout.readline()
    virtual_mic.play(clip.path).wait(timeout=40)
    _, stderr = process.communicate(timeout=180)
    assert process.returncode == 0, stderr
    folder = next(out.iterdir())
    data = json.loads((folder / "transcript.json").read_text())
    assert len(data["speakers"]) == 3, data["speakers"]
    speakers = [_speaker_of(data, w) for w in ("begins", "crocodile", "gentlemen")]
    assert speakers == ["S1", "S2", "S3"]
    text = (folder / "transcript.txt").read_text()
    assert re.search(r"^Speaker 3: Ladies and gentlemen", text, re.MULTILINE), text


# -- voices remembered -----------------------------------------------------------------------
@pytest.mark.slow
def test_a_named_voice_is_recognised_later_and_not_in_a_stranger(qtbot, manager, tmp_path):
    reader = decode_file(speech("en_sonnet001_librivox").path)
    jfk = decode_file(speech("en_jfk").path)
    pause = np.zeros(MODEL_RATE // 2, np.float32)
    first, later = tmp_path / "first.wav", tmp_path / "later.wav"
    soundfile.write(first, np.concatenate([reader[: 20 * MODEL_RATE], pause, jfk]), MODEL_RATE)
    soundfile.write(later, reader[30 * MODEL_RATE : 50 * MODEL_RATE], MODEL_RATE)
    session = manager.get_session(manager.create_session())
    with qtbot.waitSignal(session.status_changed, timeout=120_000,
                          check_params_cb=lambda status, _: status == "complete"):  # fmt: skip
        session.transcribe_file(first, "en")
    president = next(s.speaker for s in session.transcript().segments if "country" in s.text)
    session.rename_speaker(president, "JFK")
    book = session.engine.voice_book
    assert [v.name for v in book.voices()] == ["JFK"]
    reader_id = next(s.id for s in session.transcript().speakers if s.id != president)
    session.rename_speaker(reader_id, "Leitor")

    jfk_file = tmp_path / "jfk.wav"
    soundfile.write(jfk_file, jfk, MODEL_RATE)
    recognised = session.engine.transcribe_recording(jfk_file, "en")
    assert [(s.name, s.match is not None and s.match >= 0.4) for s in recognised.speakers] == [
        ("JFK", True)
    ]
    assert to_txt(recognised).startswith("JFK: And so")  # named: one voice, still shown
    later_one = session.engine.transcribe_recording(later, "en")
    assert [s.name for s in later_one.speakers] == ["Leitor"]
    stranger = tmp_path / "stranger.wav"
    soundfile.write(stranger, decode_file(speech("en_mfa_acoustic_corpus").path), MODEL_RATE)
    assert [s.name for s in session.engine.transcribe_recording(stranger, "en").speakers] == [
        "Speaker 1"
    ]
    book.forget("JFK")
    assert [v.name for v in book.voices()] == ["Leitor"]
    assert [s.name for s in session.engine.transcribe_recording(jfk_file, "en").speakers] == [
        "Speaker 1"
    ]


def test_voices_command_lists_and_forgets():
    from transcrevai_desktop.core.voice_book import VoiceBook

    book = VoiceBook()  # the sandbox's user data folder, which the command also uses
    book.remember("Ana", tuple(np.eye(192)[0]))
    book.remember("Ana", tuple(np.eye(192)[1]))

    def voices(*args: str) -> subprocess.CompletedProcess:
        return transcrevai("voices", *args)

    listed = voices()
    assert listed.returncode == 0 and listed.stdout.startswith("Ana  (named 2 times, last ")
    today = date.today()
    brazilian = transcrevai("voices", env={"LANG": "pt_BR.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""})
    assert brazilian.stdout.strip() == f"Ana  (nomeada 2 vezes, a última em {today:%d/%m/%Y})"
    assert voices("--forget", "Bia").stderr.strip() == (
        "transcrevai: error: No voice named 'Bia' is remembered."
    )
    assert voices("--forget", "Ana").returncode == 0 and book.voices() == []
    assert "No voices yet" in voices().stderr


def _one_voice_and_a_fragment(reader_seconds: float, fragment_seconds: float) -> Transcript:
    """A reader's words (2 s each) with a few short words (0.8 s) between them whose voice
    windows cluster apart, 0.33 alike: a heading read between pauses, a cough."""
    reader = np.zeros(192)
    reader[0] = 1.0
    fragment = np.zeros(192)
    fragment[:2] = 0.33, np.sqrt(1 - 0.33**2)
    fragments = round(fragment_seconds / 0.8)
    count = round(reader_seconds / 2) + fragments
    short_at = set(np.linspace(1, count - 2, fragments).round().astype(int).tolist())
    words, voices, labels, at = [], [], [], 0.0
    for index in range(count):
        short = index in short_at
        length = 0.8 if short else 2.0
        words.append(Word(at, at + length, " one." if short else " word"))
        voices.append(fragment if short else reader)
        labels.append(int(short))
        at += length + 0.5
    spans = np.array([(w.start, w.end) for w in words])
    transcript = Transcript(
        "en", at, [Segment(w.start, w.end, w.text.strip(), (w,)) for w in words]
    )
    heard = Voices(spans, np.array(voices, np.float32))
    return labelled(transcript, heard, np.array(labels), MIN_SPEAKER_SECONDS)


def test_fragments_of_one_voice_adding_up_in_a_long_recording_are_no_second_speaker():
    """Five sonnets read by one person, each after its "1.": 3.2 s of 204 s, a "Speaker 1" of
    their own. Brief is now also under 2 % of the talk time (up to 10 s); a voice heard that
    little in a short recording, or for longer, is still a speaker."""
    assert len(_one_voice_and_a_fragment(200, 3.2).speakers) == 1
    assert len(_one_voice_and_a_fragment(20, 3.2).speakers) == 2
    assert len(_one_voice_and_a_fragment(1000, 12.0).speakers) == 2


def test_the_voice_book_keeps_its_latest_namings_apart_and_stays_small(tmp_path):
    """Every naming kept apart grew voices.json by 2 KB a recording, read whole at each
    rename: past ``KEEP_NAMINGS`` a name's oldest are merged into one."""
    from transcrevai_desktop.core.voice_book import KEEP_NAMINGS, VoiceBook

    book = VoiceBook(tmp_path / "voices.json")
    for recording in range(KEEP_NAMINGS + 5):
        book.remember("Ana", tuple(np.eye(192)[recording % 2]), f"recording {recording}/S1")

    assert [(v.name, v.recordings) for v in book.voices()] == [("Ana", KEEP_NAMINGS + 5)]
    assert len(json.loads(book.path.read_text())["voices"]) == KEEP_NAMINGS + 1
    assert book.named(f"recording {KEEP_NAMINGS + 4}/S1") == "Ana"  # the latest: still undone
    assert book.named("recording 0/S1") is None  # merged: no longer taken back
