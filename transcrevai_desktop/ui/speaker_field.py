"""Who speaks in a recording, as the user sets it before recording or opening a file: a count
of voices (``SpeakerCountPicker``: Automatic or a number) or "Each channel is a person" (a
two-microphone interview, a call recorded as microphone and system audio: each channel is
transcribed on its own and labelled "Channel 1", "Channel 2")."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.speakers import AUTO, CHANNELS, SpeakerSetting, parse_speakers
from transcrevai_desktop.core.transcript import default_name
from transcrevai_desktop.ui.speaker_count_picker import SpeakerCountPicker


class SpeakerField(QWidget):
    """``setting`` is what the core takes: ``CHANNELS``, or the count picker's."""

    def __init__(self, selected: SpeakerSetting = AUTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = SpeakerCountPicker()
        self.by_channel = QCheckBox(self.tr("Each channel is a person"))
        self.by_channel.setToolTip(
            self.tr(
                "For a recording with one person on each channel (two microphones, or a call "
                "recorded as microphone and system audio): each channel is transcribed on its "
                "own and labelled {first}, {second}. A mono recording is labelled by voice "
                "instead."
            ).format(first=default_name("C1"), second=default_name("C2"))
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.count)
        layout.addWidget(self.by_channel)
        self.setFocusProxy(self.count)  # its label's Alt+letter, and a screen reader's name
        self.by_channel.toggled.connect(self._by_channel_toggled)
        self.set_setting(selected)

    @property
    def setting(self) -> SpeakerSetting:
        return CHANNELS if self.by_channel.isChecked() else self.count.setting

    def set_setting(self, value: SpeakerSetting) -> None:
        """Show ``value`` (a setting, or its text as the settings store it)."""
        try:
            channels = parse_speakers(value) == CHANNELS
        except TranscrevaiError:
            channels = False
        self.by_channel.setChecked(channels)
        self.count.set_setting(AUTO if channels else value)

    @Slot(bool)
    def _by_channel_toggled(self, checked: bool) -> None:
        self.count.setEnabled(not checked)
