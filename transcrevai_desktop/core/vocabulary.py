"""The user's vocabulary: names and terms (people, places, jargon) Whisper should spell right.

A vocabulary is written as terms separated by commas or new lines ("Lisboa, CORAA,
faster-whisper"); it is kept as a tuple of terms, in the order given, without repeats. Whisper
gets it as faster-whisper's ``hotwords``: text placed before the prompt of every decoding window
(live passes, revisions and every 30 s window of the final pass). ``initial_prompt`` would reach
only the first window of the final pass, which decodes with ``condition_on_previous_text=False``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QCoreApplication

MAX_TERMS_CHARS = 400  # Whisper's prompt holds 223 tokens; the live prompt needs room too

_SEPARATORS = re.compile(r"[,;\n]")


def parse_vocabulary(text: str) -> tuple[str, ...]:
    """The terms of ``text``: split at commas, semicolons and new lines, stripped, in order,
    each once (case-insensitive)."""
    return merge_vocabularies(_SEPARATORS.split(text))


def merge_vocabularies(*lists: Iterable[str]) -> tuple[str, ...]:
    """Terms of several vocabularies (Preferences', a tab's) as one, each term once."""
    seen: set[str] = set()
    terms: list[str] = []
    for terms_list in lists:
        for term in terms_list:
            term = " ".join(term.split())
            if term and term.casefold() not in seen:
                seen.add(term.casefold())
                terms.append(term)
    return tuple(terms)


def format_vocabulary(terms: Iterable[str]) -> str:
    """The terms as a user writes them: "Lisboa, CORAA, faster-whisper"."""
    return ", ".join(terms)


def kept_terms(terms: Iterable[str]) -> tuple[str, ...]:
    """The terms Whisper is given: the first ones, whole, that fit in ``MAX_TERMS_CHARS``
    written as ``format_vocabulary`` writes them."""
    kept: list[str] = []
    for term in terms:
        if len(format_vocabulary([*kept, term])) > MAX_TERMS_CHARS:
            break
        kept.append(term)
    return tuple(kept)


def hotwords(terms: Iterable[str]) -> str | None:
    """What faster-whisper's ``hotwords`` gets: the ``kept_terms``, or None without any."""
    return format_vocabulary(kept_terms(terms)) or None


def too_long(terms: Sequence[str]) -> str:
    """The sentence that says which terms Whisper is not given (a vocabulary past
    ``MAX_TERMS_CHARS``), in the user's language; "" when it is given them all."""
    kept = kept_terms(terms)
    if len(kept) == len(terms):
        return ""
    if not kept:
        return QCoreApplication.translate(
            "Vocabulary",
            "The vocabulary's first term is longer than Whisper can take ({chars} characters): "
            "it is given no vocabulary. Separate the terms with commas.",
        ).format(chars=MAX_TERMS_CHARS)
    return QCoreApplication.translate(
        "Vocabulary",
        "The vocabulary is longer than Whisper can take ({chars} characters): it is given the "
        "terms up to “{last}”, not the ones after.",
    ).format(chars=MAX_TERMS_CHARS, last=kept[-1])
