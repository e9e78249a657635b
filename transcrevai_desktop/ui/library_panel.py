"""The session library: past recordings, searchable; it sends open and delete intents."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from transcrevai_desktop.core.library import LibraryEntry
from transcrevai_desktop.core.session_manager import SessionManager

COLUMNS = ("Name", "Date", "Duration", "Language", "Status")


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes}:{secs:02d}"


class LibraryPanel(QDockWidget):
    open_requested = Signal(str)  # session id
    delete_requested = Signal(str)  # session id

    def __init__(self, manager: SessionManager, parent: QWidget | None = None) -> None:
        super().__init__("Library", parent)
        self.setObjectName("library")
        self.manager = manager
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names and transcripts")
        self.search.setClearButtonEnabled(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.open_button = QPushButton("Open")
        self.delete_button = QPushButton("Delete…")
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problems)
        self.setWidget(body)

        self.search.textChanged.connect(self.refresh)
        self.table.cellDoubleClicked.connect(
            lambda row, _column: self._request(self.open_requested)
        )
        self.open_button.clicked.connect(lambda: self._request(self.open_requested))
        self.delete_button.clicked.connect(lambda: self._request(self.delete_requested))
        self.refresh()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def _request(self, signal: Signal) -> None:
        session_id = self.selected_id()
        if session_id is not None:
            signal.emit(session_id)

    def row_of(self, session_id: str) -> int:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == session_id:
                return row
        return -1

    @Slot()
    def refresh(self) -> None:
        selected = self.selected_id()
        entries, problems = self.manager.library()
        shown = [entry for entry in entries if entry.matches(self.search.text())]
        self.table.setRowCount(len(shown))
        for row, entry in enumerate(shown):
            self._fill_row(row, entry)
        if selected is not None and (row := self.row_of(selected)) >= 0:
            self.table.selectRow(row)
        self.problems.setVisible(bool(problems))
        self.problems.setText(f"{len(problems)} folder(s) skipped: " + "; ".join(problems))

    def _fill_row(self, row: int, entry: LibraryEntry) -> None:
        values = (
            entry.name,
            entry.created_at.replace("T", " ")[:16],
            _duration(entry.duration),
            entry.language or "",
            entry.status,
        )
        for column, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.table.setItem(row, column, item)
