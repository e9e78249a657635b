"""What the library panel asks of the window: open a session in a tab, rename one, delete
one, and, once after the first scan, offer to open the recordings a crash left without a
transcript."""

from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.session import BUSY, CAPTURING, Session
from transcrevai_desktop.core.session_manager import SessionManager
from transcrevai_desktop.ui.library_panel import LibraryPanel
from transcrevai_desktop.ui.rename_dialog import rename_session
from transcrevai_desktop.ui.session_tabs import SessionTabs


class LibraryActions(QObject):
    def __init__(
        self, manager: SessionManager, library: LibraryPanel, tabs: SessionTabs, window: QWidget
    ) -> None:
        super().__init__(window)
        self.manager, self.library, self.tabs, self.window = manager, library, tabs, window
        library.open_requested.connect(self.open)
        library.rename_requested.connect(self.rename)
        library.delete_requested.connect(self.delete)
        library.updated.connect(self._offer_interrupted)

    def _reopened(self, session_id: str) -> Session | None:
        """A session of the library in memory (``SessionManager.open_session``); None, said
        in a message, if another process holds it or it can no longer be read."""
        try:
            session = self.manager.open_session(session_id)
        except TranscrevaiError as error:
            QMessageBox.information(self.window, self.tr("Library"), str(error))
            return None
        if session is None:
            QMessageBox.warning(
                self.window, self.tr("Library"), self.tr("This session can no longer be read.")
            )
            self.library.refresh()
        return session

    @Slot(str)
    def open(self, session_id: str) -> None:
        tab = self.tabs.tab_of(session_id)
        if tab is None:
            if (session := self._reopened(session_id)) is None:
                return
            tab = self.tabs.open_tab(session)
        self.tabs.setCurrentWidget(tab)

    @Slot(str)
    def rename(self, session_id: str) -> None:
        """Rename a recording: in its tab if it has one (the tab's title follows), else as it
        is on disk; the library shows the new name at once."""
        if (tab := self.tabs.tab_of(session_id)) is not None:
            self.tabs.rename_tab(self.tabs.indexOf(tab))
        elif (session := self._reopened(session_id)) is not None and rename_session(
            self.window, session
        ):
            self.library.show_name(session_id, session.name)

    @Slot(str)
    def delete(self, session_id: str) -> None:
        tab = self.tabs.tab_of(session_id)
        title = self.tr("Delete")
        try:
            session = tab.session if tab else self.manager.open_session(session_id)
        except TranscrevaiError as error:
            QMessageBox.information(self.window, title, str(error))
            return
        if session is not None and session.status in CAPTURING:
            QMessageBox.information(
                self.window, title, self.tr("Stop this recording before deleting it.")
            )
            return
        if session is not None and session.status in BUSY:
            QMessageBox.information(
                self.window,
                title,
                self.tr("Its transcript is being written: delete it once it is done."),
            )
            return
        text = self.tr(
            "Delete “{name}” and all its files (audio and transcripts)? This cannot be undone."
        ).format(name=session.name if session else session_id)
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
        if QMessageBox.question(
            self.window, title, text, buttons, QMessageBox.StandardButton.Cancel
        ) != (QMessageBox.StandardButton.Yes):
            return
        if tab is not None:
            self.tabs.remove(tab)
        try:
            self.manager.delete_session(session_id, delete_files=True)
        except TranscrevaiError as error:
            QMessageBox.warning(self.window, title, str(error))
        self.library.refresh()

    @Slot()
    def _offer_interrupted(self) -> None:
        """Once, after the first library scan: offer to open the recordings a crash (or a
        close while recording) left without a transcript; each tab offers to transcribe."""
        self.library.updated.disconnect(self._offer_interrupted)
        ids = self.library.interrupted_ids()
        if not ids:
            return
        text = self.tr(
            "%n recording(s) stopped before the transcript was written; the audio is kept. "
            "Open them to transcribe?",
            "",
            len(ids),
        )
        buttons = QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Ignore
        title = self.tr("Interrupted recordings")
        if (
            QMessageBox.question(self.window, title, text, buttons)
            == QMessageBox.StandardButton.Open
        ):
            for session_id in ids:
                self.open(session_id)
