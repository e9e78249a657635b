"""Word and character error rates, with the normaliser every benchmark and test uses.

Normalisation (applied to reference and hypothesis alike): Unicode NFC, lower case, apostrophes
dropped (``don't`` → ``dont``), every other character that is not a letter, digit or
underscore becomes a space, spaces collapsed. Numbers stay as written: ``10`` and ``ten`` differ,
as they do to a reader. Accents are kept (``é`` ≠ ``e``): in Portuguese they change the word.
The distances themselves come from ``jiwer``.
"""

from __future__ import annotations

import re
import unicodedata

import jiwer

_APOSTROPHES = re.compile(r"['\u2019\u02bc`´]")
_NON_WORD = re.compile(r"[^\w\s]|_")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    text = _APOSTROPHES.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate of ``hypothesis`` against ``reference`` (0 = identical; 1 = nothing
    right, and more with insertions). An empty hypothesis scores 1."""
    return jiwer.wer(_checked(reference), normalise(hypothesis))


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate, spaces included, on the normalised texts."""
    return jiwer.cer(_checked(reference), normalise(hypothesis))


def _checked(reference: str) -> str:
    normalised = normalise(reference)
    if not normalised:
        raise ValueError("the reference transcript is empty")
    return normalised
