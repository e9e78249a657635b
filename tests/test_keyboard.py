"""The window from the keyboard alone, as a keyboard or screen reader user works it: the find
bar steps one match an Enter, a focused control takes Space and Enter, Tab leaves every list,
the Model field takes typing, every platform key of Close tab closes one, and the fields have
names a screen reader says. The real window under QT_QPA_PLATFORM=offscreen, a real final
pass where a transcript is reviewed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget

from tests.conftest import speech
from transcrevai_desktop.ui.main_window import MainWindow
from transcrevai_desktop.ui.preferences_dialog import PreferencesDialog
from transcrevai_desktop.ui.session_tab import SessionTab
from transcrevai_desktop.ui.transcript_model import TranscriptModel

ROOM = "en_lucier_sitting_in_a_room"  # "room" in several of its segments, not in all


def _reviewing(qtbot, window: MainWindow) -> SessionTab:
    window.new_action.trigger()
    tab = window.current_tab()
    tab.session.transcribe_file(speech(ROOM).path, "en", speakers="off")
    qtbot.waitUntil(lambda: tab.status_label.text() == "Transcript ready", timeout=120_000)
    return tab


def _focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def test_the_find_bar_steps_one_match_a_key_and_its_buttons_take_their_keys(qtbot, window):
    tab = _reviewing(qtbot, window)
    view = tab.transcript_view
    texts = [view.model.segment(row).text.lower() for row in range(view.model.rowCount())]
    rooms = [row for row, text in enumerate(texts) if "room" in text]
    assert 2 <= len(rooms) < len(texts), texts
    window.activateWindow()
    window.find_action.trigger()
    bar = view.find_bar
    qtbot.keyClicks(bar.find_field, "room")
    stepped = []
    for _ in rooms:  # Enter moved two matches a press: every other one was never reached
        qtbot.keyClick(bar.find_field, Qt.Key.Key_Return)
        stepped.append(view.selected_row)
    assert stepped == rooms
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_row == rooms[-2]  # Shift+Enter: back one
    _focus(qtbot, view.table)  # F3 from the transcript, the bar open
    qtbot.keyClick(view.table, Qt.Key.Key_F3)
    assert view.selected_row == rooms[-1]

    _focus(qtbot, bar.case_box)  # Space ticks it: it played the recording instead
    qtbot.keyClick(bar.case_box, Qt.Key.Key_Space)
    qtbot.waitUntil(bar.case_box.isChecked)
    assert view._player is None, "Space on the check box played the recording"
    _focus(qtbot, bar.previous_button)  # Enter presses the button: it found forwards
    qtbot.keyClick(bar.previous_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.selected_row == rooms[-2])
    _focus(qtbot, view.table)  # Space in the transcript still plays
    qtbot.keyClick(view.table, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view._player is not None and view._player.playing)
    view.pause_playback()

    bar.hide()  # F3 with the bar closed opens it, ready to type
    _focus(qtbot, view.table)
    qtbot.keyClick(view.table, Qt.Key.Key_F3)
    assert bar.isVisible() and QApplication.focusWidget() is bar.find_field


def _tab_leaves(qtbot, widget: QWidget) -> None:
    """Tab, then Shift+Tab, moves the keyboard out of ``widget`` at once."""
    for modifier in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
        _focus(qtbot, widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab, modifier)
        assert QApplication.focusWidget() is not widget, f"Tab is trapped in {widget}"


def test_tab_leaves_every_list(qtbot, window):
    tab = _reviewing(qtbot, window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.library.table.rowCount() > 0)
    window.library.table.selectRow(0)
    view = tab.transcript_view
    view.table.setCurrentIndex(view.model.index(0, TranscriptModel.TEXT))
    for widget in (view.table, window.library.table):
        _tab_leaves(qtbot, widget)
    assert view.table.accessibleName() == "Transcript"


def test_the_model_field_takes_typing_and_has_a_name(qtbot, window):
    dialog = PreferencesDialog(window.settings, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.pages.setCurrentIndex(1)
    qtbot.mouseClick(dialog.model.lineEdit(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.hasFocus())  # it never could take the keyboard
    dialog.model.lineEdit().selectAll()
    qtbot.keyClicks(QApplication.focusWidget(), "tiny")
    assert dialog.model.currentText() == "tiny"
    assert dialog.model.accessibleName() == "Model"
    assert dialog.library.accessibleName() == "Recordings folder"


def test_every_platform_key_of_close_tab_closes_a_tab(qtbot, window):
    """Windows (and Qt's offscreen platform) bind Close to Ctrl+F4 first and Ctrl+W second:
    only the first was kept, and Ctrl+W closed nothing."""
    assert window.close_tab_action.shortcuts() == [QKeySequence("Ctrl+F4"), QKeySequence("Ctrl+W")]
    assert window.quit_action.shortcuts()
    window.new_action.trigger()
    before = window.tabs.count()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.current_tab(), Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.tabs.count() == before - 1)
