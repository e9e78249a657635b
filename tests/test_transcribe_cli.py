"""``transcrevai transcribe``: files in, transcripts out, bad files reported one line each."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import numpy as np
import pytest
import soundfile
import srt

from tests.conftest import speech, transcrevai, wer
from transcrevai_desktop.core.decoding import decode_file
from transcrevai_desktop.core.models import model_cache_dir


def _transcribe(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return transcrevai("transcribe", *args, env=env)


def test_transcribes_english_and_portuguese_into_every_format(tmp_path):
    english, portuguese = speech("en_jfk"), speech("pt_picovoice_leopard_test_pt")
    result = _transcribe(str(english.path), str(portuguese.path), "--out", str(tmp_path),
                         "--formats", "txt,srt,vtt,json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    for clip in (english, portuguese):
        stem = tmp_path / clip.path.stem
        assert wer(clip.reference, stem.with_suffix(".txt").read_text()) < 0.15
        cues = list(srt.parse(stem.with_suffix(".srt").read_text()))
        assert wer(clip.reference, " ".join(c.content for c in cues)) < 0.15
        assert stem.with_suffix(".vtt").read_text().startswith("WEBVTT\n")
        data = json.loads(stem.with_suffix(".json").read_text())
        assert data["language"] == clip.language
        assert all(seg["words"] for seg in data["segments"])
    assert "transcribing 100%" in result.stderr


def test_a_meeting_that_changes_language_is_written_in_both(tmp_path):
    """With the language left to detect, each part is heard in its own: the Portuguese of a
    meeting that began in English came out translated into English."""
    english, portuguese = speech("en_sonnet001_librivox"), speech("ptbr_tts_corpus_20phrases")
    parts = [decode_file(english.path), np.zeros(16000, np.float32), decode_file(portuguese.path)]
    both = tmp_path / "meeting.wav"
    soundfile.write(both, np.concatenate(parts)[: 16000 * 85], 16000)  # 30 s of Portuguese
    result = _transcribe(str(both), "--out", str(tmp_path), "--formats", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "meeting.json").read_text())
    english_part = " ".join(s["text"] for s in data["segments"] if s["end"] < 54)
    portuguese_part = " ".join(s["text"] for s in data["segments"] if s["start"] > 55)
    assert data["language"] == "en"
    assert wer(english.reference, english_part) < 0.15, english_part
    words = re.findall(r"\w+", portuguese_part.lower())
    portuguese_words = set(re.findall(r"\w+", portuguese.reference.lower()))
    assert len(words) > 30 and sum(w in portuguese_words for w in words) > 0.8 * len(words), words


def test_the_two_sides_of_a_call_are_each_heard_in_their_language(tmp_path):
    """A call from Brazil to an English speaker, one side a channel: the other side was
    decoded in the first channel's language (translated)."""
    english, portuguese = speech("en_jfk"), speech("ptbr_nurcsp_D2_255_1830.28_1844.86")
    you, others = decode_file(english.path), decode_file(portuguese.path)
    call = np.zeros((len(you) + len(others) + 16000, 2), np.float32)
    call[: len(you), 0] = you
    call[len(you) + 16000 :, 1] = others
    path = tmp_path / "call.wav"
    soundfile.write(path, call, 16000)
    result = _transcribe(str(path), "--speakers", "channels", "--out", str(tmp_path),
                         "--formats", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads((tmp_path / "call.json").read_text())
    said = {
        c: " ".join(s["text"] for s in data["segments"] if s["speaker"] == c) for c in ("C1", "C2")
    }
    assert wer(english.reference, said["C1"]) < 0.15, said
    assert wer(portuguese.reference, said["C2"], language="pt") < 0.3, said


def test_a_file_without_speech_says_so_and_its_json_reads_like_any_other(tmp_path):
    """Silence (or music) is written all the same, and said; its JSON has the same keys as a
    transcript's, an empty speaker table and no language guessed from silence."""
    silence = tmp_path / "silence.wav"
    soundfile.write(silence, np.zeros(20 * 16000, np.float32), 16000)
    result = _transcribe(str(silence), "--out", str(tmp_path), "--formats", "txt,json")
    assert result.returncode == 0, result.stderr
    assert "silence.wav: no speech was found in it." in result.stderr
    data = json.loads((tmp_path / "silence.json").read_text())
    assert (data["segments"], data["speakers"], data["language"]) == ([], [], "")


def test_bad_files_fail_alone_with_one_line_each(tmp_path):
    good = speech("pt_picovoice_leopard_test_pt")
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    text = tmp_path / "notes.mp3"
    text.write_text("this is not audio\n" * 50)
    missing = tmp_path / "missing.wav"
    result = _transcribe(str(empty), str(text), str(good.path), str(missing),
                         "--language", "pt", "--out", str(tmp_path))  # fmt: skip
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("transcrevai:")]
    assert len(errors) == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert wer(good.reference, (tmp_path / f"{good.path.stem}.txt").read_text()) < 0.15
    assert not (tmp_path / "notes.txt").exists()


