"""Language names for the pickers: one for every language Whisper knows, translated into the
interface's language and sorted the way its readers sort."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from faster_whisper.tokenizer import _LANGUAGE_CODES
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from transcrevai_desktop.ui.languages import NAMES, language_name, whisper_languages

PORTUGUESE = {
    "Portuguese": "Português",
    "English": "Inglês",
    "Spanish": "Espanhol",
    "German": "Alemão",
    "Arabic": "Árabe",
    "Basque": "Basco",
    "Japanese": "Japonês",
}


class _Portuguese(QTranslator):
    """A few names in Portuguese, as the app's .qm gives them."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return PORTUGUESE.get(source, "") if context == "Language" else ""


@pytest.fixture
def portuguese(qapp: QCoreApplication) -> Iterator[None]:
    translator = _Portuguese()
    assert QCoreApplication.installTranslator(translator)
    before = QLocale()
    QLocale.setDefault(QLocale("pt_BR"))
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)
        QLocale.setDefault(before)  # the C locale left here sorted the library by code point


def test_every_code_faster_whisper_lists_has_a_name() -> None:
    """An upgrade of faster-whisper that adds (or drops) a language fails here: add its name
    to ui/languages.py and its translation."""
    assert set(NAMES) == set(_LANGUAGE_CODES)
    assert len(set(NAMES.values())) == len(NAMES)


def test_names_in_english_and_unknown_codes_as_they_are() -> None:
    assert language_name("pt") == "Portuguese"
    assert language_name("jw") == "Javanese"
    assert language_name("yue") == "Cantonese"
    assert language_name("xx") == "xx"


def test_names_are_translated_and_sorted_in_the_interface_language(portuguese: None) -> None:
    languages = whisper_languages()
    assert languages[0] == ("pt", "Português")
    names = dict(languages)
    assert (names["en"], names["de"], names["ja"]) == ("Inglês", "Alemão", "Japonês")
    order = [code for code, _ in languages]
    # "Árabe" among the A's, not after Z; accents ignored at first
    assert order.index("de") < order.index("ar") < order.index("eu")
    assert order.index("es") < order.index("en") < order.index("ja")  # Espanhol, Inglês, Japonês
