"""Live captions printed on a terminal as running text, or as plain lines into a pipe.

``RunningCaptions`` (a terminal): committed words continue the current line, wrapped at the
terminal's width, with the tentative tail greyed after them; each utterance ends its line; a
revision reprints its utterance in place (and what follows it). The screen is redrawn from the
first row that changed: the cursor moves up to it, clears below and prints from there.
``PlainCaptions`` (a pipe): no escape codes; each utterance's committed words as running text
on a line of its own. A stream that is never rewritten cannot show tentative words or
revisions.

Widths are counted in the terminal's cells: a Chinese, Japanese or Korean character takes two
(East Asian wide and full-width), a combining accent none; text without spaces between its
words (Chinese, Japanese) is cut between two of them where a row is full, never before a
closing mark ("。").
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TextIO

from transcrevai_desktop.core.streaming import CaptionEvent
from transcrevai_desktop.core.word_spacing import cells, pieces

DIM, RESET, CLEAR_BELOW = "\x1b[2m", "\x1b[0m", "\x1b[J"

Row = tuple[str, int | None]  # a terminal row's text, and the column its grey tail starts at


def _fit(text: str, start: int, width: int) -> int:
    """Where a row that starts at ``start`` and holds ``width`` cells ends (one character at
    least)."""
    end, used = start + 1, cells(text[start : start + 1])
    while end < len(text) and used + cells(text[end]) <= width:
        used += cells(text[end])
        end += 1
    return end


def _word_spans(text: str) -> Iterator[tuple[int, int]]:
    """Where each word of ``text`` (``word_spacing.pieces``: in Chinese or Japanese a
    character, its closing mark with it) starts and ends."""
    at = 0
    for piece in pieces(text):
        first = text.index(piece.strip(), at)
        at = first + len(piece.strip())
        yield first, at


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap in ``width`` cells: the ``(start, end)`` of each row in ``text``, the
    spaces where a row breaks dropped; a word longer than a row is cut. Chinese and Japanese
    rows break between any two words, never before a closing mark ("。"). Appending text
    changes only the last row and those after it, and wrapping from a row's start gives the
    same rows from there."""
    spans: list[tuple[int, int]] = []
    start = end = -1
    for first, last in _word_spans(text):
        if start >= 0 and cells(text[start:last]) <= width:
            end = last
            continue
        if start >= 0:
            spans.append((start, end))
        while cells(text[first:last]) > width:
            cut = _fit(text, first, width)
            spans.append((first, cut))
            first = cut
        start, end = first, last
    if start >= 0:
        spans.append((start, end))
    return spans or [(0, 0)]


def _joined(text: str, event: CaptionEvent) -> str:
    """``text`` followed by the event's text, spaced as ``join_captions`` spaces it."""
    if not event.text.strip():
        return text
    return text + ("" if not text or event.continues_word else " ") + event.text.strip()


@dataclass
class _Utterance:
    id: int
    text: str = ""  # committed (or revised) text
    tail: str = ""  # the tentative words, with the space before them
    whole: bool = True  # its first row is still known: a revision can be reprinted

    def rows(self, width: int) -> list[Row]:
        shown = self.text + self.tail
        grey = len(shown) - len(self.tail.lstrip()) if self.tail else len(shown)
        return [
            (shown[start:end], None if grey >= end else max(grey - start, 0))
            for start, end in wrap_spans(shown, width)
        ]


@dataclass
class _Note:
    text: str

    def rows(self, width: int) -> list[Row]:
        rows: list[Row] = []
        for line in self.text.split("\n"):
            start = 0
            while True:  # an empty line is a row too
                end = _fit(line, start, width)
                rows.append((line[start:end], None))
                if end >= len(line):
                    break
                start = end
        return rows


def _render(row: Row) -> str:
    text, grey = row
    return text if grey is None else f"{text[:grey]}{DIM}{text[grey:]}{RESET}"


