"""Hallucination guards: stock phrases on silence, phrases stuck in a loop, normal speech kept."""

from __future__ import annotations

import pytest

from transcrevai_desktop.core.hallucinations import (
    is_hallucination,
    is_loop,
    is_stock_phrase,
    normalise,
)

STOCK_PHRASES = [
    "Thank you.",
    "Thank you very much.",
    " Thank you for watching!",
    "Thanks for watching.",
    "Please subscribe.",
    "Subscribe to the channel!",
    "Subtitles by the Amara.org community",
    "Obrigado.",
    "OBRIGADO!",
    "Muito obrigada.",
    "Obrigado pela atenção.",
    "Obrigado por assistir.",
    "Obrigada por assistir!",
    "Inscreva-se no canal!",
    "Legendas pela comunidade Amara.org",
    "Legenda Adriana Zanotto",
    "Legendas em português pela comunidade amara.org",  # any amara.org credit
    # Chinese, Japanese and Korean as Whisper writes them on silence (dyphire/mpv-sub-fastwhisper
    # #9, amicalhq/amical #71)
    "请不吝点赞 订阅 转发 打赏支持明镜与点点栏目",
    "请不吝赐赞、订阅、转发、打赏支持《明镜与点点》栏目",
    "明镜需要您的支持 欢迎收看订阅明镜",
    "字幕由Amara.org社区提供",
    "谢谢观看！",
    "ご視聴ありがとうございました。",
    "시청해 주셔서 감사합니다.",
    "시청해주셔서 감사합니다",
    "MBC 뉴스 이덕영입니다.",
    # other languages' endings and credits (openai/whisper discussion #928)
    "Bye-bye.",
    "Tchau, tchau!",
    "Até a próxima!",
    "¡Gracias por ver el video!",
    "Subtítulos realizados por la comunidad de Amara.org",
    "Merci d'avoir regardé !",
    "Sous-titrage Société Radio-Canada",
    "Sous-titrage ST'501",
    "Untertitel im Auftrag des ZDF für funk, 2017",
    "Vielen Dank fürs Zuschauen!",
    "Sottotitoli e revisione a cura di QTSS",
    "Продолжение следует...",
    "Субтитры сделал DimaTorzok",
    "Редактор субтитров А.Синецкая Корректор А.Егорова",
    "Abone olmayı unutmayın!",
    "Altyazı M.K.",
]

NORMAL_SENTENCES = [
    "And so my fellow Americans, ask not what your country can do for you.",
    "Thank you for coming to the meeting today, let's start with the budget.",
    "Obrigado pela presença, vamos começar a reunião.",
    "Não é ótimo? O relatório ficou pronto ontem à noite.",
    "The number is 10001, then 90210, then 01803.",
    "No, no, no, that is not what I said.",  # three times is speech, not a loop
    "I think that that is right.",
    "We went to Amara's house for dinner.",
    "Muito obrigado a todos que vieram hoje.",
    "谢谢观看的朋友们，我们下周见。",  # a stock phrase inside a sentence is speech
    "对对对，我们开始吧。",  # a word said three times
    "谢谢谢谢",  # "thanks, thanks": four characters, two words
    "今天我们开会讨论明年的预算。",
    "You know, the report was late.",
    "Gracias por venir a la reunión.",
    "Merci pour votre présence, on commence.",
    "Vielen Dank für die Einladung.",
    "Спасибо, что пришли на встречу.",
    "Tchau, a gente se fala amanhã.",
    "you.",  # the end of a sentence Whisper cut in two ("…thank all of" + "you.")
    "어제 MBC 뉴스에서 봤어요.",  # "I saw it on the MBC news yesterday"
]
REPEATED_SPEECH = [  # real speech (en_mfa_acoustic_corpus) that an early guard dropped
    "And here's some more words words words words words",
    "Não, não, não, não, não!",
    "哈哈哈哈哈哈哈哈",  # a laugh
]

