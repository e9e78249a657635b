"""How many people speak in a recording: Automatic (counted by the final pass) or a number.

The picker offers Automatic (shown at value 0) and a fixed count from 1 to ``MAX_SPEAKERS``.
It never offers "off" (no speaker labels): that stays a command-line choice. A session that
was transcribed with labels off (``transcrevai transcribe --speakers off``) and is reopened in
a tab shows "Off", not "Automatic", so the tab does not claim speakers were counted; the tab
disables the picker for any session already recorded, so "Off" is never a value the user can
pick or keep by editing.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QSpinBox, QWidget

from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.speakers import (
    AUTO,
    MAX_SPEAKERS,
    OFF,
    SpeakerSetting,
    parse_speakers,
)
from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

AUTOMATIC_TEXT = QT_TRANSLATE_NOOP("SpeakerCountPicker", "Automatic")  # translated where shown
OFF_TEXT = QT_TRANSLATE_NOOP("SpeakerCountPicker", "Off")


def _translated(text: str) -> str:
    return QCoreApplication.translate("SpeakerCountPicker", text)


class SpeakerCountPicker(QSpinBox):
    """``setting`` is what the core takes: ``AUTO`` or a count (``OFF`` only as shown for a
    session reopened with labels off)."""

    def __init__(self, selected: SpeakerSetting = AUTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, MAX_SPEAKERS)
        self.setSpecialValueText(_translated(AUTOMATIC_TEXT))
        self.setToolTip(
            self.tr(
                "How many people speak: Automatic counts them; a number fixes it. "
                "The transcript names who said what."
            )
        )
        self.setAccessibleName(self.tr("Number of speakers"))
        self._off = False
        self.valueChanged.connect(self._leave_off)
        self.set_setting(selected)

    @property
    def setting(self) -> SpeakerSetting:
        if self._off:
            return OFF
        return AUTO if self.value() == 0 else self.value()

    def set_setting(self, value: SpeakerSetting) -> None:
        """Show ``value``: ``AUTO``, ``OFF`` or a count, or the same as text (as Preferences
        store it); anything else shows Automatic."""
        try:
            setting = parse_speakers(value)
        except TranscrevaiError:
            log.warning("Unknown speaker setting %r: showing Automatic", value)
            setting = AUTO
        self._off = False
        self.setSpecialValueText(_translated(AUTOMATIC_TEXT))
        self.setValue(setting if isinstance(setting, int) else 0)
        if setting == OFF:
            self._off = True
            self.setSpecialValueText(_translated(OFF_TEXT))

    def _leave_off(self, value: int) -> None:
        """Off is only ever shown: once the user picks a count, 0 means Automatic again."""
        if self._off and value != 0:
            self._off = False
            self.setSpecialValueText(_translated(AUTOMATIC_TEXT))
