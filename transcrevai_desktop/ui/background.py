"""Disk work off the GUI thread: library scans and exports run here, results come back as
calls on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal, Slot

from transcrevai_desktop.core.errors import TranscrevaiError

log = logging.getLogger(__name__)


class _Courier(QObject):
    """Carries a job's outcome to the GUI thread. Not the Background's child: when the window
    that owns the Background is deleted, the pool's destructor waits for a running job from
    inside the Background's destructor, and the job must not emit from an object being
    destroyed (a segmentation fault). Its outcome then reaches no one."""

    finished = Signal(object, object)  # callback, argument


class Background(QObject):
    """Runs blocking calls one at a time, in order, on its own thread (not the model's pool,
    so a long final pass never delays an export); ``on_done(result)`` or ``on_error(sentence)``
    then runs on the GUI thread, unless the Background was deleted meanwhile."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._courier = _Courier()
        self._courier.finished.connect(self._deliver)

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None],
    ) -> None:
        courier = self._courier  # the job touches nothing of the Background itself

        def job() -> None:
            try:
                result = work()
            except TranscrevaiError as error:
                courier.finished.emit(on_error, str(error))
            except Exception as error:
                log.exception("Background work failed")
                sentence = QCoreApplication.translate(
                    "Background", "Something went wrong: {error}."
                ).format(error=error)
                courier.finished.emit(on_error, sentence)
            else:
                courier.finished.emit(on_done, result)

        self._pool.start(job)

    def relay(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        """A function a job may call from its thread, as often as it likes (progress), that
        runs ``callback`` with the same argument on the GUI thread, before the job's outcome
        and unless the Background was deleted meanwhile."""
        courier = self._courier
        return lambda argument: courier.finished.emit(callback, argument)

    @Slot(object, object)
    def _deliver(self, callback: Callable[[Any], None], argument: Any) -> None:
        callback(argument)
