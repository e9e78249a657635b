"""A model download in progress: what is downloading, a progress bar and Cancel.

The download (``core.model_download.download``) runs on a thread of the downloads' own pool;
its progress comes back as queued signals, at most once per thousandth of the whole. Shared by
the model picker and the offer of a bigger model. Destroying the bar cancels its download.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QWidget,
)

from transcrevai_desktop.core.errors import DownloadCancelled, TranscrevaiError
from transcrevai_desktop.core.model_download import download
from transcrevai_desktop.core.texts import size_text

log = logging.getLogger(__name__)

STEPS = 1000  # the progress bar's maximum
_pool: QThreadPool | None = None


def _download_pool() -> QThreadPool:
    """Downloads' own threads: a download of minutes never holds up the model's passes."""
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(2)
    return _pool


class _Relay(QObject):
    """Carries a download's news from its thread to the bar (queued onto the GUI thread). Not
    the bar's child: a download outliving its bar then emits into nothing."""

    progressed = Signal(object, object)  # bytes done, bytes in all (may pass 2**31)
    ended = Signal(str, str)  # folder ("" unless it is on disk), error sentence ("" if none)


class ModelDownloadBar(QWidget):
    """Hidden until ``start(name)``; then says what downloads and how far, with Cancel."""

    finished = Signal(str)  # the model's name: it is on disk now
    failed = Signal(str)  # why not, a sentence; nothing of it was kept
    cancelled = Signal()  # the user cancelled; nothing of it was kept

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel()
        self.progress = QProgressBar()
        self.progress.setRange(0, STEPS)
        self.progress.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label, 1)
        row.addWidget(self.progress, 1)
        row.addWidget(self.cancel_button)
        self.cancel_button.clicked.connect(self.cancel)
        self.name = ""  # the model downloading, "" when none
        self._stop = threading.Event()
        self.hide()

    def is_running(self) -> bool:
        return bool(self.name)

    def start(self, name: str) -> None:
        """Download the catalog model ``name`` in the background (one at a time)."""
        if self.is_running():
            return
        self.name = name
        stop = self._stop = threading.Event()
        self.destroyed.connect(stop.set)  # a closed dialog stops its download
        relay = _Relay()
        relay.progressed.connect(self._progressed)
        relay.ended.connect(self._ended)
        self.label.setText(self.tr("Connecting to download {model}…").format(model=name))
        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.show()

        def work() -> None:
            last = -1

            def progress(done: int, total: int) -> None:
                nonlocal last
                step = done * STEPS // total if total else STEPS
                if step != last:
                    last = step
                    relay.progressed.emit(done, total)

            try:
                folder = download(name, progress, stop.is_set)
            except DownloadCancelled:
                relay.ended.emit("", "")
            except TranscrevaiError as error:
                relay.ended.emit("", str(error))
            except Exception as error:  # a bug: say so rather than hang on "downloading"
                log.exception("Downloading %s failed", name)
                sentence = QCoreApplication.translate(
                    "ModelDownloadBar", "Could not download the model '{model}': {error}."
                ).format(model=name, error=error)
                relay.ended.emit("", sentence)
            else:
                relay.ended.emit(str(folder), "")

        _download_pool().start(work)

    def may_close(self) -> bool:
        """Whether the dialog holding the bar may close: at once when nothing downloads, else
        when the user agrees to stop the download (No is the default: a download of minutes is
        not lost to a key pressed on the way)."""
        if not self.is_running():
            return True
        answer = QMessageBox.question(
            self,
            self.tr("Model download"),
            self.tr("{model} is still downloading. Stop the download?").format(model=self.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.cancel()
        return True

    @Slot()
    def cancel(self) -> None:
        """Stop the download; ``cancelled`` follows once nothing of it is left."""
        if self.is_running():
            self._stop.set()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    @Slot(object, object)
    def _progressed(self, done: int, total: int) -> None:
        if self._stop.is_set():
            return
        self.progress.setValue(done * STEPS // total if total else STEPS)
        self.label.setText(
            self.tr("Downloading {model}: {done} of {total}").format(
                model=self.name, done=size_text(done / 1e6), total=size_text(total / 1e6)
            )
        )

    @Slot(str, str)
    def _ended(self, folder: str, error: str) -> None:
        name, self.name = self.name, ""
        self.hide()
        if folder:
            self.finished.emit(name)
        elif error:
            self.failed.emit(error)
        else:
            self.cancelled.emit()
