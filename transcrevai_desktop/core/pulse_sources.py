"""Inputs of a PulseAudio (or PipeWire's pulse) sound server, by the names the desktop shows.

PortAudio sees such a server as one ALSA device, ``pulse``, which records from the server's
default source. This module lists the server's sources with ``pulsectl`` (ctypes bindings to
libpulse: no subprocess to parse, and it reads what ``pactl`` reads): microphones by their
descriptions ("Built-in Audio Analog Stereo", "USB Headset"), and each output's monitor as
"System audio: <output>", what the computer plays there (the other side of a call). A chosen
source is opened through PortAudio's ``pulse`` device with ``PULSE_SOURCE`` set to its name
while the stream opens (libpulse takes its default source from that variable); ``source_env``
serialises those moments, so two tabs opening two microphones at once cannot see each other's
variable. Without a server, or without libpulse, ``pulse_sources`` returns None and PortAudio's
own list is used (Windows' WASAPI and macOS' CoreAudio always). Playback picks an output of the
server the same way: ``sink_env`` sets ``PULSE_SINK`` while an output stream opens on ``pulse``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import queue
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from PySide6.QtCore import QCoreApplication

log = logging.getLogger(__name__)
T = TypeVar("T")

PULSE_DEVICE = "pulse"  # PortAudio's (ALSA's) device that records from the sound server
SYSTEM_AUDIO = "System audio: "  # before an output's name: what the computer plays on it
ANSWER_TIMEOUT = 2.0  # seconds for the server to answer before PortAudio's list is used
_ENV_LOCK = threading.Lock()


def shown_device(name: str) -> str:
    """A device's name as the user reads it: "System audio: " in the interface's language
    (a call's "<microphone> + System audio: <output>" too). The name itself, saved and
    matched, stays as it is."""
    return name.replace(SYSTEM_AUDIO, _shown_prefix())


def saved_device(shown: str) -> str:
    """The name of the device ``shown`` names, written either way (a name copied from the
    command line's ``devices`` in Portuguese)."""
    return shown.replace(_shown_prefix(), SYSTEM_AUDIO)


def _shown_prefix() -> str:
    return QCoreApplication.translate("DevicePicker", "System audio: {output}").format(output="")


@dataclass(frozen=True)
class PulseSource:
    name: str  # the server's name for it ("alsa_input.usb-…"), what PULSE_SOURCE takes
    label: str  # what the user reads: its description, or "System audio: <output>"
    channels: int
    is_default: bool  # the default input; for a monitor, that of the default output
    is_monitor: bool  # what an output plays, not a microphone


def _ask_server(query: Callable[[Any], T]) -> T | None:
    """``query(pulse)`` on a connection to the server (pulsectl's ``Pulse``), or None when no
    server answers within ``ANSWER_TIMEOUT``.

    The connection and the query run on a thread of their own, and the caller waits for the
    answer at most ``ANSWER_TIMEOUT``: pulsectl's own ``connect(timeout=…)`` waits out the
    whole timeout even when the server answers at once (24.12: it stops its loop early only
    on a failure), which froze the window for a second at each list of inputs and each
    Record. A server that never answers leaves that thread waiting, not the caller.
    """
    try:
        import pulsectl
    except (ImportError, OSError) as error:  # OSError: libpulse itself is missing
        log.debug("No PulseAudio client library: %s", error)
        return None
    answers: queue.SimpleQueue[tuple[T | None, BaseException | None]] = queue.SimpleQueue()

    def ask() -> None:
        try:
            with pulsectl.Pulse("transcrevai-desktop", connect=False) as pulse:
                pulse.connect()  # no autospawn: a missing server fails at once
                answer = query(pulse)
            answers.put((answer, None))  # disconnected first: nothing left running at exit
        except pulsectl.PulseError as error:
            log.debug("No PulseAudio server: %s", error)
            answers.put((None, None))
        except BaseException as failure:  # raised again in the caller's thread
            answers.put((None, failure))

    threading.Thread(target=ask, name="pulse-query", daemon=True).start()
    try:
        answer, failure = answers.get(timeout=ANSWER_TIMEOUT)
    except queue.Empty:
        log.warning(
            "The sound server did not answer in %.0f s; listing PortAudio's devices instead",
            ANSWER_TIMEOUT,
        )
        return None
    if failure is not None:
        raise failure
    return answer


def pulse_sink_names() -> list[str] | None:
    """The server's outputs by name (what ``PULSE_SINK`` takes), or None when no server
    answers."""
    return _ask_server(lambda pulse: [sink.name for sink in pulse.sink_list()])


def pulse_source_names() -> set[str] | None:
    """The names of the server's sources now, or None when no server answers."""
    names = _ask_server(lambda pulse: [source.name for source in pulse.source_list()])
    return None if names is None else set(names)


def pulse_sources() -> list[PulseSource] | None:
    """The server's sources, microphones first, or None when no server answers."""
    answer = _ask_server(
        lambda pulse: (pulse.server_info(), pulse.sink_list(), pulse.source_list())
    )
    if answer is None:
        return None
    server, sinks, sources = answer
    outputs = {sink.index: sink.description for sink in sinks}
    default_output = next(
        (sink.index for sink in sinks if sink.name == server.default_sink_name), None
    )
    listed = [
        PulseSource(
            source.name,
            _label(source.description, outputs.get(source.monitor_of_sink)),
            source.channel_count,
            source.name == server.default_source_name
            or (default_output is not None and source.monitor_of_sink == default_output),
            source.monitor_of_sink in outputs,
        )
        for source in sources
    ]
    return _unique(sorted(listed, key=lambda s: s.is_monitor))


def _label(description: str, monitored_output: str | None) -> str:
    return SYSTEM_AUDIO + monitored_output if monitored_output is not None else description


def _unique(sources: list[PulseSource]) -> list[PulseSource]:
    """Two sources with one description (two identical headsets) get " (2)", " (3)"… in the
    order of their server names, not of the server's list: a device is chosen and saved by
    its label, and the list's order changes with the order they were plugged in, so "(2)"
    would name the other headset after a restart. A USB headset's server name holds its
    serial number, where it has one, so its label stays its own; two without one cannot be
    told apart by anything the server keeps."""
    alike: dict[str, list[str]] = {}
    for source in sources:
        alike.setdefault(source.label, []).append(source.name)
    unique = []
    for source in sources:
        rank = sorted(alike[source.label]).index(source.name)
        unique.append(replace(source, label=f"{source.label} ({rank + 1})") if rank else source)
    return unique


def source_env(source_name: str | None) -> contextlib.AbstractContextManager[None]:
    """``PULSE_SOURCE`` set to ``source_name`` (None: left alone) while an input stream opens."""
    return _server_env("PULSE_SOURCE", source_name)


def sink_env(sink_name: str | None) -> contextlib.AbstractContextManager[None]:
    """``PULSE_SINK`` set to ``sink_name`` (None: left alone) while an output stream opens
    (libpulse takes its default sink from it, as it takes its default source from
    ``PULSE_SOURCE``)."""
    return _server_env("PULSE_SINK", sink_name)


@contextlib.contextmanager
def _server_env(variable: str, name: str | None) -> Iterator[None]:
    """The environment ``variable`` set to ``name`` (None: left alone) for the duration, one
    stream opening at a time in this process (inputs and outputs alike: the environment is
    the whole process's)."""
    if name is None:
        yield
        return
    with _ENV_LOCK:
        before = os.environ.get(variable)
        os.environ[variable] = name
        try:
            yield
        finally:
            if before is None:
                del os.environ[variable]
            else:
                os.environ[variable] = before
