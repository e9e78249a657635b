"""How a language spaces its words, and text cut into words the way it writes them.

Most languages Whisper writes put spaces between words. Chinese, Japanese, Thai, Lao,
Myanmar (Burmese), Khmer and Tibetan put none ("unspaced" scripts here): there a "word" is
what a reader can break a line at or edit alone, a character with what belongs to it (its
combining marks, a Thai or Lao vowel written before or after it, a Khmer consonant stacked
under it, Japanese small kana), and Whisper's own words are its tokens, a character or a few,
none of them starting with a space (``Word.continues``). Thai and Khmer words proper would
need a dictionary (ICU's), which the app does not ship: they are cut at those clusters. Korean
writes spaces between words but its syllables, like Chinese characters, take two terminal
cells (East Asian wide).

``pieces`` cuts a text into such words, each with the space written before it; the
transcript's corrections (``core.transcript_edits``), the subtitle cutter
(``core.subtitles``), the terminal's captions (``caption_printer``), the loop guard
(``core.hallucinations``) and the benchmarks' WER work on them, so a Chinese transcript is
corrected, subtitled and checked a character at a time rather than a sentence at a time.
``runs_on`` says whether two sentences join without a space, ``east_asian`` which font a
burned caption needs, and ``cells`` measures text as a terminal or a subtitle line shows it.
"""

from __future__ import annotations

import unicodedata

# Blocks of the scripts written without spaces between words (first, last code point)
_UNSPACED_BLOCKS = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x0F00, 0x0FFF),  # Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x17FF),  # Khmer
    (0x2E80, 0x2FDF),  # CJK radicals
    (0x3000, 0x303F),  # CJK symbols and punctuation: 。、「」
    (0x3040, 0x31FF),  # Hiragana, Katakana, Bopomofo, ...
    (0x3400, 0x4DBF),  # CJK Unified Ideographs, extension A
    (0x4E00, 0x9FFF),  # CJK Unified Ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF01, 0xFF60),  # full-width punctuation and letters: ，！？（）
    (0xFF61, 0xFF9F),  # half-width Katakana and its punctuation
    (0x20000, 0x3FFFF),  # CJK Unified Ideographs, extensions B and later
)


def unspaced(char: str) -> bool:
    """Whether ``char`` belongs to a script written without spaces between words."""
    point = ord(char)
    return any(first <= point <= last for first, last in _UNSPACED_BLOCKS)


# Letters that are part of the syllable before them though they are not marks: Thai and Lao
# vowels written after their consonant (า, ะ, ำ), and Japanese small kana (ょ in ちょ, っ)
_FOLLOWING_LETTERS = (
    "\u0e30\u0e32\u0e33\u0e45\u0eb0\u0eb2\u0eb3ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ"
)
# ...and letters that are part of the syllable after them: Thai and Lao vowels written before
# their consonant (เ, แ, โ, ใ, ไ), and the signs that stack the next consonant under theirs
# (Khmer's coeng, Myanmar's virama)
_LEADING_LETTERS = "\u0e40\u0e41\u0e42\u0e43\u0e44\u0ec0\u0ec1\u0ec2\u0ec3\u0ec4\u17d2\u1039"


def _joins(char: str) -> bool:
    """Whether ``char`` belongs with the character before it: a combining mark (Thai vowels
    and tones over a consonant, a decomposed accent), a spacing mark (Myanmar, Khmer) or a
    letter of ``_FOLLOWING_LETTERS``."""
    return unicodedata.category(char) in ("Mn", "Mc", "Me") or char in _FOLLOWING_LETTERS


def pieces(text: str) -> list[str]:
    """``text`` as words spaced as Whisper writes them, each with a space before it (" word")
    but in an unspaced script (Chinese, Japanese), where there is none: words that spaces
    separate, and in an unspaced script each character with its marks ("我们" is "我" and
    "们"; "用Python" is "用" and "Python"). Punctuation stays with the word it belongs to: a
    closing mark with the one before it (a line never starts with "。"), an opening one with
    the one after it."""
    found: list[str] = []
    for word in text.split():
        current = " "
        for char in word:
            if current.strip() and _starts_word(current, char):
                found.append(current)
                current = ""
            current += char
        found.append(current)
    if found and unspaced(next((c for c in found[0][1:] if not _opening(c)), " ")):
        found[0] = found[0][1:]
    return found


def _starts_word(current: str, char: str) -> bool:
    """Whether ``char`` starts a word after ``current``, the word so far, in one run of text
    without spaces: at either side of an unspaced script's character, but never before a mark
    that belongs to what precedes it, nor after opening marks alone."""
    if _joins(char) or _closing(char) or current[-1] in _LEADING_LETTERS:
        return False
    if all(_opening(c) for c in current.strip()):
        return False
    return unspaced(char) or unspaced(current[-1])


def separate(before: str, after: str) -> bool:
    """Whether ``after``, written right after ``before`` with no space between (Whisper's
    "quinta" + "-feira", or "我" + "们"), is a word of its own, which a line may start with:
    in an unspaced script, unless it is a closing mark ("。") or a mark over the character
    before it."""
    return bool(before.strip() and after) and _starts_word(before, after[0])


_NOT_CLOSING = "¡¿#%&*@'\"/\\"  # other punctuation (category Po) that ends nothing


def _closing(char: str) -> bool:
    """Punctuation that ends what comes before it and never starts a line (，。、！？」）), and
    the marks that lengthen or repeat the sound before them (ー, 々)."""
    category = unicodedata.category(char)
    return category in ("Pe", "Pf", "Lm") or (category == "Po" and char not in _NOT_CLOSING)


def _opening(char: str) -> bool:
    """Punctuation that opens what follows it (「（“¿)."""
    return unicodedata.category(char) in ("Ps", "Pi") or char in "¡¿"


def runs_on(before: str, after: str, continues: bool = False) -> bool:
    """Whether text ``after`` follows text ``before`` (two sentences, two segments) with no
    space between: both sides of the join are of an unspaced script, and ``before`` ends with
    a mark that ends it ("…开会。" + "首先…") or ``after`` ``continues`` it (Whisper wrote its
    first word without a space: one sentence cut in two). Otherwise a space keeps them apart,
    as Whisper writes sentences it leaves unpunctuated ("今天我们开会 首先…")."""
    before, after = before.rstrip(), after.lstrip()
    if not (before and after and unspaced(before[-1]) and unspaced(after[0])):
        return False
    return continues or _closing(before[-1])


def east_asian(text: str) -> str | None:
    """The East Asian script ``text`` is written in: "ko" with any Hangul, "ja" with any kana,
    "zh" with any other Chinese character (Japanese kanji without kana counts as Chinese),
    else None."""
    points = [ord(c) for c in text]
    if any(0xAC00 <= p <= 0xD7AF or 0x1100 <= p <= 0x11FF or 0x3130 <= p <= 0x318F for p in points):
        return "ko"
    if any(0x3040 <= p <= 0x30FF or 0xFF66 <= p <= 0xFF9F for p in points):
        return "ja"
    if any(0x3400 <= p <= 0x9FFF or 0xF900 <= p <= 0xFAFF or p >= 0x20000 for p in points):
        return "zh"
    return None


def cells(text: str) -> int:
    """The cells ``text`` takes on a terminal or a subtitle line: two for a Chinese, Japanese
    or Korean character or sign (East Asian wide and full-width), none for a mark drawn over
    or under the one before it (a Thai vowel or tone, a decomposed accent) or an invisible
    format character, one for anything else."""
    return sum(
        0
        if unicodedata.category(char) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(char) in "WF"
        else 1
        for char in text
    )
