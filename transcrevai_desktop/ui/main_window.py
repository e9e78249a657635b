"""The main window: the tabs (``session_tabs``), the library panel, the menus, the status
bar, and quitting. Opening and deleting from the library is ``library_actions``; the model's
loading ``model_loader``; export ``export_menu``; the status text ``status_info``.

The window remembers its size, position, the library panel's place and visibility and the
order its recordings are sorted in (``Key.WINDOW_GEOMETRY``, ``Key.WINDOW_STATE``,
``Key.LIBRARY_SORT``), and where View → Captions on top was and whether it was open
(``ui.caption_window``)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox

from transcrevai_desktop.core.errors import TranscrevaiError
from transcrevai_desktop.core.library import default_library_dir
from transcrevai_desktop.core.session import BUSY, CAPTURING, Session, SessionStatus
from transcrevai_desktop.core.session_manager import SessionManager
from transcrevai_desktop.core.speakers import SpeakerSetting
from transcrevai_desktop.core.vocabulary import parse_vocabulary
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.background import Background
from transcrevai_desktop.ui.caption_window import CaptionWindow
from transcrevai_desktop.ui.export_menu import ExportMenu
from transcrevai_desktop.ui.file_manager import show_folder
from transcrevai_desktop.ui.help_menu import HelpMenu
from transcrevai_desktop.ui.library_actions import LibraryActions
from transcrevai_desktop.ui.library_panel import LibraryPanel
from transcrevai_desktop.ui.model_loader import ModelLoader
from transcrevai_desktop.ui.model_offer_dialog import ModelOfferer
from transcrevai_desktop.ui.open_audio import ask_audio_file
from transcrevai_desktop.ui.preferences_dialog import PreferencesDialog
from transcrevai_desktop.ui.session_tab import FOLLOWED, SessionTab
from transcrevai_desktop.ui.session_tabs import SessionTabs
from transcrevai_desktop.ui.status_info import StatusInfo
from transcrevai_desktop.ui.text_size import TextSize

log = logging.getLogger(__name__)

ICON = Path(__file__).resolve().parent.parent / "resources" / "transcrevai.svg"


def typed_bindings(key: QKeySequence.StandardKey) -> list[QKeySequence]:
    """The platform's keys for ``key`` that are typed: with Ctrl, Alt or Meta, or a function
    key (Close: Ctrl+F4 and Ctrl+W where Windows binds it; only the first was kept, so Ctrl+W
    closed nothing), not a keyboard's media key named after it ("New", "Close")."""
    chords = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    chords |= Qt.KeyboardModifier.MetaModifier
    typed = []
    for sequence in QKeySequence.keyBindings(key):
        first = sequence[0]  # type: ignore[index]  # (PySide6's stubs miss its indexing)
        function_key = Qt.Key.Key_F1.value <= first.key().value <= Qt.Key.Key_F35.value
        if first.keyboardModifiers() & chords or function_key:
            typed.append(sequence)
    return typed


