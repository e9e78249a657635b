"""Review and correct a finished transcript: its segments, the recording played from any of
them, edits that can be undone, find and replace.

- A row a segment: start time, speaker (a column shown only when the transcript has
  speakers), text with doubtful words marked.
- Playback: click a time (or Ctrl+Space) and the recording plays from that segment, the word
  being heard highlighted and the view following it; Space pauses and resumes, ←/→ jump
  5 s, the speed goes from 0.75× to 2× (``core.playback``: its own threads, never this one).
- Editing: double-click or F2 edits a segment's text (Enter saves); Ctrl+Return while editing
  splits the segment at the cursor; Ctrl+J joins the selected segment with the next; the
  speaker cell picks another speaker. Ctrl+Z / Ctrl+Shift+Z undo and redo every step: edits,
  speakers renamed in the speaker list, and *Revert to original*, which brings the final
  pass's transcript back. Every step is saved at once (``Session.edit_transcript``).
- Ctrl+F finds (and replaces everywhere) in the text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QFont, QKeySequence, QResizeEvent, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from transcrevai_desktop.core import transcript_edits as edits
from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.playback import Player
from transcrevai_desktop.core.session import Session
from transcrevai_desktop.core.transcript import Speaker, Transcript
from transcrevai_desktop.ui.background import Background
from transcrevai_desktop.ui.find_bar import FindBar
from transcrevai_desktop.ui.focused_control import press_focused
from transcrevai_desktop.ui.playback_bar import PlaybackBar
from transcrevai_desktop.ui.transcript_delegate import TranscriptDelegate
from transcrevai_desktop.ui.transcript_model import TranscriptModel

log = logging.getLogger(__name__)

JUMP_SECONDS = 5.0  # ←/→ while playing
FOLLOW_MS = 50  # how often the highlighted word follows playback


class _Step(QUndoCommand):
    """One undoable step of the review: an edit, a speaker's new name, a revert. ``do`` makes
    it (at once, as it is pushed, and again on redo); ``undo`` takes it back. A step whose
    ``do`` returns False did not happen and leaves the stack."""

    def __init__(self, text: str, do: Callable[[], bool], undo: Callable[[], object]) -> None:
        super().__init__(text)
        self._do, self._undo = do, undo

    def redo(self) -> None:
        if not self._do():
            self.setObsolete(True)

    def undo(self) -> None:
        self._undo()


class TranscriptView(QWidget):
    """Shows ``session``'s transcript for review; edits go to the session."""

    changed = Signal(object)  # the transcript, after an edit was saved
    failed = Signal(str)  # an edit or playback could not be done: a sentence for the user
    playback_started = Signal()  # the recording is heard (played, or resumed)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.model = TranscriptModel()
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Transcript"))
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move in it)
        self.table.setModel(self.model)
        self.table.setItemDelegate(TranscriptDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        interface = header.font()  # the names of the columns keep it (``set_text_font``)
        if interface.pointSizeF() > 0:
            interface.setPointSizeF(interface.pointSizeF())  # set: the table's size stops here
        header.setFont(interface)
        header.setSectionResizeMode(TranscriptModel.TIME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(TranscriptModel.SPEAKER, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(TranscriptModel.TEXT, QHeaderView.ResizeMode.Stretch)
        # Row heights follow the text's wrapping, which follows the Text column's width: fitted
        # once the view has its width (shown, resized, a column or the scroll bar moved), on
        # the next turn of the event loop, once for many changes.
        self._fit_rows = QTimer(self)
        self._fit_rows.setSingleShot(True)
        self._fit_rows.setInterval(0)
        self._fit_rows.timeout.connect(self.table.resizeRowsToContents)
        header.sectionResized.connect(self._fit_rows.start)
        self.table.viewport().installEventFilter(self)
        self.undo_stack = QUndoStack(self)
        self.playback_bar = PlaybackBar()
        self.find_bar = FindBar(scope=self)
        self.revert_button = QPushButton(self.tr("Revert to original"))
        self.revert_button.setToolTip(
            self.tr("Undo every correction: the transcript as it was written")
        )
        top = QHBoxLayout()
        top.addWidget(self.playback_bar, 1)
        top.addWidget(self.revert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.table, 1)

        self._player: Player | None = None
        self._follow = QTimer(self)
        self._follow.setInterval(FOLLOW_MS)
        self._follow.timeout.connect(self._show_playing)
        self.model.edit_requested.connect(self._on_edit_requested)
        self.table.clicked.connect(self._on_clicked)
        self.playback_bar.play_toggled.connect(self.toggle_playback)
        self.playback_bar.speed_chosen.connect(self._set_speed)
        self.find_bar.find_requested.connect(self.find_text)
        self.find_bar.replace_all_requested.connect(self.replace_all)
        self.revert_button.clicked.connect(self.revert)
        session.corrections_saved.connect(self._on_saved)
        self._actions()

    def _actions(self) -> None:
        def add(
            text: str,
            keys: str | QKeySequence | QKeySequence.StandardKey,
            slot: Callable[[], object],
        ) -> QAction:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
            return action

        # Undo, Redo and Find are the window's (its Edit menu acts on the current tab's view).
        play = add(self.tr("Play from the selected segment"), "Ctrl+Space", self.play_selected)
        add(  # a focused button (the find bar's, Revert) or list (the speed) takes it first
            self.tr("Pause or resume playback"),
            "Space",
            lambda: press_focused(self) or self.toggle_playback(),
        )
        add(self.tr("Back 5 s"), "Left", lambda: self.jump(-JUMP_SECONDS))
        add(self.tr("Forward 5 s"), "Right", lambda: self.jump(JUMP_SECONDS))
        split = add(self.tr("Split at the cursor"), "Ctrl+Return", self.split_at_cursor)
        join = add(self.tr("Join with the next segment"), "Ctrl+J", self.merge_selected)
        # The table's right-click menu shows what can be done with a segment, and its keys.
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        edit = QAction(self.tr("Edit text") + "\tF2", self.table)  # F2: the table's own key
        edit.triggered.connect(
            lambda: self.table.edit(
                self.model.index(max(0, self.selected_row), TranscriptModel.TEXT)
            )
        )
        self.table.addActions([play, edit, split, join])

    # -- showing -------------------------------------------------------------------------------
    def show_transcript(self, transcript: Transcript) -> None:
        """Show ``transcript`` (the session's, when it is done or reopened)."""
        self.undo_stack.clear()
        self._show(transcript)

    def _show(self, transcript: Transcript) -> None:
        named = self.model.transcript.speakers != transcript.speakers
        changed = self.model.set_transcript(transcript)
        self.table.setColumnHidden(TranscriptModel.SPEAKER, not transcript.speakers)
        if named:  # a name given since: the column fits it
            self.table.resizeColumnToContents(TranscriptModel.SPEAKER)
        if changed is None:  # every row's height, once laid out (2,000 rows: 0.7 s)
            self._fit_rows.start()
        else:  # an edit, a split, a join: only its rows change height
            for row in changed:
                self.table.resizeRowToContents(row)
        self._update_revert()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and (
            event.type() is QEvent.Type.Show
            or (isinstance(event, QResizeEvent) and event.size().width() != event.oldSize().width())
        ):
            self._fit_rows.start()
        return super().eventFilter(watched, event)

    def set_text_font(self, font: QFont) -> None:
        """Show the transcript in ``font`` (the column headers keep the interface's): the
        speakers' column fits their names, each row's height its text (now if the view is
        shown, else when it is)."""
        self.table.setFont(font)
        self.table.resizeColumnToContents(TranscriptModel.SPEAKER)
        if self.table.isVisible():
            self._fit_rows.start()

    def _update_revert(self) -> None:
        self.revert_button.setEnabled(self.session.edited)

    @property
    def selected_row(self) -> int:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, TranscriptModel.TEXT))

    # -- editing -------------------------------------------------------------------------------
    def _change(self, text: str, after: Transcript) -> None:
        """Make ``after`` the transcript, as one undoable step, unless it changes nothing (a
        split at the very end of a text, a replace of a word by itself). Done and undone, the
        row selected now is selected again: a split or a join renumbers the rows."""
        before = self.model.transcript
        if (after.segments, after.speakers) == (before.segments, before.speakers):
            return
        row = self.selected_row
        self.undo_stack.push(
            _Step(text, lambda: self._apply(after, row), lambda: self._apply(before, row))
        )

    def _apply(self, transcript: Transcript, row: int = -1) -> bool:
        try:
            self.session.edit_transcript(transcript)  # written on the session's own thread
        except TranscrevaiError as error:
            self.failed.emit(
                self.tr("The correction could not be saved: {error}").format(error=error)
            )
            return False
        self._shown(transcript)
        if 0 <= row < self.model.rowCount() and self.selected_row != row:
            self.select_row(row)
        return True

    def _shown(self, transcript: Transcript) -> None:
        """``transcript``, the session's now, shown here and told to the tab."""
        self._show(transcript)
        self.changed.emit(transcript)

    def rename_speaker(self, speaker_id: str, name: str) -> None:
        """Name a speaker (blank: its first name) in the transcript and its files
        (``Session.rename_speaker``), as one undoable step: a rename no longer wipes the
        corrections' undo history, and it can be undone too, voice book and all (a voice
        named by mistake is not remembered). A name that changes nothing is no step."""
        speaker = next((s for s in self.model.transcript.speakers if s.id == speaker_id), None)
        wanted = " ".join(name.split()) or self.session.first_name(speaker_id)
        if speaker is None or wanted == speaker.name:
            return
        text = self.tr("Rename {speaker}", "undo step").format(speaker=speaker.name)
        before: list[tuple[Speaker, str | None]] = []  # what the rename replaced

        def do() -> bool:
            return self._change_speaker(
                lambda: before.insert(0, self.session.rename_speaker(speaker_id, name))
            )

        self.undo_stack.push(
            _Step(text, do, lambda: self._change_speaker(
                lambda: self.session.restore_speaker(*before[0])
            ))
        )  # fmt: skip

    def _change_speaker(self, change: Callable[[], object]) -> bool:
        try:
            change()
        except TranscrevaiError as error:
            self.failed.emit(self.tr("Could not rename the speaker: {error}").format(error=error))
            return False
        transcript = self.session.transcript()
        if transcript is not None:
            self._shown(transcript)
        return True

    @Slot(str)
    def _on_saved(self, problem: str) -> None:
        if problem:
            self.failed.emit(problem)

    @Slot(int, int, str)
    def _on_edit_requested(self, row: int, column: int, value: str) -> None:
        # after the editor has closed: the model may change its rows
        QTimer.singleShot(0, lambda: self._edit(row, column, value))

    def _edit(self, row: int, column: int, value: str) -> None:
        transcript = self.model.transcript
        try:
            if column == TranscriptModel.SPEAKER:
                self._change(
                    self.tr("Change speaker", "undo step"),
                    edits.set_speaker(transcript, row, value),
                )
            else:
                self._change(
                    self.tr("Edit text", "undo step"), edits.edit_text(transcript, row, value)
                )
        except TranscrevaiError as error:
            self.failed.emit(str(error))

    @Slot()
    def split_at_cursor(self) -> None:
        """While a segment's text is being edited: what was typed is kept and the segment cut
        where the cursor is, as one undoable step."""
        editor = self._editor()
        if editor is None:
            self.failed.emit(
                self.tr("Edit a segment (double-click it) and put the cursor where to split.")
            )
            return
        row, at = self.table.currentIndex().row(), editor.cursorPosition()
        edited = self._typed(editor, row)
        if len(edited.segments) == self.model.rowCount():  # not emptied
            edited = edits.split(edited, row, at)
        self._change(self.tr("Split segment", "undo step"), edited)
        self.select_row(row)

    @Slot()
    def merge_selected(self) -> None:
        """Join the selected segment with the next; what is being typed in it is kept (it was
        lost, the segments joined as they were)."""
        row = self.selected_row
        if row < 0:
            return
        editor = self._editor()
        transcript = self.model.transcript if editor is None else self._typed(editor, row)
        if len(transcript.segments) == self.model.rowCount() and row < self.model.rowCount() - 1:
            transcript = edits.merge(transcript, row)
        self._change(self.tr("Join segments", "undo step"), transcript)
        self.select_row(min(row, self.model.rowCount() - 1))

    def _editor(self) -> QLineEdit | None:
        """The editor of a segment's text, while one is open."""
        editor = QApplication.focusWidget()
        if isinstance(editor, QLineEdit) and editor.parent() is self.table.viewport():
            return editor
        return None

    def _typed(self, editor: QLineEdit, row: int) -> Transcript:
        """The transcript with what ``editor`` holds as ``row``'s text (not yet a step), the
        editor closed."""
        text = editor.text()
        self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
        self.table.setFocus()
        return edits.edit_text(self.model.transcript, row, text)

    @Slot(str, bool, bool)
    def find_text(self, text: str, backwards: bool = False, match_case: bool = False) -> None:
        """Select the next (or previous) segment whose text holds ``text``, wrapping around."""
        count = self.model.rowCount()
        needle = text if match_case else text.lower()
        start = self.selected_row
        step = -1 if backwards else 1
        if start < 0 and backwards:  # nothing selected: from the end (the last row first)
            start = count
        for offset in range(1, count + 1):
            row = (start + step * offset) % count
            haystack = self.model.segment(row).text
            if needle in (haystack if match_case else haystack.lower()):
                self.select_row(row)
                self.find_bar.show_result("")
                return
        self.find_bar.show_result(self.tr("Not found"))

    @Slot(str, str, bool)
    def replace_all(self, text: str, replacement: str, match_case: bool = False) -> None:
        after, count = edits.replace_all(self.model.transcript, text, replacement, match_case)
        if not count:
            self.find_bar.show_result(self.tr("Not found"))
            return
        self._change(self.tr("Replace “{text}”", "undo step").format(text=text), after)
        self.find_bar.show_result(self.tr("%n replaced", "", count))

    @Slot()
    def revert(self) -> None:
        """Every correction undone at once, after asking (No is the default), as one step
        that Undo takes back."""
        answer = QMessageBox.question(
            self,
            self.tr("Revert to the original transcript"),
            self.tr("Undo every correction and show the transcript as it was written?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        before = self.model.transcript
        self.undo_stack.push(
            _Step(self.tr("Revert to original"), self._revert, lambda: self._apply(before))
        )

    def _revert(self) -> bool:
        try:
            original = self.session.revert_transcript()
        except TranscrevaiError as error:
            self.failed.emit(str(error))
            return False
        self._shown(original)
        return True

    # -- playback ------------------------------------------------------------------------------
    def _on_clicked(self, index: QModelIndex) -> None:
        if index.column() == TranscriptModel.TIME:
            self.play_from(self.model.segment(index.row()).start)

    @Slot()
    def play_selected(self) -> None:
        row = max(0, self.selected_row)
        if self.model.rowCount():
            self.play_from(self.model.segment(row).start)

    def play_from(self, seconds: float) -> None:
        """Play the recording from ``seconds``."""
        try:
            if self._player is None:
                # a read error on the player's thread reaches the tab on this one (if open)
                unreadable = Background(self).relay(self._on_unreadable)
                self._player = player = Player(self.session.files["audio"], on_error=unreadable)
                self.destroyed.connect(player.stop)  # a closed tab falls silent
            self._player.set_speed(self.playback_bar.speed)
            self._player.play(seconds)
        except (TranscrevaiError, KeyError) as error:
            self.failed.emit(self.tr("The recording cannot be played: {error}").format(error=error))
            return
        self._follow.start()
        self._show_playing()
        self.playback_started.emit()

    def _on_unreadable(self, sentence: str) -> None:
        self.failed.emit(self.tr("The recording cannot be played: {error}").format(error=sentence))

    @Slot()
    def toggle_playback(self) -> None:
        player = self._player
        if player is None:
            self.play_selected()
        elif player.playing:
            player.pause()
        elif player.paused:
            player.resume()
            self._follow.start()
            self.playback_started.emit()
        else:
            self.play_selected()
        self._show_playing()

    def jump(self, seconds: float) -> None:
        if self._player is not None and (self._player.playing or self._player.paused):
            self._player.seek(max(0.0, self._player.position + seconds))

    def _set_speed(self, speed: float) -> None:
        if self._player is not None:
            self._player.set_speed(speed)

    def pause_playback(self) -> None:
        """Pause what plays (Play, or Space, goes on from there)."""
        if self._player is not None and self._player.playing:
            self._player.pause()
            self._show_playing()

    @Slot()
    def _show_playing(self) -> None:
        """Light the word being heard and keep its row in view."""
        player = self._player
        playing = player is not None and player.playing
        position = player.position if player is not None else 0.0
        self.playback_bar.show_state(playing, position, self.model.transcript.duration)
        if player is None or not (playing or player.paused):
            self._follow.stop()
            self.model.set_playing(None)
            return
        if self.table.state() is QAbstractItemView.State.EditingState:
            return  # lighting a word reloads its row's editor: what was typed was lost
        at = self._word_at(position)
        self.model.set_playing(at)
        if at is not None and playing:
            self.table.scrollTo(self.model.index(at[0], TranscriptModel.TEXT))

    def _word_at(self, seconds: float) -> tuple[int, int] | None:
        """(row, word) being said at ``seconds``: the last word started by then, within its
        segment."""
        for row, segment in enumerate(self.model.transcript.segments):
            if segment.start <= seconds <= segment.end:
                started = [i for i, w in enumerate(segment.words) if w.start <= seconds]
                return (row, started[-1]) if started else (row, -1)
        return None
