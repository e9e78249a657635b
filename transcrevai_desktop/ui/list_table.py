"""A read-only table of things to pick one of (recordings, models): whole rows selected, one
at a time, columns as wide as their contents but one that takes the rest, each cell on one
line, cut short with "…" where its column is too narrow (a name with spaces wrapped into two
lines cut short each, "30/…" over "04:…", in a narrow library).

A table made with ``sort_by`` sorts when a column's header is clicked (again: the other way),
each cell by its ``SortItem.key``: dates and durations as numbers, text as the interface's
language sorts it, as a file manager does: case aside, "Ágata" beside "Ana" (not after "Zé"),
and the numbers in names in order ("Aula 2" before "Aula 10")."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QCollator, QLocale, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

_ORDERS = {"asc": Qt.SortOrder.AscendingOrder, "desc": Qt.SortOrder.DescendingOrder}


class SortItem(QTableWidgetItem):
    """A cell shown as ``text`` and sorted by ``key`` (the text itself if None)."""

    def __init__(self, text: str, key: str | float | None = None) -> None:
        super().__init__(text)
        self.key = text if key is None else key

    def __lt__(self, other: QTableWidgetItem) -> bool:
        theirs = other.key if isinstance(other, SortItem) else other.text()
        if isinstance(self.key, str) or isinstance(theirs, str):
            table = self.tableWidget()
            assert isinstance(table, ListTable)  # the only table that sorts them
            return table.collator.compare(str(self.key), str(theirs)) < 0
        return self.key < theirs


class ListTable(QTableWidget):
    def __init__(
        self,
        headers: Sequence[str],
        stretch: int,
        parent: QWidget | None = None,
        sort_by: tuple[int, Qt.SortOrder] | None = None,
    ) -> None:
        """``sort_by``: the column and order shown first, and the table sorts (see the
        module's docstring); None: the rows stay in the order they are set."""
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        # The "C" locale (LANG=C, a bare system) compares code points: "Ágata" after "Zé".
        locale = QLocale()
        if locale.language() == QLocale.Language.C:
            locale = QLocale(QLocale.Language.English)
        self.collator = QCollator(locale)
        self.collator.setNumericMode(True)
        self.collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._stretch = stretch
        self._fit_columns(QHeaderView.ResizeMode.ResizeToContents)
        self._sorts = sort_by is not None
        if sort_by is not None:
            self.horizontalHeader().setSortIndicator(*sort_by)
            self.setSortingEnabled(True)

    def _fit_columns(self, mode: QHeaderView.ResizeMode) -> None:
        header = self.horizontalHeader()
        for column in range(self.columnCount()):
            if column != self._stretch:
                header.setSectionResizeMode(column, mode)
        header.setSectionResizeMode(self._stretch, QHeaderView.ResizeMode.Stretch)

    @contextmanager
    def filling(self) -> Iterator[None]:
        """Set many rows, measured (and sorted) once at the end: columns fitted to their
        contents measure every row again at each item set (600 recordings took 30 s to show,
        8 ms this way), and a sorting table moves each row as its sorted cell is set."""
        self._fit_columns(QHeaderView.ResizeMode.Fixed)
        self.setSortingEnabled(False)
        try:
            yield
        finally:
            self.setSortingEnabled(self._sorts)
            self._fit_columns(QHeaderView.ResizeMode.ResizeToContents)

    def sort_state(self) -> str:
        """The column and order the rows are sorted by, as ``restore_sort`` takes it."""
        header = self.horizontalHeader()
        ascending = header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
        return f"{header.sortIndicatorSection()} {'asc' if ascending else 'desc'}"

    def restore_sort(self, state: str) -> None:
        """Sort as ``sort_state`` said; a state that is not one (none saved) changes nothing."""
        column, _, order = state.partition(" ")
        if column.isdigit() and int(column) < self.columnCount() and order in _ORDERS:
            self.sortByColumn(int(column), _ORDERS[order])
