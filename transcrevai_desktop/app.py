"""Builds the QApplication, the SessionManager and the main window, and runs them."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from transcrevai_desktop.app_log import install_exception_hooks
from transcrevai_desktop.core.engine import Engine, EngineSettings
from transcrevai_desktop.core.session_manager import CLEANUP_INTERVAL_HOURS, SessionManager
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.translations import install_translations
from transcrevai_desktop.ui.main_window import ICON, MainWindow

log = logging.getLogger(__name__)


def build_window(settings: Settings) -> MainWindow:
    """The window over a new manager and engine, as configured; the model loads afterwards."""
    engine = Engine(
        EngineSettings(model=settings.get(Key.MODEL), compute_type=settings.get(Key.COMPUTE_TYPE))
    )
    manager = SessionManager(
        settings.get_float(Key.CLEANUP_HOURS), settings.library_dir(), engine=engine
    )
    return MainWindow(manager, settings)


def run_app(argv: list[str] | None = None) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName("TranscrevAI Desktop")
    app.setOrganizationName("TranscrevAI")
    app.setDesktopFileName("transcrevai")  # the menu entry's: the desktop shows its icon
    app.setWindowIcon(QIcon(str(ICON)))
    settings = Settings()
    install_translations(settings.get(Key.INTERFACE_LANGUAGE))
    window = build_window(settings)

    def show_error(message: str) -> None:
        QMessageBox.critical(window, "TranscrevAI", message)

    install_exception_hooks(show_error)
    window.show()
    window.new_recording()
    QTimer.singleShot(0, window.load_model)
    # Folders earlier versions left for tabs that never recorded: gone at once, and idle
    # sessions and empty folders every few hours; off the GUI thread (they read the library).
    window.background.run(window.manager.remove_empty_folders, lambda _: None, log.warning)
    cleanup = QTimer()
    cleanup.timeout.connect(window.clean_up)
    cleanup.start(int(CLEANUP_INTERVAL_HOURS * 3600 * 1000))
    code = app.exec()
    window.manager.engine.wait()
    return code
