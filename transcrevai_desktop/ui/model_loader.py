"""The shared model's loading, off the GUI thread, and the engine's model settings."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from transcrevai_desktop.core.engine import Engine, EngineSettings
from transcrevai_desktop.settings import Key, Settings
from transcrevai_desktop.ui.background import Background


class ModelLoader(QObject):
    state = Signal(bool, str)  # loaded, error sentence (on the GUI thread)

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.error = ""  # the last load's error sentence, "" when it loaded or is loading
        self._wanted: EngineSettings | None = None  # the latest settings asked to load
        # its own thread: a load takes seconds, and library scans and exports go on meanwhile
        self._background = Background(self)
        self.state.connect(self._remember)

    def load(self) -> None:
        """Load the configured model on a worker; ``state`` reports the outcome (not when
        the window closed meanwhile)."""
        self._load(self.engine.settings)

    def apply(self, settings: Settings) -> bool:
        """Take the model and compute type from ``settings`` for the passes to come, once
        they are loaded (a pass already running finishes on the old one); True when that
        starts a new load: for new settings, or for the same ones after their load failed
        (the model was copied in since, or the network is back). Until the new model loads,
        and for good if it cannot, the passes go on with the model they had: a recording's
        live captions stopped for good at the first pass that met a model that could not
        load (a name mistyped in Preferences)."""
        wanted = replace(
            self.engine.settings,
            model=settings.get(Key.MODEL),
            compute_type=settings.get(Key.COMPUTE_TYPE),
        )
        if wanted == (self._wanted or self.engine.settings) and not self.error:
            return False
        self._load(wanted)
        return True

    def _load(self, wanted: EngineSettings) -> None:
        """Load ``wanted``; only the latest load asked for decides, when it ends (a model
        chosen and then put back while it loaded was used all the same)."""
        self.error = ""
        self._wanted = wanted

        def loaded(_model: object) -> None:
            if wanted == self._wanted:
                self.engine.use(wanted)  # the model before is freed once no pass holds it
                self.state.emit(True, "")

        def failed(sentence: str) -> None:
            if wanted != self._wanted:
                return
            working = self.engine.settings if self.engine.model_loaded else None
            if working is None or working == wanted:
                self.state.emit(False, sentence)
                return
            self.state.emit(  # still loaded: recording goes on with captions
                True,
                self.tr("{error} TranscrevAI goes on with the model {model}.").format(
                    error=sentence, model=working.model
                ),
            )

        self._background.run(lambda: self.engine.model(wanted), loaded, failed)

    def _remember(self, _loaded: bool, error: str) -> None:
        self.error = error
