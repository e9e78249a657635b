"""A horizontal input level meter in dBFS."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QWidget

FLOOR_DB = -60


class LevelMeter(QProgressBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(FLOOR_DB, 0)
        self.setTextVisible(False)
        self.setMaximumHeight(10)
        self.setToolTip(self.tr("Input level"))
        self.setAccessibleName(self.tr("Input level"))
        self.reset_level()

    def set_level(self, dbfs: float) -> None:
        self.setValue(int(max(FLOOR_DB, min(0.0, dbfs))))

    def reset_level(self) -> None:
        self.setValue(FLOOR_DB)
