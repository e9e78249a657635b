"""View → Captions on top: the live captions in a small window that stays above every other
(a video call, slides, a browser), as the desktop's own live captions do.

It shows the captions of the tab that records (the tab shown when it records or when none
does; otherwise the first tab that records), as that tab shows them: committed words, the greyed
tail, each stretch replaced by its revision. Opened during a recording, it starts with what was
said so far. Its text has the tabs' size (``ui.text_size``). Closing it (or the menu entry
again) hides it; the window remembers where it was, its size, and whether it was open at quit.
"""

from __future__ import annotations

import dataclasses
import math

from PySide6.QtCore import QByteArray, QMetaObject, QObject, Qt, Slot
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from transcrevai_desktop.core.session import Session
from transcrevai_desktop.core.streaming import CaptionEvent
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.caption_view import CaptionView
from transcrevai_desktop.ui.text_size import text_font

SIZE = (720, 150)  # pixels, until the user sizes it: three or four lines of captions


class CaptionWindow(QWidget):
    def __init__(self, settings: Settings, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self._settings = settings
        self.setWindowTitle(self.tr("Live captions"))
        self.toggle_action = QAction(self.tr("&Captions on top"), self)
        self.toggle_action.setCheckable(True)
        self.toggle_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.toggle_action.toggled.connect(self.setVisible)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._points = settings.get_float(Key.TEXT_SIZE)
        self.captions = self._new_view()
        self._session: Session | None = None  # whose captions are shown
        self._wanted: Session | None = None  # whose captions to show when open
        self._connection: QMetaObject.Connection | None = None
        self._replayed_until = -math.inf  # when the newest event replayed was emitted
        if not self.restoreGeometry(QByteArray(settings.get_bytes(Key.CAPTION_WINDOW_GEOMETRY))):
            self.resize(*SIZE)

    def _new_view(self) -> CaptionView:
        view = CaptionView()
        view.setFrameShape(QFrame.Shape.NoFrame)
        view.setFont(text_font(self._points))
        self._layout.addWidget(view)
        return view

    @Slot(float)
    def set_text_size(self, points: float) -> None:
        self._points = points
        self.captions.setFont(text_font(points))

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
        self._layout.removeWidget(self.captions)
        self.captions.deleteLater()
        self.captions = self._new_view()
        self._replayed_until = -math.inf
        if session is None:
            return
        self._connection = session.caption.connect(self._on_caption)
        shown = session.captions()
        for event in shown:  # a revision as the text it stands for
            self.captions.add(dataclasses.replace(event, kind="committed"))
        # Committed events come in order, each before its revision: every one emitted up to
        # the newest event shown is in ``shown``, as itself or as its revision.
        self._replayed_until = max((event.emitted_at for event in shown), default=-math.inf)

    @Slot(object)
    def _on_caption(self, event: CaptionEvent) -> None:
        # queued from the session's thread: those emitted before ``follow`` read the session
        # are in its replay already (a revision shown again changes nothing)
        if event.kind != "committed" or event.emitted_at > self._replayed_until:
            self.captions.add(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.toggle_action.setChecked(True)
        self._show(self._wanted)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not event.spontaneous():  # closed or toggled, not the window minimised
            self.toggle_action.setChecked(False)
            self._show(None)  # closed, it costs nothing

    def save_layout(self) -> None:
        self._settings.set(Key.CAPTION_WINDOW_GEOMETRY, self.saveGeometry())
        self._settings.set(Key.CAPTION_WINDOW_SHOWN, "1" if self.isVisible() else "")

    def restore_layout(self) -> None:
        self.setVisible(self._settings.get(Key.CAPTION_WINDOW_SHOWN) == "1")