class RunningCaptions:
    """Captions on a terminal as running text that is redrawn in place.

    It keeps the blocks still on screen, in order (utterances, and status lines printed among
    them), and the rows it last drew for them; the cursor stays at the end of the last row.
    After each change it lays the blocks out again (wrapped at the width less one column, so
    that a full row never leaves the cursor in the terminal's pending-wrap state), finds the
    first row that differs from what is shown, moves the cursor up to it (``ESC[nF``), clears
    to the end of the screen (``ESC[J``) and prints the rows from there. New words or a new
    tentative tail reprint the current utterance's last rows; a revision reprints its
    utterance and everything after it.

    Rows that may have scrolled off (more rows above the cursor's deepest row than the terminal
    is high) cannot be reached: a revision that would change them is not shown, blocks wholly
    up there are forgotten, and the current utterance keeps only its rows still on screen (when
    status lines pushed all of it off, its next words start a line below them). A committed
    event drops the tentative tail: the tentative event that follows it brings what is left.
    """

    def __init__(
        self,
        stream: TextIO,
        size: Callable[[], os.terminal_size] = shutil.get_terminal_size,
    ) -> None:
        self.stream = stream
        self._size = size
        self._reset()

    def _reset(self) -> None:
        self._blocks: list[_Utterance | _Note] = []
        self._current: _Utterance | None = None
        self._current_gone = False  # its rows scrolled off under status lines: dropped
        self._last_id = -1  # the highest utterance number seen
        self._rows: list[Row] = []  # what is on screen, from the first kept block
        self._counts: list[int] = []  # rows of each block
        self._base = 0  # rows printed above the first kept block (since the width changed)
        self._deepest = -1  # the lowest row the cursor has been on
        self._width: int | None = None

    def utterances(self) -> dict[int, str]:
        """The committed text of the utterances still kept, by number."""
        return {b.id: b.text for b in self._blocks if isinstance(b, _Utterance)}

    def add(self, event: CaptionEvent) -> None:
        if event.kind == "revised":
            self._revise(event.utterance, event.text.strip())
            return
        current = self._current
        if current is not None and event.utterance < current.id:  # late words, ended one
            if event.kind == "committed":
                late = self._utterance(event.utterance)
                if late is not None:
                    late.text = _joined(late.text, event)
                    self._draw()
            return
        if current is None or event.utterance > current.id or self._current_gone:
            current = self._start(event.utterance)
        if event.kind == "committed":
            current.text = _joined(current.text, event)
            current.tail = ""  # the next tentative event brings what is left of it
        elif event.text.strip():
            space = "" if not current.text or event.continues_word else " "
            current.tail = space + event.text.strip()
        else:
            current.tail = ""
        self._draw()

    def note(self, text: str, stream: TextIO | None = None, *, replacing: bool = False) -> None:
        """Print a line below the captions (into ``stream``, the same terminal); it keeps its
        place among them. ``replacing``: it takes the place of the line printed last, if that
        was a line of this kind and nothing came after it (a progress line updated)."""
        if replacing and self._blocks and isinstance(self._blocks[-1], _Note):
            self._blocks[-1] = _Note(text)
        else:
            self._blocks.append(_Note(text))
        self._draw(stream)

    def finish(self) -> None:
        """End the caption line; what is shown stays as it is."""
        if self._rows:
            self.stream.write("\n")
            self.stream.flush()
        self._reset()

    def _utterance(self, number: int) -> _Utterance | None:
        return next((b for b in self._blocks if isinstance(b, _Utterance) and b.id == number), None)

    def _start(self, number: int) -> _Utterance:
        """A new utterance, or the rest of the current one when its rows scrolled off."""
        previous = self._current
        if previous is not None:
            previous.tail = ""
        rest = self._current_gone and previous is not None and previous.id == number
        self._current = _Utterance(number, whole=not rest)
        self._current_gone = False
        self._last_id = max(self._last_id, number)
        self._blocks.append(self._current)
        return self._current

    def _revise(self, number: int, text: str) -> None:
        if not text:
            return
        utterance = self._utterance(number)
        if utterance is None:
            if number > self._last_id:  # its words never came
                self._start(number).text = text
                self._draw()
            return
        if not utterance.whole:
            return
        kept = utterance.text, utterance.tail
        utterance.text, utterance.tail = text, ""
        if not self._draw(reach_hidden=False):
            utterance.text, utterance.tail = kept

    def _draw(self, stream: TextIO | None = None, reach_hidden: bool = True) -> bool:
        """Show the blocks; False (and nothing drawn) when that would change a row that may
        have scrolled off and ``reach_hidden`` is False."""
        size = self._size()
        width, height = max(size.columns - 1, 1), max(size.lines, 1)
        target = stream or self.stream
        if width != self._width and self._rows:  # the rows no longer match: start below
            target.write("\n")
            current = self._current if not self._current_gone else None
            self._blocks = [current] if current is not None else []
            if current is not None:
                current.whole = True
            self._rows, self._counts, self._base, self._deepest = [], [], 0, -1
        self._width = width
        counts, rows = [], []
        for block in self._blocks:
            block_rows = block.rows(width)
            counts.append(len(block_rows))
            rows += block_rows
        old = self._rows
        first = next((i for i, (a, b) in enumerate(zip(old, rows, strict=False)) if a != b), None)
        if first is None:
            first = min(len(old), len(rows))
        if first == len(old) == len(rows):
            target.flush()
            return True
        out = ""
        top = self._deepest - (height - 1) - self._base  # rows above this may be gone
        if first < len(old):
            first = max(min(first, len(rows) - 1), 0)  # reprint a row for the cursor to end on
            if first < top and not reach_hidden:
                return False
            # Rows above the top cannot be reached: redraw from the top row; when the new
            # rows end above it, their last one goes there (what is above is out of sight).
            row = max(first, top)
            first = max(min(row, len(rows) - 1), 0)
            self._base += row - first
            up = len(old) - 1 - row
            out += (f"\x1b[{up}F" if up else "\r") + CLEAR_BELOW
        elif old:
            out += "\n"
        out += "\n".join(_render(row) for row in rows[first:])
        target.write(out)
        target.flush()
        self._rows, self._counts = rows, counts
        if rows:
            self._deepest = max(self._deepest, self._base + len(rows) - 1)
        self._forget(height)
        return True

    def _forget(self, height: int) -> None:
        """Drop the blocks that may have scrolled off; the current utterance drops its rows
        up there."""
        top = self._deepest - (height - 1)
        while len(self._blocks) > 1 and self._base + self._counts[0] <= top:
            if self._blocks[0] is self._current:  # the rest of it goes below what follows
                self._current_gone = True
            self._drop_rows(self._counts[0])
            del self._blocks[0], self._counts[0]
        hidden = min(top - self._base, self._counts[0] - 1) if self._counts else 0
        first = self._blocks[0] if self._blocks else None
        if hidden > 0 and first is self._current and first is not None and self._width:
            start = wrap_spans(first.text + first.tail, self._width)[hidden][0]
            if start < len(first.text):
                first.text, first.whole = first.text[start:], False
                self._drop_rows(hidden)
                self._counts[0] -= hidden

    def _drop_rows(self, count: int) -> None:
        del self._rows[:count]
        self._base += count


class PlainCaptions:
    """Captions into a pipe or a file: committed text only, one line per utterance."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self._utterance: int | None = None
        self._line = ""  # the committed text on the open line

    def add(self, event: CaptionEvent) -> None:
        if event.kind == "revised":
            return
        if self._utterance is not None and event.utterance < self._utterance:
            return
        if self._utterance is not None and event.utterance > self._utterance:
            self.end_line()
        self._utterance = event.utterance
        if event.kind == "committed" and event.text.strip():
            joined = _joined(self._line, event)
            self.stream.write(joined[len(self._line) :])
            self.stream.flush()
            self._line = joined

    def end_line(self) -> None:
        if self._line:
            self.stream.write("\n")
            self.stream.flush()
        self._line = ""

    finish = end_line
