"""What ``transcrevai record`` prints while a session records, and when it is done.

Terminal (stdout is a terminal): the captions as running text, drawn by ``RunningCaptions``
(``caption_printer``). Status lines and progress go to stderr; when stderr is the same terminal
they are drawn below the captions, in order.

Piped (stdout is not a terminal): ``PlainCaptions`` writes each utterance's committed text on a
line of its own, without escape codes; use ``--json`` for the revisions, or the final transcript
the session writes. Status lines, progress and the final file paths go to stderr.

``--json``: one object per line on stdout,
``{"event": "committed"|"tentative"|"revised"|"status", "text", "start", "end", "t"}`` with
start and end in audio seconds and ``t`` in seconds since the first sample was captured (audio
time 0); caption events also carry ``words`` (each with its own start and end) and
``utterance`` (the number of the utterance, from 1; a ``revised`` event's text replaces the
committed text of its utterance, or its earlier revision: a short utterance said after a short
pause is revised together with the one before, which is revised again), status events a
``message``.

A reader that goes away (``record --json | head -1``) ends the recording as Ctrl-C does: the
audio and the final transcript are kept, and nothing more is written to the closed pipe.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import sys
import time
from collections.abc import Iterator
from typing import TextIO

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from transcrevai_desktop.caption_printer import PlainCaptions, RunningCaptions
from transcrevai_desktop.core.files import lead_nowhere
from transcrevai_desktop.core.session import Session, SessionStatus
from transcrevai_desktop.core.streaming import CaptionEvent
from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP


def _same_file(a: TextIO, b: TextIO) -> bool:
    try:
        return os.path.samestat(os.fstat(a.fileno()), os.fstat(b.fileno()))
    except (OSError, ValueError, AttributeError):
        return False


def _unread(stream: TextIO) -> bool:
    """Whether ``stream`` is a pipe whose reader has closed it (poll says POLLERR); where
    there is no poll (Windows), whether it is not a terminal."""
    if not hasattr(select, "poll"):
        return not stream.isatty()
    poller = select.poll()
    poller.register(stream.fileno(), select.POLLOUT)
    return any(event & select.POLLERR for _, event in poller.poll(0))


class RecordReporter(QObject):
    finished = Signal()

    def __init__(self, session: Session, as_json: bool) -> None:
        super().__init__()
        self.session = session
        self.as_json = as_json
        self.interrupted = False
        self.succeeded = False
        self._last_percent = -10
        self._progress_said = False  # the line said last is the final pass's progress
        self._captions: RunningCaptions | PlainCaptions | None = None
        self._notes_among_captions = False  # status lines drawn in the caption layout
        self._end_line_first = False  # status lines would land inside the caption line
        if not as_json:
            if sys.stdout.isatty():
                self._captions = RunningCaptions(sys.stdout)
                self._notes_among_captions = sys.stderr.isatty()
            else:
                self._captions = PlainCaptions(sys.stdout)
                self._end_line_first = _same_file(sys.stdout, sys.stderr)
        session.caption.connect(self.on_caption)
        session.status_changed.connect(self.on_status)
        session.progress.connect(self.on_progress)
        app = QCoreApplication.instance()
        if app is not None:  # a second Ctrl-C quits without a final status
            app.aboutToQuit.connect(self._end_captions)

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

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """Output whose reader may be gone: the recording then stops, as at Ctrl-C, and
        the closed pipe leads nowhere from now on, so that the rest of the run (the final
        pass, the exit) writes without failing; the other stream goes on."""
        try:
            yield
        except BrokenPipeError:
            for stream in [s for s in (sys.stdout, sys.stderr) if _unread(s)] or [sys.stdout]:
                lead_nowhere(stream)
            self.interrupted = True
            self.session.stop()

    @Slot(object)
    def on_caption(self, event: CaptionEvent) -> None:
        with self._writing():
            self._show_caption(event)

    def _show_caption(self, event: CaptionEvent) -> None:
        if self.as_json:
            words = [{"word": w.text.strip(), "start": w.start, "end": w.end} for w in event.words]
            self._emit_json(
                event.kind,
                event.text,
                round(event.start, 3),
                round(event.end, 3),
                event.emitted_at,
                words=words,
                utterance=event.utterance,
            )
        elif self._captions is not None:
            self._captions.add(event)

    def _end_captions(self) -> None:
        if self._captions is not None:
            with self._writing():
                self._captions.finish()

    def _terminal_captions(self) -> RunningCaptions | None:
        """The captions, where they and the status lines are drawn on one terminal."""
        if isinstance(self._captions, RunningCaptions) and self._notes_among_captions:
            return self._captions
        return None

    def _say(self, line: str, progress: bool = False) -> None:
        """A status or ``progress`` line on stderr, below the captions; on a terminal a
        progress line takes the place of the one said just before it."""
        replacing, self._progress_said = progress and self._progress_said, progress
        if (captions := self._terminal_captions()) is not None:
            captions.note(line, sys.stderr, replacing=replacing)
            return
        if isinstance(self._captions, PlainCaptions) and self._end_line_first:
            self._captions.end_line()
        print(line, file=sys.stderr, flush=True)

    @Slot(str, str)
    def on_status(self, status: str, message: str) -> None:
        done = status in (SessionStatus.COMPLETE, SessionStatus.ERROR, SessionStatus.INTERRUPTED)
        self.succeeded = status == SessionStatus.COMPLETE
        with self._writing():
            self._show_status(status, message, done)
        if done:
            self.finished.emit()

    def _show_status(self, status: str, message: str, done: bool) -> None:
        if self.as_json:
            self._emit_json("status", status, None, None, time.monotonic(), message=message)
            return
        line = _status_line(status) + (f": {message}" if message else "")
        if not done:
            self._say(line)
            return
        self._end_captions()
        print(line, file=sys.stderr, flush=True)
        if self.succeeded:
            for path in self.session.files.values():
                print(f"  {path}", file=sys.stderr, flush=True)

    @Slot(float)
    def on_progress(self, fraction: float) -> None:
        """The final pass's progress: on a terminal one line, updated at each percent; else
        a line every ten."""
        percent = int(fraction * 100)
        step = 1 if self._terminal_captions() is not None else 10
        if not self.as_json and percent >= self._last_percent + step:
            self._last_percent = percent
            with self._writing():
                self._say(
                    QCoreApplication.translate(
                        "RecordReporter", "Transcribing the recording: {percent}%"
                    ).format(percent=percent),
                    progress=True,
                )


_STATUS_LINES = {
    "recording": QT_TRANSLATE_NOOP("RecordReporter", "Recording (Ctrl-C to stop)"),
    "paused": QT_TRANSLATE_NOOP("RecordReporter", "Paused"),
    "processing": QT_TRANSLATE_NOOP("RecordReporter", "Stopped; writing the final transcript"),
    "complete": QT_TRANSLATE_NOOP("RecordReporter", "Done"),
    "error": QT_TRANSLATE_NOOP("RecordReporter", "Failed"),
    "interrupted": QT_TRANSLATE_NOOP(
        "RecordReporter", "Stopped without a transcript; the audio is kept"
    ),
}


def _status_line(status: str) -> str:
    """What ``record`` prints when the session's status becomes ``status``, translated."""
    line = _STATUS_LINES.get(status)
    return status if line is None else QCoreApplication.translate("RecordReporter", line)
