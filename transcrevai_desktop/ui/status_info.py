"""The status bar's permanent text: tabs and recordings, the model, and the CPU and caption
lag when they matter ("2 tabs, 1 recording · Model: base (int8) · CPU 91 %"; "1 tab" while
nothing records, "No tabs open")."""

from __future__ import annotations

from collections.abc import Sequence

import psutil
from PySide6.QtWidgets import QLabel, QWidget

from transcrevai_desktop.core.engine import Engine
from transcrevai_desktop.core.session import BUSY, Session, SessionStatus

CPU_BUSY_PERCENT = 85  # above this, the status bar says the CPU is the bottleneck
LAG_SHOWN_SECONDS = 3


class StatusInfo(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        psutil.cpu_percent()  # starts the measurement; each later call covers the interval

    def show_state(self, engine: Engine, sessions: Sequence[Session], model_error: str) -> None:
        model = f"{engine.settings.model} ({engine.settings.compute_type})"
        if model_error and not engine.model_loaded:  # else: the model before goes on
            model_text = self.tr("Model {model} could not be loaded").format(model=model)
        elif engine.model_loaded:
            model_text = self.tr("Model: {model}").format(model=model)
        else:
            model_text = self.tr("Model: {model} — loading…").format(model=model)
        recording = [s for s in sessions if s.status is SessionStatus.RECORDING]  # not paused
        # Zero is said in words: Portuguese takes the singular for it ("0 aba, 0 gravando").
        if not sessions:
            counts = self.tr("No tabs open")
        elif not recording:
            counts = self.tr("%n tab(s)", "", len(sessions))
        else:
            tabs = self.tr("%n tab(s)", "", len(sessions))
            # "recording" as in "now recording": in English the same word for any count
            recordings = self.tr("%n recording", "", len(recording))
            counts = self.tr("{tabs}, {recordings}").format(tabs=tabs, recordings=recordings)
        parts = [counts, model_text]
        cpu = psutil.cpu_percent()
        if any(s.status in BUSY for s in sessions) or cpu >= CPU_BUSY_PERCENT:
            parts.append(self.tr("CPU {percent} %").format(percent=f"{cpu:.0f}"))
        lag = max((s.caption_lag for s in sessions), default=0.0)
        if lag >= LAG_SHOWN_SECONDS:
            parts.append(
                self.tr("Captions {seconds} s behind (the recording is safe)").format(
                    seconds=f"{lag:.0f}"
                )
            )
        skipped = sum(s.captions_skipped for s in recording)
        if skipped:
            parts.append(
                self.tr(
                    "captions skipped {seconds} s to keep up; the recording and the final "
                    "transcript have everything"
                ).format(seconds=f"{skipped:.0f}")
            )
        self.setText(" · ".join(parts))
