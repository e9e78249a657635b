"""The size of the text people read: every tab's live captions and transcript.

View → Larger text (Ctrl++), Smaller text (Ctrl+-) and Normal text size (Ctrl+0), or Ctrl and
the mouse wheel over the captions or the transcript, as in a browser. One size for every tab,
kept across starts: someone who reads the captions from across a room, or with low vision,
sets it once. The size steps through ``SIZES`` (points), as a word processor's list does;
``NORMAL`` (0) is the interface's own size, which follows the desktop's settings.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QWheelEvent
from PySide6.QtWidgets import QApplication, QWidget

from transcrevai_desktop.settings import Key, Settings

SIZES = (8.0, 9.0, 10.0, 11.0, 12.0, 14.0, 16.0, 18.0, 20.0, 24.0, 28.0, 32.0, 40.0, 48.0)
NORMAL = 0.0


def text_font(points: float) -> QFont:
    """A font that changes only the size of the one it is set over (``NORMAL``: nothing)."""
    font = QFont()
    if points != NORMAL:
        font.setPointSizeF(points)
    return font


def _normal_points() -> float:
    size = QApplication.font().pointSizeF()
    return size if size > 0 else 10.0  # a font set in pixels has no size in points


class TextSize(QObject):
    """The chosen size and the View menu's actions that change it; ``changed`` tells the
    tabs the new size (points, ``NORMAL``: the interface's)."""

    changed = Signal(float)

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        saved = settings.get_float(Key.TEXT_SIZE)
        self.points = saved if SIZES[0] <= saved <= SIZES[-1] else NORMAL  # (NaN too)
        keys = QKeySequence.StandardKey
        self.larger_action = QAction(self.tr("&Larger text"), self)
        self.larger_action.setShortcuts([QKeySequence(keys.ZoomIn), QKeySequence("Ctrl+=")])
        self.larger_action.triggered.connect(lambda: self.step(1))
        self.smaller_action = QAction(self.tr("&Smaller text"), self)
        self.smaller_action.setShortcut(QKeySequence(keys.ZoomOut))
        self.smaller_action.triggered.connect(lambda: self.step(-1))
        self.normal_action = QAction(self.tr("&Normal text size"), self)
        self.normal_action.setShortcut(QKeySequence("Ctrl+0"))
        self.normal_action.triggered.connect(lambda: self._set(NORMAL))
        self._update_actions()

    @property
    def actions(self) -> tuple[QAction, QAction, QAction]:
        return self.larger_action, self.smaller_action, self.normal_action

    def step(self, steps: int) -> None:
        """``steps`` sizes larger (smaller when negative), within ``SIZES``."""
        normal = _normal_points()
        current = self.points or normal
        if steps > 0:
            choices = [size for size in SIZES if size > current]
            wanted = choices[min(steps, len(choices)) - 1] if choices else current
        else:
            choices = [size for size in SIZES if size < current]
            wanted = choices[max(steps, -len(choices))] if choices else current
        self._set(NORMAL if wanted == normal else wanted)

    def _set(self, points: float) -> None:
        if points == self.points:
            return
        self.points = points
        self._settings.set(Key.TEXT_SIZE, points)
        self._update_actions()
        self.changed.emit(points)

    def _update_actions(self) -> None:
        current = self.points or _normal_points()
        self.larger_action.setEnabled(current < SIZES[-1])
        self.smaller_action.setEnabled(current > SIZES[0])
        self.normal_action.setEnabled(self.points != NORMAL)


class WheelZoom(QObject):
    """Ctrl and the mouse wheel over the widgets it ``watch``es: ``requested`` this many text
    sizes larger (smaller when negative), instead of the widget's own zoom, which only it
    would follow and nothing would keep."""

    requested = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._turned = 0  # turned and not yet a whole notch (touchpads send less at a time)

    def watch(self, widget: QWidget) -> None:
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not (
            isinstance(event, QWheelEvent)
            and event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            return super().eventFilter(watched, event)
        self._turned += event.angleDelta().y()
        steps = int(self._turned / 120)  # a notch of a mouse wheel
        self._turned -= steps * 120
        if steps:
            self.requested.emit(steps)
        return True
