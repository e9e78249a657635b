"""The session library: past recordings, searchable and sorted by any column (newest first
until a header is clicked; the window saves the choice); it sends open, rename and delete
intents, from its buttons, a row's context menu and keys (Enter, F2, Delete), and opens a
recording's folder in the file manager itself.

The folder is scanned on a background thread (one scan at a time; requests made meanwhile
coalesce into one more), so a library of thousands of sessions never freezes the window;
the search filters the last scan in memory."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import replace

from PySide6.QtCore import (
    QCoreApplication,
    QDateTime,
    QLocale,
    QPoint,
    Qt,
    Signal,
    SignalInstance,
    Slot,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from transcrevai_desktop.core.folder_lock import CAN_LOCK
from transcrevai_desktop.core.library import LibraryEntry
from transcrevai_desktop.core.session import BUSY, UNFINISHED, SessionStatus
from transcrevai_desktop.core.session_manager import SessionManager
from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP
from transcrevai_desktop.ui.background import Background
from transcrevai_desktop.ui.file_manager import show_folder
from transcrevai_desktop.ui.languages import language_name
from transcrevai_desktop.ui.list_table import ListTable, SortItem
from transcrevai_desktop.ui.time_text import clock

COLUMNS = (  # translated where shown
    QT_TRANSLATE_NOOP("LibraryPanel", "Name"),
    QT_TRANSLATE_NOOP("LibraryPanel", "Date"),
    QT_TRANSLATE_NOOP("LibraryPanel", "Duration"),
    QT_TRANSLATE_NOOP("LibraryPanel", "Language"),
    QT_TRANSLATE_NOOP("LibraryPanel", "Status"),
)
NAME, DATE, DURATION, LANGUAGE, STATUS = range(len(COLUMNS))  # their columns
FOLD = (LANGUAGE, STATUS, DURATION, DATE)  # hidden in this order where the panel is narrow
STATUS_TEXT: dict[str, str] = {  # a status as the Status column shows it, translated there
    SessionStatus.IDLE: QT_TRANSLATE_NOOP("LibraryPanel", "idle"),
    SessionStatus.RECORDING: QT_TRANSLATE_NOOP("LibraryPanel", "recording"),
    SessionStatus.PAUSED: QT_TRANSLATE_NOOP("LibraryPanel", "paused"),
    SessionStatus.PROCESSING: QT_TRANSLATE_NOOP("LibraryPanel", "processing"),
    SessionStatus.COMPLETE: QT_TRANSLATE_NOOP("LibraryPanel", "complete"),
    SessionStatus.ERROR: QT_TRANSLATE_NOOP("LibraryPanel", "error"),
    SessionStatus.INTERRUPTED: QT_TRANSLATE_NOOP("LibraryPanel", "interrupted"),
}


def _translated(text: str) -> str:
    return QCoreApplication.translate("LibraryPanel", text)


_BUSY_ON_DISK = frozenset(status.value for status in BUSY)  # as session.json says it


def _status_text(entry: LibraryEntry, live: AbstractSet[str]) -> str:
    """An entry's status as the Status column shows it: busy on disk, and neither ``live``
    (held by this process) nor held by another, it was cut short by a crash (it reopens as
    interrupted); one this version does not know, as it is."""
    status = entry.status
    crashed = CAN_LOCK and not entry.in_use and entry.id not in live  # else: cannot tell
    if status in _BUSY_ON_DISK and crashed:
        status = SessionStatus.INTERRUPTED.value
    return _translated(STATUS_TEXT[status]) if status in STATUS_TEXT else status


def _date_cell(created_at: str) -> SortItem:
    """An ISO 8601 moment as the interface's language writes a date and time, short
    ("01/06/2024 14:05" in Brazilian Portuguese), in local time, sorted by the moment; the
    text itself, cut to the minute and sorted first, if it is not one."""
    moment = QDateTime.fromString(created_at, Qt.DateFormat.ISODate)
    if not moment.isValid():
        return SortItem(created_at.replace("T", " ")[:16], 0.0)
    shown = QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)
    return SortItem(shown, float(moment.toMSecsSinceEpoch()))


class LibraryPanel(QDockWidget):
    open_requested = Signal(str)  # session id
    rename_requested = Signal(str)  # session id
    delete_requested = Signal(str)  # session id
    updated = Signal()  # a scan has been shown

    def __init__(
        self, manager: SessionManager, background: Background, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Library"))
        self.setObjectName("library")
        self.manager = manager
        self.background = background
        self._entries: list[LibraryEntry] = []
        self._scanning = False
        self._stale = False
        self._renamed: dict[str, str] = {}  # names shown since the scan under way began
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search names and transcripts"))
        self.search.setAccessibleName(self.tr("Search the library"))
        self.search.setClearButtonEnabled(True)
        self.table = ListTable(
            [_translated(column) for column in COLUMNS],
            stretch=NAME,
            sort_by=(DATE, Qt.SortOrder.DescendingOrder),
            fold=FOLD,
        )
        self.table.setAccessibleName(self.tr("Recordings"))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.open_button = QPushButton(self.tr("Open"))
        self.rename_button = QPushButton(self.tr("Rename…"))
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.hide()

        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.rename_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problems)
        self.setWidget(body)

        self.search.textChanged.connect(self._show)
        self.table.cellDoubleClicked.connect(
            lambda row, _column: self._request(self.open_requested)
        )
        self.open_button.clicked.connect(lambda: self._request(self.open_requested))
        self.rename_button.clicked.connect(lambda: self._request(self.rename_requested))
        self.delete_button.clicked.connect(lambda: self._request(self.delete_requested))
        self.table.customContextMenuRequested.connect(self._context_menu)
        for keys, signal, meaning in (
            (
                (Qt.Key.Key_Return, Qt.Key.Key_Enter),
                self.open_requested,
                self.tr("Open the selected recording"),
            ),
            ((Qt.Key.Key_F2,), self.rename_requested, self.tr("Rename the selected recording")),
            (
                (QKeySequence.StandardKey.Delete,),
                self.delete_requested,
                self.tr("Delete the selected recording"),
            ),
        ):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self.table)
                shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
                shortcut.setWhatsThis(meaning)
                shortcut.activated.connect(lambda signal=signal: self._request(signal))
        self.refresh()

    def selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        found: str | None = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return found

    def _request(self, signal: SignalInstance) -> None:
        session_id = self.selected_id()
        if session_id is not None:
            signal.emit(session_id)

    def row_menu(self) -> QMenu:
        """The selected recording's menu (the context menu of its row)."""
        menu = QMenu(self)
        menu.addAction(self.tr("Open"), lambda: self._request(self.open_requested))
        menu.addAction(self.tr("Rename…"), lambda: self._request(self.rename_requested))
        menu.addAction(self.tr("Show in folder"), self._show_folder)
        menu.addSeparator()
        menu.addAction(self.tr("Delete…"), lambda: self._request(self.delete_requested))
        return menu

    @Slot(QPoint)
    def _context_menu(self, position: QPoint) -> None:
        row = self.table.rowAt(position.y())
        if row < 0:
            return
        self.table.selectRow(row)
        self.row_menu().exec(self.table.viewport().mapToGlobal(position))

    @Slot()
    def _show_folder(self) -> None:
        session_id = self.selected_id()
        if session_id is not None:
            show_folder(self.manager.library_dir / session_id)

    def row_of(self, session_id: str) -> int:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == session_id:
                return row
        return -1

    @Slot()
    def refresh(self, *_: object) -> None:
        """Rescan the library folder in the background; ``updated`` fires when it is shown."""
        if self._scanning:
            self._stale = True
            return
        self._scanning, self._stale = True, False
        self._renamed = {}  # the scan reads those named before it from disk
        self.background.run(self.manager.library, self._on_scanned, self._on_scan_failed)

    def _on_scanned(self, result: tuple[list[LibraryEntry], list[str]]) -> None:
        entries, problems = result
        # a name given while the scan ran may have been read before it was saved
        self._entries = [
            replace(e, name=self._renamed[e.id]) if e.id in self._renamed else e for e in entries
        ]
        self.problems.setVisible(bool(problems))
        self.problems.setText(
            self.tr("%n folder(s) skipped: {problems}", "", len(problems)).format(
                problems="; ".join(problems)
            )
        )
        self._scan_done()

    def _on_scan_failed(self, sentence: str) -> None:
        self.problems.setVisible(True)
        self.problems.setText(sentence)
        self._scan_done()

    def _scan_done(self) -> None:
        self._scanning = False
        self.search.setToolTip(
            self.tr("Search the names and transcripts of %n recording(s)", "", len(self._entries))
            if self._entries
            else self.tr("No recordings yet: what you record or open is kept here")
        )
        self._show()
        if self._stale:
            self.refresh()
        else:
            self.updated.emit()

    @Slot()
    def _show(self) -> None:
        selected = self.selected_id()
        shown = [entry for entry in self._entries if entry.matches(self.search.text())]
        live = set(self.manager.get_all_session_ids())
        with self.table.filling():
            self.table.setRowCount(len(shown))
            for row, entry in enumerate(shown):
                self._fill_row(row, entry, live)
        if selected is not None and (row := self.row_of(selected)) >= 0:
            self.table.selectRow(row)

    def interrupted_ids(self) -> list[str]:
        """Sessions of the last scan left without a transcript by a process that died while
        busy, or closed while recording; not those a process holds (they are live, here or in
        another window)."""
        live = set(self.manager.get_all_session_ids())
        return [
            e.id
            for e in self._entries
            if e.status in UNFINISHED and e.id not in live and not e.in_use
        ]

    def show_name(self, session_id: str, name: str) -> None:
        """Show a tab's new name at once (search finds it too), not at the next scan."""
        self._renamed[session_id] = name
        self._entries = [replace(e, name=name) if e.id == session_id else e for e in self._entries]
        if (row := self.row_of(session_id)) >= 0:
            self._set_cell(row, NAME, name, name)

    def show_duration(self, session_id: str, seconds: float) -> None:
        """Keep a recording's duration current between scans."""
        if (row := self.row_of(session_id)) >= 0:
            self._set_cell(row, DURATION, clock(seconds), seconds)

    def _set_cell(self, row: int, column: int, text: str, key: str | float) -> None:
        """A cell's new value; the table sorts it into place."""
        item = self.table.item(row, column)
        assert isinstance(item, SortItem)
        item.key = key  # first: the text set re-sorts the table
        item.setText(text)

    def _fill_row(self, row: int, entry: LibraryEntry, live: AbstractSet[str]) -> None:
        cells = (
            SortItem(entry.name),
            _date_cell(entry.created_at),
            SortItem(clock(entry.duration), entry.duration),
            SortItem(language_name(entry.language) if entry.language else ""),
            SortItem(_status_text(entry, live)),
        )
        for column, item in enumerate(cells):
            item.setData(Qt.ItemDataRole.UserRole, entry.id)
            self.table.setItem(row, column, item)
