"""Find and replace in a transcript: a bar that opens with Ctrl+F and closes with Escape.

Enter (or F3) finds the next match, Shift+Enter (Shift+F3) the previous; *Replace all*
replaces every whole-word match at once (a misspelt name fixed everywhere), as one undoable
edit. F3 works anywhere in the bar's ``scope`` (the transcript view), and opens the bar where
it is closed; Enter on one of the bar's buttons presses it. The bar only sends intents; the
transcript view searches.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from transcrevai_desktop.ui.focused_control import press_focused

FIELD_CHARS = 14  # characters the find and replace fields show at least


class FindBar(QWidget):
    find_requested = Signal(str, bool, bool)  # text, backwards, match case
    replace_all_requested = Signal(str, str, bool)  # text, replacement, match case

    def __init__(self, parent: QWidget | None = None, *, scope: QWidget | None = None) -> None:
        """``scope``: where F3 and Shift+F3 find (the bar itself if None)."""
        super().__init__(parent)
        self.find_field = QLineEdit()
        self.find_field.setPlaceholderText(self.tr("Find"))
        self.find_field.setAccessibleName(self.tr("Find"))
        self.find_field.setClearButtonEnabled(True)
        self.replace_field = QLineEdit()
        self.replace_field.setPlaceholderText(self.tr("Replace with"))
        self.replace_field.setAccessibleName(self.tr("Replace with"))
        for field in (self.find_field, self.replace_field):  # what is typed stays readable
            field.setMinimumWidth(field.fontMetrics().averageCharWidth() * FIELD_CHARS)
        self.case_box = QCheckBox(self.tr("Match case"))
        self.previous_button = QPushButton(self.tr("Previous"))
        self.next_button = QPushButton(self.tr("Next"))
        self.replace_all_button = QPushButton(self.tr("Replace all"))
        self.result_label = QLabel()
        close = QPushButton(self.tr("Close"))
        # Two rows, find over replace, the fields taking the room: on one row the window was
        # wider than a small laptop's screen, and the fields were cut to "Fi…".
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget, row, column in (
            (self.find_field, 0, 0), (self.previous_button, 0, 1), (self.next_button, 0, 2),
            (self.result_label, 0, 3), (close, 0, 4),
            (self.replace_field, 1, 0), (self.case_box, 1, 3),
        ):  # fmt: skip
            layout.addWidget(widget, row, column)
        layout.addWidget(self.replace_all_button, 1, 1, 1, 2)
        layout.setColumnStretch(0, 1)

        # Enter in the fields: ``keyPressEvent`` (a line edit passes it on after its own
        # returnPressed, so finding on both moved two matches a press)
        self.next_button.clicked.connect(lambda: self._find(False))
        self.previous_button.clicked.connect(lambda: self._find(True))
        self.replace_all_button.clicked.connect(self._replace_all)
        close.clicked.connect(self.hide)
        for keys, backwards, meaning in (
            ("F3", False, self.tr("Find the next match")),
            ("Shift+F3", True, self.tr("Find the previous match")),
        ):
            shortcut = QShortcut(QKeySequence(keys), scope or self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.setWhatsThis(meaning)
            shortcut.activated.connect(lambda backwards=backwards: self._find_again(backwards))
        self.hide()

    def open(self) -> None:
        """Show the bar with the find field selected, ready to type."""
        self.show()
        self.find_field.setFocus()
        self.find_field.selectAll()

    def show_result(self, text: str) -> None:
        self.result_label.setText(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if not press_focused(self):
                self._find(bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier))
        else:
            super().keyPressEvent(event)

    def _find_again(self, backwards: bool) -> None:
        """F3: the next (or previous) match of what the bar finds; the bar opens where it is
        closed or has nothing to find."""
        if self.isVisible() and self.find_field.text().strip():
            self._find(backwards)
        else:
            self.open()

    def _find(self, backwards: bool) -> None:
        if self.find_field.text().strip():
            self.find_requested.emit(self.find_field.text(), backwards, self.case_box.isChecked())

    @Slot()
    def _replace_all(self) -> None:
        if self.find_field.text().strip():
            self.replace_all_requested.emit(
                self.find_field.text(), self.replace_field.text(), self.case_box.isChecked()
            )
