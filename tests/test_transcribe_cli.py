"""``transcrevai transcribe``: files in, transcripts out, bad files reported one line each."""

from __future__ import annotations

import json
import subprocess
import sys

import srt

from tests.conftest import speech, wer


def _transcribe(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "transcrevai_desktop", "transcribe", *args],
        capture_output=True,
        text=True,
        timeout=300,
    )


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


def test_unknown_language_and_missing_model_are_clear(tmp_path):
    clip = speech("pt_picovoice_leopard_test_pt")
    bad_language = _transcribe(str(clip.path), "--language", "xx", "--out", str(tmp_path))
    assert bad_language.returncode != 0
    assert "'xx' is not a language" in bad_language.stderr
    missing_model = _transcribe(str(clip.path), "--model", str(tmp_path / "nope"))
    assert missing_model.returncode == 2
    assert "does not exist" in missing_model.stderr and "Traceback" not in missing_model.stderr
