"""Shared fixtures: a private PulseAudio server with a virtual microphone, real speech, the model.

The PulseAudio server is started before any test module imports sounddevice (PortAudio lists
devices once, when it starts): a null sink ``vmic_sink`` ("Virtual speaker") whose monitor is
remapped into a source ``vmic`` ("Virtual microphone"), both set as defaults. ``paplay`` into the
sink is heard by the "Virtual microphone" input (PortAudio's ``pulse`` device with
``PULSE_SOURCE=vmic``). Without ``pulseaudio`` installed the microphone tests skip, unless
``TRANSCREVAI_REQUIRE_MIC=1`` (set by scripts/test.sh and CI), where they fail.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import psutil
import pytest
import shiboken6
from PySide6.QtCore import QObject, QPoint, QPointF, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from benchmarks.wer import wer  # noqa: F401  (the tests import it from here)
from tests.fake_hub import base_loaded, cache, hub  # noqa: F401  (fixtures of the model tests)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_SANDBOX = Path(tempfile.mkdtemp(prefix="transcrevai-tests-"))
os.environ["XDG_DATA_HOME"] = str(_SANDBOX / "data")  # never the user's real library
os.environ["XDG_CONFIG_HOME"] = str(_SANDBOX / "config")
os.environ["HF_ENDPOINT"] = "http://127.0.0.1:9"  # no model hub: a refused connection, at once

REPO = Path(__file__).resolve().parent.parent
SHARED_SPEECH = REPO.parent / "shared" / "speech"
LOCAL_SPEECH = Path(__file__).resolve().parent / "data"
MIC_DEVICE = "Virtual microphone"  # the source vmic, as the server describes it
_PULSE: dict[str, object] = {}


def _start_pulseaudio() -> str | None:
    """Start a private PulseAudio server; return why not, or None when it runs."""
    if not shutil.which("pulseaudio") or not shutil.which("pactl"):
        return "pulseaudio/pactl are not installed"
    runtime = _SANDBOX / "pulse"
    runtime.mkdir(mode=0o700)
    socket = runtime / "native"
    env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime), "PULSE_RUNTIME_PATH": str(runtime)}
    log = open(_SANDBOX / "pulse.log", "wb")  # noqa: SIM115 (the server keeps it open)
    process = subprocess.Popen(
        [
            # no shared memory: a client killed mid-playback made the server abort in
            # memblock_replace_import (PulseAudio's own assertion) and fail every later test
            "pulseaudio", "--daemonize=no", "--exit-idle-time=-1", "--disallow-exit", "-n",
            "--disable-shm=yes",
            f"--load=module-native-protocol-unix socket={socket} auth-anonymous=1",
            "--log-target=stderr",
        ],
        env=env, stdout=subprocess.DEVNULL, stderr=log,
    )  # fmt: skip
    os.environ["PULSE_SERVER"] = f"unix:{socket}"
    for _ in range(100):
        if subprocess.run(["pactl", "info"], capture_output=True).returncode == 0:
            break
        time.sleep(0.1)
    else:
        process.kill()
        return "PulseAudio did not start: " + (_SANDBOX / "pulse.log").read_text()[-500:]
    for command in (
        ["load-module", "module-null-sink", "sink_name=vmic_sink", "rate=16000", "channels=1",
         "sink_properties=\"device.description='Virtual speaker'\""],
        ["load-module", "module-remap-source", "master=vmic_sink.monitor", "source_name=vmic",
         "source_properties=\"device.description='Virtual microphone'\""],
        ["set-default-sink", "vmic_sink"],
        ["set-default-source", "vmic"],
    ):  # fmt: skip
        subprocess.run(["pactl", *command], check=True, capture_output=True)
    _PULSE["process"] = process
    return None


def pytest_configure(config: pytest.Config) -> None:
    _PULSE["skip_reason"] = _start_pulseaudio()
    config.addinivalue_line(
        "markers",
        "logs(*patterns): the test expects log records (WARNING or worse) whose message "
        "matches one of these regular expressions",
    )


class _Records(logging.Handler):
    """Every record of WARNING or worse, from any thread."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def no_logged_errors(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a test during which the code logs an error or a warning it did not expect (the
    code logs some failures and goes on, which would otherwise pass unseen). A test that
    expects some says so: ``@pytest.mark.logs("pattern", ...)``."""
    records = _Records()
    logging.getLogger().addHandler(records)
    try:
        yield
    finally:
        logging.getLogger().removeHandler(records)
    expected = [p for mark in request.node.iter_markers("logs") for p in mark.args]
    unexpected = [
        f"{r.levelname} {r.name}: {r.getMessage()}"
        for r in records.records
        if not any(re.search(pattern, r.getMessage()) for pattern in expected)
    ]
    if unexpected:
        pytest.fail("logged during the test:\n" + "\n".join(unexpected), pytrace=False)


def _pulse_log() -> str:
    """The end of what the tests' PulseAudio server logged."""
    return (_SANDBOX / "pulse.log").read_text(errors="replace")[-3000:]


