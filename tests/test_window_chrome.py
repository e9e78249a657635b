"""What the window keeps and tells about itself: its size, place and library panel across
starts, Help → About, Help → Show log and Help → Keyboard shortcuts, and its icon."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QUndoCommand
from PySide6.QtWidgets import QMessageBox

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
    table = window.help_menu.shortcuts_dialog.table
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def _keys(*sequences: QKeySequence.StandardKey | str) -> str:
    """Keys as the desktop writes them (the platform decides Close's: Ctrl+F4, Ctrl+W…)."""
    native = QKeySequence.SequenceFormat.NativeText
    return ", ".join(QKeySequence(s).toString(native) for s in sequences)


def test_help_lists_every_key_the_window_answers_to(window):
    keys = QKeySequence.StandardKey
    listed = _shortcuts_listed(window)
    assert listed[:3] == [
        ("New recording", _keys(keys.New)),
        ("Open audio file", _keys(keys.Open)),
        ("Close tab", _keys("Ctrl+F4", "Ctrl+W")),  # each key of the platform's (here)
    ]  # the File menu first, in its order
    assert ("Captions on top", _keys("Ctrl+Shift+C")) in listed  # a window of its own, in View
    assert ("Redo the correction undone", _keys(keys.Redo, "Ctrl+Shift+Z")) in listed
    assert ("Open the selected recording", _keys("Return", "Enter")) in listed
    assert not {"File", "Edit", "View", "Help"} & {name for name, _ in listed}  # menus: no keys
    assert not any(name == "Split at the cursor" for name, _ in listed)  # no tab open...
    dialog = window.help_menu.shortcuts_dialog
    assert dialog.note.isVisible()  # ...which it says

    window.new_action.trigger()
    window.new_action.trigger()  # two tabs: their keys listed once
    window.current_tab().transcript_view.undo_stack.push(QUndoCommand("Edit text"))
    assert window.undo_action.text() != "Undo"  # it names the step...
    listed = _shortcuts_listed(window)  # asked again with the list still shown: read again
    assert window.help_menu.shortcuts_dialog is dialog and dialog.isVisible()
    assert ("Undo the last correction", _keys(keys.Undo)) in listed  # ...the list does not
    assert ("Split at the cursor", _keys("Ctrl+Return")) in listed  # once, not once a tab
    assert ("Record, pause or resume the recording", _keys("Space")) in listed
    assert ("Pause or resume playback", _keys("Space")) in listed
    assert ("Edit text", _keys("F2")) in listed  # the table's own key, shown in its menu
    assert ("Find the previous match", _keys("Shift+F3")) in listed
    assert not dialog.note.isVisible()


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
