"""Subtitled copies of a real (generated) video: a soft track that decodes back to the cues with
every other packet untouched, burned captions drawn only where and when a cue shows, a cancel
that leaves nothing behind, and one clear sentence for each input or output that won't do."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import pytest
import soundfile

from transcrevai_desktop.core.errors import (
    ExportCancelled,
    StorageError,
    UnreadableVideo,
    UnsupportedVideoFormat,
)
from transcrevai_desktop.core.video import burned_subtitled, caption_image, soft_subtitled

WIDTH, HEIGHT, FPS, SECONDS = 320, 240, 25, 4
BAND = HEIGHT // 4  # the top and bottom quarters, where captions go
MID_CUE = int(1.5 * FPS)  # a frame in the first cue


@dataclass(frozen=True)
class Cue:
    start: float
    end: float
    lines: tuple[str, ...]


CUES = (Cue(1.0, 2.0, ("Olá, ação!", "Speaker 2: é isso")), Cue(2.5, 3.2, ("Até já.",)))


def shown(seconds: float) -> bool:
    return any(cue.start <= seconds < cue.end for cue in CUES)


def pattern(index: int) -> np.ndarray:
    """A frame of the test picture: a horizontal gradient with a bar moving across it."""
    picture = np.zeros((HEIGHT, WIDTH, 3), np.uint8)
    picture[..., 2] = np.linspace(40, 200, WIDTH, dtype=np.uint8)[None, :]
    left = index * 3 % (WIDTH - 20)
    picture[:, left : left + 20] = (200, 200, 60)
    return picture


def make_video(
    path: Path,
    video: str = "libx264",
    audio: str = "aac",
    rotation: int = 0,
    sound: np.ndarray | None = None,
    layout: str = "mono",
) -> Path:
    """A 320x240, 25 fps video: 4 s with a 440 Hz tone, or as long as ``sound`` (16 kHz mono)
    with that sound, on every channel of ``layout``."""
    rate = 48000 if sound is None else 16000
    if sound is None:
        sound = 0.2 * np.sin(2 * np.pi * 440 * np.arange(SECONDS * rate) / rate)
    with av.open(str(path), "w") as container:
        picture = container.add_stream(video, rate=FPS)
        picture.width, picture.height = WIDTH, HEIGHT
        if rotation:
            picture.set_display_rotation(rotation)
        track = container.add_stream(audio, rate=rate)
        track.layout = layout
        for index in range(int(len(sound) / rate * FPS)):
            frame = av.VideoFrame.from_ndarray(pattern(index), format="rgb24")
            frame.pts = index
            container.mux(picture.encode(frame))
        container.mux(picture.encode())
        channels = np.tile(sound.astype(np.float32), (track.layout.nb_channels, 1))
        frame = av.AudioFrame.from_ndarray(channels, "fltp", layout)
        frame.sample_rate, frame.pts = rate, 0
        container.mux(track.encode(frame))
        container.mux(track.encode())
    return path


@pytest.fixture(scope="module")
def mp4(tmp_path_factory) -> Path:
    return make_video(tmp_path_factory.mktemp("original") / "talk.mp4")


@pytest.fixture(scope="module")
def webm(tmp_path_factory) -> Path:
    return make_video(tmp_path_factory.mktemp("original") / "talk.webm", "libvpx-vp9", "libopus")


def first_picture(container: av.container.InputContainer) -> float:
    """When the picture starts: times count from there (Matroska shifts every track by the
    sound's priming, 21 ms here; MP4 keeps it in an edit list)."""
    picture = container.streams.video[0]
    return float(picture.start_time * picture.time_base)


def packets(path: Path, kind: str) -> list[tuple[bytes, float]]:
    """Every packet of the first ``kind`` track: its bytes and presentation time (to the ms)."""
    with av.open(str(path)) as container:
        zero = first_picture(container)
        stream = getattr(container.streams, kind)[0]
        return [
            (bytes(packet), round(float(packet.pts * packet.time_base) - zero, 3))
            for packet in container.demux(stream)
            if packet.size
        ]


def frames(path: Path) -> tuple[list[float], list[np.ndarray]]:
    """The decoded pictures (luma) and their times, as stored (not rotated)."""
    with av.open(str(path)) as container:
        decoded = list(container.decode(video=0))
    return [frame.time for frame in decoded], [frame.to_ndarray()[:HEIGHT] for frame in decoded]


def rgb(path: Path) -> list[np.ndarray]:
    """The decoded pictures in RGB, as a player shows their colours."""
    with av.open(str(path)) as container:
        return [frame.to_ndarray(format="rgb24") for frame in container.decode(video=0)]


def drawn(change: np.ndarray) -> float:
    """The share of pixels changed far beyond compression's noise: a caption drawn there."""
    return float((change > 60).mean())


def subtitles(path: Path) -> list[tuple[float, float, str]]:
    """The subtitle track decoded: (start, end, text) of each cue."""
    found = []
    with av.open(str(path)) as container:
        zero = first_picture(container)
        stream = container.streams.subtitles[0]
        for packet in container.demux(stream):
            for subtitle in packet.decode():
                text = subtitle.dialogue.decode()
                if packet.size and text:
                    start = float(packet.pts * packet.time_base) - zero
                    length = float(packet.duration * packet.time_base)
                    found.append((round(start, 3), round(start + length, 3), text))
    return found


@pytest.mark.parametrize(("suffix", "codec"), [(".mp4", "mov_text"), (".mkv", "subrip")])
def test_a_soft_copy_adds_a_subtitle_track_and_copies_every_other_packet(
    mp4, tmp_path, suffix, codec
):
    out = tmp_path / f"talk.subtitled{suffix}"
    began = time.monotonic()

    assert soft_subtitled(mp4, CUES, out) == out

    assert time.monotonic() - began < 2
    with av.open(str(out)) as container:
        assert [s.codec_context.name for s in container.streams.subtitles] == [
            "srt" if codec == "subrip" else codec  # FFmpeg's decoder for subrip is "srt"
        ]
        assert container.streams.subtitles[0].disposition & av.stream.Disposition.default
    assert subtitles(out) == [
        (1.0, 2.0, "Olá, ação!\nSpeaker 2: é isso"),
        (2.5, 3.2, "Até já."),
    ]
    for kind in ("video", "audio"):  # the same bytes at the same times: nothing re-encoded
        assert packets(out, kind) == packets(mp4, kind)
    assert sorted(path.name for path in tmp_path.iterdir()) == [out.name]


def test_a_webm_gets_a_webvtt_track(webm, tmp_path):
    out = tmp_path / "talk.subtitled.webm"
    soft_subtitled(webm, [Cue(0.5, 1.5, ("Fish & chips <3",))], out)
    with av.open(str(out)) as container:
        assert container.streams.subtitles[0].codec_context.name == "webvtt"
    assert subtitles(out) == [(0.5, 1.5, "Fish & chips <3")]
    assert packets(out, "video") == packets(webm, "video")


def test_a_format_without_text_subtitles_is_one_sentence(mp4, tmp_path):
    with pytest.raises(UnsupportedVideoFormat, match=r"\.avi file cannot hold subtitles.*\.mkv"):
        soft_subtitled(mp4, CUES, tmp_path / "talk.avi")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("subtitled", [soft_subtitled, burned_subtitled])
def test_a_track_the_format_refuses_is_said_of_the_copy_not_the_original(tmp_path, subtitled):
    """Two channels of PCM from a Matroska file have no layout an MP4 takes: FFmpeg refuses to
    write them. It was reported as the original being unreadable, naming the hidden file."""
    original = make_video(tmp_path / "talk.mkv", audio="pcm_s16le", layout="stereo")
    with pytest.raises(UnsupportedVideoFormat) as caught:
        subtitled(original, CUES, tmp_path / "talk.subtitled.mp4")
    assert str(caught.value).startswith("talk.subtitled.mp4 could not be written as .mp4 (")
    assert str(caught.value).endswith("); save it as .mkv instead.")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["talk.mkv"]


@pytest.mark.parametrize("position", ["bottom", "top"])
def test_burned_captions_show_in_their_band_only_while_a_cue_lasts(mp4, tmp_path, position):
    out = tmp_path / f"talk.{position}.mp4"
    reported: list[float] = []

    burned_subtitled(mp4, CUES, out, position=position, progress=reported.append)

    with av.open(str(mp4)) as original, av.open(str(out)) as burned:
        assert burned.duration == original.duration
        assert burned.streams.video[0].codec_context.name == "h264"
    times, pictures = frames(out)
    original_times, original_pictures = frames(mp4)
    assert times == original_times and len(times) == SECONDS * FPS
    captioned, other = (slice(HEIGHT - BAND, HEIGHT), slice(0, BAND))
    if position == "top":
        captioned, other = other, captioned
    for seconds, picture, before in zip(times, pictures, original_pictures, strict=True):
        change = np.abs(picture.astype(int) - before)
        assert change[other].mean() < 0.5, seconds  # compression's noise only
        if shown(seconds):
            assert drawn(change[captioned]) > 0.005, seconds
        else:
            assert change.mean() < 0.5 and drawn(change) < 0.001, seconds
    assert packets(out, "audio") == packets(mp4, "audio")  # copied, not re-encoded
    assert reported == sorted(reported) and reported[-1] == 1.0


def test_progress_moves_for_a_file_that_states_no_length(mp4, tmp_path):
    """Written live (as browsers record WebM), a file states no length: progress counts
    against the one known elsewhere (the transcript's) rather than staying at 0 to the end."""
    live = tmp_path / "live.mkv"
    with av.open(str(mp4)) as source, av.open(str(live), "w", options={"live": "1"}) as copy:
        streams = {stream: copy.add_stream_from_template(stream) for stream in source.streams}
        for packet in source.demux():
            if packet.dts is not None:
                packet.stream = streams[packet.stream]
                copy.mux(packet)
    with av.open(str(live)) as container:
        assert container.duration is None and not container.streams.video[0].duration
    reported: list[float] = []
    burned_subtitled(live, CUES, tmp_path / "out.mkv", progress=reported.append, duration=SECONDS)
    assert len(reported) > 10 and reported == sorted(reported) and reported[-1] == 1.0


def test_a_webm_gets_vp9_and_its_sound_re_encoded(mp4, tmp_path):
    """WebM takes neither H.264 nor AAC: the picture becomes VP9, the sound Opus."""
    out = tmp_path / "talk.burned.webm"
    burned_subtitled(mp4, CUES, out)
    with av.open(str(out)) as container:
        assert [s.codec_context.name for s in container.streams] == ["vp9", "opus"]
        assert container.duration / av.time_base == pytest.approx(SECONDS, abs=0.05)
    times, pictures = frames(out)
    assert len(times) == SECONDS * FPS
    assert drawn(np.abs(pictures[MID_CUE].astype(int) - frames(mp4)[1][MID_CUE])) > 0.005


def test_without_libx264_another_encoder_is_used(mp4, tmp_path, monkeypatch):
    monkeypatch.setattr(av, "codecs_available", av.codecs_available - {"libx264"})
    out = tmp_path / "talk.burned.mp4"
    burned_subtitled(mp4, CUES, out)
    with av.open(str(out)) as container:
        assert container.streams.video[0].codec_context.name == "mpeg4"
    times, pictures = frames(out)
    assert times == frames(mp4)[0]
    assert drawn(np.abs(pictures[MID_CUE].astype(int) - frames(mp4)[1][MID_CUE])) > 0.005


def test_a_phone_video_gets_its_captions_upright(tmp_path):
    """Stored sideways, shown turned a quarter clockwise: the shown bottom is stored right."""
    phone = make_video(tmp_path / "phone.mp4", rotation=-90)
    out = tmp_path / "phone.burned.mp4"
    burned_subtitled(phone, CUES, out)
    with av.open(str(out)) as container:
        assert next(container.decode(video=0)).rotation == -90
    change = np.abs(frames(out)[1][MID_CUE].astype(int) - frames(phone)[1][MID_CUE])
    assert drawn(change[:, -BAND:]) > 0.005 and change[:, :-BAND].mean() < 0.5


def test_a_full_range_video_keeps_its_blacks_and_whites(tmp_path):
    """Phones often record full range (0-255 luma); it is converted, not taken as 16-235."""
    full = tmp_path / "android.mp4"
    with av.open(str(full), "w") as container:
        picture = container.add_stream("libx264", rate=FPS)
        picture.width, picture.height, picture.pix_fmt = WIDTH, HEIGHT, "yuvj420p"
        for index in range(FPS):
            frame = av.VideoFrame.from_ndarray(pattern(index), format="rgb24")
            frame = frame.reformat(format="yuvj420p", dst_color_range="JPEG")
            frame.pts = index
            container.mux(picture.encode(frame))
        container.mux(picture.encode())
    out = tmp_path / "android.burned.mp4"
    burned_subtitled(full, [], out)
    for before, after in zip(rgb(full), rgb(out), strict=True):
        assert np.abs(after.astype(int) - before).mean() < 2


def test_cancelling_halfway_leaves_no_file(mp4, tmp_path):
    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > SECONDS * FPS // 2

    with pytest.raises(ExportCancelled):
        burned_subtitled(mp4, CUES, tmp_path / "talk.burned.mp4", cancelled=cancelled)
    assert len(asked) == SECONDS * FPS // 2 + 1
    assert list(tmp_path.iterdir()) == []


def test_accents_are_drawn_not_boxes():
    """A letter the font lacks is drawn as the same empty box as an unassigned code point."""
    box = caption_image(["\u0378"], (WIDTH, HEIGHT)).tobytes()
    for letter in "ãçéÉõêô":
        assert caption_image([letter], (WIDTH, HEIGHT)).tobytes() != box, letter


def test_a_long_line_shrinks_to_fit_the_picture():
    caption = caption_image(["Speaker 1: uma frase comprida que não cabe"], (WIDTH, HEIGHT), 24)
    left, _, right, _ = caption.getchannel("A").getbbox()
    assert left >= WIDTH * 0.05 - 1 and right <= WIDTH * 0.95 + 1


@pytest.mark.parametrize("position", ["bottom", "top"])
def test_lines_too_tall_for_the_picture_shrink_to_fit_it(position):
    """A large font on a 480p video (the dialog offers up to 200 px) drew half of the first
    line off the top of the picture, or of the last line off its bottom."""
    size = (854, 480)
    caption = caption_image(["Sim,", "bem,", "três"], size, 200, position)
    _, top, _, bottom = caption.getchannel("A").getbbox()
    assert top >= 480 * 0.05 - 1 and bottom <= 480 * 0.95 + 1
    assert bottom - top > 480 * 0.6  # shrunk to fit, not to nothing


@pytest.mark.parametrize("export", [soft_subtitled, burned_subtitled])
def test_inputs_that_are_not_videos_are_one_sentence(tmp_path, export):
    notes = tmp_path / "notes.txt"
    notes.write_text("A transcript, not a video.\n" * 20)
    notas = tmp_path / "notas.txt"
    notas.write_text("Olá, isto não é um vídeo.\n" * 20, encoding="utf-8")
    song = tmp_path / "song.wav"
    soundfile.write(song, np.zeros(16000, np.float32), 16000)
    cases = [
        (notes, "notes.txt is a text file, not a video"),  # FFmpeg takes it for ANSI art
        (notas, "notas.txt is not a readable video file"),
        (tmp_path / "gone.mp4", "gone.mp4 does not exist or is not a file"),
        (song, "song.wav holds no video, only sound"),
    ]
    for source, sentence in cases:
        with pytest.raises(UnreadableVideo, match=sentence):
            export(source, CUES, tmp_path / "out.mp4")
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "notas.txt",
        "notes.txt",
        "song.wav",
    ]