class MainWindow(QMainWindow):
    exported = Signal(list)  # the paths an export wrote, once they are on disk

    def __init__(self, manager: SessionManager, settings: Settings) -> None:
        super().__init__()
        self.manager = manager
        self.settings = settings
        self._closing = False
        self._waited: list[Session] = []  # the sessions quitting waits for
        self.setWindowTitle("TranscrevAI")  # not translated: a name
        self.setWindowIcon(QIcon(str(ICON)))
        self.resize(960, 640)
        self.background = Background(self)
        self.exports = ExportMenu(self, settings, self.background, self._current_session)
        self.exports.exported.connect(self.exported)
        self.show_folder_action = self._action(self.tr("Show in &folder"), self.show_in_folder)
        self.tabs = SessionTabs(settings, self._fill_tab_menu, self)
        self.tabs.currentChanged.connect(self._update_actions)
        self.tabs.opened.connect(self._watch)
        self.text_size = TextSize(settings, self)
        self.text_size.changed.connect(self.tabs.set_text_size)
        self.caption_window = CaptionWindow(settings, self.text_size.actions)
        self.text_size.changed.connect(self.caption_window.set_text_size)
        self.caption_window.zoom_requested.connect(self.text_size.step)
        self.caption_window.set_text_size(self.text_size.points)
        self.tabs.zoom_requested.connect(self.text_size.step)
        self.setCentralWidget(self.tabs)
        self.library = LibraryPanel(manager, self.background, self)
        self.library.setObjectName("library")  # its place is saved with the window's state
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library)
        self.resizeDocks([self.library], [420], Qt.Orientation.Horizontal)
        self.library_actions = LibraryActions(manager, self.library, self.tabs, self)
        self.model_loader = ModelLoader(manager.engine, self)
        self.model_state = self.model_loader.state
        self.model_state.connect(self._on_model_state)
        self.model_offerer = ModelOfferer(settings, self)  # a bigger model, offered once
        self.model_offerer.model_ready.connect(self._use_model)
        self._build_menus()
        self.status_info = StatusInfo()
        self.statusBar().addPermanentWidget(self.status_info)
        self._status_timer = QTimer(self)
        self._status_timer.timeout.connect(self._update_status_bar)
        self._status_timer.start(1000)
        self.tabs.currentChanged.connect(self._update_status_bar)  # a tab opened or closed
        self._update_actions()
        self._update_status_bar()
        self._restore_layout()

    # -- menus -----------------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            action.setShortcuts(typed_bindings(shortcut))
        elif shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        keys = QKeySequence.StandardKey
        self.new_action = self._action(self.tr("&New recording"), self.new_recording, keys.New)
        self.open_action = self._action(
            self.tr("&Open audio file…"), self.open_audio_file, keys.Open
        )
        self.export_actions = self.exports.actions
        self.export_all_action = self.exports.all_action
        self.quit_action = self._action(self.tr("&Quit"), self.close, keys.Quit)
        if not self.quit_action.shortcuts():  # Windows binds none
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.close_tab_action = self._action(
            self.tr("&Close tab"), lambda: self.tabs.close_tab(self.tabs.currentIndex()), keys.Close
        )
        self.preferences_action = self._action(
            self.tr("&Preferences…"), self.edit_preferences, "Ctrl+,"
        )
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        file_menu.addSeparator()
        self.export_menu = self.exports.add_to(file_menu)
        file_menu.addAction(self.show_folder_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_tab_action)
        file_menu.addAction(self.quit_action)
        # Undo and Redo act on the current tab's transcript review (a stack each, grouped).
        self.undo_group = QUndoGroup(self)
        self.undo_action = self.undo_group.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence(keys.Undo))
        self.undo_action.setWhatsThis(self.tr("Undo the last correction"))  # its text names it
        self.redo_action = self.undo_group.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcuts([QKeySequence(keys.Redo), QKeySequence("Ctrl+Shift+Z")])
        self.redo_action.setWhatsThis(self.tr("Redo the correction undone"))
        self.find_action = self._action(self.tr("&Find and replace…"), self._find, keys.Find)
        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        for action in (self.undo_action, self.redo_action, self.find_action):
            edit_menu.addAction(action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.preferences_action)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        library_toggle = self.library.toggleViewAction()
        library_toggle.setShortcut(QKeySequence("Ctrl+L"))
        view_menu.addAction(library_toggle)
        view_menu.addAction(self.caption_window.toggle_action)
        view_menu.addSeparator()
        view_menu.addActions(list(self.text_size.actions))
        self.help_menu = HelpMenu(self.manager, self)
        self.menuBar().addMenu(self.help_menu)

    def _fill_tab_menu(self, menu: QMenu) -> None:
        self.exports.add_to(menu)
        menu.addAction(self.show_folder_action)

    # -- tabs ------------------------------------------------------------------------------
    def current_tab(self) -> SessionTab | None:
        return self.tabs.current_tab()

    def _current_session(self) -> Session | None:
        tab = self.current_tab()
        return tab.session if tab is not None else None

    def _caption_source(self) -> Session | None:
        """Whose captions View → Captions on top shows: the tab shown if it records or no tab
        does, else the first tab that records. A tab shown that has not recorded has none: the
        captions shown stay while their tab is open (a lecture that stopped while a new tab
        was in front left the window blank)."""
        shown = self._current_session()
        sessions = [tab.session for tab in self.session_tabs()]
        recording = [session for session in sessions if session.status in CAPTURING]
        if shown is not None and (shown.status in CAPTURING or not recording):
            kept = self.caption_window.followed
            if shown.status is SessionStatus.IDLE and kept in sessions and kept is not None:
                return kept
            return shown
        return recording[0] if recording else None

    @Slot()
    def clean_up(self) -> None:
        """Free the memory of idle sessions no tab shows (``cleanup_old_sessions``), and
        remove empty folders, off the GUI thread."""
        shown = [tab.session.id for tab in self.session_tabs()]
        cleanup = partial(self.manager.cleanup_old_sessions, keep=shown)
        self.background.run(cleanup, lambda _: None, log.warning)

    def session_tabs(self) -> list[SessionTab]:
        return self.tabs.session_tabs()

    def tab_of(self, session_id: str) -> SessionTab | None:
        return self.tabs.tab_of(session_id)

    def close_tab(self, index: int) -> None:
        self.tabs.close_tab(index)

    def open_from_library(self, session_id: str) -> None:
        self.library_actions.open(session_id)

    @Slot(object)
    def _watch(self, tab: SessionTab) -> None:
        tab.set_text_size(self.text_size.points)
        tab.model_ready(self.manager.engine.model_loaded, self.model_loader.error)
        self.undo_group.addStack(tab.transcript_view.undo_stack)  # leaves with the view
        self.model_offerer.watch(tab.session)
        tab.session.status_changed.connect(self._update_actions)
        tab.session.status_changed.connect(self._keep_open_if_recording)
        tab.title_changed.connect(self._update_actions)  # its page changed with its status
        tab.title_changed.connect(
            lambda t=tab: self.library.show_name(t.session.id, t.session.name)
        )
        tab.session.status_changed.connect(self.library.refresh)
        tab.session.corrections_saved.connect(self.library.refresh)  # search finds corrections

    @Slot()
    def new_recording(self) -> SessionTab | None:
        try:
            session = self.manager.get_session(self.manager.create_session())
        except TranscrevaiError as error:
            QMessageBox.warning(self, self.tr("New recording"), str(error))
            return None
        assert session is not None
        return self.tabs.open_tab(session)

    def _ask_audio_file(self) -> tuple[str, SpeakerSetting]:
        return ask_audio_file(self, self.settings)

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
            QMessageBox.warning(self, self.tr("Open audio file"), str(error))
            return
        self.settings.set(Key.SPEAKERS, str(speakers))

    @Slot()
    def show_in_folder(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            show_folder(tab.session.folder)

    @Slot()
    def _update_actions(self, *_: object) -> None:
        self.exports.update()
        tab = self.current_tab()  # a tab that never recorded has no folder yet
        self.show_folder_action.setEnabled(tab is not None and tab.session.kept)
        self.close_tab_action.setEnabled(tab is not None)
        self.find_action.setEnabled(tab is not None and tab.reviewing)
        if tab is not None:  # (a closed tab's stack leaves the group with it)
            self.undo_group.setActiveStack(tab.transcript_view.undo_stack)
        self.caption_window.follow(self._caption_source())

    @Slot()
    def _find(self) -> None:
        tab = self.current_tab()
        if tab is not None and tab.reviewing:
            tab.transcript_view.find_bar.open()

    # -- model and preferences ---------------------------------------------------------------
    def load_model(self) -> None:
        """Load the configured model on a worker thread; ``model_state`` reports the outcome."""
        self.model_loader.load()

    @Slot()
    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self.settings, self, voice_book=self.manager.engine.voice_book)
        before = {key: self.settings.get(key) for key in FOLLOWED}
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.apply_settings()
            for tab in self.session_tabs():
                tab.follow_preferences(before)

    def apply_settings(self) -> None:
        """Apply the preferences at once: the model for the passes to come, the library
        folder and clean-up time for the manager; new tabs read language and microphone (and
        tabs that have not recorded follow them, ``SessionTab.follow_preferences``)."""
        if self.model_loader.apply(self.settings):
            for tab in self.session_tabs():
                tab.model_ready(False)
        self.manager.move_library(self.settings.library_dir() or default_library_dir())
        self.manager.session_timeout_hours = self.settings.get_float(Key.CLEANUP_HOURS)
        self.library.refresh()
        self._update_status_bar()

    @Slot(bool, str)
    def _on_model_state(self, loaded: bool, error: str) -> None:
        for tab in self.session_tabs():
            tab.model_ready(loaded, error)
        if error:
            QMessageBox.warning(self, self.tr("Model"), error)
        elif loaded:
            self.model_offerer.offer(self.settings.get(Key.LANGUAGE))
        self._update_status_bar()

    @Slot(str)
    def _use_model(self, name: str) -> None:
        """The offered model is on disk: the passes to come use it."""
        self.settings.set(Key.MODEL, name)
        self.apply_settings()

    def _update_status_bar(self) -> None:
        sessions = [tab.session for tab in self.session_tabs()]
        for session in sessions:
            if session.status in CAPTURING:
                self.library.show_duration(session.id, session.recorded_seconds)
        self.status_info.show_state(self.manager.engine, sessions, self.model_loader.error)

    # -- layout and quitting ---------------------------------------------------------------
    def _restore_layout(self) -> None:
        self.restoreGeometry(QByteArray(self.settings.get_bytes(Key.WINDOW_GEOMETRY)))
        self.restoreState(QByteArray(self.settings.get_bytes(Key.WINDOW_STATE)))
        self.library.table.restore_sort(self.settings.get(Key.LIBRARY_SORT))
        self.caption_window.restore_layout()

    def _save_layout(self) -> None:
        self.settings.set(Key.WINDOW_GEOMETRY, self.saveGeometry())
        self.settings.set(Key.WINDOW_STATE, self.saveState())
        self.settings.set(Key.LIBRARY_SORT, self.library.table.sort_state())
        self.caption_window.save_layout()

    @Slot()
    def _close_when_done(self) -> None:
        """Quitting waits for the final transcripts: close once none is being written."""
        if self._closing and not any(s.status in BUSY for s in self._sessions()):
            self.close()

    @Slot(str, str)
    def _keep_open_if_recording(self, status: str, _message: str) -> None:
        """A recording started, or a file opened, while quitting waited for the transcripts:
        the user stays, and the quit is called off (the window stayed open for good, saying
        it was closing)."""
        new_work = status == SessionStatus.RECORDING or (
            status == SessionStatus.PROCESSING and self.sender() not in self._waited
        )
        if self._closing and new_work:
            self._call_off_quit()

    def _call_off_quit(self) -> None:
        self._closing = False
        self._waited = []
        self.statusBar().clearMessage()

    def _sessions(self) -> list[Session]:
        """The sessions of the tabs, and those of tabs closed while their transcripts were
        being written (quitting then asked nothing, and the process went on hidden)."""
        shown = {tab.session.id: tab.session for tab in self.session_tabs()}
        return [*shown.values(), *(s for s in self.manager.held_sessions() if s.id not in shown)]

    def _quit_while_transcribing(self, importing: bool) -> bool | None:
        """Only transcripts are being written (a file, a recording's final pass): wait for
        them and then quit (the default: False), or quit now and leave them to *Transcribe
        recording* later (True: ``Session.skip_final_pass``, the audio is kept), or stay
        (None). A file still ``importing`` has no audio to keep yet: quitting now leaves it
        out, and the question says so."""
        if importing:
            text = self.tr(
                "A file is still being imported. Wait for its transcript and then quit, or quit "
                "now and open the file again later (nothing of it is kept)?"
            )
        else:
            text = self.tr(
                "A transcript is still being written. Wait for it and then quit, or quit now "
                "and write it later (open the recording from the library and use Transcribe "
                "recording)?"
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Quit"),
            text,
            QMessageBox.StandardButton.Cancel,
            self,
        )
        wait = box.addButton(self.tr("Wait, then quit"), QMessageBox.ButtonRole.AcceptRole)
        now = box.addButton(self.tr("Quit now"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(wait)
        box.exec()
        clicked = box.clickedButton()
        return None if clicked not in (wait, now) else clicked is now

    def closeEvent(self, event: QCloseEvent) -> None:
        """Quit at once when nothing records or processes; else ask, stop, and close when the
        final transcripts are written (the status bar says so meanwhile), or are left for
        later (``_quit_while_transcribing``)."""
        sessions = self._sessions()
        if not any(s.status in BUSY for s in sessions):
            self._save_layout()
            self.caption_window.close()  # a window of its own: it would keep the app running
            self.manager.wait_saved()  # a correction made a moment ago (a fraction of a second)
            self.exports.cancel_burns()
            event.accept()
            return
        event.ignore()
        if self._closing:  # asked again while the transcripts are written: now, or stay
            choice = self._quit_while_transcribing(any(s.importing for s in sessions))
            if choice is None:
                self._call_off_quit()
            elif choice:
                for session in sessions:
                    session.skip_final_pass()
                QTimer.singleShot(0, self._close_when_done)
            return
        text = self.tr(
            "Recording is in progress. Stop and keep the recordings?\n\n"
            "TranscrevAI closes once their transcripts are written."
        )
        buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
        if any(s.status in CAPTURING for s in sessions):
            answer = QMessageBox.question(self, self.tr("Quit"), text, buttons)
            if answer != QMessageBox.StandardButton.Yes:
                return
            leave_for_later = False
        else:
            choice = self._quit_while_transcribing(any(s.importing for s in sessions))
            if choice is None:
                return
            leave_for_later = choice
        self._closing = True
        self._waited = list(sessions)
        self.statusBar().showMessage(self.tr("Finishing transcripts, then closing…"))
        for session in sessions:  # told before anything changes, so no change is missed
            session.status_changed.connect(self._close_when_done)
        for session in sessions:
            if leave_for_later:
                session.skip_final_pass()
            session.stop()
        QTimer.singleShot(0, self._close_when_done)  # in case nothing changes any more
