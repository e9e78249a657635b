"""The interface in Brazilian Portuguese: every text of the window translated, the
translations in step with the code, and the window and a recording shown in Portuguese."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QDateTime, QLocale, Qt
from PySide6.QtGui import QKeySequence

from tests.conftest import listed, speech
from transcrevai_desktop.core.call_source import BOTH
from transcrevai_desktop.core.capture import file_device
from transcrevai_desktop.core.errors import DeviceLost
from transcrevai_desktop.core.pulse_sources import SYSTEM_AUDIO
from transcrevai_desktop.core.video import subtitled_name
from transcrevai_desktop.translations import FOLDER
from transcrevai_desktop.ui.device_picker import DevicePicker

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "transcrevai_desktop" / "ui"
TRANSLATING = {"tr", "translate", "QT_TRANSLATE_NOOP", "QT_TR_NOOP"}
# Calls whose text arguments are not shown to the user.
NOT_SHOWN = {
    "debug", "info", "warning", "error", "exception",  # logging (QMessageBox.warning: see below)
    "setObjectName", "setStyleSheet", "QKeySequence", "Signal", "Property", "getattr",
    "setattr", "hasattr", "startswith", "endswith", "split", "rsplit", "strip", "replace",
    "join", "findData", "value", "setValue", "get", "setdefault", "QSettings", "QColor",
    "with_suffix", "glob", "open", "mkdtemp", "decode", "encode", "strftime", "removeprefix",
    "isinstance", "findChild", "findChildren", "property", "setProperty", "QUrl",
    "fromLocalFile", "NamedTemporaryFile", "field",
}  # fmt: skip
UNTRANSLATED = "# not translated:"  # a line carrying this comment says why its text is not


KEYS = re.compile(r"^((Ctrl|Shift|Alt|Meta)\+)*(\w|F\d+|Space|Left|Right|Up|Down|Return|,)$")
STYLE = re.compile(r"^([a-z-]+: [^;]+; ?)+$")


def _looks_like_words(text: str) -> bool:
    """A text a person reads: a capitalised word or two words, not a code, a shortcut, a
    style sheet or a path."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 2 or text.startswith(("%", "{", "<", ".", "/", "#", "*")):
        return False
    if KEYS.match(text) or STYLE.match(text):
        return False
    words = text.split()
    return len(words) >= 2 or (text[0].isupper() and any(c.islower() for c in text))


def _untranslated(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    lines = path.read_text().splitlines()
    skip: set[int] = set()  # ids of string nodes that are fine
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # docstrings
        if isinstance(node, ast.Call):
            name = (
                node.func.attr
                if isinstance(node.func, ast.Attribute)
                else getattr(node.func, "id", "")
            )
            owner = node.func.value if isinstance(node.func, ast.Attribute) else None
            is_log = name in NOT_SHOWN and not (
                isinstance(owner, ast.Name) and owner.id == "QMessageBox"
            )
            if name in TRANSLATING or is_log:
                skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.Assert):
            skip.update(id(n) for n in ast.walk(node))
        if isinstance(node, ast.Compare):  # compared with: a value, not a text shown
            skip.update(id(n) for n in ast.walk(node))
        elif isinstance(node, ast.Subscript):  # a key
            skip.update(id(n) for n in ast.walk(node.slice))
        elif isinstance(node, ast.Dict):
            skip.update(id(n) for k in node.keys if k is not None for n in ast.walk(k))
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in skip
            and _looks_like_words(node.value)
            and UNTRANSLATED not in lines[node.lineno - 1]
        ):
            found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    return found


def test_every_text_of_the_window_goes_through_translation():
    found = [line for path in sorted(UI.glob("*.py")) for line in _untranslated(path)]
    assert not found, (
        "wrap these in tr()/translate(), or say why not ("
        + UNTRANSLATED
        + "):\n"
        + ("\n".join(found))
    )


def test_the_translations_are_in_step_with_the_code_and_finished(tmp_path):
    """Running scripts/translations.sh changes nothing, and no text is left unfinished."""
    shutil.copytree(FOLDER, tmp_path / "i18n")
    subprocess.run(
        [ROOT / "scripts" / "translations.sh", tmp_path / "i18n"], check=True, capture_output=True
    )
    for path in sorted(FOLDER.iterdir()):
        fresh = (tmp_path / "i18n" / path.name).read_bytes()
        assert fresh == path.read_bytes(), (
            f"{path.name} is behind the code: run scripts/translations.sh"
        )
    for ts in FOLDER.glob("*.ts"):
        unfinished = [
            message.findtext("source")
            for message in ET.parse(ts).iter("message")
            if message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")
        ]
        assert not unfinished, f"{ts.name}: translate {unfinished}"


