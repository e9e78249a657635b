"""Input devices as PortAudio (through sounddevice) sees them, and the format to open them in."""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType

from transcrevai_desktop.core.errors import DeviceNotFound

MODEL_RATE = 16_000


def portaudio() -> ModuleType:
    """Import sounddevice, turning a missing PortAudio library into a clear error."""
    try:
        import sounddevice
    except OSError as error:
        raise DeviceNotFound(
            "PortAudio is not installed, so no microphone can be opened "
            "(on Debian/Ubuntu: sudo apt install libportaudio2)."
        ) from error
    return sounddevice


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    host_api: str
    channels: int
    default_samplerate: float
    is_default: bool


def list_input_devices() -> list[InputDevice]:
    sd = portaudio()
    try:
        devices = sd.query_devices()
        host_apis = sd.query_hostapis()
        default_input = sd.default.device[0]
    except sd.PortAudioError as error:
        raise DeviceNotFound(f"The sound system could not list devices: {error}.") from error
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


def find_input_device(spec: str | int | None = None) -> InputDevice:
    """The device with this index, exact name, or name fragment; the default one for ``None``."""
    devices = list_input_devices()
    if not devices:
        raise DeviceNotFound("No microphone or other input device was found.")
    if spec is None or spec == "":
        return next((d for d in devices if d.is_default), devices[0])
    text = str(spec).strip()
    if text.isdigit():
        match = [d for d in devices if d.index == int(text)]
    else:
        match = [d for d in devices if d.name == text] or [
            d for d in devices if text.lower() in d.name.lower()
        ]
    if not match:
        names = ", ".join(f"{d.index}: {d.name}" for d in devices)
        raise DeviceNotFound(f"No input device matches '{text}'. Available: {names}.")
    return match[0]


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
    raise DeviceNotFound(f"The input device '{device.name}' accepts no format that can be opened.")
