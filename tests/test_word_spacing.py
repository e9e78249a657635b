"""Words as each language spaces them: Latin-script words, and Chinese, Japanese and Thai
written without spaces, cut a character (with its marks) at a time."""

from __future__ import annotations

import pytest

from transcrevai_desktop.core.transcript import Segment, Word, text_of
from transcrevai_desktop.core.word_spacing import cells, pieces, runs_on, separate


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Olá, mundo! É quinta-feira.", [" Olá,", " mundo!", " É", " quinta-feira."]),
        ("今天我们开会。", ["今", "天", "我", "们", "开", "会。"]),  # 。 never starts a line
        ("「财务部」介绍", ["「财", "务", "部」", "介", "绍"]),  # brackets stay with their word
        (
            "我们用Python开发 faster-whisper",
            ["我", "们", "用", "Python", "开", "发", " faster-whisper"],
        ),
        ("コーヒーを飲みます", ["コー", "ヒー", "を", "飲", "み", "ま", "す"]),  # ー lengthens
        ("ที่นี่ สวัสดี", ["ที่", "นี่", " ส", "วั", "ส", "ดี"]),  # Thai marks stay on their letter
        ("เมื่อวาน", ["เมื่", "อ", "วา", "น"]),  # and a vowel written before or after it
        ("ក្រុម", ["ក្រុ", "ម"]),  # a Khmer consonant stacked under the one before
        ("ちょっと", ["ちょっ", "と"]),  # Japanese small kana
        ("시청해 주셔서 감사합니다", [" 시청해", " 주셔서", " 감사합니다"]),  # Korean spaces words
        ("  ", []),
    ],
)
def test_pieces_cut_text_into_words_spaced_as_whisper_writes_them(text, words):
    assert pieces(text) == words
    assert "".join(words).strip() == " ".join(text.split())


def test_a_piece_written_on_is_a_word_of_its_own_only_in_a_script_without_spaces():
    assert separate("我", "们") and separate("用", "Python") and separate("Python", "开")
    assert not separate("quinta", "-feira") and not separate("会", "。")
    assert not separate("ส", "ั")  # a vowel sign over the consonant before it


def test_sentences_run_on_without_a_space_only_where_chinese_or_japanese_runs_on():
    assert runs_on("开会。 ", "首先") and not runs_on("OK.", "首先") and not runs_on("", "首先")
    assert not runs_on("今天我们开会", "首先")  # Whisper's Chinese without its punctuation
    assert runs_on("今天我们", "开会", continues=True)  # one sentence, cut in two

    def said(text: str) -> Segment:
        return Segment(0.0, 1.0, text, (Word(0.0, 1.0, text),))

    segments = [said("今天我们"), said("开会。"), said(" 首先……"), said(" OK."), said("好的。")]
    assert text_of(segments) == "今天我们开会。首先…… OK. 好的。"


def test_cells_count_wide_characters_twice_and_marks_over_a_letter_not_at_all():
    assert cells("Olá") == 3 and cells("今天") == 4 and cells("시청") == 4
    assert cells("ที่") == 1 and cells("cafe\u0301") == 4
