"""The window's log file, and what happens to an exception nothing caught.

``start_logging()`` writes INFO and worse, from every logger, to a rotating file in
``log_folder()``, and a crash of the process itself (a segmentation fault) to ``crash.log``
beside it. ``install_exception_hooks(show)`` logs any exception that escapes, on any
thread (a Qt slot's included: PySide6 hands those to ``sys.excepthook`` and carries on), and
then calls ``show`` with one sentence that names the log file, on the GUI thread.
"""

from __future__ import annotations

import faulthandler
import logging
import platform
import sys
import threading
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType
from typing import TextIO

import platformdirs
from PySide6.QtCore import QObject, Qt, Signal, Slot

from transcrevai_desktop import __version__

log = logging.getLogger(__name__)

LOG_NAME = "transcrevai.log"
CRASH_NAME = "crash.log"  # what Python's faulthandler writes when the process itself dies
MAX_BYTES = 1_000_000  # a file; then transcrevai.log.1 ... .5, the oldest dropped
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s [%(threadName)s] %(name)s: %(message)s"
_MESSAGE_CHARS = 200  # of the exception's own text, in the sentence shown

_handler: RotatingFileHandler | None = None
_crash_file: TextIO | None = None
_hooks: ExceptionHooks | None = None


def log_folder() -> Path:
    """Where the log files are: the user's log folder for the app (on Linux
    ``~/.local/state/transcrevai-desktop/log``, or under ``$XDG_STATE_HOME``)."""
    return Path(platformdirs.user_log_dir("transcrevai-desktop"))


def start_logging(
    folder: Path | None = None, *, max_bytes: int = MAX_BYTES, backups: int = BACKUPS
) -> Path:
    """Log INFO and worse, from every logger, to ``folder / LOG_NAME`` (default
    ``log_folder()``), rotated past ``max_bytes`` keeping ``backups`` old files; the file's path.

    Idempotent: once started, later calls return the same path and change nothing. Handlers
    already on the root logger keep showing what they showed before (the root logger's level
    drops to INFO for the file). Raises OSError when the folder cannot be written.
    """
    global _handler
    root = logging.getLogger()
    if _handler is not None and _handler in root.handlers:
        return Path(_handler.baseFilename)
    path = (folder or log_folder()) / LOG_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = RotatingFileHandler(path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8")
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter(FORMAT))
    if root.getEffectiveLevel() > logging.INFO:
        # A terminal's handler keeps its level: what the root allowed, or what a more verbose
        # ``transcrevai_desktop`` logger (``--verbose``) allows.
        shown = min(root.level, logging.getLogger("transcrevai_desktop").getEffectiveLevel())
        for existing in root.handlers:
            if existing.level == logging.NOTSET:
                existing.setLevel(shown)
        root.setLevel(logging.INFO)
    root.addHandler(handler)
    _handler = handler
    _record_crashes(path.parent / CRASH_NAME)
    log.info(
        "TranscrevAI Desktop %s on Python %s, logging to %s",
        __version__,
        platform.python_version(),
        path,
    )
    return path


def _record_crashes(path: Path) -> None:
    """A crash no Python code sees (a segmentation fault in the audio or model libraries)
    leaves every thread's stack in ``path``, appended, beside the log."""
    global _crash_file
    _crash_file = open(path, "a", encoding="utf-8")  # noqa: SIM115  (open while the app runs)
    faulthandler.enable(_crash_file, all_threads=True)


def stop_logging() -> None:
    """Close the log files ``start_logging`` opened (at exit, or between tests); crashes are
    reported on the terminal again."""
    global _handler, _crash_file
    if _handler is not None:
        logging.getLogger().removeHandler(_handler)
        _handler.close()
        _handler = None
    if _crash_file is not None:
        faulthandler.enable(sys.__stderr__ or sys.stderr, all_threads=True)
        _crash_file.close()
        _crash_file = None


class ExceptionHooks(QObject):
    """``sys.excepthook`` and ``threading.excepthook`` that log an exception and show it.

    Created on the GUI thread, it lives there: a hook running on another thread only logs and
    emits ``escaped``, and ``show`` runs later on the GUI thread (a queued call), so it may
    open a dialog. While ``show`` runs (a modal dialog), further exceptions are only logged.
    """

    escaped = Signal(str)  # the sentence for the user; from whichever thread it happened on

    def __init__(self, show: Callable[[str], None], log_path: Path | None) -> None:
        super().__init__()
        self._show = show
        self.log_path = log_path
        self._showing = False
        self._previous = (sys.excepthook, threading.excepthook)
        self.escaped.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        """Become ``sys.excepthook`` and ``threading.excepthook``."""
        sys.excepthook = self._sys_hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        """Put back the hooks that were there before."""
        if sys.excepthook == self._sys_hook:
            sys.excepthook = self._previous[0]
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous[1]

    def message(self, kind: type[BaseException], error: BaseException | None) -> str:
        """The sentence shown for an exception of type ``kind``."""
        text = " ".join(str(error or "").split())
        if len(text) > _MESSAGE_CHARS:
            text = text[: _MESSAGE_CHARS - 1] + "…"
        what = f"{kind.__name__}: {text}" if text else kind.__name__
        if self.log_path is None:
            return self.tr(
                "Something went wrong ({what}); TranscrevAI carries on, with no log file."
            ).format(what=what)
        return self.tr(
            "Something went wrong ({what}); TranscrevAI carries on, and the details are in {log}."
        ).format(what=what, log=self.log_path)

    def _report(
        self,
        kind: type[BaseException],
        error: BaseException | None,
        trace: TracebackType | None,
        thread: str,
    ) -> None:
        try:
            if error is None:  # a thread's hook may be given the type alone
                log.error("Uncaught %s in thread %s", kind.__name__, thread)
            else:
                log.error("Uncaught exception in thread %s", thread, exc_info=(kind, error, trace))
            self.escaped.emit(self.message(kind, error))
        except RuntimeError:  # this object is already deleted: the app is closing
            pass

    def _sys_hook(
        self, kind: type[BaseException], error: BaseException, trace: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous[0](kind, error, trace)
            return
        self._report(kind, error, trace, threading.current_thread().name)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, SystemExit):  # a thread's normal way out, as Python has it
            return
        name = args.thread.name if args.thread is not None else threading.current_thread().name
        self._report(args.exc_type, args.exc_value, args.exc_traceback, name)

    @Slot(str)
    def _deliver(self, message: str) -> None:
        if self._showing:
            return
        self._showing = True
        try:
            self._show(message)
        except Exception:
            log.exception("Could not show an uncaught exception to the user")
        finally:
            self._showing = False


def install_exception_hooks(show: Callable[[str], None]) -> ExceptionHooks:
    """Log every exception nothing caught (with its traceback, in the log file) and then
    call ``show(sentence)`` on the GUI thread; the sentence names the log file.

    Call it on the GUI thread (it creates a QObject there). Starts logging if not yet started
    (when the log folder cannot be written, the hooks still show, saying so). Installing again
    replaces the previous hooks; the module keeps the returned object alive.
    """
    global _hooks
    if _hooks is not None:
        _hooks.uninstall()
    try:
        path: Path | None = start_logging()
    except OSError as error:
        log.warning("No log file: %s", error)
        path = None
    _hooks = ExceptionHooks(show, path)
    _hooks.install()
    return _hooks