def test_two_files_of_one_name_or_a_folder_that_takes_no_files_stop_before_the_work(tmp_path):
    """Both would be told at the end, after transcribing (minutes for a long file): the second
    file's transcript replacing the first's without a word, or a write refused."""
    clip = speech("pt_picovoice_leopard_test_pt")
    other = tmp_path / "other" / clip.path.name
    other.parent.mkdir()
    shutil.copy(clip.path, other)
    twice = _transcribe(str(clip.path), str(other), "--out", str(tmp_path))
    assert twice.returncode == 2
    assert twice.stderr.strip() == (
        f"transcrevai: error: {clip.path} and {other} would both be written as "
        f"{clip.path.stem}.*: transcribe them into different folders (--out)."
    )
    a_file = _transcribe(str(clip.path), "--out", str(clip.path))
    assert a_file.returncode == 1
    assert a_file.stderr.strip() == (
        f"transcrevai: error: {clip.path} is a file: name a folder to write in."
    )  # not "Could not write in …: File exists."
    unwritable = _transcribe(str(clip.path), "--out", "/proc/self")  # takes no new files
    assert unwritable.returncode == 1
    assert unwritable.stderr.strip().startswith(
        "transcrevai: error: Could not write in /proc/self:"
    )
    assert list(tmp_path.glob("*.txt")) == []


def test_unknown_language_and_missing_model_are_clear(tmp_path):
    clip = speech("pt_picovoice_leopard_test_pt")
    bad_language = _transcribe(str(clip.path), "--language", "xx", "--out", str(tmp_path))
    assert bad_language.returncode == 2  # bad usage
    assert "'xx' is not a language" in bad_language.stderr
    english = speech("en_jfk")  # read as Portuguese: detected, it would be English
    regional = _transcribe(str(english.path), "--language", "pt-BR", "--formats", "json",
                           "--out", str(tmp_path))  # fmt: skip
    assert regional.returncode == 0, regional.stderr  # as Brazilians write it: Portuguese
    assert json.loads((tmp_path / "en_jfk.json").read_text())["language"] == "pt"
    detected = _transcribe(str(english.path), "--language", "AUTO", "--formats", "json",
                           "--out", str(tmp_path))  # fmt: skip
    assert detected.returncode == 0, detected.stderr
    assert json.loads((tmp_path / "en_jfk.json").read_text())["language"] == "en"
    missing_model = _transcribe(str(clip.path), "--model", str(tmp_path / "nope"))
    assert missing_model.returncode == 2
    assert "does not exist" in missing_model.stderr and "Traceback" not in missing_model.stderr
    offline = {"HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hub")}  # no network, no cache
    not_downloaded = _transcribe(str(clip.path), "--model", "tiny", env=offline)
    assert not_downloaded.returncode == 2
    assert not_downloaded.stderr.splitlines() == [  # not the hub's two lines of English
        "transcrevai: error: Could not load the Whisper model 'tiny': it is not downloaded, and "
        "Hugging Face cannot be reached. Use the bundled model 'base', a CTranslate2 model "
        "folder, or a model name you can download."
    ]


