"""How the transcript view draws and edits its cells.

The text column is drawn word by word: doubtful words (Whisper was unsure) dotted-underlined
in orange, the word being played on a yellow background; it wraps, and is edited in one line.
The speaker column is edited with a list of the transcript's speakers.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from transcrevai_desktop.core.transcript import Segment
from transcrevai_desktop.ui.transcript_model import (
    DOUBTFUL,
    PLAYING_ROLE,
    SEGMENT_ROLE,
    TranscriptModel,
)

Index = QModelIndex | QPersistentModelIndex
DOUBTFUL_STYLE = "text-decoration: underline; text-decoration-style: dotted;"
DOUBTFUL_COLOUR = "color: #b35900;"  # 5.6:1 on white; on a selected row only the underline
PLAYING_STYLE = "background-color: #ffe066; color: black;"


def segment_html(segment: Segment, playing: int = -1, selected: bool = False) -> str:
    """The segment's text as rich text: doubtful words marked (in orange, but on a ``selected``
    row, whose highlight the orange cannot be read on), word ``playing`` lit."""
    if not segment.words:
        return html.escape(segment.text)
    shown = ""
    for number, word in enumerate(segment.words):
        text = html.escape(word.text.strip())
        style = PLAYING_STYLE if number == playing else ""
        if word.probability < DOUBTFUL:
            style += DOUBTFUL_STYLE if selected else f"{DOUBTFUL_STYLE} {DOUBTFUL_COLOUR}"
        # spaced as Whisper wrote it: "quinta" + "-feira", and no spaces in Chinese
        shown += " " if shown and not word.continues else ""
        shown += f'<span style="{style}">{text}</span>' if style else text
    return shown


class TranscriptDelegate(QStyledItemDelegate):
    def _document(self, option: QStyleOptionViewItem, index: Index) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        document.setHtml(segment_html(index.data(SEGMENT_ROLE), index.data(PLAYING_ROLE), selected))
        document.setTextWidth(max(50, option.rect.width()))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.column() != TranscriptModel.TEXT:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        document = self._document(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        context = QAbstractTextDocumentLayout.PaintContext()
        if option.state & QStyle.StateFlag.State_Selected:
            text_colour = option.palette.color(QPalette.ColorRole.HighlightedText)
            context.palette.setColor(QPalette.ColorRole.Text, text_colour)
        painter.save()
        painter.translate(option.rect.topLeft())
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if index.column() != TranscriptModel.TEXT:
            return super().sizeHint(option, index)
        self.initStyleOption(option, index)
        document = self._document(option, index)
        return QSize(int(document.idealWidth()), int(document.size().height()))

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        if index.column() != TranscriptModel.SPEAKER:
            return super().createEditor(parent, option, index)
        picker = QComboBox(parent)
        model = index.model()
        assert isinstance(model, TranscriptModel)
        for speaker in model.transcript.speakers:
            picker.addItem(speaker.name, speaker.id)
        return picker

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        else:
            super().setModelData(editor, model, index)
