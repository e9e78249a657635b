"""The inputs connected now, as every device picker of the window lists them: read off the GUI
thread, since the sound server answers in milliseconds but a hung PipeWire or PulseAudio takes
``ANSWER_TIMEOUT`` (2 s) to give up on, which froze the window at each new tab (two pickers)
and each opening of a picker's list.

A picker asks for a new read when it is made and each time its list opens; requests made
during a read coalesce into one more read after it. Meanwhile the pickers show the last list
read (or, before the first, the device chosen before and the system default)."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QCoreApplication, QObject, Signal

from transcrevai_desktop.core.devices import Inputs, connected_inputs
from transcrevai_desktop.ui.background import Background


class InputList(QObject):
    changed = Signal()  # a new list was read (``inputs`` and ``problem``)
    _shared: ClassVar[InputList | None] = None

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._background = Background(self)
        self.inputs: Inputs | None = None  # None until the first read
        self.problem = ""  # why the last read found no list, in a sentence
        self._asked = 0  # requests made
        self._answered = 0  # requests that the last list read answers
        self._reading: int | None = None  # those that the read under way will answer

    @classmethod
    def shared(cls) -> InputList:
        """The application's list, which every picker shares."""
        if cls._shared is None:
            cls._shared = cls(QCoreApplication.instance())
        return cls._shared

    def refresh(self) -> int:
        """Read the list again; returns the request's number, for ``answers``."""
        self._asked += 1
        if self._reading is None:
            self._read()
        return self._asked

    def answers(self, request: int) -> bool:
        """Whether the list now held was read after request number ``request`` was made."""
        return self._answered >= request

    def _read(self) -> None:
        self._reading = self._asked
        self._background.run(connected_inputs, self._arrived, self._failed)

    def _arrived(self, inputs: Inputs) -> None:
        self.inputs, self.problem = inputs, ""
        self._done()

    def _failed(self, sentence: str) -> None:
        self.inputs, self.problem = Inputs((), ()), sentence
        self._done()

    def _done(self) -> None:
        assert self._reading is not None
        self._answered, self._reading = self._reading, None
        if self._asked > self._answered:
            self._read()
        self.changed.emit()
