"""Preferences → Model: the models to choose from, and downloading one.

A row per model (``core.models.list_models``; aliases such as ``turbo`` left out): its name,
size, languages, a speed note (the bundled model's from our benchmark, the others' compute
against it) and whether it is in use, on this computer or to download. *Use* picks a model
that is on this computer; *Download* fetches one in the background (``ModelDownloadBar``: a
progress bar and Cancel) while the current model stays in use. ``model_chosen`` tells the
model to use once it is on disk; the picker changes no setting itself.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from transcrevai_desktop.core.model_catalog import CATALOG, base_seconds_per_minute, is_alias
from transcrevai_desktop.core.models import BUNDLED_SOURCE, ModelInfo, list_models
from transcrevai_desktop.core.texts import size_text
from transcrevai_desktop.ui.list_table import ListTable
from transcrevai_desktop.ui.model_download_bar import ModelDownloadBar

NAME, SIZE, LANGUAGES, SPEED, WHERE = range(5)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class ModelPicker(QGroupBox):
    model_chosen = Signal(str)  # a model on this computer the user chose: use it from now on

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Model"), parent)
        self.current = current  # the model in use: a name, or a folder
        self.table = ListTable(
            [self.tr("Model"), self.tr("Size"), self.tr("Languages"), self.tr("Speed"), ""],
            SPEED,
        )
        self.use_button = QPushButton(self.tr("Use"))
        self.download_bar = ModelDownloadBar()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.download_bar, 1)
        buttons.addStretch()
        buttons.addWidget(self.use_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)

        self._models: list[ModelInfo] = []
        self.use_button.clicked.connect(self._use_selected)
        self.table.itemSelectionChanged.connect(self._update_button)
        self.table.itemDoubleClicked.connect(self._use_selected)
        self.download_bar.finished.connect(self._downloaded)
        self.download_bar.failed.connect(self._failed)
        self.download_bar.cancelled.connect(self.refresh)
        self.refresh()

    def names(self) -> list[str]:
        """The models listed, in order."""
        return [info.name for info in self._models]

    def select(self, name: str) -> None:
        self.table.selectRow(self.names().index(name))

    def selected(self) -> ModelInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self._models[rows[0].row()] if rows else None

    @Slot()
    def refresh(self) -> None:
        """Read again what is on this computer; the selection stays."""
        chosen = self.selected()
        self._models = [info for info in list_models() if not is_alias(info.name)]
        self.table.setRowCount(len(self._models))
        for row, info in enumerate(self._models):
            cells = (info.name, size_text(info.size_mb), self._languages(info))
            for column, text in enumerate((*cells, self._speed(info), self._where(info))):
                item = QTableWidgetItem(text)
                if column == SIZE:
                    item.setTextAlignment(_RIGHT)
                self.table.setItem(row, column, item)
        if chosen is not None and chosen.name in self.names():
            self.select(chosen.name)
        self._update_button()

    def _languages(self, info: ModelInfo) -> str:
        return self.tr("English only") if info.english_only else self.tr("Multilingual")

    def _speed(self, info: ModelInfo) -> str:
        if info.source == BUNDLED_SOURCE:
            seconds = QLocale().toString(base_seconds_per_minute(), "f", 0)
            return self.tr("About {seconds} s per minute of audio on 2 cores").format(
                seconds=seconds
            )
        factor = QLocale().toString(CATALOG[info.name].relative_cost, "f", 1)
        return self.tr("About {factor} × the bundled model's work").format(factor=factor)

    def _where(self, info: ModelInfo) -> str:
        if info.name == self.current:
            return self.tr("In use")
        return self.tr("On this computer") if info.on_disk else self.tr("Download")

    @Slot()
    def _update_button(self) -> None:
        info = self.selected()
        self.use_button.setText(
            self.tr("Download") if info is not None and not info.on_disk else self.tr("Use")
        )
        self.use_button.setEnabled(
            info is not None and info.name != self.current and not self.download_bar.is_running()
        )

    @Slot()
    def _use_selected(self) -> None:
        info = self.selected()
        if info is None or info.name == self.current or self.download_bar.is_running():
            return
        self.error_label.hide()
        if info.on_disk:
            self._choose(info.name)
            return
        self.download_bar.start(info.name)
        self._update_button()

    @Slot(str)
    def follow(self, name: str) -> None:
        """The model in use is now ``name`` (typed in the Model field): the list says so, and
        the model it said before can be chosen again."""
        self.current = name.strip()
        for row, info in enumerate(self._models):  # (the disk is not read again per key)
            self.table.item(row, WHERE).setText(self._where(info))
        self._update_button()

    def _choose(self, name: str) -> None:
        self.current = name
        self.refresh()
        self.model_chosen.emit(name)

    @Slot(str)
    def _downloaded(self, name: str) -> None:
        self._choose(name)

    @Slot(str)
    def _failed(self, sentence: str) -> None:
        self.error_label.setText(sentence)
        self.error_label.show()
        self.refresh()