def pytest_unconfigure(config: pytest.Config) -> None:
    process = _PULSE.get("process")
    if process is not None:
        if process.poll() is not None:  # it died under the tests: say how, for the next run
            sys.stderr.write(
                f"\nThe tests' PulseAudio server exited ({process.returncode}):\n{_pulse_log()}\n"
            )
        process.terminate()
        process.wait(timeout=10)
    shutil.rmtree(_SANDBOX, ignore_errors=True)


@dataclass(frozen=True)
class Clip:
    path: Path
    reference: str
    language: str


def speech(name: str) -> Clip:
    """A clip from ../shared/speech (or the tiny copy in tests/data) with its reference text."""
    for folder in (SHARED_SPEECH, LOCAL_SPEECH):
        matches = sorted(p for p in folder.glob(f"{name}.*") if p.suffix != ".txt")
        if matches:
            reference = (folder / f"{name}.txt").read_text(encoding="utf-8")
            return Clip(matches[0], reference, "pt" if name.startswith("pt") else "en")
    missing = f"speech clip {name} is not available (../shared/speech is absent)"
    if os.environ.get("TRANSCREVAI_REQUIRE_SPEECH") == "1":  # CI: never pass by skipping
        pytest.fail(missing)
    pytest.skip(missing)


def pactl(*args: str) -> str:
    """Run ``pactl`` against the tests' server; its output."""
    return subprocess.run(["pactl", *args], check=True, capture_output=True, text=True).stdout


def transcrevai(
    *args: str, timeout: float = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    """Run the ``transcrevai`` command line (as ``python -m``) to its end; ``env``: variables
    that differ from the tests' (a locale)."""
    command = [sys.executable, "-m", "transcrevai_desktop", *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})}
    )


def rss_mib() -> float:
    """The process's resident memory, MiB."""
    return psutil.Process().memory_info().rss / 2**20


def on_every_worker(work: Callable[[], object]) -> None:
    """Run ``work`` once on each model worker, all at once. Each worker keeps the buffers of
    its first decode of a kind (about 200 MiB for a final pass): a test that measures memory
    warms them first, so none lands inside what it measures."""
    from transcrevai_desktop.core.models import MODEL_WORKERS

    with ThreadPoolExecutor(MODEL_WORKERS) as pool:
        list(pool.map(lambda _: work(), range(MODEL_WORKERS)))


def live_rss_mib() -> float:
    """The process's RSS once the C library has handed back the free memory it caches: memory
    in use, not the free buffers of busy threads' arenas."""
    from transcrevai_desktop.core.memory import release_free_memory

    release_free_memory()
    return rss_mib()


