"""Vocabulary: does a list of names and terms help Whisper spell them, and does it harm clips
that do not contain them?

Each clip is decoded as the final pass decodes it (``Engine.transcribe_recording``'s options,
over the whole clip) without a vocabulary, with it as faster-whisper's ``hotwords`` (what the
app does) and with it as ``initial_prompt`` (the alternative). *Names* clips have a vocabulary
of terms from their reference that Whisper misspells; *no harm* clips get a vocabulary of
terms they do not contain. Reported: WER, and which terms appear in the text.
"""

from __future__ import annotations

from benchmarks import common
from benchmarks.live import offline_text
from benchmarks.wer import normalise, wer
from transcrevai_desktop.core.vocabulary import format_vocabulary, hotwords

NAMES = {  # clip: terms of its reference that the final pass misspells without help
    "ptbr_ufpalign_falabrasil": ("FalaBrasil", "alinhamento"),
    "ptbr_tts_corpus_20phrases": ("inauguração",),
    "en_lucier_sitting_in_a_room": ("resonant frequencies", "semblance"),
}
UNRELATED = ("CORAA", "Lisboa", "faster-whisper", "Montreal")
NO_HARM = (
    "en_jfk",
    "en_mfa_acoustic_corpus",
    "pt_picovoice_leopard_test_pt",
    "en_sonnet001_librivox",
)


def run(_runs: int = 1) -> str:
    engine = common.engine()
    rows = []
    cases = [(name, terms, "names") for name, terms in NAMES.items()]
    cases += [(name, UNRELATED, "no harm") for name in NO_HARM]
    for name, terms, kind in cases:
        clip = common.clips([name])[0]
        texts = {
            "none": offline_text(clip, engine),
            "hotwords": offline_text(clip, engine, hotwords=hotwords(terms)),
            "initial_prompt": offline_text(clip, engine, initial_prompt=format_vocabulary(terms)),
        }
        cells = []
        for text in texts.values():
            found = sum(normalise(term) in normalise(text) for term in terms)
            score = 100 * wer(clip.reference, text, language=clip.language)
            cells.append(f"{score:.1f}" + (f" ({found}/{len(terms)})" if kind == "names" else ""))
        rows.append([clip.name, kind, format_vocabulary(terms), *cells])
    return "\n\n".join([
        "## Vocabulary",
        f"{common.machine(engine.settings)}; the final pass's options over each whole clip, "
        "deterministic, one run. WER %, numbers spelled out; for *names* clips, (terms found / "
        "terms).",
        common.table(
            ["clip", "kind", "vocabulary", "none", "hotwords (the app)", "initial_prompt"], rows
        ),
    ])  # fmt: skip
