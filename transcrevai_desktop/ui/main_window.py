"""The main window: one tab per session, the File menu, the status bar."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
)

from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.library import default_library_dir
from transcrevai_desktop.core.session import BUSY, CAPTURING, Session
from transcrevai_desktop.core.session_manager import SessionManager
from transcrevai_desktop.core.speakers import AUTO, SpeakerSetting
from transcrevai_desktop.core.vocabulary import parse_vocabulary
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.background import Background
from transcrevai_desktop.ui.export_menu import ExportMenu
from transcrevai_desktop.ui.file_dialogs import file_dialog
from transcrevai_desktop.ui.library_panel import LibraryPanel
from transcrevai_desktop.ui.preferences_dialog import PreferencesDialog
from transcrevai_desktop.ui.session_tab import SessionTab
from transcrevai_desktop.ui.speaker_field import SpeakerField
from transcrevai_desktop.ui.status_info import StatusInfo

log = logging.getLogger(__name__)

AUDIO_FILTER = (
    "Audio and video (*.wav *.mp3 *.flac *.ogg *.opus *.m4a *.aac *.wma *.mp4 *.mkv *.webm *.mov)"
    ";;All files (*)"
)


class MainWindow(QMainWindow):
    model_state = Signal(bool, str)  # loaded, error sentence (from the loading thread)
    exported = Signal(list)  # the paths an export wrote, once they are on disk

    def __init__(self, manager: SessionManager, settings: Settings) -> None:
        super().__init__()
        self.manager = manager
        self.settings = settings
        self._closing = False
        self._model_error = ""
        self.setWindowTitle("TranscrevAI")
        self.resize(960, 640)

        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._update_actions)
        self.tabs.tabBar().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tabs.tabBar().customContextMenuRequested.connect(self._tab_menu)
        self.tabs.tabBarDoubleClicked.connect(self.rename_tab)
        self.setCentralWidget(self.tabs)
        self.background = Background(self)
        self.library = LibraryPanel(manager, self.background, self)
        self.library.open_requested.connect(self.open_from_library)
        self.library.delete_requested.connect(self.delete_from_library)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library)
        self.resizeDocks([self.library], [420], Qt.Orientation.Horizontal)
        self._build_menus()

        self.status_info = StatusInfo()
        self.statusBar().addPermanentWidget(self.status_info)
        self.model_state.connect(self._on_model_state)
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self._update_status_bar)
        self._status_timer.start(1000)
        self._update_actions()
        self._update_status_bar()
        self.library.updated.connect(self._offer_interrupted)

    # -- menus -----------------------------------------------------------------------------------
    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        self.new_action = self._action("&New recording", self.new_recording, QKeySequence.New)
        self.open_action = self._action(
            "&Open audio file…", self.open_audio_file, QKeySequence.Open
        )
        self.exports = ExportMenu(self, self.settings, self.background, self._current_session)
        self.exports.exported.connect(self.exported)
        self.export_actions = self.exports.actions
        self.export_all_action = self.exports.all_action
        self.show_folder_action = self._action("Show in &folder", self.show_in_folder)
        self.quit_action = self._action("&Quit", self.close, QKeySequence.Quit)
        self.preferences_action = self._action("&Preferences…", self.edit_preferences, "Ctrl+,")

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        self.export_menu = self.exports.add_to(file_menu)
        file_menu.addAction(self.show_folder_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(self.preferences_action)
        view_menu = self.menuBar().addMenu("&View")
        library_toggle = self.library.toggleViewAction()
        library_toggle.setShortcut(QKeySequence("Ctrl+L"))
        view_menu.addAction(library_toggle)

    def _ask(
        self,
        title: str,
        text: str,
        yes: QMessageBox.StandardButton = QMessageBox.StandardButton.Yes,
        no: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel,
        default_yes: bool = True,
    ) -> bool:
        """A question box; True when the user picks ``yes``."""
        answer = QMessageBox.question(self, title, text, yes | no, yes if default_yes else no)
        return answer == yes

    # -- tabs --------------------------------------------------------------------------------------
    def current_tab(self) -> SessionTab | None:
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, SessionTab) else None

    def _current_session(self) -> Session | None:
        tab = self.current_tab()
        return tab.session if tab is not None else None

    def session_tabs(self) -> list[SessionTab]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]  # type: ignore[misc]

    def tab_of(self, session_id: str) -> SessionTab | None:
        return next((tab for tab in self.session_tabs() if tab.session.id == session_id), None)

    def _open_tab(self, session: Session) -> SessionTab:
        tab = SessionTab(session, self.settings)
        tab.title_changed.connect(lambda t=tab: self._retitle(t))
        session.status_changed.connect(self._update_actions)
        session.status_changed.connect(self.library.refresh)
        session.corrections_saved.connect(self.library.refresh)  # search finds corrections
        index = self.tabs.addTab(tab, tab.title)
        self.tabs.setCurrentIndex(index)
        return tab

    @Slot(int)
    def rename_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if not isinstance(tab, SessionTab):
            return
        name, ok = QInputDialog.getText(self, "Rename", "Name:", text=tab.session.name)
        if ok and name.strip():
            tab.session.rename(name)
            self._retitle(tab)

    @Slot(QPoint)
    def _tab_menu(self, position: QPoint) -> None:
        """The tab's own menu: the same export actions as File → Export, for that tab."""
        bar = self.tabs.tabBar()
        index = bar.tabAt(position)
        if index < 0:
            return
        self.tabs.setCurrentIndex(index)
        menu = QMenu(self)
        self.exports.add_to(menu)
        menu.addAction(self.show_folder_action)
        menu.addAction("Rename…", lambda: self.rename_tab(index))
        menu.addSeparator()
        menu.addAction("Close tab", lambda: self.close_tab(index))
        menu.exec(bar.mapToGlobal(position))

    def _retitle(self, tab: SessionTab) -> None:
        index = self.tabs.indexOf(tab)
        if index >= 0:
            self.tabs.setTabText(index, tab.title)
            self.tabs.setTabToolTip(index, f"{tab.session.name} — {tab.session.status.value}")

    @Slot()
    def new_recording(self) -> SessionTab | None:
        try:
            session = self.manager.get_session(self.manager.create_session())
        except TranscrevaiError as error:
            QMessageBox.warning(self, "New recording", str(error))
            return None
        assert session is not None
        tab = self._open_tab(session)
        self.library.refresh()
        return tab

    @Slot(str)
    def open_from_library(self, session_id: str) -> None:
        tab = self.tab_of(session_id)
        if tab is None:
            session = self.manager.open_session(session_id)
            if session is None:
                QMessageBox.warning(self, "Library", "This session can no longer be read.")
                self.library.refresh()
                return
            tab = self._open_tab(session)
        self.tabs.setCurrentWidget(tab)

    @Slot()
    def _offer_interrupted(self) -> None:
        """Once, after the first library scan: offer to open the recordings a crash (or a
        close while recording) left without a transcript; each tab offers to transcribe."""
        self.library.updated.disconnect(self._offer_interrupted)
        ids = self.library.interrupted_ids()
        if not ids:
            return
        if self._ask(
            "Interrupted recordings",
            f"{len(ids)} recording(s) stopped before their transcripts were written; their "
            "audio is kept. Open them to transcribe?",
            yes=QMessageBox.StandardButton.Open,
            no=QMessageBox.StandardButton.Ignore,
        ):
            for session_id in ids:
                self.open_from_library(session_id)

    @Slot(str)
    def delete_from_library(self, session_id: str) -> None:
        tab = self.tab_of(session_id)
        session = tab.session if tab else self.manager.open_session(session_id)
        if session is not None and session.status in BUSY:
            QMessageBox.information(self, "Delete", "Stop this recording before deleting it.")
            return
        name = session.name if session else session_id
        if not self._ask(
            "Delete",
            f"Delete “{name}” and all its files (audio and transcripts)? This cannot be undone.",
            default_yes=False,
        ):
            return
        if tab is not None:
            self.tabs.removeTab(self.tabs.indexOf(tab))
            tab.deleteLater()
        try:
            self.manager.delete_session(session_id, delete_files=True)
        except TranscrevaiError as error:
            QMessageBox.warning(self, "Delete", str(error))
        self.library.refresh()

    def _ask_audio_file(self) -> tuple[str, SpeakerSetting]:
        """Ask for an audio or video file and how many people speak in it (a Speakers picker
        below the file type). Returns ("", AUTO) when cancelled."""
        picker = SpeakerField(self.settings.get(Key.SPEAKERS))
        dialog = file_dialog(self, "Open audio file", "", AUDIO_FILTER, [("Speakers:", picker)])
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
                return "", AUTO
            return dialog.selectedFiles()[0], picker.setting
        finally:
            dialog.deleteLater()

    @Slot()
    def open_audio_file(self) -> None:
        path, speakers = self._ask_audio_file()
        if not path:
            return
        tab = self.new_recording()
        if tab is None:
            return
        try:
            tab.session.transcribe_file(
                Path(path),
                tab.language_picker.language,
                vocabulary=parse_vocabulary(self.settings.get(Key.VOCABULARY)),
                speakers=speakers,
            )
        except TranscrevaiError as error:
            QMessageBox.warning(self, "Open audio file", str(error))
            return
        self.settings.set(Key.SPEAKERS, str(speakers))

    @Slot(int)
    def close_tab(self, index: int) -> None:
        tab = self.tabs.widget(index)
        if not isinstance(tab, SessionTab):
            return
        if tab.session.status in CAPTURING:
            if not self._ask(
                "Close tab",
                f"“{tab.session.name}” is recording. Stop and keep the recording?\n\n"
                "The final transcript is written in the background.",
            ):
                return
            tab.session.stop()
        self.tabs.removeTab(index)
        tab.deleteLater()

    # -- export ----------------------------------------------------------------------------------
    @Slot()
    def show_in_folder(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(tab.session.folder)))

    @Slot()
    def _update_actions(self, *_: object) -> None:
        self.exports.update()
        self.show_folder_action.setEnabled(self.current_tab() is not None)

    # -- model and preferences ------------------------------------------------------------
    def load_model(self) -> None:
        """Load the configured model on a worker thread; ``model_state`` reports the outcome."""
        engine = self.manager.engine

        def load() -> None:
            try:
                engine.model()
            except TranscrevaiError as error:
                self.model_state.emit(False, str(error))
            else:
                self.model_state.emit(True, "")

        self._model_error = ""
        engine.submit(load)

    @Slot()
    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self, voice_book=self.manager.engine.voice_book)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.apply_settings()

    def apply_settings(self) -> None:
        """Apply the preferences at once: the model for the passes to come, the library
        folder and clean-up time for the manager; new tabs read language and microphone."""
        engine = self.manager.engine
        wanted = replace(
            engine.settings,
            model=self.settings.get(Key.MODEL),
            compute_type=self.settings.get(Key.COMPUTE_TYPE),
        )
        if wanted != engine.settings:
            engine.settings = wanted
            for tab in self.session_tabs():
                tab.model_ready(engine.model_loaded)
            self.load_model()
        folder = self.settings.get(Key.LIBRARY_DIR)
        self.manager.library_dir = Path(folder) if folder else default_library_dir()
        self.manager.session_timeout_hours = self.settings.get_float(Key.CLEANUP_HOURS)
        self.library.refresh()
        self._update_status_bar()

    # -- status bar --------------------------------------------------------------------------
    @Slot(bool, str)
    def _on_model_state(self, loaded: bool, error: str) -> None:
        self._model_error = error
        for tab in self.session_tabs():
            tab.model_ready(loaded)
        if error:
            QMessageBox.warning(self, "Model", error)
        self._update_status_bar()

    def _update_status_bar(self) -> None:
        sessions = [tab.session for tab in self.session_tabs()]
        for session in sessions:
            if session.status in CAPTURING:
                self.library.show_duration(session.id, session.recorded_seconds)
        self.status_info.show_state(self.manager.engine, sessions, self._model_error)

    # -- quitting ----------------------------------------------------------------------------
    @Slot()
    def _close_when_done(self) -> None:
        """Quitting waits for the final transcripts: close once none is being written."""
        if not any(tab.session.status in BUSY for tab in self.session_tabs()):
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Quit at once when nothing records or processes; else ask, stop, and close when the
        final transcripts are written (the status bar says so meanwhile)."""
        sessions = [tab.session for tab in self.session_tabs()]
        if not any(s.status in BUSY for s in sessions):
            event.accept()
            return
        event.ignore()
        if self._closing:
            return
        if any(s.status in CAPTURING for s in sessions) and not self._ask(
            "Quit",
            "Recording is in progress. Stop and keep the recordings?\n\n"
            "TranscrevAI closes once their transcripts are written.",
        ):
            return
        for session in sessions:
            session.stop()
            session.status_changed.connect(self._close_when_done)
        self._closing = True
        self.statusBar().showMessage("Finishing transcripts, then closing…")
