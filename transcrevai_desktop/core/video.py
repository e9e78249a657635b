"""Copies of a video with its transcript as subtitles, two ways:

- ``soft_subtitled``: a subtitle track the viewer switches on or off; picture and sound are
  copied packet for packet, untouched, so it takes seconds even for a long film.
- ``burned_subtitled``: the captions drawn into every picture, so they show on any player or
  website; the picture is re-encoded (the sound is copied where the format allows).

PyAV's FFmpeg has no drawtext, subtitles or ass filter (and no ffmpeg program is assumed), so
burned captions are drawn here: Pillow renders each cue once, white with a black outline, and
it is blended into the picture's luma and chroma planes of every frame it covers. Pillow
rather than Qt's QPainter because the command line has no QGuiApplication.

Cue times are seconds from the start of the media, as the transcript gives them. Both
functions write a hidden temporary file beside ``out`` and rename it at the end: a failed or
cancelled export never leaves a half-written video.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import html
import logging
import secrets
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, cast

import av
import numpy as np
from av.audio.frame import AudioFrame
from av.audio.stream import AudioStream
from av.container import InputContainer, OutputContainer
from av.packet import Packet
from av.stream import Disposition, Stream
from av.subtitles.stream import SubtitleStream
from av.video.frame import VideoFrame
from av.video.reformatter import ColorRange
from av.video.stream import VideoStream
from PIL import Image, ImageDraw, ImageFont
from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.decoding import open_media
from transcrevai_desktop.core.errors import (
    ExportCancelled,
    StorageError,
    UnreadableVideo,
    UnsupportedVideoFormat,
)
from transcrevai_desktop.core.files import TEMPORARY_NAME, sync_folder
from transcrevai_desktop.core.word_spacing import east_asian

if TYPE_CHECKING:  # PyAV's stubs only: the codec names its add_stream overloads tell apart
    from av.audio import _AudioCodecName
    from av.subtitles import _SubtitleCodecName
    from av.video import _VideoCodecName

log = logging.getLogger(__name__)

# Text subtitle codecs, by preference; the first one the output format takes is used:
# mov_text in .mp4/.mov/.m4v/.3gp, subrip (SRT, read by every player) in .mkv, webvtt in .webm.
SUBTITLE_CODECS: tuple[_SubtitleCodecName, ...] = ("mov_text", "subrip", "webvtt")
MS = Fraction(1, 1000)  # subtitle packets are timed in milliseconds
# FFmpeg's text subtitle encoders only open with an ASS header; this is FFmpeg's own default,
# whose one style (white, black outline, bottom centre) becomes mov_text's sample description.
ASS_HEADER = """[Script Info]
ScriptType: v4.00+
PlayResX: 384
PlayResY: 288

[V4+ Styles]
Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, \
Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, \
Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
Style: Default,Arial,16,&Hffffff,&Hffffff,&H0,&H0,0,0,0,0,100,100,0,0,1,1,0,2,10,10,10,0

