"""The user's vocabulary: names and terms (people, places, jargon) Whisper should spell right.

A vocabulary is written as terms separated by commas or new lines ("Lisboa, CORAA,
faster-whisper"); it is kept as a tuple of terms, in the order given, without repeats. Whisper
gets it as faster-whisper's ``hotwords``: text placed before the prompt of every decoding window
(live passes, revisions and every 30 s window of the final pass). ``initial_prompt`` would reach
only the first window of the final pass, which decodes with ``condition_on_previous_text=False``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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


def hotwords(terms: Iterable[str]) -> str | None:
    """What faster-whisper's ``hotwords`` gets: the terms, at most ``MAX_TERMS_CHARS`` long
    (whole terms only), or None without any."""
    text = ""
    for term in terms:
        joined = f"{text}, {term}" if text else term
        if len(joined) > MAX_TERMS_CHARS:
            break
        text = joined
    return text or None
