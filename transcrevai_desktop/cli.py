"""``transcrevai``: the window (no arguments) and the headless commands over the same core.

transcrevai transcribe FILE... [--language auto|pt|en|...] [--model NAME|PATH] [--out DIR]
                               [--formats txt,srt,vtt,json]
transcrevai record [--device ID|NAME] [--input FILE] [--seconds N] [--language ...]
                   [--model ...] [--out DIR] [--json]
transcrevai devices
transcrevai models

Errors are one line on stderr, never a traceback. Exit status: 0 success, 1 some file or the
recording failed, 2 bad usage or no model.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from transcrevai_desktop import __version__
from transcrevai_desktop.core.errors import ModelMissing, TranscrevaiError

log = logging.getLogger("transcrevai")

EXIT_FAILED = 1
EXIT_USAGE = 2


def _language(value: str) -> str | None:
    return None if value in ("", "auto") else value.lower()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="transcrevai", description="Local live transcription with Whisper (no cloud)."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log what happens, every live pass included"
    )
    commands = parser.add_subparsers(dest="command")

    def model_options(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--language", default="auto", help="language code (pt, en, ...) or auto (default)"
        )
        command.add_argument(
            "--model", default="base", help="bundled 'base' (default), a model folder or a name"
        )

    transcribe = commands.add_parser("transcribe", help="transcribe audio or video files")
    transcribe.add_argument("files", nargs="+", type=Path, metavar="FILE")
    model_options(transcribe)
    transcribe.add_argument("--out", type=Path, default=Path("."), help="output folder")
    transcribe.add_argument(
        "--formats", default="txt,srt", help="comma-separated: txt,srt,vtt,json (default txt,srt)"
    )

    record = commands.add_parser("record", help="record with live captions, then transcribe")
    record.add_argument("--device", help="input device index or name (default: system default)")
    record.add_argument("--input", type=Path, help="feed this file at real-time pace instead")
    record.add_argument("--seconds", type=float, help="stop after this many seconds of audio")
    model_options(record)
    record.add_argument("--out", type=Path, help="recordings folder (default: the library)")
    record.add_argument("--json", action="store_true", help="one JSON event per line on stdout")

    commands.add_parser("devices", help="list input devices")
    commands.add_parser("models", help="list models")
    return parser


def _load_engine(args: argparse.Namespace):
    from transcrevai_desktop.core.engine import Engine, EngineSettings

    engine = Engine(EngineSettings(model=args.model))
    model = engine.model()
    language = _language(args.language)
    if language and language not in model.supported_languages:
        raise TranscrevaiError(f"'{language}' is not a language this model knows.")
    return engine, language


def _transcribe(args: argparse.Namespace) -> int:
    from transcrevai_desktop.core.capture import decode_file
    from transcrevai_desktop.core.exporters import FORMATS, write_transcript

    formats = [fmt.strip().lower() for fmt in args.formats.split(",") if fmt.strip()]
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown or not formats:
        print(f"transcrevai: error: unknown format {', '.join(unknown)}", file=sys.stderr)
        return EXIT_USAGE
    engine, language = _load_engine(args)
    failed = 0
    for path in args.files:
        try:
            audio = decode_file(path)
            transcript = engine.transcribe(audio, language, progress=_progress_printer(path.name))
            written = [
                write_transcript(transcript, args.out / f"{path.stem}.{fmt}", fmt)
                for fmt in formats
            ]
        except TranscrevaiError as error:
            print(f"transcrevai: {path}: {error}", file=sys.stderr)
            failed += 1
            continue
        print(f"{path.name}: {', '.join(str(p) for p in written)}", file=sys.stderr)
    return EXIT_FAILED if failed else 0


def _progress_printer(name: str):
    shown = [-1]

    def show(fraction: float) -> None:
        percent = int(fraction * 100)
        if percent // 10 != shown[0] // 10 or (sys.stderr.isatty() and percent != shown[0]):
            end = "\r" if sys.stderr.isatty() and percent < 100 else "\n"
            print(f"{name}: transcribing {percent}%", end=end, file=sys.stderr, flush=True)
            shown[0] = percent

    return show


def _record(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer

    from transcrevai_desktop.cli_record import RecordReporter
    from transcrevai_desktop.core.session_manager import SessionManager

    app = QCoreApplication.instance() or QCoreApplication([])
    engine, language = _load_engine(args)
    manager = SessionManager(library_dir=args.out, engine=engine)
    session = manager.get_session(manager.create_session())
    assert session is not None
    reporter = RecordReporter(session, as_json=args.json)
    reporter.finished.connect(app.quit)
    session.start(device=args.device, language=language, input_file=args.input)

    def tick() -> None:  # also lets Python run the signal handler while Qt's loop waits
        if args.seconds and session.recorded_seconds >= args.seconds:
            session.stop()

    def interrupt(*_: object) -> None:
        if reporter.interrupted:
            session.close()
            app.quit()
        reporter.interrupted = True
        session.stop()

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)
    ticker = QTimer()
    ticker.timeout.connect(tick)
    ticker.start(50)
    app.exec()
    engine.wait()
    return 0 if reporter.succeeded else EXIT_FAILED


def _devices(_: argparse.Namespace) -> int:
    from transcrevai_desktop.core.devices import list_input_devices

    for device in list_input_devices():
        mark = "*" if device.is_default else " "
        print(
            f"{mark}{device.index:3d}  {device.name}  ({device.host_api}, "
            f"{device.channels} ch, {device.default_samplerate:.0f} Hz)"
        )
    return 0


def _models(_: argparse.Namespace) -> int:
    from transcrevai_desktop.core.models import list_models

    for info in list_models():
        print(f"{info.name:28s} {info.source:15s} {info.status}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.verbose:
        logging.getLogger("transcrevai_desktop").setLevel(logging.DEBUG)
    if args.command is None:
        from transcrevai_desktop.app import run_app

        return run_app()
    command = {
        "transcribe": _transcribe,
        "record": _record,
        "devices": _devices,
        "models": _models,
    }[args.command]
    try:
        return command(args)
    except ModelMissing as error:
        print(f"transcrevai: error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except TranscrevaiError as error:
        print(f"transcrevai: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130