[Events]
Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
"""

# Video encoders for burned captions, by preference, with options for a near-transparent
# picture at a reasonable speed; the first one this FFmpeg has and the output format takes.
# MPEG-4 Part 2 before VP9: it plays everywhere (QuickTime too) where H.264 is missing;
# VP9 is for .webm, which takes neither.
VIDEO_ENCODERS: tuple[tuple[_VideoCodecName, dict[str, str]], ...] = (
    ("libx264", {"crf": "18", "preset": "veryfast"}),
    ("mpeg4", {"flags": "+qscale", "global_quality": str(3 * 118)}),  # q 3 (118: FF_QP2LAMBDA)
    ("libvpx-vp9", {"crf": "32", "b": "0", "deadline": "realtime", "cpu-used": "8",
                    "row-mt": "1"}),
)  # fmt: skip
# Audio encoders, by preference, where the sound can't be copied.
AUDIO_ENCODERS: tuple[_AudioCodecName, ...] = ("aac", "libopus", "libvorbis", "libmp3lame")

# Burned captions: Pillow's own font has no accents (ã, ç, é come out as boxes), so a system
# font with full Latin, Greek and Cyrillic is looked for first (Linux, Linux, Linux, Windows,
# macOS file names).
FONT_FILES = (
    "DejaVuSans-Bold.ttf",
    "NotoSans-Bold.ttf",
    "LiberationSans-Bold.ttf",
    "arialbd.ttf",
    "Arial Bold.ttf",
)
# ...and for Chinese, Japanese or Korean, which none of those has, the desktop's own font for
# the script: Noto Sans CJK, WenQuanYi Zen Hei and Droid Sans Fallback (Linux) have all three;
# then Windows' and macOS's own for each.
_ALL_CJK = ("NotoSansCJK-Bold.ttc", "wqy-zenhei.ttc", "DroidSansFallbackFull.ttf")
CJK_FONT_FILES = {
    "zh": (*_ALL_CJK, "NotoSansCJKsc-Bold.otf", "msyhbd.ttc", "Hiragino Sans GB.ttc"),
    "ja": (*_ALL_CJK, "NotoSansCJKjp-Bold.otf", "YuGothB.ttc", "Hiragino Sans GB.ttc"),
    "ko": (*_ALL_CJK, "NotoSansCJKkr-Bold.otf", "malgunbd.ttf", "AppleSDGothicNeo.ttc"),
}
SOFT_SUFFIXES = (".mkv", ".mp4", ".mov", ".m4v", ".webm")  # hold a text track; .mkv any codec
BURNED_SUFFIXES = (".mp4", ".mkv", ".mov", ".m4v", ".webm")  # .mp4: H.264, played everywhere
AUTO_FONT_DIVISOR = 20  # font_size 0: a twentieth of the picture's height (54 px at 1080p)
MIN_AUTO_FONT = 12  # ... but never under 12 px
MIN_FONT = 6  # px: the least worth drawing, a caption shrunk to fit
MARGIN = 0.05  # of the height above/below the caption, of the width on each side of it
POSITIONS = ("bottom", "top")


class TimedText(Protocol):
    """A subtitle cue: shown from ``start`` to ``end`` (seconds from the media's start),
    ``lines`` as they are to be shown (broken already; a speaker's name, if any, already in
    the first line). ``core.subtitles``' cues are such objects."""

    @property
    def start(self) -> float: ...

    @property
    def end(self) -> float: ...

    @property
    def lines(self) -> tuple[str, ...]: ...


def subtitled_name(video: Path, burned: bool = False) -> str:
    """The file name a subtitled copy of ``video`` gets: "talk.subtitled.mp4" (in the
    interface's language: "aula.legendado.mp4"), in the video's own format where that works (a
    text track needs .mp4, .mov, .m4v, .mkv or .webm), else .mkv for a track and .mp4 for
    burned captions."""
    suffix = Path(video).suffix.lower()
    kept = BURNED_SUFFIXES if burned else SOFT_SUFFIXES
    marker = QCoreApplication.translate("Video", "subtitled", "a subtitled copy's file name")
    return f"{Path(video).stem}.{marker}{suffix if suffix in kept else kept[0]}"


def has_picture(video: Path) -> bool:
    """Whether ``video`` is a readable file with a moving picture, so a subtitled copy of it
    can be made."""
    try:
        with _opened(Path(video)):
            return True
    except UnreadableVideo:
        return False


def soft_subtitled(video: Path, cues: Sequence[TimedText], out: Path) -> Path:
    """Write ``out``: ``video`` with ``cues`` as a subtitle track (on by default), every other
    video and audio packet copied untouched (no re-encoding: seconds, not minutes). Returns
    ``out``.

    The format is ``out``'s extension: .mp4, .mov, .m4v and .3gp get a mov_text track, .mkv a
    subrip (SRT) one, .webm a WebVTT one. Other formats (.avi, .ts, .flv, .wmv, ...) cannot
    hold a text track: ``UnsupportedVideoFormat``, whose sentence suggests .mkv, which holds
    any video and sound. So does a format that cannot take the original's codecs as they are
    (an H.264 video in .webm, say). The original's own subtitle tracks are kept where the
    format takes them; data tracks (a .mov's timecode, say) are left out. Raises
    ``UnreadableVideo`` for a missing, unreadable or picture-less ``video`` and
    ``StorageError`` if ``out`` cannot be written.
    """
    began = time.monotonic()
    shown = _shown(cues)
    with _opened(video) as source, _replaced_at_end(out) as partial:
        offset = _start_offset(source)
        with _created(partial, out) as output:
            codec = next((c for c in SUBTITLE_CODECS if c in output.supported_codecs), None)
            if codec is None:
                raise UnsupportedVideoFormat(_no_text_track(out))
            copies = _copied_streams(source, output, out)
            track = output.add_stream(codec)
            track.codec_context.subtitle_header = ASS_HEADER.encode()
            track.disposition = Disposition.default
            pending = [_subtitle_packet(track, cue, offset) for cue in shown]
            pending.reverse()  # popped from the end, earliest first: (milliseconds, packet)
            for packet in source.demux(*copies):
                stamp = packet.dts if packet.dts is not None else packet.pts
                if stamp is None:  # the demuxer's empty flush packets
                    continue
                now = float(stamp * packet.time_base)
                while pending and pending[-1][0] * MS <= now:
                    output.mux(pending.pop()[1])  # interleaved: Matroska wants rising times
                packet.stream = copies[packet.stream]
                output.mux(packet)
            while pending:
                output.mux(pending.pop()[1])
    log.info(
        "Soft subtitles: %d cues as %s in %s, %.1f s", len(shown), codec, out.name,
        time.monotonic() - began,
    )  # fmt: skip
    return out


def burned_subtitled(
    video: Path,
    cues: Sequence[TimedText],
    out: Path,
    font_size: int = 0,
    position: str = "bottom",
    progress: Callable[[float], None] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
    duration: float = 0.0,
) -> Path:
    """Write ``out``: ``video`` with ``cues`` drawn into the picture (see ``caption_image``
    for ``font_size`` and ``position``), every frame kept at its own time (same frame count
    and duration as the original). Returns ``out``.

    The picture is re-encoded: H.264 (libx264) where this FFmpeg has it and the format takes
    it, else MPEG-4 Part 2, else VP9 (.webm takes neither). Every audio track is copied as is
    when the format takes its codec, else re-encoded (AAC, Opus, ...). Subtitle and data
    tracks of the original are left out. The format is ``out``'s extension (.mp4, .mkv,
    .mov, .webm, .avi, ...); ``UnsupportedVideoFormat`` if it takes no video codec this
    FFmpeg can write.

    ``progress(fraction)`` is called as the work advances (at most every 1 %) and with 1.0 at
    the end; it counts against the length the file states, else ``duration`` (seconds, as
    known elsewhere: a file written live, as browsers record WebM, states none).
    ``cancelled()`` is asked before every frame: once it is true, the partial file is
    removed and ``ExportCancelled`` is raised. Raises ``UnreadableVideo`` for a missing,
    unreadable or picture-less ``video`` and ``StorageError`` if ``out`` cannot be written.
    """
    if position not in POSITIONS:
        raise ValueError(f"position must be one of {POSITIONS}, not {position!r}")
    began = time.monotonic()
    shown = _shown(cues)
    rotation = _display_rotation(video)
    with _opened(video) as source, _replaced_at_end(out) as partial:
        picture = _picture_stream(source)
        picture.thread_type = "AUTO"
        offset = _start_offset(source)
        total = _duration(source, picture) or duration
        captions = _Captions(shown, picture, rotation, font_size, position)
        time_base = cast(Fraction, picture.time_base)  # FFmpeg gives a demuxed stream one
        with _created(partial, out) as output:
            encoded = _encoded_picture_stream(output, picture, rotation, out)
            copies, reencoded = _sound_streams(source, output)
            last_pts: int | None = None
            reported = 0.0
            for packet in source.demux(picture, *copies, *reencoded):
                stream = packet.stream
                if stream in copies:
                    if packet.dts is not None or packet.pts is not None:  # not a flush packet
                        packet.stream = copies[stream]
                        output.mux(packet)
                    continue
                for frame in packet.decode():
                    if stream in reencoded:  # an audio track's frames
                        output.mux(reencoded[stream].encode(cast(AudioFrame, frame)))
                        continue
                    if cancelled():
                        raise ExportCancelled(f"The subtitled copy of {video.name} was stopped.")
                    frame = cast(VideoFrame, frame)  # else the picture's
                    frame = frame.reformat(  # limited range, as encoded.color_range says
                        encoded.width, encoded.height, "yuv420p", dst_color_range=ColorRange.MPEG
                    )
                    if frame.pts is None or (last_pts is not None and frame.pts <= last_pts):
                        frame.pts = 0 if last_pts is None else last_pts + 1  # x264 needs rising
                    last_pts = frame.pts
                    seconds = float(frame.pts * time_base) - offset
                    captions.draw(frame, seconds)
                    output.mux(encoded.encode(frame))
                    done = min(1.0, seconds / total) if total else 0.0
                    if progress is not None and done - reported >= 0.01:
                        reported = done
                        progress(done)
            output.mux(encoded.encode())
            for encoder in reencoded.values():
                output.mux(encoder.encode())
    if progress is not None:
        progress(1.0)
    log.info(
        "Burned subtitles: %d cues into %s with %s, %.1f s", len(shown), out.name,
        encoded.codec_context.name, time.monotonic() - began,
    )  # fmt: skip
    return out


def caption_image(
    lines: Sequence[str], size: tuple[int, int], font_size: int = 0, position: str = "bottom"
) -> Image.Image:
    """A transparent RGBA image of ``size`` (the picture as it is shown) with ``lines``
    drawn as a burned caption: white with a black outline, each line centred, as a block at
    the ``position`` ("bottom" or "top") with a margin of 5 % of the height. ``font_size`` is
    in pixels; 0 picks a twentieth of the height (54 px at 1080p), at least 12 px. A line
    wider than the picture (less 5 % each side), or lines taller than it (less its margins),
    shrink the font of the whole caption to fit: a large font on a 480p video drew half of
    its first or last line off the picture. Also fit for a preview of what
    ``burned_subtitled`` draws."""
    width, height = size
    pixels = font_size or max(MIN_AUTO_FONT, round(height / AUTO_FONT_DIVISOR))
    room = width * (1 - 2 * MARGIN)
    script = east_asian("".join(lines))
    widest = max((_font(pixels, script).getlength(line) for line in lines), default=0.0)
    if widest > room:
        pixels = max(MIN_FONT, int(pixels * room / widest))
    high = height * (1 - 2 * MARGIN)
    while True:
        font = _font(pixels, script)
        outline = max(1, round(pixels / 14))
        ascent, descent = font.getmetrics()
        line_height = ascent + descent + 2 * outline
        block = line_height * len(lines)
        if block <= high or pixels <= MIN_FONT:
            break
        pixels = max(MIN_FONT, min(pixels - 1, int(pixels * high / block)))
    margin = round(height * MARGIN)
    top = margin if position == "top" else height - margin - line_height * len(lines)
    image = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for number, line in enumerate(lines):
        draw.text(
            (width / 2, top + outline + number * line_height), line, font=font, anchor="ma",
            fill=(255, 255, 255, 255), stroke_width=outline, stroke_fill=(0, 0, 0, 255),
        )  # fmt: skip
    return image


@dataclass(frozen=True)
class _Overlay:
    """One caption, ready to blend into yuv420p pictures: a box from (``left``, ``top``) of
    luma values with their alpha, and the alpha of the half-resolution chroma (the caption is
    white and black, so its chroma is neutral, 128, whatever the colour matrix)."""

    left: int
    top: int
    luma: np.ndarray
    alpha: np.ndarray
    chroma_alpha: np.ndarray

    @classmethod
    def of(cls, caption: Image.Image, size: tuple[int, int], rotation: int) -> _Overlay | None:
        """The overlay of ``caption`` (drawn as the picture is shown) for pictures stored at
        ``size`` that players turn ``rotation`` degrees counter-clockwise; None if empty."""
        stored = caption.rotate(-rotation, expand=True) if rotation else caption
        if stored.size != size:  # non-square pixels: drawn as shown, squeezed as stored
            stored = stored.resize(size, Image.Resampling.BILINEAR)
        box = stored.getchannel("A").getbbox()
        if box is None:
            return None
        left, top, right, bottom = box  # widened to even edges, to match the chroma's
        left, top, right, bottom = (
            left - left % 2,
            top - top % 2,
            right + right % 2,
            bottom + bottom % 2,
        )
        rgba = np.asarray(stored.crop((left, top, right, bottom)), dtype=np.uint16)
        alpha = rgba[..., 3]
        rows, columns = alpha.shape
        chroma_alpha = alpha.reshape(rows // 2, 2, columns // 2, 2).mean(axis=(1, 3))
        return cls(
            left, top, 16 + rgba[..., 0] * 219 // 255, alpha, chroma_alpha.astype(np.uint16)
        )  # luma in limited range, 16 (black) to 235 (white)

    def blend(self, frame: VideoFrame) -> None:
        """Draw into ``frame`` (yuv420p, made writable here: a decoded frame may share its
        buffers with the decoder's reference pictures)."""
        frame.make_writable()
        rows, columns = self.alpha.shape
        for index, plane in enumerate(frame.planes):
            half = 2 if index else 1
            pixels = np.frombuffer(memoryview(plane), np.uint8).reshape(-1, plane.line_size)
            region = pixels[
                self.top // half : (self.top + rows) // half,
                self.left // half : (self.left + columns) // half,
            ]
            alpha = self.chroma_alpha if index else self.alpha
            value = 128 if index else self.luma
            region[...] = (region * (255 - alpha) + value * alpha + 127) // 255


class _Captions:
    """The cues of a burned export, each rendered once when its first frame comes."""

    def __init__(
        self,
        cues: list[TimedText],
        picture: VideoStream,
        rotation: int,
        font_size: int,
        position: str,
    ) -> None:
        self.cues = cues
        self.starts = [cue.start for cue in cues]
        self.size = _even_size(picture)
        aspect = picture.sample_aspect_ratio or Fraction(1)
        shown = (round(self.size[0] * aspect), self.size[1])
        self.shown = shown[::-1] if rotation % 180 else shown
        self.rotation = rotation
        self.font_size = font_size
        self.position = position
        self.current: tuple[int, _Overlay | None] | None = None

    def draw(self, frame: VideoFrame, seconds: float) -> None:
        """Blend the cue shown at ``seconds`` (the later one where cues overlap) into
        ``frame``, if any."""
        index = bisect.bisect_right(self.starts, seconds) - 1
        if index < 0 or seconds >= self.cues[index].end:
            return
        if self.current is None or self.current[0] != index:
            image = caption_image(self.cues[index].lines, self.shown, self.font_size, self.position)
            self.current = (index, _Overlay.of(image, self.size, self.rotation))
        overlay = self.current[1]
        if overlay is not None:
            overlay.blend(frame)


def _even_size(picture: VideoStream) -> tuple[int, int]:
    """``picture``'s size rounded down to even numbers, as yuv420p needs (an odd one is
    scaled by a pixel)."""
    return picture.width - picture.width % 2, picture.height - picture.height % 2


def _shown(cues: Sequence[TimedText]) -> list[TimedText]:
    """The cues with something to show for some time, in order of start."""
    return sorted(
        (cue for cue in cues if cue.end > cue.start and any(line.strip() for line in cue.lines)),
        key=lambda cue: cue.start,
    )


@functools.cache
def _font_file(script: str | None = None) -> str | None:
    """The first of ``FONT_FILES`` installed (Pillow looks in the system's font folders), or
    for an East Asian ``script`` ("zh", "ja", "ko") of its ``CJK_FONT_FILES``, else of
    ``FONT_FILES`` (the captions then show boxes for its characters, but not for digits and
    Latin letters)."""
    names = CJK_FONT_FILES[script] if script else FONT_FILES
    for name in names:
        with contextlib.suppress(OSError):
            return str(ImageFont.truetype(name, 10).path)
    log.warning("No font for these captions (%s): they may show boxes.", ", ".join(names))
    return _font_file() if script else None


@functools.cache
def _font(pixels: int, script: str | None = None) -> ImageFont.FreeTypeFont:
    """The caption font at ``pixels`` (Pillow's wheels have FreeType, so even its own font
    is a FreeTypeFont at a given size), for an East Asian ``script`` its own."""
    file = _font_file(script)
    if file:
        return ImageFont.truetype(file, pixels)
    return cast(ImageFont.FreeTypeFont, ImageFont.load_default(pixels))


@contextlib.contextmanager
def _opened(video: Path) -> Iterator[InputContainer]:
    """``video`` open for reading, with a picture; ``UnreadableVideo`` otherwise, also for an
    error of FFmpeg's while it is read and converted (a damaged file)."""
    with open_media(video, UnreadableVideo, "video") as source:
        if source.format.name == "tty":  # FFmpeg reads any .txt as ANSI art, a "video"
            raise UnreadableVideo(
                QCoreApplication.translate(
                    "UnreadableVideo", "{file} is a text file, not a video."
                ).format(file=video.name)
            )
        _picture_stream(source)
        try:
            yield source
        except av.FFmpegError as error:
            if isinstance(error, OSError):  # a full disk, say: _replaced_at_end's to tell
                raise
            raise UnreadableVideo(
                QCoreApplication.translate(
                    "UnreadableVideo", "{file} could not be read to its end: {error}."
                ).format(file=video.name, error=error)
            ) from error


def _picture_stream(source: InputContainer) -> VideoStream:
    """The video's moving picture (not the album cover of a sound file)."""
    for stream in source.streams.video:
        if not stream.disposition & Disposition.attached_pic:
            return stream
    raise UnreadableVideo(
        QCoreApplication.translate(
            "UnreadableVideo", "{file} holds no video, only sound or data."
        ).format(file=Path(source.name).name)
    )


def _display_rotation(video: Path) -> int:
    """How far players turn ``video``'s pictures counter-clockwise, in [0, 360) to the
    nearest quarter turn (a phone held upright stores them sideways), from its first frame."""
    with _opened(video) as source:
        for frame in source.decode(_picture_stream(source)):
            return round(frame.rotation / 90) * 90 % 360
    return 0


def _start_offset(source: InputContainer) -> float:
    """Seconds at which the media starts (cue times count from there)."""
    return (source.start_time or 0) / av.time_base


def _duration(source: InputContainer, picture: VideoStream) -> float:
    """The media's length in seconds, 0 where the file does not say."""
    if source.duration:
        return source.duration / av.time_base
    if picture.duration and picture.time_base:
        return float(picture.duration * picture.time_base)
    return 0.0


@contextlib.contextmanager
def _replaced_at_end(out: Path) -> Iterator[Path]:
    """A hidden path beside ``out`` (same extension: it names the format) that replaces
    ``out`` when the block ends, and is removed if it raises. ``StorageError`` if the folder
    cannot be written, now or later (a full disk); ``UnsupportedVideoFormat`` if FFmpeg
    refuses to write what it is given in that format (not the original's fault)."""
    hidden = f".{out.stem[:TEMPORARY_NAME]}.{secrets.token_hex(4)}.partial{out.suffix}"
    partial = out.with_name(hidden)  # short: ``out``'s own name may be near the limit
    try:
        partial.open("xb").close()  # fails now rather than after minutes of work
        yield partial
        partial.replace(out)
        sync_folder(out.parent)
    except BaseException as error:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        if isinstance(error, av.FFmpegError) and error.filename == str(partial):
            logged = error.log[1] if error.log else None  # FFmpeg's last word on it, if kept
            why = logged[2].strip() if logged else error.strerror
            raise UnsupportedVideoFormat(
                QCoreApplication.translate(
                    "UnsupportedVideoFormat",
                    "{file} could not be written as {suffix} ({reason}); save it as .mkv instead.",
                ).format(file=out.name, suffix=out.suffix, reason=why)
            ) from error
        if isinstance(error, OSError):
            reason = error.strerror or str(error)
            raise StorageError(
                QCoreApplication.translate(
                    "StorageError", "Could not save the video in {folder}: {reason}."
                ).format(folder=out.parent, reason=reason)
            ) from error
        raise


def _created(partial: Path, out: Path) -> OutputContainer:
    """``partial`` open for writing in the format of ``out``'s extension."""
    try:
        return av.open(str(partial), mode="w")
    except ValueError as error:  # FFmpeg knows no format by that extension
        raise UnsupportedVideoFormat(
            QCoreApplication.translate(
                "UnsupportedVideoFormat",
                "{file}: '{suffix}' is not a video format this app can write; save it as .mp4 "
                "or .mkv instead.",
            ).format(file=out.name, suffix=out.suffix)
        ) from error


def _copied_streams(
    source: InputContainer, output: OutputContainer, out: Path
) -> dict[Stream, Stream]:
    """Output streams for ``source``'s video, audio and subtitle tracks, copied as they are;
    ``UnsupportedVideoFormat`` if ``output``'s format cannot take a video or audio track."""
    copies: dict[Stream, Stream] = {}
    for stream in source.streams:
        if stream.type not in ("video", "audio", "subtitle"):
            log.info("Track %d (%s) is left out of the copy.", stream.index, stream.type)
            continue
        try:
            copies[stream] = _copy_of(stream, output)
        except ValueError as error:
            if stream.type == "subtitle":
                log.info("Subtitle track %d cannot go in %s: left out.", stream.index, out.name)
                continue
            if stream.type == "video":
                sentence = QCoreApplication.translate(
                    "UnsupportedVideoFormat",
                    "A {suffix} file cannot hold the video of the original ({codec}) without "
                    "re-encoding it; save it as .mkv instead.",
                )
            else:
                sentence = QCoreApplication.translate(
                    "UnsupportedVideoFormat",
                    "A {suffix} file cannot hold the audio of the original ({codec}) without "
                    "re-encoding it; save it as .mkv instead.",
                )
            raise UnsupportedVideoFormat(
                sentence.format(suffix=out.suffix, codec=stream.codec_context.name)
            ) from error
    return copies


def _copy_of(stream: Stream, output: OutputContainer) -> Stream:
    """An output stream that takes ``stream``'s packets as they are (ValueError if the format
    cannot hold its codec), with its language."""
    copy = output.add_stream_from_template(stream)
    if stream.language:
        copy.metadata["language"] = stream.language
    return copy


def _no_text_track(out: Path) -> str:
    """The sentence saying ``out``'s format cannot hold a text subtitle track."""
    if not out.suffix:
        return QCoreApplication.translate(
            "UnsupportedVideoFormat",
            "A file without an extension cannot hold subtitles as text; save it as .mkv (or "
            ".mp4) instead.",
        )
    return QCoreApplication.translate(
        "UnsupportedVideoFormat",
        "A {suffix} file cannot hold subtitles as text; save it as .mkv (or .mp4) instead.",
    ).format(suffix=out.suffix)


def _subtitle_packet(
    track: SubtitleStream, cue: TimedText, offset: float
) -> tuple[int, Packet[Stream]]:
    """``cue``'s time in milliseconds, and ``cue`` as a packet of ``track``'s codec timed so.
    Built here rather than by FFmpeg's encoders, which read ASS markup: they would take a "{"
    in the text for the start of a style tag and drop what follows."""
    text = "\n".join(cue.lines)
    if track.codec_context.name == "webvtt":  # HTML-like: "<" would open a tag
        text = html.escape(text, quote=False)
    data = text.encode()
    if track.codec_context.name == "mov_text":  # a 3GPP timed text sample: length first
        data = len(data).to_bytes(2, "big") + data
    packet = Packet(data)
    packet.stream = track
    packet.time_base = MS
    packet.pts = packet.dts = stamp = round((cue.start + offset) * 1000)
    packet.duration = round((cue.end - cue.start) * 1000)
    return stamp, packet


def _encoded_picture_stream(
    output: OutputContainer, picture: VideoStream, rotation: int, out: Path
) -> VideoStream:
    """The output's re-encoded picture, with the first of ``VIDEO_ENCODERS`` this FFmpeg has
    and the format takes: ``picture``'s size (rounded down to even, as yuv420p needs), time
    base, frame rate, pixel shape, colours and rotation."""
    usable = next((e for e in VIDEO_ENCODERS if _can_encode(e[0], output)), None)
    if usable is None:
        raise UnsupportedVideoFormat(
            QCoreApplication.translate(
                "UnsupportedVideoFormat",
                "A {suffix} file cannot hold any video this app can encode; save it as .mp4 "
                "or .mkv instead.",
            ).format(suffix=out.suffix)
        )
    name, options = usable
    rate = picture.average_rate or picture.guessed_rate or 25
    encoded = output.add_stream(name, rate=rate, options=options, time_base=picture.time_base)
    encoded.width, encoded.height = _even_size(picture)
    encoded.pix_fmt = "yuv420p"
    context, original = encoded.codec_context, picture.codec_context
    if picture.sample_aspect_ratio:
        context.sample_aspect_ratio = picture.sample_aspect_ratio
    context.color_range = ColorRange.MPEG  # full-range pictures are converted (phones' are)
    context.colorspace = original.colorspace
    context.color_primaries = original.color_primaries
    context.color_trc = original.color_trc
    if rotation:
        encoded.set_display_rotation(rotation)
    return encoded


def _sound_streams(
    source: InputContainer, output: OutputContainer
) -> tuple[dict[Stream, Stream], dict[Stream, AudioStream]]:
    """Output streams for ``source``'s audio tracks: copies where the format takes their
    codec, else encoders (the first of ``AUDIO_ENCODERS`` this FFmpeg has and the format
    takes), each keyed by its input track."""
    copies: dict[Stream, Stream] = {}
    encoders: dict[Stream, AudioStream] = {}
    for stream in source.streams.audio:
        with contextlib.suppress(ValueError):
            copies[stream] = _copy_of(stream, output)
            continue
        name = next((n for n in AUDIO_ENCODERS if _can_encode(n, output)), None)
        if name is None:
            log.warning("Audio track %d fits no encoder for this format: left out.", stream.index)
            continue
        rates = av.Codec(name, "w").audio_rates
        rate = stream.rate if not rates or stream.rate in rates else max(rates)
        encoder = output.add_stream(name, rate=rate, layout=stream.layout)
        if stream.language:
            encoder.metadata["language"] = stream.language
        encoders[stream] = encoder
    return copies, encoders


def _can_encode(encoder: str, output: OutputContainer) -> bool:
    """Whether this FFmpeg has ``encoder`` and ``output``'s format takes its codec."""
    return encoder in av.codecs_available and encoder in output.supported_codecs
