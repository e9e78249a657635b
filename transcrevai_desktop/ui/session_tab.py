"""One tab: the controls, status and live captions of one session.

Once the final pass is done the captions give way to the transcript view (``transcript_view``:
review, playback, corrections) and, when the transcript labels speakers, the speaker list
beside it (``speaker_list``) renames them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from transcrevai_desktop.core.call_source import channel_names
from transcrevai_desktop.core.devices import default_system_audio, loopback_help
from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.session import CAPTURING, TRANSCRIBABLE, Session, SessionStatus
from transcrevai_desktop.core.streaming import CaptionEvent
from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP
from transcrevai_desktop.core.transcript import Transcript
from transcrevai_desktop.core.vocabulary import parse_vocabulary
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.caption_view import CaptionView
from transcrevai_desktop.ui.device_picker import DevicePicker
from transcrevai_desktop.ui.focused_control import press_focused
from transcrevai_desktop.ui.language_picker import AUTO, LanguagePicker
from transcrevai_desktop.ui.level_meter import LevelMeter
from transcrevai_desktop.ui.speaker_field import SpeakerField
from transcrevai_desktop.ui.speaker_list import SpeakerList
from transcrevai_desktop.ui.text_size import WheelZoom, text_font
from transcrevai_desktop.ui.time_text import clock
from transcrevai_desktop.ui.transcript_view import TranscriptView
from transcrevai_desktop.ui.vocabulary_field import VocabularyField, placeholder

RECORDING_DOT = "● "
QUIET_GAIN = 10.0  # +20 dB: an input the captions bring up this much is said to be very quiet...
QUIET_WORDS = 10.0  # ...while their words came this many seconds ago or less
# what a tab takes from Preferences, and follows until it records (``follow_preferences``)
FOLLOWED = (Key.LANGUAGE, Key.DEVICE, Key.SYSTEM_AUDIO, Key.VOCABULARY)
_STATUS_TEXT = {  # translated where shown (SessionTab._status_text)
    SessionStatus.IDLE: QT_TRANSLATE_NOOP("SessionTab", "Ready to record"),
    SessionStatus.RECORDING: QT_TRANSLATE_NOOP("SessionTab", "Recording"),
    SessionStatus.PAUSED: QT_TRANSLATE_NOOP("SessionTab", "Paused"),
    SessionStatus.PROCESSING: QT_TRANSLATE_NOOP("SessionTab", "Writing the final transcript…"),
    SessionStatus.COMPLETE: QT_TRANSLATE_NOOP("SessionTab", "Transcript ready"),
    SessionStatus.ERROR: QT_TRANSLATE_NOOP("SessionTab", "Error"),
    SessionStatus.INTERRUPTED: QT_TRANSLATE_NOOP(
        "SessionTab", "Stopped before the transcript was written"
    ),
}


class SessionTab(QWidget):
    """Shows a ``Session`` and sends it the user's intents (record, pause, stop)."""

    title_changed = Signal()
    # Ctrl and the mouse wheel over the captions or the transcript: this many text sizes
    # larger (smaller when negative), for every tab (``ui.text_size``)
    zoom_requested = Signal(int)

    def __init__(self, session: Session, settings: Settings, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.settings = settings

        self.device_picker = DevicePicker(settings.get(Key.DEVICE))
        self.language_picker = LanguagePicker(settings.get(Key.LANGUAGE))
        self.vocabulary_field = VocabularyField(
            tooltip=self.tr(
                "Names and terms (people, places, jargon) that Whisper should spell right "
                "in this recording's live captions and transcript, separated by commas. It "
                "starts as the vocabulary of Preferences; change it before recording."
            )
        )
        if session.vocabulary or session.status is not SessionStatus.IDLE:
            self.vocabulary_field.set_terms(session.vocabulary)  # a session reopened
        else:
            self.vocabulary_field.set_terms(parse_vocabulary(settings.get(Key.VOCABULARY)))
        self.speakers_field = SpeakerField(settings.get(Key.SPEAKERS))
        self.call_box = QCheckBox(self.tr("Also the computer's sound"))
        you, others = channel_names()  # the speakers' names as the transcript shows them
        self.call_box.setToolTip(
            self.tr(
                'Record a call: the microphone is "{you}" (channel 1) and what the computer '
                'plays is "{others}" (channel 2), each transcribed and labelled on its own. '
                "Without headphones the microphone hears the others too: a word heard on both "
                "sides is kept once, where it is louder. {help}"
            ).format(you=you, others=others, help=loopback_help())
        )
        self.other_side_picker = DevicePicker(settings.get(Key.SYSTEM_AUDIO), system_audio=True)
        self.call_box.toggled.connect(self.other_side_picker.setEnabled)
        self.other_side_picker.setEnabled(False)
        self.record_button = QPushButton(self.tr("Record"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.transcribe_button = QPushButton(self.tr("Transcribe recording"))
        self.transcribe_button.setToolTip(
            self.tr(
                "Write the transcript of the audio recorded so far (it never got its final pass)"
            )
        )
        self.level_meter = LevelMeter()
        self.quiet_label = QLabel(self.tr("Very quiet"))  # shown while the input is brought up
        self.quiet_label.setStyleSheet("color: #e65100;")
        self.quiet_label.setToolTip(
            self.tr(
                "The input hears very little: its sound is brought up for the captions and the "
                "transcript, but the recording keeps it as it is, quiet. If someone is "
                "speaking, raise the microphone's volume in the system's sound settings."
            )
        )
        self.quiet_label.hide()
        self._words_at = -math.inf  # when the captions last had words (monotonic clock)
        self.elapsed = QLabel(clock(0))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.hide()
        self.captions = CaptionView()
        self.transcript_view = TranscriptView(session)
        self.transcript_view.changed.connect(self._on_corrected)
        self.transcript_view.failed.connect(lambda text: self._show_status(text, error=True))
        self.pages = QStackedWidget()  # the captions while recording, then the transcript
        self.pages.addWidget(self.captions)
        self.pages.addWidget(self.transcript_view)
        self.speaker_list = SpeakerList()
        self.speaker_list.rename_requested.connect(self.rename_speaker)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.pages)
        self.splitter.addWidget(self.speaker_list)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setSizes([700, 240])

        controls = QGridLayout()
        # Each label names its field (screen readers say it; Alt+its letter goes there).
        fields = (
            (self.tr("&Microphone:"), self.device_picker, 0, 0),
            (self.tr("&Language:"), self.language_picker, 0, 2),
            (self.tr("V&ocabulary:"), self.vocabulary_field, 1, 0),
            (self.tr("&Speakers:"), self.speakers_field, 1, 2),
        )
        for text, field, row, column in fields:
            label = QLabel(text)
            label.setBuddy(field)
            controls.addWidget(label, row, column)
            controls.addWidget(field, row, column + 1)
        # a row of its own: beside the others, the window was wider than a 1366-pixel laptop
        # screen at 125 % in Portuguese ("Gravar também o som do computador")
        controls.addWidget(self.call_box, 2, 0, 1, 2)
        controls.addWidget(self.other_side_picker, 2, 2, 1, 2)
        controls.setColumnStretch(1, 2)
        controls.setColumnStretch(3, 1)
        buttons = QHBoxLayout()
        for widget in (self.record_button, self.pause_button, self.stop_button):
            buttons.addWidget(widget)
        buttons.addWidget(self.level_meter, 1)
        buttons.addWidget(self.quiet_label)
        buttons.addWidget(self.elapsed)
        status = QHBoxLayout()
        status.addWidget(self.status_label, 1)
        status.addWidget(self.transcribe_button)
        status.addWidget(self.progress)
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(buttons)
        layout.addLayout(status)
        layout.addWidget(self.splitter, 1)

        self.record_button.clicked.connect(self.record)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        self.transcribe_button.clicked.connect(self.transcribe_recording)
        self._space = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        self._space.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._space.setWhatsThis(self.tr("Record, pause or resume the recording"))
        self._space.activated.connect(self._on_space)
        session.status_changed.connect(self._on_status)
        session.caption.connect(self._on_caption)
        session.level.connect(self.level_meter.set_level)
        session.progress.connect(self._on_progress)
        self._clock = QTimer(self)
        self._clock.timeout.connect(self._tick)
        self._clock.start(500)
        wheel_zoom = WheelZoom(self)
        wheel_zoom.watch(self.captions.viewport())
        wheel_zoom.watch(self.transcript_view.table.viewport())
        wheel_zoom.requested.connect(self.zoom_requested)
        self.model_ready(session.engine.model_loaded)
        self._on_status(session.status.value, session.message)
        self.device_picker.problem_found.connect(self._on_device_problem)

    def set_text_size(self, points: float) -> None:
        """Show the captions and the transcript at ``points`` (``text_size.NORMAL``: the
        interface's size; the window's ``TextSize`` says which, as the tab opens and on each
        change)."""
        font = text_font(points)
        self.captions.setFont(font)
        self.transcript_view.set_text_font(font)

    # -- intents -------------------------------------------------------------------------------
    @property
    def reviewing(self) -> bool:
        """The tab shows its transcript for review (not the captions)."""
        return self.pages.currentWidget() is self.transcript_view

    @property
    def title(self) -> str:
        dot = RECORDING_DOT if self.session.status is SessionStatus.RECORDING else ""
        return dot + self.session.name

    @Slot()
    def record(self) -> None:
        try:
            system_audio = None
            if self.call_box.isChecked():
                system_audio = self.other_side_picker.device or default_system_audio().name
            self.session.start(
                device=self.device_picker.device or None,
                language=self.language_picker.language,
                vocabulary=self.vocabulary_field.terms,
                speakers=self.speakers_field.setting,
                system_audio=system_audio,
            )
        except TranscrevaiError as error:
            self._show_status(
                self.tr("Could not start recording: {error}").format(error=error), error=True
            )
            return
        self.settings.set(Key.DEVICE, self.device_picker.device)
        if system_audio:
            self.settings.set(Key.SYSTEM_AUDIO, self.other_side_picker.device)
        self.settings.set(Key.LANGUAGE, self.language_picker.code)
        self.settings.set(Key.SPEAKERS, str(self.speakers_field.setting))

    def follow_preferences(self, before: Mapping[Key, str]) -> None:
        """Preferences changed from ``before`` (the values of ``FOLLOWED``): a tab that has
        not recorded yet takes the new default language, microphone, call device and
        vocabulary where it still shows the old ones (what the user chose in it stays). The tab
        the window opens at start is the one most users record in right after Preferences."""
        if self.session.status is not SessionStatus.IDLE:
            return
        for key, picker in (
            (Key.DEVICE, self.device_picker),
            (Key.SYSTEM_AUDIO, self.other_side_picker),
        ):
            if picker.device == before[key]:
                picker.select(self.settings.get(key))
        if self.language_picker.code == before[Key.LANGUAGE]:
            self.language_picker.select(self.settings.get(Key.LANGUAGE))
        if self.vocabulary_field.terms == parse_vocabulary(before[Key.VOCABULARY]):
            self.vocabulary_field.set_terms(parse_vocabulary(self.settings.get(Key.VOCABULARY)))

    @Slot(str, str)
    def rename_speaker(self, speaker_id: str, name: str) -> None:
        """Name a speaker in the transcript and its files (an undoable step of the review);
        the captions and the list show it, and a failed rename the old name again."""
        self._show_status(self._status_text(self.session.status, self.session.message))
        self.transcript_view.rename_speaker(speaker_id, name)
        self.speaker_list.set_speakers(self.transcript_view.model.transcript.speakers)

    @Slot()
    def toggle_pause(self) -> None:
        if self.session.status is SessionStatus.PAUSED:
            self.session.resume()
        else:
            self.session.pause()

    @Slot()
    def _on_space(self) -> None:
        """Space is the focused control's where it has a use there (a button or check box
        presses, a list opens: the shortcut took it, so that Space on a ticked-to-be "Also the
        computer's sound" started a recording without it), else ``toggle``."""
        if not press_focused(self):
            self.toggle()

    def toggle(self) -> None:
        """Space: record when idle, pause or resume while recording."""
        if self.session.status is SessionStatus.IDLE:
            self.record()
        elif self.session.status in CAPTURING:
            self.toggle_pause()

    @Slot()
    def stop(self) -> None:
        """Stop recording; or, while the transcript is being written (a long file opened by
        mistake, a meeting's final pass that holds the CPU), stop writing it, once asked:
        *Transcribe recording* writes it later (``Session.skip_final_pass``)."""
        if self.session.status is not SessionStatus.PROCESSING:
            self.session.stop()
            return
        answer = QMessageBox.question(  # No first: a double-click on Stop lands here
            self,
            self.tr("Stop"),
            self.tr("Stop writing the transcript? Transcribe recording writes it later."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.session.skip_final_pass()

    @Slot()
    def transcribe_recording(self) -> None:
        try:
            self.session.transcribe_recording()
        except TranscrevaiError as error:
            self._show_status(str(error), error=True)

    def model_ready(self, ready: bool, error: str = "") -> None:
        """Say on the Record button whether the model is loaded, loading, or failed to load
        (``error``, its sentence)."""
        if ready:
            text, tip = self.tr("Record"), self.tr("Start recording")
        elif error:
            text = self.tr("Record (no model)")
            tip = self.tr(
                "{error}\nA recording keeps its audio, without captions or a transcript until "
                "a model loads: choose one in Preferences → Model."
            ).format(error=error)
        else:
            text = self.tr("Record (model loading…)")
            tip = self.tr(
                "The model is still loading: recording starts now, captions when it is ready"
            )
        self.record_button.setText(text)
        self.record_button.setToolTip(tip)

    # -- showing the session ------------------------------------------------------------------
    def _status_text(self, status: SessionStatus, message: str) -> str:
        """The status in words, and the session's message (from the core) after it."""
        text = QCoreApplication.translate("SessionTab", _STATUS_TEXT[status])
        if not message:
            return text
        return self.tr("{status}: {message}").format(status=text, message=message)

    def _show_status(self, text: str, error: bool = False) -> None:
        self.status_label.setText(text)
        self.status_label.setStyleSheet("color: #c62828;" if error else "")

    @Slot(str, str)
    def _on_status(self, status: str, message: str) -> None:
        state = SessionStatus(status)
        idle = state is SessionStatus.IDLE
        self.record_button.setEnabled(idle)
        self._space.setEnabled(idle or state in CAPTURING)  # then Space is the player's
        self.device_picker.setEnabled(idle)
        self.language_picker.setEnabled(idle)
        self.vocabulary_field.setEnabled(idle)
        if not idle:  # what the session uses (or used), not what Preferences say today
            self.vocabulary_field.set_terms(self.session.vocabulary)
            used = self.session.language or self.session.detected_language
            self.language_picker.select(used or AUTO)
            if self.session.device:
                self.device_picker.show_only(self.session.device)
        self.vocabulary_field.setPlaceholderText(
            placeholder() if idle else self.tr("No vocabulary")
        )
        self.speakers_field.setEnabled(idle)
        self.call_box.setEnabled(idle)
        # recording or recorded, the microphone's field names both inputs
        self.other_side_picker.setVisible(idle)
        if not idle:  # the setting the session uses (or used)
            self.speakers_field.set_setting(self.session.speakers)
            self.call_box.setChecked(bool(self.session.channel_names))
        self.pause_button.setEnabled(state in CAPTURING)
        self.pause_button.setText(
            self.tr("Resume") if state is SessionStatus.PAUSED else self.tr("Pause")
        )
        processing = state is SessionStatus.PROCESSING
        self.stop_button.setEnabled(state in CAPTURING or processing)
        self.stop_button.setToolTip(
            self.tr("Stop writing the transcript: Transcribe recording writes it later")
            if processing
            else ""
        )
        self.progress.setVisible(state is SessionStatus.PROCESSING)
        unfinished = state in TRANSCRIBABLE
        self.transcribe_button.setVisible(unfinished and "audio" in self.session.files)
        if state not in CAPTURING:
            self.level_meter.reset_level()
        self._show_status(self._status_text(state, message), error=state is SessionStatus.ERROR)
        if state is SessionStatus.COMPLETE:
            transcript = self.session.transcript()
            if transcript is not None:
                self._show_transcript(transcript)
        self.title_changed.emit()

    def _show_transcript(self, transcript: Transcript) -> None:
        self.captions.show_transcript(transcript)
        self.transcript_view.show_transcript(transcript)
        self.pages.setCurrentWidget(self.transcript_view)
        self.speaker_list.set_speakers(transcript.speakers)

    @Slot(str)
    def _on_device_problem(self, sentence: str) -> None:
        """The inputs could not be listed: said while the tab has not recorded."""
        if self.session.status is SessionStatus.IDLE:
            self._show_status(sentence, error=True)

    @Slot(object)
    def _on_corrected(self, transcript: Transcript) -> None:
        """A correction (or a revert) was made: the captions and talk times follow it."""
        self.captions.show_transcript(transcript)
        self.speaker_list.set_speakers(transcript.speakers)

    @Slot(object)
    def _on_caption(self, event: CaptionEvent) -> None:
        self.captions.add(event)
        if event.text:
            self._words_at = time.monotonic()

    @Slot(float)
    def _on_progress(self, fraction: float) -> None:
        self.progress.setValue(int(fraction * 100))

    @Slot()
    def _tick(self) -> None:
        self.elapsed.setText(clock(self.session.recorded_seconds))
        # speech heard brought up: a silent room brought up is no news
        speaking = time.monotonic() - self._words_at < QUIET_WORDS
        recording = self.session.status is SessionStatus.RECORDING
        self.quiet_label.setVisible(
            recording and speaking and self.session.input_gain >= QUIET_GAIN
        )
        self.session.touch()  # a session open in a tab is in use: idle clean-up leaves it
