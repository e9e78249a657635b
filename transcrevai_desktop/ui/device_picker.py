"""Input device choice: the system default, then every input by name (on a PulseAudio or
PipeWire desktop every microphone and "System audio: <output>"; see ``core.devices``).

The list is read again each time it opens, so a headset plugged in meanwhile is there. A device
chosen before (in Preferences, or last time) that is not connected stays selected, marked "not
connected": recording then fails with an error naming it, rather than silently recording
another microphone.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from transcrevai_desktop.core.devices import LOOPBACK_HELP, find_input_device, list_input_devices
from transcrevai_desktop.core.errors import TranscrevaiError

SYSTEM_DEFAULT = "System default"
NOT_CONNECTED = " (not connected)"
TOOLTIP = (
    'Input device. On Linux, "System audio: …" records what the computer plays (the other '
    f"side of a call). {LOOPBACK_HELP} It then appears in this list."
)


class DevicePicker(QComboBox):
    def __init__(self, selected: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip(TOOLTIP)
        self.problem = ""
        self._fill(selected)

    @property
    def device(self) -> str:
        """A device name, or "" for the system default."""
        return self.currentData()

    def showPopup(self) -> None:
        self._fill(self.device)
        super().showPopup()

    def _fill(self, selected: str) -> None:
        """The inputs connected now, ``selected`` among them (marked if it is not)."""
        self.clear()
        self.problem = ""
        self.addItem(SYSTEM_DEFAULT, "")
        try:
            devices = list_input_devices()
        except TranscrevaiError as error:
            self.problem = str(error)
            devices = []
        for device in devices:
            self.addItem(device.name, device.name)
        if selected and self.findData(selected) < 0:
            self.addItem(selected + ("" if _openable(selected) else NOT_CONNECTED), selected)
        self.setCurrentIndex(max(0, self.findData(selected)))


def _openable(name: str) -> bool:
    """Whether ``name`` still opens a device though it is not listed (PortAudio's ``pulse``
    or ``default``, chosen before the list showed the sound server's inputs)."""
    try:
        find_input_device(name)
    except TranscrevaiError:
        return False
    return True
