"""argparse's own words in the commands' language: "usage:", "options", and the errors it
writes for a mistyped command ("the following arguments are required: FILE").

argparse writes them through gettext (``argparse._`` and ``argparse.ngettext``, looked up at
each use); ``translate_argparse`` points both at Qt's translation, context "argparse", so the
help and the errors of ``transcrevai`` read in one language (Python offers no other hook than a
gettext catalogue of its own, and the app's translations are Qt's). The texts are those of
Python 3.11 that a user can meet; one that a later Python words differently stays English.
"""

from __future__ import annotations

import argparse

from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP

CONTEXT = "argparse"
TEXTS = (  # collected by pyside6-lupdate (scripts/translations.sh)
    QT_TRANSLATE_NOOP("argparse", "usage: "),
    QT_TRANSLATE_NOOP("argparse", "positional arguments"),
    QT_TRANSLATE_NOOP("argparse", "options"),
    QT_TRANSLATE_NOOP("argparse", "%(prog)s: error: %(message)s\n"),
    QT_TRANSLATE_NOOP("argparse", "argument %(argument_name)s: %(message)s"),
    QT_TRANSLATE_NOOP("argparse", "the following arguments are required: %s"),
    QT_TRANSLATE_NOOP("argparse", "unrecognized arguments: %s"),
    QT_TRANSLATE_NOOP("argparse", "ambiguous option: %(option)s could match %(matches)s"),
    QT_TRANSLATE_NOOP("argparse", "invalid choice: %(value)r (choose from %(choices)s)"),
    QT_TRANSLATE_NOOP("argparse", "invalid %(type)s value: %(value)r"),
    QT_TRANSLATE_NOOP("argparse", "ignored explicit argument %r"),
    QT_TRANSLATE_NOOP("argparse", "expected one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at most one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected at least one argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s argument"),
    QT_TRANSLATE_NOOP("argparse", "expected %s arguments"),
)


def _translated(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def _translated_plural(singular: str, plural: str, count: int) -> str:
    return _translated(singular if count == 1 else plural)


def translate_argparse() -> None:
    """argparse's words through the translation installed now (see ``translations``)."""
    vars(argparse).update(_=_translated, ngettext=_translated_plural)
