"""The speakers of a finished transcript: name, talk time and, for a speaker named from a
remembered voice, how alike it was; the name renamable in place.

It sits in a narrow panel to the right of the captions (the tab puts both in a splitter):
captions keep their full height and width for reading, a list of up to 20 voices reads
naturally top to bottom, and the panel appears only once a labelled transcript is shown, so
the live captions never move when it does. Above the captions it would push the text down
and change height with the number of speakers.

Rename a speaker by double-clicking the name, pressing F2, or clicking a name already
selected (as in a file manager). The list does not rename anything itself: it emits
``rename_requested(speaker id, new name)`` and the tab asks the session, then shows the
transcript again with ``set_speakers``.

A speaker named by itself from a voice the user named before (``Speaker.match``, see
``core.voice_book``) shows "✓ 85 %" in a third, narrow *Voice* column, and its name's tooltip
says "Recognised from a voice you named before (85 % alike)". The marker stays out of the name
because the name is what the user edits; "recognised 85 %" would leave the name little room in
a panel about 240 pixels wide, so the column holds only the tick and the likeness and its
tooltips say the rest. The column is hidden when no speaker was recognised (most transcripts,
and every one before the user names a voice). Renaming a speaker clears its marker: the
session sets ``match`` to None and the list is shown again.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from transcrevai_desktop.core.transcript import Speaker
from transcrevai_desktop.ui.time_text import clock

NAME, TALK_TIME, VOICE = range(3)
_ID_ROLE = Qt.ItemDataRole.UserRole


def talk_time(speaker: Speaker) -> str:
    """ "1:05 (42 %)": minutes and seconds spoken, and the share of all talk time."""
    return QCoreApplication.translate("SpeakerList", "{time} ({percent} %)").format(
        time=clock(round(speaker.seconds)), percent=f"{speaker.share * 100:.0f}"
    )


def voice_marker(speaker: Speaker) -> str:
    """ "✓ 85 %" for a speaker named from a remembered voice this alike, else ""."""
    if speaker.match is None:
        return ""
    return QCoreApplication.translate("SpeakerList", "✓ {percent} %").format(
        percent=f"{speaker.match * 100:.0f}"
    )


def recognised(speaker: Speaker) -> str:
    """ "Recognised from a voice you named before (85 % alike)", or "" when the speaker was
    not named from a remembered voice."""
    if speaker.match is None:
        return ""
    return QCoreApplication.translate(
        "SpeakerList", "Recognised from a voice you named before ({percent} % alike)"
    ).format(percent=f"{speaker.match * 100:.0f}")


class SpeakerList(QTableWidget):
    rename_requested = Signal(str, str)  # speaker id, the name the user typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setAccessibleName(self.tr("Speakers"))
        self.setTabKeyNavigation(False)  # Tab leaves the list (arrows move in it)
        self.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Talk time"), self.tr("Voice")])
        self.horizontalHeaderItem(TALK_TIME).setToolTip(
            self.tr("Time spoken, and share of all speech")
        )
        self.horizontalHeaderItem(VOICE).setToolTip(
            self.tr(
                "✓: named by itself from a voice you named before, and how alike the voices are"
            )
        )
        self.setToolTip(
            self.tr(
                "Who speaks in this transcript. Double-click a name (or press F2) to rename the "
                "speaker in the transcript and its files."
            )
        )
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(TALK_TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(VOICE, QHeaderView.ResizeMode.ResizeToContents)
        self.setColumnHidden(VOICE, True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setWordWrap(False)
        self.setAlternatingRowColors(True)
        self.itemChanged.connect(self._on_item_changed)
        self.hide()

    def set_speakers(self, speakers: Sequence[Speaker]) -> None:
        """Show ``speakers`` (hidden when there are none). Rows are updated in place, so a
        rename keeps the selection and the item being edited stays valid."""
        self.blockSignals(True)
        try:
            self.setRowCount(len(speakers))
            for row, speaker in enumerate(speakers):
                name = self.item(row, NAME)
                if name is None:
                    name = QTableWidgetItem()
                    self.setItem(row, NAME, name)
                name.setText(speaker.name)
                name.setData(_ID_ROLE, speaker.id)
                rename_hint = self.tr("{speaker}: double-click or press F2 to rename").format(
                    speaker=speaker.name
                )
                why = recognised(speaker)
                name.setToolTip(f"{why}\n{rename_hint}" if why else rename_hint)
                self._read_only_cell(row, TALK_TIME).setText(talk_time(speaker))
                voice = self._read_only_cell(row, VOICE)
                voice.setText(voice_marker(speaker))
                voice.setToolTip(recognised(speaker))
        finally:
            self.blockSignals(False)
        self.setColumnHidden(VOICE, not any(s.match is not None for s in speakers))
        self.setVisible(bool(speakers))

    def _read_only_cell(self, row: int, column: int) -> QTableWidgetItem:
        """The item at ``row``, ``column``, made (read-only, right-aligned) if missing."""
        item = self.item(row, column)
        if item is None:
            item = QTableWidgetItem()
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.setItem(row, column, item)
        return item

    def speaker_id(self, row: int) -> str | None:
        item = self.item(row, NAME)
        return item.data(_ID_ROLE) if item is not None else None

    def names(self) -> list[str]:
        """The names as shown, top to bottom."""
        return [self.item(row, NAME).text() for row in range(self.rowCount())]

    @Slot(QTableWidgetItem)
    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        speaker_id = item.data(_ID_ROLE)
        if item.column() == NAME and speaker_id:
            self.rename_requested.emit(speaker_id, item.text())
