"""The transcript view's player controls: play/pause, where playback is, and its speed.

The bar shows state and sends intents; the transcript view owns the player.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from transcrevai_desktop.ui.time_text import clock

SPEEDS = (0.75, 1.0, 1.25, 1.5, 1.75, 2.0)


class PlaybackBar(QWidget):
    play_toggled = Signal()
    speed_chosen = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.play_button = QPushButton(self.tr("Play"))
        self.play_button.setToolTip(
            self.tr(
                "Play the recording from the selected segment (Ctrl+Space); Space pauses, "
                "←/→ jump 5 seconds"
            )
        )
        self.position_label = QLabel("0:00")
        self.speed_picker = QComboBox()
        for speed in SPEEDS:
            self.speed_picker.addItem(f"{QLocale().toString(speed, 'g', 6)}×", speed)
        self.speed_picker.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_picker.setToolTip(self.tr("Playback speed (the voice keeps its pitch)"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.play_button)
        layout.addWidget(self.position_label)
        layout.addStretch(1)
        speed_label = QLabel(self.tr("Speed:"))
        speed_label.setBuddy(self.speed_picker)  # a screen reader names the picker by it
        layout.addWidget(speed_label)
        layout.addWidget(self.speed_picker)
        self.play_button.clicked.connect(self.play_toggled)
        self.speed_picker.currentIndexChanged.connect(
            lambda: self.speed_chosen.emit(self.speed_picker.currentData())
        )

    @property
    def speed(self) -> float:
        return float(self.speed_picker.currentData())

    def show_state(self, playing: bool, position: float, duration: float) -> None:
        self.play_button.setText(self.tr("Pause") if playing else self.tr("Play"))
        self.position_label.setText(f"{clock(position)} / {clock(duration)}")