def test_the_window_speaks_portuguese(qtbot, portuguese, window):
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[:3] == ["&Arquivo", "&Editar", "E&xibir"]
    assert window.new_action.text() == "&Nova gravação"
    tab = window.new_recording()
    assert tab.record_button.text() == "Gravar"
    picker = tab.language_picker
    assert picker.itemText(0) == "Português" and picker.findText("Inglês") > 0
    window.new_recording()
    assert window.status_info.text().startswith("2 abas · "), "at once, not a second later"
    when = QDateTime(2026, 3, 7, 14, 5, 0)
    assert QLocale().toString(when, QLocale.FormatType.ShortFormat).startswith("07/03/2026")


def test_the_file_dialog_speaks_portuguese(qtbot, portuguese, window, tmp_path):
    """Qt's own dialog: the labels its Brazilian translation lacks (QT_GAPS) are the app's."""
    from PySide6.QtWidgets import QLabel

    from transcrevai_desktop.ui.file_dialogs import file_dialog

    dialog = file_dialog(window, "Abrir", str(tmp_path), "Áudio (*.wav)", [])
    qtbot.addWidget(dialog)
    labels = {label.text() for label in dialog.findChildren(QLabel) if label.text()}
    assert {"&Procurar em:", "Arquivos do &tipo:"} <= labels, labels


def test_a_recording_is_told_in_portuguese(qtbot, portuguese, window, virtual_mic):
    tab = window.new_recording()
    listed(tab.device_picker)
    speaker = tab.device_picker.findText("Áudio do sistema: Virtual speaker")  # a sink's monitor
    assert tab.device_picker.itemData(speaker) == f"{SYSTEM_AUDIO}Virtual speaker"  # as saved
    tab.device_picker.setCurrentIndex(tab.device_picker.findData(virtual_mic.device))
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.status_label.text() == "Gravando", timeout=10_000)
    assert tab.stop_button.text() == "Parar"
    qtbot.waitUntil(lambda: tab.session.recorded_seconds > 1, timeout=10_000)
    qtbot.mouseClick(tab.stop_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.status_label.text() == "Transcrição pronta", timeout=120_000)


def test_a_files_and_a_calls_inputs_are_named_in_portuguese(qtbot, portuguese):
    """A tab made from a file showed "file aula.mp4", and a call "… + System audio: …", in
    English whatever the interface's language (the core's names, as session.json keeps them)."""
    picker = DevicePicker()
    qtbot.addWidget(picker)
    picker.show_only(file_device(Path("aula.mp4")))
    assert picker.currentText() == "Arquivo: aula.mp4"
    picker.show_only(f"Microfone USB{BOTH}{SYSTEM_AUDIO}Alto-falantes")
    assert picker.currentText() == "Microfone USB + Áudio do sistema: Alto-falantes"
    assert picker.device == f"Microfone USB{BOTH}{SYSTEM_AUDIO}Alto-falantes"


def test_a_lost_system_audio_is_named_in_portuguese(portuguese):
    """ "Erro: Microfone desconectado: 'System audio: Áudio interno…' parou de enviar áudio"."""
    lost = str(DeviceLost.disconnected(f"{SYSTEM_AUDIO}Áudio interno"))
    assert "'Áudio do sistema: Áudio interno' parou" in lost, lost


def test_a_subtitled_copy_is_named_in_portuguese(portuguese):
    """The window offered "Reunião.subtitled.mp4" in Portuguese."""
    assert subtitled_name(Path("Reunião de planejamento.mp4")) == (
        "Reunião de planejamento.legendado.mp4"
    )


def test_the_return_key_is_named_as_brazilian_keyboards_name_it(portuguese):
    """Help → Keyboard shortcuts said "Ctrl+Return" in Portuguese."""
    native = QKeySequence.SequenceFormat.NativeText
    assert QKeySequence("Ctrl+Return").toString(native) == "Ctrl+Enter"


def test_the_window_fits_a_small_laptop_screen_in_portuguese(qtbot, portuguese, window):
    """1366 pixels at 125 % leave about 1090: the window could not be made narrower than 1132
    in Portuguese, 1199 with Find open, its fields cut to "L…"."""
    tab = window.new_recording()
    tab.session.transcribe_file(speech("pt_picovoice_leopard_test_pt").path, "pt")
    qtbot.waitUntil(lambda: tab.status_label.text() == "Transcrição pronta", timeout=120_000)
    window.find_action.trigger()
    qtbot.waitUntil(lambda: tab.transcript_view.find_bar.isVisible())
    window.resize(960, 640)

    assert window.minimumSizeHint().width() <= 960
    find = tab.transcript_view.find_bar.find_field
    qtbot.waitUntil(lambda: find.width() >= find.fontMetrics().horizontalAdvance("orçamento"))
