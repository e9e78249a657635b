"""The one-time offer of a bigger model for the user's language.

The bundled base model gets about two words in three right on spontaneous Brazilian speech,
where the original TranscrevAI reported 83 % with Whisper medium. So once (at the first start,
or at the first recording in Portuguese, whichever finds a network first) the app offers a
bigger model, never downloading without asking. Which one (``core.model_catalog``): for
Portuguese and every other language but English, large-v3-turbo (about large-v3's accuracy,
well ahead of medium in Portuguese, with a 4-layer decoder that keeps it affordable), else
medium, else small; for English the English-only distil-large-v3, else small.en: the first
whose final pass, estimated by a speed probe of this CPU (``core.model_download.find_offer``),
takes at most half the recording's length. On the 2-core benchmark machine that is small.

``ModelOfferer`` decides in the background (hub reachable, probe) and shows the dialog;
``ModelOfferDialog`` says what the model costs and downloads it with progress and Cancel.
"""

from __future__ import annotations

import logging
import weakref

from PySide6.QtCore import QLocale, QObject, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from transcrevai_desktop.core.model_download import ModelOffer, find_offer, hub_reachable
from transcrevai_desktop.core.models import BUNDLED_MODEL
from transcrevai_desktop.core.session import BUSY, Session, SessionStatus
from transcrevai_desktop.core.texts import size_text
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.background import Background
from transcrevai_desktop.ui.languages import language_in_sentence
from transcrevai_desktop.ui.model_download_bar import ModelDownloadBar

log = logging.getLogger(__name__)

TEXT_WIDTH = 460  # pixels


