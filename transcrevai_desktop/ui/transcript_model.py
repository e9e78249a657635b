"""The rows of the transcript view: one segment a row (start time, speaker, text).

The model shows a ``Transcript`` and turns the user's edits into intents (``edit_requested``):
the view makes each edit an undoable command, the session saves it, and the model is given
the new transcript. It also knows the word being played, which the text column highlights.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP
from transcrevai_desktop.core.transcript import Segment, Transcript
from transcrevai_desktop.ui.time_text import clock

DOUBTFUL = 0.5  # a word Whisper gave less than this probability is marked as doubtful
SEGMENT_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's ``Segment``
PLAYING_ROLE = Qt.ItemDataRole.UserRole + 2  # index of the word being played in it, or -1
HEADERS = (  # English: headerData translates them
    QT_TRANSLATE_NOOP("TranscriptModel", "Time"),
    QT_TRANSLATE_NOOP("TranscriptModel", "Speaker"),
    QT_TRANSLATE_NOOP("TranscriptModel", "Text"),
)

Index = QModelIndex | QPersistentModelIndex


def doubtful_words(segment: Segment) -> list[str]:
    return [w.text.strip() for w in segment.words if w.probability < DOUBTFUL]


class TranscriptModel(QAbstractTableModel):
    TIME, SPEAKER, TEXT = range(3)

    edit_requested = Signal(int, int, str)  # row, column, the text or speaker id typed

    def __init__(self) -> None:
        super().__init__()
        self.transcript = Transcript("", 0.0)
        self._playing: tuple[int, int] | None = None  # (row, word)

    def set_transcript(self, transcript: Transcript) -> range | None:
        """Show ``transcript`` and return the rows whose segments are new (to be laid out
        again), or None where no row is kept (another transcript: the model is reset). An
        edit changes its row in place; a split, a join or a segment emptied inserts and
        removes only its rows: the view keeps its scroll position, its selection and every
        other row's height (a split laid out all 2,000 rows of a two-hour meeting, 0.7 s)."""
        old, new = self.transcript.segments, transcript.segments
        both = min(len(old), len(new))
        first = next((i for i in range(both) if old[i] is not new[i]), both)
        kept_after = both - first  # rows after the change kept, at most
        last = next((k for k in range(kept_after) if old[-1 - k] is not new[-1 - k]), kept_after)
        gone, came = len(old) - first - last, len(new) - first - last
        if gone != came and not first and not last:
            self.beginResetModel()
            self.transcript = transcript
            self._playing = None
            self.endResetModel()
            return None
        if gone != came:
            self._playing = None
        # the changed rows: the first min(gone, came) in place, the rest removed or inserted
        if gone > came:
            self.beginRemoveRows(QModelIndex(), first + came, first + gone - 1)
            rows = [*old[: first + came], *old[first + gone :]]
            self.transcript = replace(self.transcript, segments=rows)
            self.endRemoveRows()
        elif came > gone:
            self.beginInsertRows(QModelIndex(), first + gone, first + came - 1)
            rows = [*old[: first + gone], *new[first + gone : first + came], *old[first + gone :]]
            self.transcript = replace(self.transcript, segments=rows)
            self.endInsertRows()
        speakers_changed = transcript.speakers != self.transcript.speakers
        self.transcript = transcript
        if came:
            self.dataChanged.emit(self.index(first, 0), self.index(first + came - 1, 2))
        if speakers_changed and new:  # a name given: every row's speaker cell
            self.dataChanged.emit(
                self.index(0, self.SPEAKER), self.index(len(new) - 1, self.SPEAKER)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 2)
        return range(first, first + came) if first or last else None  # none kept: all anew

    def segment(self, row: int) -> Segment:
        return self.transcript.segments[row]

    def set_playing(self, at: tuple[int, int] | None) -> None:
        """Highlight word ``at`` = (row, word index) of the text column; None: no word."""
        if at == self._playing:
            return
        rows = {p[0] for p in (self._playing, at) if p is not None and p[0] < self.rowCount()}
        self._playing = at
        for row in rows:
            self.dataChanged.emit(self.index(row, self.TEXT), self.index(row, self.TEXT))

    # -- Qt's model interface -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.transcript.segments)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> object:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("TranscriptModel", HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        segment = self.segment(index.row())
        column = index.column()
        if role == SEGMENT_ROLE:
            return segment
        if role == PLAYING_ROLE:
            playing = self._playing
            return playing[1] if playing is not None and playing[0] == index.row() else -1
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.TIME:
                return clock(segment.start)
            if column == self.SPEAKER:
                name = self.transcript.speaker_name(segment.speaker)
                return segment.speaker if role == Qt.ItemDataRole.EditRole else name or ""
            return segment.text
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == self.TIME:
                return self.tr("Play from here (Ctrl+Space)")
            doubtful = doubtful_words(segment)
            if column == self.TEXT and doubtful:
                return self.tr("Doubtful: {words}").format(words=", ".join(doubtful))
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.column() == self.TEXT or (
            index.column() == self.SPEAKER and self.transcript.speakers
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit typed in a cell: told to the view (which saves and shows it), not kept."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if value != self.data(index, Qt.ItemDataRole.EditRole):
            self.edit_requested.emit(index.row(), index.column(), str(value))
        return True
