"""The library panel as a user works it: sorting by a column, renaming a recording from its
row (F2, the button, the row's menu), opening and deleting one from the keyboard, finding one
without typing its accents, showing its folder. The real window under
QT_QPA_PLATFORM=offscreen."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QEvent, QLocale, QObject, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QToolTip

from tests.session_files import held_by_another_process, keep_audio
from transcrevai_desktop.core.library import METADATA_FILE, read_metadata
from transcrevai_desktop.core.session_manager import SessionManager
from transcrevai_desktop.settings import Settings
from transcrevai_desktop.ui.library_panel import DURATION, LANGUAGE, NAME, STATUS
from transcrevai_desktop.ui.list_table import MIN_STRETCH_CHARS, ListTable, SortItem
from transcrevai_desktop.ui.main_window import MainWindow

# name, created at, seconds: made in this order, none of them newest or longest by its place
RECORDINGS = (
    ("Aula 10", "2026-03-02T09:00:00+00:00", 3600.0),
    ("Ágata, entrevista", "2026-03-04T15:30:00+00:00", 65.0),
    ("aula 2", "2026-01-20T08:00:00+00:00", 5400.0),
    ("Reunião de equipe", "2026-03-03T10:00:00+00:00", 1.5),
)


def _recorded(engine, library) -> dict[str, str]:
    """The recordings of ``RECORDINGS`` on disk, as earlier days left them: name → id."""
    manager = SessionManager(library_dir=library, engine=engine)
    ids = {}
    for name, created_at, seconds in RECORDINGS:
        session = manager.get_session(manager.create_session())
        session.rename(name)
        keep_audio(session)
        path = session.folder / METADATA_FILE
        fields = json.loads(path.read_text())
        path.write_text(json.dumps({**fields, "created_at": created_at, "duration": seconds}))
        ids[name] = session.id
    return ids


def _window(qtbot, engine, library, settings) -> MainWindow:
    window = MainWindow(SessionManager(library_dir=library, engine=engine), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.library.table.rowCount() == len(RECORDINGS))
    return window


def _names(window) -> list[str]:
    table = window.library.table
    return [table.item(row, NAME).text() for row in range(table.rowCount())]


def _click_header(qtbot, window, column: int) -> None:
    header = window.library.table.horizontalHeader()
    middle = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(middle, header.height() // 2)
    )


@contextmanager
def slow_scans(monkeypatch, panel) -> Iterator[None]:
    """Fault injection: scans of the library folder that take half a second (thousands of
    recordings, a slow disk), so that what is done meanwhile lands before their result."""
    scan = panel.manager.library

    def slow():
        found = scan()
        time.sleep(0.5)
        return found

    monkeypatch.setattr(panel.manager, "library", slow)
    yield
    monkeypatch.setattr(panel.manager, "library", scan)


@pytest.fixture
def settings():
    chosen = Settings()
    chosen.reset()
    yield chosen
    chosen.reset()


def test_the_library_sorts_by_the_column_clicked_and_keeps_it_for_next_time(
    qtbot, engine, library, settings
):
    _recorded(engine, library)
    window = _window(qtbot, engine, library, settings)
    newest_first = ["Ágata, entrevista", "Reunião de equipe", "Aula 10", "aula 2"]
    assert _names(window) == newest_first
    assert not window.library.table.wordWrap()  # a name too long for its column: one line

    _click_header(qtbot, window, DURATION)
    assert _names(window) == ["Reunião de equipe", "Ágata, entrevista", "Aula 10", "aula 2"]
    _click_header(qtbot, window, DURATION)
    assert _names(window) == ["aula 2", "Aula 10", "Ágata, entrevista", "Reunião de equipe"]

    # names as a file manager sorts them: the accent beside its letter, numbers as numbers
    _click_header(qtbot, window, NAME)
    assert _names(window) == ["Ágata, entrevista", "aula 2", "Aula 10", "Reunião de equipe"]
    window.library.search.setText("reuniao")  # typed in a hurry, without its accent
    assert _names(window) == ["Reunião de equipe"]
    window.library.search.setText("AULA")
    assert _names(window) == ["aula 2", "Aula 10"], "filtered, still sorted by name"
    window.library.search.setText(" equipe   reuniao ")  # every word, in any order
    assert _names(window) == ["Reunião de equipe"]
    window.close()

    again = _window(qtbot, engine, library, settings)
    assert _names(again) == ["Ágata, entrevista", "aula 2", "Aula 10", "Reunião de equipe"]


def test_a_recording_is_renamed_from_its_library_row(
    qtbot, engine, library, settings, monkeypatch, file_manager
):
    ids = _recorded(engine, library)
    window = _window(qtbot, engine, library, settings)
    panel = window.library
    typed = iter(["Entrevista com a Ágata", "Ágata de novo", "Aula 10 (revisada)"])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **kw: (next(typed), True))

    # F2 on a recording no tab shows: its session.json and its row
    agata = ids["Ágata, entrevista"]
    panel.table.selectRow(panel.row_of(agata))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    assert read_metadata(library / agata)["name"] == "Entrevista com a Ágata"
    assert panel.table.item(panel.row_of(agata), NAME).text() == "Entrevista com a Ágata"
    panel.search.setText("entrevista com")
    assert panel.row_of(agata) >= 0, "search finds the new name before the next scan"
    panel.search.clear()
    with slow_scans(monkeypatch, panel):  # renamed while a scan reads the folder
        panel.refresh()
        qtbot.keyClick(panel.table, Qt.Key.Key_F2)
        qtbot.waitSignal(panel.updated, timeout=10_000).wait()
    assert panel.table.item(panel.row_of(agata), NAME).text() == "Ágata de novo"

    # the row's menu, on a recording open in a tab: the tab's title follows
    aula = ids["Aula 10"]
    window.open_from_library(aula)
    panel.table.selectRow(panel.row_of(aula))
    actions = {action.text(): action for action in panel.row_menu().actions()}
    assert list(actions) == ["Open", "Rename…", "Show in folder", "", "Delete…"]
    actions["Rename…"].trigger()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Aula 10 (revisada)"
    assert panel.table.item(panel.row_of(aula), NAME).text() == "Aula 10 (revisada)"
    actions["Show in folder"].trigger()
    assert file_manager.opened == [str(library / aula)]

    # another window records it: not renamed, and the user is told why
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **kw: told.append(a[2]))
    reuniao = ids["Reunião de equipe"]
    panel.table.selectRow(panel.row_of(reuniao))
    with held_by_another_process(library / reuniao):
        panel.rename_button.click()
    assert "another TranscrevAI window" in told[0]
    assert read_metadata(library / reuniao)["name"] == "Reunião de equipe"


def test_on_a_system_in_the_c_locale_names_still_sort_as_people_read_them(qtbot):
    """LANG=C (a bare system, a container) compares code points: "Zé" before "Ágata"."""
    before = QLocale()
    QLocale.setDefault(QLocale.c())
    try:
        table = ListTable(["Name"], stretch=0, sort_by=(0, Qt.SortOrder.AscendingOrder))
    finally:
        QLocale.setDefault(before)
    qtbot.addWidget(table)
    names = ["Zé", "aula 10", "Ágata", "Aula 2"]
    with table.filling():
        table.setRowCount(len(names))
        for row, name in enumerate(names):
            table.setItem(row, 0, SortItem(name))
    assert [table.item(row, 0).text() for row in range(4)] == ["Ágata", "Aula 2", "aula 10", "Zé"]


def test_enter_opens_the_selected_recording_and_delete_asks_before_deleting_it(
    qtbot, engine, library, settings, monkeypatch
):
    ids = _recorded(engine, library)
    window = _window(qtbot, engine, library, settings)
    panel = window.library
    aula = ids["aula 2"]
    panel.table.selectRow(panel.row_of(aula))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    assert window.current_tab().session.id == aula
    assert window.tabs.tabText(window.tabs.currentIndex()) == "aula 2"

    answers = iter([QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **kw: next(answers))
    agata = ids["Ágata, entrevista"]
    panel.table.selectRow(panel.row_of(agata))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)  # asked, and cancelled: nothing goes
    assert (library / agata).is_dir() and panel.row_of(agata) >= 0
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    assert not (library / agata).exists()
    qtbot.waitUntil(lambda: panel.row_of(agata) < 0)  # the library is scanned again
    assert _names(window) == ["Reunião de equipe", "Aula 10", "aula 2"]


@pytest.mark.parametrize("language", ["english", "portuguese"])
def test_a_library_docked_narrow_keeps_the_names_readable_and_the_rest_in_tooltips(
    qtbot, engine, library, settings, language, request
):
    request.getfixturevalue(language)
    _recorded(engine, library)
    window = _window(qtbot, engine, library, settings)
    window.resize(1280, 700)
    table = window.library.table
    room = table.fontMetrics().averageCharWidth() * MIN_STRETCH_CHARS

    def dock(width: int) -> None:
        window.resizeDocks([window.library], [width], Qt.Orientation.Horizontal)
        qtbot.waitUntil(lambda: abs(window.library.width() - width) < 20)

    dock(300)
    assert table.columnWidth(NAME) >= room  # "Reunião de equipe", not "Reuni…"
    assert table.folded()[:2] == [LANGUAGE, STATUS]  # the language folds first
    row = _names(window).index("Reunião de equipe")
    tip = table.row_tooltip(row).splitlines()
    assert tip[0] == "Reunião de equipe"
    header = table.horizontalHeaderItem(STATUS).text()
    assert f"{header}: {table.item(row, STATUS).text()}" in tip
    middle = table.visualItemRect(table.item(row, NAME)).center()  # the pointer rests there
    hover = QHelpEvent(QEvent.Type.ToolTip, middle, table.viewport().mapToGlobal(middle))
    QApplication.sendEvent(table.viewport(), hover)
    assert QToolTip.text() == "\n".join(tip)
    dock(window.library.minimumSizeHint().width())  # as narrow as its buttons let it be
    assert table.columnWidth(NAME) >= room
    dock(700)  # room again: every column back
    assert table.folded() == []
    assert table.row_tooltip(row) == "Reunião de equipe"


class _Resizes(QObject):
    """Counts the resizes of the widgets it watches."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        self.count += event.type() == QEvent.Type.Resize
        return False


def test_an_empty_library_lays_itself_out_once_not_forever(qtbot, engine, library, settings):
    """A horizontal scroll bar that came with a column shown made the table shorter, which
    folded it, which took the bar away: an idle first start spent a whole CPU core laying the
    empty library out."""
    window = MainWindow(SessionManager(library_dir=library, engine=engine), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitSignal(window.library.updated, timeout=10_000).wait()
    resizes = _Resizes()
    window.library.table.viewport().installEventFilter(resizes)
    for width in range(260, 460, 10):  # the panel docked at each width (290 px looped here)
        window.resizeDocks([window.library], [width], Qt.Orientation.Horizontal)
        qtbot.wait(100)
        settled = resizes.count
        qtbot.wait(200)
        assert resizes.count == settled, f"{resizes.count - settled} layouts while idle, {width}"
    assert not window.library.table.horizontalScrollBar().isVisible()
