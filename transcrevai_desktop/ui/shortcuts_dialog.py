"""Help → Keyboard shortcuts: every key the window answers to, and what it does.

The list is read from the window each time it is shown, so it cannot drift from the keys: the
visible actions that have a shortcut (the menus', a transcript's) or show one after a tab in
their text (a key the widget answers itself: F2 edits a transcript's line), named by their
``whatsThis`` where their text changes (Undo's names the step), else by their text (less its
mnemonic and "…", ``QAction.iconText``); and the
shortcuts that are no menu entry (Space in a recording's tab, F3 in the find bar, the library's
keys), named by their ``whatsThis``: a shortcut without one is not listed. The keys of a
recording's tab are those of the tabs open; with none open, a line says they come with one.
Keys are written as the desktop writes them (``Ctrl+N``; ``⌘N`` on a Mac).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from transcrevai_desktop.ui.session_tab import SessionTab


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(what it does, its keys) for every shortcut of ``window`` and the widgets in it: its menus'
    in their order, then the rest in the widget tree's order; each listed once."""
    rows: dict[str, list[str]] = {}
    menus = _menu_actions(window.menuBar().actions())
    actions = menus + [a for a in window.findChildren(QAction) if a not in menus]
    found: list[tuple[str, list[QKeySequence]]] = [
        (
            action.whatsThis() or action.iconText().partition("\t")[0],
            action.shortcuts() or _shown_keys(action.text()),
        )
        for action in actions
        if action.text() and action.isVisible()
    ]
    found += [
        (shortcut.whatsThis(), shortcut.keys())
        for shortcut in window.findChildren(QShortcut)
        if shortcut.whatsThis()
    ]
    for name, sequences in found:
        for sequence in sequences:
            keys = sequence.toString(QKeySequence.SequenceFormat.NativeText)
            if keys and keys not in rows.setdefault(name, []):
                rows[name].append(keys)
    return [(name, ", ".join(keys)) for name, keys in rows.items() if keys]


def _menu_actions(actions: list[QAction]) -> list[QAction]:
    """The actions of a menu bar and its menus, in the order they are shown (View → Captions on
    top belongs to a window of its own, and is found here)."""
    found: list[QAction] = []
    for action in actions:
        menu = action.menu()
        found += _menu_actions(menu.actions()) if isinstance(menu, QMenu) else [action]
    return found


def _shown_keys(text: str) -> list[QKeySequence]:
    """The key an action's text shows after a tab, where a widget answers it itself (F2 edits
    a table's cell)."""
    keys = text.partition("\t")[2]
    return [QKeySequence(keys)] if keys else []


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.main_window = window
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.note = QLabel(
            self.tr("The keys of a recording and its transcript are listed once one is open.")
        )
        self.note.setWordWrap(True)
        layout.addWidget(self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 480)

    def refresh(self) -> None:
        """Read the window's keys again (a tab opened or closed since)."""
        rows = shortcut_rows(self.main_window)
        self.table.setRowCount(len(rows))
        for row, (name, keys) in enumerate(rows):
            for column, text in enumerate((name, keys)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.note.setVisible(not self.main_window.findChildren(SessionTab))
