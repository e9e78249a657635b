"""Choosing and downloading models in the window: Preferences' model picker and the one-time
offer of a bigger model, downloading for real from the local stand-in for the model hub
(``tests/fake_hub.py``)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from tests.conftest import speech
from tests.fake_hub import TEST_MODEL, FakeHub
from transcrevai_desktop.core import model_catalog
from transcrevai_desktop.core.voice_book import VoiceBook
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.model_download_bar import STEPS
from transcrevai_desktop.ui.model_offer_dialog import ModelOfferer
from transcrevai_desktop.ui.model_picker import LANGUAGES, SIZE, SPEED, WHERE, ModelPicker
from transcrevai_desktop.ui.preferences_dialog import PreferencesDialog

TIMEOUT_MS = 60_000


@pytest.fixture
def no_hub(monkeypatch: pytest.MonkeyPatch) -> None:
    """HF_ENDPOINT at a port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")


@pytest.fixture
def settings() -> Iterator[Settings]:
    preferences = Settings()
    preferences.reset()
    yield preferences
    preferences.reset()


def _picker(qtbot, current: str = "base") -> ModelPicker:
    picker = ModelPicker(current)
    qtbot.addWidget(picker)
    picker.show()
    return picker


def _cell(picker: ModelPicker, name: str, column: int) -> str:
    return picker.table.item(picker.names().index(name), column).text()


def _left_in(cache: Path) -> list[str]:
    return sorted(path.name for path in cache.iterdir()) if cache.exists() else []


# -- the picker -------------------------------------------------------------------------------


def test_the_picker_lists_each_model_once_with_its_size_languages_speed_and_place(qtbot, cache):
    picker = _picker(qtbot)

    names = picker.names()
    assert names[0] == "base" and names.count("base") == 1
    assert {"tiny", "small", "medium", "large-v3", "large-v3-turbo", "distil-large-v3"} <= set(
        names
    )
    assert "turbo" not in names and "large" not in names  # aliases
    assert _cell(picker, "base", WHERE) == "In use"
    assert _cell(picker, "base", SIZE) == "148 MB"
    assert _cell(picker, "base", SPEED) == "About 4 s per minute of audio on 2 cores"
    assert _cell(picker, "small", WHERE) == "Download"
    assert _cell(picker, "small", LANGUAGES) == "Multilingual"
    assert _cell(picker, "small", SPEED).startswith("About 4.")
    assert _cell(picker, "large-v3", SIZE) == "3.1 GB"
    assert _cell(picker, "tiny.en", LANGUAGES) == "English only"
    picker.select("base")
    assert picker.use_button.text() == "Use" and not picker.use_button.isEnabled()
    picker.select("small")
    assert picker.use_button.text() == "Download" and picker.use_button.isEnabled()


def test_the_picker_downloads_in_the_background_then_tells_the_model_to_use(
    qtbot, cache: Path, hub: FakeHub
):
    hub.seconds_per_mib = 0.005  # about a second for model.bin: progress to watch
    picker = _picker(qtbot)
    values: list[int] = []
    picker.download_bar.progress.valueChanged.connect(values.append)
    picker.select(TEST_MODEL)
    assert picker.use_button.text() == "Download"

    with qtbot.waitSignal(picker.model_chosen, timeout=TIMEOUT_MS) as chosen:
        qtbot.mouseClick(picker.use_button, Qt.MouseButton.LeftButton)
        # The GUI thread is free meanwhile, and the model in use stays.
        assert picker.download_bar.isVisible() and not picker.use_button.isEnabled()
        assert picker.current == "base"

    assert chosen.args == [TEST_MODEL]
    assert any(0 < value < STEPS for value in values) and values[-1] == STEPS
    assert values == sorted(values)
    assert picker.current == TEST_MODEL and _cell(picker, TEST_MODEL, WHERE) == "In use"
    assert _cell(picker, "base", WHERE) == "On this computer"
    assert picker.download_bar.isHidden()
    assert _left_in(cache) == ["faster-whisper-base"]


def test_cancel_in_the_picker_leaves_nothing_and_keeps_the_model(qtbot, cache, hub: FakeHub):
    hub.seconds_per_mib = 0.05  # model.bin would take 7 s
    picker = _picker(qtbot)
    chosen: list[str] = []
    picker.model_chosen.connect(chosen.append)
    picker.select(TEST_MODEL)
    qtbot.mouseClick(picker.use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: picker.download_bar.progress.value() > 0, timeout=TIMEOUT_MS)

    with qtbot.waitSignal(picker.download_bar.cancelled, timeout=TIMEOUT_MS):
        qtbot.mouseClick(picker.download_bar.cancel_button, Qt.MouseButton.LeftButton)

    assert _left_in(cache) == []
    assert chosen == [] and picker.current == "base"
    assert _cell(picker, TEST_MODEL, WHERE) == "Download"
    assert picker.use_button.isEnabled() and picker.download_bar.isHidden()


