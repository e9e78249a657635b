"""``transcrevai``: the window (no arguments) and the headless commands over the same core.

transcrevai transcribe FILE... [--language auto|pt|en|...] [--model NAME|PATH] [--out DIR]
                               [--formats txt,srt,vtt,json] [--vocabulary "A, B"]
                               [--vocabulary-file FILE] [--speakers auto|N|off|channels]
                               [--max-line-chars N] [--max-lines N]
                               [--subtitled-video soft|burned]
transcrevai record [--device ID|NAME] [--input FILE] [--seconds N] [--language ...]
                   [--model ...] [--out DIR] [--json] [--vocabulary ...] [--vocabulary-file ...]
                   [--speakers auto|N|off|channels] [--also-system-audio [NAME]]
transcrevai recover [--transcribe] [--out DIR] [--language ...] [--model ...]
transcrevai devices
transcrevai models
transcrevai voices [--forget NAME]

Errors are one line on stderr, never a traceback. Exit status: 0 success, 1 some file or the
recording failed, 2 bad usage (a language the model does not know included) or no model, 130
a recording left without its final pass (a second Ctrl-C, or Ctrl-C during ``recover``).

The commands speak the window's language (``translations``: Preferences → Interface language,
else the system's locale), help texts and messages alike, argparse's own words too
(``argparse_texts``). ``--json`` keys and status names are the same in every language.
"""

from __future__ import annotations

import argparse
import logging
import math
import os
import signal
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QLocale

from transcrevai_desktop import __version__
from transcrevai_desktop.core.errors import ModelMissing, TranscrevaiError, UnknownLanguage
from transcrevai_desktop.core.files import lead_nowhere
from transcrevai_desktop.core.models import BUNDLED_MODEL
from transcrevai_desktop.core.subtitles import DEFAULT_LIMITS
from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from collections.abc import Callable

    from transcrevai_desktop.core.engine import Engine
    from transcrevai_desktop.core.session import Session
    from transcrevai_desktop.core.subtitles import CueLimits
    from transcrevai_desktop.core.transcript import Transcript

log = logging.getLogger("transcrevai")

EXIT_FAILED = 1
EXIT_USAGE = 2
WINDOW_OPTIONS = {"-v", "--verbose"}  # arguments that still open the window

translate = QCoreApplication.translate


def _language(value: str) -> str | None:
    """Whisper's code of the language the user typed: none for "auto" (detect it); a regional
    tag names its language ("pt-BR", "pt_BR" and "en-US" are pt and en)."""
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return None if code in ("", "auto") else code


def _above_zero(convert: Callable[[str], float], message: str) -> Callable[[str], Any]:
    """An argparse type: ``value`` converted, and above 0, else ``message`` (translated,
    with ``{value}``): argparse's own "invalid int value" is half English, and
    ``--seconds -1`` made an empty recording, "complete"."""

    def checked(value: str) -> Any:
        try:
            number = convert(value)
        except ValueError:
            number = 0
        if not 0 < number < math.inf:
            raise argparse.ArgumentTypeError(translate("Cli", message).format(value=value))
        return number

    checked.__name__ = convert.__name__
    return checked


# Whole numbers of 1 or more (subtitle limits) and lengths of time above 0
_count = _above_zero(int, QT_TRANSLATE_NOOP("Cli", "'{value}' is not a whole number of 1 or more"))
_seconds = _above_zero(
    float, QT_TRANSLATE_NOOP("Cli", "'{value}' is not a number of seconds above 0")
)


