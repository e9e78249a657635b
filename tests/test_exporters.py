"""Transcript writers: txt, srt, vtt, json, and the atomic write behind all of them."""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import timedelta
from pathlib import Path

import pytest
import srt

from transcrevai_desktop.core.errors import StorageError
from transcrevai_desktop.core.exporters import (
    FORMATS,
    to_json,
    to_srt,
    to_txt,
    to_vtt,
    write_transcript,
)
from transcrevai_desktop.core.transcript import Segment, Transcript, Word

TEXTS = ["Hello there, everyone.", "Não é ótimo?", "See you at 3:15 -- bye!"]


@pytest.fixture
def transcript() -> Transcript:
    return Transcript(
        language="pt",
        duration=3725.5,
        segments=[
            Segment(
                1.5,
                3.25,
                TEXTS[0],
                (
                    Word(1.5, 1.9, " Hello", 0.98),
                    Word(1.9, 2.4, " there,", 0.91),
                    Word(2.4, 3.25, " everyone.", 0.87),
                ),
            ),
            Segment(
                4.0,
                5.125,
                TEXTS[1],
                (
                    Word(4.0, 4.3, " Não", 0.95),
                    Word(4.3, 4.5, " é", 0.99),
                    Word(4.5, 5.125, " ótimo?", 0.9),
                ),
            ),
            # past one hour, to check the hours field of the time stamps
            Segment(3661.007, 3663.5, TEXTS[2]),
        ],
    )


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- txt --------------------------------------------------------------------------------------


def test_txt_starts_a_paragraph_after_a_pause_as_the_window_does(transcript):
    text = to_txt(transcript)

    assert text.endswith("\n") and not text.endswith("\n\n")
    assert text.split("\n\n") == [f"{TEXTS[0]} {TEXTS[1]}", TEXTS[2] + "\n"]


def test_txt_never_breaks_a_sentence_where_whisper_ended_a_segment():
    """Whisper ends a segment anywhere: a paragraph each wrote "…para a arignamento", a blank
    line, then "fonético." (ptbr_ufpalign_falabrasil, as the final pass reads it)."""
    transcript = Transcript(
        language="pt",
        duration=8.0,
        segments=[
            Segment(0.0, 7.22, "Treinados pelo grupo Fala Brasil para o alinhamento"),
            Segment(7.22, 7.9, "fonético."),
        ],
    )

    assert to_txt(transcript) == ("Treinados pelo grupo Fala Brasil para o alinhamento fonético.\n")


def test_txt_of_a_single_segment(transcript):
    transcript.segments = transcript.segments[1:2]

    assert to_txt(transcript) == "Não é ótimo?\n"


# -- srt --------------------------------------------------------------------------------------


def test_srt_parses_back_to_the_same_cues(transcript):
    cues = list(srt.parse(to_srt(transcript)))

    assert len(cues) == len(transcript.segments)
    assert [cue.index for cue in cues] == [1, 2, 3]
    for cue, segment in zip(cues, transcript.segments, strict=True):
        assert cue.content == segment.text
        assert cue.start == timedelta(seconds=segment.start)
        assert cue.end == timedelta(seconds=segment.end)


def test_srt_time_stamps_use_the_srt_notation(transcript):
    text = to_srt(transcript)

    assert "00:00:01,500 --> 00:00:03,250" in text
    assert "00:00:04,000 --> 00:00:05,125" in text
    assert "01:01:01,007 --> 01:01:03,500" in text


def test_srt_never_writes_a_cue_that_ends_before_it_starts():
    transcript = Transcript("en", 3.0, [Segment(2.0, 2.0, "Hi."), Segment(2.5, 2.4, "Oh.")])

    for cue in srt.parse(to_srt(transcript)):
        assert cue.end > cue.start


# -- vtt --------------------------------------------------------------------------------------


