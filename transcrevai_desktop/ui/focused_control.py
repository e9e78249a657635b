"""Space and Enter for the control that has the keyboard: a view whose shortcut takes Space
(record, play) or Enter (find) leaves the key to a focused button, check box or list there,
as the user expects of it."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QWidget


def press_focused(within: QWidget) -> bool:
    """Press the focused control inside ``within`` (a button or check box clicks, a list
    opens); False where none has the keyboard there, so the key is the view's."""
    focused = QApplication.focusWidget()
    if focused is None or not within.isAncestorOf(focused):
        return False
    if isinstance(focused, QAbstractButton):
        focused.animateClick()
        return True
    if isinstance(focused, QComboBox):
        focused.showPopup()
        return True
    return False