def _speakers(value: str) -> int | str:
    from transcrevai_desktop.core.speakers import parse_speakers

    try:
        return parse_speakers(value)
    except TranscrevaiError as error:
        raise argparse.ArgumentTypeError(str(error)) from error


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="transcrevai",
        description=translate("Cli", "Local live transcription with Whisper (no cloud)."),
        add_help=False,
    )
    from importlib import metadata

    try:  # the installed distribution's version, as pip tells it
        version = metadata.version("transcrevai-desktop")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        version = __version__
    _help_option(parser)
    parser.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"%(prog)s {version}",
        help=translate("Cli", "show the version and exit"),
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help=translate("Cli", "log what happens, every live pass included"),
    )
    commands = parser.add_subparsers(
        dest="command", required=True, metavar=translate("Cli", "COMMAND")
    )  # none: the window
    file_name, name = translate("Cli", "FILE"), translate("Cli", "NAME")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help, description=help, add_help=False)
        _help_option(sub)
        return sub

    def model_options(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--language",
            default="auto",
            metavar=translate("Cli", "LANGUAGE"),
            help=translate("Cli", "language code (pt, en, ...) or auto (default)"),
        )
        command.add_argument(
            "--model",
            default=BUNDLED_MODEL,
            metavar=translate("Cli", "MODEL"),
            help=translate("Cli", "bundled '{model}' (default), a model folder or a name").format(
                model=BUNDLED_MODEL
            ),
        )

    def vocabulary_options(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--vocabulary",
            default="",
            metavar=translate("Cli", "TERMS"),
            help=translate(
                "Cli",
                'names and terms Whisper should spell right, comma-separated: "Lisboa, CORAA"',
            ),
        )
        command.add_argument(
            "--vocabulary-file",
            type=Path,
            metavar=file_name,
            help=translate("Cli", "the same, from a file (a term a line or commas)"),
        )

    def speakers_option(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--speakers",
            type=_speakers,
            default="auto",
            metavar="auto|N|off|channels",
            help=translate(
                "Cli",
                "label who speaks: count the voices (auto, default), exactly N voices, each "
                "channel a person (channels), or off",
            ),
        )

    transcribe = command("transcribe", translate("Cli", "transcribe audio or video files"))
    transcribe.add_argument("files", nargs="+", type=Path, metavar=file_name)
    model_options(transcribe)
    vocabulary_options(transcribe)
    speakers_option(transcribe)
    folder = translate("Cli", "FOLDER")
    transcribe.add_argument(
        "--out",
        type=Path,
        default=Path("."),
        metavar=folder,
        help=translate("Cli", "output folder"),
    )
    transcribe.add_argument(
        "--formats",
        default="txt,srt",
        metavar=translate("Cli", "FORMATS"),
        help=translate("Cli", "comma-separated: txt,srt,vtt,json (default txt,srt)"),
    )
    transcribe.add_argument(
        "--max-line-chars",
        type=_count,
        default=DEFAULT_LIMITS.line_chars,
        metavar="N",
        help=translate("Cli", "subtitles: at most N characters a line (default {n})").format(
            n=DEFAULT_LIMITS.line_chars
        ),
    )
    transcribe.add_argument(
        "--max-lines",
        type=_count,
        default=DEFAULT_LIMITS.lines,
        metavar="N",
        help=translate("Cli", "subtitles: at most N lines a cue (default {n})").format(
            n=DEFAULT_LIMITS.lines
        ),
    )
    transcribe.add_argument(
        "--subtitled-video",
        choices=("soft", "burned"),
        help=translate(
            "Cli",
            "for a video: also write STEM.subtitled.EXT with the subtitles as a track (soft, "
            "takes seconds) or drawn into the picture (burned, re-encoded)",
        ),
    )

    record = command("record", translate("Cli", "record with live captions, then transcribe"))
    record.add_argument(
        "--device",
        metavar=translate("Cli", "DEVICE"),
        help=translate("Cli", "input device index or name (default: system default)"),
    )
    record.add_argument(
        "--input",
        type=Path,
        metavar=file_name,
        help=translate("Cli", "feed this file at real-time pace instead"),
    )
    record.add_argument(
        "--seconds",
        type=_seconds,
        metavar=translate("Cli", "SECONDS"),
        help=translate("Cli", "stop after this many seconds of audio"),
    )
    model_options(record)
    out_help = translate("Cli", "recordings folder (default: the library)")
    record.add_argument("--out", type=Path, metavar=folder, help=out_help)
    record.add_argument(
        "--json", action="store_true", help=translate("Cli", "one JSON event per line on stdout")
    )
    vocabulary_options(record)
    speakers_option(record)
    record.add_argument(
        "--also-system-audio",
        nargs="?",
        const="",
        metavar=name,
        help=translate(
            "Cli",
            'record a call: the microphone (channel 1, "You") and what the computer plays '
            '(channel 2, "Others"; default: the default output\'s sound)',
        ),
    )

    recover = command(
        "recover",
        translate(
            "Cli",
            "find recordings a crash or a lost device interrupted, repair them, transcribe them",
        ),
    )
    recover.add_argument("--out", type=Path, metavar=folder, help=out_help)
    recover.add_argument(
        "--transcribe",
        action="store_true",
        help=translate("Cli", "also write their transcripts"),
    )
    model_options(recover)

    voices = command(
        "voices",
        translate("Cli", "list the voices you named (they name speakers in later transcripts)"),
    )
    voices.add_argument("--forget", metavar=name, help=translate("Cli", "forget this voice"))

    command("devices", translate("Cli", "list input devices"))
    command("models", translate("Cli", "list models"))
    return parser


