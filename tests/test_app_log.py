"""The log file and the exception hooks (transcrevai_desktop/app_log.py): records reach the
file and rotate; an exception that escapes, from a thread, a Qt slot or sys.excepthook, is
logged with its traceback and shown, on the GUI thread, with the log file's path."""

from __future__ import annotations

import faulthandler
import logging
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from _pytest.faulthandler import fault_handler_stderr_fd_key

from transcrevai_desktop import app_log

UNCAUGHT = "^Uncaught exception in thread "  # what the hooks log (tests/conftest.py: logs marker)


@pytest.fixture
def log_file(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """Logging started into ``tmp_path``; the root logger and pytest's crash report as they
    were, afterwards."""
    root = logging.getLogger()
    level, handlers = root.level, [(h, h.level) for h in root.handlers]
    yield app_log.start_logging(tmp_path)
    app_log.stop_logging()
    # stop_logging reports crashes on fd 2, which pytest captures while a test runs: a later
    # test's segmentation fault would be reported nowhere. pytest's copy of stderr, again.
    faulthandler.enable(request.config.stash[fault_handler_stderr_fd_key], all_threads=True)
    root.setLevel(level)
    for handler, handler_level in handlers:
        handler.setLevel(handler_level)


@pytest.fixture
def shown(log_file: Path, qtbot) -> Iterator[list[tuple[str, str]]]:
    """The hooks installed; what they showed, with the thread each message was shown on."""
    messages: list[tuple[str, str]] = []
    hooks = app_log.install_exception_hooks(
        lambda message: messages.append((message, threading.current_thread().name))
    )
    yield messages
    hooks.uninstall()


def test_log_folder_is_the_users_state_folder(monkeypatch, tmp_path: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("XDG folders are Linux's")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    assert app_log.log_folder() == tmp_path / "transcrevai-desktop" / "log"


def test_a_record_reaches_the_file_with_time_and_thread(log_file: Path) -> None:
    logging.getLogger("transcrevai_desktop.core.session").info("Session %s: ready", "s1")
    text = log_file.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "Session s1: ready" in line)
    assert line.startswith("20") and " INFO [MainThread] transcrevai_desktop.core.session: " in line
    logging.getLogger("transcrevai_desktop").debug("not at INFO")
    assert "not at INFO" not in log_file.read_text(encoding="utf-8")


def test_starting_again_changes_nothing(log_file: Path, tmp_path: Path) -> None:
    assert app_log.start_logging(tmp_path / "elsewhere") == log_file
    ours = [h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None)]
    assert [h.baseFilename for h in ours].count(str(log_file)) == 1
    assert not (tmp_path / "elsewhere").exists()


def test_a_terminal_handler_keeps_showing_only_warnings(log_file: Path) -> None:
    """The root's handlers from before (the CLI's stderr) do not start printing INFO lines."""
    app_log.stop_logging()
    root = logging.getLogger()
    terminal = logging.StreamHandler()
    root.addHandler(terminal)
    root.setLevel(logging.WARNING)
    try:
        app_log.start_logging(log_file.parent)
        assert terminal.level == logging.WARNING
        assert root.level == logging.INFO
    finally:
        root.removeHandler(terminal)


def test_the_file_rotates(tmp_path: Path, log_file: Path) -> None:
    app_log.stop_logging()
    path = app_log.start_logging(tmp_path / "small", max_bytes=2_000, backups=2)
    words = logging.getLogger("transcrevai_desktop.test")
    for n in range(100):
        words.info("line %03d %s", n, "x" * 80)
    logs = sorted(path.parent.glob(f"{app_log.LOG_NAME}*"))
    assert [p.name for p in logs] == ["transcrevai.log", "transcrevai.log.1", "transcrevai.log.2"]
    assert all(p.stat().st_size <= 2_000 for p in logs)
    assert "line 099" in path.read_text(encoding="utf-8")  # the newest lines are in the file


