"""Disk work off the GUI thread: library scans and exports run here, results come back as
calls on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from transcrevai_desktop.core.errors import TranscrevaiError

log = logging.getLogger(__name__)


class Background(QObject):
    """Runs blocking calls one at a time, in order, on its own thread (not the model's pool,
    so a long final pass never delays an export); ``on_done(result)`` or ``on_error(sentence)``
    then runs on the GUI thread."""

    _finished = Signal(object, object)  # callback, argument

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._finished.connect(self._deliver)

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None],
    ) -> None:
        def job() -> None:
            try:
                result = work()
            except TranscrevaiError as error:
                self._finished.emit(on_error, str(error))
            except Exception as error:
                log.exception("Background work failed")
                sentence = self.tr("Something went wrong: {error}.").format(error=error)
                self._finished.emit(on_error, sentence)
            else:
                self._finished.emit(on_done, result)

        self._pool.start(job)

    @Slot(object, object)
    def _deliver(self, callback: Callable[[Any], None], argument: Any) -> None:
        callback(argument)
