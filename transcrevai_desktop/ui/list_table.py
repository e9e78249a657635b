"""A read-only table of things to pick one of (recordings, models): whole rows selected, one
at a time, columns as wide as their contents but one that takes the rest, each cell on one
line, cut short with "…" where its column is too narrow (a name with spaces wrapped into two
lines cut short each, "30/…" over "04:…", in a narrow library).

A table made with ``sort_by`` sorts when a column's header is clicked (again: the other way),
each cell by its ``SortItem.key``: dates and durations as numbers, text as the interface's
language sorts it, as a file manager does: case aside, "Ágata" beside "Ana" (not after "Zé"),
and the numbers in names in order ("Aula 2" before "Aula 10").

A table made with ``fold`` hides those columns, in that order, while the one that takes the
rest would be narrower than ``MIN_STRETCH_CHARS`` (a library docked narrow showed "Aula de…"
beside every date, duration, language and status), and shows them again once there is room;
what a folded column says is then in its row's tooltip (``row_tooltip``). Such a table has no
horizontal scroll bar (what does not fit is folded, or cut with "…"), and folds only when its
width changes, showing a column again only with room to spare: a scroll bar that came and
went with a column made the table shorter and taller, each change folding the other way
(thousands of layouts a second in an empty library: a whole CPU core)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QCollator, QEvent, QLocale, Qt
from PySide6.QtGui import QHelpEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QToolTip,
    QWidget,
)

MIN_STRETCH_CHARS = 20  # characters the column that takes the rest keeps, other columns folded
SPARE_CHARS = 2  # more characters a folded column waits for before it is shown again
HEADER_PADDING_CHARS = 4  # a header's margins and sort arrow, in characters
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
        fold: Sequence[int] = (),
    ) -> None:
        """``sort_by``: the column and order shown first, and the table sorts (see the
        module's docstring); None: the rows stay in the order they are set. ``fold``: the
        columns hidden first where the table is narrow (the module's docstring)."""
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        # The "C" locale (LANG=C, a bare system) compares code points: "Ágata" after "Zé".
        locale = QLocale()
        if locale.language() == QLocale.Language.C:
            locale = QLocale(QLocale.Language.English)
        self.collator = QCollator(locale)
        self.collator.setNumericMode(True)
        self.collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._stretch = stretch
        self._fold = tuple(fold)
        if fold:
            self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
            self._fold_columns()

    def folded(self) -> list[int]:
        """The columns hidden for want of room."""
        return [column for column in self._fold if self.isColumnHidden(column)]

    def row_tooltip(self, row: int) -> str:
        """``row`` in full: the text of the column that takes the rest (cut short with "…"
        where it is long), then what each folded column says of it, with its header."""
        stretched = self.item(row, self._stretch)
        lines = [stretched.text()] if stretched is not None else []
        lines += [
            f"{self.horizontalHeaderItem(column).text()}: {item.text()}"
            for column in self.folded()
            if (item := self.item(row, column)) is not None and item.text()
        ]
        return "\n".join(lines)

    def viewportEvent(self, event: QEvent) -> bool:
        """A row's tooltip, where the table folds columns: ``row_tooltip``."""
        if self._fold and isinstance(event, QHelpEvent) and event.type() == QEvent.Type.ToolTip:
            row = self.rowAt(event.pos().y())
            if row >= 0:
                QToolTip.showText(event.globalPos(), self.row_tooltip(row), self.viewport())
                return True
        return super().viewportEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():  # not a height alone
            self._fold_columns()

    def _fold_columns(self) -> None:
        """Show every column there is room for, beside ``MIN_STRETCH_CHARS`` of the one that
        takes the rest; hide the others in ``fold``'s order."""
        if not self._fold:
            return
        char = self.fontMetrics().averageCharWidth()
        room = self.viewport().width() - MIN_STRETCH_CHARS * char
        header = self.horizontalHeader().fontMetrics()
        width = {  # as wide as their contents and header, measured alike shown or not (a
            # hidden section's size hint is 0: hidden columns came back and went again)
            column: max(
                self.sizeHintForColumn(column),
                header.horizontalAdvance(self.horizontalHeaderItem(column).text())
                + HEADER_PADDING_CHARS * header.averageCharWidth(),
            )
            for column in range(self.columnCount())
        }
        hidden = list(self._fold)  # hidden first; shown while there is room, last first
        shown = [c for c in range(self.columnCount()) if c != self._stretch and c not in hidden]
        taken = sum(width[column] for column in shown)
        while hidden:
            spare = SPARE_CHARS * char if self.isColumnHidden(hidden[-1]) else 0
            if taken + width[hidden[-1]] + spare > room:
                break
            taken += width[hidden.pop()]
        for column in self._fold:
            self.setColumnHidden(column, column in hidden)

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
