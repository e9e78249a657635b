"""The recordings library on disk: listing, corrupt or foreign folders, reopening."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import speech
from tests.session_files import died_while, held_by_another_process, keep_audio
from transcrevai_desktop.core.engine import Engine
from transcrevai_desktop.core.errors import SessionInUse, StorageError
from transcrevai_desktop.core.folder_lock import held
from transcrevai_desktop.core.session import SessionStatus
from transcrevai_desktop.core.session_manager import SessionManager


@pytest.mark.logs(r"^Cannot reopen .*unexpected values")
def test_scan_lists_sessions_and_reports_foreign_or_corrupt_folders(engine, library):
    manager = SessionManager(library_dir=library, engine=engine)
    good = manager.get_session(manager.create_session())
    good.rename("Aula 3")
    keep_audio(good)
    corrupt = library / str(uuid.uuid4())
    corrupt.mkdir()
    (corrupt / "session.json").write_text("{not json")
    (corrupt / "audio.wav").write_bytes((library / good.id / "audio.wav").read_bytes())
    foreign = library / str(uuid.uuid4())
    foreign.mkdir()
    (foreign / "session.json").write_text(json.dumps({"id": str(uuid.uuid4())}))
    (foreign / "transcript.txt").write_text("Someone else's words.")
    (library / "notes").mkdir()  # not a session folder: ignored silently
    empty = library / str(uuid.uuid4())
    empty.mkdir()
    (empty / "session.json").write_text("{not json")  # keeps nothing: left out silently
    edited = library / str(uuid.uuid4())  # by hand: valid JSON, values of the wrong kind
    edited.mkdir()
    fields = {"id": edited.name, "duration": "1:02:03", "files": ["audio.wav"]}
    (edited / "session.json").write_text(json.dumps(fields))
    (edited / "transcript.txt").write_text("Edited by hand.")

    entries, problems = manager.library()
    # the corrupt one keeps its audio: listed, to be reopened (the test below)
    assert sorted(entry.name for entry in entries) == ["Aula 3", "Recovered recording"]
    assert len(problems) == 2
    assert any("another session" in p for p in problems)
    assert any("unexpected values (duration, files)" in p for p in problems)
    assert manager.open_session(edited.name) is None  # it said why, not an AttributeError
    aula = next(entry for entry in entries if entry.name == "Aula 3")
    assert aula.matches("aula") and not aula.matches("reunião")


def test_a_session_busy_when_its_process_died_reopens_as_interrupted(engine, library):
    writer = SessionManager(library_dir=library, engine=engine)
    session_id = writer.create_session()
    session = writer.get_session(session_id)
    session.rename("Interview")
    keep_audio(session)
    died_while(session, SessionStatus.RECORDING)

    reader = SessionManager(library_dir=library, engine=engine)
    assert reader.get_session(session_id) is None
    reopened = reader.open_session(session_id)
    assert reopened is not None and reopened.name == "Interview"
    assert reopened.status is SessionStatus.INTERRUPTED
    assert reader.open_session(session_id) is reopened
    assert reader.open_session(str(uuid.uuid4())) is None
    assert reader.open_session("../../etc") is None

    with held_by_another_process(reopened.folder):  # its "Transcribe recording" began
        with pytest.raises(SessionInUse):
            reopened.transcribe_recording()  # a second final pass on the same files
        with pytest.raises(SessionInUse):
            reader.delete_session(session_id, delete_files=True)
    assert reopened.status is SessionStatus.INTERRUPTED and reopened.folder.is_dir()


@pytest.mark.logs(r"^Rebuilding session\.json from its audio")
def test_a_recording_whose_session_json_is_damaged_is_listed_and_reopens_from_its_audio(
    qtbot, engine, library
):
    """A session.json that cannot be read (a disk fault, an edit by hand) no longer hides a
    recording whose audio is whole: it is listed with what can be read of it, reopens as a
    recording cut short, and transcribes; the damaged file is kept aside, never deleted."""
    writer = SessionManager(library_dir=library, engine=engine)
    corrupt, edited = (writer.get_session(writer.create_session()) for _ in "ab")
    for session, name in ((corrupt, "Aula 3"), (edited, "Entrevista")):
        session.rename(name)
        keep_audio(session, seconds=2.0)
    (corrupt.folder / "session.json").write_text("{not json")
    fields = json.loads((edited.folder / "session.json").read_text())
    (edited.folder / "session.json").write_text(json.dumps({**fields, "duration": "0:02"}))

    reader = SessionManager(library_dir=library, engine=engine)
    entries, problems = reader.library()
    assert not problems
    listed = {entry.id: entry for entry in entries}
    assert listed[corrupt.id].name == "Recovered recording"
    assert listed[corrupt.id].status == "interrupted"
    assert listed[corrupt.id].duration == pytest.approx(2.0)
    assert listed[edited.id].name == "Entrevista", "what could be read of it is kept"

    reopened = reader.open_session(corrupt.id)
    assert reopened is not None and reopened.status is SessionStatus.INTERRUPTED
    assert (corrupt.folder / "session.json.damaged").read_text() == "{not json"
    assert json.loads((corrupt.folder / "session.json").read_text())["id"] == corrupt.id
    # told once session.json is written (its status attribute changes just before that)
    with qtbot.waitSignal(
        reopened.status_changed, check_params_cb=lambda status, _: status == "complete",
        timeout=60_000,
    ):  # fmt: skip
        reopened.transcribe_recording()
    again = SessionManager(library_dir=library, engine=engine).library()[0]
    assert {entry.id: entry.status for entry in again}[corrupt.id] == "complete"


@pytest.mark.logs(r"^Rebuilding session\.json from its audio")
def test_a_finished_recording_whose_session_json_is_damaged_keeps_its_corrected_transcript(
    qtbot, engine, library
):
    """A session.json cut short (a full disk) made a finished, corrected recording look cut
    short: listed as interrupted, reopened with no transcript and the offer to transcribe
    it, which wrote over every correction."""
    writer = SessionManager(library_dir=library, engine=engine)
    session = writer.get_session(writer.create_session())
    session.transcribe_file(speech("pt_picovoice_leopard_test_pt").path, "pt", speakers="off")
    qtbot.waitUntil(lambda: session.status is SessionStatus.COMPLETE, timeout=60_000)
    transcript = session.transcript()
    first = replace(transcript.segments[0], text="Uma frase corrigida à mão.")
    session.edit_transcript(replace(transcript, segments=[first, *transcript.segments[1:]]))
    session.wait_saved()
    metadata = session.folder / "session.json"
    metadata.write_text(metadata.read_text()[:100])  # cut short

    reader = SessionManager(library_dir=library, engine=engine)
    entries, problems = reader.library()
    assert not problems and [(e.status, e.language) for e in entries] == [("complete", "pt")]
    assert entries[0].matches("corrigida")
    started = datetime.fromisoformat(entries[0].created_at)  # its audio's length before
    assert started < datetime.fromisoformat(session.ended_at)  # it was last written
    reopened = reader.open_session(session.id)
    assert reopened is not None and reopened.status is SessionStatus.COMPLETE
    assert reopened.transcript().segments[0].text == "Uma frase corrigida à mão."
    assert "corrigida" in (session.folder / "transcript.txt").read_text()


@pytest.mark.logs(r"^Cannot read .*transcript\.json: ")
def test_a_corrupt_transcript_is_a_clear_export_error_not_a_crash(engine, library, tmp_path):
    writer = SessionManager(library_dir=library, engine=engine)
    session_id = writer.create_session()
    session = writer.get_session(session_id)
    session.status = SessionStatus.COMPLETE  # as after a final pass whose json was then damaged
    keep_audio(session)
    session.files["segments"] = session.folder / "transcript.json"
    session.files["segments"].write_text('{"segments": [')
    session.save_metadata()

    reopened = SessionManager(library_dir=library, engine=engine).open_session(session_id)
    assert reopened.transcript() is None
    with pytest.raises(StorageError, match="cannot be read"):
        reopened.export("srt", tmp_path / "out.srt")
    assert not (tmp_path / "out.srt").exists()


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "..", "/tmp/x", "C:\\Windows\\evil", "a/../../b", ".hidden", "\x00nul"],
)
def test_a_session_name_never_exports_outside_the_chosen_folder(engine, library, tmp_path, name):
    manager = SessionManager(library_dir=library, engine=engine)
    session = manager.get_session(manager.create_session())
    keep_audio(session)
    session.rename(name)
    target = tmp_path / "exports"
    target.mkdir()

    written = session.export_all(target)

    assert [path.parent for path in written] == [target]
    assert [p.name for p in target.iterdir()] == [written[0].name]
    assert not written[0].name.startswith(".") and "/" not in written[0].name


@pytest.mark.parametrize("name", ["会议记录" * 25, "Reunião de planejamento " * 12, "🎙️" * 80])
def test_a_long_session_name_in_any_script_exports(engine, library, tmp_path, name):
    """A folder takes names of 255 bytes: a name of 100 Chinese characters (300 bytes) was cut
    at 120 characters, and its export failed with "File name too long"."""
    manager = SessionManager(library_dir=library, engine=engine)
    session = manager.get_session(manager.create_session())
    keep_audio(session)
    session.rename(name)

    written = session.export_all(tmp_path)

    assert written and name.startswith(written[0].stem[:10])
    assert (tmp_path / f"{written[0].stem}.subtitled.mkv").write_bytes(b"") == 0  # room left


def test_a_session_under_a_name_of_255_bytes_exports(engine, library, tmp_path):
    """The user may type any name the file system takes: one of 242 bytes or more failed with
    "File name too long", as the temporary file written first added 14 bytes to it."""
    manager = SessionManager(library_dir=library, engine=engine)
    session = manager.get_session(manager.create_session())
    keep_audio(session)
    exports = tmp_path / "exports"
    exports.mkdir()
    destination = exports / ("Reunião de planejamento " * 11).encode()[:251].decode()
    destination = destination.with_name(destination.name + ".wav")
    assert len(destination.name.encode()) == 255

    assert session.export("wav", destination) == destination
    assert destination.read_bytes() == session.files["audio"].read_bytes()
    assert [p.name for p in exports.iterdir()] == [destination.name], "no temporary file left"


@pytest.mark.logs(r"Read-only file system")
def test_a_finished_session_reopens_without_writing_its_folder(engine, library, monkeypatch):
    """Reopening a recording writes nothing unless something changed (a recording cut short
    becomes interrupted), even under another model than the one that transcribed it, and a
    write that fails then does not stop it opening: a library on a read-only disk (a backup,
    a share) opened none of its recordings, as each reopening rewrote its session.json."""
    writer = SessionManager(library_dir=library, engine=engine)
    finished, cut_short = (writer.get_session(writer.create_session()) for _ in "ab")
    for session, status in (
        (finished, SessionStatus.COMPLETE),
        (cut_short, SessionStatus.RECORDING),
    ):
        keep_audio(session)
        died_while(session, status)
    tried: list[str] = []

    def read_only(path: Path, _: str) -> None:  # what such a disk answers a write
        tried.append(path.parent.name)
        raise StorageError("Could not write session.json: Read-only file system.")

    monkeypatch.setattr("transcrevai_desktop.core.session.atomic_write_text", read_only)
    small = Engine(
        replace(engine.settings, model="small")
    )  # chosen since: not what it was made with
    reader = SessionManager(library_dir=library, engine=small)
    reopened = reader.open_session(finished.id)
    assert reopened is not None and reopened.status is SessionStatus.COMPLETE
    assert reopened.model == engine.settings.model
    assert tried == []
    interrupted = reader.open_session(cut_short.id)
    assert interrupted is not None and interrupted.status is SessionStatus.INTERRUPTED
    assert tried == [cut_short.id]


def test_a_recording_cut_short_is_listed_with_the_length_it_has(engine, library):
    """A crash leaves session.json saying "recording" with no length: the library showed 0:00
    for hours of audio, which a user could take for an empty recording and delete."""
    writer = SessionManager(library_dir=library, engine=engine)
    session = writer.get_session(writer.create_session())
    keep_audio(session, seconds=3.0)
    died_while(session, SessionStatus.RECORDING)
    assert json.loads((session.folder / "session.json").read_text())["duration"] == 0

    entries, _ = SessionManager(library_dir=library, engine=engine).library()

    assert [(entry.status, entry.duration) for entry in entries] == [("recording", 3.0)]


@pytest.mark.logs(r"is not a WAV file this app wrote")
def test_a_damaged_recording_that_fails_to_transcribe_is_free_again(engine, library):
    """Its folder was left locked until the app quit: other windows called it busy, and the
    library never offered it as cut short again."""
    writer = SessionManager(library_dir=library, engine=engine)
    session = writer.get_session(writer.create_session())
    keep_audio(session)
    died_while(session, SessionStatus.RECORDING)
    (session.folder / "audio.wav").write_bytes(b"RIFF" + bytes(100))
    reopened = SessionManager(library_dir=library, engine=engine).open_session(session.id)
    assert reopened is not None and not reopened.in_use

    with pytest.raises(StorageError, match="not a WAV file"):
        reopened.transcribe_recording()

    assert not reopened.in_use and not held(reopened.folder)
    assert reopened.status is SessionStatus.INTERRUPTED


def test_a_rescan_folds_again_only_the_transcripts_that_changed(engine, library, monkeypatch):
    """Search compares transcripts case and accents aside: every scan folded them all again,
    and the window scans after each correction (1.5 s of its thread for 300 hours of them)."""
    from transcrevai_desktop.core import library as library_module

    manager = SessionManager(library_dir=library, engine=engine)
    sessions = [manager.get_session(manager.create_session()) for _ in range(3)]
    for number, session in enumerate(sessions):
        keep_audio(session)
        (session.folder / "transcript.txt").write_text(f"Reunião número {number}.")
    assert [e.matches("reuniao") for e in manager.library()[0]] == [True] * 3
    folded: list[str] = []
    fold = library_module.folded
    monkeypatch.setattr(library_module, "folded", lambda text: folded.append(text) or fold(text))
    (sessions[1].folder / "transcript.txt").write_text("Uma correção à mão.")
    entries, _ = manager.library()
    assert folded == ["Uma correção à mão."]
    assert {e.id for e in entries if e.matches("correcao a mao")} == {sessions[1].id}
