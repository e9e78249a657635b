"""Builds the QApplication, the SessionManager and the main window, and runs them."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from transcrevai_desktop.core.engine import Engine, EngineSettings
from transcrevai_desktop.core.session_manager import CLEANUP_INTERVAL_HOURS, SessionManager
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.main_window import MainWindow


def build_window(settings: Settings) -> MainWindow:
    """The window over a new manager and engine, as configured; the model loads afterwards."""
    engine = Engine(
        EngineSettings(model=settings.get(Key.MODEL), compute_type=settings.get(Key.COMPUTE_TYPE))
    )
    library = settings.get(Key.LIBRARY_DIR)
    manager = SessionManager(
        settings.get_float(Key.CLEANUP_HOURS), Path(library) if library else None, engine=engine
    )
    return MainWindow(manager, settings)


def run_app(argv: list[str] | None = None) -> int:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("TranscrevAI Desktop")
    app.setOrganizationName("TranscrevAI")
    window = build_window(Settings())
    window.show()
    window.new_recording()
    QTimer.singleShot(0, window.load_model)
    cleanup = QTimer()
    cleanup.timeout.connect(window.manager.cleanup_old_sessions)
    cleanup.start(int(CLEANUP_INTERVAL_HOURS * 3600 * 1000))
    code = app.exec()
    window.manager.engine.wait()
    return code
