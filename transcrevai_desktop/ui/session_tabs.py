"""The window's tabs, one per open session: open, rename, close (asking first while it
records) and the tab's own menu. One tab's recording is heard at a time: playing one pauses
the one that played, as a second media player would."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QMenu, QMessageBox, QTabWidget, QWidget

from transcrevai_desktop.core.session import CAPTURING, Session
from transcrevai_desktop.settings import Settings
from transcrevai_desktop.ui.rename_dialog import rename_session
from transcrevai_desktop.ui.session_tab import SessionTab

TAB_CHARS = 40  # about how many characters of a session's name its tab shows


class SessionTabs(QTabWidget):
    opened = Signal(object)  # the SessionTab just added
    zoom_requested = Signal(int)  # a tab's SessionTab.zoom_requested

    def __init__(
        self, settings: Settings, fill_menu: Callable[[QMenu], None], parent: QWidget | None = None
    ) -> None:
        """``fill_menu`` adds the window's actions for the current tab (export, show in
        folder) to a tab's context menu."""
        super().__init__(parent)
        self.settings = settings
        self._fill_menu = fill_menu
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setDocumentMode(True)
        self.tabCloseRequested.connect(self.close_tab)
        self.tabBar().setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tabBar().customContextMenuRequested.connect(self._tab_menu)
        self.tabBarDoubleClicked.connect(self.rename_tab)
        # The keys of a tab (Space records) work once it is shown, not only after a click in it.
        self.currentChanged.connect(self._focus_current)
        # With no tab open, what to do next (a blank grey area said nothing).
        self.empty_hint = QLabel(
            self.tr(
                "No recording is open.\n\nFile → New recording (Ctrl+N) records with live "
                "captions; File → Open audio file (Ctrl+O) transcribes a file; the Library "
                "(Ctrl+L) opens a past recording."
            ),
            self,
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setWordWrap(True)
        self.empty_hint.setEnabled(False)  # greyed, as a placeholder
        self.empty_hint.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.empty_hint.setGeometry(self.rect().adjusted(40, 40, -40, -40))

    def tabInserted(self, index: int) -> None:
        super().tabInserted(index)
        self.empty_hint.hide()

    def tabRemoved(self, index: int) -> None:
        super().tabRemoved(index)
        self.empty_hint.setVisible(self.count() == 0)

    @Slot()
    def _focus_current(self) -> None:
        tab = self.current_tab()
        if tab is not None:
            tab.setFocus()

    def current_tab(self) -> SessionTab | None:
        widget = self.currentWidget()
        return widget if isinstance(widget, SessionTab) else None

    def session_tabs(self) -> list[SessionTab]:
        return [tab for i in range(self.count()) if isinstance(tab := self.widget(i), SessionTab)]

    def tab_of(self, session_id: str) -> SessionTab | None:
        return next((tab for tab in self.session_tabs() if tab.session.id == session_id), None)

    def open_tab(self, session: Session) -> SessionTab:
        tab = SessionTab(session, self.settings)
        tab.title_changed.connect(lambda t=tab: self._retitle(t))
        tab.transcript_view.playback_started.connect(lambda t=tab: self._pause_others(t))
        tab.zoom_requested.connect(self.zoom_requested)
        self.setCurrentIndex(self.addTab(tab, tab.title))
        self._retitle(tab)
        self.opened.emit(tab)
        return tab

    @Slot(float)
    def set_text_size(self, points: float) -> None:
        for tab in self.session_tabs():
            tab.set_text_size(points)

    def _pause_others(self, playing: SessionTab) -> None:
        for tab in self.session_tabs():
            if tab is not playing:
                tab.transcript_view.pause_playback()

    def remove(self, tab: SessionTab) -> None:
        self.removeTab(self.indexOf(tab))
        tab.deleteLater()

    @Slot(int)
    def rename_tab(self, index: int) -> None:
        tab = self.widget(index)
        if not isinstance(tab, SessionTab):
            return
        if rename_session(self, tab.session):
            tab.title_changed.emit()

    @Slot(int)
    def close_tab(self, index: int) -> None:
        """Close a tab; one that records asks first, then stops and keeps its recording."""
        tab = self.widget(index)
        if not isinstance(tab, SessionTab):
            return
        if tab.session.status in CAPTURING:
            text = self.tr(
                "“{name}” is recording. Stop and keep the recording?\n\n"
                "The final transcript is written in the background."
            ).format(name=tab.session.name)
            buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel
            if QMessageBox.question(self, self.tr("Close tab"), text, buttons) != (
                QMessageBox.StandardButton.Yes
            ):
                return
            tab.session.stop()
        self.remove(tab)

    @Slot(QPoint)
    def _tab_menu(self, position: QPoint) -> None:
        """The tab's own menu: the window's actions for that tab, rename and close."""
        index = self.tabBar().tabAt(position)
        if index < 0:
            return
        self.setCurrentIndex(index)
        menu = QMenu(self)
        self._fill_menu(menu)
        menu.addAction(self.tr("Rename…"), lambda: self.rename_tab(index))
        menu.addSeparator()
        menu.addAction(self.tr("Close tab"), lambda: self.close_tab(index))
        menu.exec(self.tabBar().mapToGlobal(position))

    def _retitle(self, tab: SessionTab) -> None:
        """The tab's title, cut short with "…" past ``TAB_CHARS`` average characters (a name
        of 3,000 made a tab 21,000 pixels wide: Fusion's tab bar cuts none); the tooltip
        says it whole."""
        index = self.indexOf(tab)
        if index >= 0:
            metrics = self.tabBar().fontMetrics()
            width = TAB_CHARS * metrics.averageCharWidth()
            self.setTabText(
                index, metrics.elidedText(tab.title, Qt.TextElideMode.ElideRight, width)
            )
            self.setTabToolTip(index, f"{tab.session.name} — {tab.status_label.text()}")