def _help_option(parser: argparse.ArgumentParser) -> None:
    """``-h``/``--help``, its own text translated (argparse adds it in English)."""
    parser.add_argument(
        "-h", "--help", action="help", help=translate("Cli", "show this help and exit")
    )


def _load_engine(args: argparse.Namespace) -> tuple[Engine, str | None]:
    from transcrevai_desktop.core.engine import Engine, EngineSettings

    engine = Engine(EngineSettings(model=args.model))
    model = engine.model()
    language = _language(args.language)
    if language and language not in model.supported_languages:
        raise UnknownLanguage(
            translate("Cli", "'{language}' is not a language this model knows.").format(
                language=language
            )
        )
    return engine, language


def _vocabulary(args: argparse.Namespace) -> tuple[str, ...]:
    """The terms of ``--vocabulary`` and ``--vocabulary-file``."""
    from transcrevai_desktop.core.vocabulary import merge_vocabularies, parse_vocabulary, too_long

    text = ""
    if args.vocabulary_file is not None:
        try:
            text = args.vocabulary_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or translate("Cli", "it is not UTF-8 text")
            raise TranscrevaiError(
                translate("Cli", "The vocabulary file {file} cannot be read: {reason}.").format(
                    file=args.vocabulary_file, reason=reason
                )
            ) from error
    terms = merge_vocabularies(parse_vocabulary(args.vocabulary), parse_vocabulary(text))
    if sentence := too_long(terms):
        _note(sentence)
    return terms


def _transcribe(args: argparse.Namespace) -> int:
    from transcrevai_desktop.core.decoding import decode_to_wav, scratch_wav
    from transcrevai_desktop.core.exporters import FORMATS, write_transcript
    from transcrevai_desktop.core.speakers import CHANNELS

    formats = [fmt.strip().lower() for fmt in args.formats.split(",") if fmt.strip()]
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        _error(translate("Cli", "unknown format {formats}").format(formats=", ".join(unknown)))
        return EXIT_USAGE
    if not formats:
        _error(
            translate("Cli", "name at least one format: {formats}").format(
                formats=",".join(FORMATS)
            )
        )
        return EXIT_USAGE
    limits = replace(DEFAULT_LIMITS, line_chars=args.max_line_chars, lines=args.max_lines)
    named: dict[str, Path] = {}
    for path in args.files:
        if (other := named.setdefault(path.stem, path)) is not path:
            _error(
                translate(
                    "Cli",
                    "{first} and {second} would both be written as {stem}.*: transcribe them "
                    "into different folders (--out).",
                ).format(first=other, second=path, stem=path.stem)
            )
            return EXIT_USAGE
    terms = _vocabulary(args)
    _writable_folder(args.out)  # before the work, not after it
    engine, language = _load_engine(args)
    failed = 0
    for path in args.files:
        try:
            with scratch_wav() as wav:  # decoded a block at a time: any length fits
                decode_to_wav(path, wav, keep_channels=args.speakers == CHANNELS)
                transcript = engine.transcribe_recording(
                    wav,
                    language,
                    progress=_progress_printer(path.name),
                    terms=terms,
                    speakers=args.speakers,
                )
            written = [
                write_transcript(transcript, args.out / f"{path.stem}.{fmt}", fmt, limits)
                for fmt in formats
            ]
        except TranscrevaiError as error:
            _file_error(path, error)
            failed += 1
            continue
        video_error = None
        if args.subtitled_video:  # a sound file's transcript is still written, and said so
            try:
                written.append(_subtitled_video(path, transcript, limits, args))
            except TranscrevaiError as error:
                video_error = error
        print(f"{path.name}: {', '.join(str(p) for p in written)}", file=sys.stderr)
        if video_error is not None:
            _file_error(path, video_error)
            failed += 1
        if not transcript.segments:  # silence, music: written all the same, and said
            _note(translate("Cli", "{file}: no speech was found in it."), file=path.name)
    return EXIT_FAILED if failed else 0


