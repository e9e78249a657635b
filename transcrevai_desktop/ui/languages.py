"""The languages Whisper transcribes, with names for pickers: Portuguese first, then the rest.

faster-whisper lists them only in a private name (``tokenizer._LANGUAGE_CODES``; the model's
``supported_languages`` needs a loaded model): it is read here alone, and
tests/test_qt_bindings.py fails when an upgrade moves it."""

from __future__ import annotations

from faster_whisper.tokenizer import _LANGUAGE_CODES  # the model's own list of language tokens
from PySide6.QtCore import QLocale

FIRST = "pt"
_QLOCALE_ALIASES = {"jw": "jv"}  # Whisper says "jw" for Javanese; ISO 639-1 says "jv"


def language_name(code: str) -> str:
    """English name of a Whisper language code ("pt" → "Portuguese"); the code if unknown."""
    locale = QLocale(_QLOCALE_ALIASES.get(code, code))
    if locale.language() == QLocale.Language.C:
        return code
    return QLocale.languageToString(locale.language())


def whisper_languages() -> list[tuple[str, str]]:
    """(code, name) for every Whisper language: Portuguese first, the others by name."""
    others = sorted((language_name(code), code) for code in _LANGUAGE_CODES if code != FIRST)
    return [(FIRST, language_name(FIRST)), *((code, name) for name, code in others)]
