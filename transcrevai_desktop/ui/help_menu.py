"""Help → Keyboard shortcuts, Help → Show log and Help → About (version, model, recordings and
log folders)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Slot
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from transcrevai_desktop import __version__
from transcrevai_desktop.app_log import log_folder
from transcrevai_desktop.core.session_manager import SessionManager
from transcrevai_desktop.ui.file_manager import show_folder
from transcrevai_desktop.ui.shortcuts_dialog import ShortcutsDialog


class HelpMenu(QMenu):
    def __init__(self, manager: SessionManager, parent: QMainWindow) -> None:
        super().__init__(self.tr("&Help"), parent)
        self.manager = manager
        self.shortcuts_dialog = ShortcutsDialog(parent)
        self.shortcuts_action = self.addAction(self.tr("&Keyboard shortcuts"), self.shortcuts)
        self.show_log_action = self.addAction(self.tr("Show &log"), self.show_log)
        self.about_action = self.addAction(self.tr("&About TranscrevAI"), self.about)

    @Slot()
    def shortcuts(self) -> None:
        """Show the keys the window answers to, beside it (not modal: try them meanwhile);
        asked again while shown, the list is read again (a tab opened since) and raised."""
        self.shortcuts_dialog.refresh()
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.raise_()
        self.shortcuts_dialog.activateWindow()

    @Slot()
    def show_log(self) -> None:
        """Open the log folder in the file manager (the newest file is transcrevai.log)."""
        folder = log_folder()
        folder.mkdir(parents=True, exist_ok=True)
        show_folder(folder)

    def about_text(self) -> str:
        engine = self.manager.engine.settings
        return self.tr(
            "<h3>TranscrevAI Desktop {version}</h3>"
            "<p>Live captions and transcripts on your own computer, with no cloud.</p>"
            "<p>Model: {model} ({compute})<br>Recordings: {library}<br>Log: {log}</p>"
        ).format(
            version=__version__,
            model=escape(engine.model),
            compute=engine.compute_type,
            library=escape(str(self.manager.library_dir)),
            log=escape(str(log_folder())),
        )

    @Slot()
    def about(self) -> None:
        QMessageBox.about(self.parentWidget(), self.tr("About TranscrevAI"), self.about_text())
