"""View → Captions on top: the live captions in a small window that stays above every other
(a video call, slides, a browser), as the desktop's own live captions do.

It shows the captions of the tab that records (the tab shown when it records or when none
does; otherwise the first tab that records), as that tab shows them: committed words, the greyed
tail, each stretch replaced by its revision. Opened during a recording, it starts with the last
``REPLAYED`` captions said so far. Its text has the tabs' size (``ui.text_size``; Ctrl and the
wheel over it size both). It is a window of its own, not a tool window of the main one, so it
stays when the main window is minimised or another application is active; it opens without
taking the keyboard from where the user types, and answers the View menu's keys. Closing it
(or the menu entry again) hides it; the window remembers where it was, its size, and whether it
was open at quit. (On Wayland the compositor decides what stays on top: most ignore the request.)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from PySide6.QtCore import QByteArray, QMetaObject, QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from transcrevai_desktop.core.session import Session
from transcrevai_desktop.core.streaming import CaptionEvent
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.caption_view import CaptionView
from transcrevai_desktop.ui.text_size import WheelZoom, text_font

SIZE = (720, 150)  # pixels, until the user sizes it: three or four lines of captions
# Captions shown again when it opens during a recording: the last minutes, more than it shows
# at once (a whole meeting's would hold the window up for seconds)
REPLAYED = 100


class CaptionWindow(QWidget):
    zoom_requested = Signal(int)  # Ctrl and the wheel over it: sizes larger (smaller if < 0)

    def __init__(self, settings: Settings, actions: Iterable[QAction] = ()) -> None:
        """``actions``: the main window's that also act here (the View menu's keys)."""
        super().__init__(None, Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self._settings = settings
        self.setWindowTitle(self.tr("Live captions"))
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.toggle_action = QAction(self.tr("&Captions on top"), self)
        self.toggle_action.setCheckable(True)
        self.toggle_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.toggle_action.toggled.connect(self.setVisible)
        self.addActions([self.toggle_action, *actions])
        self.captions = CaptionView()
        self.captions.setFrameShape(QFrame.Shape.NoFrame)
        wheel_zoom = WheelZoom(self)
        wheel_zoom.watch(self.captions.viewport())
        wheel_zoom.requested.connect(self.zoom_requested)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.captions)
        self._session: Session | None = None  # whose captions are shown
        self._wanted: Session | None = None  # whose captions to show when open
        self._connection: QMetaObject.Connection | None = None
        self._replayed: set[int] = set()  # ids of the session's committed events when read
        if not self.restoreGeometry(QByteArray(settings.get_bytes(Key.CAPTION_WINDOW_GEOMETRY))):
            self.resize(*SIZE)

    @Slot(float)
    def set_text_size(self, points: float) -> None:
        self.captions.setFont(text_font(points))

    @property
    def followed(self) -> Session | None:
        """Whose captions it shows (or will, once it opens)."""
        return self._wanted

    def follow(self, session: Session | None) -> None:
        """Show ``session``'s captions, now if the window is open, else once it opens."""
        self._wanted = session
        if self.isVisible():
            self._show(session)

    def _show(self, session: Session | None) -> None:
        """Show ``session``'s captions from now on, starting with those it has shown."""
        if session is self._session:
            return
        if self._connection is not None:
            QObject.disconnect(self._connection)
            self._connection = None
        self._session = session
        self.captions.clear_captions()
        self._replayed = set()
        if session is None:
            return
        self._connection = session.caption.connect(self._on_caption)
        shown, sources = session.captions_and_sources()
        for event in shown[-REPLAYED:]:  # a revision as the text it stands for
            self.captions.add(dataclasses.replace(event, kind="committed"))
        # (held by the session as long as it is followed: no other event takes their ids)
        self._replayed = {id(event) for event in sources}

    @Slot(object)
    def _on_caption(self, event: CaptionEvent) -> None:
        # Queued from the session's threads: a committed event emitted before ``_show`` read
        # the session is in its replay already (a revision shown again changes nothing).
        if event.kind != "committed" or id(event) not in self._replayed:
            self.captions.add(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.toggle_action.setChecked(True)
        self._show(self._wanted)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not event.spontaneous():  # closed or toggled, not minimised with the desktop
            self.toggle_action.setChecked(False)
            self._show(None)  # closed, it costs nothing

    def save_layout(self) -> None:
        self._settings.set(Key.CAPTION_WINDOW_GEOMETRY, self.saveGeometry())
        self._settings.set(Key.CAPTION_WINDOW_SHOWN, "1" if self.toggle_action.isChecked() else "")

    def restore_layout(self) -> None:
        self.setVisible(self._settings.get(Key.CAPTION_WINDOW_SHOWN) == "1")