def test_odd_rates_channels_extensions_and_truncation_are_handled(tmp_path):
    """44.1 kHz stereo, 8 kHz, a WAV named .mp3 and a file cut in half: each is decoded and
    resampled to the model's 16 kHz mono; the cut file yields what it holds."""
    import numpy as np
    import soundfile

    from transcrevai_desktop.core.decoding import decode_file

    clip = speech("pt_picovoice_leopard_test_pt")
    audio = decode_file(clip.path)
    stereo = tmp_path / "stereo44k.wav"
    resampled = np.interp(np.arange(0, len(audio), 16000 / 44100), np.arange(len(audio)), audio)
    soundfile.write(stereo, np.stack([resampled, resampled], axis=1), 44100)
    narrow = tmp_path / "narrow8k.flac"
    soundfile.write(narrow, audio[::2], 8000)
    renamed = tmp_path / "actually-a-wav.mp3"
    soundfile.write(renamed, audio, 16000, format="WAV")
    cut = tmp_path / "cut.wav"
    soundfile.write(cut, audio, 16000)
    cut.write_bytes(cut.read_bytes()[: len(cut.read_bytes()) * 2 // 3])
    folder = tmp_path / "a-folder.wav"
    folder.mkdir()

    result = _transcribe(str(stereo), str(narrow), str(renamed), str(cut), str(folder),
                         "--language", "pt", "--out", str(tmp_path / "out"))  # fmt: skip

    errors = [line for line in result.stderr.splitlines() if line.startswith("transcrevai:")]
    assert errors == [f"transcrevai: {folder} does not exist or is not a file."]  # named once
    for stem in ("stereo44k", "narrow8k", "actually-a-wav"):
        text = (tmp_path / "out" / f"{stem}.txt").read_text()
        assert wer(clip.reference, text) < 0.25, (stem, text)
    assert "raposa" in (tmp_path / "out" / "cut.txt").read_text().lower()


def _file_of_silence_between(clip, hours: float, path):
    """``clip``, ``hours`` of silence, ``clip`` again, as FLAC (a few hundred KB an hour)."""
    import numpy as np
    import soundfile

    from transcrevai_desktop.core.decoding import decode_file

    voice = decode_file(clip.path)
    minute = np.zeros(60 * 16000, np.float32)
    with soundfile.SoundFile(path, "w", 16000, 1, "PCM_16", format="FLAC") as out:
        out.write(voice)
        for _ in range(round(hours * 60)):
            out.write(minute)
        out.write(voice)
    return path


def _peak_rss_mb(*args: str) -> float:
    """Peak RSS of ``transcrevai transcribe ARGS`` run as its own process (MiB)."""
    script = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, capture_output=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    command = [sys.executable, "-m", "transcrevai_desktop", "transcribe", *args]
    result = subprocess.run([sys.executable, "-c", script, *command],
                            capture_output=True, text=True, timeout=600)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return int(result.stdout) / 1024


@pytest.mark.slow
def test_a_two_hour_file_needs_no_more_memory_than_a_half_hour_one(tmp_path):
    """Decoded to disk and transcribed two minutes at a time: memory does not grow with the
    length (decoded whole, two hours are 460 MB of samples more than half an hour). The words
    at both ends land at their times."""
    import srt

    clip = speech("ptbr_ufpalign_coxinha")
    short = _file_of_silence_between(clip, 0.5, tmp_path / "half-hour.flac")
    long = _file_of_silence_between(clip, 2, tmp_path / "two-hours.flac")
    out = ["--language", "pt", "--out", str(tmp_path)]

    grown = _peak_rss_mb(str(long), *out) - _peak_rss_mb(str(short), *out)

    assert grown < 150, f"peak RSS grew {grown:.0f} MiB from half an hour to two hours"
    cues = list(srt.parse((tmp_path / "two-hours.srt").read_text()))
    assert [wer(clip.reference, cue.content) < 0.2 for cue in cues] == [True, True], cues
    assert cues[0].start.total_seconds() < 5
    assert cues[1].end.total_seconds() > 2 * 3600


def _speech_of(minutes: float, path):
    """The English clips said one after another, again and again, for ``minutes``."""
    import numpy as np
    import soundfile

    from transcrevai_desktop.core.decoding import decode_file

    said = [decode_file(speech(name).path) for name in ("en_jfk", "en_sonnet001_librivox")]
    one = np.concatenate([piece for clip in said for piece in (clip, np.zeros(8000))])
    soundfile.write(path, np.tile(one, int(minutes * 60 * 16000 / len(one)) + 1), 16000)
    return path


@pytest.mark.slow
def test_a_long_talk_needs_no_more_memory_than_a_short_one(tmp_path):
    """Speech without a pause longer than half a second: the final pass read ten minutes at a
    time, and a piece's decode takes memory with its length (20 minutes: 1.1 GB at the
    peak, 1.8 GB with speaker labels, against 0.6 and 1.0 GB in pieces of two minutes).
    Without speaker labels, whose voice model takes the same at any length."""
    out = ["--language", "en", "--speakers", "off", "--formats", "txt", "--out", str(tmp_path)]
    few = _peak_rss_mb(str(_speech_of(3, tmp_path / "few.wav")), *out)
    more = _peak_rss_mb(str(_speech_of(10, tmp_path / "more.wav")), *out)
    assert more - few < 120, f"peak RSS grew {more - few:.0f} MiB from 3 to 10 minutes"
    assert "ask not what your country" in (tmp_path / "more.txt").read_text().lower()


def test_a_file_without_read_permission_is_one_line_and_the_others_are_done(tmp_path):
    """Run without root's power to read anything (CAP_DAC_OVERRIDE dropped with setpriv, as
    CI runs as root), so the permission bits apply as for any user."""
    good = speech("pt_picovoice_leopard_test_pt")
    locked = tmp_path / "locked.wav"
    shutil.copy(good.path, locked)
    locked.chmod(0)
    command = [sys.executable, "-m", "transcrevai_desktop", "transcribe", str(locked),
               str(good.path), "--language", "pt", "--out", str(tmp_path)]  # fmt: skip
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("setpriv (util-linux) is needed to drop root's read-anything power")
        dropped = "-dac_override,-dac_read_search"
        command = ["setpriv", f"--inh-caps={dropped}", f"--bounding-set={dropped}", *command]

    result = subprocess.run(command, capture_output=True, text=True, timeout=300)

    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("transcrevai:")]
    assert errors == ["transcrevai: locked.wav cannot be read: permission denied."]
    assert wer(good.reference, (tmp_path / f"{good.path.stem}.txt").read_text()) < 0.15
    assert not (tmp_path / "locked.txt").exists()


def test_a_vocabulary_teaches_whisper_a_name_it_cannot_spell_alone(tmp_path):
    """Without help the model writes the group's name "Fala Brasil" and mishears
    "alinhamento"; given the vocabulary (a file, and the option), it writes both right."""
    clip = speech("ptbr_ufpalign_falabrasil")
    plain = _transcribe(str(clip.path), "--language", "pt", "--out", str(tmp_path / "plain"))
    assert plain.returncode == 0, plain.stderr
    unhelped = (tmp_path / "plain" / f"{clip.path.stem}.txt").read_text()
    assert "FalaBrasil" not in unhelped and "alinhamento" not in unhelped, unhelped

    terms = tmp_path / "terms.txt"
    terms.write_text("FalaBrasil\n", encoding="utf-8")
    out = str(tmp_path / "helped")
    vocabulary = ("--vocabulary-file", str(terms), "--vocabulary", "alinhamento")
    helped = _transcribe(str(clip.path), "--language", "pt", "--out", out, *vocabulary)
    assert helped.returncode == 0, helped.stderr
    text = (tmp_path / "helped" / f"{clip.path.stem}.txt").read_text()
    assert "FalaBrasil" in text and "alinhamento" in text, text
    assert wer(clip.reference, text) < wer(
        clip.reference, (tmp_path / "plain" / f"{clip.path.stem}.txt").read_text()
    )


def test_an_unreadable_vocabulary_file_is_one_clear_line(tmp_path):
    result = _transcribe(str(speech("en_jfk").path), "--vocabulary-file", str(tmp_path / "none"))
    assert result.returncode != 0
    assert (
        result.stderr.strip().splitlines()[-1].startswith("transcrevai: error: The vocabulary file")
    )
    assert "Traceback" not in result.stderr


def test_what_a_killed_transcription_leaves_goes_at_the_next_one(engine, tmp_path):
    """A transcription killed mid-way (SIGKILL, a closed terminal) cannot remove its decoded
    audio (115 MB an hour); the next transcription does, and leaves a running one's alone."""
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}  # the model: by its folder
    model = str(model_cache_dir() / "whisper-base-ct2")
    long = tmp_path / "long.wav"
    soundfile.write(long, np.tile(decode_file(speech("en_jfk").path), 30), 16000)  # 5.5 min
    command = [sys.executable, "-m", "transcrevai_desktop", "transcribe", "--model", model,
               "--out", str(tmp_path)]  # fmt: skip
    killed = subprocess.Popen([*command, str(long)], env=env, stderr=subprocess.PIPE, text=True)
    next(line for line in killed.stderr if "transcribing" in line)  # its audio decoded
    killed.kill()
    killed.communicate(timeout=30)
    scratch = tmp_path / "cache" / "transcrevai-desktop"
    left = list(scratch.glob("decoding-*"))
    assert len(left) == 1 and (left[0] / "audio.wav").stat().st_size > 10_000_000
    running = scratch / f"decoding-{os.getpid()}-x"  # a process that is still alive
    running.mkdir()

    again = subprocess.run([*command, str(speech("en_jfk").path)], env=env,
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert list(scratch.glob("decoding-*")) == [running]
