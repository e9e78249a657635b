"""TranscrevAI Desktop: local live transcription with Whisper."""

__version__ = "0.1.0"
