"""The scoring normaliser and error rates the benchmarks publish and the tests assert."""

from __future__ import annotations

import pytest

from benchmarks.wer import cer, normalise, wer


def test_normalise_drops_case_punctuation_and_apostrophes_but_keeps_accents_and_digits():
    assert normalise("Don’t STOP — “Olá, você!”") == "dont stop olá você"
    assert normalise("Bem-vindo à aula 10,5") == "bem vindo à aula 10 5"
    assert normalise("cafe\u0301") == normalise("café")  # decomposed accents compare equal


def test_wer_counts_substitutions_insertions_and_deletions():
    reference = "And so my fellow Americans"
    assert wer(reference, "and so, my fellow Americans!") == 0
    assert wer(reference, "and so my fellow citizens") == pytest.approx(1 / 5)
    assert wer(reference, "and so my my fellow Americans") == pytest.approx(1 / 5)
    assert wer(reference, "so my fellow") == pytest.approx(2 / 5)
    assert wer(reference, "") == 1


def test_numbers_stay_as_written():
    assert wer("ten apples", "10 apples") == pytest.approx(1 / 2)


def test_cer_weighs_a_missing_accent_as_one_character():
    assert cer("você está", "voce está") == pytest.approx(1 / 9)
    assert cer("você", "você") == 0


def test_an_empty_reference_is_an_error_not_a_perfect_score():
    with pytest.raises(ValueError):
        wer(" ... ", "anything")
