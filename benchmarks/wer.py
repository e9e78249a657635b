"""Word and character error rates, with the normaliser every benchmark and test uses.

Normalisation (applied to reference and hypothesis alike): Unicode NFC, lower case, apostrophes
dropped (``don't`` → ``dont``), every other character that is not a letter, digit or
underscore becomes a space, spaces collapsed. Accents are kept (``é`` ≠ ``e``): in Portuguese they
change the word. The distances themselves come from ``jiwer``.

English contractions. With ``language="en"`` a contraction counts as the words it stands for, as
Whisper's own English normaliser counts it (the one its WER figures, and most published ones,
are scored with): ``I'm`` = ``I am``, ``don't`` = ``do not``, ``can't`` = ``cannot`` = ``can
not``, ``won't`` = ``will not``, ``let's`` = ``let us``, ``'re`` → ``are``, ``'ll`` → ``will``,
``'ve`` → ``have``. Unlike Whisper's, ``'s`` and ``'d`` stay as written (the apostrophe
dropped): ``'s`` is also the possessive, and read as ``is`` it made ``beauty's`` two words
against a hypothesis's ``beauties`` (en_sonnet); ``'d`` is ``had`` or ``would``. The rest of
Whisper's normaliser is not taken either: it writes numbers as digits (here they are spelt
out, below), Americanises British spellings and drops "uh" and "um".

Languages written without spaces (Chinese, Japanese, Thai, …): each character is a word
(``transcrevai_desktop.core.word_spacing.pieces``), so their WER is the character error rate
that Whisper's own figures report for them, and a Latin word among them (``用Python``) still
counts as one word (the "mixed error rate" of Chinese–English speech).

Numbers. With ``language=None`` (the default) numbers stay as written: ``10`` and ``ten`` differ.
With ``language="en"`` or ``"pt"`` (Brazilian Portuguese; ``"pt-PT"`` uses European spelling)
numbers written in digits are spelled out with ``num2words`` before the punctuation goes, on both
sides, so a number counts as the same words however it is written:

* ``266`` = ``duzentos e sessenta e seis`` (pt) = ``two hundred and sixty six`` (en; num2words
  writes ``two hundred and sixty-six`` and the hyphen becomes a space like any other). num2words'
  English ``and`` is kept on both sides; a reference written without it (``two hundred sixty
  six``) still matches a hypothesis's ``266``, see below.
* Digits in the **reference** are read as cardinals; leading zeros are read one by one before the
  rest (``01803`` → ``zero one thousand eight hundred and three``; ``007`` → ``zero zero seven``).
* A number in the **hypothesis** is read the way the reference reads it, when the reference does:
  of its candidate readings, the first whose words occur as a contiguous run in the normalised
  reference is used, else the cardinal. The candidates, in that order: the cardinal (as above;
  in pt ``um``/``uma``, ``dois``/``duas`` and ``-entos``/``-entas`` count alike, for feminine
  nouns); in en the same without ``and``; for 1100–2099 the year (``1999`` → ``nineteen ninety
  nine``; in pt that is the cardinal, ``mil novecentos e noventa e nove``); and digit by digit
  (``01803`` → ``zero one eight zero three``, where an English ``0`` may also be ``oh`` and a
  Portuguese ``6`` also ``meia``). So against the reference ``one zero zero zero one nine oh two
  one oh zero one eight zero three`` the hypothesis ``10001 90210 01803`` scores 0, and against
  ``em mil novecentos e noventa e nove`` so does ``em 1999``; ``265`` against ``duzentos e
  sessenta e seis`` does not.
* Decimals: ``2.5`` (en) → ``two point five``, ``2,5`` (pt) → ``dois vírgula cinco``; the
  decimals are read digit by digit, trailing zeros included (``2.50`` → ``two point five zero``);
  in pt a hypothesis may also read them as a cardinal (``2,25`` → ``dois vírgula vinte e cinco``)
  where the reference does. In pt ``2.5`` (a dot not followed by groups of three digits) is a
  decimal too.
* Thousands separators: ``10,001`` (en) and ``10.001`` (pt) are ``10001``.
* Digits said one by one and written with hyphens, three groups of one or two digits or more
  (``9-0-2-1-0``, ``0-1-8-03``), are one number (``90210``, ``01803``), so they read digit by
  digit as the reference does; ``1-2`` and ``2026-11-30`` are left as they are.
* Percentages: ``10%`` → ``ten percent`` (a hypothesis also ``ten per cent``) / ``dez por cento``.
* Ordinals: ``3rd`` → ``third``; ``1º`` → ``primeiro``, ``2ª`` → ``segunda``.

Not handled (left to the ordinary rules, so the digits stay or split at the punctuation): digits
touching letters (``mp3``, ``4k``, ``covid19``), signs and units (``-5`` is read ``5``, ``R$ 10``
and ``$10`` lose the currency word, ``30°C``), times and dates (``10:30`` is two numbers, ``1/2``
two numbers, not a fraction), money read with ``e`` (``2,50`` as ``dois e cinquenta``), ``1o``/
``1a`` or ``1°`` as ordinals, the other meaning of a separator (en ``2,5``; pt ``2.500`` is two
thousand five hundred), runs like ``1,2,3`` or ``1.000.0000`` (kept as digits), and numbers
num2words cannot spell (too large); other languages keep every number as written.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache

import jiwer
from num2words import num2words

from transcrevai_desktop.core.word_spacing import pieces

_APOSTROPHES = re.compile(r"['\u2019\u02bc`´]")
# English contractions and the words they stand for (module docstring), the specific first.
_EN_CONTRACTIONS = tuple(
    (re.compile(pattern), words)
    for pattern, words in (
        (r"\bwon't\b", "will not"),
        (r"\bcan't\b|\bcannot\b", "can not"),
        (r"\blet's\b", "let us"),
        (r"n't\b", " not"),
        (r"'re\b", " are"),
        (r"'ll\b", " will"),
        (r"'ve\b", " have"),
        (r"'m\b", " am"),
    )
)
_HYPHENED_DIGITS = re.compile(r"(?<![\w-])\d{1,2}(?:-\d{1,2}){2,}(?![\w-])")
_NON_WORD = re.compile(r"[^\w\s]|_")

# A reading: for each place, the words that may stand there, the one to write first.
_Reading = tuple[tuple[str, ...], ...]


def normalise(text: str, language: str | None = None, *, reference: str | None = None) -> str:
    """The scoring form of ``text`` (see the module docstring). ``language`` ("en", "pt", …)
    spells numbers out; None keeps them as written. Given the ``reference`` transcript (raw text;
    it is normalised here the same way), ``text`` is treated as a hypothesis and each of its
    numbers is read the way the reference reads it, where one of its readings occurs there."""
    reference_words = None if reference is None else normalise(reference, language).split()
    return _normalise(text, language, reference_words)


def wer(reference: str, hypothesis: str, *, language: str | None = None) -> float:
    """Word error rate of ``hypothesis`` against ``reference`` (0 = identical; 1 = nothing
    right, and more with insertions). An empty hypothesis scores 1. ``language`` spells numbers
    out (see the module docstring); None keeps them as written."""
    ref = _checked(reference, language)
    return jiwer.wer(ref, _normalise(hypothesis, language, ref.split()))


def cer(reference: str, hypothesis: str, *, language: str | None = None) -> float:
    """Character error rate, spaces included, on the normalised texts (``language`` as for
    :func:`wer`)."""
    ref = _checked(reference, language)
    return jiwer.cer(ref, _normalise(hypothesis, language, ref.split()))


def _checked(reference: str, language: str | None) -> str:
    normalised = normalise(reference, language)
    if not normalised:
        raise ValueError("the reference transcript is empty")
    return normalised


def _normalise(text: str, language: str | None, reference_words: Sequence[str] | None) -> str:
    text = _APOSTROPHES.sub("'", unicodedata.normalize("NFC", text).lower())
    lang = _num2words_lang(language)
    if lang == "en":
        for pattern, words in _EN_CONTRACTIONS:
            text = pattern.sub(words, text)
    text = text.replace("'", "")
    if lang is not None:
        text = _spell_numbers(text, lang, reference_words)
    return " ".join(word.strip() for word in pieces(_NON_WORD.sub(" ", text)))


def _num2words_lang(language: str | None) -> str | None:
    if not language:
        return None
    primary, _, region = language.lower().replace("_", "-").partition("-")
    if primary == "en":
        return "en"
    if primary == "pt":
        return "pt" if region == "pt" else "pt_BR"
    return None


# --- numbers ---------------------------------------------------------------------------------

_PT_FEMININE = {
    "um": "uma",
    "dois": "duas",
    **{f"{h}entos": f"{h}entas" for h in ("duz", "trez", "quatroc", "quinh", "seisc", "setec")},
    "oitocentos": "oitocentas",
    "novecentos": "novecentas",
}


@cache
def _number_pattern(lang: str) -> re.Pattern[str]:
    if lang == "en":
        group, decimal, ordinal = ",", r"\.", r"st|nd|rd|th"
    else:
        group, decimal, ordinal = r"\.", r"[,.]", r"[ºª]"
    return re.compile(
        rf"(?<!\w)(?<!\d[.,])"  # not inside a word, nor after "1," / "1."
        rf"(?P<int>\d{{1,3}}(?:{group}\d{{3}})+|\d+)"
        rf"(?:{decimal}(?P<frac>\d+))?"
        rf"(?:(?P<pct>\s?%)|(?P<ord>{ordinal}))?"
        rf"(?!\w)(?![.,]\d)"
    )


def _spell_numbers(text: str, lang: str, reference_words: Sequence[str] | None) -> str:
    def spell(match: re.Match[str]) -> str:
        try:
            readings = _readings(match, lang)
        except (OverflowError, ValueError, NotImplementedError):
            return match.group(0)  # num2words cannot spell it: keep it as written
        if not readings:
            return match.group(0)
        if reference_words is not None:
            for reading in readings:
                found = _find_run(reference_words, reading)
                if found is not None:
                    return f" {' '.join(found)} "
        return f" {' '.join(alternatives[0] for alternatives in readings[0])} "

    text = _HYPHENED_DIGITS.sub(lambda match: match.group(0).replace("-", ""), text)
    return _number_pattern(lang).sub(spell, text)


def _readings(match: re.Match[str], lang: str) -> list[_Reading]:
    """Candidate readings of one number, the reference's (the cardinal) first."""
    digits = re.sub(r"\D", "", match.group("int"))
    frac, pct, ordinal = match.group("frac"), match.group("pct"), match.group("ord")
    if ordinal:
        if frac:
            return []
        spelt = num2words(int(digits), lang=lang, to="ordinal")
        if ordinal == "ª":
            spelt = " ".join(w[:-1] + "a" if w.endswith("o") else w for w in _words(spelt))
        return [_fixed(_words(spelt))]
    if frac is not None:
        point = "point" if lang == "en" else "vírgula"
        texts = [[*_cardinal(digits, lang), point, *_digit_words(frac, lang)]]
        if lang != "en":
            texts.append([*_cardinal(digits, lang), point, *_cardinal(frac, lang)])
    else:
        texts = [_cardinal(digits, lang)]
        if len(digits) == 4 and 1100 <= int(digits) <= 2099:
            texts.append(_words(num2words(int(digits), lang=lang, to="year")))
    if pct:
        percent = [["percent"], ["per", "cent"]] if lang == "en" else [["por", "cento"]]
        texts = [[*text, *word] for text in texts for word in percent]
    if lang == "en":
        texts = [variant for text in texts for variant in (text, [w for w in text if w != "and"])]
    readings = [_with_alternatives(text, lang) for text in texts]
    if frac is None and not pct:
        readings.append(_digit_by_digit(digits, lang))
    return list(dict.fromkeys(readings))


