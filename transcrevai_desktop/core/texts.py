"""Texts for people that the core and the window share: Qt's marker for a text translated
where it is shown (``QT_TRANSLATE_NOOP``, typed: PySide6's own returns ``object``;
pyside6-lupdate finds the calls by this name), and sizes in the user's number format."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # Qt's name
    """``text`` itself; ``context`` is where the translation is looked up when shown."""
    return text


def size_text(megabytes: float) -> str:
    """A size for people, in the user's number format: "148 MB", "1.5 GB" (decimal units, as
    the model hub shows them)."""
    if megabytes >= 1000:
        size = QLocale().toString(megabytes / 1000, "f", 1)
        return QCoreApplication.translate("Sizes", "{size} GB").format(size=size)
    size = QLocale().toString(round(megabytes))
    return QCoreApplication.translate("Sizes", "{size} MB").format(size=size)
