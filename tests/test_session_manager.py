"""SessionManager: ids, lookups, deletion, idle clean-up and thread safety (no audio recorded:
``keep_audio`` gives a session the files a recording would leave)."""

from __future__ import annotations

import json
import threading
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import race
from tests.session_files import keep_audio, session_folders
from transcrevai_desktop.core.errors import StorageError
from transcrevai_desktop.core.library import METADATA_FILE
from transcrevai_desktop.core.session import Session, SessionStatus
from transcrevai_desktop.core.session_manager import SessionManager


def _metadata(folder: Path) -> dict:
    return json.loads((folder / METADATA_FILE).read_text(encoding="utf-8"))


# -- create_session ---------------------------------------------------------------------------


def test_create_session_returns_uuid4_of_an_idle_session_with_no_folder_yet(manager, library):
    session_id = manager.create_session()

    parsed = uuid.UUID(session_id)
    assert parsed.version == 4
    assert str(parsed) == session_id  # canonical, lower-case form

    session = manager.get_session(session_id)
    assert isinstance(session, Session)
    assert session.id == session_id
    assert session.status is SessionStatus.IDLE

    assert session.folder == library / session_id
    assert not session.kept and not library.exists(), "made when it has something to keep"
    keep_audio(session)
    assert session.kept
    metadata = _metadata(session.folder)
    assert metadata["status"] == "idle"
    assert metadata["id"] == session_id


def test_create_session_gives_distinct_ids_and_folders(manager, library):
    ids = [manager.create_session() for _ in range(5)]

    assert len(set(ids)) == 5
    assert sorted(manager.get_session(i).folder.name for i in ids) == sorted(ids)
    assert session_folders(library) == set()


def test_an_unusable_library_raises_storage_error_when_a_session_has_files_to_keep(
    tmp_path, engine
):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a regular file where the library should be")
    manager = SessionManager(library_dir=blocker / "recordings", engine=engine)
    session = manager.get_session(manager.create_session())

    with pytest.raises(StorageError) as caught:
        session.transcribe_file(tmp_path / "any.wav")

    assert "recordings" in str(caught.value)
    assert session.status is SessionStatus.IDLE and session.name != "any"
    assert manager.get_active_session_count() == 1


# -- get_session ------------------------------------------------------------------------------


def test_get_session_refreshes_last_activity(manager):
    session_id = manager.create_session()
    session = manager.get_session(session_id)
    session.last_activity = time.time() - 3600

    before = time.time()
    again = manager.get_session(session_id)

    assert again is session
    assert session.last_activity >= before


def test_get_session_accepts_the_upper_case_form(manager):
    # parse_session_id documents "the canonical form of a UUID4 string": case is folded.
    session_id = manager.create_session()

    assert manager.get_session(session_id.upper()) is manager.get_session(session_id)


@pytest.mark.parametrize(
    "bad_id",
    [
        "",
        "abc",
        "../../etc",
        "../../etc/passwd",
        str(uuid.uuid1()),
        f"{{{uuid.uuid4()}}}",
        f"urn:uuid:{uuid.uuid4()}",
        uuid.uuid4().hex,  # no hyphens: not the canonical form
        f" {uuid.uuid4()} ",
        None,
        42,
        uuid.uuid4(),  # a UUID object, not a string
        b"00000000-0000-4000-8000-000000000000",
    ],
    ids=repr,
)
def test_get_session_with_a_malformed_id_returns_none(manager, bad_id):
    manager.create_session()

    assert manager.get_session(bad_id) is None


def test_get_session_with_an_unknown_uuid4_returns_none(manager):
    manager.create_session()

    assert manager.get_session(str(uuid.uuid4())) is None


# -- delete_session ---------------------------------------------------------------------------


def test_delete_session_forgets_it_but_keeps_its_files(manager, library):
    session_id = manager.create_session()
    keep_audio(manager.get_session(session_id))

    manager.delete_session(session_id)

    assert manager.get_session(session_id) is None
    assert manager.get_active_session_count() == 0
    assert (library / session_id / METADATA_FILE).is_file()


def test_delete_session_with_delete_files_removes_its_folder(manager, library):
    keep = manager.create_session()
    session_id = manager.create_session()
    keep_audio(manager.get_session(keep))
    keep_audio(manager.get_session(session_id))

    manager.delete_session(session_id, delete_files=True)

    assert manager.get_session(session_id) is None
    assert not (library / session_id).exists()
    assert (library / keep).is_dir()
    assert manager.get_all_session_ids() == [keep]


