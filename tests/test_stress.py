"""Concurrency: threads recording, stopping and deleting sessions at random while an aggressive
clean-up runs; and a property-based model of the SessionManager's invariants."""

from __future__ import annotations

import random
import tempfile
import threading
import time
from pathlib import Path

import pytest
import soundfile
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from tests.conftest import race, speech
from transcrevai_desktop.core.decoding import decode_file
from transcrevai_desktop.core.recovery import repair_wav
from transcrevai_desktop.core.session import BUSY, SessionStatus
from transcrevai_desktop.core.session_manager import SessionManager

WORKERS = 8
SESSIONS_PER_WORKER = 7  # 56 sessions in all


@pytest.fixture(scope="module")
def short_clip(tmp_path_factory):
    """1.5 s of real Portuguese speech: enough for a live pass and a final pass."""
    path = tmp_path_factory.mktemp("clip") / "short.wav"
    audio = decode_file(speech("pt_picovoice_leopard_test_pt").path)
    soundfile.write(path, audio[: int(1.5 * 16000)], 16000, subtype="PCM_16")
    return path


# The clean-up may drop a session between ``get_session`` and ``start`` (idle then); its
# "delete_files" then removes the folder of a recording it no longer stops, which the
# recorder now notices at its next flush (before, it recorded on into a deleted file).
@pytest.mark.logs(r"was deleted or moved while it recorded")
@pytest.mark.slow
def test_threads_record_stop_and_delete_at_random_with_an_aggressive_cleanup(
    qtbot, engine, library, short_clip
):
    manager = SessionManager(session_timeout_hours=1e-9, library_dir=library, engine=engine)
    started: list = []  # every session that started recording (list.append is atomic)
    deleted_files: set[str] = set()
    threads_before = set(threading.enumerate())

    def worker(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(SESSIONS_PER_WORKER):
            session_id = manager.create_session()
            session = manager.get_session(session_id)
            if session is None:  # the clean-up got it first: it was idle, that is allowed
                continue
            session.start(input_file=short_clip, language="pt")
            started.append(session)
            time.sleep(rng.uniform(0.0, 0.8))
            action = rng.choice(["stop", "delete", "delete_files", "nothing"])
            if action == "stop":
                session.stop()
            elif action.startswith("delete"):
                if action == "delete_files":
                    deleted_files.add(session_id)
                manager.delete_session(session_id, delete_files=action == "delete_files")
                assert manager.get_session(session_id) is None

    def cleaner(stop: threading.Event) -> None:
        while not stop.is_set():
            manager.cleanup_old_sessions()
            time.sleep(0.01)

    errors = race([lambda s=seed: worker(s) for seed in range(WORKERS)], cleaner, timeout=180)
    assert not errors, f"{len(errors)} thread(s) failed: {errors!r}"

    qtbot.waitUntil(lambda: not any(s.status in BUSY for s in started), timeout=180_000)
    engine.wait()
    assert len(started) > WORKERS * SESSIONS_PER_WORKER // 2
    leaked = [t.name for t in set(threading.enumerate()) - threads_before if t.is_alive()]
    assert not [name for name in leaked if name.startswith(("wav-", "file-source"))], leaked
    for session in started:
        if session.id in deleted_files:
            assert not session.folder.exists(), "a final pass under way recreated it"
            continue
        assert session.status in (
            SessionStatus.COMPLETE,
            SessionStatus.INTERRUPTED,
        ), (session.status, session.message)
        audio = session.files["audio"]
        info = soundfile.info(audio)
        assert info.samplerate == 16000 and info.frames > 0, "every kept .wav plays"
        assert repair_wav(audio) == pytest.approx(info.duration), "its header counts every frame"
    manager.cleanup_old_sessions()
    assert manager.get_active_session_count() == 0


class SessionManagerModel(RuleBasedStateMachine):
    """The manager against a plain dict: what it holds, what ``get`` finds, what is on disk."""

    ids = Bundle("ids")

    def __init__(self) -> None:
        super().__init__()
        self._folder = tempfile.TemporaryDirectory()
        self.library = Path(self._folder.name)
        self.manager = SessionManager(library_dir=self.library)  # idle: no model is loaded
        self.held: set[str] = set()

    @rule(target=ids)
    def create(self) -> str:
        session_id = self.manager.create_session()
        assert session_id not in self.held
        self.held.add(session_id)
        return session_id

    @rule(session_id=ids)
    def get(self, session_id: str) -> None:
        session = self.manager.get_session(session_id)
        assert (session is not None) == (session_id in self.held)
        if session is not None:
            assert session.id == session_id and session.status is SessionStatus.IDLE

    @rule(session_id=ids, case=st.sampled_from([str.lower, str.upper]))
    def get_in_any_case(self, session_id: str, case) -> None:
        assert (self.manager.get_session(case(session_id)) is not None) == (session_id in self.held)

    @rule(junk=st.text(max_size=40))
    def get_junk(self, junk: str) -> None:
        assert self.manager.get_session(junk) is None

    @rule(session_id=ids, delete_files=st.booleans())
    def delete(self, session_id: str, delete_files: bool) -> None:
        self.manager.delete_session(session_id, delete_files=delete_files)
        self.held.discard(session_id)

    @rule(hours=st.sampled_from([1e-9, 24.0]))
    def cleanup(self, hours: float) -> None:
        self.manager.session_timeout_hours = hours
        dropped = self.manager.cleanup_old_sessions()
        assert set(dropped) <= self.held
        if hours == 24.0:
            assert dropped == []
        self.held -= set(dropped)

    @invariant()
    def holds_what_the_model_holds(self) -> None:
        assert sorted(self.manager.get_all_session_ids()) == sorted(self.held)
        assert self.manager.get_active_session_count() == len(self.held)

    @invariant()
    def sessions_that_never_recorded_leave_no_folder(self) -> None:
        assert list(self.library.iterdir()) == []

    def teardown(self) -> None:
        self._folder.cleanup()


def test_session_manager_invariants(qapp):
    run = SessionManagerModel.TestCase()
    run.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
    run.runTest()