def _file_error(path: Path, error: TranscrevaiError) -> None:
    """One line on what went wrong with ``path``, named once ("transcrevai: a.wav: a.wav does
    not exist" said it twice)."""
    said = str(error)
    named = said.startswith((str(path), path.name))  # as the errors of files begin
    print(f"transcrevai: {said}" if named else f"transcrevai: {path}: {said}", file=sys.stderr)


def _writable_folder(folder: Path) -> None:
    """``folder`` made if need be; ``TranscrevaiError`` if files cannot be written in it."""
    if folder.exists() and not folder.is_dir():
        raise TranscrevaiError(
            translate("Cli", "{folder} is a file: name a folder to write in.").format(folder=folder)
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=folder).close()
    except OSError as error:
        raise TranscrevaiError(
            translate("Cli", "Could not write in {folder}: {reason}.").format(
                folder=folder, reason=error.strerror
            )
        ) from error


def _subtitled_video(
    path: Path, transcript: Transcript, limits: CueLimits, args: argparse.Namespace
) -> Path:
    """``path`` (a video) with ``transcript``'s subtitles, as ``--subtitled-video`` asks."""
    from transcrevai_desktop.core.subtitles import build_cues
    from transcrevai_desktop.core.video import burned_subtitled, soft_subtitled, subtitled_name

    burned = args.subtitled_video == "burned"
    out = args.out / subtitled_name(path, burned)
    cues = [cue.named for cue in build_cues(transcript, limits)]
    if burned:
        burning = translate("Cli", "burning")
        return burned_subtitled(path, cues, out, progress=_progress_printer(path.name, burning))
    return soft_subtitled(path, cues, out)


def _progress_printer(name: str, doing: str = "") -> Callable[[float], None]:
    doing = doing or translate("Cli", "transcribing")
    shown = [-1]

    def show(fraction: float) -> None:
        percent = int(fraction * 100)
        if percent // 10 != shown[0] // 10 or (sys.stderr.isatty() and percent != shown[0]):
            end = "\r" if sys.stderr.isatty() and percent < 100 else "\n"
            print(f"{name}: {doing} {percent}%", end=end, file=sys.stderr, flush=True)
            shown[0] = percent

    return show