def test_delete_session_with_the_upper_case_id(manager, library):
    session_id = manager.create_session()
    keep_audio(manager.get_session(session_id))

    manager.delete_session(session_id.upper(), delete_files=True)

    assert manager.get_active_session_count() == 0
    assert not (library / session_id).exists()


@pytest.mark.parametrize(
    "bad_id", ["", "abc", "../../etc", "..", str(uuid.uuid1()), None, 42], ids=repr
)
@pytest.mark.parametrize("delete_files", [False, True])
def test_delete_session_with_a_malformed_id_does_nothing(manager, library, bad_id, delete_files):
    session_id = manager.create_session()
    keep_audio(manager.get_session(session_id))
    outside = library.parent / "outside.txt"
    outside.write_text("must survive")

    manager.delete_session(bad_id, delete_files=delete_files)

    assert manager.get_all_session_ids() == [session_id]
    assert (library / session_id / METADATA_FILE).is_file()
    assert outside.read_text() == "must survive"


@pytest.mark.parametrize("delete_files", [False, True])
def test_delete_session_with_an_unknown_uuid4_does_nothing(manager, library, delete_files):
    session_id = manager.create_session()
    keep_audio(manager.get_session(session_id))

    manager.delete_session(str(uuid.uuid4()), delete_files=delete_files)

    assert manager.get_all_session_ids() == [session_id]
    assert (library / session_id).is_dir()


def test_delete_session_twice_is_harmless(manager, library):
    session_id = manager.create_session()

    manager.delete_session(session_id, delete_files=True)
    manager.delete_session(session_id, delete_files=True)

    assert manager.get_active_session_count() == 0


# -- cleanup_old_sessions ---------------------------------------------------------------------


def test_cleanup_drops_idle_sessions_from_memory_and_keeps_their_files(library, engine):
    manager = SessionManager(session_timeout_hours=1e-6, library_dir=library, engine=engine)
    ids = [manager.create_session() for _ in range(3)]
    for session_id in ids:
        keep_audio(manager.get_session(session_id))
    time.sleep(0.05)  # 1e-6 h is 3.6 ms

    dropped = manager.cleanup_old_sessions()

    assert sorted(dropped) == sorted(ids)
    assert manager.get_active_session_count() == 0
    assert manager.get_all_session_ids() == []
    for session_id in ids:
        assert manager.get_session(session_id) is None
        assert (library / session_id).is_dir()
        assert _metadata(library / session_id)["status"] == "idle"
    assert manager.cleanup_old_sessions() == []


@pytest.mark.parametrize(
    "busy", [SessionStatus.RECORDING, SessionStatus.PAUSED, SessionStatus.PROCESSING]
)
def test_cleanup_never_drops_a_busy_session(library, engine, busy):
    manager = SessionManager(session_timeout_hours=1e-6, library_dir=library, engine=engine)
    busy_id = manager.create_session()
    idle_id = manager.create_session()
    busy_session = manager.get_session(busy_id)
    busy_session.status = busy  # fault injection: no audio is recorded in these tests
    busy_session.last_activity = time.time() - 10 * 24 * 3600
    time.sleep(0.05)

    dropped = manager.cleanup_old_sessions()

    assert dropped == [idle_id]
    assert manager.get_all_session_ids() == [busy_id]
    assert manager.cleanup_old_sessions() == []
    assert manager.get_session(busy_id) is busy_session
    busy_session.status = SessionStatus.IDLE  # nothing to stop when the manager is dropped


@pytest.mark.parametrize(
    "finished", [SessionStatus.COMPLETE, SessionStatus.ERROR, SessionStatus.INTERRUPTED]
)
def test_cleanup_drops_finished_sessions(library, engine, finished):
    manager = SessionManager(session_timeout_hours=1, library_dir=library, engine=engine)
    session_id = manager.create_session()
    session = manager.get_session(session_id)
    session.status = finished
    keep_audio(session)
    session.last_activity = time.time() - 2 * 3600

    assert manager.cleanup_old_sessions() == [session_id]
    assert manager.get_active_session_count() == 0
    assert (library / session_id).is_dir()


