"""Preferences (Ctrl+,), on three pages: *Recording* (default language, microphone and
vocabulary, library, clean-up, the interface language), *Model* (the models, compute type) and
*Voices* (the remembered voices: ``voices_panel``, given the engine's ``VoiceBook``).

The Model list (``model_picker``) says what each model costs and downloads one in the
background; a model on disk chosen there fills the Model field, which also takes any other
faster-whisper name or a CTranslate2 folder. Everything applies without a restart: new tabs
take the language, microphone and vocabulary (so do tabs that have not recorded, where the user
did not change them),
the library folder and clean-up time apply at once, and a new model loads in the background for
the passes that follow (a pass already running finishes on the old one). Forgetting a voice
happens at once, whether the dialog is then accepted or not (it asks first). The interface
language is the exception: the window's texts are built once, so it applies at the next start.
"""

from __future__ import annotations

from faster_whisper.utils import available_models
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from transcrevai_desktop.core.library import default_library_dir
from transcrevai_desktop.core.models import BUNDLED_MODEL
from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP
from transcrevai_desktop.core.voice_book import VoiceBook
from transcrevai_desktop.settings import Key, Settings, library_folder
from transcrevai_desktop.translations import LANGUAGES
from transcrevai_desktop.ui.device_picker import DevicePicker
from transcrevai_desktop.ui.language_picker import LanguagePicker
from transcrevai_desktop.ui.model_picker import ModelPicker
from transcrevai_desktop.ui.vocabulary_field import VocabularyField, placeholder
from transcrevai_desktop.ui.voices_panel import VoicesPanel

COMPUTE_TYPES = {
    "int8": QT_TRANSLATE_NOOP("PreferencesDialog", "int8 (fastest)"),
    "int8_float32": "int8 / float32",  # not translated: the types' names
    "float32": "float32",
}


def _with_browse(field: QWidget, browse: QPushButton) -> QWidget:
    """``field`` with its browse button beside it, named by the row's label (its buddy)."""
    row = QWidget()
    row.setFocusProxy(field)
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field, 1)
    layout.addWidget(browse)
    return row


