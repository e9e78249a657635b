"""File → Export: a session's files, one format or all, and a video with its subtitles.

Every export is written off the GUI thread (``Background``); the status bar says where it
went, a message box why it failed. Subtitles (SRT, VTT) are saved with the limits chosen in
their save dialog (characters a line, lines a cue; remembered), and so are those of *Export
all* and of a subtitled video. *Video with subtitles…* is offered for a session made from a
video file still on disk; burning the captions in shows its progress and can be cancelled,
and runs on a thread of its own: an export or the library's refresh never waits minutes
behind it (burns wait for each other). Quitting cancels it too (``cancel_burns``): it would
otherwise go on, minutes of CPU, in a process with no window left to stop it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QProgressDialog

from transcrevai_desktop.core.errors import ExportCancelled
from transcrevai_desktop.core.session import EXPORT_FORMATS, Session
from transcrevai_desktop.core.subtitles import CueLimits
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.background import Background
from transcrevai_desktop.ui.file_dialogs import ask_subtitle_file, format_filter
from transcrevai_desktop.ui.video_export_dialog import VideoExportDialog

SUBTITLES = ("srt", "vtt")


def remembered_limits(settings: Settings) -> CueLimits:
    """The subtitle limits last chosen in an export dialog."""
    return CueLimits(
        line_chars=int(settings.get_float(Key.SUBTITLE_LINE_CHARS)),
        lines=int(settings.get_float(Key.SUBTITLE_LINES)),
    )


class ExportMenu(QObject):
    """The export actions of ``window`` for the session ``current()`` returns."""

    exported = Signal(list)  # the paths an export wrote, once they are on disk

    def __init__(
        self,
        window: QMainWindow,
        settings: Settings,
        background: Background,
        current: Callable[[], Session | None],
    ) -> None:
        super().__init__(window)
        self._window, self._settings, self._background = window, settings, background
        self._current = current
        self._burning: set[threading.Event] = set()  # the stop events of the burns under way
        self._writing: set[Path] = set()  # the videos being written, resolved
        self._burner = Background(self)  # burns, one after the other, apart from the rest
        self.actions = {fmt: self._action(f"{fmt.upper()}…", fmt) for fmt in EXPORT_FORMATS}
        self.all_action = QAction(self.tr("Export &all…"), self)
        self.all_action.triggered.connect(self.export_all)
        self.video_action = QAction(self.tr("&Video with subtitles…"), self)
        self.video_action.triggered.connect(self.export_video)
        self.video_action.setToolTip(
            self.tr("A copy of the video this transcript was made from, subtitled")
        )

    def cancel_burns(self) -> None:
        """Stop every video burn under way (the window closes); their files are removed."""
        for stop in self._burning:
            stop.set()

    def _action(self, text: str, fmt: str) -> QAction:
        action = QAction(text, self)
        action.triggered.connect(lambda: self.export(fmt))
        return action

    def add_to(self, parent: QMenu) -> QMenu:
        """The Export submenu, in ``parent`` (the File menu, a tab's menu)."""
        menu = parent.addMenu(self.tr("&Export"))
        for action in self.actions.values():
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.all_action)
        menu.addAction(self.video_action)
        return menu

    def update(self) -> None:
        """Enable what the current session can export now."""
        session = self._current()
        available = session.available_exports() if session else []
        for fmt, action in self.actions.items():
            action.setEnabled(fmt in available)
        self.all_action.setEnabled(bool(available))
        self.video_action.setEnabled(
            session is not None and "json" in available and session.source is not None
        )

    def _folder(self) -> str:
        return self._settings.get(Key.EXPORT_DIR) or str(Path.home())

    # -- intents ---------------------------------------------------------------------------------
    @Slot()
    def export(self, fmt: str) -> None:
        session = self._current()
        if session is None:
            return
        suggested = str(Path(self._folder()) / session.default_export_name(fmt))
        limits = remembered_limits(self._settings)
        if fmt in SUBTITLES:
            path, limits = ask_subtitle_file(self._window, fmt, suggested, limits)
            if path:
                self._remember(limits)
        else:
            path, _ = QFileDialog.getSaveFileName(
                self._window,
                self.tr("Export {format}").format(format=fmt.upper()),
                suggested,
                format_filter(fmt),
            )  # the dialog itself asks before overwriting
        if path:
            self._run(self.tr("Export"), lambda: [session.export(fmt, Path(path), limits)])

    @Slot()
    def export_all(self) -> None:
        session = self._current()
        if session is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self._window, self.tr("Export all to"), self._folder()
        )
        if not folder:
            return
        existing = [
            name
            for fmt in session.available_exports()
            if (Path(folder) / (name := session.default_export_name(fmt))).exists()
        ]
        if existing:
            answer = QMessageBox.question(
                self._window,
                self.tr("Export all"),
                self.tr("Replace {files} in {folder}?").format(
                    files=", ".join(existing), folder=folder
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        limits = remembered_limits(self._settings)
        self._run(self.tr("Export all"), lambda: session.export_all(Path(folder), limits))

    @Slot()
    def export_video(self) -> None:
        session = self._current()
        if session is None or session.source is None:
            return
        if session.video is None:
            QMessageBox.warning(
                self._window,
                self.tr("Video with subtitles"),
                self.tr("The video {video} is no longer there (or has no picture).").format(
                    video=session.source
                ),
            )
            return
        dialog = VideoExportDialog(session.source, self._folder(), self._settings, self._window)
        try:
            if dialog.exec() != VideoExportDialog.DialogCode.Accepted:
                return
            choice = dialog.choice()
        finally:
            dialog.deleteLater()
        target = choice.path.resolve()
        if target in self._writing:  # "Replace?" was not asked: it was not on disk yet
            QMessageBox.warning(
                self._window,
                self.tr("Video with subtitles"),
                self.tr("{file} is still being written: choose another name.").format(
                    file=choice.path.name
                ),
            )
            return
        self._writing.add(target)
        limits = remembered_limits(self._settings)
        if not choice.burned:
            self._run(
                self.tr("Video with subtitles"),
                lambda: [session.export_video(choice.path, limits=limits)],
                lambda: self._writing.discard(target),
            )
            return
        progress = QProgressDialog(
            self.tr("Drawing the subtitles into {file}…").format(file=choice.path.name),
            self.tr("Cancel"),
            0,
            100,
            self._window,
        )
        progress.setWindowTitle(self.tr("Video with subtitles"))
        progress.setWindowModality(Qt.WindowModality.NonModal)  # a modal one re-enters the
        progress.setAutoReset(False)  # event loop from setValue; the window stays usable
        progress.setAutoClose(False)
        progress.setMinimumDuration(0)
        progress.show()
        stop = threading.Event()
        self._burning.add(stop)
        progress.canceled.connect(stop.set)
        percent = self._burner.relay(progress.setValue)

        def burn() -> list[Path]:
            try:
                return [session.export_video(
                    choice.path, True, limits, choice.font_size, choice.position,
                    lambda done: percent(int(done * 100)), stop.is_set,
                )]  # fmt: skip
            except ExportCancelled:
                return []

        def finished() -> None:
            self._burning.discard(stop)
            self._writing.discard(target)
            progress.hide()
            progress.deleteLater()

        self._run(self.tr("Video with subtitles"), burn, finished, self._burner)

    def _remember(self, limits: CueLimits) -> None:
        self._settings.set(Key.SUBTITLE_LINE_CHARS, limits.line_chars)
        self._settings.set(Key.SUBTITLE_LINES, limits.lines)

    def _run(
        self,
        title: str,
        export: Callable[[], list[Path]],
        finished: Callable[[], None] = lambda: None,
        background: Background | None = None,
    ) -> None:
        """Run ``export`` off the GUI thread (a long recording's WAV is hundreds of MB), on
        ``background`` (the window's, if None)."""
        status = self._window.statusBar()
        status.showMessage(self.tr("Saving…"))

        def done(written: list[Path]) -> None:
            finished()
            if not written:
                status.showMessage(self.tr("Cancelled"), 5000)
                return
            folder = written[0].parent
            self._settings.set(Key.EXPORT_DIR, str(folder))
            if len(written) == 1:
                saved = self.tr("Saved {file}").format(file=written[0])
            else:
                saved = self.tr("Saved %n files in {folder}", "", len(written))
                saved = saved.format(folder=folder)
            status.showMessage(saved, 5000)
            self.exported.emit(written)

        def failed(sentence: str) -> None:
            finished()
            status.clearMessage()
            QMessageBox.warning(self._window, title, sentence)

        (background or self._background).run(export, done, failed)
