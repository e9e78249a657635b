"""What the window keeps and tells about itself: its size, place and library panel across
starts, Help → About, Help → Show log and Help → Keyboard shortcuts, and its icon."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QMessageBox, QTableWidget

from transcrevai_desktop import __version__
from transcrevai_desktop.app_log import log_folder
from transcrevai_desktop.core.session_manager import SessionManager
from transcrevai_desktop.ui.main_window import MainWindow


def test_the_window_comes_back_as_it_was_left(qtbot, window, engine, library):
    window.resize(720, 480)  # the offscreen screen is 800 × 600
    window.library.toggleViewAction().trigger()  # the user hides the library
    assert not window.library.isVisible()
    window.caption_window.toggle_action.trigger()  # and opens the captions on top
    window.caption_window.resize(500, 120)
    window.close()

    again = MainWindow(SessionManager(library_dir=library, engine=engine), window.settings)
    qtbot.addWidget(again)
    again.show()
    assert (again.width(), again.height()) == (720, 480)
    assert not again.library.isVisible()
    assert not again.windowIcon().isNull()
    assert again.caption_window.isVisible() and again.caption_window.toggle_action.isChecked()
    assert again.caption_window.size().toTuple() == (500, 120)


def test_help_tells_the_version_the_model_and_the_folders(window, monkeypatch, file_manager):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", lambda parent, title, text: shown.append(text))
    window.help_menu.about_action.trigger()
    assert __version__ in shown[0] and "base (int8)" in shown[0]
    assert str(window.manager.library_dir) in shown[0] and str(log_folder()) in shown[0]
    window.help_menu.show_log_action.trigger()
    assert file_manager.opened == [str(log_folder())]


def _shortcuts_listed(window) -> list[tuple[str, str]]:
    window.help_menu.shortcuts_action.trigger()
    table = window.help_menu.shortcuts_dialog.findChild(QTableWidget)
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def test_help_lists_every_key_the_window_answers_to(qtbot, window):
    listed = _shortcuts_listed(window)
    assert listed[:3] == [
        ("New recording", "Ctrl+N"),
        ("Open audio file", "Ctrl+O"),
        ("Close tab", "Ctrl+F4"),
    ]  # the File menu first, in its order
    assert ("Captions on top", "Ctrl+Shift+C") in listed  # a window of its own, in View
    assert ("Redo", "Ctrl+Y, Ctrl+Shift+Z") in listed
    assert ("Open the recording chosen in the library", "Return, Enter") in listed
    assert not any(name == "Split at the cursor" for name, _ in listed)  # no tab open...
    first = window.help_menu.shortcuts_dialog
    assert first.note.isVisible()  # ...which it says

    window.new_action.trigger()
    window.new_action.trigger()  # two tabs: their keys listed once
    listed = _shortcuts_listed(window)  # asked again with the list still open: read again
    assert ("Split at the cursor", "Ctrl+Return") in listed
    qtbot.waitUntil(lambda: not shiboken6.isValid(first))  # one list at a time
    assert ("Record, or pause and resume the recording", "Space") in listed
    assert ("Pause or resume playback", "Space") in listed
    assert ("Edit text", "F2") in listed  # the table's own key, shown in its menu
    assert ("Find the previous match", "Shift+F3") in listed
    assert len({name for name, _ in listed}) == len(listed)
    assert not window.help_menu.shortcuts_dialog.note.isVisible()


def test_larger_text_reaches_every_tab_and_the_next_start(qtbot, window, engine, library):
    window.new_action.trigger()
    first = window.current_tab()
    normal = first.captions.font().pointSizeF()
    window.text_size.larger_action.trigger()
    window.text_size.larger_action.trigger()
    larger = first.captions.font().pointSizeF()
    assert larger > normal + 1
    assert first.captions.document().defaultFont().pointSizeF() == larger  # the text drawn
    assert first.transcript_view.table.font().pointSizeF() == larger
    window.new_action.trigger()  # a tab opened later reads at the same size
    assert window.current_tab().captions.font().pointSizeF() == larger
    window.close()

    again = MainWindow(SessionManager(library_dir=library, engine=engine), window.settings)
    qtbot.addWidget(again)
    again.show()
    again.model_state.emit(True, "")
    again.new_action.trigger()
    tab = again.current_tab()
    assert tab.captions.font().pointSizeF() == larger
    again.text_size.normal_action.trigger()
    assert tab.captions.font().pointSizeF() == normal
    assert not again.text_size.normal_action.isEnabled()
    for _ in range(20):  # the largest size stops there
        again.text_size.larger_action.trigger()
    assert tab.captions.font().pointSizeF() == 48
    assert not again.text_size.larger_action.isEnabled()
