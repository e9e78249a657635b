"""Input device choice: the system default, then every device PortAudio lists, by name."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from transcrevai_desktop.core.devices import list_input_devices
from transcrevai_desktop.core.errors import TranscrevaiError

SYSTEM_DEFAULT = "System default"


class DevicePicker(QComboBox):
    def __init__(self, selected: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip("Input device")
        self.problem = ""
        self.addItem(SYSTEM_DEFAULT, "")
        try:
            devices = list_input_devices()
        except TranscrevaiError as error:
            self.problem = str(error)
            devices = []
        for device in devices:
            self.addItem(device.name, device.name)
        self.setCurrentIndex(max(0, self.findData(selected)))

    @property
    def device(self) -> str:
        """A device name, or "" for the system default."""
        return self.currentData()