def _record(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QTimer

    from transcrevai_desktop.cli_record import RecordReporter
    from transcrevai_desktop.core.session_manager import SessionManager

    app = _application()
    terms = _vocabulary(args)
    engine, language = _load_engine(args)
    manager = SessionManager(library_dir=args.out, engine=engine)
    session = manager.get_session(manager.create_session())
    assert session is not None
    reporter = RecordReporter(session, as_json=args.json)
    reporter.finished.connect(app.quit)
    system_audio = None
    if args.also_system_audio is not None:
        from transcrevai_desktop.core.devices import default_system_audio, find_input_device

        heard = args.also_system_audio
        system_audio = (find_input_device(heard) if heard else default_system_audio()).name
    session.start(
        device=args.device,
        language=language,
        input_file=args.input,
        vocabulary=terms,
        speakers=args.speakers,
        system_audio=system_audio,
    )

    def tick() -> None:  # also lets Python run the signal handler while Qt's loop waits
        if args.seconds and session.recorded_seconds >= args.seconds:
            session.stop()

    presses = 0

    def interrupt(*_: object) -> None:
        """Ctrl-C (or SIGTERM) stops the recording; the second leaves the final pass undone
        (the session is then ``interrupted``: ``recover --transcribe`` writes it later)."""
        nonlocal presses
        presses += 1
        if reporter.interrupted:
            session.close()
            session.skip_final_pass()
        reporter.interrupted = True
        session.stop()

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    ticker = QTimer()
    ticker.timeout.connect(tick)
    ticker.start(50)
    app.exec()
    engine.wait()
    if reporter.succeeded:
        return 0
    return 128 + signal.SIGINT if presses > 1 else EXIT_FAILED


def _recover(args: argparse.Namespace) -> int:
    """List the sessions whose process died while busy (they reopen as interrupted), and
    those an error ended that kept their audio (a microphone unplugged: "what was recorded
    until then is kept and can be transcribed", but ``recover`` did not list it), repair
    their .wav headers, and with ``--transcribe`` run their final passes."""
    from transcrevai_desktop.core.engine import Engine, EngineSettings
    from transcrevai_desktop.core.library import AUDIO_FILE
    from transcrevai_desktop.core.recovery import repair_wav
    from transcrevai_desktop.core.session import TRANSCRIBABLE, UNFINISHED, SessionStatus
    from transcrevai_desktop.core.session_manager import SessionManager

    _application()
    engine = Engine(EngineSettings(model=args.model))
    manager = SessionManager(library_dir=args.out, engine=engine)
    entries, problems = manager.library()
    for problem in problems:
        _note(translate("Cli", "transcrevai: skipped {problem}"), problem=problem)
    found = [
        entry
        for entry in entries
        if entry.status in UNFINISHED
        or (
            entry.status in TRANSCRIBABLE
            and (manager.library_dir / entry.id / AUDIO_FILE).is_file()
        )
    ]
    for entry in (e for e in found if e.in_use):
        _note(
            translate("Cli", "{name} ({id}) is being recorded or transcribed; left alone."),
            name=entry.name,
            id=entry.id,
        )
    found = [entry for entry in found if not entry.in_use]
    if not found:
        _note(
            translate("Cli", "No interrupted recordings in {folder}."), folder=manager.library_dir
        )
        return 0
    failed = 0
    for entry in found:
        try:
            session = manager.open_session(entry.id)  # another window may have started it
            if session is None or "audio" not in session.files:
                raise TranscrevaiError(
                    translate("Cli", "{name}: no audio was saved.").format(name=entry.name)
                )
            seconds = repair_wav(session.files["audio"])
            _note(
                translate("Cli", "{name} ({id}): {seconds} s of audio kept in {file}"),
                name=entry.name,
                id=entry.id,
                seconds=QLocale().toString(seconds, "f", 1),  # "12,5" in Portuguese
                file=session.files["audio"],
            )
            if not args.transcribe:
                continue
            try:
                session.transcribe_recording(_language(args.language))
                _until_settled(session)
            except KeyboardInterrupt:  # the recording stays as it was, for a later recover
                signal.signal(signal.SIGINT, signal.SIG_IGN)  # the pass stops at its next segment
                session.skip_final_pass()
                _until_settled(session)
                raise
            if session.status is not SessionStatus.COMPLETE:
                raise TranscrevaiError(f"{entry.name}: {session.message}")
            _note(translate("Cli", "  transcript: {file}"), file=session.files["transcript"])
        except TranscrevaiError as error:
            print(f"transcrevai: {error}", file=sys.stderr)
            failed += 1
    if not args.transcribe:
        _note(
            translate("Cli", "Run `transcrevai recover --transcribe` to write their transcripts.")
        )
    return EXIT_FAILED if failed else 0


def _until_settled(session: Session) -> None:
    """Wait, running Qt's events, while ``session`` records or transcribes, then for the
    engine's job that settled it: the status is set before it is told, and a process that
    exits in between deletes the session under the job's signal."""
    from transcrevai_desktop.core.session import BUSY

    while session.status in BUSY:
        QCoreApplication.processEvents()
        time.sleep(0.05)
    session.engine.wait()
    QCoreApplication.processEvents()


def _devices(_: argparse.Namespace) -> int:
    from transcrevai_desktop.core.devices import list_input_devices, no_input_error
    from transcrevai_desktop.core.pulse_sources import shown_device

    devices = list_input_devices()
    if not devices:
        raise no_input_error()
    for device in devices:
        mark = "*" if device.is_default else " "
        number = "   " if device.pulse_source is not None else f"{device.index:3d}"
        print(
            f"{mark}{number}  {shown_device(device.name)}  ({device.host_api}, "
            f"{device.channels} ch, {device.default_samplerate:.0f} Hz)"
        )
    return 0


def _voices(args: argparse.Namespace) -> int:
    from transcrevai_desktop.core.voice_book import VoiceBook, local_date

    book = VoiceBook()
    voices = book.voices()
    if args.forget is not None:
        if args.forget not in {voice.name for voice in voices}:
            raise TranscrevaiError(
                translate("Cli", "No voice named '{name}' is remembered.").format(name=args.forget)
            )
        book.forget(args.forget)
        _note(translate("Cli", "Forgot the voice of {name}."), name=args.forget)
        return 0
    for voice in voices:
        # Two texts, not a %n plural: pyside6-lupdate reads translate()'s count as no plural.
        if voice.recordings == 1:
            named = translate("Cli", "{name}  (named once, last {date})")
        else:
            named = translate("Cli", "{name}  (named {count} times, last {date})")
        date = local_date(voice.updated)[0]
        print(named.format(name=voice.name, count=voice.recordings, date=date))
    if not voices:
        _note(
            translate("Cli", "No voices yet ({file}): rename a speaker in a transcript."),
            file=book.path,
        )
    return 0


def _models(_: argparse.Namespace) -> int:
    from transcrevai_desktop.core.models import BUNDLED_SOURCE, list_models

    for info in list_models():
        source = translate("Cli", "bundled") if info.source == BUNDLED_SOURCE else info.source
        print(f"{info.name:28s} {source:15s} {info.status}")
    return 0


def _note(text: str, **fields: object) -> None:
    """A line on stderr: ``text`` (translated) with its ``{fields}`` filled in."""
    print(text.format(**fields), file=sys.stderr)


def _error(error: object) -> None:
    _note(translate("Cli", "transcrevai: error: {error}"), error=error)


def _application() -> QCoreApplication:
    """Qt's core application, made once for a command: the translations need one, and
    ``record``'s signals its event loop (PySide keeps it alive)."""
    return QCoreApplication.instance() or QCoreApplication([sys.argv[0]])


def _translate_commands() -> None:
    """The commands speak the interface's language."""
    from transcrevai_desktop.argparse_texts import translate_argparse
    from transcrevai_desktop.settings import Key, Settings
    from transcrevai_desktop.translations import install_translations

    _application()
    install_translations(Settings().get(Key.INTERFACE_LANGUAGE))
    translate_argparse()


def _has_display() -> bool:
    """Whether the window can open: on Linux and the BSDs an X or Wayland display is named (or
    Qt is told which platform to use); over ssh there is none, and Qt aborted the program
    with a core dump and a paragraph about platform plugins."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: list[str] | None = None) -> int:
    arguments = sys.argv[1:] if argv is None else argv
    logging.basicConfig(  # a warning is said to the user in a sentence of its own, if at all:
        level=logging.ERROR,  # "WARNING …recovery: Repairing …" doubled it, in English
        format="%(levelname)s %(name)s: %(message)s",
    )
    if set(arguments) <= WINDOW_OPTIONS:
        from transcrevai_desktop.app import run_app

        if not _has_display():
            _translate_commands()
            _error(
                translate(
                    "Cli",
                    "There is no display to open the window on (DISPLAY and WAYLAND_DISPLAY "
                    "are not set): run it on the desktop, or see transcrevai --help for the "
                    "command line.",
                )
            )
            return EXIT_USAGE

        if arguments:
            logging.getLogger("transcrevai_desktop").setLevel(logging.DEBUG)
        return run_app()
    _translate_commands()
    args = _parser().parse_args(arguments)
    if args.verbose:
        logging.getLogger("transcrevai_desktop").setLevel(logging.DEBUG)
    command = {
        "transcribe": _transcribe,
        "record": _record,
        "recover": _recover,
        "devices": _devices,
        "models": _models,
        "voices": _voices,
    }[args.command]
    try:
        return command(args)
    except (ModelMissing, UnknownLanguage) as error:
        _error(error)
        return EXIT_USAGE
    except TranscrevaiError as error:
        _error(error)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `transcrevai models | head -1`: the reader had enough
        lead_nowhere(sys.stdout)  # so that the flush at exit does not fail again
        return EXIT_FAILED