def _cardinal(digits: str, lang: str) -> list[str]:
    """``digits`` as a cardinal; leading zeros are read one by one (``007`` → zero zero seven)."""
    rest = digits.lstrip("0") or "0"
    zeros = len(digits) - len(rest)
    return [*_digit_words("0" * zeros, lang), *_words(num2words(int(rest), lang=lang))]


def _digit_words(digits: str, lang: str) -> list[str]:
    return [_digit_word(d, lang) for d in digits]


@cache
def _digit_word(digit: str, lang: str) -> str:
    return " ".join(_words(num2words(int(digit), lang=lang)))


def _digit_by_digit(digits: str, lang: str) -> _Reading:
    extra = {"0": ("oh",)} if lang == "en" else {"6": ("meia",)}
    return tuple((_digit_word(d, lang), *extra.get(d, ())) for d in digits)


def _with_alternatives(words: list[str], lang: str) -> _Reading:
    if lang == "en":
        return _fixed(words)
    return tuple((w, _PT_FEMININE[w]) if w in _PT_FEMININE else (w,) for w in words)


def _fixed(words: list[str]) -> _Reading:
    return tuple((w,) for w in words)


def _words(text: str) -> list[str]:
    return _NON_WORD.sub(" ", unicodedata.normalize("NFC", text).lower()).split()


def _find_run(haystack: Sequence[str], reading: _Reading) -> list[str] | None:
    """The words of the first run of ``haystack`` that ``reading`` matches, if any."""
    n = len(reading)
    for start in range(len(haystack) - n + 1):
        if all(haystack[start + i] in reading[i] for i in range(n)):
            return list(haystack[start : start + n])
    return None
