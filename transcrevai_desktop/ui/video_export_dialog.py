"""File → Export → Video with subtitles…: where, and how the subtitles go in.

*As a track* copies the video with a subtitle track the viewer switches on (seconds, no loss
of quality); *Drawn into the picture* re-encodes it with the captions burned in, at the
chosen size and place, for players and sites that show no subtitle tracks. The choices are
remembered; the file name follows ``core.video.subtitled_name``. *Save* asks before replacing
a file, as a save dialog does, and refuses an empty name or the video itself; a name without
a folder goes into the one suggested, and ``~`` is the home folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP
from transcrevai_desktop.core.video import POSITIONS, subtitled_name
from transcrevai_desktop.settings import Key, Settings

VIDEO_FILTER = QT_TRANSLATE_NOOP(  # English, like POSITION_NAMES: translated where shown
    "VideoExportDialog", "Video (*.mp4 *.mkv *.mov *.m4v *.webm);;All files (*)"
)
POSITION_NAMES = {
    "bottom": QT_TRANSLATE_NOOP("VideoExportDialog", "Bottom"),
    "top": QT_TRANSLATE_NOOP("VideoExportDialog", "Top"),
}
FONT_SIZES = (0, 200)  # pixels; 0: automatic (a twentieth of the picture's height)


@dataclass(frozen=True)
class VideoChoice:
    path: Path
    burned: bool
    font_size: int  # pixels, 0: automatic
    position: str  # one of ``core.video.POSITIONS``


class VideoExportDialog(QDialog):
    def __init__(
        self, video: Path, folder: str, settings: Settings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Video with subtitles"))
        self._video, self._folder, self._settings = video, Path(folder), settings
        self.track_button = QRadioButton(self.tr("As a track the viewer switches on (seconds)"))
        self.burned_button = QRadioButton(
            self.tr("Drawn into the picture (re-encoded: takes a while)")
        )
        kinds = QButtonGroup(self)
        kinds.addButton(self.track_button)
        kinds.addButton(self.burned_button)
        burned = settings.get(Key.VIDEO_SUBTITLES) == "burned"
        (self.burned_button if burned else self.track_button).setChecked(True)
        self.font_size = QSpinBox()
        self.font_size.setRange(*FONT_SIZES)
        self.font_size.setSuffix(" px")
        self.font_size.setSpecialValueText(self.tr("Automatic"))
        self.font_size.setValue(int(settings.get_float(Key.VIDEO_FONT_SIZE)))
        self.position = QComboBox()
        for position in POSITIONS:
            self.position.addItem(
                QCoreApplication.translate("VideoExportDialog", POSITION_NAMES[position]), position
            )
        self.position.setCurrentIndex(
            max(0, self.position.findData(settings.get(Key.VIDEO_POSITION)))
        )
        self.path_field = QLineEdit(str(Path(folder) / subtitled_name(video, burned)))
        browse = QPushButton(self.tr("Browse…"))
        where = QHBoxLayout()
        where.addWidget(self.path_field, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Save as:"), where)
        form.addRow(self.tr("Font size:"), self.font_size)
        form.addRow(self.tr("Position:"), self.position)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.track_button)
        layout.addWidget(self.burned_button)
        layout.addLayout(form)
        layout.addWidget(buttons)

        browse.clicked.connect(self._browse)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.burned_button.toggled.connect(self._on_kind)
        self._on_kind(burned)

    def _on_kind(self, burned: bool) -> None:
        """Size and place only matter when drawn; the suggested name follows the kind."""
        self.font_size.setEnabled(burned)
        self.position.setEnabled(burned)
        current = Path(self.path_field.text())
        if current.name == subtitled_name(self._video, not burned):
            self.path_field.setText(str(current.with_name(subtitled_name(self._video, burned))))

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the video as"),
            self.path_field.text(),
            QCoreApplication.translate("VideoExportDialog", VIDEO_FILTER),
        )
        if path:
            self.path_field.setText(path)

    def _path(self) -> Path | None:
        """The file the field names, made absolute; None when it names no file."""
        text = self.path_field.text().strip()
        if not text:
            return None
        path = self._folder / Path(text).expanduser()  # an absolute one stays itself
        return None if path.is_dir() else path

    def accept(self) -> None:
        path = self._path()
        if path is None:
            QMessageBox.warning(
                self, self.windowTitle(), self.tr("Type the name of the file to save.")
            )
            return
        if path.resolve() == self._video.resolve():
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr("That is the video itself: choose another name."),
            )
            return
        if path.exists():
            answer = QMessageBox.question(
                self,
                self.windowTitle(),
                self.tr("{file} already exists. Replace it?").format(file=path.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        super().accept()

    def choice(self) -> VideoChoice:
        """What the user chose (and remembered for next time)."""
        burned = self.burned_button.isChecked()
        path = self._path()
        assert path is not None, "accepted: the field names a file"
        chosen = VideoChoice(
            path,
            burned,
            self.font_size.value(),
            self.position.currentData(),
        )
        self._settings.set(Key.VIDEO_SUBTITLES, "burned" if burned else "track")
        self._settings.set(Key.VIDEO_FONT_SIZE, chosen.font_size)
        self._settings.set(Key.VIDEO_POSITION, chosen.position)
        return chosen
