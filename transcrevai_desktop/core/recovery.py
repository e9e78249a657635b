"""After a crash: make a killed recording's .wav whole again.

The recorder rewrites the WAV header every half second, so a killed process leaves a file that
plays, but whose header may not count the last blocks written after it. ``repair_wav`` makes the
header count every complete frame in the file. Nothing is ever deleted.
"""

from __future__ import annotations

import logging
import struct
from pathlib import Path
from typing import BinaryIO

from PySide6.QtCore import QCoreApplication

from transcrevai_desktop.core.errors import StorageError

log = logging.getLogger(__name__)


def repair_wav(path: Path) -> float:
    """Make the RIFF and data sizes of ``path`` match the frames on disk; return its seconds.

    For the recorder's files, whose ``data`` chunk is the last one: everything after its start
    is audio. A trailing partial frame (a write cut short) is dropped.
    """
    try:
        with Path(path).open("r+b") as wav:
            return _repair(wav, Path(path).stat().st_size)
    except OSError as error:
        raise StorageError(
            QCoreApplication.translate(
                "StorageError", "The recording {file} cannot be repaired: {reason}."
            ).format(file=path, reason=error.strerror)
        ) from error
    except (struct.error, ValueError, ZeroDivisionError) as error:
        raise StorageError(
            QCoreApplication.translate(
                "StorageError", "The recording {file} is not a WAV file this app wrote."
            ).format(file=path)
        ) from error


def _repair(wav: BinaryIO, size: int) -> float:
    riff, _, wave = struct.unpack("<4sI4s", wav.read(12))
    if riff != b"RIFF" or wave != b"WAVE":
        raise ValueError("not RIFF/WAVE")
    offset, rate, block_align = 12, 0, 0
    while offset + 8 <= size:
        wav.seek(offset)
        chunk, length = struct.unpack("<4sI", wav.read(8))
        if chunk == b"fmt ":
            _, _, rate, _, block_align = struct.unpack("<HHIIH", wav.read(14))
        elif chunk == b"data":
            frames = (size - offset - 8) // block_align
            data_length = frames * block_align
            if length != data_length or size != offset + 8 + data_length:
                log.warning("Repairing %s: header counted %d bytes, file holds %d", wav.name,
                            length, data_length)  # fmt: skip
                wav.seek(4)
                wav.write(struct.pack("<I", offset + data_length))  # RIFF size: all but 8 bytes
                wav.seek(offset + 4)
                wav.write(struct.pack("<I", data_length))
                wav.truncate(offset + 8 + data_length)
            return frames / rate
        offset += 8 + length + (length & 1)
    raise ValueError("no data chunk")