class PreferencesDialog(QDialog):
    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        voice_book: VoiceBook | None = None,
    ) -> None:
        """``voice_book``: the remembered voices to list and forget (none: no Voices section)."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.settings = settings

        self.model = QComboBox()
        self.model.setEditable(True)
        self.model.setAccessibleName(self.tr("Model"))  # its label names the row
        completer = self.model.completer()
        assert completer is not None  # an editable combo box has one
        # names offered under the field, not written into it: "tiny" typed stayed "tiny.en"
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.model.setToolTip(
            self.tr("The bundled base model, a model name, or a CTranslate2 folder")
        )
        self.model.addItems([BUNDLED_MODEL, *(m for m in available_models() if m != BUNDLED_MODEL)])
        self.model.setCurrentText(settings.get(Key.MODEL))
        model_folder = QPushButton(self.tr("Folder…"))
        model_folder.clicked.connect(self._choose_model_folder)
        self.compute_type = QComboBox()
        for value, label in COMPUTE_TYPES.items():
            self.compute_type.addItem(self.tr(label), value)
        self.compute_type.setCurrentIndex(
            max(0, self.compute_type.findData(settings.get(Key.COMPUTE_TYPE)))
        )
        self.language = LanguagePicker(settings.get(Key.LANGUAGE))
        self.device = DevicePicker(settings.get(Key.DEVICE))
        self.system_audio = DevicePicker(settings.get(Key.SYSTEM_AUDIO), system_audio=True)
        self.vocabulary = VocabularyField(
            settings.get(Key.VOCABULARY),
            self.tr(
                "Names and terms (people, places, jargon) that Whisper should spell right in "
                "live captions and transcripts, for every new recording. Separate them with "
                "commas; each tab can change them before it records."
            ),
        )
        self.vocabulary.setCursorPosition(0)
        placeholder_width = self.vocabulary.fontMetrics().horizontalAdvance(placeholder())
        self.vocabulary.setMinimumWidth(placeholder_width + 40)  # the example fits
        self.library = QLineEdit(settings.get(Key.LIBRARY_DIR))
        self.library.setAccessibleName(self.tr("Recordings folder"))  # its label names the row
        self.library.setPlaceholderText(str(default_library_dir()))
        library_browse = QPushButton(self.tr("Browse…"))
        library_browse.clicked.connect(self._choose_library)
        self.cleanup_hours = QDoubleSpinBox()
        self.cleanup_hours.setRange(0.1, 24 * 30)
        self.cleanup_hours.setDecimals(1)  # "24,0 h", not "24,00 h"
        self.cleanup_hours.setSuffix(self.tr(" h"))
        self.cleanup_hours.setValue(settings.get_float(Key.CLEANUP_HOURS))
        self.interface_language = QComboBox()
        self.interface_language.addItem(self.tr("The system's"), "")
        for code, name in LANGUAGES.items():
            self.interface_language.addItem(name, code)
        self.interface_language.setCurrentIndex(
            max(0, self.interface_language.findData(settings.get(Key.INTERFACE_LANGUAGE)))
        )
        self.interface_language.setToolTip(self.tr("Applied the next time TranscrevAI starts"))
        self.cleanup_hours.setToolTip(
            self.tr("Free the memory of sessions idle this long (files stay)")
        )

        # Three pages, so the dialog fits a laptop's screen (all on one page it was 660 px
        # tall, and a 1366×768 screen at 125 % has about 610).
        recording = QWidget()
        form = QFormLayout(recording)
        form.addRow(self.tr("Default language:"), self.language)
        form.addRow(self.tr("Default microphone:"), self.device)
        form.addRow(self.tr("A call's other side:"), self.system_audio)
        form.addRow(self.tr("Vocabulary:"), self.vocabulary)
        form.addRow(self.tr("Recordings folder:"), _with_browse(self.library, library_browse))
        form.addRow(self.tr("Idle clean-up after:"), self.cleanup_hours)
        form.addRow(self.tr("Interface language:"), self.interface_language)
        model = QWidget()
        model_form = QFormLayout(model)
        self.model_picker = ModelPicker(settings.get(Key.MODEL), self)
        self.model_picker.model_chosen.connect(self.model.setCurrentText)
        self.model.currentTextChanged.connect(self.model_picker.follow)
        model_form.addRow(self.model_picker)
        model_form.addRow(self.tr("Model:"), _with_browse(self.model, model_folder))
        model_form.addRow(self.tr("Compute type:"), self.compute_type)
        self.pages = QTabWidget()
        self.pages.addTab(recording, self.tr("Recording"))
        self.pages.addTab(model, self.tr("Model"))
        self.voices = VoicesPanel(voice_book) if voice_book is not None else None
        if self.voices is not None:
            self.pages.addTab(self.voices, self.tr("Voices"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        layout.addWidget(buttons)

    def _choose_model_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("CTranslate2 Whisper model folder"))
        if folder:
            self.model.setCurrentText(folder)

    def _choose_library(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Recordings folder"), self.library.text()
        )
        if folder:
            self.library.setText(folder)

    def done(self, result: int) -> None:
        """OK, Cancel, Escape or the window's close: while a model downloads, only once the
        user agrees to stop it (closing took the download with it, silently; OK asks in
        ``accept``, before saving)."""
        accepted = result == QDialog.DialogCode.Accepted
        if accepted or self.model_picker.download_bar.may_close():
            super().done(result)

    def accept(self) -> None:
        typed = self.library.text().strip()  # shown as used next time: "~/a" as /home/…/a
        folder = library_folder(typed) if typed else None
        if folder is not None and folder.exists() and not folder.is_dir():
            QMessageBox.warning(
                self,
                self.tr("Recordings folder"),
                self.tr("{path} is a file: choose a folder for the recordings.").format(
                    path=folder
                ),
            )
            self.library.setFocus()
            return
        if not self.model_picker.download_bar.may_close():
            return
        self.settings.set(Key.MODEL, self.model.currentText().strip() or BUNDLED_MODEL)
        self.settings.set(Key.COMPUTE_TYPE, self.compute_type.currentData())
        self.settings.set(Key.LANGUAGE, self.language.code)
        self.settings.set(Key.DEVICE, self.device.device)
        self.settings.set(Key.SYSTEM_AUDIO, self.system_audio.device)
        self.settings.set(Key.VOCABULARY, self.vocabulary.text().strip())
        self.settings.set(Key.LIBRARY_DIR, str(folder) if folder else "")
        self.settings.set(Key.CLEANUP_HOURS, self.cleanup_hours.value())
        self.settings.set(Key.INTERFACE_LANGUAGE, self.interface_language.currentData())
        super().accept()