def test_closing_the_picker_mid_download_cancels_it(qtbot, cache: Path, hub: FakeHub):
    hub.seconds_per_mib = 0.05
    picker = ModelPicker("base")
    picker.show()
    picker.select(TEST_MODEL)
    qtbot.mouseClick(picker.use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: picker.download_bar.progress.value() > 0, timeout=TIMEOUT_MS)
    assert _left_in(cache) != []  # the staging folder

    picker.deleteLater()

    qtbot.waitUntil(lambda: _left_in(cache) == [], timeout=TIMEOUT_MS)


def test_preferences_fit_a_laptop_screen(qtbot, settings: Settings):
    """On one page the dialog asked 660 px: a 1366×768 screen at 125 % has about 610, and Qt
    squeezed the model list to a row and a half. Its pages: Recording, Model, Voices."""
    dialog = PreferencesDialog(settings, voice_book=VoiceBook())
    qtbot.addWidget(dialog)
    assert dialog.sizeHint().height() <= 560
    names = [dialog.pages.tabText(i) for i in range(dialog.pages.count())]
    assert names == ["Recording", "Model", "Voices"]


def test_the_model_list_follows_a_model_typed_in_the_field(qtbot, cache, settings: Settings):
    """Typing "tiny" left base "In use" in the list, and choosing base back did nothing."""
    dialog = PreferencesDialog(settings, voice_book=VoiceBook())
    qtbot.addWidget(dialog)
    picker = dialog.model_picker
    dialog.model.setCurrentText("tiny")
    assert _cell(picker, "base", WHERE) == "On this computer"
    assert _cell(picker, "tiny", WHERE) == "In use"

    picker.select("base")
    qtbot.mouseClick(picker.use_button, Qt.MouseButton.LeftButton)
    assert dialog.model.currentText() == "base"
    assert _cell(picker, "base", WHERE) == "In use"


def test_closing_preferences_mid_download_asks_before_stopping_it(
    qtbot, cache: Path, hub: FakeHub, settings: Settings, monkeypatch
):
    """OK (or Escape) in Preferences while a model downloads took the download with it,
    silently: it asks now, and No keeps both the dialog and the download."""
    hub.seconds_per_mib = 0.05
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.open()
    picker = dialog.model_picker
    picker.select(TEST_MODEL)
    qtbot.mouseClick(picker.use_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: picker.download_bar.progress.value() > 0, timeout=TIMEOUT_MS)
    asked: list[str] = []
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])

    def answer(parent, title, text, *_):
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog.accept()  # OK: No
    assert dialog.isVisible() and picker.download_bar.is_running()
    assert asked == ["test-base is still downloading. Stop the download?"]
    assert settings.get(Key.MODEL) == "base"  # nothing saved either
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # Escape: Yes
    assert not dialog.isVisible() and len(asked) == 2
    qtbot.waitUntil(lambda: _left_in(cache) == [], timeout=TIMEOUT_MS)


@pytest.mark.logs("Download of test-base failed")
def test_a_failed_download_shows_its_sentence(qtbot, cache, no_hub):
    picker = _picker(qtbot)
    picker.select(TEST_MODEL)

    with qtbot.waitSignal(picker.download_bar.failed, timeout=TIMEOUT_MS):
        qtbot.mouseClick(picker.use_button, Qt.MouseButton.LeftButton)

    assert picker.error_label.isVisible()
    assert picker.error_label.text().startswith(f"Could not download the model '{TEST_MODEL}'")
    assert "no connection" in picker.error_label.text()
    assert picker.current == "base" and _left_in(cache) == []


# -- the offer --------------------------------------------------------------------------------