def test_cleanup_keeps_sessions_used_recently(library, engine):
    manager = SessionManager(session_timeout_hours=1, library_dir=library, engine=engine)
    old_id, used_id, new_id = (manager.create_session() for _ in range(3))
    for session_id in (old_id, used_id):
        manager.get_session(session_id).last_activity = time.time() - 2 * 3600
    manager.get_session(used_id)  # a lookup is activity

    assert manager.cleanup_old_sessions() == [old_id]
    assert sorted(manager.get_all_session_ids()) == sorted([used_id, new_id])


def test_cleanup_with_the_default_timeout_keeps_fresh_sessions(manager):
    ids = [manager.create_session() for _ in range(3)]

    assert manager.cleanup_old_sessions() == []
    assert sorted(manager.get_all_session_ids()) == sorted(ids)


# -- counts -----------------------------------------------------------------------------------


def test_counts_and_ids_follow_creations_and_deletions(manager):
    assert manager.get_active_session_count() == 0
    assert manager.get_all_session_ids() == []

    ids = [manager.create_session() for _ in range(4)]
    manager.get_session(ids[0]).status = SessionStatus.COMPLETE  # counted whatever the status
    assert manager.get_active_session_count() == 4
    assert sorted(manager.get_all_session_ids()) == sorted(ids)

    manager.delete_session(ids[1])
    assert manager.get_active_session_count() == 3
    assert sorted(manager.get_all_session_ids()) == sorted([ids[0], ids[2], ids[3]])


def test_get_all_session_ids_returns_a_copy(manager):
    session_id = manager.create_session()

    ids = manager.get_all_session_ids()
    ids.clear()

    assert manager.get_all_session_ids() == [session_id]


# -- concurrency ------------------------------------------------------------------------------

WORKERS = 8
ITERATIONS = 30


def test_many_threads_create_get_and_delete_at_once(manager, library):
    existing = [manager.create_session() for _ in range(3)]
    kept: list[str] = []
    cleanup_results: list[list[str]] = []

    def worker() -> None:
        for i in range(ITERATIONS):
            delete_files = bool(i % 2)
            session_id = manager.create_session()
            session = manager.get_session(session_id)
            assert session is not None and session.id == session_id
            keep_audio(session)  # while the clean-up removes the folders that keep nothing
            assert manager.get_session(session_id.upper()) is session
            assert session_id in manager.get_all_session_ids()
            assert manager.get_active_session_count() >= len(existing) + 1
            manager.delete_session(session_id, delete_files=delete_files)
            assert manager.get_session(session_id) is None
            assert (library / session_id).exists() is not delete_files
        kept.append(manager.create_session())  # list.append is atomic; never recorded

    def cleaner(stop: threading.Event) -> None:
        while not stop.is_set():
            cleanup_results.append(manager.cleanup_old_sessions())

    errors = race([worker] * WORKERS, cleaner)

    assert not errors, f"{len(errors)} thread(s) failed: {errors!r}"
    assert cleanup_results, "the clean-up thread never ran"
    assert all(result == [] for result in cleanup_results)  # nothing is 24 h old
    assert len(kept) == WORKERS
    assert manager.get_active_session_count() == len(existing) + WORKERS
    assert sorted(manager.get_all_session_ids()) == sorted(existing + kept)
    on_disk = session_folders(library)
    # Odd iterations deleted their folders; even ones only forgot the session. The sessions
    # that never recorded have none.
    assert len(on_disk) == WORKERS * (ITERATIONS // 2)
    assert not set(existing + kept) & on_disk


def test_threads_racing_an_aggressive_cleanup_never_fail(library, engine):
    manager = SessionManager(session_timeout_hours=1e-9, library_dir=library, engine=engine)
    dropped: list[str] = []

    def worker() -> None:
        for i in range(ITERATIONS):
            session_id = manager.create_session()
            session = manager.get_session(session_id)  # may already be dropped: None is fine
            assert session is None or session.id == session_id
            manager.delete_session(session_id, delete_files=bool(i % 2))
            assert manager.get_session(session_id) is None

    def cleaner(stop: threading.Event) -> None:
        while not stop.is_set():
            dropped.extend(manager.cleanup_old_sessions())

    errors = race([worker] * WORKERS, cleaner)

    assert not errors, f"{len(errors)} thread(s) failed: {errors!r}"
    assert len(dropped) == len(set(dropped))  # a session is dropped once at most
    assert manager.get_active_session_count() == 0
    assert manager.get_all_session_ids() == []
    assert session_folders(library) == set(), "sessions that never recorded leave no folder"
