"""A horizontal input level meter in dBFS.

It falls to the floor when levels stop coming for ``STALE_MS``: a paused recording (the
recorder drops what it hears then) or a device that went quiet showed the last level heard,
as if sound were still coming in."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QProgressBar, QWidget

FLOOR_DB = -60
STALE_MS = 500  # a level older than this is shown as none (blocks come every 0.1 s or so)


class LevelMeter(QProgressBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(FLOOR_DB, 0)
        self.setTextVisible(False)
        self.setMaximumHeight(10)
        self.setToolTip(self.tr("Input level"))
        self.setAccessibleName(self.tr("Input level"))
        self._stale = QTimer(self)
        self._stale.setSingleShot(True)
        self._stale.setInterval(STALE_MS)
        self._stale.timeout.connect(self.reset_level)
        self.reset_level()

    def set_level(self, dbfs: float) -> None:
        self.setValue(int(max(FLOOR_DB, min(0.0, dbfs))))
        self._stale.start()

    def reset_level(self) -> None:
        self.setValue(FLOOR_DB)
