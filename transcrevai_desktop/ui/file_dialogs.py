"""Qt's own file dialog with fields of ours under the file type: how many people speak in an
audio file being opened, the line limits of subtitles being saved.

The platform's dialog cannot take a widget, so these use Qt's (non-native) one, whose layout
is a grid with the file type in its last row.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QFileDialog, QGridLayout, QLabel, QSpinBox, QWidget

from transcrevai_desktop.core.subtitles import CueLimits
from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP

log = logging.getLogger(__name__)

FORMAT_FILTERS = {  # English: format_filter translates them
    "wav": QT_TRANSLATE_NOOP("FileDialogs", "WAV audio (*.wav)"),
    "txt": QT_TRANSLATE_NOOP("FileDialogs", "Plain text (*.txt)"),
    "srt": QT_TRANSLATE_NOOP("FileDialogs", "SubRip subtitles (*.srt)"),
    "vtt": QT_TRANSLATE_NOOP("FileDialogs", "WebVTT subtitles (*.vtt)"),
    "json": QT_TRANSLATE_NOOP("FileDialogs", "JSON with word timings (*.json)"),
}
LINE_CHARS = (20, 80)  # the characters a subtitle line may be set to
LINES = (1, 3)  # the lines a cue may be set to


def format_filter(fmt: str) -> str:
    """The file dialog filter of export format ``fmt``, in the user's language."""
    return QCoreApplication.translate("FileDialogs", FORMAT_FILTERS[fmt])


def file_dialog(
    parent: QWidget, title: str, path: str, filters: str, fields: Sequence[tuple[str, QWidget]]
) -> QFileDialog:
    """Qt's file dialog (``path``: the folder or file it starts at) with ``fields`` (label,
    widget) in rows under the file type; the caller sets its mode and runs it."""
    dialog = QFileDialog(parent, title, path, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    layout = dialog.layout()
    if isinstance(layout, QGridLayout):
        for label, widget in fields:
            row = layout.rowCount()
            layout.addWidget(QLabel(label), row, 0)
            layout.addWidget(widget, row, 1)
    else:
        log.warning("The file dialog has no grid layout: %s not offered", [f for f, _ in fields])
    return dialog


def ask_subtitle_file(
    parent: QWidget, fmt: str, suggested: str, limits: CueLimits
) -> tuple[str, CueLimits]:
    """Where to save subtitles in ``fmt`` and with which line limits (starting from
    ``limits``); ("", the limits) when cancelled. Asks before replacing a file."""
    line_chars, lines = QSpinBox(), QSpinBox()
    line_chars.setRange(*LINE_CHARS)
    line_chars.setValue(limits.line_chars)
    line_chars.setSuffix(QCoreApplication.translate("FileDialogs", " characters"))
    line_chars.setToolTip(
        QCoreApplication.translate(
            "FileDialogs",
            "The longest a subtitle line may be (42 is the usual limit; a Chinese, Japanese "
            "or Korean character counts as two)",
        )
    )
    lines.setRange(*LINES)
    lines.setValue(limits.lines)
    lines.setToolTip(
        QCoreApplication.translate(
            "FileDialogs", "How many lines a subtitle may have on screen (usually 2)"
        )
    )
    dialog = file_dialog(
        parent,
        QCoreApplication.translate("FileDialogs", "Export {format}").format(format=fmt.upper()),
        suggested,
        format_filter(fmt),
        [
            (QCoreApplication.translate("FileDialogs", "Line length:"), line_chars),
            (QCoreApplication.translate("FileDialogs", "Lines:"), lines),
        ],
    )
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setDefaultSuffix(fmt)
    dialog.selectFile(suggested)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return "", limits
        chosen = CueLimits(line_chars=line_chars.value(), lines=lines.value())
        return dialog.selectedFiles()[0], chosen
    finally:
        dialog.deleteLater()
