"""A one-line field for a vocabulary: names and terms Whisper should spell right."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLineEdit, QStyle, QWidget

from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP
from transcrevai_desktop.core.vocabulary import format_vocabulary, parse_vocabulary, too_long

PLACEHOLDER = QT_TRANSLATE_NOOP(
    "VocabularyField", "Names and terms, separated by commas: Lisboa, CORAA, faster-whisper"
)  # the English source: ``placeholder()`` is the text shown


def placeholder() -> str:
    """The field's placeholder in the interface's language."""
    return QCoreApplication.translate("VocabularyField", PLACEHOLDER)


class VocabularyField(QLineEdit):
    """The terms as the user writes them ("Lisboa, CORAA, faster-whisper"); ``terms`` is
    what the core takes."""

    def __init__(self, text: str = "", tooltip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setPlaceholderText(placeholder())
        self.setClearButtonEnabled(True)
        if tooltip:
            self.setToolTip(tooltip)
        # a warning sign in the field when Whisper is not given every term (``too_long``):
        # forty names pasted in were saved and shown, and fifteen of them used, silently
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.length_warning = self.addAction(warning, QLineEdit.ActionPosition.TrailingPosition)
        self.textChanged.connect(self._check_length)
        self._check_length()

    def _check_length(self) -> None:
        sentence = too_long(self.terms)
        self.length_warning.setToolTip(sentence)
        self.length_warning.setVisible(bool(sentence))
        self.setAccessibleDescription(sentence)

    @property
    def terms(self) -> tuple[str, ...]:
        return parse_vocabulary(self.text())

    def set_terms(self, terms: Iterable[str]) -> None:
        self.setText(format_vocabulary(terms))
        self.setCursorPosition(0)  # a long list shows its first terms
