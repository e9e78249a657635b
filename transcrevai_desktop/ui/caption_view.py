"""Live captions: committed text in the normal colour, the still-changing tail greyed.

Each event edits only the end of the document (the tentative tail is replaced, committed text is
appended), so an hours-long meeting costs no more per caption than a short one. The view follows
new text unless the user has scrolled up to read; text is selectable and copyable.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from transcrevai_desktop.core.streaming import CaptionEvent


class CaptionView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setPlaceholderText("Captions appear here while you record.")
        self._committed_end = 0  # document position where the tentative tail starts
        self._tentative = ""
        self._normal = QTextCharFormat()
        self._grey = QTextCharFormat()
        self._grey.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))

    @property
    def committed_text(self) -> str:
        return self.toPlainText()[: self._committed_end]

    @property
    def tentative_text(self) -> str:
        return self._tentative

    def add(self, event: CaptionEvent) -> None:
        if event.kind == "committed":
            if event.text:
                self._edit_tail(event.text, self._tentative)
        else:
            self._edit_tail("", event.text)

    def set_text(self, committed: str) -> None:
        """Show a finished transcript (no tentative tail)."""
        self.clear()
        self._committed_end, self._tentative = 0, ""
        self._edit_tail(committed, "")

    def _edit_tail(self, committed: str, tentative: str) -> None:
        bar = self.verticalScrollBar()
        following = bar.value() >= bar.maximum() - 4
        previous = bar.value()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._committed_end)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if committed:
            separator = " " if self._committed_end else ""
            cursor.insertText(separator + committed, self._normal)
            self._committed_end = cursor.position()
        if tentative:
            cursor.insertText((" " if self._committed_end else "") + tentative, self._grey)
        self._tentative = tentative
        bar.setValue(bar.maximum() if following else previous)
