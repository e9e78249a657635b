"""A read-only table of things to pick one of (recordings, models): whole rows selected, one
at a time, columns as wide as their contents but one that takes the rest."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QWidget


class ListTable(QTableWidget):
    def __init__(self, headers: Sequence[str], stretch: int, parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self._stretch = stretch
        self._fit_columns(QHeaderView.ResizeMode.ResizeToContents)

    def _fit_columns(self, mode: QHeaderView.ResizeMode) -> None:
        header = self.horizontalHeader()
        for column in range(self.columnCount()):
            if column != self._stretch:
                header.setSectionResizeMode(column, mode)
        header.setSectionResizeMode(self._stretch, QHeaderView.ResizeMode.Stretch)

    @contextmanager
    def filling(self) -> Iterator[None]:
        """Set many rows, measured once at the end: columns fitted to their contents measure
        every row again at each item set (600 recordings took 30 s to show, 8 ms this way)."""
        self._fit_columns(QHeaderView.ResizeMode.Fixed)
        try:
            yield
        finally:
            self._fit_columns(QHeaderView.ResizeMode.ResizeToContents)
