"""Input device choice: the system default, then every input by name (on a PulseAudio or
PipeWire desktop every microphone and "System audio: <output>"; see ``core.devices``).

The list is read again, off the GUI thread (``ui.input_list``), when the picker is made and
each time it opens, so a headset plugged in meanwhile is there a moment later. A device chosen
before (in Preferences, or last time) that is not connected stays selected, marked "not
connected": recording then fails with an error naming it, rather than silently recording
another microphone.

With ``system_audio``, it picks where a call's other side is heard instead: the default
output's sound (what the call box records unless told otherwise), then each "System audio:
<output>". A call app that plays to a headset while the computer's default output is its
speakers is heard only through the headset's.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QComboBox, QWidget

from transcrevai_desktop.core.capture import FILE_DEVICE
from transcrevai_desktop.core.devices import Inputs, loopback_help
from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.pulse_sources import SYSTEM_AUDIO, shown_device
from transcrevai_desktop.ui.input_list import InputList

MIN_CHARS = 16  # characters of a device's name the picker shows at least


class DevicePicker(QComboBox):
    problem_found = Signal(str)  # the inputs could not be listed: why, in a sentence

    def __init__(
        self,
        selected: str = "",
        parent: QWidget | None = None,
        *,
        system_audio: bool = False,
        inputs: InputList | None = None,
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
        self._inputs = inputs or InputList.shared()
        self._shows_only = False  # a recording's input, nothing to pick
        self._fill(selected)
        self._request = self._inputs.refresh()
        self._inputs.changed.connect(self._relist)

    @property
    def listed(self) -> bool:
        """Whether the list shown was read since the picker was made or its list last
        opened."""
        return self._inputs.answers(self._request)

    @property
    def device(self) -> str:
        """A device name, or "" for the system default (the default output's sound)."""
        return str(self.currentData())

    def select(self, device: str) -> None:
        """Choose ``device`` ("" for the default), listed as "not connected" if it is not."""
        self._shows_only = False
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
        self._shows_only = True
        if self.count() != 1 or self.itemData(0) != name:
            self.clear()
            self.addItem(self._shown(name), name)

    def showPopup(self) -> None:
        self._request = self._inputs.refresh()
        super().showPopup()

    @Slot()
    def _relist(self) -> None:
        if self._inputs.problem:
            self.problem_found.emit(self._inputs.problem)
        if not self._shows_only:
            self._fill(self.device)

    def _fill(self, selected: str) -> None:
        """The inputs of the last list read, ``selected`` among them (marked if it is not
        connected); the items are set again only where they change, so an open list stays as
        it is when a new read finds the same inputs."""
        inputs = self._inputs.inputs
        items = [
            (
                self.tr("The default output's sound")
                if self._system_audio
                else self.tr("System default"),
                "",
            )
        ]
        for device in inputs.offered if inputs is not None else ():
            if self._system_audio and not device.is_system_audio:
                continue
            items.append((self._shown(device.name), device.name))
        if selected and selected not in (name for _, name in items):
            connected = inputs is None or _openable(inputs, selected)  # None: not read yet
            shown = self._shown(selected)
            if not connected:
                shown = self.tr("{device} (not connected)").format(device=shown)
            items.append((shown, selected))
        if items != [(self.itemText(i), self.itemData(i)) for i in range(self.count())]:
            self.clear()
            for text, name in items:
                self.addItem(text, name)
        self.setCurrentIndex(max(0, self.findData(selected)))


def _openable(inputs: Inputs, name: str) -> bool:
    """Whether ``name`` still opens a device though it is not listed (PortAudio's ``pulse``
    or ``default``, chosen before the list showed the sound server's inputs)."""
    try:
        inputs.find(name)
    except TranscrevaiError:
        return False
    return True