@pytest.mark.logs(UNCAUGHT)
def test_exception_in_a_thread_is_logged_and_shown_on_the_gui_thread(
    log_file: Path, shown: list[tuple[str, str]], qtbot
) -> None:
    def work() -> None:
        raise ValueError("the microphone vanished")

    worker = threading.Thread(target=work, name="capture-worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    message, thread = shown[0]
    assert thread == threading.main_thread().name  # marshalled: a widget may be shown
    assert "ValueError: the microphone vanished" in message and str(log_file) in message
    text = log_file.read_text(encoding="utf-8")
    assert "ERROR [capture-worker] transcrevai_desktop.app_log: Uncaught exception in" in text
    assert "Traceback (most recent call last)" in text and 'raise ValueError("the mic' in text


@pytest.mark.logs(UNCAUGHT)
def test_exception_through_sys_excepthook_is_logged_and_shown(
    log_file: Path, shown: list[tuple[str, str]], qtbot
) -> None:
    try:
        {}["missing key"]
    except KeyError:
        sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    assert shown[0][0] == (
        "Something went wrong (KeyError: 'missing key'); TranscrevAI carries on, and the details "
        f"are in {log_file}."
    )
    text = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text and "KeyError: 'missing key'" in text


@pytest.mark.logs(UNCAUGHT)
def test_the_app_keeps_running_after_an_exception_in_a_slot(
    log_file: Path, shown: list[tuple[str, str]], qtbot
) -> None:
    from PySide6.QtCore import QTimer

    ran: list[str] = []

    def broken_slot() -> None:
        raise RuntimeError("a slot failed")

    QTimer.singleShot(0, broken_slot)
    QTimer.singleShot(20, lambda: ran.append("later"))
    qtbot.waitUntil(lambda: bool(shown) and bool(ran), timeout=5_000)
    assert "RuntimeError: a slot failed" in shown[0][0]
    assert "RuntimeError: a slot failed" in log_file.read_text(encoding="utf-8")


@pytest.mark.logs(UNCAUGHT)
def test_exceptions_while_one_is_shown_are_only_logged(log_file: Path, qtbot) -> None:
    """A modal dialog's own event loop must not stack a dialog per repeated exception."""
    messages: list[str] = []

    def show(message: str) -> None:  # as a modal dialog would: events run while it is open
        messages.append(message)
        if len(messages) == 1:
            sys.excepthook(OSError, OSError("again"), None)
            qtbot.wait(50)

    hooks = app_log.install_exception_hooks(show)
    try:
        sys.excepthook(OSError, OSError("first"), None)
        qtbot.waitUntil(lambda: bool(messages), timeout=5_000)
        qtbot.wait(50)
    finally:
        hooks.uninstall()
    assert len(messages) == 1 and "OSError: first" in messages[0]
    assert "OSError: again" in log_file.read_text(encoding="utf-8")


def test_uninstall_restores_the_previous_hooks(log_file: Path, qtbot) -> None:
    before = (sys.excepthook, threading.excepthook)
    hooks = app_log.install_exception_hooks(lambda message: None)
    assert sys.excepthook != before[0] and threading.excepthook != before[1]
    hooks.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


@pytest.mark.logs("^No log file: ", UNCAUGHT)
def test_without_a_log_file_the_hooks_still_show(monkeypatch, qtbot) -> None:
    def unwritable(*args: object, **kwargs: object) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(app_log, "start_logging", unwritable)
    messages: list[str] = []
    hooks = app_log.install_exception_hooks(messages.append)
    try:
        sys.excepthook(ValueError, ValueError("bad"), None)
        qtbot.waitUntil(lambda: bool(messages), timeout=5_000)
    finally:
        hooks.uninstall()
    assert messages == [
        "Something went wrong (ValueError: bad); TranscrevAI carries on, with no log file."
    ]


def test_a_crash_of_the_process_itself_leaves_its_stacks_beside_the_log(tmp_path: Path):
    """A segmentation fault (no Python exception: the hooks never run) is in crash.log."""
    crash = (
        "import ctypes, pathlib, sys\n"
        "from transcrevai_desktop.app_log import start_logging\n"
        "start_logging(pathlib.Path(sys.argv[1]))\n"
        "ctypes.string_at(0)\n"
    )
    died = subprocess.run([sys.executable, "-c", crash, str(tmp_path)], capture_output=True)
    assert died.returncode < 0, died.stderr  # killed by the signal
    report = (tmp_path / app_log.CRASH_NAME).read_text()
    assert "Fatal Python error: Segmentation fault" in report
    assert "<module>" in report  # the stack of the thread that crashed
