"""The PySide6 window: widgets show the core's state and send it intents, nothing more."""
