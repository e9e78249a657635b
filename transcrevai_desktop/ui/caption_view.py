"""Live captions: committed text in the normal colour, the still-changing tail greyed.

Each event edits only the end of the document (the tentative tail is replaced, committed text is
appended), so an hours-long meeting costs no more per caption than a short one. The view follows
new text unless the user has scrolled up to read; text is selectable and copyable. A pause of
``PARAGRAPH_PAUSE`` seconds or more between two pieces of speech starts a new paragraph, so a
long meeting reads as turns rather than one wall of text.
"""

from __future__ import annotations

from PySide6.QtGui import QPalette, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from transcrevai_desktop.core.streaming import CaptionEvent
from transcrevai_desktop.core.transcript import Segment

PARAGRAPH_PAUSE = 2.0


class CaptionView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setPlaceholderText("Captions appear here while you record.")
        self._committed_end = 0  # document position where the tentative tail starts
        self._tentative = ""
        self._tentative_shown = ""  # with the space or paragraph break before it
        self._spoken_until: float | None = None  # audio time where the committed text ends
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
                shown = self._separator(event.start, event.continues_word) + event.text
                self._edit_tail(shown, self._tentative_shown)
                self._spoken_until = event.end
        else:
            self._tentative = event.text
            separator = self._separator(event.start, event.continues_word)
            self._edit_tail("", separator + event.text if event.text else "")

    def show_transcript(self, segments: list[Segment]) -> None:
        """Replace the live captions with the finished transcript (no tentative tail)."""
        self.clear()
        self._committed_end, self._spoken_until = 0, None
        self._tentative = ""
        text = ""
        for segment in segments:
            text += self._separator(segment.start) + segment.text.strip()
            self._spoken_until = segment.end
        self._edit_tail(text, "")

    def _separator(self, start: float, continues_word: bool = False) -> str:
        """What goes before text spoken from ``start``: nothing (at the start, or within a
        word), a space, or a paragraph break."""
        if self._spoken_until is None:
            return ""
        if start - self._spoken_until >= PARAGRAPH_PAUSE:
            return "\n"
        return "" if continues_word else " "

    def _edit_tail(self, committed: str, tentative: str) -> None:
        bar = self.verticalScrollBar()
        following = bar.value() >= bar.maximum() - 4
        previous = bar.value()
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._committed_end)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if committed:
            cursor.insertText(committed, self._normal)
            self._committed_end = cursor.position()
        if tentative:
            cursor.insertText(tentative, self._grey)
        self._tentative_shown = tentative
        bar.setValue(bar.maximum() if following else previous)
