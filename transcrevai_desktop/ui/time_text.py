"""How the window writes a length of time or a moment in a recording, everywhere alike."""

from __future__ import annotations


def clock(seconds: float) -> str:
    """ "0:42", "12:05", "1:02:03": minutes and seconds, hours only from an hour on."""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