def test_a_folder_that_cannot_be_written_is_a_storage_error(mp4, tmp_path):
    gone = tmp_path / "gone"
    with pytest.raises(StorageError, match=f"Could not save the video in {gone}"):
        burned_subtitled(mp4, CUES, gone / "talk.mp4")


def test_transcribe_writes_the_video_with_its_subtitles_as_a_track(tmp_path):
    from tests.conftest import speech, transcrevai
    from transcrevai_desktop.core.decoding import decode_file

    video = make_video(tmp_path / "talk.mov", sound=decode_file(speech("en_jfk").path))
    out = tmp_path / "out"
    done = transcrevai("transcribe", str(video), "--language", "en", "--speakers", "off",
                       "--out", str(out), "--subtitled-video", "soft",
                       "--max-line-chars", "20")  # fmt: skip
    assert done.returncode == 0, done.stderr
    track = subtitles(out / "talk.subtitled.mov")
    lines = [line for _, _, text in track for line in text.split("\n")]
    assert "fellow americans" in " ".join(lines).lower() and max(map(len, lines)) <= 20, lines
    assert [p for p, _ in packets(out / "talk.subtitled.mov", "video")] == [
        p for p, _ in packets(video, "video")
    ]
    srt_lines = (out / "talk.srt").read_text().splitlines()
    assert max(len(line) for line in srt_lines if "-->" not in line) <= 20