@pytest.fixture
def offerer(
    base_loaded, qtbot, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> ModelOfferer:
    """Offers the test model to Portuguese speakers (it fits any CPU: it is base)."""
    monkeypatch.setattr(model_catalog, "_BETTER_MULTILINGUAL", (TEST_MODEL,))
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    return ModelOfferer(settings, window)


def test_the_offer_appears_once_says_the_cost_and_downloads_when_asked(
    qtbot, cache, hub: FakeHub, settings: Settings, offerer: ModelOfferer
):
    offerer.offer("pt")
    qtbot.waitUntil(lambda: offerer.dialog is not None, timeout=TIMEOUT_MS)
    dialog = offerer.dialog
    assert dialog is not None and dialog.isVisible()
    text = dialog.text.text()
    assert "For speech in Portuguese, the model 'test-base'" in text
    assert "two words in three" in text and "83 %" in text
    assert "It is a download of 148 MB. On this computer it should take about" in text
    assert settings.get(Key.MODEL_OFFERED) == "1"
    assert _left_in(cache) == []  # nothing downloaded without asking

    with qtbot.waitSignal(offerer.model_ready, timeout=TIMEOUT_MS) as ready:
        qtbot.mouseClick(dialog.download_button, Qt.MouseButton.LeftButton)

    assert ready.args == [TEST_MODEL]
    assert not dialog.isVisible() and _left_in(cache) == ["faster-whisper-base"]
    # Never again: not at the next recording, not after a restart.
    offerer.offer("pt")
    again = ModelOfferer(settings, dialog.parentWidget())
    again.offer("pt")
    assert not offerer.checking and not again.checking
    assert offerer.dialog is dialog and again.dialog is None


def test_the_offer_in_portuguese_writes_the_language_in_lower_case(
    qtbot, portuguese, cache, hub: FakeHub, settings: Settings, offerer: ModelOfferer
):
    offerer.offer("pt")
    qtbot.waitUntil(lambda: offerer.dialog is not None, timeout=TIMEOUT_MS)
    assert offerer.dialog is not None
    assert "Para fala em português, o modelo 'test-base'" in offerer.dialog.text.text()


def test_a_recording_in_portuguese_is_offered_once_its_transcript_is_done(
    qtbot, cache, hub: FakeHub, settings: Settings, offerer: ModelOfferer, manager
):
    """Not as it starts: that put a dialog in the middle of a meeting, and timed this CPU
    while the live captions used it."""
    session = manager.get_session(manager.create_session())
    offerer.watch(session)
    session.start(input_file=speech("pt_picovoice_leopard_test_pt").path, language="pt")
    qtbot.wait(1000)
    assert session.status.value == "recording"
    assert not offerer.checking and offerer.dialog is None
    qtbot.waitUntil(lambda: offerer.dialog is not None, timeout=TIMEOUT_MS)
    assert session.status.value == "complete" and offerer.dialog.isVisible()


def test_the_offer_waits_for_another_tabs_recording_to_end(
    qtbot, cache, hub: FakeHub, settings: Settings, offerer: ModelOfferer, manager
):
    """A window-modal dialog came up in the middle of the meeting another tab recorded, its
    Stop behind it, and the speed probe ran beside its live captions."""
    short, long = (manager.get_session(manager.create_session()) for _ in "ab")
    for session in (short, long):
        offerer.watch(session)
    long.start(input_file=speech("ptbr_nurcsp_D2_255_1830.28_1844.86").path, language="pt")
    short.start(input_file=speech("pt_picovoice_leopard_test_pt").path, language="pt")
    qtbot.waitUntil(lambda: short.status.value == "complete", timeout=TIMEOUT_MS)
    qtbot.wait(500)
    assert long.status.value == "recording"
    assert offerer.dialog is None and not offerer.checking
    qtbot.waitUntil(lambda: offerer.dialog is not None, timeout=TIMEOUT_MS)
    assert long.status.value == "complete" and offerer.dialog.isVisible()


def test_not_now_closes_the_offer_downloads_nothing_and_it_is_not_made_again(
    qtbot, cache, hub: FakeHub, settings: Settings, offerer: ModelOfferer
):
    offerer.offer("pt")
    qtbot.waitUntil(lambda: offerer.dialog is not None, timeout=TIMEOUT_MS)
    dialog = offerer.dialog
    assert dialog is not None

    qtbot.mouseClick(dialog.not_now_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible() and _left_in(cache) == []
    offerer.offer("pt")
    assert not offerer.checking and offerer.dialog is dialog


def test_without_a_network_nothing_is_offered_until_there_is_one(
    qtbot, cache, no_hub, settings: Settings, offerer: ModelOfferer
):
    offerer.offer("pt")
    qtbot.waitUntil(lambda: not offerer.checking, timeout=TIMEOUT_MS)

    assert offerer.dialog is None
    assert settings.get(Key.MODEL_OFFERED) == ""  # offered at a later start, with a network


def test_a_user_of_another_model_is_offered_nothing(qtbot, cache, hub, settings, offerer):
    settings.set(Key.MODEL, "small")

    offerer.offer("pt")

    assert not offerer.checking and offerer.dialog is None and hub.requests == []
