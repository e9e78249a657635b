"""Guards against text Whisper invents: stock phrases on silence and phrases stuck in a loop."""

from __future__ import annotations

import re

from transcrevai_desktop.core.word_spacing import pieces, unspaced

# Whole segments only ("Thank you for coming, let's start" is speech), compared as
# ``normalise`` writes them and without spaces. Whisper ends a silence the way the videos it
# learnt from end: thanks, a goodbye, a plea to subscribe, in the session's language. The
# phrases beyond Portuguese and English are those reported per language in openai/whisper
# discussion #928 and by apps that filter them (amicalhq/amical #71, dyphire/mpv-sub-fastwhisper
# #9). Not a lone "you", Whisper's best known: a sentence's last word, cut into a segment of
# its own, is said, and too short for the VAD to save.
_STOCK_PHRASES = {
    # English
    "thank you",
    "thank you very much",  # a 0.3 s fragment of the end of a word, the model in doubt (0.56)
    "thank you so much",
    "thank you for watching",
    "thanks for watching",
    "please subscribe",
    "subscribe to the channel",
    "bye",
    "bye bye",
    "bye-bye",
    # Portuguese
    "obrigado",
    "obrigada",
    "muito obrigado",
    "muito obrigada",
    "obrigado pela atenção",
    "obrigada pela atenção",
    "obrigado por assistir",
    "obrigada por assistir",
    "inscreva-se no canal",
    "tchau",
    "tchau tchau",
    "até a próxima",
    # Spanish, French, Italian, German, Dutch, Polish, Russian, Turkish
    "gracias",
    "muchas gracias",
    "gracias por ver",
    "gracias por ver el video",
    "suscríbete al canal",
    "merci",
    "merci beaucoup",
    "merci d'avoir regardé",
    "abonnez-vous",
    "grazie",
    "grazie mille",
    "grazie per la visione",
    "iscriviti al canale",
    "danke",
    "vielen dank",
    "danke fürs zuschauen",
    "vielen dank fürs zuschauen",
    "bedankt voor het kijken",
    "dziękuję",
    "dziękuję za uwagę",
    "спасибо",
    "спасибо за внимание",
    "спасибо за просмотр",
    "продолжение следует",
    "abone olmayı unutmayın",
    # Whisper's stock endings of Chinese, Japanese and Korean videos
    "谢谢观看",
    "感谢观看",
    "ご視聴ありがとうございました",
    "チャンネル登録をお願いします",
    "次の動画でお会いしましょう",
    "시청해 주셔서 감사합니다",
    "구독과 좋아요 부탁드립니다",
    "mbc 뉴스 이덕영입니다",
}
# Credits in the subtitles Whisper learnt from, stock wherever they appear in a segment
_STOCK_CREDITS = (
    "amara.org",  # "Legendas pela comunidade Amara.org" and the same in every language
    "legenda adriana zanotto",
    "sous-titrage société radio-canada",
    "sous-titrage st' 501",
    "soustitreur.com",
    "untertitel im auftrag des zdf",
    "untertitelung im auftrag des zdf",
    "untertitel von stephanie geiges",
    "sottotitoli e revisione a cura di qtss",
    "sottotitoli a cura di qtss",
    "субтитры сделал",
    "субтитры создавал",
    "редактор субтитров",
    "altyazı m.k.",
    "字幕by",
    "明镜与点点",
    "明镜需要您的支持",
    "优优独播剧场",
)
_NON_WORD = re.compile(r"[^\w\s.-]+")


def normalise(text: str) -> str:
    """Lower case, no punctuation but dots and hyphens inside words, single spaces."""
    words = (word.strip(".-") for word in _NON_WORD.sub(" ", text.lower()).split())
    return " ".join(word for word in words if word)


def _compared(text: str) -> str:
    """``text`` as stock phrases are compared: normalised, without spaces ("시청해 주셔서" is
    also written "시청해주셔서")."""
    return normalise(text).replace(" ", "")


_STOCK_COMPARED = frozenset(map(_compared, _STOCK_PHRASES))
_CREDITS_COMPARED = tuple(map(_compared, _STOCK_CREDITS))


def is_stock_phrase(text: str) -> bool:
    """True for the captions Whisper is known to invent on silence or noise ("Thank you for
    watching", "ご視聴ありがとうございました", "请不吝点赞 订阅 转发 打赏支持明镜与点点栏目")."""
    compared = _compared(text)
    return compared in _STOCK_COMPARED or any(credit in compared for credit in _CREDITS_COMPARED)


LOOP_WORDS = 4  # the longest run of words that ``is_loop`` finds repeated
LOOP_CHARACTERS = 12  # ...of characters in a script without spaces: four Japanese words


def is_loop(text: str, times: int = 4) -> bool:
    """True when some run of 1 to ``LOOP_WORDS`` words repeats ``times`` times in a row. In a
    script without spaces a word is a character, and runs of up to ``LOOP_CHARACTERS``; as
    its words are a character or two, one character must repeat twice as often ("谢谢谢谢" is
    "thanks, thanks", "哈哈哈哈哈哈哈哈" a laugh)."""
    words = [word.strip() for word in pieces(normalise(text))]
    characters = any(map(unspaced, text))
    for size in range(1, (LOOP_CHARACTERS if characters else LOOP_WORDS) + 1):
        repeats = 2 * times if characters and size == 1 else times
        for start in range(len(words) - size * repeats + 1):
            gram = words[start : start + size]
            if all(
                words[start + k * size : start + (k + 1) * size] == gram for k in range(repeats)
            ):
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