class VirtualMic:
    """The PulseAudio virtual microphone: what ``play`` plays, PortAudio's ``pulse`` hears."""

    device = MIC_DEVICE

    def play(self, clip: Path, sink: str = "vmic_sink", volume: float = 1.0) -> subprocess.Popen:
        """Play ``clip`` into the microphone, or into another ``sink`` of the server (as 16-bit
        WAV: paplay cuts some FLAC files short), at ``volume`` (1: as recorded)."""
        import soundfile

        from transcrevai_desktop.core.decoding import decode_file

        wav = _SANDBOX / f"{clip.stem}.play.wav"
        if not wav.exists():
            soundfile.write(wav, decode_file(clip), 16000, subtype="PCM_16")
        loudness = f"--volume={round(volume * 65536)}"
        return subprocess.Popen(["paplay", f"--device={sink}", loudness, str(wav)])

    def wait(self, qtbot, playing: subprocess.Popen, timeout: float = 60.0) -> None:
        """Let Qt run until ``playing`` (from ``play``) has ended. In one CI run an 11 s clip
        had not ended after 30 s, with nothing to say why: a playback that does not end fails
        with what the server was playing, the machine's load and the server's log."""
        try:
            qtbot.waitUntil(lambda: playing.poll() is not None, timeout=int(timeout * 1000))
        except qtbot.TimeoutError:
            playing.kill()
            state = subprocess.run(
                ["pactl", "list", "short", "sink-inputs"],
                capture_output=True,
                text=True,
                timeout=10,
            )
            pytest.fail(
                f"paplay had not ended after {timeout:.0f} s; load {os.getloadavg()}; "
                f"playing: {state.stdout or state.stderr}\nserver log:\n{_pulse_log()}"
            )


@pytest.fixture(scope="session")
def virtual_mic() -> VirtualMic:
    reason = _PULSE.get("skip_reason")
    if reason:
        if os.environ.get("TRANSCREVAI_REQUIRE_MIC") == "1":
            pytest.fail(f"The virtual microphone is required but unavailable: {reason}")
        pytest.skip(str(reason))
    return VirtualMic()


@pytest.fixture(scope="session")
def engine():
    """One engine and one loaded model for the whole test run, as in the app."""
    from transcrevai_desktop.core.engine import Engine

    shared = Engine()
    shared.model()
    yield shared
    shared.wait()


@pytest.fixture(scope="session", autouse=True)
def english(qapp):
    """The interface in English, as on an English system: its plural forms ("1 recording")."""
    from transcrevai_desktop.translations import install_translations

    install_translations("en")


@pytest.fixture
def portuguese(qapp):
    """The interface in Brazilian Portuguese for one test (build the window after it)."""
    from transcrevai_desktop.translations import install_translations

    install_translations("pt_BR")
    yield
    install_translations("en")


@pytest.fixture(autouse=True)
def forget_voices():
    """Each test starts with no remembered voices (a voice named in one test would name a
    speaker in the next: they share the sandbox's user data folder)."""
    from transcrevai_desktop.core.voice_book import default_voices_path

    default_voices_path().unlink(missing_ok=True)
    yield
    default_voices_path().unlink(missing_ok=True)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return tmp_path / "library"


@pytest.fixture
def manager(library: Path, engine):
    """A SessionManager on the shared engine. At teardown its sessions are discarded, so a test
    that fails mid-way leaves no capture or final pass running into the next test."""
    from transcrevai_desktop.core.session_manager import SessionManager

    sessions = SessionManager(library_dir=library, engine=engine)
    yield sessions
    for session_id in sessions.get_all_session_ids():
        if session := sessions.get_session(session_id):
            session.discard()


@pytest.fixture
def window(qtbot, engine, library):
    """The real main window over the shared engine, Preferences at their defaults."""
    from transcrevai_desktop.core.session import BUSY
    from transcrevai_desktop.core.session_manager import SessionManager
    from transcrevai_desktop.settings import Settings
    from transcrevai_desktop.ui.main_window import MainWindow

    settings = Settings()
    settings.reset()
    shown = MainWindow(SessionManager(library_dir=library, engine=engine), settings)
    shown.show()
    shown.model_state.emit(True, "")
    yield shown
    for session in shown.manager.held_sessions():  # a closed tab's too: quitting would ask
        session.close()  # a failed test must not leave a microphone recording
    qtbot.waitUntil(lambda: not any(s.status in BUSY for s in shown.manager.held_sessions()))
    shown.close()
    shown.deleteLater()


