"""Guards against text Whisper invents: stock phrases on silence and phrases stuck in a loop."""

from __future__ import annotations

import re

_STOCK_PHRASES = {  # whole segments only: "Thank you for coming, let's start" is speech
    "thank you",
    "thank you very much",  # a 0.3 s fragment of the end of a word, the model in doubt (0.56)
    "thank you so much",
    "thank you for watching",
    "thanks for watching",
    "please subscribe",
    "subscribe to the channel",
    "obrigado",
    "obrigada",
    "muito obrigado",
    "muito obrigada",
    "obrigado pela atenção",
    "obrigada pela atenção",
    "obrigado por assistir",
    "obrigada por assistir",
    "inscreva-se no canal",
    "legendas pela comunidade amara.org",
    "subtitles by the amara.org community",
    "legenda adriana zanotto",
}
_NON_WORD = re.compile(r"[^\w\s.-]+")


def normalise(text: str) -> str:
    """Lower case, no punctuation but dots and hyphens inside words, single spaces."""
    words = (word.strip(".-") for word in _NON_WORD.sub(" ", text.lower()).split())
    return " ".join(word for word in words if word)


def is_stock_phrase(text: str) -> bool:
    """True for the captions Whisper is known to invent on silence or noise."""
    norm = normalise(text)
    return norm in _STOCK_PHRASES or "amara.org" in norm


def is_loop(text: str, times: int = 4) -> bool:
    """True when some run of 1 to 4 words repeats ``times`` times in a row."""
    words = normalise(text).split()
    for size in range(1, 5):
        for start in range(len(words) - size * times + 1):
            gram = words[start : start + size]
            if all(words[start + k * size : start + (k + 1) * size] == gram for k in range(times)):
                return True
    return False


# Whisper languages written in the Latin script (a word in any other script is foreign to them);
# a language not listed here is never filtered, so a missing entry costs nothing.
_LATIN_SCRIPT = (
    "af az br bs ca cs cy da de en es et eu fi fo fr gl ha haw hr ht hu id is it jw la lb ln lt "
    "lv mg mi ms mt nl nn no oc pl pt ro sk sl sn so sq su sv sw tl tr vi yo"
)
_LATIN_SCRIPT_LANGUAGES = frozenset(_LATIN_SCRIPT.split())


def in_foreign_script(text: str, language: str | None) -> bool:
    """True when ``text`` has a letter beyond the Latin script (Greek and up, but for the Latin
    letters of Vietnamese) and ``language`` is written in Latin script: a greedy pass that loses
    its way on a window cut mid-word can answer "爬的?" in an English session."""
    if language not in _LATIN_SCRIPT_LANGUAGES:
        return False
    return any(ch.isalpha() and ord(ch) >= 0x370 and not 0x1E00 <= ord(ch) <= 0x1EFF for ch in text)


DOUBTED_SPEECH = 0.2  # no_speech_prob above which the model itself doubts a segment
SURE_LOOP_REPEATS = 8  # people repeat a word four or five times ("words words words words")


def is_hallucination(text: str, no_speech_prob: float = 0.0) -> bool:
    """A segment to drop: a run repeated ``SURE_LOOP_REPEATS`` times, or a shorter loop or a
    stock phrase that the model itself doubts is speech."""
    if is_loop(text, SURE_LOOP_REPEATS):
        return True
    return no_speech_prob > DOUBTED_SPEECH and (is_loop(text) or is_stock_phrase(text))
