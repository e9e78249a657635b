"""Live captions: committed text in the normal colour, the still-changing tail greyed.

Each live event edits only the end of the document (the tentative tail is replaced, committed
text is appended). Paragraphs are cut as ``transcript.separator`` says: after a pause of 2 s,
so a long meeting reads as turns rather than one wall of text, and at the first sentence end
past 600 characters, so a lecture without pauses reads in paragraphs too, and, since an edit
lays out its paragraph again, an hours-long meeting costs no more per caption than a short one.

A ``revised`` event carries an utterance re-decoded at final-pass quality, about a second after
it ended, often once the next utterance's words are already shown. It replaces that utterance's
committed text (or its earlier revision: see ``CaptionEvent``) in place, in the same colour: the
view remembers where each of the last ``REVISABLE_UTTERANCES`` utterances lies in the document,
edits only that range and shifts the ranges after it. The separator before the utterance
(space or paragraph break) and everything after it stay. A revision of an utterance it no
longer remembers, or with no text, changes nothing.

No edit moves the reader: the view follows new text unless the user has scrolled up to read, and
then it stays where it is; a selection keeps selecting the same text (one that overlaps a revised
utterance grows to cover its new text). Text is selectable and copyable. Whether the view
follows is kept as the user last scrolled, not read from the scroll bar at each edit: a larger
text size or a narrower window lays the text out again and moves the bottom away from the bar,
which then read as scrolled up, and the captions stopped following. Laid out again, a view
that follows stays at the newest words, and one scrolled up keeps the first line in view.

The finished transcript replaces the captions once the final pass is done. When it shows its
speakers (``Transcript.shows_speakers``: two or more, or one the user named) it reads as one
paragraph per turn, each starting with the speaker's name in bold ("**Ana:** …"), a long turn
cut at its sentence ends past 600 characters; otherwise as the captions did, a paragraph per
pause; as in the .txt file either way. Showing it again (after a speaker is renamed) keeps the
reader's place.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QColor, QFont, QPalette, QResizeEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QTextBrowser, QWidget

from transcrevai_desktop.core.streaming import CaptionEvent
from transcrevai_desktop.core.transcript import Transcript, paragraphs, separator

REVISABLE_UTTERANCES = 20  # how many of the latest utterances a revision may still replace


def _rgb_pairs(one: QColor, other: QColor) -> list[tuple[float, float]]:
    """(red, red), (green, green), (blue, blue) of two colours, from 0 to 1."""
    return [
        (one.redF(), other.redF()),
        (one.greenF(), other.greenF()),
        (one.blueF(), other.blueF()),
    ]


class CaptionView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setPlaceholderText(self.tr("Captions appear here while you record."))
        self._committed_end = 0  # document position where the tentative tail starts
        self._tentative = ""
        self._tentative_shown = ""  # with the space or paragraph break before it
        self._spoken_until: float | None = None  # audio time where the committed text ends
        # utterance id -> [start, end) of its committed text in the document, oldest first
        self._utterances: dict[int, list[int]] = {}
        self._latest_utterance = 0
        self._normal = QTextCharFormat()
        self.setAccessibleName(self.tr("Live captions"))
        # The tentative tail: grey (the text blended 65 % with the background: 7:1 on white,
        # where the placeholder grey read 4:1) and italic, so colour is not its only mark.
        self._grey = QTextCharFormat()
        text, base = (
            self.palette().color(QPalette.ColorRole.Text),
            self.palette().color(QPalette.ColorRole.Base),
        )
        self._grey.setForeground(
            QColor.fromRgbF(*(0.65 * t + 0.35 * b for t, b in _rgb_pairs(text, base)))
        )
        self._grey.setFontItalic(True)
        self._name = QTextCharFormat()
        self._name.setFontWeight(QFont.Weight.Bold)
        self._following = True  # the newest text is kept in view (the reader has not scrolled up)
        self._laying_out = False  # the text is laid out again: the bar moves, not the reader
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._scrolled)
        bar.rangeChanged.connect(self._grown)

    def _scrolled(self, value: int) -> None:
        if not self._laying_out:
            self._following = value >= self.verticalScrollBar().maximum() - 4

    def _grown(self, _minimum: int, maximum: int) -> None:
        if self._following:
            self.verticalScrollBar().setValue(maximum)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # a text size: laid out again
            self._keeping_place(lambda: super(CaptionView, self).changeEvent(event))
        else:
            super().changeEvent(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._keeping_place(lambda: super(CaptionView, self).resizeEvent(event))

    def _keeping_place(self, lay_out: Callable[[], None]) -> None:
        """``lay_out()`` the text again with the reader where they were: at the newest text
        if the view follows it, else with the same first line in view."""
        top = self.cursorForPosition(QPoint(0, 0)).position()
        self._laying_out = True
        try:
            lay_out()
            bar = self.verticalScrollBar()
            if self._following:
                bar.setValue(bar.maximum())
            else:
                cursor = QTextCursor(self.document())
                cursor.setPosition(min(top, self.document().characterCount() - 1))
                bar.setValue(bar.value() + self.cursorRect(cursor).top())
        finally:
            self._laying_out = False

    @property
    def committed_text(self) -> str:
        """The committed text as shown, revisions applied (O(length): for tests and callers
        that need it once, not per event)."""
        return self.toPlainText()[: self._committed_end]

    @property
    def tentative_text(self) -> str:
        return self._tentative

    def add(self, event: CaptionEvent) -> None:
        if event.kind == "revised":
            self._revise(event.utterance, event.text.strip())
        elif event.kind == "committed":
            if event.text:
                separator = self._separator(event.start, event.continues_word)
                start = self._edit_tail(separator, event.text, self._tentative_shown)
                self._spoken_until = event.end
                self._track(event.utterance, start)
        else:
            self._tentative = event.text
            separator = self._separator(event.start, event.continues_word)
            self._edit_tail("", "", separator + event.text if event.text else "")

    def clear_captions(self) -> None:
        """Show nothing, as before the first caption."""
        self.clear()
        self._committed_end, self._spoken_until = 0, None
        self._tentative = self._tentative_shown = ""
        self._utterances.clear()
        self._latest_utterance = 0

    def show_transcript(self, transcript: Transcript) -> None:
        """Replace the live captions (or the transcript shown before) with ``transcript``,
        without a tentative tail; the view stays where the reader was, or at the end if it
        followed the newest text."""
        bar = self.verticalScrollBar()
        following = self._following
        previous = bar.value()
        self.clear_captions()
        if transcript.shows_speakers:
            pieces = self._turns(transcript)
        else:
            pieces = [("\n".join(paragraphs(transcript.segments)), self._normal)]
        ends = self._replace(0, None, pieces)
        self._committed_end = ends[-1] if ends else 0
        if transcript.segments:
            self._spoken_until = transcript.segments[-1].end
        self._following = following
        bar.setValue(bar.maximum() if following else previous)

    def _turns(self, transcript: Transcript) -> list[tuple[str, QTextCharFormat]]:
        """One paragraph per turn, its speaker's name in bold first (a long turn cut in more,
        as ``transcript.paragraphs`` cuts it for the .txt)."""
        pieces: list[tuple[str, QTextCharFormat]] = []
        for speaker, segments in transcript.turns():
            text = "\n".join(paragraphs(segments, pauses=False))
            if not text:
                continue
            if pieces:
                pieces.append(("\n", self._normal))
            name = transcript.speaker_name(speaker)
            pieces += [(f"{name}:", self._name), (" " + text, self._normal)]
        return pieces

    def _separator(self, start: float, continues_word: bool = False) -> str:
        """What goes before the text spoken from ``start`` that comes after the committed
        text: nothing (at the start, or within a word), a space, or a paragraph break."""
        if self._spoken_until is None:
            return ""
        document = self.document()
        end = self._committed_end
        begins = document.findBlock(end).position()
        ending = "".join(document.characterAt(i) for i in range(max(begins, end - 8), end))
        return separator(self._spoken_until, start, continues_word, end - begins, ending)

    def _track(self, utterance: int, start: int) -> None:
        """Remember where ``utterance``'s committed text lies, now that text starting at
        ``start`` and ending at the committed end was added to it."""
        if utterance > self._latest_utterance:
            self._latest_utterance = utterance
            self._utterances[utterance] = [start, self._committed_end]
            while len(self._utterances) > REVISABLE_UTTERANCES:
                del self._utterances[next(iter(self._utterances))]
        elif utterance == self._latest_utterance and utterance in self._utterances:
            self._utterances[utterance][1] = self._committed_end
        else:
            # Words of an earlier utterance after a later one's: its text is no longer one
            # range, so a revision could not replace it cleanly.
            self._utterances.pop(utterance, None)

    def _revise(self, utterance: int, text: str) -> None:
        span = self._utterances.get(utterance)
        if span is None or not text:
            return
        start, end = span
        (new_end,) = self._replace(start, end, [(text, self._normal)])
        shift = new_end - end
        span[1] = new_end
        if shift:
            for later, other in self._utterances.items():
                if later > utterance:
                    other[0] += shift
                    other[1] += shift
            self._committed_end += shift

    def _edit_tail(self, separator: str, committed: str, tentative: str) -> int:
        """Replace everything after the committed text with ``separator + committed`` (normal)
        and ``tentative`` (grey); return where ``committed`` starts."""
        start, end, _ = self._replace(
            self._committed_end,
            None,
            [(separator, self._normal), (committed, self._normal), (tentative, self._grey)],
        )
        self._committed_end = end
        self._tentative_shown = tentative
        return start

    def _replace(
        self, start: int, end: int | None, pieces: list[tuple[str, QTextCharFormat]]
    ) -> list[int]:
        """Replace the document range ``[start, end)`` (``end=None``: to the end) with
        ``pieces``, keeping the scroll position (or following the bottom) and the user's
        selection on the same text; return the position after each piece."""
        bar = self.verticalScrollBar()
        following = self._following
        previous = bar.value()
        user = self.textCursor()
        anchor, position = user.anchor(), user.position()
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        if end is None:
            cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        else:
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        end = cursor.position()
        cursor.removeSelectedText()
        ends = []
        for text, text_format in pieces:
            if text:
                cursor.insertText(text, text_format)
            ends.append(cursor.position())
        new_end = cursor.position()

        def moved(at: int, upper: bool) -> int:
            if at <= start:
                return at
            if at >= end:
                return at + new_end - end
            return new_end if upper else start  # inside the replaced text: cover the new text

        # Qt moves other cursors itself, but one at ``start`` also moves past inserted text
        # (a selection ending there would grow), and one inside the range collapses.
        wanted = moved(anchor, anchor > position), moved(position, position > anchor)
        user = self.textCursor()
        if (user.anchor(), user.position()) != wanted:
            user.setPosition(wanted[0])
            user.setPosition(wanted[1], QTextCursor.MoveMode.KeepAnchor)
            self.setTextCursor(user)
        self._following = following
        bar.setValue(bar.maximum() if following else previous)
        return ends
