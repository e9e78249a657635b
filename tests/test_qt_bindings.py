"""Guards against Qt binding bugs that would crash a long recording, and against upgrades
that move a private name the window reads."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    level = Signal(float)


def test_emitting_a_signal_does_not_leak_or_steal_references():
    """PySide6 6.12.0 drops a reference to True on every emit; on Python 3.11 the app then
    dies with 'bool_dealloc' after a few minutes of level-meter updates."""
    emitter = _Emitter()
    emitter.level.connect(lambda value: None)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(1000):
        emitter.level.emit(-20.0)
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before


def test_every_whisper_language_is_offered_portuguese_first():
    """The list comes from a private name of faster-whisper's (``ui/languages.py``): an
    upgrade that moves it fails here."""
    from transcrevai_desktop.ui.languages import whisper_languages

    languages = whisper_languages()
    assert languages[0] == ("pt", "Portuguese")
    codes = [code for code, _ in languages]
    assert len(codes) == len(set(codes)) >= 99 and {"en", "es", "ja", "yue"} <= set(codes)
    assert dict(languages)["en"] == "English"
