"""Qt's marker for a text translated where it is shown (``QT_TRANSLATE_NOOP``), typed:
PySide6's own returns ``object``. pyside6-lupdate finds the calls by this name."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # Qt's name
    """``text`` itself; ``context`` is where the translation is looked up when shown."""
    return text
