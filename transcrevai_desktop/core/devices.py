"""Input devices by the names the user knows, and the format to open them in.

On a PulseAudio or PipeWire desktop (PortAudio lists a ``pulse`` device) the inputs are the
sound server's sources (``core.pulse_sources``): every microphone by its description and every
output's monitor as "System audio: <output>", each opened through PortAudio's ``pulse`` device.
Elsewhere (Windows, macOS, a bare ALSA system) they are PortAudio's own devices, those of the
default input's host API (Windows lists each input under four); the computer's sound is then
recorded from a loopback device (WASAPI's, Windows' "Stereo Mix", VB-CABLE; BlackHole on
macOS), which appears in that list like a microphone. The list is read again at each call, so
it follows devices plugged in or removed while the app runs (on PulseAudio; PortAudio's own
list is read once, when it starts).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from types import ModuleType

from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.errors import DeviceNotFound
from transcrevai_desktop.core.pulse_sources import (
    PULSE_DEVICE,
    SYSTEM_AUDIO,
    pulse_sources,
    saved_device,
    shown_device,
)
from transcrevai_desktop.core.texts import QT_TRANSLATE_NOOP

MODEL_RATE = 16_000
WAV_SUBTYPE = "PCM_16"  # how a recording's .wav keeps its samples (16-bit)
_WASAPI_LOOPBACK = "[loopback]"  # PortAudio's WASAPI loopback of an output (19.7 and later)
LOOPBACK_NAMES = (  # how inputs that hear the computer's sound are named, lower case
    _WASAPI_LOOPBACK,
    "stereo mix",  # Windows' own, on many sound cards ("Mixagem estéreo" in Portuguese)
    "mixagem est",
    "what u hear",
    "cable output",  # VB-CABLE
    "blackhole",  # macOS
    "loopback audio",  # Rogue Amoeba's Loopback, macOS
    "soundflower",
    "monitor of ",  # a PulseAudio monitor as ALSA names it
)
# English; shown translated: ``loopback_help()`` (or ``QCoreApplication.translate("InputDevice",
# LOOPBACK_HELP)``)
LOOPBACK_HELP = QT_TRANSLATE_NOOP(
    "InputDevice",
    'On Windows enable "Stereo Mix" in the sound settings or install a loopback device such '
    "as VB-CABLE; on macOS install BlackHole.",
)


NO_SOUND_SERVER = QT_TRANSLATE_NOOP(
    "InputDevice",
    "On Linux it is heard through the PulseAudio or PipeWire sound server (pipewire-pulse), "
    "and none is running.",
)
_LINUX_HOST_APIS = ("ALSA", "JACK Audio Connection Kit", "OSS")  # PortAudio's names


def loopback_help() -> str:
    """How to record the computer's sound where no input hears it, in the user's language."""
    return QCoreApplication.translate("InputDevice", LOOPBACK_HELP)


def portaudio() -> ModuleType:
    """Import sounddevice, turning a missing PortAudio library into a clear error."""
    try:
        import sounddevice as module
    except OSError as error:
        raise DeviceNotFound(
            QCoreApplication.translate(
                "DeviceNotFound",
                "PortAudio is not installed, so no microphone can be opened "
                "(on Debian/Ubuntu: sudo apt install libportaudio2).",
            )
        ) from error
    sounddevice: ModuleType = module  # sounddevice has no type information
    return sounddevice


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    host_api: str
    channels: int
    default_samplerate: float
    is_default: bool
    pulse_source: str | None = None  # a sound server source, opened through ``pulse``
    is_system_audio: bool = False  # what the computer plays, not a microphone


def list_input_devices() -> list[InputDevice]:
    """The inputs to offer: the sound server's sources where there is one, else PortAudio's
    devices."""
    return list(connected_inputs().offered)


@dataclass(frozen=True)
class Inputs:
    """The inputs connected at one moment: those ``offered`` (``list_input_devices``), and
    PortAudio's own devices, which open too where they are named exactly (``pulse``, a
    device saved from another host API)."""

    offered: tuple[InputDevice, ...]
    portaudio: tuple[InputDevice, ...]

    def find(self, spec: str | int | None = None) -> InputDevice:
        """``find_input_device`` among these."""
        devices = self.offered
        if not devices:
            raise no_input_error()
        if spec is None or spec == "":
            return next((d for d in devices if d.is_default), devices[0])
        text = saved_device(str(spec).strip())
        if text.isdigit():
            match = [d for d in self.portaudio if d.index == int(text)]
        else:
            match = (
                [d for d in devices if text in (d.name, d.pulse_source)]
                or [d for d in self.portaudio if d.name == text]
                or [d for d in devices if _fragment_of(text, d)]
            )
        if not match:
            names = ", ".join(shown_device(_shown(d)) for d in devices)
            raise DeviceNotFound(
                QCoreApplication.translate(
                    "DeviceNotFound", "No input device matches '{device}'. Available: {devices}."
                ).format(device=shown_device(text), devices=names)
            )
        return match[0]


def connected_inputs() -> Inputs:
    """The inputs connected now. Asks the sound server, which may take ``ANSWER_TIMEOUT``
    (``core.pulse_sources``) when it hangs: the window asks off its thread (``ui.input_list``)."""
    portaudio_devices = _portaudio_devices()
    return Inputs(tuple(_offered(portaudio_devices)), tuple(portaudio_devices))


def _offered(devices: list[InputDevice]) -> list[InputDevice]:
    """The inputs to offer, given PortAudio's ``devices``."""
    pulse = next((d for d in devices if d.name == PULSE_DEVICE), None)
    sources = pulse_sources() if pulse is not None else None
    if pulse is None or not sources:
        return [replace(d, is_system_audio=is_loopback(d.name)) for d in _one_host_api(devices)]
    return [
        InputDevice(
            index=pulse.index,
            name=source.label,
            host_api="PulseAudio",
            channels=source.channels,
            default_samplerate=pulse.default_samplerate,  # the server converts
            is_default=source.is_default,
            pulse_source=source.name,
            is_system_audio=source.is_monitor,
        )
        for source in sources
    ]