class FileManager(QObject):
    """Stands in for the desktop's file manager: records the folders it is asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


@pytest.fixture
def file_manager() -> Iterator[FileManager]:
    manager = FileManager()
    QDesktopServices.setUrlHandler("file", manager, "open")
    yield manager
    QDesktopServices.unsetUrlHandler("file")


class HeldWork:
    """Work on another thread that starts, then waits to be released: a long library scan, a
    big model loading."""

    def __init__(self) -> None:
        self.started, self.released = threading.Event(), threading.Event()

    def __call__(self, *_: object) -> None:
        self.started.set()
        self.released.wait(5)

    def outlive(self, window: QObject, qtbot) -> None:
        """Delete ``window`` while the work runs, releasing it 0.3 s into the deletion; then
        let what the work sent arrive."""
        assert self.started.wait(5)
        threading.Timer(0.3, self.released.set).start()
        shiboken6.delete(window)
        assert self.released.is_set(), "the deletion did not wait for the work"
        qtbot.wait(100)


def race(workers: list, background, timeout: float = 120.0) -> list[BaseException]:
    """Start ``workers`` and ``background(stop)`` together; stop it when the workers end.

    Returns the exceptions raised in any thread; fails if a thread is still alive at the end.
    """
    errors: list[BaseException] = []
    errors_lock = threading.Lock()
    barrier = threading.Barrier(len(workers) + 1)
    stop = threading.Event()
    remaining = [len(workers)]

    def record(error: BaseException) -> None:
        with errors_lock:
            errors.append(error)

    def run_worker(work) -> None:
        try:
            barrier.wait(timeout=30)
            work()
        except BaseException as error:
            record(error)
        finally:
            with errors_lock:
                remaining[0] -= 1
                if remaining[0] == 0:
                    stop.set()

    def run_background() -> None:
        try:
            barrier.wait(timeout=30)
            background(stop)
        except BaseException as error:
            record(error)

    threads = [threading.Thread(target=run_worker, args=(w,), daemon=True) for w in workers]
    threads.append(threading.Thread(target=run_background, daemon=True))
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    stop.set()
    alive = [thread.name for thread in threads if thread.is_alive()]
    assert not alive, f"threads still running after {timeout} s (deadlock?): {alive}"
    return errors


# -- playback, heard -----------------------------------------------------------------------------
PLAYBACK_SINK = "playback_test"
PLAYBACK_RATE = 16_000


class SinkMonitor:
    """What the test sink plays, recorded from its monitor as it arrives."""

    def __init__(self) -> None:
        import sounddevice

        from transcrevai_desktop.core.pulse_sources import PULSE_DEVICE, source_env

        self._blocks: list[tuple[float, np.ndarray]] = []  # (arrival, samples)
        with source_env(f"{PLAYBACK_SINK}.monitor"):
            self._stream = sounddevice.InputStream(
                device=PULSE_DEVICE,
                samplerate=PLAYBACK_RATE,
                channels=1,
                dtype="float32",
                callback=self._arrived,
            )
        self._stream.start()

    def _arrived(self, indata: np.ndarray, frames: int, timing: object, status: object) -> None:
        self._blocks.append((time.monotonic(), indata[:, 0].copy()))

    def since(self, moment: float, until: float = float("inf")) -> np.ndarray:
        """The sound that arrived after ``moment`` (``time.monotonic``) and before ``until``."""
        blocks = [samples for arrival, samples in list(self._blocks) if moment < arrival < until]
        return np.concatenate(blocks) if blocks else np.zeros(0, np.float32)

    def close(self) -> None:
        self._stream.abort()
        self._stream.close()


@pytest.fixture(scope="module")
def monitor(virtual_mic) -> Iterator[SinkMonitor]:
    """The null sink ``PLAYBACK_SINK``, its monitor recorded throughout. A null sink renders
    two seconds ahead until a client asks for less (a player's position would stall): the
    recording runs from the start, and the tests begin once it delivers in real time."""
    module = pactl(
        "load-module",
        "module-null-sink",
        f"sink_name={PLAYBACK_SINK}",
        f"rate={PLAYBACK_RATE}",
        "channels=1",
    ).strip()
    heard = SinkMonitor()
    deadline = time.monotonic() + 5.0
    while len(heard.since(time.monotonic() - 0.5)) < 0.4 * PLAYBACK_RATE:  # 0.4 s in the last 0.5 s
        assert time.monotonic() < deadline, "the sink's monitor does not deliver"
        time.sleep(0.1)
    yield heard
    heard.close()
    pactl("unload-module", module)


def correlation(piece: np.ndarray, whole: np.ndarray) -> np.ndarray:
    from scipy import signal

    """Normalised cross-correlation of ``piece`` at every offset in ``whole`` (1: identical)."""
    products = signal.correlate(whole, piece, mode="valid", method="fft")
    window = np.ones(len(piece))
    energy = signal.correlate(whole**2, window, mode="valid", method="fft").clip(1e-12)
    return products / (np.sqrt(energy) * np.linalg.norm(piece))


def sounding(audio: np.ndarray) -> tuple[int, int]:
    """First and last non-zero samples: where the sink's silence ends and starts again."""
    loud = np.flatnonzero(audio)
    assert loud.size, "nothing was heard"
    return int(loud[0]), int(loud[-1])


def ctrl_wheel(widget: QWidget, delta: int) -> None:
    """The mouse wheel turned over ``widget`` with Ctrl held (120: one notch up)."""
    inside = QPointF(10, 10)
    QApplication.sendEvent(
        widget,
        QWheelEvent(
            inside,
            widget.mapToGlobal(inside),
            QPoint(),
            QPoint(0, delta),
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.ControlModifier,
            Qt.ScrollPhase.NoScrollPhase,
            False,
        ),
    )


def listed(*pickers: QWidget, timeout: float = 10.0) -> None:
    """Wait until each device picker shows the inputs read since it was made or last opened
    (``DevicePicker.listed``: the list is read off the GUI thread)."""
    deadline = time.monotonic() + timeout
    while not all(picker.listed for picker in pickers):  # type: ignore[attr-defined]
        assert time.monotonic() < deadline, "the inputs were not listed"
        QApplication.processEvents()
        time.sleep(0.005)


@contextmanager
def hung_sound_server() -> Iterator[None]:
    """The tests' PulseAudio server stopped (SIGSTOP) inside: it accepts connections and
    answers nothing, as a hung PipeWire does."""
    process = _PULSE["process"]
    assert isinstance(process, subprocess.Popen)
    process.send_signal(signal.SIGSTOP)
    try:
        yield
    finally:
        process.send_signal(signal.SIGCONT)


def transcribing(qtbot, window, monkeypatch):
    """A tab of ``window`` writing the transcript of a file opened as the user opens one (File
    → Open audio file): 100 s of speech, imported, its final pass under way (several
    seconds)."""
    from transcrevai_desktop.core.speakers import AUTO
    from transcrevai_desktop.ui.main_window import MainWindow

    clip = speech("en_lucier_sitting_in_a_room")
    monkeypatch.setattr(MainWindow, "_ask_audio_file", lambda self: (str(clip.path), AUTO))
    window.open_action.trigger()
    tab = window.current_tab()
    progress: list[float] = []
    tab.session.progress.connect(progress.append)
    qtbot.waitUntil(lambda: bool(progress), timeout=30_000)
    return tab
