"""The scoring normaliser and error rates the benchmarks publish and the tests assert."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.wer import cer, normalise, wer


def test_normalise_drops_case_punctuation_and_apostrophes_but_keeps_accents_and_digits():
    assert normalise("Don’t STOP — “Olá, você!”") == "dont stop olá você"
    assert normalise("Bem-vindo à aula 10,5") == "bem vindo à aula 10 5"
    assert normalise("cafe\u0301") == normalise("café")  # decomposed accents compare equal


def test_an_english_contraction_counts_as_the_words_it_stands_for():
    assert wer("and I am going to play it", "and I'm going to play it", language="en") == 0
    assert wer("We’re sure they've done it", "we are sure they have done it", language="en") == 0
    assert wer("I can't and won't", "I cannot and will not", language="en") == 0
    assert wer("the room's frequencies", "The rooms frequencies.", language="en") == 0  # 's kept
    assert normalise("Don’t STOP", "en") == "do not stop"
    assert normalise("Don’t STOP", "pt") == "dont stop"  # English only
    assert wer("I am here", "I'm not here", language="en") == pytest.approx(1 / 3)


def test_wer_counts_substitutions_insertions_and_deletions():
    reference = "And so my fellow Americans"
    assert wer(reference, "and so, my fellow Americans!") == 0
    assert wer(reference, "and so my fellow citizens") == pytest.approx(1 / 5)
    assert wer(reference, "and so my my fellow Americans") == pytest.approx(1 / 5)
    assert wer(reference, "so my fellow") == pytest.approx(2 / 5)
    assert wer(reference, "") == 1


def test_numbers_stay_as_written():
    assert wer("ten apples", "10 apples") == pytest.approx(1 / 2)


def test_without_a_language_numbers_stay_as_written_on_both_sides():
    assert wer("266", "duzentos e sessenta e seis") == 5  # 1 substitution, 4 insertions
    assert wer("10001", "10001") == 0
    assert normalise("10%, 2,5 e 1º", None) == "10 2 5 e 1º"
    assert cer("ten", "10") > 0
    assert wer("ten apples", "10 apples", language="fr") == pytest.approx(1 / 2)  # not spelt


def test_a_number_is_its_words_in_portuguese_and_english():
    assert wer("duzentos e sessenta e seis", "266", language="pt") == 0
    assert wer("266", "duzentos e sessenta e seis", language="pt") == 0
    assert wer("two hundred and sixty-six", "266", language="en") == 0
    assert cer("duzentos e sessenta e seis", "266", language="pt") == 0
    assert normalise("266", "pt") == "duzentos e sessenta e seis"
    assert normalise("266", "en") == "two hundred and sixty six"
    assert normalise("266", "pt-BR") == normalise("266", "pt_BR") == normalise("266", "pt")


def test_a_different_number_is_still_an_error():
    assert wer("duzentos e sessenta e seis", "265", language="pt") == pytest.approx(1 / 5)
    # No reading of 10002 occurs in the reference, so it is read as the cardinal (the whole
    # number counts as wrong, not one digit of it).
    assert normalise("10002", "en", reference="one zero zero zero one") == "ten thousand and two"
    assert wer("one zero zero zero one", "10002", language="en") == 1
    assert wer("em mil novecentos e noventa e nove", "em 1998", language="pt") > 0


def test_a_number_read_digit_by_digit_in_the_reference_matches_the_digits():
    reference = "one zero zero zero one nine zero two one zero zero one eight zero three"
    assert wer(reference, "10001 90210 01803", language="en") == 0
    assert normalise("10001", "en", reference=reference) == "one zero zero zero one"
    # Without a reference to follow, the hypothesis's digits are cardinals.
    assert normalise("10001", "en") == "ten thousand and one"


def test_digits_written_one_by_one_with_hyphens_are_one_number():
    reference = "one zero zero zero one nine oh two one oh zero one eight zero three"
    assert wer(reference, "1-0-0-0-1 9-0-2-1-0 0-1-8-03", language="en") == 0
    # a range, a date: not digits said one by one
    assert normalise("pages 1-2", "en") == "pages one two"
    assert normalise("2026-11-30", "en").startswith("two thousand and twenty six")


def test_english_zero_may_be_oh_and_portuguese_six_may_be_meia_digit_by_digit():
    assert wer("nine oh two one oh", "90210", language="en") == 0
    assert wer("ligue três meia meia um", "ligue 3661", language="pt") == 0


def test_a_year_is_read_as_the_reference_reads_it():
    assert wer("em mil novecentos e noventa e nove", "em 1999", language="pt") == 0
    assert wer("in nineteen ninety-nine", "in 1999", language="en") == 0
    assert wer("in one thousand nine hundred and ninety-nine", "in 1999", language="en") == 0
    assert wer("in nineteen oh five", "in 1905", language="en") == 0


def test_english_and_may_be_absent_in_the_reference():
    assert wer("two hundred sixty six", "266", language="en") == 0
    assert wer("in two thousand five", "in 2005", language="en") == 0


def test_portuguese_feminine_numbers_match():
    assert wer("duas pessoas e duzentas casas", "2 pessoas e 200 casas", language="pt") == 0
    assert wer("uma vez", "1 vez", language="pt") == 0


def test_leading_zeros_are_read_one_by_one():
    assert normalise("01803", "en") == "zero one thousand eight hundred and three"
    assert normalise("007", "pt") == "zero zero sete"
    assert normalise("0", "en") == "zero"
    assert wer("zero one eight zero three", "01803", language="en") == 0


def test_decimals_percentages_ordinals_and_thousands_separators():
    assert normalise("2,5", "pt") == "dois vírgula cinco"
    assert normalise("2.5", "pt") == "dois vírgula cinco"
    assert normalise("2.5", "en") == "two point five"
    assert normalise("2.50", "en") == "two point five zero"
    assert normalise("2,5", "en") == "2 5"  # not an English decimal: left as written
    assert normalise("10%", "pt") == "dez por cento"
    assert normalise("10 %", "en") == "ten percent"
    assert normalise("2,5%", "pt") == "dois vírgula cinco por cento"
    assert normalise("1º e 21ª", "pt") == "primeiro e vigésima primeira"
    assert normalise("3rd", "en") == "third"
    assert normalise("1.000.000", "pt") == "um milhão"
    assert normalise("10,001", "en") == "ten thousand and one"
    assert wer("ten per cent", "10%", language="en") == 0
    assert wer("dois vírgula vinte e cinco", "2,25", language="pt") == 0
    assert wer("aumento de dez por cento", "aumento de 10%", language="pt") == 0


def test_what_is_not_spelt_stays_as_written():
    assert normalise("mp3 4k covid19", "en") == "mp3 4k covid19"
    assert normalise("1,2,3", "en") == "1 2 3"
    assert normalise("1" * 70, "pt") == "1" * 70  # too large for num2words


def test_the_digits_clip_reference_matches_its_digits():
    path = Path("/work/shared/speech/en_digits_10001-90210-01803.txt")
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    reference = path.read_text(encoding="utf-8")
    assert wer(reference, "10001 90210 01803", language="en") == 0
    assert wer(reference, "10001 90210 01803") > 0  # without a language the digits differ


def test_cer_weighs_a_missing_accent_as_one_character():
    assert cer("você está", "voce está") == pytest.approx(1 / 9)
    assert cer("você", "você") == 0


def test_an_empty_reference_is_an_error_not_a_perfect_score():
    with pytest.raises(ValueError):
        wer(" ... ", "anything")


def test_a_language_written_without_spaces_is_scored_a_character_at_a_time():
    assert normalise("今天我们开会。首先，用Python！") == "今 天 我 们 开 会 首 先 用 python"
    assert wer("今天我们开会", "今天他们开会") == pytest.approx(1 / 6)
    assert wer("コーヒーを飲みます", "コーヒーを飲みます。") == 0.0