class ModelOfferDialog(QDialog):
    model_ready = Signal(str)  # the offered model is on disk: use it from now on

    def __init__(self, offer: ModelOffer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer = offer
        name = offer.model.name
        self.setWindowTitle(self.tr("A more accurate model"))
        if offer.language in ("auto", ""):
            why = self.tr(
                "The model '{model}' gets more words right than the bundled model."
            ).format(model=name)
        else:
            why = self.tr(
                "For speech in {language}, the model '{model}' gets more words right than "
                "the bundled model."
            ).format(language=language_in_sentence(offer.language), model=name)
        if offer.language == "pt":
            why += " " + self.tr(
                "On spontaneous Brazilian speech the bundled model gets about two words in "
                "three right; the original TranscrevAI reported 83 % with Whisper medium."
            )
        locale = QLocale()
        cost = self.tr(
            "It is a download of {size}. On this computer it should take about {seconds} s "
            "to transcribe each minute of audio, against {base} s with the bundled model."
        ).format(
            size=size_text(offer.model.download_mb),
            seconds=locale.toString(offer.seconds_per_minute, "f", 0),
            base=locale.toString(offer.base_seconds_per_minute, "f", 0),
        )
        meanwhile = self.tr("The bundled model stays in use until the download is complete.")
        self.text = QLabel(f"{why}\n\n{cost}\n\n{meanwhile}")
        self.text.setWordWrap(True)
        self.text.setFixedWidth(TEXT_WIDTH)  # a dialog does not grow to a wrapped label's
        self.text.setMinimumHeight(self.text.heightForWidth(TEXT_WIDTH))  # height: give it
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setFixedWidth(TEXT_WIDTH)
        self.error_label.hide()
        self.download_bar = ModelDownloadBar()
        self.buttons = QDialogButtonBox()
        self.download_button = QPushButton(self.tr("Download"))
        self.download_button.setDefault(True)
        self.not_now_button = QPushButton(self.tr("Not now"))
        self.buttons.addButton(self.download_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.not_now_button, QDialogButtonBox.ButtonRole.RejectRole)
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # room for the bar
        layout.addWidget(self.text)
        layout.addWidget(self.error_label)
        layout.addWidget(self.download_bar)
        layout.addWidget(self.buttons)

        self.download_button.clicked.connect(self._download)
        self.not_now_button.clicked.connect(self.reject)
        self.download_bar.finished.connect(self._downloaded)
        self.download_bar.failed.connect(self._failed)
        self.download_bar.cancelled.connect(self._cancelled)

    @Slot()
    def _download(self) -> None:
        self.error_label.hide()
        self.download_button.setEnabled(False)
        self.not_now_button.setEnabled(False)
        self.download_bar.start(self.offer.model.name)

    @Slot(str)
    def _downloaded(self, name: str) -> None:
        self.model_ready.emit(name)
        self.accept()

    @Slot(str)
    def _failed(self, sentence: str) -> None:
        self.error_label.setText(sentence)
        self.error_label.setMinimumHeight(self.error_label.heightForWidth(TEXT_WIDTH))
        self.error_label.show()
        self.download_button.setText(self.tr("Try again"))
        self._cancelled()

    @Slot()
    def _cancelled(self) -> None:
        self.download_button.setEnabled(True)
        self.not_now_button.setEnabled(True)

    def reject(self) -> None:
        """Escape or closing the window while downloading asks whether to stop the download
        (``ModelDownloadBar.may_close``)."""
        if self.download_bar.may_close():
            super().reject()


class ModelOfferer(QObject):
    """Offers a bigger model once per user (``Key.MODEL_OFFERED``), only to a user of the
    bundled model, only when the model hub answers, and only when a bigger model fits this
    CPU (``find_offer``). ``offer(language)`` returns at once; ``dialog`` is the dialog shown."""

    model_ready = Signal(str)  # the offered model is on disk: use it from now on

    def __init__(self, settings: Settings, window: QWidget) -> None:
        super().__init__(window)
        self._settings, self._window = settings, window
        self._background = Background(self)
        self.checking = False  # a look for an offer is under way
        self.dialog: ModelOfferDialog | None = None
        self._watched: weakref.WeakSet[Session] = weakref.WeakSet()
        self._waiting: str | None = None  # a language to look for once no session is busy
        self._found: ModelOffer | None = None  # an offer to show once no session is busy

    def watch(self, session: Session) -> None:
        """Offer once ``session``, in Portuguese, has its transcript, and no session watched
        records or transcribes. Not while one does: the dialog came up in the middle of a
        meeting (another tab's, too), and the speed probe, measured under the live passes,
        could price every model out for good."""
        self._watched.add(session)
        session.status_changed.connect(self._on_status)  # queued: may come from a pass

    def _busy(self) -> bool:
        return any(session.status in BUSY for session in self._watched)

    @Slot(str, str)
    def _on_status(self, status: str, _message: str) -> None:
        session = self.sender()
        if (
            status == SessionStatus.COMPLETE
            and isinstance(session, Session)
            and (session.language or session.detected_language) == "pt"
        ):
            self._waiting = "pt"
        if self._busy():
            return
        if self._found is not None:
            found, self._found = self._found, None
            self._show(found)
        elif self._waiting is not None:
            language, self._waiting = self._waiting, None
            self.offer(language)

    def offer(self, language: str) -> None:
        """Call at start (the preferred language) and when a transcript is done (its
        language); while a session watched is busy, it waits for the last to finish."""
        if (
            self.checking
            or self._settings.get(Key.MODEL_OFFERED)
            or self._settings.get(Key.MODEL) != BUNDLED_MODEL
        ):
            return
        if self._busy():
            self._waiting = language
            return
        self.checking = True

        def look() -> tuple[bool, ModelOffer | None]:
            if not hub_reachable():
                return False, None
            return True, find_offer(language)

        self._background.run(look, self._looked, self._failed)

    def _looked(self, result: tuple[bool, ModelOffer | None]) -> None:
        self.checking = False
        reachable, offer = result
        if not reachable:  # perhaps next time
            return
        self._settings.set(Key.MODEL_OFFERED, "1")  # the answer would not change here
        if offer is None:
            return
        if self._busy():  # a recording started meanwhile
            self._found = offer
            return
        self._show(offer)

    def _show(self, offer: ModelOffer) -> None:
        self.dialog = ModelOfferDialog(offer, self._window)
        self.dialog.model_ready.connect(self.model_ready)
        self.dialog.open()

    def _failed(self, sentence: str) -> None:
        self.checking = False
        log.info("No model offered: %s", sentence)