LOOPS = [
    "obrigado obrigado obrigado obrigado",
    "I'm going to I'm going to I'm going to I'm going to",
    "Obrigado, obrigado, obrigado, obrigado.",
    "Thank you! Thank you! Thank you! Thank you!",
    "So we went and then and then and then and then it stopped.",  # inside a sentence
    "a b c d a b c d a b c d a b c d",  # four-word run
    "And here's some more words words words words words",
    "我们开会我们开会我们开会我们开会",  # no spaces: a run of characters, four times
]
SURE_LOOPS = [
    "Ha ha ha ha ha ha ha ha ha ha",
    "Obrigado. " * 8,
    "you know, " * 9,
    "我" * 16,
    "ありがとうございました" * 8,  # eleven characters, four words
]


@pytest.mark.parametrize("text", STOCK_PHRASES)
def test_stock_phrases_are_recognised(text):
    assert is_stock_phrase(text)


@pytest.mark.parametrize("text", STOCK_PHRASES)
def test_stock_phrase_is_dropped_only_when_the_model_doubts_it_is_speech(text):
    assert is_hallucination(text, no_speech_prob=0.9)
    assert is_hallucination(text, no_speech_prob=0.21)
    assert not is_hallucination(text, no_speech_prob=0.2)
    assert not is_hallucination(text, no_speech_prob=0.05)
    assert not is_hallucination(text)  # a real "thank you" at the end of a talk is kept


@pytest.mark.parametrize("text", NORMAL_SENTENCES)
def test_normal_sentences_are_never_flagged(text):
    assert not is_stock_phrase(text)
    assert not is_loop(text)
    assert not is_hallucination(text, no_speech_prob=0.0)
    assert not is_hallucination(text, no_speech_prob=0.95)


@pytest.mark.parametrize("text", LOOPS)
def test_short_loops_are_dropped_only_when_the_model_doubts_they_are_speech(text):
    assert is_loop(text)
    assert is_hallucination(text, no_speech_prob=0.5)
    assert not is_hallucination(text, no_speech_prob=0.05)


@pytest.mark.parametrize("text", REPEATED_SPEECH)
def test_people_repeating_a_word_are_kept(text):
    assert not is_hallucination(text, no_speech_prob=0.05)


@pytest.mark.parametrize("text", SURE_LOOPS)
def test_long_loops_are_dropped_whatever_no_speech_prob(text):
    assert is_hallucination(text, no_speech_prob=0.0)
    assert is_hallucination(text, no_speech_prob=0.99)


@pytest.mark.parametrize(
    "text",
    [
        "obrigado obrigado obrigado",
        "I'm going to I'm going to I'm going to",
        "a b c d e a b c d e a b c d e a b c d e",  # runs of five words are not checked
    ],
)
def test_runs_below_the_threshold_are_not_loops(text):
    assert not is_loop(text)


def test_loop_threshold_is_adjustable():
    assert is_loop("sim sim sim", times=3)
    assert not is_loop("sim sim", times=3)


@pytest.mark.parametrize("text", ["", "   ", "...", "?!"])
def test_empty_text_is_neither_a_loop_nor_a_stock_phrase(text):
    assert not is_loop(text)
    assert not is_stock_phrase(text)
    assert not is_hallucination(text, no_speech_prob=1.0)


def test_normalise_keeps_inner_dots_and_hyphens():
    assert normalise("  Inscreva-se no CANAL!!  ") == "inscreva-se no canal"
    assert normalise("Legendas pela comunidade Amara.org.") == "legendas pela comunidade amara.org"
    assert normalise("Não é ótimo?") == "não é ótimo"


@pytest.mark.parametrize(
    "text",
    [
        "Obrigado. Obrigado. Obrigado. Obrigado.",
        "Thank you. Thank you. Thank you. Thank you.",
    ],
)
def test_loops_of_sentences_ending_in_a_period_are_flagged(text):
    # The same loop with commas or exclamation marks is caught (see LOOPS); with periods,
    # the form Whisper writes most often, it is not.
    assert is_loop(text)
