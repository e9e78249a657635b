"""Preferences → Voices: the voices the user has named, and a way to forget one.

Renaming a speaker in a finished transcript remembers its voice under that name (see
``core.voice_book``); later transcripts then name a matching speaker by themselves. This
panel lists those voices (name, how many recordings named it, when it was last named, as a
local date) and forgets the one selected after asking. Forgetting happens at once, not when
the dialog's OK is pressed: it cannot be undone, and the question says so. Speakers already
named in past transcripts keep their names; only later transcripts stop being named by it.

The voices file holds at most ``KEEP_NAMINGS`` + 1 voices a name (2 KB each), so it is read on
the GUI thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP
from transcrevai_desktop.core.voice_book import KnownVoice, VoiceBook, local_date

log = logging.getLogger(__name__)

NAME, RECORDINGS, UPDATED = range(3)
EMPTY_TEXT = QT_TRANSLATE_NOOP(  # English, like EXPLANATION: translated where shown
    "VoicesPanel",
    "No voices yet: rename a speaker in a finished transcript and its voice is remembered.",
)
EXPLANATION = QT_TRANSLATE_NOOP(
    "VoicesPanel",
    "When you rename a speaker, its voice is remembered under that name, only on this "
    "computer, and used to name the same person in later transcripts.",
)


class VoicesPanel(QGroupBox):
    def __init__(self, voice_book: VoiceBook, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Voices"), parent)
        self.voice_book = voice_book
        explanation = QLabel(QCoreApplication.translate("VoicesPanel", EXPLANATION))
        explanation.setWordWrap(True)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Name"), self.tr("Recordings"), self.tr("Last named")]
        )
        self.table.horizontalHeaderItem(RECORDINGS).setToolTip(
            self.tr("How many times you gave a speaker this name")
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(160)  # a handful of rows; it scrolls past that
        self.empty_label = QLabel(QCoreApplication.translate("VoicesPanel", EMPTY_TEXT))
        self.empty_label.setWordWrap(True)
        self.forget_button = QPushButton(self.tr("Forget…"))
        self.forget_button.setToolTip(self.tr("Forget the selected voice"))
        self.forget_button.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addWidget(self.forget_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)

        self.table.itemSelectionChanged.connect(self._on_selection_changed)
        self.forget_button.clicked.connect(self.forget_selected)
        self.refresh()

    def refresh(self) -> None:
        """Read the remembered voices again and show them (the empty text when none)."""
        self._show(self.voice_book.voices())

    def names(self) -> list[str]:
        """The names as listed, top to bottom."""
        return [self.table.item(row, NAME).text() for row in range(self.table.rowCount())]

    def selected_name(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table.item(rows[0].row(), NAME).text() if rows else None

    @Slot()
    def forget_selected(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Forget voice"),
            self.tr(
                "Forget the voice of “{name}”? Later transcripts will no longer name this "
                "speaker by themselves. This cannot be undone."
            ).format(name=name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self.voice_book.forget(name)
        except OSError as error:
            log.warning("Could not forget the voice of %s: %s", name, error)
            QMessageBox.warning(
                self,
                self.tr("Forget voice"),
                self.tr("The voice could not be forgotten: {error}").format(error=error),
            )
        else:
            log.info("Forgot the voice of %s", name)
        self.refresh()

    def _show(self, voices: list[KnownVoice]) -> None:
        self.table.setRowCount(0)
        self.table.setRowCount(len(voices))
        for row, voice in enumerate(voices):
            date, moment = local_date(voice.updated)
            recordings = QTableWidgetItem(str(voice.recordings))
            recordings.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            updated = QTableWidgetItem(date)
            updated.setToolTip(moment)
            self.table.setItem(row, NAME, QTableWidgetItem(voice.name))
            self.table.setItem(row, RECORDINGS, recordings)
            self.table.setItem(row, UPDATED, updated)
        self.table.setVisible(bool(voices))
        self.empty_label.setVisible(not voices)
        self._on_selection_changed()

    @Slot()
    def _on_selection_changed(self) -> None:
        self.forget_button.setEnabled(self.selected_name() is not None)