def test_vtt_header_times_and_cues(transcript):
    text = to_vtt(transcript)

    assert text.startswith("WEBVTT\n\n")
    times = re.findall(r"^(\d\d:\d\d:\d\d\.\d\d\d) --> (\d\d:\d\d:\d\d\.\d\d\d)$", text, re.M)
    assert times == [
        ("00:00:01.500", "00:00:03.250"),
        ("00:00:04.000", "00:00:05.125"),
        ("01:01:01.007", "01:01:03.500"),
    ]
    blocks = text.removeprefix("WEBVTT\n\n").rstrip("\n").split("\n\n")
    assert [block.split("\n")[1] for block in blocks] == TEXTS
    assert "," not in "".join(f"{a}{b}" for a, b in times)  # vtt uses a dot, srt a comma


# -- json -------------------------------------------------------------------------------------


def test_json_round_trips_through_from_dict(transcript):
    text = to_json(transcript)

    assert "Não é ótimo?" in text  # written as UTF-8, not \\u escapes
    assert Transcript.from_dict(json.loads(text)) == transcript


def test_json_holds_word_timings(transcript):
    data = json.loads(to_json(transcript))

    assert data["language"] == "pt"
    assert data["segments"][1]["words"][2] == {
        "start": 4.5,
        "end": 5.125,
        "text": " ótimo?",
        "probability": 0.9,
    }
    assert data["segments"][2]["words"] == []


# -- write_transcript -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_write_transcript_writes_utf8_without_leftovers(tmp_path, transcript, fmt):
    path = tmp_path / "out" / f"transcript.{fmt}"
    path.parent.mkdir()

    returned = write_transcript(transcript, path, fmt)

    assert returned == path
    assert path.read_bytes() == FORMATS[fmt](transcript).encode("utf-8")
    assert "Não é ótimo?" in path.read_text(encoding="utf-8")
    assert _files(path.parent) == [path.name]  # no temporary file left behind


def test_writing_into_a_folder_that_is_gone_is_an_error_and_does_not_recreate_it(
    tmp_path, transcript
):
    """A session deleted while its final pass runs must stay deleted."""
    gone = tmp_path / "deleted-session"
    with pytest.raises(StorageError, match="deleted-session"):
        write_transcript(transcript, gone / "transcript.txt", "txt")
    assert not gone.exists()


def test_write_transcript_files_get_the_usual_permissions(tmp_path, transcript):
    umask = os.umask(0o022)
    os.umask(umask)
    path = write_transcript(transcript, tmp_path / "transcript.txt", "txt")

    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_write_transcript_replaces_an_existing_file(tmp_path, transcript):
    path = tmp_path / "transcript.srt"
    path.write_text("an older, longer transcript\n" * 1000, encoding="utf-8")

    write_transcript(transcript, path, "srt")

    assert path.read_text(encoding="utf-8") == to_srt(transcript)
    assert _files(tmp_path) == ["transcript.srt"]


def test_a_failed_write_leaves_the_good_file_and_no_temporary(tmp_path, transcript):
    path = tmp_path / "transcript.txt"
    write_transcript(transcript, path, "txt")
    good = path.read_bytes()
    broken = Transcript("en", 1.0, [Segment(0.0, 1.0, "bad \udc80 surrogate")])  # not UTF-8

    with pytest.raises((UnicodeError, StorageError)):
        write_transcript(broken, path, "txt")

    assert path.read_bytes() == good
    assert _files(tmp_path) == ["transcript.txt"]


def test_write_transcript_under_a_regular_file_raises_storage_error(tmp_path, transcript):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder")
    path = blocker / "session" / "transcript.txt"

    with pytest.raises(StorageError) as caught:
        write_transcript(transcript, path, "txt")

    message = str(caught.value)
    assert "session" in message and "blocker" in message
    assert "transcript.txt" in message
    assert blocker.read_text() == "a file, not a folder"


def test_write_transcript_into_a_read_only_folder_raises_storage_error(tmp_path, transcript):
    folder = tmp_path / "read-only-session"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("this user can write into read-only folders (root)")
        with pytest.raises(StorageError) as caught:
            write_transcript(transcript, folder / "transcript.json", "json")
        assert "read-only-session" in str(caught.value)
        assert _files(folder) == []
    finally:
        folder.chmod(0o755)
