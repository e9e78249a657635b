"""The language of the window and the commands: Brazilian Portuguese or English, Qt's own
machinery.

The source texts in the code are English; ``resources/i18n/transcrevai_<language>.ts`` hold
the translations (English only for its plural forms) and the ``.qm`` files beside them are
what the app loads. Both are committed, so an installed package needs no build step;
``scripts/translations.sh`` regenerates them from the code (``pyside6-lupdate`` /
``pyside6-lrelease``) and a test fails when they fall behind the code.

The system's locale chooses (Portuguese of any country → pt_BR; anything else → English);
Preferences → Interface language overrides it, applied at the next start (the window's
texts are built once). Qt's own texts (standard buttons, file dialogs) come from Qt's
translations of the same language, but for the few that Qt's Brazilian translation lacks
(``QT_GAPS``): the app's translation, installed after Qt's and so asked first, holds them. Dates
and numbers follow the same locale.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

FOLDER = Path(__file__).resolve().parent / "resources" / "i18n"
LANGUAGES = {"pt_BR": "Português (Brasil)", "en": "English"}  # not translated: their own names
DEFAULT_LANGUAGE = "en"
# Qt's own texts missing from qtbase_pt_BR in Qt 6.11 (its file dialog's labels gained a
# mnemonic, and the old texts are the ones translated; the Return key, which Brazilian
# keyboards call Enter): translated in the app's own files.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QTabBar", "Close Tab"),
    QT_TRANSLATE_NOOP("QShortcut", "Return"),  # the keys' names in Help → Keyboard shortcuts
    QT_TRANSLATE_NOOP("QShortcut", "Enter"),
)


def interface_language(chosen: str = "") -> str:
    """The interface language for ``chosen`` (a ``LANGUAGES`` key, or "" for the system's)."""
    if chosen in LANGUAGES:
        return chosen
    if chosen:
        log.warning("Unknown interface language %r: using the system's", chosen)
    return "pt_BR" if QLocale.system().language() == QLocale.Language.Portuguese else "en"


def translation_file(language: str) -> Path:
    return FOLDER / f"transcrevai_{language}.qm"


def install_translations(chosen: str = "") -> str:
    """Translate the app (it must exist) into the chosen or the system's language, replacing
    any translation installed before; the locale for dates and numbers follows. Returns the
    language used."""
    app = QCoreApplication.instance()
    assert app is not None, "the application must exist first"
    language = interface_language(chosen)
    for old in app.findChildren(QTranslator, "transcrevai"):
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    QLocale.setDefault(QLocale(language))
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}.qm", qt_folder), (translation_file(language), "")):
        translator = QTranslator(app)
        translator.setObjectName("transcrevai")
        path = str(Path(folder) / name)
        if translator.load(path):
            QCoreApplication.installTranslator(translator)
        elif language != DEFAULT_LANGUAGE:
            log.warning("No translation at %s", path)
    return language
