"""The languages Whisper transcribes, with names for pickers: Portuguese first, then the rest.

faster-whisper lists them only in a private name (``tokenizer._LANGUAGE_CODES``; the model's
``supported_languages`` needs a loaded model): it is read here alone, and
tests/test_qt_bindings.py fails when an upgrade moves it. The names are ours (English, marked
for Qt translation in the "Language" context), so the Portuguese interface shows "Inglês";
tests/test_languages.py fails when faster-whisper lists a code this table lacks."""

from __future__ import annotations

from functools import cmp_to_key

from faster_whisper.tokenizer import _LANGUAGE_CODES  # the model's own list of language tokens
from PySide6.QtCore import QCollator, QCoreApplication, QLocale

from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP

FIRST = "pt"

# Whisper's codes (it says "jw" for Javanese, ISO 639-1 "jv") → English names.
NAMES: dict[str, str] = {
    "af": QT_TRANSLATE_NOOP("Language", "Afrikaans"),
    "am": QT_TRANSLATE_NOOP("Language", "Amharic"),
    "ar": QT_TRANSLATE_NOOP("Language", "Arabic"),
    "as": QT_TRANSLATE_NOOP("Language", "Assamese"),
    "az": QT_TRANSLATE_NOOP("Language", "Azerbaijani"),
    "ba": QT_TRANSLATE_NOOP("Language", "Bashkir"),
    "be": QT_TRANSLATE_NOOP("Language", "Belarusian"),
    "bg": QT_TRANSLATE_NOOP("Language", "Bulgarian"),
    "bn": QT_TRANSLATE_NOOP("Language", "Bengali"),
    "bo": QT_TRANSLATE_NOOP("Language", "Tibetan"),
    "br": QT_TRANSLATE_NOOP("Language", "Breton"),
    "bs": QT_TRANSLATE_NOOP("Language", "Bosnian"),
    "ca": QT_TRANSLATE_NOOP("Language", "Catalan"),
    "cs": QT_TRANSLATE_NOOP("Language", "Czech"),
    "cy": QT_TRANSLATE_NOOP("Language", "Welsh"),
    "da": QT_TRANSLATE_NOOP("Language", "Danish"),
    "de": QT_TRANSLATE_NOOP("Language", "German"),
    "el": QT_TRANSLATE_NOOP("Language", "Greek"),
    "en": QT_TRANSLATE_NOOP("Language", "English"),
    "es": QT_TRANSLATE_NOOP("Language", "Spanish"),
    "et": QT_TRANSLATE_NOOP("Language", "Estonian"),
    "eu": QT_TRANSLATE_NOOP("Language", "Basque"),
    "fa": QT_TRANSLATE_NOOP("Language", "Persian"),
    "fi": QT_TRANSLATE_NOOP("Language", "Finnish"),
    "fo": QT_TRANSLATE_NOOP("Language", "Faroese"),
    "fr": QT_TRANSLATE_NOOP("Language", "French"),
    "gl": QT_TRANSLATE_NOOP("Language", "Galician"),
    "gu": QT_TRANSLATE_NOOP("Language", "Gujarati"),
    "ha": QT_TRANSLATE_NOOP("Language", "Hausa"),
    "haw": QT_TRANSLATE_NOOP("Language", "Hawaiian"),
    "he": QT_TRANSLATE_NOOP("Language", "Hebrew"),
    "hi": QT_TRANSLATE_NOOP("Language", "Hindi"),
    "hr": QT_TRANSLATE_NOOP("Language", "Croatian"),
    "ht": QT_TRANSLATE_NOOP("Language", "Haitian Creole"),
    "hu": QT_TRANSLATE_NOOP("Language", "Hungarian"),
    "hy": QT_TRANSLATE_NOOP("Language", "Armenian"),
    "id": QT_TRANSLATE_NOOP("Language", "Indonesian"),
    "is": QT_TRANSLATE_NOOP("Language", "Icelandic"),
    "it": QT_TRANSLATE_NOOP("Language", "Italian"),
    "ja": QT_TRANSLATE_NOOP("Language", "Japanese"),
    "jw": QT_TRANSLATE_NOOP("Language", "Javanese"),
    "ka": QT_TRANSLATE_NOOP("Language", "Georgian"),
    "kk": QT_TRANSLATE_NOOP("Language", "Kazakh"),
    "km": QT_TRANSLATE_NOOP("Language", "Khmer"),
    "kn": QT_TRANSLATE_NOOP("Language", "Kannada"),
    "ko": QT_TRANSLATE_NOOP("Language", "Korean"),
    "la": QT_TRANSLATE_NOOP("Language", "Latin"),
    "lb": QT_TRANSLATE_NOOP("Language", "Luxembourgish"),
    "ln": QT_TRANSLATE_NOOP("Language", "Lingala"),
    "lo": QT_TRANSLATE_NOOP("Language", "Lao"),
    "lt": QT_TRANSLATE_NOOP("Language", "Lithuanian"),
    "lv": QT_TRANSLATE_NOOP("Language", "Latvian"),
    "mg": QT_TRANSLATE_NOOP("Language", "Malagasy"),
    "mi": QT_TRANSLATE_NOOP("Language", "Maori"),
    "mk": QT_TRANSLATE_NOOP("Language", "Macedonian"),
    "ml": QT_TRANSLATE_NOOP("Language", "Malayalam"),
    "mn": QT_TRANSLATE_NOOP("Language", "Mongolian"),
    "mr": QT_TRANSLATE_NOOP("Language", "Marathi"),
    "ms": QT_TRANSLATE_NOOP("Language", "Malay"),
    "mt": QT_TRANSLATE_NOOP("Language", "Maltese"),
    "my": QT_TRANSLATE_NOOP("Language", "Burmese"),
    "ne": QT_TRANSLATE_NOOP("Language", "Nepali"),
    "nl": QT_TRANSLATE_NOOP("Language", "Dutch"),
    "nn": QT_TRANSLATE_NOOP("Language", "Norwegian Nynorsk"),
    "no": QT_TRANSLATE_NOOP("Language", "Norwegian"),
    "oc": QT_TRANSLATE_NOOP("Language", "Occitan"),
    "pa": QT_TRANSLATE_NOOP("Language", "Punjabi"),
    "pl": QT_TRANSLATE_NOOP("Language", "Polish"),
    "ps": QT_TRANSLATE_NOOP("Language", "Pashto"),
    "pt": QT_TRANSLATE_NOOP("Language", "Portuguese"),
    "ro": QT_TRANSLATE_NOOP("Language", "Romanian"),
    "ru": QT_TRANSLATE_NOOP("Language", "Russian"),
    "sa": QT_TRANSLATE_NOOP("Language", "Sanskrit"),
    "sd": QT_TRANSLATE_NOOP("Language", "Sindhi"),
    "si": QT_TRANSLATE_NOOP("Language", "Sinhala"),
    "sk": QT_TRANSLATE_NOOP("Language", "Slovak"),
    "sl": QT_TRANSLATE_NOOP("Language", "Slovenian"),
    "sn": QT_TRANSLATE_NOOP("Language", "Shona"),
    "so": QT_TRANSLATE_NOOP("Language", "Somali"),
    "sq": QT_TRANSLATE_NOOP("Language", "Albanian"),
    "sr": QT_TRANSLATE_NOOP("Language", "Serbian"),
    "su": QT_TRANSLATE_NOOP("Language", "Sundanese"),
    "sv": QT_TRANSLATE_NOOP("Language", "Swedish"),
    "sw": QT_TRANSLATE_NOOP("Language", "Swahili"),
    "ta": QT_TRANSLATE_NOOP("Language", "Tamil"),
    "te": QT_TRANSLATE_NOOP("Language", "Telugu"),
    "tg": QT_TRANSLATE_NOOP("Language", "Tajik"),
    "th": QT_TRANSLATE_NOOP("Language", "Thai"),
    "tk": QT_TRANSLATE_NOOP("Language", "Turkmen"),
    "tl": QT_TRANSLATE_NOOP("Language", "Tagalog"),
    "tr": QT_TRANSLATE_NOOP("Language", "Turkish"),
    "tt": QT_TRANSLATE_NOOP("Language", "Tatar"),
    "uk": QT_TRANSLATE_NOOP("Language", "Ukrainian"),
    "ur": QT_TRANSLATE_NOOP("Language", "Urdu"),
    "uz": QT_TRANSLATE_NOOP("Language", "Uzbek"),
    "vi": QT_TRANSLATE_NOOP("Language", "Vietnamese"),
    "yi": QT_TRANSLATE_NOOP("Language", "Yiddish"),
    "yo": QT_TRANSLATE_NOOP("Language", "Yoruba"),
    "yue": QT_TRANSLATE_NOOP("Language", "Cantonese"),
    "zh": QT_TRANSLATE_NOOP("Language", "Chinese"),
}


def language_name(code: str) -> str:
    """Name of a Whisper language code in the interface's language ("pt" → "Portuguese", or
    "Português" in the Portuguese interface); the code itself if unknown."""
    english = NAMES.get(code)
    if english is None:
        return code
    return QCoreApplication.translate("Language", english)


def language_in_sentence(code: str) -> str:
    """``language_name`` as a sentence writes it: English capitalises a language's name,
    Portuguese does not ("Para fala em português")."""
    name = language_name(code)
    if QLocale().language() == QLocale.Language.English:
        return name
    return name[:1].lower() + name[1:]


def whisper_languages() -> list[tuple[str, str]]:
    """(code, name) for every Whisper language: Portuguese first, the others by their shown
    name, in the current locale's order ("Árabe" among the A's)."""
    collator = QCollator(QLocale())

    def by_name(a: tuple[str, str], b: tuple[str, str]) -> int:
        return collator.compare(a[1], b[1]) or (a[0] > b[0]) - (a[0] < b[0])  # then by code

    others = [(code, language_name(code)) for code in _LANGUAGE_CODES if code != FIRST]
    return [(FIRST, language_name(FIRST)), *sorted(others, key=cmp_to_key(by_name))]