def test_chinese_japanese_and_korean_are_drawn_not_boxes():
    """DejaVu, the font of Latin captions, has no Chinese: every character was the same box.
    The desktop's font for them is used (WenQuanYi Zen Hei on the test machine)."""
    drawn = {text: caption_image([text], (WIDTH, HEIGHT)).tobytes() for text in "今天开会ご시"}
    assert len(set(drawn.values())) == len(drawn)  # each character its own shape
    assert caption_image(["\u0378"], (WIDTH, HEIGHT)).tobytes() not in drawn.values()


def test_transcribe_of_a_sound_file_with_subtitled_video_says_what_it_wrote(tmp_path):
    """Its transcript was written, but the line naming it was not printed: only the error, as
    if nothing had been done."""
    from tests.conftest import speech, transcrevai

    clip = speech("pt_picovoice_leopard_test_pt")
    done = transcrevai("transcribe", str(clip.path), "--language", "pt", "--out", str(tmp_path),
                       "--subtitled-video", "soft")  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.splitlines()[-2:] == [
        f"{clip.path.name}: {tmp_path / clip.path.stem}.txt, {tmp_path / clip.path.stem}.srt",
        f"transcrevai: {clip.path.name} holds no video, only sound or data.",
    ]
    assert (tmp_path / f"{clip.path.stem}.txt").read_text().strip()


def test_a_copy_under_a_name_of_255_bytes_is_written(mp4, tmp_path):
    """Its hidden partial file added 18 bytes to the name: "File name too long" for a name
    the save dialog accepts."""
    out = tmp_path / "copies" / ("Aula de cálculo " * 16).encode()[:251].decode()
    out = out.with_name(out.name + ".mp4")
    out.parent.mkdir()
    assert len(out.name.encode()) == 255

    assert soft_subtitled(mp4, CUES, out) == out
    assert [p.name for p in out.parent.iterdir()] == [out.name]
    assert subtitles(out)
