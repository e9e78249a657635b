"""Language choice: Portuguese first, then automatic detection, then every Whisper language."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from transcrevai_desktop.ui.languages import whisper_languages

AUTO = "auto"


MIN_CHARS = 12  # characters the picker shows at least


class LanguagePicker(QComboBox):
    def __init__(self, selected: str = AUTO, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip(self.tr("Language spoken"))
        # As wide as a name, not as the longest of 99 names nor as "Detect automatically",
        # which the tab's row gives room to when it has it: the window fits a small laptop's
        # screen in Portuguese too ("Detectar automaticamente").
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(MIN_CHARS)
        languages = whisper_languages()
        self.addItem(languages[0][1], languages[0][0])
        self.addItem(self.tr("Detect automatically"), AUTO)
        for code, name in languages[1:]:
            self.addItem(name, code)
        self.select(selected)

    def select(self, code: str) -> None:
        self.setCurrentIndex(max(0, self.findData(code)))

    @property
    def code(self) -> str:
        """A Whisper language code, or ``auto``."""
        return str(self.currentData())

    @property
    def language(self) -> str | None:
        """What the core takes: a code, or None to detect."""
        return None if self.code == AUTO else self.code
