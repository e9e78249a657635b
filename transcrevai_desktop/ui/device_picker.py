"""Input device choice: the system default, then every input by name (on a PulseAudio or
PipeWire desktop every microphone and "System audio: <output>"; see ``core.devices``).

The list is read again each time it opens, so a headset plugged in meanwhile is there. A device
chosen before (in Preferences, or last time) that is not connected stays selected, marked "not
connected": recording then fails with an error naming it, rather than silently recording
another microphone.

With ``system_audio``, it picks where a call's other side is heard instead: the default
output's sound (what the call box records unless told otherwise), then each "System audio:
<output>". A call app that plays to a headset while the computer's default output is its
speakers is heard only through the headset's.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from transcrevai_desktop.core.capture import FILE_DEVICE
from transcrevai_desktop.core.devices import find_input_device, list_input_devices, loopback_help
from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.pulse_sources import SYSTEM_AUDIO, shown_device

MIN_CHARS = 16  # characters of a device's name the picker shows at least


class DevicePicker(QComboBox):
    def __init__(
        self, selected: str = "", parent: QWidget | None = None, *, system_audio: bool = False
    ) -> None:
        super().__init__(parent)
        # a device's long name ("System audio: Built-in Audio Analog Stereo") is cut, not
        # made the window's minimum width
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(MIN_CHARS)
        self._system_audio = system_audio
        if system_audio:
            self.setToolTip(
                self.tr(
                    "Where the other side of the call is heard: the sound of the computer's "
                    "default output, or of the output the call app plays to (a headset)."
                )
            )
            self.setAccessibleName(self.tr("A call's other side"))
        else:
            self.setToolTip(
                self.tr(
                    'Input device. On Linux, "{system_audio}…" records what the computer plays '
                    "(the other side of a call). {help} It then appears in this list."
                ).format(system_audio=self._shown(SYSTEM_AUDIO), help=loopback_help())
            )
        self.problem = ""
        self._fill(selected)

    @property
    def device(self) -> str:
        """A device name, or "" for the system default (the default output's sound)."""
        return str(self.currentData())

    def select(self, device: str) -> None:
        """Choose ``device`` ("" for the default), listed as "not connected" if it is not."""
        self._fill(device)

    def _shown(self, name: str) -> str:
        """A device's name as listed: a system audio's, a file's and a call's in the
        interface's language (the name itself, saved and matched, stays as the core gives
        it)."""
        if name.startswith(FILE_DEVICE):
            return self.tr("File: {name}").format(name=name.removeprefix(FILE_DEVICE))
        return shown_device(name)

    def show_only(self, name: str) -> None:
        """Show the input a recording used (as the core named it), and nothing else to pick:
        the recording is made."""
        if self.count() != 1 or self.itemData(0) != name:
            self.clear()
            self.addItem(self._shown(name), name)

    def showPopup(self) -> None:
        self._fill(self.device)
        super().showPopup()

    def _fill(self, selected: str) -> None:
        """The inputs connected now, ``selected`` among them (marked if it is not)."""
        self.clear()
        self.problem = ""
        if self._system_audio:
            self.addItem(self.tr("The default output's sound"), "")
        else:
            self.addItem(self.tr("System default"), "")
        try:
            devices = list_input_devices()
        except TranscrevaiError as error:
            self.problem = str(error)
            devices = []
        for device in devices:
            if self._system_audio and not device.is_system_audio:
                continue
            self.addItem(self._shown(device.name), device.name)
        if selected and self.findData(selected) < 0:
            shown = (
                self._shown(selected)
                if _openable(selected)
                else self.tr("{device} (not connected)").format(device=self._shown(selected))
            )
            self.addItem(shown, selected)
        self.setCurrentIndex(max(0, self.findData(selected)))


def _openable(name: str) -> bool:
    """Whether ``name`` still opens a device though it is not listed (PortAudio's ``pulse``
    or ``default``, chosen before the list showed the sound server's inputs)."""
    try:
        find_input_device(name)
    except TranscrevaiError:
        return False
    return True
