"""What ``transcrevai record`` prints while a session records, and when it is done.

Plain mode: committed captions on stdout as they come; the tentative tail, greyed, on stderr when
it is a terminal; status and final file paths on stderr. ``--json``: one object per line on
stdout, ``{"event": "committed"|"tentative"|"status", "text", "start", "end", "t"}`` with start
and end in audio seconds and ``t`` in seconds since the first sample was captured (audio time
0); caption events also carry ``words`` (each with its own start and end), status events a
``message``.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QObject, Signal, Slot

from transcrevai_desktop.core.session import Session, SessionStatus
from transcrevai_desktop.core.streaming import CaptionEvent


class RecordReporter(QObject):
    finished = Signal()

    def __init__(self, session: Session, as_json: bool) -> None:
        super().__init__()
        self.session = session
        self.as_json = as_json
        self.interrupted = False
        self.succeeded = False
        self._tty = sys.stderr.isatty()
        self._last_percent = -10
        session.caption.connect(self.on_caption)
        session.status_changed.connect(self.on_status)
        session.progress.connect(self.on_progress)

    def _since_start(self, when: float) -> float:
        origin = self.session.audio_origin
        return round(when - origin, 3) if origin is not None else 0.0

    def _emit_json(
        self,
        event: str,
        text: str,
        start: float | None,
        end: float | None,
        when: float,
        **extra: object,
    ) -> None:
        record = {
            "event": event,
            "text": text,
            "start": start,
            "end": end,
            "t": self._since_start(when),
            **extra,
        }
        print(json.dumps(record, ensure_ascii=False), flush=True)

    @Slot(object)
    def on_caption(self, event: CaptionEvent) -> None:
        if self.as_json:
            words = [{"word": w.text.strip(), "start": w.start, "end": w.end} for w in event.words]
            self._emit_json(
                event.kind,
                event.text,
                round(event.start, 3),
                round(event.end, 3),
                event.emitted_at,
                words=words,
            )
        elif event.kind == "committed":
            self._clear_tentative()
            print(event.text, flush=True)
        elif self._tty and event.text:
            print(
                f"\r\x1b[2K\x1b[2m{event.text[-100:]}\x1b[0m", end="", file=sys.stderr, flush=True
            )

    def _clear_tentative(self) -> None:
        if self._tty:
            print("\r\x1b[2K", end="", file=sys.stderr, flush=True)

    @Slot(str, str)
    def on_status(self, status: str, message: str) -> None:
        if self.as_json:
            self._emit_json("status", status, None, None, time.monotonic(), message=message)
        else:
            self._clear_tentative()
            print(
                _STATUS_LINES.get(status, status) + (f": {message}" if message else ""),
                file=sys.stderr,
                flush=True,
            )
        if status == SessionStatus.COMPLETE:
            self.succeeded = True
            if not self.as_json:
                for path in self.session.files.values():
                    print(f"  {path}", file=sys.stderr)
        if status in (SessionStatus.COMPLETE, SessionStatus.ERROR, SessionStatus.INTERRUPTED):
            self.finished.emit()

    @Slot(float)
    def on_progress(self, fraction: float) -> None:
        percent = int(fraction * 100)
        if not self.as_json and percent >= self._last_percent + 10:
            self._last_percent = percent
            print(f"Transcribing the recording: {percent}%", file=sys.stderr, flush=True)


_STATUS_LINES = {
    "recording": "Recording (Ctrl-C to stop)",
    "paused": "Paused",
    "processing": "Stopped; writing the final transcript",
    "complete": "Done",
    "error": "Failed",
    "interrupted": "Stopped without a transcript; the audio is kept",
}