def _one_host_api(devices: list[InputDevice]) -> list[InputDevice]:
    """The devices of the default input's host API, and the loopbacks only WASAPI lists: on
    Windows PortAudio lists every input once per host API (MME, DirectSound, WASAPI, WDM-KS),
    so each microphone would be offered four times. A device saved by its exact name from
    another host API still opens (``find_input_device``)."""
    default = next((d for d in devices if d.is_default), None)
    if default is None:
        return devices
    return [
        d for d in devices if d.host_api == default.host_api or _WASAPI_LOOPBACK in d.name.lower()
    ]


def is_loopback(name: str) -> bool:
    """Whether a PortAudio device of this name hears the computer's sound."""
    return any(part in name.lower() for part in LOOPBACK_NAMES)


def _portaudio_devices() -> list[InputDevice]:
    sd = portaudio()
    try:
        devices = sd.query_devices()
        host_apis = sd.query_hostapis()
        default_input = sd.default.device[0]
    except sd.PortAudioError as error:
        raise DeviceNotFound(
            QCoreApplication.translate(
                "DeviceNotFound", "The sound system could not list devices: {error}."
            ).format(error=error)
        ) from error
    return [
        InputDevice(
            index=index,
            name=info["name"],
            host_api=host_apis[info["hostapi"]]["name"],
            channels=info["max_input_channels"],
            default_samplerate=info["default_samplerate"],
            is_default=index == default_input,
        )
        for index, info in enumerate(devices)
        if info["max_input_channels"] > 0
    ]


def no_input_error() -> DeviceNotFound:
    """What is said where the system offers no input at all."""
    return DeviceNotFound(
        QCoreApplication.translate(
            "DeviceNotFound", "No microphone or other input device was found."
        )
    )


def find_input_device(spec: str | int | None = None) -> InputDevice:
    """The device with this name, name fragment or sound server source name, or a PortAudio
    device by index or exact name (``pulse``: the server's default source); the default one
    for ``None``. ``DeviceNotFound`` names what is missing: a device that is gone is never
    silently replaced by another."""
    return connected_inputs().find(spec)


def _fragment_of(text: str, device: InputDevice) -> bool:
    """Whether ``text`` is part of ``device``'s name, for names typed in part ("--device usb").
    An output's sound matches only by its "System audio" part too: a laptop's (or a Bluetooth
    headset's) microphone and speakers share a description, and a microphone saved by that
    description and not connected now would otherwise record the speakers."""
    text, name = text.lower(), device.name.lower()
    if device.pulse_source is not None and device.is_system_audio:
        return text in name and text not in name.removeprefix(SYSTEM_AUDIO.lower())
    return text in name


def default_system_audio() -> InputDevice:
    """The input that hears what the default output plays: a sound server's monitor of it,
    else the loopback device named after it (WASAPI's "Speakers (Realtek Audio) [Loopback]";
    the default output's name may be cut short, as MME cuts names to 31 characters), else the
    first loopback device (``LOOPBACK_NAMES``); ``DeviceNotFound`` where the system offers
    none."""
    inputs = list_input_devices()
    heard = [d for d in inputs if d.is_system_audio]
    if not heard:  # on Linux, its sound server is not running: Stereo Mix is no advice there
        linux = any(d.host_api in _LINUX_HOST_APIS for d in inputs)
        help = QCoreApplication.translate("InputDevice", NO_SOUND_SERVER) if linux else None
        raise DeviceNotFound(
            QCoreApplication.translate(
                "DeviceNotFound", "No input hears the computer's sound. {help}"
            ).format(help=help or loopback_help())
        )
    if any(d.pulse_source is not None for d in heard):
        return next((d for d in heard if d.is_default), heard[0])
    output = (_default_output_name() or "").lower()
    return next((d for d in heard if output and d.name.lower().startswith(output)), heard[0])


def _default_output_name() -> str | None:
    """PortAudio's default output's name, or None where there is none."""
    sd = portaudio()
    try:
        name = sd.query_devices(sd.default.device[1])["name"]
    except (sd.PortAudioError, ValueError, TypeError, IndexError):
        return None
    return str(name)


def _shown(device: InputDevice) -> str:
    """How a device is named in lists: by name, with its PortAudio index where that picks it."""
    return device.name if device.pulse_source is not None else f"{device.index}: {device.name}"


def capture_format(device: InputDevice, channels: int = 1) -> tuple[int, int]:
    """(sample rate, channels) to open ``device`` with: 16 kHz mono where offered, else
    native. With ``channels`` > 1 (each channel a person), that many channels, or as many as
    the device has."""
    sd = portaudio()
    native = int(device.default_samplerate)
    wanted = min(device.channels, channels)
    formats = [(MODEL_RATE, wanted), (native, wanted)]
    if wanted == 1:
        formats.append((native, min(device.channels, 2)))
    for rate, channels in formats:
        try:
            sd.check_input_settings(
                device=device.index, samplerate=rate, channels=channels, dtype="float32"
            )
        except (sd.PortAudioError, ValueError):
            continue
        return rate, channels
    raise DeviceNotFound(
        QCoreApplication.translate(
            "DeviceNotFound", "The input device '{device}' accepts no format that can be opened."
        ).format(device=shown_device(device.name))
    )
